#!/usr/bin/env python3
"""Generate govdoc's scanned-document samples from its own born-digital report PDFs.

    python3 samples/make_scan_samples.py [OUTDIR]

OUTDIR defaults to this folder (samples/).  Needs poppler's `pdftoppm`, Pillow, numpy,
img2pdf and pikepdf; Ghostscript (`gs`) for the Group 3 fax pages.  A scan is simulated the way an office scanner and its PDF
software make one: the printed page rendered at the scanner's resolution, a red round
seal stamped on it (multiplied, as ink over ink: black text under the seal stays
black), a small skew from feeding the sheet by hand, sensor noise, JPEG compression,
then wrapped into an image-only PDF (one DCT image XObject covering each page, no text
layer).  Every random draw comes from a seeded generator and the PDFs are normalized
(fixed dates, static /ID), so two runs give byte-identical files.

scan-report-2021-mixed.pdf    report-2021-distinct.pdf with pages 1, 2 and 4 as printed
                              (born-digital, text layer) and page 3 replaced by its scan:
                              300 dpi, skew +1.2°, light noise, colour JPEG quality 40, a
                              seal over the top-left corner of the applications table, which
                              starts on digital page 2 and goes on on the scanned page 3.
scan-report-2019-200-noisy.pdf pages 2-3 of report-2019-libreoffice.pdf (the three tables
                              and the closing sections), 200 dpi, skew -1.5° / +2.0°, stronger
                              noise, JPEG quality 35: page 2 grey, page 3 colour with a seal
                              over its table's top-left corner and one over the closing
                              lines, where the signature goes.
scan-report-2021-turned.pdf   report-2021-distinct.html printed by headless Chromium on
                              landscape A4 (9 pages), pages 5-7 (the applications table, which
                              runs from page 4 over pages 5-8) replaced by scans fed the wrong
                              way round, as a scanner delivers a landscape sheet: page 5's image
                              turned 90° counter-clockwise and page 6's 90° clockwise, each on
                              a portrait page; page 7 upside down on its landscape page.  300
                              dpi, skew -0.8° / +0.6° / +1.0°, light noise, grey JPEG quality 40.

scan-report-2019-fax.pdf      report-2019-libreoffice.pdf's three pages scanned bilevel, as a
                              fax or a document scanner in black-and-white mode stores them: 300
                              dpi, skew +0.6° / -0.4° / +0.8°, light noise, then a fixed
                              threshold; page 1 CCITT Group 4 (a Pillow/libtiff G4 TIFF wrapped
                              by img2pdf: /K -1, /BlackIs1 true, /Rows), page 2 Group 3 2D
                              (re-encoded by Ghostscript's pdfwrite: /K 2, /BlackIs1 true,
                              /EndOfLine true), page 3 Group 3 1D (Ghostscript: /K 0,
                              /EncodedByteAlign true, /EndOfLine true).

Only the pages that matter are scanned, and at quality 40, to keep the files small (a
300-dpi page of text is ~400 KB as JPEG even at that quality).
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_pdf_samples import normalize_pdf  # noqa: E402

SEAL_RED = (215, 35, 40)
SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"


def render(pdf: Path, page: int, dpi: int) -> Image.Image:
    """One page of `pdf` as pdftoppm renders it (RGB, anti-aliased)."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "p"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        with Image.open(f"{stem}.png") as im:
            return im.convert("RGB")


