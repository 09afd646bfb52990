#!/usr/bin/env python3
"""Generate govdoc's PDF sample documents.

    python3 samples/make_pdf_samples.py [OUTDIR] [--check] [--fixtures tests/fixtures/pdf]

OUTDIR defaults to this folder (samples/); run samples/make_samples.py first, since every
DOCX sample is exported.

Writes the PDFs into OUTDIR (created if missing) and PDF-SAMPLES.txt next to this
script.  Needs: LibreOffice (`soffice`), python-docx, reportlab, pikepdf, fontTools and
the Noto Sans CJK fonts (Debian fonts-noto-cjk).

Every file is deterministic: LibreOffice exports and reportlab output are rewritten by
pikepdf with fixed Info dates, no XMP packet and a static /ID; reportlab runs with
invariant=1.  Two runs give byte-identical files (checked by --check), except the
AES-encrypted ones: qpdf draws random IVs and salts for AES and pikepdf offers no way to
fix them (RC4 files are deterministic).

The files and what each exercises are listed in PDF-SAMPLES (the table at the end of this
file), which is also written out as samples/PDF-SAMPLES.txt.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTO_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FIXED_DATE = "D:20240101000000Z"

# ----------------------------------------------------------------------------------
# shared: make a PDF deterministic
# ----------------------------------------------------------------------------------


def normalize_pdf(src: Path, dst: Path, encryption=None) -> None:
    """Rewrite `src` to `dst` with fixed dates, no XMP and a static ID."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        # qpdf keeps the first /ID element of the input; drop it so both are static.
        # LibreOffice's /DocChecksum changes with the creation time.
        for key in ("/ID", "/DocChecksum"):
            if key in pdf.trailer:
                del pdf.trailer[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                info[key] = pikepdf.String(FIXED_DATE)
        pdf.save(
            dst,
            static_id=True,
            encryption=encryption if encryption is not None else False,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )


# ----------------------------------------------------------------------------------
# LibreOffice exports of the DOCX samples
# ----------------------------------------------------------------------------------


def soffice_export(docx_path: Path, out_pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / (out_pdf.stem + ".docx")
        shutil.copyfile(docx_path, src)
        # A private profile: no shared state with a running LibreOffice, same output
        # every time.
        profile = tmp / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp),
                str(src),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        normalize_pdf(tmp / (out_pdf.stem + ".pdf"), out_pdf)


# LibreOffice 7.4 hangs a full-width comma or full stop that does not fit at the end of
# a line into the right margin (hanging punctuation) — and then leaves it out of the
# PDF altogether (nothing drawn, nothing in the text layer). A PDF that lost text is not
# a faithful export, so the margin is nudged until no punctuation is lost.
MARGIN_NUDGES_CM = [0.0, 0.07, 0.14, 0.21, 0.28, 0.35, 0.42, 0.49, 0.56]


def lost_paragraphs(docx_path: Path, pdf_path: Path) -> list[str]:
    """Body paragraphs of the DOCX whose text (white space aside) is not in the PDF."""
    import docx
    import pdfplumber

    squeeze = lambda t: "".join(t.split())
    with pdfplumber.open(pdf_path) as pdf:
        pdf_text = squeeze("".join(page.extract_text() or "" for page in pdf.pages))
    paragraphs = [squeeze(p.text) for p in docx.Document(docx_path).paragraphs]
    return [p for p in paragraphs if len(p) > 10 and p not in pdf_text]


def soffice_to_pdf(docx_path: Path, out_pdf: Path) -> None:
    """Exports with LibreOffice; if the PDF lost text (see above), exports copies whose
    right margin is a little narrower and keeps the first that lost nothing (or, for a
    document whose DOCX text differs from what Word shows — hidden text, page breaks —
    the one that lost least)."""
    import docx
    from docx.shared import Cm

    best = None
    for nudge in MARGIN_NUDGES_CM:
        with tempfile.TemporaryDirectory() as tmp:
            source = docx_path
            if nudge:
                source = Path(tmp) / docx_path.name
                d = docx.Document(docx_path)
                for section in d.sections:
                    section.right_margin = Cm(section.right_margin.cm - nudge)
                d.core_properties.revision = 1
                d.save(source)
            candidate = Path(tmp) / out_pdf.name
            soffice_export(source, candidate)
            lost = len(lost_paragraphs(docx_path, candidate))
            if best is None or lost < best[0]:
                best = (lost, candidate.read_bytes(), nudge)
            if lost == 0:
                break
    lost, data, nudge = best
    out_pdf.write_bytes(data)
    if nudge or lost:
        print(f"{out_pdf.name}: right margin narrowed by {nudge} cm; paragraphs still differing: {lost}")


def find_table(document, needle: str):
    for table in document.tables:
        if needle in table.rows[0].cells[0].text:
            return table
    raise SystemExit(f"no table starting with {needle!r}")


def docx_margins(src: Path, dst: Path) -> None:
    """A copy with much larger top and bottom margins: fewer lines per page, so the
    tables break across pages at other rows than in the plain export."""
    import docx
    from docx.shared import Cm

    d = docx.Document(src)
    for s in d.sections:
        s.top_margin = Cm(6.0)
        s.bottom_margin = Cm(5.5)
    d.core_properties.revision = 1
    d.save(dst)


def docx_repeated_header(src: Path, dst: Path) -> None:
    """A copy whose section-三 table marks its three header rows w:tblHeader (repeated on
    the next page), with margins that make the table break across pages."""
    import docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    d = docx.Document(src)
    for s in d.sections:
        s.top_margin = Cm(3.0)
        s.bottom_margin = Cm(2.8)
    table = find_table(d, "本列数据的勾稽关系")
    for row in table.rows[:3]:
        tr = row._tr
        trPr = tr.get_or_add_trPr()
        if trPr.find(qn("w:tblHeader")) is None:
            trPr.append(OxmlElement("w:tblHeader"))
    d.core_properties.revision = 1
    d.save(dst)


def make_libreoffice(out: Path) -> None:
    """Every DOCX sample exported by LibreOffice as <stem>.pdf, plus two variants that
    break the tables at other places (<stem>-<variant>.pdf): the agreement test pairs a
    PDF with the DOCX whose stem starts its name."""
    for docx_path in sorted(HERE.glob("*.docx")):
        soffice_to_pdf(docx_path, out / f"{docx_path.stem}.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        margins = tmp / "report-2021-distinct-margins.docx"
        docx_margins(HERE / "report-2021-distinct.docx", margins)
        soffice_to_pdf(margins, out / "report-2021-distinct-margins.pdf")
        repeated = tmp / "seed-shishi-commerce-2019-repeated-header.docx"
        docx_repeated_header(HERE / "seed-shishi-commerce-2019.docx", repeated)
        soffice_to_pdf(repeated, out / "seed-shishi-commerce-2019-repeated-header.pdf")
        for variant in PAGE_END_VARIANTS:
            make_page_end_variant(variant, tmp, out)


# Two tables cut by a page end at a place the table finder once missed (issue 9): the
# section-四 table with its first header row alone at the foot of a page, and the 2019
# section-二 table with its last sub-table (第二十条第（九）项, a two-column header of its
# own) starting on a new page. Each is a copy of a DOCX sample with another top margin
# (and, for the second, space above one heading), values found by probing LibreOffice
# 7.4's layout; the export is checked to break where it should, so a LibreOffice that
# lays the pages out differently stops the script instead of writing a sample that no
# longer shows the case.


def page_lines(pdf_path: Path) -> list[list[str]]:
    """The text lines of each page, white space removed."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return [["".join(line.split()) for line in (page.extract_text() or "").split("\n")] for page in pdf.pages]


def reviews_header_cut(pages: list[list[str]]) -> bool:
    """The section-四 table's first header row (行政复议 | 行政诉讼) ends a page, its
    second (… 未经复议直接起诉 | 复议后起诉) starts the next."""
    return any(
        first and first[-1] == "行政复议行政诉讼" and any("未经复议直接起诉" in line for line in second[:3])
        for first, second in zip(pages, pages[1:])
    )


def last_subtable_cut(pages: list[list[str]]) -> bool:
    """The 2019 section-二 table's 第二十条第（八）项 sub-table ends a page and
    第二十条第（九）项 starts the next."""
    return any(
        any("第二十条第（八）项" in line for line in first) and second and second[0] == "第二十条第（九）项"
        for first, second in zip(pages, pages[1:])
    )


@dataclass
class PageEndVariant:
    source: str                 # the DOCX sample
    name: str                   # the PDF written
    condition: object           # page_lines → bool: the page end falls where it should
    top_margin_cm: float
    space_above: tuple = ()     # (start of a paragraph's text, points of space before it)


PAGE_END_VARIANTS = [
    PageEndVariant("report-2021-distinct.docx", "report-2021-distinct-reviews-header-cut.pdf",
                   reviews_header_cut, 5.2),
    PageEndVariant("report-2019-libreoffice.docx", "report-2019-libreoffice-last-subtable-cut.pdf",
                   last_subtable_cut, 8.31, ("二、主动公开", 34)),
]


def make_page_end_variant(variant: PageEndVariant, tmp: Path, out: Path) -> None:
    import docx
    from docx.shared import Cm, Pt

    d = docx.Document(HERE / variant.source)
    for s in d.sections:
        s.top_margin = Cm(variant.top_margin_cm)
    if variant.space_above:
        start, points = variant.space_above
        for p in d.paragraphs:
            if p.text.startswith(start):
                p.paragraph_format.space_before = Pt(points)
    d.core_properties.revision = 1
    docx_path = tmp / variant.source
    d.save(docx_path)
    soffice_to_pdf(docx_path, out / variant.name)
    if not variant.condition(page_lines(out / variant.name)):
        raise SystemExit(f"{variant.name}: the page end is no longer where {variant.condition.__name__} wants it; "
                         "probe other PAGE_END_VARIANTS values")


# ----------------------------------------------------------------------------------
# reportlab: predefined CJK CMaps, fonts not embedded
# ----------------------------------------------------------------------------------

REPORT_TITLE = "江湾区统计局2023年政府信息公开工作年度报告"
REPORT_PARAS = [
    "一、总体情况",
    "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息128条，"
    "其中规范性文件2件。",
    "二、主动公开政府信息情况",
]
REPORT_TABLE = [
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "3"],
    ["行政规范性文件", "2", "1", "15"],
]
REPORT_TAIL = "三、收到和处理政府信息公开申请情况：本年新收申请46件，办结45件。"
REPORT_LATIN = "Contact: Office of Statistics, tel. 0591-8765 4321"


def make_unigb_ucs2(out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24)
    head = ParagraphStyle("head", fontName="STSong-Light", fontSize=12, leading=20)
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=18, leading=28, alignment=1)
    latin = ParagraphStyle("latin", fontName="Helvetica", fontSize=10, leading=14)
    story = [Paragraph(REPORT_TITLE, title), Spacer(1, 12)]
    for i, text in enumerate(REPORT_PARAS):
        story.append(Paragraph(text, head if text[1:2] == "、" else body))
    table = Table(REPORT_TABLE, colWidths=[130, 100, 100, 100])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 11),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ]
        )
    )
    story += [Spacer(1, 6), table, Spacer(1, 12), Paragraph(REPORT_TAIL, head), Paragraph(REPORT_LATIN, latin)]
    tmp = out / "rl-unigb-ucs2.tmp.pdf"
    doc = SimpleDocTemplate(str(tmp), pagesize=A4, invariant=1, title=REPORT_TITLE, author="govdoc samples")
    doc.build(story)
    normalize_pdf(tmp, out / "rl-unigb-ucs2.pdf")
    tmp.unlink()


def make_gbk_euc(out: Path) -> None:
    """reportlab's CIDFont('STSong-Light', 'GBK-EUC-H') writes the font dictionary; its
    text path does not take GBK in Python 3, so the text operators are written here with
    GBK bytes as hex strings, mixing 1-byte (ASCII digits) and 2-byte codes."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDFont
    from reportlab.pdfgen import canvas

    font = CIDFont("STSong-Light", "GBK-EUC-H")
    pdfmetrics.registerFont(font)
    tmp = out / "rl-gbk-euc.tmp.pdf"
    c = canvas.Canvas(str(tmp), invariant=1, pageCompression=1)
    c.setTitle(REPORT_TITLE)
    c.setAuthor("govdoc samples")
    c.setFont(font.fontName, 12)  # registers the font on the page
    internal = c._doc.getInternalFontName(font.fontName)

    def text(x, y, size, s):
        data = s.encode("gbk").hex().upper()
        c._code.append(f"BT {internal} {size} Tf 1 0 0 1 {x} {y} Tm <{data}> Tj ET")

    text(110, 780, 18, REPORT_TITLE)
    y = 740
    for line in REPORT_PARAS:
        text(72, y, 12, line[:38])
        if len(line) > 38:
            y -= 20
            text(72, y, 12, line[38:])
        y -= 24
    # A ruled table drawn as m/l/S segments.
    xs = [72, 202, 302, 402, 502]
    top = y + 4
    rows = len(REPORT_TABLE)
    ys = [top - 22 * i for i in range(rows + 1)]
    c.setLineWidth(0.5)
    c.grid(xs, ys)
    for r, row in enumerate(REPORT_TABLE):
        for col, cell in enumerate(row):
            text(xs[col] + 4, ys[r] - 16, 11, cell)
    text(72, ys[-1] - 30, 12, REPORT_TAIL)
    c.showPage()
    c.save()
    normalize_pdf(tmp, out / "rl-gbk-euc.pdf")
    tmp.unlink()


def make_jis_vertical(out: Path) -> None:
    """cjk-jis-vertical.pdf: the Japanese predefined CMaps a Type0 font may name without
    any Unicode in the file. reportlab's CIDFont writes the font dictionaries
    (HeiseiMin-W3, Adobe-Japan1, not embedded); as for GBK-EUC-H its text path does not
    take these encodings in Python 3, so the text operators carry the codes as hex:
    a heading in /H (JIS X 0208 row/cell codes: EUC-JP bytes less 0x80), a line in
    90msp-RKSJ-H (Shift-JIS with 1-byte digits), and two columns of vertical writing in
    /V, read top to bottom, the right-hand column first."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDFont
    from reportlab.pdfgen import canvas

    fonts = {}
    for enc in ("H", "V", "90msp-RKSJ-H"):
        font = CIDFont("HeiseiMin-W3", enc)
        pdfmetrics.registerFont(font)
        fonts[enc] = font
    tmp = out / "cjk-jis-vertical.tmp.pdf"
    c = canvas.Canvas(str(tmp), invariant=1, pageCompression=1, pagesize=(420, 420))
    c.setTitle("官報 縦書き")
    c.setAuthor("govdoc samples")
    for font in fonts.values():
        c.setFont(font.fontName, 12)  # registers the font on the page

    def jis(s: str) -> str:
        return bytes(b & 0x7F for b in s.encode("euc_jp")).hex().upper()

    def text(enc: str, x: float, y: float, size: float, hexed: str) -> None:
        internal = c._doc.getInternalFontName(fonts[enc].fontName)
        c._code.append(f"BT {internal} {size} Tf 1 0 0 1 {x} {y} Tm <{hexed}> Tj ET")

    text("H", 40, 380, 16, jis("官報　第一号"))
    text("90msp-RKSJ-H", 40, 350, 12, "令和6年4月1日　月曜日".encode("cp932").hex().upper())
    text("V", 300, 320, 14, jis("道路の横断を始めようとする者。"))
    text("V", 270, 320, 14, jis("歩行者は、左側を通行する。"))
    c.showPage()
    c.save()
    normalize_pdf(tmp, out / "cjk-jis-vertical.pdf")
    tmp.unlink()


# ----------------------------------------------------------------------------------
# Identity-H with an embedded TrueType font and no ToUnicode (written by hand)
# ----------------------------------------------------------------------------------

IDENTITY_LINES = [
    (18, "滨江县审计局2023年政府信息公开工作年度报告"),
    (12, "一、总体情况"),
    (12, "本年度主动公开政府信息56条，依申请公开4件。"),
    (12, "四、政府信息公开行政复议、行政诉讼情况"),
]
IDENTITY_TABLE = [["行政复议", "结果维持", "结果纠正", "总计"], ["件数", "1", "0", "1"]]


def subset_truetype(chars: str, ttc: Path = NOTO_TTC, family: str = "Noto Sans CJK SC") -> bytes:
    """A face of a Noto CJK collection cut down to `chars`, its CFF outlines converted to
    TrueType quadratics (reportlab, PDF CIDFontType2 and Chromium's Skia backend need
    glyf outlines)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    font = next(f for f in TTCollection(str(ttc)).fonts if f["name"].getDebugName(1) == family)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = [1, 2, 4, 6]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["head"].created = font["head"].modified = 3600 * 24 * 365 * 94  # fixed
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcTimestamp = False  # else fontTools writes the current time into head
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def make_identity_h(out: Path) -> None:
    import pikepdf
    from fontTools.ttLib import TTFont
    from pikepdf import Array, Dictionary, Name

    chars = "".join(sorted(set("".join(t for _, t in IDENTITY_LINES) + "".join(sum(IDENTITY_TABLE, [])))))
    ttf = subset_truetype(chars)
    font = TTFont(io.BytesIO(ttf))
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"]

    def gid(ch):
        return order.index(cmap[ord(ch)])

    def hexstr(s):
        return "<" + "".join(f"{gid(ch):04X}" for ch in s) + ">"

    def advance(s, size):
        return sum(hmtx[cmap[ord(ch)]][0] for ch in s) * size / upem

    ops = []
    y = 780
    for size, line in IDENTITY_LINES:
        x = (595 - advance(line, size)) / 2 if size > 12 else 72
        # TJ with a kerning offset inside CJK text: positions only, no space.
        if size == 12 and len(line) > 6:
            a, b = line[:4], line[4:]
            ops.append(f"BT /F1 {size} Tf {x:.2f} {y} Td [{hexstr(a)} -120 {hexstr(b)}] TJ ET")
        else:
            ops.append(f"BT /F1 {size} Tf {x:.2f} {y} Td {hexstr(line)} Tj ET")
        y -= 30 if size > 12 else 22
    # Table: a shaded header background, borders as thin filled rectangles (Word's
    # habit), the whole table under a clipping rectangle.
    xs = [72, 192, 292, 392, 492]
    top = y - 4
    ys = [top - 24 * i for i in range(len(IDENTITY_TABLE) + 1)]
    ops.append("q")
    ops.append(f"{xs[0] - 2} {ys[-1] - 2} {xs[-1] - xs[0] + 4} {ys[0] - ys[-1] + 4} re W n")
    ops.append(f"0.85 g {xs[0]} {ys[1]} {xs[-1] - xs[0]} {ys[0] - ys[1]} re f 0 g")
    for yy in ys:
        ops.append(f"{xs[0]} {yy - 0.25} {xs[-1] - xs[0]} 0.5 re f")
    for xx in xs:
        ops.append(f"{xx - 0.25} {ys[-1]} 0.5 {ys[0] - ys[-1]} re f")
    ops.append("Q")
    for r, row in enumerate(IDENTITY_TABLE):
        for c, cell in enumerate(row):
            ops.append(f"BT /F1 11 Tf {xs[c] + 6} {ys[r] - 17} Td {hexstr(cell)} Tj ET")
    content = ("\n".join(ops) + "\n").encode("ascii")

    pdf = pikepdf.new()
    pdf.docinfo["/Title"] = pikepdf.String(IDENTITY_LINES[0][1])
    pdf.docinfo["/Producer"] = pikepdf.String("govdoc make_pdf_samples.py")
    font_file = pikepdf.Stream(pdf, ttf)
    font_file["/Length1"] = len(ttf)
    base = "AAAAAA+NotoSansCJKsc-Regular"
    descriptor = pdf.make_indirect(
        Dictionary(
            Type=Name.FontDescriptor,
            FontName=Name("/" + base),
            Flags=4,
            FontBBox=Array([-1000, -300, 1000, 1000]),
            ItalicAngle=0,
            Ascent=880,
            Descent=-120,
            CapHeight=700,
            StemV=80,
            FontFile2=font_file,
        )
    )
    widths = []
    for g, name in enumerate(order):
        widths += [g, Array([round(hmtx[name][0] * 1000 / upem)])]
    cid_font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.CIDFontType2,
            BaseFont=Name("/" + base),
            CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0),
            FontDescriptor=descriptor,
            DW=1000,
            W=Array(widths),
            CIDToGIDMap=Name.Identity,
        )
    )
    type0 = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name("/" + base),
            Encoding=Name("/Identity-H"),
            DescendantFonts=Array([cid_font]),
        )
    )
    page = pikepdf.Page(
        Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Resources=Dictionary(Font=Dictionary(F1=type0)),
            Contents=pikepdf.Stream(pdf, content),
        )
    )
    pdf.pages.append(page)
    tmp = out / "identity-h-ttf-no-tounicode.tmp.pdf"
    pdf.save(tmp, static_id=True)
    normalize_pdf(tmp, out / "identity-h-ttf-no-tounicode.pdf")
    tmp.unlink()


