#!/usr/bin/env python3
"""Generate the samples of `govdoc compare` and the panel (issue 14).

    python3 samples/make_series_samples.py          # from the repository root

Writes, next to this script:

- series-<year>.docx, 2019–2024: one agency's annual reports over six years — 2019 and 2020
  on the 2019 template, 2021 on (the template change inside the series) on the 2021 one;
  the agency renamed between 2020 (宁川县国土资源局) and 2021 (宁川县自然资源局); the numbers
  carried from year to year agree, except where one year breaks one cross-year rule on
  purpose; the 2021 report's text contradicts its tables in two places; the 2024 report is
  written on the old (2019) template.
- series-zone-2022.docx and series-zone-2023.docx: two consecutive reports of one agency whose
  name is written once with full-width brackets and once with half-width ones
  (宁川经济开发区（高新区）管理委员会 / 宁川经济开发区(高新区)管理委员会), consistent.
- series-aliases.csv: the alias file naming the renamed agency.
- series-planted.json: every number written (keys as in SPEC.md, applications by dotted row
  path) and every planted error with the check id and values govdoc must report — the ground
  truth of tests/all/compare.rs.
- the PDF of each DOCX, exported by LibreOffice (make_pdf_samples.soffice_to_pdf).

The DOCX are laid out by make_samples.build_report, like every report sample; the script is
deterministic (seeded numbers, fixed zip and document dates).
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_samples as ms  # noqa: E402

OLD_NAME = "宁川县国土资源局"
NEW_NAME = "宁川县自然资源局"
ZONE_FULL = "宁川经济开发区（高新区）管理委员会"
ZONE_HALF = "宁川经济开发区(高新区)管理委员会"

# Planted errors: (file, what is changed) — applied after the numbers are made consistent.
TOPIC = ms.Topic(
    overview="{year}年，{agency}深入贯彻落实《中华人民共和国政府信息公开条例》，围绕自然资源管理重点工作，"
             "坚持以公开为常态、不公开为例外，持续推进政府信息公开工作。",
    proactive="全年重点公开国土空间规划、土地征收、不动产登记、矿产资源管理等领域信息，及时发布征地信息公告。",
    management="严格执行政府信息公开保密审查制度，坚持“先审查、后公开”，动态更新政府信息公开指南和目录。",
    platform="依托县政府门户网站政府信息公开专栏，规范栏目设置，及时更新公开内容。",
    supervision="将政务公开工作纳入年度目标考核，明确分管领导和专人负责，主动接受社会监督。",
    problems="政府信息公开工作仍存在政策解读形式较为单一、部分信息更新不够及时等问题。",
    plans="下一步，本机关将丰富解读形式，加强日常检查，进一步提高政府信息公开工作质量。",
    table_intros=True,
)
ZONE_TOPIC = ms.Topic(
    overview="{year}年，{agency}认真落实政务公开各项要求，围绕招商引资、企业服务和园区建设，推进政府信息公开工作。",
    proactive="全年重点公开园区规划、项目建设、惠企政策和安全生产等信息，及时解读出台的政策文件。",
    management="建立信息发布审核机制，落实保密审查，定期清理政府信息公开目录。",
    platform="依托开发区门户网站和政务新媒体，及时发布园区动态和办事指南。",
    supervision="明确专人负责政务公开工作，将其纳入年度考核，接受企业和群众监督。",
    problems="政府信息公开的主动性和及时性仍有提升空间。",
    plans="下一步将完善工作制度，加强业务培训，提升公开质量。",
    table_intros=True,
)


def value(v):
    return ms.expected_value(v)


def carry(prev: dict, cur: dict, template_prev: str, template_cur: str) -> None:
    """Make `cur` agree with `prev` on every cross-year rule, keeping `cur`'s own 勾稽 rules."""
    a_prev, a = prev["applications"], cur["applications"]
    for c in ms.SIX:
        a["carried_over"][c] = a_prev["carried_forward"][c]
        a["new"][c] = a["results.total"][c] + a["carried_forward"][c] - a["carried_over"][c]
        if a["new"][c] < 1:  # keep the counts positive: more applications received
            a["results.granted"][c] += 1 - a["new"][c]
            a["results.total"][c] += 1 - a["new"][c]
            a["new"][c] = 1
    for row in a.values():
        row["total"] = sum(row[c] for c in ms.SIX)
    p_prev, p = prev["proactive"], cur["proactive"]
    if template_prev == template_cur == "2019":
        for key in ("licensing", "other_services", "penalties", "coercive_measures", "fees"):
            p[key]["previous_items"] = value(p_prev[key]["previous_items"]) + value(p_prev[key]["change"])
        for key in ("rules", "normative_documents"):
            p[key]["total"] = value(p_prev[key]["total"]) + value(p[key]["published"])
    if template_prev == template_cur == "2021":
        for key in ("rules", "normative_documents"):
            p[key]["in_force"] = value(p_prev[key]["in_force"]) + value(p[key]["issued"]) - value(p[key]["repealed"])


