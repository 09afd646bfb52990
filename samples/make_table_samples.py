#!/usr/bin/env python3
"""Generate govdoc's PDF samples of tables as producers draw them without a full grid.

    python3 samples/make_table_samples.py [OUTDIR]

OUTDIR defaults to this folder (samples/).  Needs reportlab and pikepdf (the PDFs are
normalized by make_pdf_samples.normalize_pdf: fixed dates, no XMP, static /ID; reportlab
runs with invariant=1, so two runs give byte-identical files).  Text is in reportlab's
STSong-Light (UniGB-UCS2-H, not embedded), drawn with the canvas so every rule is placed
exactly.

rl-tables-partly-ruled.pdf, one table of each kind on two pages:
  page 1
    1. a three-line table (三线表): a top rule, a rule under the header, a bottom rule,
       no verticals; one label wraps onto a second line (one cell, not two rows).
    2. a statistics-bulletin table: top, header and bottom rules plus verticals between
       the columns, no rules between body rows (the 统计公报 layout).
    3. a grid drawn in a spot colour: every rule stroked in a Separation space at tint 1
       (full ink), the header row shaded in the same spot colour at tint 0.15.
  page 2
    4. a grid drawn only as shaded cell fills with white gaps between them (no stroke).
    5. a ruled grid whose header vertical is dragged 5 pt off the vertical below it (two
       verticals that read as one border; no thin extra column).

table-merge-cut.docx and its LibreOffice exports (python-docx, then soffice):
  a notice with one ruled table whose first column holds region labels merged down over
  their rows (vertically centred), placed so that page ends cut it:
    table-merge-cut.pdf           the page end falls between the two rows of 北片区: the
                                  label stays above, an empty part of its merged cell
                                  opens page 2 (one cell continued, not two).
    table-merge-cut-boundary.pdf  (bottom margin 1.6 cm smaller) the page end falls where
                                  西片区 ends and 南片区 begins: two labels, not one.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_pdf_samples import normalize_pdf  # noqa: E402

FONT = "STSong-Light"
SIZE = 10.5
ROW = 18.0  # row pitch of body rows


def text(c, x, y, s, size=SIZE):
    c.setFont(FONT, size)
    c.drawString(x, y, s)


def hline(c, x0, x1, y, width=0.75):
    c.setLineWidth(width)
    c.line(x0, y, x1, y)


def vline(c, x, y0, y1, width=0.5):
    c.setLineWidth(width)
    c.line(x, y0, x, y1)


def three_line(c, top):
    """Table 1: rules at the top, under the header and at the bottom only."""
    text(c, 72, top + 12, "表1  2023年末常住人口及其构成")
    xs = [72, 250, 360]
    header = ["指标", "年末数（万人）", "比重（%）"]
    rows = [
        ["全市常住人口", "866.60", ""],
        ["其中：城镇", "392.66", "45.31"],
        ["乡村", "473.94", "54.69"],
        ["其中：0-15岁（含不满16周", "212.60", "24.53"],
        ["岁）", "", ""],
        ["60周岁及以上", "190.90", "22.03"],
    ]
    right = 470
    hline(c, 66, right, top, 1.2)
    y = top - 14
    for x, h in zip(xs, header):
        text(c, x, y, h)
    hline(c, 66, right, top - 20)
    y = top - 20 - 14
    for row in rows:
        for x, v in zip(xs, row):
            if v:
                text(c, x + (4 if x > 72 else 0), y, v)
        y -= 14 if row[0] == "其中：0-15岁（含不满16周" else ROW
    bottom = y + ROW - 6
    hline(c, 66, right, bottom, 1.2)
    return bottom


def bulletin(c, top):
    """Table 2: verticals between the columns, no rules between body rows."""
    text(c, 72, top + 12, "表2  2023年主要农产品产量及增速")
    xs = [66, 220, 330, 470]
    header = ["产品名称", "产量（万吨）", "比上年增长（%）"]
    rows = [["粮食", "902.61", "-3.2"], ["其中：夏粮", "508.58", "-8.6"], ["秋粮", "394.03", "4.8"], ["油料", "56.43", "6.8"]]
    hline(c, xs[0], xs[-1], top, 1.2)
    hline(c, xs[0], xs[-1], top - 22)
    bottom = top - 22 - ROW * len(rows) - 6
    hline(c, xs[0], xs[-1], bottom, 1.2)
    for x in xs[1:-1]:
        vline(c, x, bottom, top)
    for x, h in zip(xs, header):
        text(c, x + 6, top - 15, h)
    y = top - 22 - 15
    for row in rows:
        for x, v in zip(xs, row):
            text(c, x + 6, y, v)
        y -= ROW
    return bottom


def spot_grid(c, top):
    """Table 3: every rule in a spot colour at full tint; the header row shaded."""
    from reportlab.lib.colors import CMYKColorSep

    text(c, 72, top + 12, "表3  主动公开政府信息情况")
    ink = CMYKColorSep(1.0, 0.6, 0.0, 0.2, spotName="PANTONE 2945 C", density=1.0)
    shade = CMYKColorSep(1.0, 0.6, 0.0, 0.2, spotName="PANTONE 2945 C", density=0.15)
    xs = [66, 200, 300, 400]
    ys = [top, top - 22, top - 22 - ROW, top - 22 - 2 * ROW]
    c.setFillColor(shade)
    c.rect(xs[0], ys[1], xs[-1] - xs[0], ys[0] - ys[1], stroke=0, fill=1)
    c.setStrokeColor(ink)
    for y in ys:
        hline(c, xs[0], xs[-1], y, 0.75)
    for x in xs:
        vline(c, x, ys[-1], ys[0], 0.75)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)
    rows = [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "0"], ["行政规范性文件", "2", "1"]]
    for r, row in enumerate(rows):
        for x, v in zip(xs, row):
            text(c, x + 6, ys[r] - 14, v)
    return ys[-1]


def fill_grid(c, top):
    """Table 4: cells drawn as gray fills with 2 pt white gaps between them."""
    text(c, 72, top + 12, "表4  行政复议情况")
    widths = [120, 80, 80, 80]
    rows = [["结果", "维持", "纠正", "总计"], ["本年", "12", "3", "15"], ["上年", "9", "1", "10"]]
    gap = 2.0
    y = top
    for r, row in enumerate(rows):
        x = 66.0
        c.setFillColorRGB(0.75, 0.75, 0.75) if r == 0 else c.setFillColorRGB(0.92, 0.92, 0.92)
        for w in widths:
            c.rect(x, y - ROW, w - gap, ROW - gap, stroke=0, fill=1)
            x += w
        c.setFillColorRGB(0, 0, 0)
        x = 66.0
        for w, v in zip(widths, row):
            text(c, x + 6, y - 13, v)
            x += w
        y -= ROW
    return y


def misaligned(c, top):
    """Table 5: the header vertical between 行政复议 and 行政诉讼 sits 5 pt right of the
    vertical below it."""
    text(c, 72, top + 12, "表5  行政复议、行政诉讼情况")
    xs = [66, 146, 226, 306, 386]
    ys = [top, top - 20, top - 40, top - 58]
    for y in ys:
        hline(c, xs[0], xs[-1], y, 0.5)
    for x in (xs[0], xs[-1]):
        vline(c, x, ys[-1], ys[0])
    vline(c, xs[2] + 5, ys[1], ys[0])  # dragged by hand in the header row
    for x in xs[1:-1]:
        vline(c, x, ys[-1], ys[1])
    text(c, xs[0] + 40, ys[0] - 14, "行政复议")
    text(c, xs[2] + 50, ys[0] - 14, "行政诉讼")
    for x, v in zip(xs, ["维持", "纠正", "直接起诉", "复议后起诉"]):
        text(c, x + 6, ys[1] - 14, v)
    for x, v in zip(xs, ["12", "3", "7", "2"]):
        text(c, x + 6, ys[2] - 13, v)
    return ys[-1]


def make_partly_ruled(out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    tmp = out / "rl-tables-partly-ruled.tmp.pdf"
    c = canvas.Canvas(str(tmp), pagesize=A4, invariant=1)
    c.setTitle("表格样例")
    c.setAuthor("govdoc samples")
    width, height = A4
    text(c, 72, height - 72, "一、人口", 12)
    bottom = three_line(c, height - 110)
    text(c, 72, bottom - 24, "二、农业：全年粮食总产量902.61万吨，比上年下降3.2%。", 12)
    bottom = bulletin(c, bottom - 60)
    bottom = spot_grid(c, bottom - 40)
    c.showPage()
    text(c, 72, height - 72, "三、复议和诉讼", 12)
    bottom = fill_grid(c, height - 110)
    misaligned(c, bottom - 40)
    c.showPage()
    c.save()
    normalize_pdf(tmp, out / "rl-tables-partly-ruled.pdf")
    tmp.unlink()


MERGE_CUT_GROUPS = [
    ("东片区", [("道路", 12, 11), ("管网", 8, 8), ("绿化", 5, 4), ("照明", 6, 6)]),
    ("北片区", [("道路", 3, 3), ("管网", 2, 1)]),
    ("西片区", [("道路", 9, 9), ("管网", 7, 6), ("绿化", 4, 4)]),
    ("南片区", [("道路", 10, 8), ("管网", 6, 6), ("绿化", 3, 3), ("照明", 5, 4), ("停车", 2, 2)]),
]


def merge_cut_docx(path: Path) -> None:
    """A notice whose table of region labels (merged down over their rows) sits where
    LibreOffice's page end cuts it; the filler paragraphs place it."""

    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    from make_samples import save_python_docx

    d = docx.Document()
    d.add_paragraph("关于2023年度各片区市政项目完成情况的通报")
    for _ in range(11):
        d.add_paragraph("各片区按照年度计划推进市政项目建设，本段为说明文字，逐项列明项目完成情况。" * 2)
    for j in range(3):
        d.add_paragraph(f"补充说明第{j + 1}项。")
    d.add_paragraph("各片区项目完成情况如下表：")
    rows = 1 + sum(len(items) for _, items in MERGE_CUT_GROUPS)
    table = d.add_table(rows=rows, cols=4)
    table.style = "Table Grid"
    for c, h in enumerate(["片区", "项目", "计划数", "完成数"]):
        table.cell(0, c).text = h
    r = 1
    for name, items in MERGE_CUT_GROUPS:
        first = r
        for item, plan, done in items:
            table.cell(r, 1).text = item
            table.cell(r, 2).text = str(plan)
            table.cell(r, 3).text = str(done)
            r += 1
        label = table.cell(first, 0).merge(table.cell(r - 1, 0))
        label.text = name
        label.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    d.add_paragraph("以上情况特此通报。")
    save_python_docx(d, path)


def make_merge_cut(out: Path) -> None:
    import docx
    from docx.shared import Cm

    from make_pdf_samples import soffice_export

    source = out / "table-merge-cut.docx"
    merge_cut_docx(source)
    soffice_export(source, out / "table-merge-cut.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        shifted = Path(tmp) / "table-merge-cut-boundary.docx"
        d = docx.Document(source)
        for section in d.sections:
            section.bottom_margin = Cm(section.bottom_margin.cm - 1.6)
        d.save(shifted)
        soffice_export(shifted, out / "table-merge-cut-boundary.pdf")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    make_partly_ruled(out)
    make_merge_cut(out)


if __name__ == "__main__":
    main()