# ----------------------------------------------------------------------------------
# encryption
# ----------------------------------------------------------------------------------


def make_encrypted(out: Path) -> None:
    import pikepdf

    src = out / "rl-unigb-ucs2.pdf"
    # RC4 (R=3, 128-bit): the key depends only on the passwords, /P and the static /ID,
    # so the output is deterministic.
    normalize_pdf(src, out / "enc-rc4-empty-user.pdf", pikepdf.Encryption(owner="govdoc-owner", user="", R=3, aes=False, metadata=False))
    # AES-128 (R=4) and AES-256 (R=6) draw random IVs and salts in qpdf; these two files
    # are therefore not byte-identical across runs (see PDF-SAMPLES.txt).
    normalize_pdf(src, out / "enc-aes128-empty-user.pdf", pikepdf.Encryption(owner="govdoc-owner", user="", R=4, aes=True))
    normalize_pdf(src, out / "enc-aes256-empty-user.pdf", pikepdf.Encryption(owner="govdoc-owner", user="", R=6))
    # A file that needs a password is not a sample (it cannot convert): it is in the
    # test fixtures (user-password.pdf, --fixtures) and the bad-input corpus.


# ----------------------------------------------------------------------------------
# the list of samples
# ----------------------------------------------------------------------------------

PDF_SAMPLES = """\
# PDF samples

Generated by `python3 samples/make_pdf_samples.py OUTDIR` (LibreOffice, python-docx,
reportlab, pikepdf, fontTools, fonts-noto-cjk).  Deterministic: fixed Info dates, no XMP,
static /ID, reportlab `invariant=1`; a second run gives byte-identical files except the two
AES-encrypted ones (qpdf draws random IVs and salts for AES).

<stem>.pdf for every <stem>.docx sample
    LibreOffice 7.4 exports of the DOCX samples. Subset fonts embedded with ToUnicode:
    Noto Sans CJK as CFF Type 1 (FontFile3) with 1-byte custom codes, Liberation Serif as
    simple TrueType with WinAnsi. Every run in its own BT/ET; table borders as stroked
    m/l/S segments, cell clips as `re W* n`. The tables break across pages where
    LibreOffice put them, and the tables an author cut into parts stay cut. The report
    from each PDF must equal the one from its DOCX (tests/all/agreement.rs).

report-2021-distinct-margins.pdf
    report-2021-distinct.docx with much taller top and bottom margins before export: the
    tables break across pages at other rows than in report-2021-distinct.pdf.

seed-shishi-commerce-2019-repeated-header.pdf
    seed-shishi-commerce-2019.docx with the three header rows of the section-三 table
    marked w:tblHeader and taller margins: LibreOffice repeats the header rows at the top of
    the continuation on the next page.

report-2021-distinct-reviews-header-cut.pdf
    report-2021-distinct.docx with a 5.2 cm top margin: the section-四 table's first header
    row (行政复议 | 行政诉讼) is the last line of page 3, its second and third header rows and
    the number row open page 4. One table of 4 rows × 15 columns once rejoined (the
    continuation's header rows divide the cells of the row above).

report-2019-libreoffice-last-subtable-cut.pdf
    report-2019-libreoffice.docx with an 8.31 cm top margin and 34 pt above the heading
    二、主动公开政府信息情况: the section-二 table breaks before its last sub-table, so page 3
    opens with 第二十条第（九）项 and its own two-column header (采购项目数量 | 采购总金额).
    One table of 18 rows once rejoined (the title is numbered next after 第二十条第（八）项).

rl-unigb-ucs2.pdf
    reportlab UnicodeCIDFont('STSong-Light'): Type0 / CIDFontType0 not embedded,
    /Encoding /UniGB-UCS2-H, Adobe-GB1, no ToUnicode; widths from /W after code → CID
    (digits are 462/1000 em). A ruled table (Table with GRID: m/l/S lines) and one line
    in Helvetica without /Widths (standard-14 AFM widths).

rl-gbk-euc.pdf
    The same font with /Encoding /GBK-EUC-H and no ToUnicode: raw GBK bytes, ASCII digits
    as 1-byte codes and Chinese as 2-byte codes in the same strings (codespace splitting,
    GBK decoding, code → CID for widths). A ruled table drawn with canvas.grid (m/l/S).

cjk-jis-vertical.pdf
    reportlab CIDFont('HeiseiMin-W3') (Adobe-Japan1, not embedded, no ToUnicode) with the
    Japanese predefined CMaps that carry no Unicode: a heading in /H (JIS X 0208 row/cell
    codes), a date line in 90msp-RKSJ-H (Shift-JIS, 1-byte digits), and two columns of
    vertical writing in /V, right-hand column first. Text comes from code → CID →
    Adobe-Japan1-UCS2.

rl-tables-partly-ruled.pdf
    Written by samples/make_table_samples.py (reportlab canvas, STSong-Light not
    embedded): tables without a full grid, one of each kind. Page 1: a three-line table
    (三线表: top rule, rule under the header, bottom rule, no verticals; one label wraps
    onto a second line); a 统计公报 table (top, header and bottom rules plus verticals,
    no rules between body rows); a grid stroked in a spot colour (Separation space, tint
    1 = full ink) with its header row shaded at tint 0.15. Page 2: a grid drawn only as
    gray cell fills with 2 pt white gaps between them; a ruled grid whose header vertical
    is dragged 5 pt off the vertical below it. Every table one value per cell, rows as
    printed, no sliver column.

table-merge-cut.pdf, table-merge-cut-boundary.pdf
    Written by samples/make_table_samples.py: table-merge-cut.docx (python-docx, a notice
    with one ruled table whose 片区 labels are merged down over their rows, vertically
    centred) exported by LibreOffice. table-merge-cut.pdf: the page end falls between the
    two rows of 北片区, so page 2 opens with an empty one-row part of its merged cell —
    one label cell over both rows. table-merge-cut-boundary.pdf (bottom margin 1.6 cm
    smaller): the page end falls where 西片区 ends and 南片区 begins — two labels, not one.
    Both give the DOCX's table (tests/all/agreement.rs).

identity-h-ttf-no-tounicode.pdf
    Written by hand: Type0 / CIDFontType2, /Encoding /Identity-H, CIDToGIDMap /Identity,
    an embedded TrueType subset of Noto Sans CJK SC (outlines converted to quadratics)
    and NO ToUnicode: text only through the embedded font's cmap reversed from glyph ids.
    A TJ with a kerning offset inside CJK text. A table whose borders are thin filled
    rectangles (0.5 pt, Word's habit), a shaded header background (a large filled
    rectangle: its sides are rulings, on the borders) and a clipping rectangle `re W n`
    (not a ruling).

visible-text.pdf
    reportlab canvas, STSong-Light: only what a reader sees is text. A running footer on
    pages 1-4 (removed and listed in pdf.furniture, but kept on page 4 where it is all the
    page holds); a line outside the CropBox (pdf.outside_page); a paragraph cut by the
    page end mid-word and rejoined; a cell clipped to two of its three lines and its
    overflow drawn again above page 3 (pdf.clipped), so nothing is doubled.

pdf-fonts-annotations.pdf
    Written by hand (raw writer): a text object that begins in the page's first content
    stream and ends in the second (the streams are read as one); a Type 3 font without
    ToUnicode read through its /Differences glyph names ("Govdoc"); Symbol and
    ZapfDingbats without /Encoding read through their built-in encodings ("αβγ Σ",
    "✔ ●"); annotation appearances as a viewer draws them: a FreeText note shown, a
    hidden (/F 2) and a no-view (/F 32) one not shown, a check box's "Yes" state chosen
    by /AS ("✔ checked", not "not checked").

pdf-damaged-recovered.pdf
    Written by hand (raw writer), damaged as issue 10 lists and read anyway: every
    cross-reference offset wrong (rebuilt by scanning, pdf.damaged); a content stream
    whose /Length is a reference to no object (read to `endstream`, pdf.stream_length);
    /Filter as an indirect object (the Flate text still read); a form XObject that draws
    itself (drawn once, pdf.form_cycle); page 2 listed twice in /Kids (shown twice, as
    viewers show it).

pdf-damaged-flate.pdf
    Written by hand (raw writer): a page whose Flate-compressed content stream is damaged
    part way (the header of its second deflate block is garbage, as damage leaves it in
    pdf-rs's crash-121-3). The six lines inflated before the damage are read, as poppler
    reads and draws them; pdf.damaged says at which byte the stream broke and how many
    bytes were kept.

pdf-catalog-lost.pdf
    Written by hand (raw writer): the catalog has no /Pages, so the page tree cannot be
    reached; the two pages are found by scanning the objects for /Type /Page (pdf.damaged
    says so, and that the order is the stored one). Poppler and MuPDF refuse the file (no
    page tree), so its golden was checked against the text of its two content streams.

pdf-damaged-fonts.pdf
    Written by hand (raw writer): the font references of pdf-rs's crash-121 files. A font
    dictionary with a damaged reference inside ("/Encoding 7 0`R": the entry is left out,
    the rest read), a font object whose header says "90 0 obj" where the xref table
    points for object 10 (taken as the table says), and a font name the page's resources
    lack (read as WinAnsi text, as pdf.js reads it). pdf.damaged and pdf.font say so.
    Poppler draws the first two lines only; MuPDF draws all four, as govdoc reads them.

pdf-field-turned.pdf
    Written by hand (raw writer): a text field set sideways whose quarter turn is carried
    only by its appearance stream's /Matrix (no /MK /R), in a form with /NeedAppearances
    true: the value, drawn again from /V, runs up the page as the appearance shows it.

pdf-fields-clipping.pdf
    Written by hand (raw writer): an interactive form with /NeedAppearances true whose
    widgets hold no drawn value (empty `/Tx BMC EMC` placeholders or no /AP): the values
    are drawn as a viewer draws them, in the /DA font and size inside each widget — a
    text field, a multi-line field that wraps, a combo box (its option's display text
    "Shanghai"), a list box from its top index (options below the box clipped), a
    check box that is on (its ZapfDingbats caption: ✔) and a password field (masked,
    "******"). A form XObject whose second line lies outside its /BBox (pdf.clipped),
    and a label set sideways in the margin (one line, read upwards).

pdf-unmapped-space.pdf
    Written by hand (raw writer): Word's subset fonts. Type0 / Identity-H over an
    embedded TrueType whose space glyph is in no cmap, and a ToUnicode that maps the
    letters but not the space: "ab ab ba ab" reads with spaces, not U+FFFD.

pdf-inline-encryption.pdf
    Written by hand (raw writer): RC4 128-bit (R 3) with an empty user password and its
    encryption dictionary inline in the trailer, as PyMuPDF writes it; opened without
    asking.

cover-toc.pdf
    reportlab canvas (invariant=1), STSong-Light: a 部门预算's cover (a title in two
    centred lines, the byline 预算主管部门：…, the date), a contents page (目录 and four
    lines with dot leaders) and a body page. The title is its two lines joined; the
    byline, the date and 目录 are not part of it.

enc-rc4-empty-user.pdf, enc-aes128-empty-user.pdf, enc-aes256-empty-user.pdf
    rl-unigb-ucs2.pdf encrypted with an EMPTY user password (an owner password set):
    RC4 128-bit (R=3), AES-128 (R=4) and AES-256 (R=6). Opened without asking; the text
    must equal rl-unigb-ucs2.pdf's.

(A file that needs a user password is the test fixture tests/fixtures/pdf/user-password.pdf:
it gets the error `encrypted`.)
"""