def seal(diameter: int, name: str) -> Image.Image:
    """A round official seal: double ring, five-pointed star, the agency's name along the
    upper arc and 公章 below, in red on white (to be multiplied onto the page)."""
    size = diameter
    im = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(im)
    ring = max(2, size // 30)
    d.ellipse([ring, ring, size - ring, size - ring], outline=SEAL_RED, width=ring)
    c = size / 2
    # Star.
    r_out, r_in = size * 0.17, size * 0.068
    points = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        points.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(points, fill=SEAL_RED)
    # Name along the upper arc, one character at a time, each turned to the arc.
    font = ImageFont.truetype(SEAL_FONT, int(size * 0.12))
    n = len(name)
    span = math.radians(220)
    for k, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (k + 0.5) / n
        glyph = Image.new("L", (int(size * 0.16), int(size * 0.16)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        r = size * 0.36
        x, y = c + r * math.cos(a) - glyph.width / 2, c + r * math.sin(a) - glyph.height / 2
        im.paste(Image.new("RGB", glyph.size, SEAL_RED), (int(x), int(y)), glyph)
    small = ImageFont.truetype(SEAL_FONT, int(size * 0.09))
    d.text((c, c + size * 0.27), "公章", font=small, fill=SEAL_RED, anchor="mm")
    return im


def stamp(page: Image.Image, centre: tuple[float, float], diameter_in: float, dpi: int, name: str) -> Image.Image:
    """Multiplies a seal onto `page` centred at `centre` (fractions of the page)."""
    s = seal(int(diameter_in * dpi), name)
    x = int(centre[0] * page.width - s.width / 2)
    y = int(centre[1] * page.height - s.height / 2)
    region = page.crop((x, y, x + s.width, y + s.height))
    a = np.asarray(region, dtype=np.uint16)
    b = np.asarray(s, dtype=np.uint16)
    # Ink is not opaque: a little of the paper below shows through the red.
    mixed = (a * b // 255).astype(np.uint8)
    page.paste(Image.fromarray(mixed), (x, y))
    return page


def degrade(page: Image.Image, skew_deg: float, noise: float, rng: np.random.Generator) -> Image.Image:
    """Skew by feeding, then sensor noise; the page area outside the turned sheet is the
    scanner lid's white."""
    page = page.rotate(skew_deg, resample=Image.BICUBIC, expand=False, fillcolor="white")
    if noise > 0:
        a = np.asarray(page, dtype=np.float32)
        a = a + rng.normal(0.0, noise, a.shape[:2])[..., None]
        page = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return page


def jpeg(page: Image.Image, dpi: int, quality: int, grey: bool) -> bytes:
    buf = io.BytesIO()
    im = page.convert("L") if grey else page
    im.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


def image_pdf(jpegs: list[bytes], out: Path) -> None:
    """Image-only PDF: each JPEG embedded as is (DCTDecode), sized by its dpi."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.pdf"
        raw.write_bytes(img2pdf.convert(jpegs, nodate=True))
        normalize_pdf(raw, out)


def scan(pdf: Path, pages: list[dict], dpi: int, seed: int, name: str) -> list[bytes]:
    rng = np.random.default_rng(seed)
    out = []
    for spec in pages:
        page = render(pdf, spec["page"], dpi)
        for centre in spec.get("seals", []):
            page = stamp(page, centre, 1.5, dpi, name)
        page = degrade(page, spec["skew"], spec["noise"], rng)
        # A sheet fed sideways or upside down: the scanner's image holds the page
        # turned by this many degrees counter-clockwise.
        if spec.get("turn"):
            page = page.rotate(spec["turn"], expand=True)
        out.append(jpeg(page, dpi, spec["quality"], spec.get("grey", False)))
    return out


def bilevel(page: Image.Image, threshold: int = 160) -> Image.Image:
    """A scanner's black-and-white mode: grey, then a fixed threshold."""
    return page.convert("L").point(lambda v: 255 if v >= threshold else 0).convert("1")


def fax_page_pdf(page: Image.Image, dpi: int, out: Path, ghostscript_fax: str | None) -> None:
    """One bilevel page as an image-only PDF: a CCITT Group 4 TIFF (Pillow through
    libtiff) wrapped by img2pdf, which embeds its G4 data as is; with
    `ghostscript_fax`, that PDF re-encoded by Ghostscript's pdfwrite with those
    CCITTFaxEncode parameters (its /MonoImageDict)."""
    with tempfile.TemporaryDirectory() as tmp:
        tiff = Path(tmp) / "page.tif"
        page.save(tiff, compression="group4", dpi=(dpi, dpi))
        g4 = Path(tmp) / "g4.pdf"
        g4.write_bytes(img2pdf.convert(str(tiff), nodate=True))
        if ghostscript_fax is None:
            out.write_bytes(g4.read_bytes())
            return
        params = (
            f"<< /MonoImageFilter /CCITTFaxEncode /MonoImageDict << {ghostscript_fax} >> "
            "/EncodeMonoImages true /DownsampleMonoImages false /AutoFilterMonoImages false >> setdistillerparams"
        )
        subprocess.run(
            ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", "-c", params, "-f", str(g4)],
            check=True,
        )


def chromium_landscape(html: Path, out_pdf: Path) -> None:
    """`html` (a LibreOffice HTML export, whose @page rule gives A4 portrait) printed on
    landscape A4 by headless Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "landscape.html"
        text = html.read_text(encoding="utf-8")
        portrait = "@page { size: 8.27in 11.69in;"
        if portrait not in text:
            raise SystemExit(f"{html} has no A4 portrait @page rule")
        source.write_text(text.replace(portrait, "@page { size: 11.69in 8.27in;"), encoding="utf-8")
        from make_chromium_samples import chromium_print

        chromium_print(source, out_pdf)


def main() -> None:
    import pikepdf

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)

    src21 = HERE / "report-2021-distinct.pdf"
    # The applications table's top-left corner.
    page3 = [{"page": 3, "skew": 1.2, "noise": 3.0, "quality": 40, "seals": [(0.2, 0.12)]}]
    jpegs21 = scan(src21, page3, 300, seed=2021, name="滨海县交通运输局")
    with tempfile.TemporaryDirectory() as tmp:
        scanned = Path(tmp) / "scanned.pdf"
        scanned.write_bytes(img2pdf.convert(jpegs21, nodate=True))
        raw = Path(tmp) / "mixed.pdf"
        with pikepdf.open(src21) as digital, pikepdf.open(scanned) as scans:
            mixed = pikepdf.new()
            mixed.pages.extend(digital.pages[:2])
            mixed.pages.extend(scans.pages)
            mixed.pages.append(digital.pages[3])
            mixed.save(raw)
        normalize_pdf(raw, out / "scan-report-2021-mixed.pdf")

    src19 = HERE / "report-2019-libreoffice.pdf"
    pages19 = [
        {"page": 2, "skew": -1.5, "noise": 6.0, "quality": 35, "grey": True},
        # The table's corner, and the closing lines (where the signature goes).
        {"page": 3, "skew": 2.0, "noise": 6.0, "quality": 35, "seals": [(0.14, 0.12), (0.62, 0.62)]},
    ]
    image_pdf(scan(src19, pages19, 200, seed=2019, name="青州市自然资源和规划局"), out / "scan-report-2019-200-noisy.pdf")

    # The 2019 report scanned bilevel, each page with other CCITT parameters.
    rng = np.random.default_rng(2020)
    fax = [
        (1, 0.6, None),
        (2, -0.4, "/K 2 /BlackIs1 true /EndOfLine true"),
        (3, 0.8, "/K 0 /EncodedByteAlign true /EndOfLine true"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        singles = []
        for number, skew, params in fax:
            page = bilevel(degrade(render(src19, number, 300), skew, 2.0, rng))
            one = Path(tmp) / f"page{number}.pdf"
            fax_page_pdf(page, 300, one, params)
            singles.append(pikepdf.open(one))
        raw = Path(tmp) / "fax.pdf"
        with pikepdf.new() as faxed:
            for single in singles:
                faxed.pages.extend(single.pages)
            faxed.save(raw)
        for single in singles:
            single.close()
        normalize_pdf(raw, out / "scan-report-2019-fax.pdf")

    # Landscape pages scanned sideways and upside down, amid digital ones.
    with tempfile.TemporaryDirectory() as tmp:
        landscape = Path(tmp) / "landscape.pdf"
        chromium_landscape(HERE / "report-2021-distinct.html", landscape)
        turned = [
            {"page": 5, "skew": -0.8, "noise": 3.0, "quality": 40, "grey": True, "turn": 90},
            {"page": 6, "skew": 0.6, "noise": 3.0, "quality": 40, "grey": True, "turn": -90},
            {"page": 7, "skew": 1.0, "noise": 3.0, "quality": 40, "grey": True, "turn": 180},
        ]
        scanned = Path(tmp) / "scanned.pdf"
        scanned.write_bytes(img2pdf.convert(scan(landscape, turned, 300, seed=2022, name=""), nodate=True))
        raw = Path(tmp) / "turned.pdf"
        with pikepdf.open(landscape) as digital, pikepdf.open(scanned) as scans:
            if len(digital.pages) != 9:
                raise SystemExit(f"the landscape print has {len(digital.pages)} pages, not 9")
            mixed = pikepdf.new()
            mixed.pages.extend(digital.pages[:4])
            mixed.pages.extend(scans.pages)
            mixed.pages.extend(digital.pages[7:])
            mixed.save(raw)
        normalize_pdf(raw, out / "scan-report-2021-turned.pdf")


if __name__ == "__main__":
    main()
