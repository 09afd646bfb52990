#!/usr/bin/env python3
"""OFD (GB/T 33190) versions of report samples, written by our own generator.

There is no good free OFD writer (easyofd's PDF->OFD output uses a non-standard
namespace and drops every path, so tables lose their rulings). Most real
government OFD files are made by "printing" a WPS/Word document to an OFD
virtual printer, which transcribes the printed layout. This script does the
same with the layout LibreOffice printed into the committed PDF samples
(`<stem>.pdf`, exported from `<stem>.docx` by make_pdf_samples.py): every
character is kept where LibreOffice put it, so the OFD must read exactly as
its DOCX does (tests/all/ofd_agreement.rs).

What the files hold, following GB/T 33190 and the conventions of the real
files in ../shared/corpora/ofd (Suwell, Foxit, ofdrw output):

- OFD.xml -> DocBody/DocInfo + DocRoot Doc_0/Document.xml
- Doc_0/Document.xml: CommonData (PageArea/PhysicalBox in mm, PublicRes,
  TemplatePage, MaxUnitID) and Pages
- Doc_0/PublicRes.xml: Fonts (FontName, Bold) and one DrawParam (the table
  line width and colour the layers inherit)
- Doc_0/Tpls/Tpl_0/Content.xml: a background template page (a thin rule under
  the page's top margin, as 红头 templates draw) that every page names
- Doc_0/Pages/Page_N/Content.xml: one Layer naming the DrawParam; one
  TextObject per run of characters (Boundary in mm, Font, Size, TextCode with
  X/Y and DeltaX in the `g n v` repeat form); one PathObject per table line
  (AbbreviatedData `M 0 0 L w h`, inheriting LineWidth and StrokeColor from
  the DrawParam unless it differs); filled rectangles as filled paths
- names in the zip in UTF-8, entries deflated, fixed dates (deterministic)

Usage: python3 samples/make_ofd_samples.py [SAMPLES_DIR]   (needs pdfplumber)
"""

import hashlib
import os
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

import pdfplumber

# Every report sample: the OFD <stem>.ofd transcribes <stem>.pdf.
STEMS = [
    "report-2019-libreoffice",
    "report-2021-distinct",
    "report-2021-one-row-other",
    "report-annex-renumbered",
    "report-blank-cells",
    "report-check-errors",
    "report-label-typos",
    "seed-shishi-commerce-2019",
    "split-continued-marker",
    "split-different-columns",
    "split-header-only",
    "split-no-header",
    "split-repeated-header",
    "split-row",
]
SAMPLES = [(stem, f"{stem}.pdf") for stem in STEMS]

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
MM_PER_PT = 25.4 / 72.0
# The DrawParam every page's layer names: LibreOffice's table lines.
DEFAULT_LINE_PT = 0.5
FIXED_DATE = (2024, 1, 1, 0, 0, 0)


def mm(v):
    """Points to millimetres, written the way real producers do (4 places)."""
    s = f"{v * MM_PER_PT:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def repeat_form(values):
    """DeltaX values with runs written as `g n v` (GB/T 33190 §11.3)."""
    out = []
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        n = j - i
        out.append(f"g {n} {values[i]}" if n > 2 else " ".join([values[i]] * n))
        i = j
    return " ".join(out)


def base_font(name):
    return name.split("+", 1)[1] if "+" in name else name