def requests_sentence(a: dict, *, new_total=None) -> str:
    return (f"全年共收到政府信息公开申请{new_total if new_total is not None else a['new']['total']}件，"
            f"上年结转{a['carried_over']['total']}件，办结{a['results.total']['total']}件，"
            f"结转下年度继续办理{a['carried_forward']['total']}件，均在法定期限内答复。")


def reviews_sentence(r: dict, *, litigation=None) -> str:
    lit = r["litigation_direct"]["total"] + r["litigation_after_review"]["total"]
    return (f"本年度因政府信息公开工作被申请行政复议{r['review']['total']}件，"
            f"被提起行政诉讼{litigation if litigation is not None else lit}件。")


def spec(file: str, agency: str, year: int, template: str, numbers: dict, topic: ms.Topic,
         requests: str, reviews: str) -> ms.ReportSpec:
    topic = copy.copy(topic)
    topic.overview = topic.overview.format(year=year, agency=agency)
    sections = ms.short_sections(template, year, numbers, topic, requests=requests)
    sections[3] = [("p", reviews)] + sections[3]
    return ms.ReportSpec(
        file=file, agency=agency, year=year, template=template,
        title_lines=[agency, f"{year}年政府信息公开工作年度报告"],
        numbers=numbers, sections=sections,
    )


# Section 三 starts on a new page (a page break in an otherwise empty paragraph, which is
# no block), so its table is whole on one page. Where a page end falls inside the table,
# LibreOffice may cut the merged label cell （四）无法提供 between its two lines, and the
# PDF front end then reads two cells (（四）无法 / 提供) where the DOCX has one: a rebuild
# limitation these samples are not about (the report values are read right either way).
PAGE_BREAK_BEFORE_SECTION = 3


def build_series_report(path: Path, spec: ms.ReportSpec) -> None:
    """make_samples.build_report, with a page break before section PAGE_BREAK_BEFORE_SECTION."""
    b = ms.DocxBuilder(fonts=spec.fonts, lists=[], title="".join(spec.title_lines))
    b.title_lines(spec.title_lines)
    for i, (title, blocks) in enumerate(zip(spec.section_titles, spec.sections), start=1):
        if i == PAGE_BREAK_BEFORE_SECTION:
            b.append(ms.para(ms.run(inner='<w:br w:type="page"/>')))
        b.heading(1, f"{ms.cn_small(i)}、{title}")
        ms.report_blocks(b, spec, blocks)
    b.save(path)


def numbers_json(numbers: dict) -> dict:
    return {table: {row: {col: value(v) for col, v in cols.items()} for row, cols in rows.items()}
            for table, rows in numbers.items()}


