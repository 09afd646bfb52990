#!/usr/bin/env python3
"""Generate govdoc's JPEG 2000 scan sample from its own born-digital report PDF.

    python3 samples/make_jpx_sample.py [OUTDIR]

OUTDIR defaults to samples/jpx/.  Needs poppler's `pdftoppm`, Pillow built with
OpenJPEG (`python3 -c "from PIL import features; print(features.check('jpg_2000'))"`),
img2pdf and pikepdf.  Some scanners and archiving tools store a page as JPEG 2000; img2pdf
embeds a .jp2 file as is, as a /JPXDecode image XObject covering the page.

scan-page-jpx.pdf   page 1 of report-2019-libreoffice.pdf as a grey scan: rendered at
                    100 dpi, skew +0.7°, light sensor noise, encoded by OpenJPEG (through
                    Pillow) as a JP2 file at a compression ratio of 30, wrapped by img2pdf.
                    One page, kept small: it is for decoding, not for recognition (the
                    tests compare govdoc's decoding of it with pdftoppm's rendering).

The noise comes from a seeded generator and the PDF is normalized (fixed dates, static
/ID), so two runs give byte-identical files.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_pdf_samples import normalize_pdf  # noqa: E402
from make_scan_samples import degrade, render  # noqa: E402

DPI = 100


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "jpx"
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2019)
    page = render(HERE / "report-2019-libreoffice.pdf", 1, DPI)
    page = degrade(page, 0.7, 4.0, rng).convert("L")
    buf = io.BytesIO()
    page.save(buf, "JPEG2000", quality_mode="rates", quality_layers=[30], irreversible=True, dpi=(DPI, DPI))
    jp2 = buf.getvalue()
    if not jp2.startswith(b"\x00\x00\x00\x0cjP  "):
        raise SystemExit("Pillow did not write a JP2 file")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.pdf"
        raw.write_bytes(img2pdf.convert(jp2, nodate=True, layout_fun=img2pdf.get_fixed_dpi_layout_fun((DPI, DPI))))
        normalize_pdf(raw, out / "scan-page-jpx.pdf")
    with Image.open(io.BytesIO(jp2)) as check:
        print(f"scan-page-jpx.pdf: {check.size[0]}×{check.size[1]} {check.mode}, {len(jp2)} bytes of JPEG 2000")


if __name__ == "__main__":
    main()