def rgb255(color):
    """pdfplumber colour tuple -> OFD RGB value string, or None for black."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    color = tuple(float(c) for c in color if isinstance(c, (int, float)))
    if len(color) == 1:
        color = color * 3
    if len(color) == 4:  # CMYK
        c, m, y, k = color
        color = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    if len(color) != 3:
        return None
    values = [round(max(0.0, min(1.0, c)) * 255) for c in color]
    return None if values == [0, 0, 0] else " ".join(str(v) for v in values)


def runs(chars):
    """Characters grouped as a producer writes text objects: same font, size
    and baseline, moving right, no wide jump."""
    run = []
    for ch in chars:
        if run:
            prev = run[-1]
            same = (
                ch["fontname"] == prev["fontname"]
                and abs(ch["size"] - prev["size"]) < 0.01
                and abs(ch["matrix"][5] - prev["matrix"][5]) < 0.01
                and ch["x0"] >= prev["x0"]
                and ch["x0"] - prev["x1"] < 2 * ch["size"]
            )
            if not same:
                yield run
                run = []
        run.append(ch)
    if run:
        yield run


class Ids:
    def __init__(self):
        self.n = 0

    def next(self):
        self.n += 1
        return self.n


def page_xml(page, ids, fonts, template_id, draw_param_id):
    height = page.height
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page {NS}>']
    parts.append(f'<ofd:Template TemplateID="{template_id}" ZOrder="Background"/>')
    parts.append(f'<ofd:Content><ofd:Layer ID="{ids.next()}" DrawParam="{draw_param_id}">')
    # Table lines: stroked segments, one path object each.
    for line in page.lines:
        x0, x1, top, bottom = line["x0"], line["x1"], line["top"], line["bottom"]
        width = line.get("linewidth") or DEFAULT_LINE_PT
        attrs = f'ID="{ids.next()}" Boundary="{mm(x0)} {mm(top)} {mm(x1 - x0)} {mm(bottom - top)}"'
        if abs(width - DEFAULT_LINE_PT) > 1e-3:
            attrs += f' LineWidth="{mm(width)}"'
        color = rgb255(line.get("stroking_color"))
        inner = f'<ofd:StrokeColor Value="{color}"/>' if color else ""
        parts.append(
            f"<ofd:PathObject {attrs}>{inner}<ofd:AbbreviatedData>M 0 0 L {mm(x1 - x0)} {mm(bottom - top)}</ofd:AbbreviatedData></ofd:PathObject>"
        )
    # Filled rectangles (Word-style borders, shading): filled paths.
    for rect in page.rects:
        x0, x1, top, bottom = rect["x0"], rect["x1"], rect["top"], rect["bottom"]
        w, h = mm(x1 - x0), mm(bottom - top)
        fill = rgb255(rect.get("non_stroking_color")) if rect.get("fill") else None
        attrs = f'ID="{ids.next()}" Boundary="{mm(x0)} {mm(top)} {w} {h}"'
        attrs += f' Fill="{"true" if rect.get("fill") else "false"}" Stroke="{"true" if rect.get("stroke") else "false"}"'
        inner = f'<ofd:FillColor Value="{fill or "0 0 0"}"/>' if rect.get("fill") else ""
        parts.append(
            f"<ofd:PathObject {attrs}>{inner}<ofd:AbbreviatedData>M 0 0 L {w} 0 L {w} {h} L 0 {h} C</ofd:AbbreviatedData></ofd:PathObject>"
        )
    # Text: one object per run, the run's box as Boundary, the baseline as Y.
    for run in runs(page.chars):
        first = run[0]
        size = first["size"]
        font = fonts.setdefault(base_font(first["fontname"]), 1000 + len(fonts))
        x0 = first["x0"]
        top = min(c["top"] for c in run)
        bottom = max(c["bottom"] for c in run)
        x1 = max(c["x1"] for c in run)
        baseline = height - first["matrix"][5]
        deltas = [mm(b["x0"] - a["x0"]) for a, b in zip(run, run[1:])]
        text = "".join(c["text"] for c in run)
        code = f'<ofd:TextCode X="0" Y="{mm(baseline - top)}"'
        if deltas:
            code += f' DeltaX="{repeat_form(deltas)}"'
        code += f">{escape(text)}</ofd:TextCode>"
        color = rgb255(first.get("non_stroking_color"))
        inner = f'<ofd:FillColor Value="{color}"/>' if color else ""
        parts.append(
            f'<ofd:TextObject ID="{ids.next()}" Boundary="{mm(x0)} {mm(top)} {mm(x1 - x0)} {mm(bottom - top)}" Font="{font}" Size="{mm(size)}">{inner}{code}</ofd:TextObject>'
        )
    parts.append("</ofd:Layer></ofd:Content></ofd:Page>\n")
    return "".join(parts)


def template_xml(width, ids):
    """A background template: a hairline under the top margin, left to right
    margin (as 红头 templates carry their red rule), drawn white here so it
    shows how templates are read without changing what the page says."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page {NS}><ofd:Content><ofd:Layer ID="{ids.next()}" Type="Background">'
        f'<ofd:PathObject ID="{ids.next()}" Boundary="0 10 {mm(width)} 1" LineWidth="0.1">'
        '<ofd:StrokeColor Value="255 255 255"/><ofd:AbbreviatedData>M 0 0.5 L '
        f"{mm(width)} 0.5</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>\n"
    )


def build(pdf_path, stem):
    ids = Ids()
    fonts = {}
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
        template_id = ids.next()
        draw_param_id = ids.next()
        template = template_xml(width, ids)
        for page in pdf.pages:
            page_id = ids.next()
            pages.append((page_id, page_xml(page, ids, fonts, template_id, draw_param_id)))
    font_xml = "".join(
        f'<ofd:Font ID="{fid}" FontName={quoteattr(name)} FamilyName={quoteattr(name.split("-")[0])}'
        + (' Bold="true"' if "bold" in name.lower() else "")
        + "/>"
        for name, fid in sorted(fonts.items(), key=lambda kv: kv[1])
    )
    public_res = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res {NS} BaseLoc="Res">'
        f'<ofd:Fonts>{font_xml}</ofd:Fonts>'
        f'<ofd:DrawParams><ofd:DrawParam ID="{draw_param_id}" LineWidth="{mm(DEFAULT_LINE_PT)}">'
        '<ofd:StrokeColor Value="0 0 0"/></ofd:DrawParam></ofd:DrawParams></ofd:Res>\n'
    )
    page_list = "".join(
        f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i, (pid, _) in enumerate(pages)
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document {NS}><ofd:CommonData>'
        f"<ofd:MaxUnitID>{ids.n}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {mm(width)} {mm(height)}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f'<ofd:TemplatePage ID="{template_id}" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        f"</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>\n"
    )
    doc_id = hashlib.sha256(stem.encode()).hexdigest()[:32]
    ofd = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
        f"<ofd:DocID>{doc_id}</ofd:DocID><ofd:CreationDate>2024-01-01</ofd:CreationDate>"
        "<ofd:Creator>govdoc samples/make_ofd_samples.py</ofd:Creator></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n"
    )
    entries = [
        ("OFD.xml", ofd),
        ("Doc_0/Document.xml", document),
        ("Doc_0/PublicRes.xml", public_res),
        ("Doc_0/Tpls/Tpl_0/Content.xml", template),
    ] + [(f"Doc_0/Pages/Page_{i}/Content.xml", xml) for i, (_, xml) in enumerate(pages)]
    return entries


def write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits |= 0x800  # UTF-8 names
            z.writestr(info, text.encode("utf-8"))


def main():
    samples = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for stem, pdf in SAMPLES:
        entries = build(os.path.join(samples, pdf), stem)
        out = os.path.join(samples, f"{stem}.ofd")
        write(out, entries)
        print(f"{out}: {len(entries) - 4} page(s), {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