def make_fixtures(out: Path) -> None:
    """Tiny PDFs for tests/all/pdf_interpreter.rs (committed under tests/fixtures/pdf):
    one Helvetica line, then encrypted in each way, and rewritten with object streams
    and a cross-reference stream."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    out.mkdir(parents=True, exist_ok=True)
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding))
    content = b"BT /F1 12 Tf 72 720 Td (govdoc fixture) Tj ET 72 700 m 300 700 l S"
    pdf.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, 612, 792]),
                Resources=Dictionary(Font=Dictionary(F1=font)),
                Contents=pikepdf.Stream(pdf, content),
            )
        )
    )
    plain = out / "plain.tmp.pdf"
    pdf.save(plain, static_id=True)
    normalize_pdf(plain, out / "rc4-empty-user.pdf", pikepdf.Encryption(owner="o", user="", R=3, aes=False, metadata=False))
    normalize_pdf(plain, out / "aes128-empty-user.pdf", pikepdf.Encryption(owner="o", user="", R=4, aes=True))
    normalize_pdf(plain, out / "aes256-empty-user.pdf", pikepdf.Encryption(owner="o", user="", R=6))
    normalize_pdf(plain, out / "user-password.pdf", pikepdf.Encryption(owner="o", user="secret", R=6))
    with pikepdf.open(plain) as p:
        p.save(out / "object-streams.pdf", static_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    plain.unlink()
    make_blank_space_font(out / "blank-space-glyph.ttf")


def make_blank_space_font(path: Path) -> None:
    """DejaVu Sans cut to 'a', 'b' and the space glyph, with the space taken out of
    the cmap: a space glyph no table maps to Unicode, as in Word's subset fonts
    (src/pdf/font/embedded.rs tests that it reads as blank)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.glyph_names = True
    font = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="ab ")
    subsetter.subset(font)
    for table in font["cmap"].tables:
        table.cmap.pop(32, None)
    font.save(path)