def series() -> tuple[list[ms.ReportSpec], dict]:
    years = [(2019, "2019", OLD_NAME), (2020, "2019", OLD_NAME), (2021, "2021", NEW_NAME),
             (2022, "2021", NEW_NAME), (2023, "2021", NEW_NAME), (2024, "2019", NEW_NAME)]
    numbers = {}
    prev = None
    for year, template, _ in years:
        n = ms.distinct_numbers(template, seed=2030_0000 + year, amount="8.5" if template == "2021" else "120.5")
        if prev is not None:
            carry(numbers[prev[0]], n, prev[1], template)
        numbers[year] = n
        prev = (year, template)
    planted = {"cross": [], "narrative": []}

    def cross(old, new, rule, level, row, column, left, right):
        planted["cross"].append({"old": f"series-{old}", "new": f"series-{new}", "rule": rule, "level": level,
                                 "row": row, "column": column, "left": left, "right": right,
                                 "difference": None if left is None or not isinstance(left, (int, float)) else left - right})

    # 2020 breaks the 2019-template rules: 行政许可 上一年项目数量 3 too many, 规范性文件 对外公开总数量 5 too many.
    p19, p20 = numbers[2019]["proactive"], numbers[2020]["proactive"]
    p20["licensing"]["previous_items"] += 3
    cross(2019, 2020, "cross.previous_items", "error", "proactive.licensing", "previous_items",
          p20["licensing"]["previous_items"], value(p19["licensing"]["previous_items"]) + value(p19["licensing"]["change"]))
    p20["normative_documents"]["total"] += 5
    cross(2019, 2020, "cross.published_total", "error", "proactive.normative_documents", "total",
          p20["normative_documents"]["total"], p19["normative_documents"]["total"] + p20["normative_documents"]["published"])
    # 2022 carries over 2 natural-person applications more than 2021 carried forward (its own balance kept).
    a21, a22 = numbers[2021]["applications"], numbers[2022]["applications"]
    a22["carried_over"]["natural_person"] += 2
    a22["carried_over"]["total"] += 2
    a22["new"]["natural_person"] -= 2
    a22["new"]["total"] -= 2
    for column in ("natural_person", "total"):
        cross(2021, 2022, "cross.carried_over", "error", "applications.carried_over", column,
              a22["carried_over"][column], a21["carried_forward"][column])
    # 2023: 规章 现行有效件数 4 more than 2022's plus issued minus repealed (a warning).
    p22, p23 = numbers[2022]["proactive"], numbers[2023]["proactive"]
    p23["rules"]["in_force"] += 4
    cross(2022, 2023, "cross.in_force", "warning", "proactive.rules", "in_force", p23["rules"]["in_force"],
          p22["rules"]["in_force"] + p23["rules"]["issued"] - p23["rules"]["repealed"])
    # 2024 is written on the 2019 template.
    cross(2023, 2024, "cross.template", "warning", None, None, "2019", "2021")

    specs = []
    for year, template, agency in years:
        n = numbers[year]
        a, r = n["applications"], n["reviews"]
        requests, reviews = requests_sentence(a), reviews_sentence(r)
        if year == 2021:
            # The text contradicts the tables twice: 5 applications more, and one lawsuit more.
            requests = requests_sentence(a, new_total=a["new"]["total"] + 5)
            lit = r["litigation_direct"]["total"] + r["litigation_after_review"]["total"]
            reviews = reviews_sentence(r, litigation=lit + 1)
            planted["narrative"].append({"file": "series-2021", "rule": "narrative.new", "row": "applications.new",
                                         "column": "total", "left": a["new"]["total"] + 5, "right": a["new"]["total"]})
            planted["narrative"].append({"file": "series-2021", "rule": "narrative.litigation",
                                         "row": "reviews.litigation_direct + reviews.litigation_after_review",
                                         "column": "total", "left": lit + 1, "right": lit})
        specs.append(spec(f"series-{year}.docx", agency, year, template, n, TOPIC, requests, reviews))

    z22 = ms.distinct_numbers("2021", seed=2040_2022, amount="3.2")
    z23 = ms.distinct_numbers("2021", seed=2040_2023, amount="4.1")
    carry(z22, z23, "2021", "2021")
    for year, agency, n in ((2022, ZONE_FULL, z22), (2023, ZONE_HALF, z23)):
        specs.append(spec(f"series-zone-{year}.docx", agency, year, "2021", n, ZONE_TOPIC,
                          requests_sentence(n["applications"]), reviews_sentence(n["reviews"])))
    expected = {
        "aliases": "series-aliases.csv",
        "planted": planted,
        "reports": {s.file.removesuffix(".docx"): {"agency": s.agency, "year": s.year, "template": s.template,
                                                    **numbers_json(s.numbers)} for s in specs},
    }
    return specs, expected


