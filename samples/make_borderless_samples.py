#!/usr/bin/env python3
"""Generate govdoc's borderless-table report sample: a 2021 annual report whose three
statistical tables are drawn by reportlab as text alone — no ruling line, no fill — as
web pages printed to PDF and many hand-made layouts show them.

    python3 samples/make_borderless_samples.py [OUTDIR]

Writes report-2021-borderless.pdf, report-2021-three-line.pdf and report-2019-three-line.pdf
(OUTDIR defaults to this folder).  Needs reportlab.
Deterministic: reportlab runs with invariant=1.

report-2021-three-line.pdf is the same report drawn as three-line tables (三线表): a heavy
rule above each table, a thin one under its header, a heavy one under its last row, and
nothing else — the grid a ruling-based table finder builds from them is not the table a
reader sees; the report layer reads it again from the text lines.  report-2019-three-line.pdf
draws report-2019-libreoffice.docx's numbers (2019 template: sub-tables with 上一年项目数量 /
本年增/减 written signed, "+49" / "-10", and 政府集中采购 with 采购总金额（万元）) the same way.

The numbers are report-2021-distinct.docx's, read from expected-numbers.json (which
make_samples.py writes), so tests/all/report.rs checks every value of this PDF against the
same record.  What the layout exercises in the report layer's text-line reader:

- header labels split over two lines ("商业" above "企业", "结果" above "维持");
- group labels over the column labels (行政复议 / 行政诉讼 › 未经复议直接起诉 …), the
  innermost naming each column;
- long row labels wrapped over two or three lines in a narrow label column with the
  numbers vertically centred on the row (the number line lies between label lines);
- group row labels (（三）不予公开) on the first row of their group, in a column of their own;
- numbers right-aligned in their column, so they do not sit centred under the header;
- sub-tables of the proactive table, each with its own header line, single-value rows
  whose number stands under a header spanning the three value columns;
- the page footer "- N -" (page furniture).

Fonts: STSong-Light through reportlab's UnicodeCIDFont (Type0, UniGB-UCS2-H, not
embedded), as in rl-unigb-ucs2.pdf.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

FONT = "STSong-Light"
SOURCE = "report-2021-distinct.docx"

# Page geometry (A4, points).
WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT = 56.0, 539.0


def template_rows(template: str) -> list[dict]:
    templates = json.loads((ROOT / "src/report/templates.json").read_text(encoding="utf-8"))
    return next(t for t in templates["templates"] if t["id"] == template)["applications"]["rows"]


def signed(value) -> str:
    """本年增/减 as reports write it: "+49", "-10", "0"."""
    return f"+{value}" if isinstance(value, int) and value > 0 else str(value)


def wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


class Page:
    def __init__(self, canvas, number: int, rules: bool):
        self.c = canvas
        self.number = number
        self.rules = rules
        self.y = 60.0

    def text(self, x: float, y: float, size: float, s: str, align: str = "left") -> None:
        self.c.setFont(FONT, size)
        if align == "right":
            self.c.drawRightString(x, HEIGHT - y, s)
        elif align == "centre":
            self.c.drawCentredString(x, HEIGHT - y, s)
        else:
            self.c.drawString(x, HEIGHT - y, s)

    def paragraph(self, s: str, size: float = 12.0, indent: bool = True) -> None:
        per_line = int((RIGHT - LEFT) / size)
        first = True
        while s:
            room = per_line - (2 if indent and first else 0)
            line, s = s[:room], s[room:]
            self.y += size * 1.75
            self.text(LEFT + (2 * size if indent and first else 0), self.y, size, line)
            first = False

    def heading(self, s: str) -> None:
        self.y += 12
        self.paragraph(s, 12.0, indent=False)

    def rule(self, y: float, weight: float = 0.75) -> None:
        """A horizontal rule across the measure (three-line tables only)."""
        if self.rules:
            self.c.setLineWidth(weight)
            self.c.line(LEFT, HEIGHT - y, RIGHT, HEIGHT - y)

    def finish(self) -> None:
        self.text(WIDTH / 2, HEIGHT - 40, 10.5, f"- {self.number} -", "centre")
        self.c.showPage()


def proactive_table(page: Page, truth: dict) -> None:
    p = truth["proactive"]
    label_x, centres = LEFT + 4, [260.0, 360.0, 460.0]
    pitch, size = 20.0, 10.5

    def row(label: str, values: list[str], merged: bool = False) -> None:
        page.y += pitch
        page.text(label_x, page.y, size, label)
        xs = [centres[1]] if merged else centres
        for x, v in zip(xs, values):
            page.text(x, page.y, size, v, "centre")

    def section(s: str) -> None:
        page.y += pitch
        page.text(label_x, page.y, size, s)

    page.rule(page.y + 6, 1.5)
    if truth["template"] == "2019":
        section("第二十条第（一）项")
        row("信息内容", ["本年新制作数量", "本年新公开数量", "对外公开总数量"])
        page.rule(page.y + 6)
        for key, label in (("rules", "规章"), ("normative_documents", "规范性文件")):
            row(label, [str(p[key][k]) for k in ("made", "published", "total")])
        for number, rows in (("五", (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
                             ("六", (("penalties", "行政处罚"), ("coercive_measures", "行政强制")))):
            section(f"第二十条第（{number}）项")
            row("信息内容", ["上一年项目数量", "本年增/减", "处理决定数量"])
            for key, label in rows:
                row(label, [str(p[key]["previous_items"]), signed(p[key]["change"]), str(p[key]["decisions"])])
        section("第二十条第（八）项")
        row("信息内容", ["上一年项目数量", "本年增/减"])
        row("行政事业性收费", [str(p["fees"]["previous_items"]), signed(p["fees"]["change"])])
        section("第二十条第（九）项")
        row("信息内容", ["采购项目数量", "采购总金额（万元）"])
        row("政府集中采购", [str(p["procurement"]["items"]), str(p["procurement"]["amount"])])
        page.rule(page.y + 6, 1.5)
        return
    section("第二十条第（一）项")
    row("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"])
    page.rule(page.y + 6)
    for key, label in (("rules", "规章"), ("normative_documents", "行政规范性文件")):
        row(label, [str(p[key][k]) for k in ("issued", "repealed", "in_force")])
    section("第二十条第（五）项")
    row("信息内容", ["本年处理决定数量"], merged=True)
    row("行政许可", [str(p["licensing"]["decisions"])], merged=True)
    section("第二十条第（六）项")
    row("信息内容", ["本年处理决定数量"], merged=True)
    row("行政处罚", [str(p["penalties"]["decisions"])], merged=True)
    row("行政强制", [str(p["coercive_measures"]["decisions"])], merged=True)
    section("第二十条第（八）项")
    row("信息内容", ["本年收费金额（单位：万元）"], merged=True)
    row("行政事业性收费", [str(p["fees"]["amount"])], merged=True)
    page.rule(page.y + 6, 1.5)


APPLICANT_HEADERS = [("自然人",), ("商业", "企业"), ("科研", "机构"), ("社会公益", "组织"), ("法律服务", "机构"), ("其他",), ("总计",)]
APPLICANTS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other", "total"]
NUMBERED_GROUPS = {"不予公开": "（三）不予公开", "无法提供": "（四）无法提供", "不予处理": "（五）不予处理", "其他处理": "（六）其他处理"}
TOP_LEVEL = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "results.granted": "（一）予以公开",
    "results.partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "results.total": "（七）总计",
    "results.other": "（六）其他处理",
    "carried_forward": "四、结转下年度继续办理",
}


def applications_table(page: Page, truth: dict) -> None:
    a = truth["applications"]
    size, label_size, line = 9.0, 9.0, 11.0
    col0, col1, col2 = LEFT, LEFT + 50, LEFT + 120
    values_left = 280.0
    step = (RIGHT - values_left) / 7
    centres = [values_left + step * (i + 0.5) for i in range(7)]
    # Header: 申请人情况 over all; 法人或其他组织 over five; labels split over two lines.
    page.rule(page.y + 6, 1.5)
    page.y += 16
    page.text((values_left + RIGHT) / 2, page.y, 7, "申请人情况", "centre")
    page.y += 14
    page.text(centres[3], page.y, 7, "法人或其他组织", "centre")
    page.y += 14
    for x, parts in zip(centres, APPLICANT_HEADERS):
        for k, part in enumerate(parts):
            page.text(x, page.y + k * 9 + (4.5 if len(parts) == 1 else 0), 7, part, "centre")
    page.y += 14
    page.rule(page.y + 2)
    number_in_group = {}
    for row in template_rows(truth["template"]):
        key = row["key"]
        if key == "results.other" and truth["template"] == "2021":  # the one-row variant; this report has its sub-rows
            continue
        label = TOP_LEVEL.get(key)
        if label is None:
            n = number_in_group.get(row.get("group"), 0) + 1
            number_in_group[row.get("group")] = n
            label = f"{n}.{row['labels'][0]}"
        top_level = key in ("new", "carried_over", "carried_forward")
        width = 26 if top_level else 21
        label_lines = wrap(label, width if top_level else 10)
        height = max(len(label_lines), 1) * line + 6
        top = page.y
        x = col0 if top_level else col2
        if key == "results.granted":
            page.text(col0, top + line, 8, "三、本年度")
            page.text(col0, top + 2 * line, 8, "办理结果")
        if not top_level and key.startswith("results.") and TOP_LEVEL.get(key) is None:
            group = NUMBERED_GROUPS[row["group"]]
            if number_in_group[row["group"]] == 1:
                page.text(col1, top + line, 8, group)
        if key in ("results.granted", "results.partly_granted", "results.total", "results.other"):
            x = col1
            label_lines = wrap(label, 17)
            height = len(label_lines) * line + 6
        for k, text in enumerate(label_lines):
            page.text(x, top + (k + 1) * line, label_size, text)
        middle = top + 3 + (len(label_lines) * line) / 2 + size * 0.35
        for c, column in enumerate(APPLICANTS):
            value = a[key][column]
            page.text(centres[c] + step / 2 - 4, middle, size, "" if value is None else str(value), "right")
        page.y = top + height
    page.rule(page.y + 4, 1.5)


def reviews_table(page: Page, truth: dict) -> None:
    r = truth["reviews"]
    step = (RIGHT - LEFT) / 15
    centres = [LEFT + step * (i + 0.5) for i in range(15)]
    leaves = [("结果", "维持"), ("结果", "纠正"), ("其他", "结果"), ("尚未", "审结"), ("总计",)]
    page.rule(page.y + 6, 1.5)
    page.y += 16
    page.text((centres[0] + centres[4]) / 2, page.y, 9, "行政复议", "centre")
    page.text((centres[5] + centres[14]) / 2, page.y, 9, "行政诉讼", "centre")
    page.y += 16
    page.text((centres[5] + centres[9]) / 2, page.y, 8, "未经复议直接起诉", "centre")
    page.text((centres[10] + centres[14]) / 2, page.y, 8, "复议后起诉", "centre")
    for g in range(3):
        base = page.y + (0 if g == 0 else 14)
        for i, parts in enumerate(leaves):
            for k, part in enumerate(parts):
                page.text(centres[g * 5 + i], base + k * 10, 8, part, "centre")
    page.y += 28
    page.rule(page.y)
    page.y += 12
    values = []
    for group in ("review", "litigation_direct", "litigation_after_review"):
        for column in ("upheld", "corrected", "other", "pending", "total"):
            values.append(r[group][column])
    for x, v in zip(centres, values):
        page.text(x, page.y, 9, str(v), "centre")
    page.rule(page.y + 6, 1.5)


def make(out: Path, name: str, rules: bool, source: str = SOURCE) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    truth = json.loads((HERE / "expected-numbers.json").read_text(encoding="utf-8"))[source]
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(out / name), pagesize=(WIDTH, HEIGHT), invariant=1, pageCompression=1)
    c.setTitle(truth["title"])
    c.setAuthor("govdoc samples")

    page = Page(c, 1, rules)
    page.text(WIDTH / 2, page.y, 18, truth["title"], "centre")
    page.y += 10
    page.heading("一、总体情况")
    page.paragraph("本年度，我单位按照条例要求做好政府信息公开工作，各项统计数据见下列表格。")
    page.heading("二、主动公开政府信息情况")
    proactive_table(page, truth)
    page.finish()

    page = Page(c, 2, rules)
    page.heading("三、收到和处理政府信息公开申请情况")
    applications_table(page, truth)
    page.finish()

    page = Page(c, 3, rules)
    page.heading("四、政府信息公开行政复议、行政诉讼情况")
    reviews_table(page, truth)
    page.y += 10
    page.heading("五、存在的主要问题及改进情况")
    page.paragraph("表格的框线不全时，数字的归属由表头的位置判断。")
    page.heading("六、其他需要报告的事项")
    page.paragraph("无。")
    page.finish()
    c.save()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for name, rules, source in (
        ("report-2021-borderless.pdf", False, SOURCE),
        ("report-2021-three-line.pdf", True, SOURCE),
        ("report-2019-three-line.pdf", True, "report-2019-libreoffice.docx"),
    ):
        make(out, name, rules, source)
        print(out / name)


if __name__ == "__main__":
    main()