def make_visible_text(out: Path) -> None:
    """visible-text.pdf: only what a reader sees is text (issue 10). reportlab canvas,
    STSong-Light 12 pt, lines of 30 characters from x = 90."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    tmp = out / "visible-text.tmp.pdf"
    c = canvas.Canvas(str(tmp), pagesize=A4, invariant=1)
    width, height = A4
    full = "一二三四五六七八九十" * 3

    def footer():
        c.setFont("STSong-Light", 10)
        c.drawString(90, 60, "某某区财政局文件汇编")

    def lines(y, texts, indent_first=True):
        c.setFont("STSong-Light", 12)
        for k, t in enumerate(texts):
            c.drawString(114 if (k == 0 and indent_first) else 90, y - 20 * k, t)

    # Page 1: running footer; a title; a paragraph; a paragraph that runs on
    # to page 2 (its last line fills the measure, no closing punctuation); a
    # line drawn outside the CropBox (hidden by the viewer).
    footer()
    c.setFont("STSong-Light", 18)
    c.drawCentredString(width / 2, height - 120, "关于可见文字的示例说明")
    lines(height - 170, ["第一段文字从这里开始，它说明示例的用途和范围以及使用", full[:20] + "。"])
    lines(height - 230, ["第二段写到页面的末尾仍未结束，下一页接着写下去直到下一", full, full[:29] + "信"])
    c.setFont("STSong-Light", 12)
    c.drawString(90, 15, "这一行在裁剪框之外，阅读器看不到。")
    c.setCropBox((0, 30, width, height))
    c.showPage()
    # Page 2: the paragraph goes on at the margin; then a cell that clips its
    # text to two of its three lines (WPS Spreadsheets' overflow).
    footer()
    lines(height - 110, ["息管理数据库，依法处理有关事项。"], indent_first=False)
    c.saveState()
    p = c.beginPath()
    p.rect(80, height - 236, 440, 46)
    c.clipPath(p, stroke=0, fill=0)
    lines(height - 210, ["单元格里的第一行文字，说明各项支出的用途和金额，", "单元格里的第二行文字。", "单元格里的第三行文字，被裁剪掉了。"])
    c.restoreState()
    c.showPage()
    # Page 3: the same cell's overflow drawn again above the page (y > height)
    # with its last line visible at the top, as WPS draws it.
    footer()
    lines(height + 30, ["单元格里的第一行文字，说明各项支出的用途和金额，", "单元格里的第二行文字。", "单元格里的第三行文字，接在页首。"])
    lines(height - 140, ["第三页的正文段落，结束。"])
    c.showPage()
    # Page 4: the running footer's line is all the page holds: it stays.
    footer()
    c.showPage()
    c.save()
    normalize_pdf(tmp, out / "visible-text.pdf")
    tmp.unlink()


# ----------------------------------------------------------------------------------
# hand-written PDFs (a raw writer: every byte is chosen, so damage can be exact)
# ----------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], xref_ok: bool = True) -> bytes:
    """A PDF from `objects` (object n is objects[n-1], without `n 0 obj`), catalog 1.
    With xref_ok False every offset in the table is wrong, as in a file edited by
    hand or cut and mended: readers must find the objects by scanning."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for k, off in enumerate(offsets):
        out += b"%010d 00000 n \n" % (off if xref_ok else 7 + 13 * k)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_damaged_flate(out: Path) -> None:
    """pdf-damaged-flate.pdf (raw writer), one page whose Flate-compressed content
    stream is damaged part way, as in pdf-rs's crash-121-3: the header of its second
    deflate block is garbage, so inflating stops there. Poppler keeps the text inflated
    before the damage (pdftoppm draws the first six lines, pdftotext reads them); so does
    govdoc, with a pdf.damaged warning that says where the stream broke and how much was
    kept."""
    import zlib

    lines = [
        "Flate data that inflates before the damage is read.",
        "Poppler keeps these lines on the page; so does govdoc.",
        "A third sentence, with quite different words in it.",
        "Numbers too: 2024, 3.14159, and 42 apples on a tray.",
        "Quick brown foxes jump over lazy dogs near the river.",
        "Zebras graze while vultures circle high above them.",
        "Every line here is drawn below the one before it.",
        "Jackdaws love my big sphinx of quartz, it is said.",
        "Pack my box with five dozen liquor jugs, they wrote.",
        "How vexingly quick daft zebras jump over the fence!",
        "The five boxing wizards jump quickly at dawn today.",
        "Sphinx of black quartz, judge my vow before you go.",
    ]
    content = "".join(f"BT /F1 11 Tf 72 {780 - 20 * k} Td ({t}) Tj ET\n" for k, t in enumerate(lines))
    # Two deflate blocks (a full flush after the sixth line); the second block's
    # header is damaged into the reserved block type 3, so inflating stops right
    # there: the first six lines inflate whole, the rest is lost.
    half = content.rindex("BT", 0, content.index("(Every line"))
    packer = zlib.compressobj(9)
    first = packer.compress(content[:half].encode("ascii")) + packer.flush(zlib.Z_FULL_FLUSH)
    packed = bytearray(first + packer.compress(content[half:].encode("ascii")) + packer.flush())
    packed[len(first)] = 0x06  # BFINAL 0, BTYPE 11: no such block type
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",  # 3
        stream(b"/Filter /FlateDecode", bytes(packed)),  # 4
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",  # 5
    ]
    (out / "pdf-damaged-flate.pdf").write_bytes(raw_pdf(objs))