def readme(specs: list[ms.ReportSpec], expected: dict) -> str:
    """SERIES-SAMPLES.txt: what each file is and what govdoc must report on it."""
    out = [
        "# series samples (written by make_series_samples.py; do not edit by hand)",
        "",
        "Each report is a DOCX (python-docx, make_samples.build_report) and its LibreOffice PDF export.",
        "series-aliases.csv names the renaming; series-planted.json holds every number written and every",
        "planted error (tests/all/compare.rs checks govdoc reports exactly these).",
        "",
        "| file | agency | year | template | what it exercises |",
        "| --- | --- | --- | --- | --- |",
    ]
    notes = {
        "series-2019": "the first year; consistent",
        "series-2020": "breaks the 2019-template rules: 行政许可 上一年项目数量 3 too many (cross.previous_items), "
                       "规范性文件 对外公开总数量 5 too many (cross.published_total)",
        "series-2021": "the agency renamed (alias file); the 2021 template from here; carried-over numbers agree; "
                       "the text contradicts the tables twice: 5 applications more (narrative.new) and one lawsuit "
                       "more (narrative.litigation)",
        "series-2022": "carries over 2 natural-person applications more than 2021 carried forward (cross.carried_over "
                       "in natural_person and total; its own 勾稽 checks hold)",
        "series-2023": "规章 现行有效件数 4 more than 2022's + issued − repealed (cross.in_force, a warning)",
        "series-2024": "written on the 2019 template (cross.template, a warning); carried-over numbers agree",
        "series-zone-2022": "the agency written with full-width brackets; consistent with 2023",
        "series-zone-2023": "the same agency with half-width brackets: one agency for compare and the panel",
    }
    for s in specs:
        stem = s.file.removesuffix(".docx")
        out.append(f"| {stem}.docx / .pdf | {s.agency} | {s.year} | {s.template} | {notes[stem]} |")
    out += ["", "Planted cross-year errors (old → new: rule, level, row, column, left = year N, right = implied):", ""]
    for p in expected["planted"]["cross"]:
        out.append(f"- {p['old']} → {p['new']}: {p['rule']} ({p['level']}) {p['row']} {p['column']}: "
                   f"{p['left']} vs {p['right']}")
    out += ["", "Planted narrative errors (rule, row, column, left = the text, right = the table):", ""]
    for p in expected["planted"]["narrative"]:
        out.append(f"- {p['file']}: {p['rule']} {p['row']} {p['column']}: {p['left']} vs {p['right']}")
    out += ["", "Every other year pair, every other report sample and each report compared with itself: no failed",
            "check. Without the alias file, series-2020 → series-2021 gives one cross.agency warning.", ""]
    return "\n".join(out)


def main() -> int:
    specs, expected = series()
    for s in specs:
        fails = ms.check_numbers(s.template, s.numbers)
        if fails:
            raise SystemExit(f"{s.file}: the 勾稽 rules fail inside the report: {fails}")
        build_series_report(HERE / s.file, s)
    (HERE / "series-aliases.csv").write_text(
        "# renamed agencies: old name,new name\n" f"{OLD_NAME},{NEW_NAME}\n", encoding="utf-8")
    (HERE / "SERIES-SAMPLES.txt").write_text(readme(specs, expected), encoding="utf-8")
    (HERE / "series-planted.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if "--no-pdf" not in sys.argv:
        import make_pdf_samples as mp
        for s in specs:
            docx_path = HERE / s.file
            mp.soffice_to_pdf(docx_path, HERE / (docx_path.stem + ".pdf"))
    for s in specs:
        for ext in ("docx", "pdf"):
            p = HERE / s.file.replace(".docx", f".{ext}")
            if p.exists():
                print(f"{p.stat().st_size:8d}  {p.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