def stream(dict_body: bytes, data: bytes) -> bytes:
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def make_fonts_and_annotations(out: Path) -> None:
    """pdf-fonts-annotations.pdf (raw writer), one A4 page:
    - a Helvetica line whose text object starts in the page's first content stream
      (BT, Tf, Td) and ends in the second (Tj ET): the streams are one stream;
    - a Type 3 font without ToUnicode whose /Differences name its glyphs G o v d c:
      the names read "Govdoc";
    - Symbol and ZapfDingbats (standard 14, not embedded, no /Encoding): their
      built-in encodings give "αβγ Σ" and "✔ ●";
    - annotations: a FreeText note whose appearance says "Note shown by the viewer";
      a hidden one (/F 2) and a no-view one (/F 32) that a viewer does not draw; a
      check box whose /AS picks the "Yes" state (drawn "✔ checked") over "Off".
    """
    t3_procs = {name: b"500 0 0 0 400 600 d1 0 0 400 600 re f" for name in (b"G", b"o", b"v", b"d", b"c")}
    helv = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R]"
        b" /Resources << /Font << /F1 6 0 R /T3 7 0 R /Sy 13 0 R /Zd 14 0 R >> >>"
        b" /Annots [15 0 R 17 0 R 18 0 R 19 0 R] >>",  # 3
        stream(b"", b"BT /F1 14 Tf 72 760 Td"),  # 4
        stream(b"", b"(This text object begins in one content stream and ends in the next.) Tj ET\n"
               b"BT /T3 14 Tf 72 710 Td (Govdoc) Tj ET\n"
               b"BT /Sy 14 Tf 72 660 Td (abg S) Tj ET\n"
               b"BT /Zd 14 Tf 72 610 Td (4 l) Tj ET"),  # 5
        helv,  # 6
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0]"
        b" /CharProcs 8 0 R /Encoding << /Type /Encoding /Differences [99 /c /d 71 /G 111 /o 118 /v] >>"
        b" /FirstChar 71 /LastChar 118 /Widths [500" + b" 500" * 47 + b"] >>",  # 7
        b"<< /G 9 0 R /o 10 0 R /v 11 0 R /d 12 0 R /c 20 0 R >>",  # 8
        stream(b"", t3_procs[b"G"]),  # 9
        stream(b"", t3_procs[b"o"]),  # 10
        stream(b"", t3_procs[b"v"]),  # 11
        stream(b"", t3_procs[b"d"]),  # 12
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",  # 13
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>",  # 14
        b"<< /Type /Annot /Subtype /FreeText /Rect [72 560 372 590] /Contents (Note shown by the viewer)"
        b" /DA (/Helv 12 Tf 0 g) /AP << /N 16 0 R >> >>",  # 15
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /Helv 6 0 R >> >>",
               b"BT /Helv 12 Tf 4 10 Td (Note shown by the viewer) Tj ET"),  # 16
        b"<< /Type /Annot /Subtype /FreeText /F 2 /Rect [72 520 372 550] /AP << /N 21 0 R >> >>",  # 17
        b"<< /Type /Annot /Subtype /FreeText /F 32 /Rect [72 480 372 510] /AP << /N 21 0 R >> >>",  # 18
        b"<< /Type /Annot /Subtype /Widget /FT /Btn /Rect [72 440 272 470] /AS /Yes"
        b" /AP << /N << /Yes 22 0 R /Off 23 0 R >> >> >>",  # 19
        stream(b"", t3_procs[b"c"]),  # 20
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /Helv 6 0 R >> >>",
               b"BT /Helv 12 Tf 4 10 Td (Hidden annotation text) Tj ET"),  # 21
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 30] /Resources << /Font << /Zd 14 0 R /Helv 6 0 R >> >>",
               b"BT /Zd 12 Tf 4 10 Td (4) Tj /Helv 12 Tf 8 0 Td ( checked) Tj ET"),  # 22
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 30] /Resources << /Font << /Helv 6 0 R >> >>",
               b"BT /Helv 12 Tf 4 10 Td (not checked) Tj ET"),  # 23
    ]
    (out / "pdf-fonts-annotations.pdf").write_bytes(raw_pdf(objs))


def make_damaged(out: Path) -> None:
    """pdf-damaged-recovered.pdf (raw writer), two pages, damaged in the ways issue 10
    names, every one of which other readers survive: a cross-reference table whose
    offsets are all wrong (rebuilt by scanning: pdf.damaged); a content stream whose
    /Length points at an object that does not exist (read up to `endstream`:
    pdf.stream_length); a /Filter given as an indirect object (Flate-compressed text
    still read); a form XObject that draws itself (skipped after its first drawing:
    pdf.form_cycle); page 2 listed twice in the page tree (a viewer shows it twice)."""
    import zlib

    packed = zlib.compress(b"BT /F1 12 Tf 72 700 Td (Compressed text behind an indirect filter name.) Tj ET")
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R 9 0 R 9 0 R] /Count 3 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R 11 0 R]"
        b" /Resources << /Font << /F1 6 0 R >> /XObject << /Fm0 8 0 R >> >> >>",  # 3
        b"<< /Length 99 0 R >>\nstream\nBT /F1 12 Tf 72 760 Td (A stream whose length is missing is read to its end.) Tj ET\n"
        b"endstream",  # 4
        b"<< /Filter 7 0 R /Length %d >>\nstream\n" % len(packed) + packed + b"\nendstream",  # 5
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",  # 6
        b"/FlateDecode",  # 7
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >>"
               b" /XObject << /Fm0 8 0 R >> >>",
               b"BT /F1 12 Tf 72 640 Td (A form that draws itself is drawn once.) Tj ET /Fm0 Do"),  # 8
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 10 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> >>",  # 9
        stream(b"", b"BT /F1 12 Tf 72 760 Td (A page listed twice in the page tree.) Tj ET"),  # 10
        stream(b"", b"/Fm0 Do"),  # 11
    ]
    (out / "pdf-damaged-recovered.pdf").write_bytes(raw_pdf(objs, xref_ok=False))
    # pdf-catalog-lost.pdf: the catalog has lost its /Pages; the two pages are found
    # by scanning for /Type /Page objects (in the order they are stored).
    objs = [
        b"<< /Type /Catalog >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 7 0 R >> >> >>",  # 3
        stream(b"", b"BT /F1 12 Tf 72 760 Td (First page of a file whose catalog lost its page tree.) Tj ET"),  # 4
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
        b" /Resources << /Font << /F1 7 0 R >> >> >>",  # 5
        stream(b"", b"BT /F1 12 Tf 72 760 Td (Second page, found by scanning for page objects.) Tj ET"),  # 6
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",  # 7
    ]
    (out / "pdf-catalog-lost.pdf").write_bytes(raw_pdf(objs))
    # pdf-damaged-fonts.pdf: the font references of pdf-rs's crash-121 files, damaged
    # the same ways. F2's dictionary holds a reference whose R became a backquote
    # ("7 0`R": the dictionary is kept, the stray word left out); F3's object 10 is
    # where the xref table says but its header reads "90 0 obj" (one damaged digit:
    # taken as the table says); /F9 is not in the page's resources at all (read as
    # WinAnsi text, as pdf.js falls back to a default font). Each with a warning.
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
        b" /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 10 0 R >> >> >>",  # 3
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",  # 4
        b"<</BaseFont/Times-Roman/Type/Font /Encoding 7 0`R/Subtype/Type1>>",  # 5
        stream(b"", b"BT /F1 12 Tf 72 760 Td (Fonts a damaged file points at, read as other readers read them:) Tj ET\n"
               b"BT /F2 12 Tf 72 730 Td (A font dictionary with a damaged reference inside it.) Tj ET\n"
               b"BT /F3 12 Tf 72 700 Td (A font object whose header carries the wrong number.) Tj ET\n"
               b"BT /F9 12 Tf 72 630 Td (A font the page resources do not have.) Tj ET"),  # 6
        b"<< /Type /Encoding /Differences [140 /fi /fl] >>",  # 7
        b"<< /Producer (govdoc samples) >>",  # 8
        b"[ 0 0 595 842 ]",  # 9
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",  # 10
    ]
    damaged = raw_pdf(objs).replace(b"\n10 0 obj\n", b"\n90 0 obj\n")
    (out / "pdf-damaged-fonts.pdf").write_bytes(damaged)


def make_fields_clipping(out: Path) -> None:
    """pdf-fields-clipping.pdf (raw writer), one A4 page:
    - an interactive form with /NeedAppearances true whose widgets carry no drawn value
      (empty `/Tx BMC EMC` placeholders, as LibreOffice writes them, or no /AP at
      all): a text field, a multi-line text field that wraps, a combo box whose value
      is shown by its option's display text, a list box showing its options from its
      top index (those below the box are clipped), a check box that is on (its
      ZapfDingbats caption "4" is drawn: ✔) and a password field (not shown);
    - a form XObject whose /BBox holds its first line; its second line lies outside
      the box and is not shown (pdf.clipped);
    - a label set sideways (turned a quarter turn anticlockwise) in the margin of an
      upright page: one line, read upwards.
    """
    helv = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    zadb = b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>"
    empty = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 20]", b"/Tx BMC\nEMC")
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R 8 0 R 9 0 R 10 0 R 11 0 R]"
        b" /NeedAppearances true /DA (0 g /Helv 0 Tf) /DR << /Font << /Helv 4 0 R /ZaDb 5 0 R >> >> >> >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 13 0 R"
        b" /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 14 0 R >> >>"
        b" /Annots [6 0 R 7 0 R 8 0 R 9 0 R 10 0 R 11 0 R] >>",  # 3
        helv,  # 4
        zadb,  # 5
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [200 740 450 760] /P 3 0 R"
        b" /DA (0 g /Helv 11 Tf) /V (Filled in by the applicant) /AP << /N 12 0 R >> >>",  # 6
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /Ff 4096 /T (remarks) /Rect [200 660 400 720] /P 3 0 R"
        b" /DA (0 g /Helv 10 Tf) /V (A remark long enough to wrap onto a second line of the box.) >>",  # 7
        b"<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (city) /Rect [200 620 350 640] /P 3 0 R"
        b" /DA (0 g /Helv 10 Tf) /Opt [[(bj) (Beijing)] [(sh) (Shanghai)]] /V (sh) /AP << /N 12 0 R >> >>",  # 8
        b"<< /Type /Annot /Subtype /Widget /FT /Ch /T (fruit) /Rect [200 520 300 600] /P 3 0 R"
        b" /DA (0 g /Helv 10 Tf) /Opt [(Apple) (Banana) (Cherry) (Damson) (Elder) (Fig) (Grape) (Hazel) (Kiwi)]"
        b" /TI 1 /V (Cherry) /AP << /N 12 0 R >> >>",  # 9
        b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (agree) /Rect [200 480 216 496] /P 3 0 R"
        b" /DA (0 g /ZaDb 0 Tf) /MK << /CA (4) >> /AS /Yes /V /Yes /AP << /N << /Yes 12 0 R /Off 12 0 R >> >> >>",  # 10
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /Ff 8192 /T (pin) /Rect [200 440 300 460] /P 3 0 R"
        b" /DA (0 g /Helv 10 Tf) /V (secret) >>",  # 11
        empty,  # 12
        stream(b"", b"BT /F1 11 Tf 72 745 Td (Name:) Tj 0 -40 Td (Remarks:) Tj 0 -80 Td (City:) Tj"
               b" 0 -40 Td (Fruit:) Tj 0 -101 Td (I agree) Tj 0 -39 Td (PIN:) Tj ET\n"
               b"q 1 0 0 1 72 360 cm /Fm1 Do Q\n"
               b"BT /F1 12 Tf 0 1 -1 0 40 300 Tm (Turned label in the margin) Tj ET"),  # 13
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /F1 4 0 R >> >>",
               b"BT /F1 11 Tf 0 10 Td (Inside the form's bounding box.) Tj 0 40 Td"
               b" (Outside the bounding box: not shown.) Tj ET"),  # 14
    ]
    (out / "pdf-fields-clipping.pdf").write_bytes(raw_pdf(objs))


def make_field_turned(out: Path) -> None:
    """pdf-field-turned.pdf (raw writer): a form field set sideways whose turn is carried
    only by its appearance stream's /Matrix [0 1 -1 0 0 0] (no /MK /R), in a form with
    /NeedAppearances true. The appearance draws the value turned, as a viewer shows it;
    a reader that draws the value again from /V must turn it the same way (up the page)."""
    helv = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    value = b"Approved 2024-05-17"
    appearance = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 24] /Matrix [0 1 -1 0 0 0]"
                        b" /Resources << /Font << /Helv 4 0 R >> >>",
                        b"/Tx BMC q BT 0 g /Helv 12 Tf 2 7 Td (" + value + b") Tj ET Q EMC")
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /NeedAppearances true"
        b" /DA (0 g /Helv 0 Tf) /DR << /Font << /Helv 4 0 R >> >> >> >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 7 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> /Annots [5 0 R] >>",  # 3
        helv,  # 4
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (stamp) /Rect [200 50 224 250] /P 3 0 R"
        b" /DA (0 g /Helv 12 Tf) /V (" + value + b") /AP << /N 6 0 R >> >>",  # 5
        appearance,  # 6
        stream(b"", b"BT /F1 12 Tf 30 250 Td (Status, in the field at the right:) Tj ET"),  # 7
    ]
    (out / "pdf-field-turned.pdf").write_bytes(raw_pdf(objs))


def make_unmapped_space(out: Path) -> None:
    """pdf-unmapped-space.pdf (raw writer): Word's subset fonts. A Type0 font,
    Identity-H, whose embedded TrueType (tests/fixtures/pdf/blank-space-glyph.ttf:
    DejaVu Sans cut to a, b and the space glyph, the space out of its cmap) shows
    "ab ab ba ab" by glyph id, and whose ToUnicode maps a and b but not the space:
    the blank glyph between the words reads as a space, not U+FFFD."""
    font = (HERE.parent / "tests/fixtures/pdf/blank-space-glyph.ttf").read_bytes()
    to_unicode = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def"
                  b" /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange"
                  b" 2 beginbfchar <0002> <0061> <0003> <0062> endbfchar endcmap"
                  b" CMapName currentdict /CMap defineresource pop end end")
    text = "ab ab ba ab"
    gids = {"a": 2, "b": 3, " ": 1}
    hexed = "".join("%04X" % gids[c] for c in text).encode()
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 10 0 R >> >> >>",  # 3
        stream(b"", b"BT /F2 12 Tf 72 780 Td (A blank glyph without a Unicode mapping between words:) Tj ET\n"
               b"BT /F1 24 Tf 72 740 Td <" + hexed + b"> Tj ET"),  # 4
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+DejaVuSans /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>",  # 5
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+DejaVuSans /CIDToGIDMap /Identity"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 7 0 R /DW 500 /W [1 [318 613 635]] >>",  # 6
        b"<< /Type /FontDescriptor /FontName /ABCDEF+DejaVuSans /Flags 4 /FontBBox [-1021 -463 1793 1232]"
        b" /ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 729 /StemV 80 /FontFile2 8 0 R >>",  # 7
        stream(b"/Length1 %d" % len(font), font),  # 8
        stream(b"", to_unicode),  # 9
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",  # 10
    ]
    (out / "pdf-unmapped-space.pdf").write_bytes(raw_pdf(objs))


def rc4(key: bytes, data: bytes) -> bytes:
    """RC4, for the Standard security handler (PDF 32000-1 §7.6.2)."""
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def make_inline_encryption(out: Path) -> None:
    """pdf-inline-encryption.pdf (raw writer): encrypted as PyMuPDF writes it, the
    encryption dictionary inline in the trailer (`/Encrypt << … >>`, not a reference).
    RC4 128-bit, revision 3, an empty user password and the owner password "owner";
    every stream encrypted with its object key (Algorithms 1-5 of PDF 32000-1 §7.6.3)."""
    import hashlib as h

    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    file_id = h.md5(b"govdoc pdf-inline-encryption").digest()
    permissions = -3904  # print, copy, no modification (bits 3, 5 and the high bits set)
    p_bytes = (permissions & 0xFFFFFFFF).to_bytes(4, "little")
    # Algorithm 3: the /O value from the owner and user passwords.
    owner_key = h.md5(pad[:0] + (b"owner" + pad)[:32]).digest()
    for _ in range(50):
        owner_key = h.md5(owner_key).digest()
    o_value = rc4(owner_key, pad)
    for i in range(1, 20):
        o_value = rc4(bytes(b ^ i for b in owner_key), o_value)
    # Algorithm 2: the file key from the (empty) user password.
    key = h.md5(pad + o_value + p_bytes + file_id).digest()
    for _ in range(50):
        key = h.md5(key).digest()
    # Algorithm 5: the /U value.
    u_value = rc4(key, h.md5(pad + file_id).digest())
    for i in range(1, 20):
        u_value = rc4(bytes(b ^ i for b in key), u_value)
    u_value += bytes(16)

    def encrypted_stream(number: int, dict_body: bytes, data: bytes) -> bytes:
        object_key = h.md5(key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:16]
        return stream(dict_body, rc4(object_key, data))

    content = (b"BT /F1 14 Tf 72 760 Td (This file is encrypted with an empty user password.) Tj ET\n"
               b"BT /F1 14 Tf 72 730 Td (Its encryption dictionary is written inline in the trailer.) Tj ET")
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",  # 3
        encrypted_stream(4, b"", content),  # 4
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",  # 5
    ]
    pdf = raw_pdf(objs)
    encrypt = (b"/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s> >>"
               % (permissions, o_value.hex().upper().encode(), u_value.hex().upper().encode()))
    ident = b"/ID [<%s> <%s>]" % (file_id.hex().upper().encode(), file_id.hex().upper().encode())
    pdf = pdf.replace(b"/Root 1 0 R >>", b"/Root 1 0 R " + encrypt + b" " + ident + b" >>")
    (out / "pdf-inline-encryption.pdf").write_bytes(pdf)


def make_cover_toc(out: Path) -> None:
    """cover-toc.pdf: a 部门预算's cover and table of contents (reportlab canvas,
    STSong-Light, invariant=1, so the file is the same on every run). Page 1: a title
    in two centred lines at 22 pt, the byline (预算主管部门：…) and the date at 16 pt;
    page 2: 目录 centred at 18 pt and four contents lines with dot leaders and page
    numbers; page 3: the body, numbered headings and paragraphs. The title is its two
    lines joined; byline, date and 目录 are paragraphs of their own."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(out / "cover-toc.pdf"), pagesize=A4, invariant=1)
    width, height = A4
    c.setFont("STSong-Light", 22)
    c.drawCentredString(width / 2, height - 220, "上海市某某区2025年")
    c.drawCentredString(width / 2, height - 252, "区级部门预算")
    c.setFont("STSong-Light", 16)
    c.drawCentredString(width / 2, height - 420, "预算主管部门：上海市某某区财政局")
    c.drawCentredString(width / 2, height - 450, "2025年2月")
    c.showPage()
    c.setFont("STSong-Light", 18)
    c.drawCentredString(width / 2, height - 100, "目录")
    c.setFont("STSong-Light", 12)
    for k, (entry, page) in enumerate([("一、部门主要职能", "3"), ("二、部门机构设置", "3"),
                                       ("三、部门预算编制说明", "4"), ("四、部门预算表", "5")]):
        y = height - 150 - 24 * k
        c.drawString(90, y, entry)
        c.drawRightString(505, y, page)
        c.drawString(90 + 12 * len(entry) + 6, y, "." * int((505 - 12 - (90 + 12 * len(entry) + 6)) / 3.0))
    c.showPage()
    c.setFont("STSong-Light", 12)
    body = [
        (90, "一、部门主要职能"),
        (114, "贯彻执行国家和本市有关财政工作的方针政策和法律法规，拟订本区财政发展规划。"),
        (90, "二、部门机构设置"),
        (114, "本部门下设办公室、预算科、国库科等八个内设机构。"),
    ]
    for k, (x, line) in enumerate(body):
        c.drawString(x, height - 100 - 24 * k, line)
    c.showPage()
    c.save()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    make_unigb_ucs2(out)
    make_gbk_euc(out)
    make_jis_vertical(out)
    make_identity_h(out)
    make_encrypted(out)
    make_libreoffice(out)
    make_visible_text(out)
    make_fonts_and_annotations(out)
    make_damaged(out)
    make_damaged_flate(out)
    make_fields_clipping(out)
    make_field_turned(out)
    make_unmapped_space(out)
    make_inline_encryption(out)
    make_cover_toc(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, nargs="?", default=HERE)
    parser.add_argument("--check", action="store_true", help="build twice and compare sha256")
    parser.add_argument("--fixtures", type=Path, help="also write the tiny test fixtures into this folder")
    args = parser.parse_args()
    if args.fixtures:
        make_fixtures(args.fixtures)
    build(args.outdir)
    (HERE / "PDF-SAMPLES.txt").write_text(PDF_SAMPLES, encoding="utf-8")
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            for pdf in sorted(args.outdir.glob("*.pdf")):
                other = Path(tmp) / pdf.name
                same = other.exists() and sha256(pdf) == sha256(other)
                print(("same      " if same else "DIFFERENT ") + pdf.name)
    for pdf in sorted(args.outdir.glob("*.pdf")):
        print(f"{pdf.stat().st_size:8d}  {pdf.name}")


if __name__ == "__main__":
    main()
