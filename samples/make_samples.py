#!/usr/bin/env python3
"""Generate govdoc's sample input documents.

Run from the repository root:

    python3 samples/make_samples.py             # write samples/*.docx and samples/README.txt
    python3 samples/make_samples.py --numbers   # print the table values of every report sample (JSON);
                                                #   the build also writes them to expected-numbers.json
    python3 samples/make_samples.py --expected  # print the expected reading-order text of docx-features.docx

The output is deterministic: zip entries carry a fixed date, core properties carry a
fixed date, and every "random" number comes from a seeded generator implemented here
(so it does not depend on the Python version).  Running the script twice gives
byte-identical files.  The LibreOffice sample needs `soffice` (LibreOffice 7.4); when
it is missing that one file is left as it is.

Layout of this file
  1. constants and the deterministic PRNG
  2. TEMPLATE DATA: the national template (2019 and 2021 versions) as plain data
  3. number generation for the "distinct" samples
  4. OOXML helpers (all raw XML strings and the injection into python-docx live here)
  5. package plumbing: slim python-docx package, styles, numbering, determinism
  6. build_report(): lays out a whole annual report
  7. the samples (seed report, 2021 distinct, 2019 via LibreOffice, docx-features, the split-*
     samples of tables cut into parts (Cut), adjacent-tables-apart, and 7.7 the report-layer
     samples: cells written as W(text, value), label variants, planted 勾稽 errors, an annex, the
     2021 template with one （六） row, notice-not-a-report)
  8. README generation and main()
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.parser import oxml_parser
from docx.shared import Twips
from lxml import etree

HERE = Path(__file__).resolve().parent

# =============================================================================
# 1. constants and the deterministic PRNG
# =============================================================================

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOC_DATE = _dt.datetime(2024, 1, 1, 0, 0, 0)
DOC_DATE_ISO = "2024-01-01T00:00:00Z"
REVISION_AUTHOR = "审核人"

CN_DIGITS = "〇一二三四五六七八九"


class Rng:
    """splitmix64: a tiny PRNG whose sequence does not depend on the Python version."""

    MASK = (1 << 64) - 1

    def __init__(self, seed: int):
        self.state = seed & self.MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next() % n

    def shuffled(self, items) -> list:
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out


# =============================================================================
# 2. TEMPLATE DATA
# =============================================================================
#
# Section 二 (主动公开政府信息情况): 4 grid columns.  A row is either
#   ("merged", text)                         one cell across all 4 columns, or
#   ("header", [(text, span), ...])          column labels, or
#   ("data", key, label, [(field, span), ...])   a data row; the label takes column 0.
# Field names are the JSON keys of SPEC.md (proactive.<key>.<field>).

PROACTIVE = {
    "2019": [
        ("merged", "第二十条第（一）项"),
        ("header", [("信息内容", 1), ("本年新制作数量", 1), ("本年新公开数量", 1), ("对外公开总数量", 1)]),
        ("data", "rules", "规章", [("made", 1), ("published", 1), ("total", 1)]),
        ("data", "normative_documents", "规范性文件", [("made", 1), ("published", 1), ("total", 1)]),
        ("merged", "第二十条第（五）项"),
        ("header", [("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 1), ("处理决定数量", 1)]),
        ("data", "licensing", "行政许可", [("previous_items", 1), ("change", 1), ("decisions", 1)]),
        ("data", "other_services", "其他对外管理服务事项", [("previous_items", 1), ("change", 1), ("decisions", 1)]),
        ("merged", "第二十条第（六）项"),
        ("header", [("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 1), ("处理决定数量", 1)]),
        ("data", "penalties", "行政处罚", [("previous_items", 1), ("change", 1), ("decisions", 1)]),
        ("data", "coercive_measures", "行政强制", [("previous_items", 1), ("change", 1), ("decisions", 1)]),
        ("merged", "第二十条第（八）项"),
        ("header", [("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 2)]),
        ("data", "fees", "行政事业性收费", [("previous_items", 1), ("change", 2)]),
        ("merged", "第二十条第（九）项"),
        ("header", [("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)]),
        ("data", "procurement", "政府集中采购", [("items", 1), ("amount", 2)]),
    ],
    "2021": [
        ("merged", "第二十条第（一）项"),
        ("header", [("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)]),
        ("data", "rules", "规章", [("issued", 1), ("repealed", 1), ("in_force", 1)]),
        ("data", "normative_documents", "行政规范性文件", [("issued", 1), ("repealed", 1), ("in_force", 1)]),
        ("merged", "第二十条第（五）项"),
        ("header", [("信息内容", 1), ("本年处理决定数量", 3)]),
        ("data", "licensing", "行政许可", [("decisions", 3)]),
        ("merged", "第二十条第（六）项"),
        ("header", [("信息内容", 1), ("本年处理决定数量", 3)]),
        ("data", "penalties", "行政处罚", [("decisions", 3)]),
        ("data", "coercive_measures", "行政强制", [("decisions", 3)]),
        ("merged", "第二十条第（八）项"),
        ("header", [("信息内容", 1), ("本年收费金额（单位：万元）", 3)]),
        ("data", "fees", "行政事业性收费", [("amount", 3)]),
    ],
}
PROACTIVE_COL_WIDTHS_CM = [4.2, 3.8, 3.8, 3.8]

# Section 三 (收到和处理政府信息公开申请情况): 3 label columns + 7 number columns.
APPLICANT_COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_org", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
APPLICANT_KEYS = [k for k, _ in APPLICANT_COLUMNS]
SIX = APPLICANT_KEYS[:6]

APPLICATIONS_HEADER_LABEL = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_R = "三、本年度办理结果"
_W = "（三）不予公开"
_U = "（四）无法提供"
_N = "（五）不予处理"
_O = "（六）其他处理"
# Body rows: (key, label path).  A path of 1 label spans the 3 label columns; of 2, the
# first takes column 0 and the second columns 1-2; of 3, one column each.  Equal
# consecutive labels in a column become one vertically merged cell.
APPLICATION_ROWS_COMMON_HEAD = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried_over", ["二、上年结转政府信息公开申请数量"]),
    ("results.granted", [_R, "（一）予以公开"]),
    ("results.partly_granted", [_R, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("results.withheld.state_secret", [_R, _W, "1.属于国家秘密"]),
    ("results.withheld.prohibited_by_law", [_R, _W, "2.其他法律行政法规禁止公开"]),
    ("results.withheld.endangers_security", [_R, _W, "3.危及“三安全一稳定”"]),
    ("results.withheld.third_party_rights", [_R, _W, "4.保护第三方合法权益"]),
    ("results.withheld.internal_affairs", [_R, _W, "5.属于三类内部事务信息"]),
    ("results.withheld.process_info", [_R, _W, "6.属于四类过程性信息"]),
    ("results.withheld.enforcement_files", [_R, _W, "7.属于行政执法案卷"]),
    ("results.withheld.inquiry_matters", [_R, _W, "8.属于行政查询事项"]),
    ("results.unavailable.not_held", [_R, _U, "1.本机关不掌握相关政府信息"]),
    ("results.unavailable.needs_creation", [_R, _U, "2.没有现成信息需要另行制作"]),
    ("results.unavailable.still_unclear", [_R, _U, "3.补正后申请内容仍不明确"]),
    ("results.not_processed.petition", [_R, _N, "1.信访举报投诉类申请"]),
    ("results.not_processed.repeated", [_R, _N, "2.重复申请"]),
    ("results.not_processed.publications", [_R, _N, "3.要求提供公开出版物"]),
    ("results.not_processed.excessive", [_R, _N, "4.无正当理由大量反复申请"]),
    ("results.not_processed.confirmation", [_R, _N, "5.要求行政机关确认或重新出具已获取信息"]),
]
APPLICATION_ROWS_COMMON_TAIL = [
    ("results.total", [_R, "（七）总计"]),
    ("carried_forward", ["四、结转下年度继续办理"]),
]
APPLICATION_ROWS = {
    "2019": APPLICATION_ROWS_COMMON_HEAD
    + [("results.other", [_R, _O])]
    + APPLICATION_ROWS_COMMON_TAIL,
    "2021": APPLICATION_ROWS_COMMON_HEAD
    + [
        ("results.other.no_correction", [_R, _O, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
        ("results.other.unpaid_fee", [_R, _O, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
        ("results.other.other", [_R, _O, "3.其他"]),
    ]
    + APPLICATION_ROWS_COMMON_TAIL,
}
APPLICATIONS_COL_WIDTHS_CM = [1.3, 2.0, 4.6] + [1.1] * 7
RESULT_LEAF_KEYS = {
    t: [k for k, _ in rows if k.startswith("results.") and k != "results.total"]
    for t, rows in APPLICATION_ROWS.items()
}

# Section 四 (政府信息公开行政复议、行政诉讼情况): 15 columns, the same in both versions.
REVIEW_GROUPS = [
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
]
REVIEW_FIELDS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
REVIEWS_COL_WIDTHS_CM = [1.04] * 15

SECTION_TITLES = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]

DEFAULT_FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "table": "宋体",
    "latin": "Times New Roman",
}


# =============================================================================
# 3. numbers
# =============================================================================
#
# A report's numbers are a dict in the shape of SPEC.md's report object:
#   {"proactive": {"rules": {"made": 3, ...}, ...},
#    "applications": {"new": {"natural_person": 5, ...}, "results.withheld.state_secret": {...}, ...},
#    "reviews": {"review": {"upheld": 1, ...}, ...}}
# (applications keys are the dotted paths of SPEC.md).  Values are what the cell shows:
# int, or str for signed changes ("+7") and amounts ("356.8").


@dataclass(frozen=True)
class W:
    """A cell WRITTEN as `text` that govdoc must read as `value` (SPEC.md value rules): blank, "—", "-",
    "/", "／" → None (never 0); "无" → 0; full-width digits and "1,234" → the number; "－3" → -3;
    "55（含自然失效29件）" → 55; "251000元" → 251000 with `unit` "元" (an amount's unit written in the cell).
    The report-layer samples (7.7) use it wherever what the cell shows is not simply the number."""
    text: str
    value: int | float | None
    unit: str | None = None


def cell_text(v) -> str:
    """What a table cell shows for a value of a numbers dict."""
    return v.text if isinstance(v, W) else str(v)


def expected_value(v):
    """The JSON value govdoc must output for a value of a numbers dict: a W's value; an int as it is;
    a string the older samples write ("+7", "-18", "19", "356.8") as the number it shows."""
    if isinstance(v, W):
        return v.value
    if isinstance(v, str):
        if re.fullmatch(r"[+-]?\d+", v):
            return int(v)
        if re.fullmatch(r"\d+\.\d+", v):
            return float(v)
        raise ValueError(f"no expected value for {v!r}; write it as W(text, value)")
    return v


def fullwidth(text: str) -> str:
    """ASCII digits as full-width digits (１２３)."""
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


def all_zero_numbers(template: str) -> dict:
    proactive = {}
    for row in PROACTIVE[template]:
        if row[0] == "data":
            proactive[row[1]] = {f: 0 for f, _ in row[3]}
    applications = {k: {c: 0 for c in APPLICANT_KEYS} for k, _ in APPLICATION_ROWS[template]}
    reviews = {g: {f: 0 for f, _ in REVIEW_FIELDS} for g, _ in REVIEW_GROUPS}
    return {"proactive": proactive, "applications": applications, "reviews": reviews}


def distinct_applications(rng: Rng, template: str) -> dict:
    """Every cell non-zero, all distinct, and the 勾稽 rules hold exactly."""
    leaves = RESULT_LEAF_KEYS[template]
    free = leaves + ["carried_over", "carried_forward"]
    while True:
        pool = iter(rng.shuffled(range(1, 6 * len(free) + 13)))
        v = {k: {c: next(pool) for c in SIX} for k in free}
        v["results.total"] = {c: sum(v[k][c] for k in leaves) for c in SIX}
        v["new"] = {c: v["results.total"][c] + v["carried_forward"][c] - v["carried_over"][c] for c in SIX}
        for row in v.values():
            row["total"] = sum(row[c] for c in SIX)
        values = [x for row in v.values() for x in row.values()]
        if min(values) > 0 and len(set(values)) == len(values):
            return {k: v[k] for k, _ in APPLICATION_ROWS[template]}


def distinct_reviews(rng: Rng) -> dict:
    while True:
        pool = iter(rng.shuffled(range(1, 41)))
        out = {}
        for g, _ in REVIEW_GROUPS:
            row = {f: next(pool) for f in ("upheld", "corrected", "other", "pending")}
            row["total"] = sum(row.values())
            out[g] = row
        values = [x for row in out.values() for x in row.values()]
        if len(set(values)) == len(values):
            return out


# signs of 本年增/减 in the 2019 distinct sample: signed in most rows, plain in one
CHANGE_SIGNS = {"licensing": "+", "other_services": "-", "penalties": "", "coercive_measures": "-", "fees": "+"}


def distinct_proactive(rng: Rng, template: str, amount: str) -> dict:
    pool = iter(rng.shuffled(range(1, 61)))
    out = {}
    for row in PROACTIVE[template]:
        if row[0] != "data":
            continue
        key, fields = row[1], [f for f, _ in row[3]]
        if fields in (["made", "published", "total"], ["issued", "repealed", "in_force"]):
            a, b, c = sorted(next(pool) for _ in range(3))
            vals = dict(zip(fields, (b, a, c) if fields[0] == "issued" else (a, b, c)))
        else:
            vals = {}
            for f in fields:
                if f == "amount":
                    vals[f] = amount
                elif f == "change":
                    n = next(pool)
                    sign = CHANGE_SIGNS[key]
                    if sign == "-" and n > vals["previous_items"]:
                        vals["previous_items"], n = n, vals["previous_items"]
                    vals[f] = f"{sign}{n}"
                else:
                    vals[f] = next(pool)
        out[key] = vals
    return out


def distinct_numbers(template: str, seed: int, amount: str) -> dict:
    rng = Rng(seed)
    return {
        "proactive": distinct_proactive(rng, template, amount),
        "applications": distinct_applications(rng, template),
        "reviews": distinct_reviews(rng),
    }


def check_numbers(template: str, numbers: dict) -> list[str]:
    """The 勾稽 rules of SPEC.md; returns the failures (empty when all hold)."""
    a, r = numbers["applications"], numbers["reviews"]
    fails = []
    for c in APPLICANT_KEYS:
        if a["new"][c] + a["carried_over"][c] != a["results.total"][c] + a["carried_forward"][c]:
            fails.append(f"applications.balance {c}")
        if a["results.total"][c] != sum(a[k][c] for k in RESULT_LEAF_KEYS[template]):
            fails.append(f"applications.results_total {c}")
    for k, row in a.items():
        if row["total"] != sum(row[c] for c in SIX):
            fails.append(f"applications.row_total {k}")
    for g, row in r.items():
        if row["total"] != row["upheld"] + row["corrected"] + row["other"] + row["pending"]:
            fails.append(f"reviews.total {g}")
    return fails


# =============================================================================
# 4. OOXML helpers — every raw XML string of this script is built here
# =============================================================================

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
NSDECLS = " ".join(f'xmlns:{p}="{u}"' for p, u in NS.items())


def qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def esc(text: str) -> str:
    return _xml_escape(text, {'"': "&quot;"})


def X(fragment: str):
    """Parse one XML element written with the prefixes of NS (python-docx element classes)."""
    root = etree.fromstring(f"<w:root {NSDECLS}>{fragment}</w:root>", oxml_parser)
    if len(root) != 1:
        raise ValueError("X() wants exactly one element")
    return root[0]


def cm_to_dxa(cm: float) -> int:
    return round(cm / 2.54 * 1440)


# --- runs -------------------------------------------------------------------


def rpr(*, font=None, latin=None, size=None, bold=False, vanish=False, color=None, underline=False) -> str:
    """A w:rPr; children in schema order (rFonts, b, vanish, color, sz, u)."""
    parts = []
    if font or latin:
        lat = latin or DEFAULT_FONTS["latin"]
        ea = f' w:eastAsia="{esc(font)}"' if font else ""
        parts.append(f'<w:rFonts w:ascii="{esc(lat)}" w:hAnsi="{esc(lat)}"{ea}/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if vanish:
        parts.append("<w:vanish/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        half = round(size * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if underline:
        parts.append('<w:u w:val="single"/>')
    body = "".join(parts)
    return f"<w:rPr>{body}</w:rPr>" if body else ""


def t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<w:t{space}>{esc(text)}</w:t>"


def run(text: str = "", rp: str = "", inner: str | None = None) -> str:
    """A w:r with text (or with `inner` raw content instead)."""
    content = inner if inner is not None else t(text)
    return f"<w:r>{rp}{content}</w:r>"


# --- paragraphs -----------------------------------------------------------------


def ppr(*, style=None, align=None, first_line_chars=None, font_size=16, line_exact=None,
        num=None, outline=None, spacing_after=None, keep_next=False) -> str:
    """A w:pPr; children in schema order (pStyle, keepNext, numPr, spacing, ind, jc, outlineLvl)."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{esc(style)}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if num is not None:
        num_id, ilvl = num
        parts.append(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    sp = []
    if spacing_after is not None:
        sp.append(f'w:after="{spacing_after}"')
    if line_exact:
        sp.append(f'w:line="{round(line_exact * 20)}" w:lineRule="exact"')
    if sp:
        parts.append(f"<w:spacing {' '.join(sp)}/>")
    if first_line_chars:
        twips = round(first_line_chars / 100 * font_size * 20)
        parts.append(f'<w:ind w:firstLineChars="{first_line_chars}" w:firstLine="{twips}"/>')
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    body = "".join(parts)
    return f"<w:pPr>{body}</w:pPr>" if body else ""


def para(content: str, pp: str = "") -> str:
    return f"<w:p>{pp}{content}</w:p>"


def set_ppr(p_element, pp: str) -> None:
    """Replace the w:pPr of an existing w:p (python-docx element) with raw XML."""
    for old in p_element.findall(qn("w:pPr")):
        p_element.remove(old)
    if pp:
        p_element.insert(0, X(pp))


# --- tables -----------------------------------------------------------------------

BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
TC_BORDERS = "<w:tcBorders>" + "".join(BORDER.format(side=s) for s in ("top", "left", "bottom", "right")) + "</w:tcBorders>"
TBL_BORDERS = "<w:tblBorders>" + "".join(
    BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"


def cell_para(text: str, *, font, size, align="center") -> str:
    """The paragraph(s) of a cell.  A "\\n" in `text` starts a new paragraph in the cell; a "\\v" is a
    manual line break (<w:br/>) inside the paragraph (label texts of the report-layer samples)."""
    if "\n" in text:
        return "".join(cell_para(line, font=font, size=size, align=align) for line in text.split("\n"))
    pp = f'<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="{align}"/></w:pPr>'
    rp = rpr(font=font, size=size)
    if "\v" in text:
        r = run(rp=rp, inner="<w:br/>").join(run(piece, rp) for piece in text.split("\v"))
    else:
        r = run(text, rp) if text else ""
    return para(r, pp)


def tc(content: str, width_dxa: int, *, span=1, vmerge=None, hmerge=None, borders=True, valign="center") -> str:
    """A w:tc.  `content` is the raw block content (paragraphs, nested tables).
    vmerge: None | "restart" | "continue" (writes w:val="continue") | "bare" (writes <w:vMerge/>).
    hmerge: None | "restart" | "bare" (legacy horizontal merge)."""
    props = [f'<w:tcW w:w="{width_dxa}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if hmerge == "restart":
        props.append('<w:hMerge w:val="restart"/>')
    elif hmerge == "bare":
        props.append("<w:hMerge/>")
    if vmerge in ("restart", "continue"):
        props.append(f'<w:vMerge w:val="{vmerge}"/>')
    elif vmerge == "bare":
        props.append("<w:vMerge/>")
    if borders:
        props.append(TC_BORDERS)
    if valign:
        props.append(f'<w:vAlign w:val="{valign}"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{content}</w:tc>"


def tr(cells: str, *, header=None, grid_before=0, grid_after=0, before_dxa=0, after_dxa=0,
       deleted=False, rev_id=0, cant_split=True) -> str:
    """A w:tr.  header: None | "bare" (<w:tblHeader/>) | "true" (w:val="true")."""
    props = []
    if grid_before:
        props.append(f'<w:gridBefore w:val="{grid_before}"/>')
    if grid_after:
        props.append(f'<w:gridAfter w:val="{grid_after}"/>')
    if before_dxa:
        props.append(f'<w:wBefore w:w="{before_dxa}" w:type="dxa"/>')
    if after_dxa:
        props.append(f'<w:wAfter w:w="{after_dxa}" w:type="dxa"/>')
    if cant_split:
        props.append("<w:cantSplit/>")
    if header == "bare":
        props.append("<w:tblHeader/>")
    elif header == "true":
        props.append('<w:tblHeader w:val="true"/>')
    if deleted:
        props.append(f'<w:del w:id="{rev_id}" w:author="{REVISION_AUTHOR}" w:date="{DOC_DATE_ISO}"/>')
    trpr = f"<w:trPr>{''.join(props)}</w:trPr>" if props else ""
    return f"<w:tr>{trpr}{cells}</w:tr>"


def tbl(grid_dxa: list[int], rows: str, *, align="center") -> str:
    total = sum(grid_dxa)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid_dxa)
    props = (f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="{align}"/>{TBL_BORDERS}'
             f'<w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
             f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>')
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


@dataclass
class Cell:
    """A cell of a laid-out table, in the same terms as govdoc's JSON output."""
    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    align: str = "center"


@dataclass
class TableLayout:
    col_widths_cm: list[float]
    cells: list[Cell]
    header_rows: int = 0            # rows that are column headers
    mark_header_rows: bool = False  # write <w:tblHeader/> on them (repeat on each page)
    font: str = DEFAULT_FONTS["table"]
    size: float = 10.5

    @property
    def n_rows(self) -> int:
        return max(c.row + c.row_span for c in self.cells)

    @property
    def n_cols(self) -> int:
        return len(self.col_widths_cm)


def layout_table_xml(layout: TableLayout) -> str:
    """Write a TableLayout as a w:tbl with gridSpan / vMerge restart+continue."""
    grid = [cm_to_dxa(w) for w in layout.col_widths_cm]
    start = {(c.row, c.col): c for c in layout.cells}
    covering = {}
    for c in layout.cells:
        for r in range(c.row, c.row + c.row_span):
            for k in range(c.col, c.col + c.col_span):
                if (r, k) in covering:
                    raise ValueError(f"cells overlap at {(r, k)}")
                covering[(r, k)] = c
    rows_xml = []
    for r in range(layout.n_rows):
        cells_xml = []
        k = 0
        while k < layout.n_cols:
            c = covering.get((r, k))
            if c is None:
                raise ValueError(f"no cell covers {(r, k)}")
            if c.col != k:
                raise ValueError(f"bad horizontal cover at {(r, k)}")
            width = sum(grid[c.col:c.col + c.col_span])
            if (r, k) in start:
                content = cell_para(c.text, font=layout.font, size=layout.size, align=c.align)
                vm = "restart" if c.row_span > 1 else None
            else:
                content = cell_para("", font=layout.font, size=layout.size)
                vm = "continue"
            cells_xml.append(tc(content, width, span=c.col_span, vmerge=vm))
            k += c.col_span
        header = "bare" if layout.mark_header_rows and r < layout.header_rows else None
        rows_xml.append(tr("".join(cells_xml), header=header))
    return tbl(grid, "".join(rows_xml))


# --- tables cut into parts ----------------------------------------------------------
#
# Real reports arrive with one statistical table cut into several w:tbl (a table split in
# Word, a header typed as a table of its own, a PDF page end turned into a table end).  A
# Cut says where a laid-out table is cut and what the next part looks like; the whole
# TableLayout stays what govdoc must output once it has rejoined the parts.


@dataclass
class Cut:
    """A cut of a TableLayout into two w:tbl; row numbers are those of the whole table, 0-based."""
    after_row: int                      # the last row of the part before the cut
    between: str = "empty"              # what lies between the parts: "none" | "empty" (an empty paragraph) |
                                        # "page_break" (an otherwise-empty paragraph with a page break) |
                                        # any other text: a centred paragraph with that text ("续表")
    repeat_rows: tuple = ()             # rows of the whole table repeated at the top of the next part (header
                                        # repeat); a cell that starts above the first repeated row is written
                                        # empty, as it shows under a vertical merge
    crossing: str = "restart"           # a vertical merge running across the cut continues in the next part as
                                        # "restart": an EMPTY cell restarted there (merged down within the part),
                                        # or "bare": <w:vMerge/> continuation cells with no restart in the part
    split_label: tuple | None = None    # (head, tail): the cut is INSIDE row after_row.  The part before ends with
                                        # that row, the label head+tail cut to head and all its values; the next
                                        # part starts with the same row again, the label cell holding tail and
                                        # every other cell that starts in the row empty
    collapse_before: tuple | None = None  # (a, b): in the part before the cut the grid columns a..b are written
                                        # as ONE grid column as wide as they are together


def _collapse_map(n_cols: int, collapse: tuple | None):
    """Map of whole-grid columns to the columns of a part whose grid columns a..b are one."""
    if not collapse:
        return list(range(n_cols))
    a, b = collapse
    return [k if k < a else a if k <= b else k - (b - a) for k in range(n_cols)]


def _part_rows_xml(layout: TableLayout, covering: dict, grid: list[int], rows: list[int], *,
                   crossing: str = "restart", col_map: list[int] | None = None, texts: dict | None = None,
                   may_split: set = frozenset()) -> str:
    """The w:tr of whole-table rows `rows` (consecutive) written as one w:tbl of their own.
    A merged cell is clipped to these rows; one that started above them continues as `crossing` says."""
    col_map = col_map or list(range(layout.n_cols))
    texts = texts or {}
    first, last = rows[0], rows[-1]
    if rows != list(range(first, last + 1)):
        raise ValueError(f"rows of a part must be consecutive: {rows}")
    out = []
    for r in rows:
        cells_xml = []
        k = 0
        while k < layout.n_cols:
            c = covering.get((r, k))
            if c is None:
                raise ValueError(f"no cell covers {(r, k)}")
            if c.col != k:
                raise ValueError(f"bad horizontal cover at {(r, k)}")
            end = c.col + c.col_span - 1
            # a collapsed group of grid columns must be covered whole by one cell
            if c.col > 0 and col_map[c.col] == col_map[c.col - 1]:
                raise ValueError(f"a cell starts inside collapsed grid columns at {(r, k)}")
            if end + 1 < layout.n_cols and col_map[end] == col_map[end + 1]:
                raise ValueError(f"a cell ends inside collapsed grid columns at {(r, k)}")
            span = col_map[end] - col_map[c.col] + 1
            width = sum(grid[c.col:end + 1])
            top, bottom = max(c.row, first), min(c.row + c.row_span - 1, last)
            if r == top:
                if c.row < first and crossing == "bare":
                    content, vm = cell_para("", font=layout.font, size=layout.size), "bare"
                else:
                    text = texts.get((c.row, c.col), c.text) if c.row == r else ""
                    content = cell_para(text, font=layout.font, size=layout.size, align=c.align)
                    vm = "restart" if bottom > top else None
            else:
                content, vm = cell_para("", font=layout.font, size=layout.size), "continue"
            cells_xml.append(tc(content, width, span=span, vmerge=vm))
            k += c.col_span
        header = "bare" if layout.mark_header_rows and r < layout.header_rows else None
        out.append(tr("".join(cells_xml), header=header, cant_split=r not in may_split))
    return "".join(out)


def between_parts_xml(between: str, *, font: str) -> str:
    if between == "none":
        return ""
    if between == "empty":
        return para("", ppr())
    if between == "page_break":
        return para(run(rp=rpr(font=font, size=16), inner='<w:br w:type="page"/>'), ppr())
    return para(run(between, rpr(font=font, size=14)), ppr(align="center", spacing_after=0))


def layout_parts_xml(layout: TableLayout, cuts: list[Cut], *, font: str = DEFAULT_FONTS["body"]) -> str:
    """Write a TableLayout as several w:tbl, cut as `cuts` say, with what lies between them."""
    cuts = sorted(cuts, key=lambda c: c.after_row)
    grid = [cm_to_dxa(w) for w in layout.col_widths_cm]
    covering = {}
    for c in layout.cells:
        for r in range(c.row, c.row + c.row_span):
            for k in range(c.col, c.col + c.col_span):
                if (r, k) in covering:
                    raise ValueError(f"cells overlap at {(r, k)}")
                covering[(r, k)] = c
    out = []
    first, before = 0, None          # `before`: the cut in front of the part being written
    for cut in cuts + [None]:
        last = cut.after_row if cut else layout.n_rows - 1
        col_map = _collapse_map(layout.n_cols, cut.collapse_before if cut else None)
        part_grid = [0] * (col_map[-1] + 1)
        for k, w in enumerate(grid):
            part_grid[col_map[k]] += w
        texts, may_split = {}, set()
        rows_xml = ""
        if before is not None:
            out.append(between_parts_xml(before.between, font=font))
            if before.repeat_rows:
                rows_xml += _part_rows_xml(layout, covering, grid, list(before.repeat_rows), col_map=col_map)
            if before.split_label:
                head, tail = before.split_label
                for c in layout.cells:
                    if c.row == first:
                        texts[(c.row, c.col)] = tail if c.text == head + tail else ""
                may_split.add(first)
        if cut is not None and cut.split_label:
            head, tail = cut.split_label
            hits = [c for c in layout.cells if c.row == last and c.text == head + tail]
            if len(hits) != 1:
                raise ValueError(f"split_label {cut.split_label} does not name one cell of row {last}")
            texts[(hits[0].row, hits[0].col)] = head
            may_split.add(last)
        rows_xml += _part_rows_xml(layout, covering, grid, list(range(first, last + 1)),
                                   crossing=before.crossing if before else "restart", col_map=col_map,
                                   texts=texts, may_split=may_split)
        out.append(tbl(part_grid, rows_xml))
        if cut is not None:
            first = last if cut.split_label else last + 1
        before = cut
    return "".join(out)


# --- drawing / text boxes ----------------------------------------------------------

VML_TEXTBOX_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')


def drawingml_textbox_run(paragraphs_xml: str, *, shape_id: int, name: str, width_cm: float, height_cm: float,
                          offset_cm: float) -> str:
    """A run holding a text box the way Word 2010+ writes it: mc:AlternateContent with a
    DrawingML (wps) choice and a VML fallback carrying the same paragraphs."""
    cx, cy = round(width_cm * 360000), round(height_cm * 360000)
    off = round(offset_cm * 360000)
    wpt, hpt, offpt = width_cm / 2.54 * 72, height_cm / 2.54 * 72, offset_cm / 2.54 * 72
    choice = (
        '<w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{251658240 + shape_id}"'
        ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{off}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{shape_id}" name="{esc(name)}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{paragraphs_xml}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720"'
        ' anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')
    fallback = (
        '<w:pict>' + VML_TEXTBOX_SHAPETYPE +
        f'<v:shape id="{esc(name)}" o:spid="_x0000_s{1024 + shape_id}" type="#_x0000_t202"'
        f' style="position:absolute;margin-left:0;margin-top:{offpt:.1f}pt;width:{wpt:.1f}pt;height:{hpt:.1f}pt;'
        f'z-index:{shape_id};mso-position-horizontal-relative:text;mso-position-vertical-relative:text"'
        ' fillcolor="white" strokeweight=".5pt">'
        f'<v:textbox><w:txbxContent>{paragraphs_xml}</w:txbxContent></v:textbox>'
        '<w10:wrap type="topAndBottom"/></v:shape></w:pict>')
    return ('<w:r><mc:AlternateContent>'
            f'<mc:Choice Requires="wps">{choice}</mc:Choice>'
            f'<mc:Fallback>{fallback}</mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def vml_textbox_run(paragraphs_xml: str, *, shape_id: int, name: str, width_cm: float, height_cm: float) -> str:
    """A run holding a legacy VML-only text box (w:pict/v:shape/v:textbox/w:txbxContent), inline."""
    wpt, hpt = width_cm / 2.54 * 72, height_cm / 2.54 * 72
    return ('<w:r><w:pict>' + VML_TEXTBOX_SHAPETYPE +
            f'<v:shape id="{esc(name)}" o:spid="_x0000_s{1024 + shape_id}" type="#_x0000_t202"'
            f' style="width:{wpt:.1f}pt;height:{hpt:.1f}pt" fillcolor="white" strokeweight=".5pt">'
            f'<v:textbox><w:txbxContent>{paragraphs_xml}</w:txbxContent></v:textbox></v:shape>'
            '</w:pict></w:r>')


# --- content controls, revisions, fields ----------------------------------------------


def sdt(content: str, *, sdt_id: int, alias: str) -> str:
    """A w:sdt around block, row, cell or run content (the content decides the level)."""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{esc(alias)}"/><w:tag w:val="{esc(alias)}"/>'
            f'<w:id w:val="{sdt_id}"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>')


def rev_attrs(rev_id: int) -> str:
    return f'w:id="{rev_id}" w:author="{REVISION_AUTHOR}" w:date="{DOC_DATE_ISO}"'


def ins(runs: str, rev_id: int) -> str:
    return f"<w:ins {rev_attrs(rev_id)}>{runs}</w:ins>"


def deleted_run(text: str, rev_id: int, rp: str = "") -> str:
    return f'<w:del {rev_attrs(rev_id)}><w:r>{rp}<w:delText>{esc(text)}</w:delText></w:r></w:del>'


def move_from(runs: str, rev_id: int, name: str) -> str:
    return (f'<w:moveFromRangeStart {rev_attrs(rev_id)} w:name="{name}"/>'
            f"<w:moveFrom {rev_attrs(rev_id + 1)}>{runs}</w:moveFrom>"
            f'<w:moveFromRangeEnd w:id="{rev_id}"/>')


def move_to(runs: str, rev_id: int, name: str) -> str:
    return (f'<w:moveToRangeStart {rev_attrs(rev_id)} w:name="{name}"/>'
            f"<w:moveTo {rev_attrs(rev_id + 1)}>{runs}</w:moveTo>"
            f'<w:moveToRangeEnd w:id="{rev_id}"/>')


def complex_field(instr: str, result_runs: str, rp: str = "") -> str:
    return (f'<w:r>{rp}<w:fldChar w:fldCharType="begin" w:fldLock="1"/></w:r>'
            f'<w:r>{rp}<w:instrText xml:space="preserve">{esc(instr)}</w:instrText></w:r>'
            f'<w:r>{rp}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"{result_runs}"
            f'<w:r>{rp}<w:fldChar w:fldCharType="end"/></w:r>')


def simple_field(instr: str, result_runs: str) -> str:
    return f'<w:fldSimple w:instr="{esc(instr)}">{result_runs}</w:fldSimple>'


# --- numbering.xml and styles.xml ---------------------------------------------------


@dataclass
class ListDef:
    """One automatic-numbering list: an abstractNum and the w:num that points to it."""
    num_id: int
    levels: list            # [(numFmt, lvlText, start, font or None), ...] by ilvl
    style_link: str | None = None  # styleId whose pPr carries this list (w:pStyle in lvl 0)


def numbering_xml(lists: list[ListDef]) -> str:
    abstracts, nums = [], []
    for lst in lists:
        aid = lst.num_id  # one abstractNum per list, same number as the w:num
        lvls = []
        for ilvl, (fmt, text, start, font) in enumerate(lst.levels):
            pstyle = f'<w:pStyle w:val="{lst.style_link}"/>' if (lst.style_link and ilvl == 0) else ""
            lvl_rpr = rpr(font=font) if font else ""
            lvls.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{pstyle}'
                f'<w:suff w:val="nothing"/><w:lvlText w:val="{esc(text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>{lvl_rpr}</w:lvl>')
        kind = "multilevel" if len(lst.levels) > 1 else "singleLevel"
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="{0x1A2B3C00 + aid:08X}"/>'
            f'<w:multiLevelType w:val="{kind}"/><w:tmpl w:val="{0x5D6E7F00 + aid:08X}"/>{"".join(lvls)}</w:abstractNum>')
        nums.append(f'<w:num w:numId="{lst.num_id}"><w:abstractNumId w:val="{aid}"/></w:num>')
    return (f'<w:numbering {NSDECLS} mc:Ignorable="w14">' + "".join(abstracts) + "".join(nums) + "</w:numbering>")


@dataclass
class StyleDef:
    style_id: str
    name: str
    ppr: str = ""          # raw <w:pPr> content
    rpr: str = ""          # raw <w:rPr> content
    based_on: str | None = "a"
    kind: str = "paragraph"
    tblpr: str = ""        # raw <w:tblPr> content (table styles)


def styles_xml(fonts: dict, extra: list[StyleDef]) -> str:
    """A compact styles.xml with the style ids Chinese Word/WPS use (a, a0, a1, a2 ...)."""
    lat = esc(fonts["latin"])
    defaults = (
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{lat}" w:eastAsia="{esc(fonts["body"])}" w:hAnsi="{lat}" w:cs="{lat}"/>'
        '<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>')
    base = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/>'
        '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="a2"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>')
    more = []
    for s in extra:
        based = f'<w:basedOn w:val="{s.based_on}"/>' if s.based_on else ""
        p = f"<w:pPr>{s.ppr}</w:pPr>" if s.ppr else ""
        r = f"<w:rPr>{s.rpr}</w:rPr>" if s.rpr else ""
        t = f"<w:tblPr>{s.tblpr}</w:tblPr>" if s.tblpr else ""
        more.append(f'<w:style w:type="{s.kind}" w:styleId="{esc(s.style_id)}"><w:name w:val="{esc(s.name)}"/>'
                    f'{based}<w:qFormat/>{p}{r}{t}</w:style>')
    return f'<w:styles {NSDECLS} mc:Ignorable="w14">{defaults}{base}{"".join(more)}</w:styles>'


# =============================================================================
# 5. package plumbing
# =============================================================================

DROP_PART_RELTYPES = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.THUMBNAIL,
    RT.WEB_SETTINGS,
}


class DocxBuilder:
    """A python-docx Document slimmed to a small, deterministic package, plus raw-XML appending."""

    def __init__(self, *, fonts: dict, styles: list[StyleDef] = (), lists: list[ListDef] = (), title: str = ""):
        self.fonts = fonts
        self.doc = docx.Document()
        part = self.doc.part
        for rels in (part.rels, part.package.rels):
            for rid in [rid for rid, rel in rels.items() if rel.reltype in DROP_PART_RELTYPES]:
                del rels[rid]
        part._styles_part._element = X(styles_xml(fonts, list(styles)))
        part.numbering_part._element = X(numbering_xml(list(lists)))
        settings = self.doc.settings.element
        for tag in ("w:rsids", "w:attachedTemplate", "w14:docId"):
            for el in settings.findall(qn(tag)):
                settings.remove(el)
        for el in settings.findall(qn("w:themeFontLang")):
            el.set(qn("w:eastAsia"), "zh-CN")
        for el in settings.findall(qn("w:savePreviewPicture")):
            settings.remove(el)
        self.body = self.doc.element.body
        for el in list(self.body):
            if el.tag != qn("w:sectPr"):
                self.body.remove(el)
        sect = self.doc.sections[0]
        sect.page_width, sect.page_height = Twips(11906), Twips(16838)
        sect.top_margin, sect.bottom_margin = Twips(cm_to_dxa(3.7)), Twips(cm_to_dxa(3.5))
        sect.left_margin, sect.right_margin = Twips(cm_to_dxa(2.8)), Twips(cm_to_dxa(2.6))
        sect.header_distance, sect.footer_distance = Twips(cm_to_dxa(1.5)), Twips(cm_to_dxa(2.8))
        sectpr = sect._sectPr
        for a in list(sectpr.attrib):
            del sectpr.attrib[a]
        cp = self.doc.core_properties
        cp.title = title
        cp.author = "govdoc samples"
        cp.last_modified_by = "govdoc samples"
        cp.comments = ""
        cp.revision = 1
        cp.created = cp.modified = cp.last_printed = DOC_DATE

    # -- appending --------------------------------------------------------------
    def append(self, fragment: str):
        el = X(fragment)
        self.body.find(qn("w:sectPr")).addprevious(el)
        return el

    def body_paragraph(self, text: str, *, first_line=True):
        f = self.fonts
        return self.append(para(run(text, rpr(font=f["body"], size=16)),
                                ppr(first_line_chars=200 if first_line else None, line_exact=28)))

    def title_lines(self, lines: list[str]):
        for line in lines:
            self.append(para(run(line, rpr(font=self.fonts["title"], size=22)),
                             ppr(align="center", line_exact=36, spacing_after=0)))
        self.append(para("", ppr(line_exact=28)))  # the blank line under the title

    def heading(self, level: int, text: str, *, num=None):
        font = self.fonts["h1"] if level == 1 else self.fonts["h2"]
        return self.append(para(run(text, rpr(font=font, size=16)),
                                ppr(first_line_chars=200, line_exact=28, num=num, keep_next=True)))

    def table(self, layout: TableLayout):
        self.append(layout_table_xml(layout))
        # a table must be followed by a paragraph before the next table / the section end
        self.append(para("", ppr(line_exact=14)))

    def append_all(self, fragments: str):
        """Append several sibling elements given as one XML string."""
        root = etree.fromstring(f"<w:root {NSDECLS}>{fragments}</w:root>", oxml_parser)
        anchor = self.body.find(qn("w:sectPr"))
        for el in list(root):
            anchor.addprevious(el)

    def table_parts(self, layout: TableLayout, cuts: list[Cut]):
        """A table cut into several w:tbl (see Cut); then the paragraph a table needs after it."""
        self.append_all(layout_parts_xml(layout, cuts, font=self.fonts["body"]))
        self.append(para("", ppr(line_exact=14)))

    # -- saving ---------------------------------------------------------------------
    def save(self, path: Path, *, main_part_name: str | None = None):
        root = self.doc.element
        etree.cleanup_namespaces(root, top_nsmap={p: u for p, u in NS.items() if p in ("a",)},
                                 keep_ns_prefixes=list(root.nsmap))
        if main_part_name:
            self.doc.part.partname = PackURI(main_part_name)
        buf = io.BytesIO()
        self.doc.save(buf)
        write_normalized_zip(path, read_zip(buf.getvalue()))


def save_python_docx(d, path: Path):
    """Save a python-docx document byte-reproducibly: fixed core properties
    (author, revision, dates), then the package rewritten with fixed zip entries."""
    cp = d.core_properties
    cp.author = cp.last_modified_by = "govdoc samples"
    cp.revision = 1
    cp.created = cp.modified = cp.last_printed = DOC_DATE
    buf = io.BytesIO()
    d.save(buf)
    write_normalized_zip(path, read_zip(buf.getvalue()))


def read_zip(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info.filename, z.read(info.filename)) for info in z.infolist()]


def write_normalized_zip(path: Path, entries: list[tuple[str, bytes]]):
    """Rewrite a package with fixed dates and attributes, entries in the order written."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    path.write_bytes(buf.getvalue())


# =============================================================================
# 6. build_report
# =============================================================================


def proactive_layout(template: str, numbers: dict, labels: dict) -> TableLayout:
    cells, r = [], 0
    for row in PROACTIVE[template]:
        if row[0] == "merged":
            cells.append(Cell(r, 0, labels.get(row[1], row[1]), col_span=4, align="left"))
        elif row[0] == "header":
            k = 0
            for text, span in row[1]:
                cells.append(Cell(r, k, labels.get(text, text), col_span=span))
                k += span
        else:
            _, key, label, fields = row
            cells.append(Cell(r, 0, labels.get(label, label)))
            k = 1
            for f, span in fields:
                cells.append(Cell(r, k, cell_text(numbers[key][f]), col_span=span))
                k += span
        r += 1
    return TableLayout(PROACTIVE_COL_WIDTHS_CM, cells, header_rows=0, size=10.5)


def merge_label_column(rows: list[tuple[str, list[str]]], col: int, first_row: int) -> list[Cell]:
    """Cells of label column `col` (0..2) for the body rows: spans from the label paths."""
    cells = []
    i = 0
    while i < len(rows):
        path = rows[i][1]
        owner = {1: 0, 2: (0 if col == 0 else 1), 3: col}[len(path)]
        if owner != col:            # covered horizontally by a cell to the left
            i += 1
            continue
        label_index = min(col, len(path) - 1)
        col_span = {1: 3, 2: (1 if col == 0 else 2), 3: 1}[len(path)]
        j = i + 1
        if len(path) > 1 and label_index < len(path) - 1:
            prefix = path[:label_index + 1]
            while j < len(rows) and len(rows[j][1]) > label_index + 1 and rows[j][1][:label_index + 1] == prefix:
                j += 1
        cells.append(Cell(first_row + i, col, path[label_index], row_span=j - i, col_span=col_span,
                          align="left" if col_span > 1 or col == 2 else "center"))
        i = j
    return cells


def applications_layout(template: str, numbers: dict, labels: dict, *, mark_header: bool) -> TableLayout:
    rows = [(k, [labels.get(x, x) for x in path]) for k, path in APPLICATION_ROWS[template]]
    L = lambda s: labels.get(s, s)  # noqa: E731
    cells = [
        Cell(0, 0, L(APPLICATIONS_HEADER_LABEL), row_span=3, col_span=3),
        Cell(0, 3, L("申请人情况"), col_span=7),
        Cell(1, 3, L("自然人"), row_span=2),
        Cell(1, 4, L("法人或其他组织"), col_span=5),
        Cell(1, 9, L("总计"), row_span=2),
    ]
    for i, (_, text) in enumerate(APPLICANT_COLUMNS[1:6]):
        cells.append(Cell(2, 4 + i, L(text)))
    for col in range(3):
        cells += merge_label_column(rows, col, first_row=3)
    for i, (key, _) in enumerate(rows):
        for j, c in enumerate(APPLICANT_KEYS):
            cells.append(Cell(3 + i, 3 + j, cell_text(numbers[key][c])))
    return TableLayout(APPLICATIONS_COL_WIDTHS_CM, cells, header_rows=3, mark_header_rows=mark_header, size=9)


def reviews_layout(numbers: dict, labels: dict) -> TableLayout:
    L = lambda s: labels.get(s, s)  # noqa: E731
    cells = [Cell(0, 0, L("行政复议"), col_span=5), Cell(0, 5, L("行政诉讼"), col_span=10)]
    for i, (_, text) in enumerate(REVIEW_FIELDS):
        cells.append(Cell(1, i, L(text), row_span=2))
    cells += [Cell(1, 5, L("未经复议直接起诉"), col_span=5), Cell(1, 10, L("复议后起诉"), col_span=5)]
    for g in range(2):
        for i, (_, text) in enumerate(REVIEW_FIELDS):
            cells.append(Cell(2, 5 + 5 * g + i, L(text)))
    k = 0
    for g, _ in REVIEW_GROUPS:
        for f, _ in REVIEW_FIELDS:
            cells.append(Cell(3, k, cell_text(numbers[g][f])))
            k += 1
    return TableLayout(REVIEWS_COL_WIDTHS_CM, cells, header_rows=3, size=9)


# the official heading numbering used when a report asks for automatic numbering
REPORT_HEADING_LIST = ListDef(num_id=1, levels=[
    ("chineseCounting", "%1、", 1, DEFAULT_FONTS["h1"]),
    ("chineseCounting", "（%2）", 1, DEFAULT_FONTS["h2"]),
])


def cn_small(n: int) -> str:
    """1..99 in ordinary Chinese counting (十一, 二十)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + ("" if ones == 0 else CN_DIGITS[ones])


@dataclass
class ReportSpec:
    """Everything a report sample is made of; build_report() lays it out."""
    file: str
    agency: str
    year: int
    template: str                       # "2019" | "2021"
    title_lines: list[str]
    numbers: dict
    sections: list[list[tuple]]         # 6 lists of ("p", text) | ("h2", text) | ("table", name)
    fonts: dict = field(default_factory=lambda: dict(DEFAULT_FONTS))
    labels: dict = field(default_factory=dict)   # template label -> text written instead
    auto_numbering: bool = False        # 一、/（一） from numbering.xml instead of typed text
    repeat_header: bool = False         # mark the section-三 header rows with <w:tblHeader/>
    section_titles: list[str] = field(default_factory=lambda: list(SECTION_TITLES))
    cuts: dict = field(default_factory=dict)   # "proactive" | "applications" | "reviews" -> [Cut, ...]
    what: str = ""                      # README: what the sample is
    exercises: str = ""                 # README: what it exercises
    # -- the report-layer samples (7.7) -------------------------------------------------------
    application_rows: str | None = None  # key of APPLICATION_ROWS for the section-三 rows (default: template)
    annex: list[tuple] = field(default_factory=list)  # blocks after section 六 (signature, 附件 and its table)
    failed_checks: list[dict] = field(default_factory=list)  # the planted 勾稽 failures, {"rule","column","row"}
    output: str = ""                    # README: what govdoc must output


def report_table_layout(spec: ReportSpec, name: str) -> TableLayout:
    """The whole (uncut) layout of one of the three tables of a report."""
    if name == "proactive":
        return proactive_layout(spec.template, spec.numbers["proactive"], spec.labels)
    if name == "applications":
        return applications_layout(spec.application_rows or spec.template, spec.numbers["applications"],
                                   spec.labels, mark_header=spec.repeat_header)
    if name == "reviews":
        return reviews_layout(spec.numbers["reviews"], spec.labels)
    raise ValueError(name)


def build_report(path: Path, spec: ReportSpec) -> None:
    """Lay out a whole annual report: title, six sections, three tables."""
    lists = [REPORT_HEADING_LIST] if spec.auto_numbering else []
    b = DocxBuilder(fonts=spec.fonts, lists=lists, title="".join(spec.title_lines))
    b.title_lines(spec.title_lines)
    for i, (title, blocks) in enumerate(zip(spec.section_titles, spec.sections), start=1):
        if spec.auto_numbering:
            b.heading(1, title, num=(1, 0))
        else:
            b.heading(1, f"{cn_small(i)}、{title}")
        report_blocks(b, spec, blocks)
    report_blocks(b, spec, spec.annex)
    b.save(path)


def report_blocks(b: DocxBuilder, spec: ReportSpec, blocks: list[tuple]) -> None:
    """The blocks of one section (or of the annex): ("p", text) | ("h2", text) | ("table", name) |
    ("caption", text) a centred table title line | ("right", text) a right-aligned line (signature, date) |
    ("annex", text) an unindented 黑体 line (附件：…)."""
    sub = 0
    for block in blocks:
        kind, value = block
        if kind == "p":
            b.body_paragraph(value)
        elif kind == "h2":
            sub += 1
            if spec.auto_numbering:
                b.heading(2, value, num=(1, 1))
            else:
                b.heading(2, f"（{cn_small(sub)}）{value}")
        elif kind == "table":
            layout = report_table_layout(spec, value)
            if spec.cuts.get(value):
                b.table_parts(layout, spec.cuts[value])
            else:
                b.table(layout)
        elif kind == "caption":
            b.append(para(run(value, rpr(font=spec.fonts["h1"], size=14)), ppr(align="center", line_exact=28)))
        elif kind == "right":
            b.append(para(run(value, rpr(font=spec.fonts["body"], size=16)), ppr(align="right", line_exact=28)))
        elif kind == "annex":
            b.append(para(run(value, rpr(font=spec.fonts["h1"], size=16)), ppr(line_exact=28, keep_next=True)))
        else:
            raise ValueError(kind)


# =============================================================================
# 7. the samples
# =============================================================================

# --- 7.1 the seed report (石狮市商务局 2019), text as in shared/seed/shishi-commerce-2019.txt
# with the stray spaces of the PDF extraction removed and the three paragraphs the page
# ends broke rejoined.

SEED_SECTIONS = [
    [
        ("h2", "主动公开信息"),
        ("p", "今年以来政府信息主动公开数30条。其中机构职能类信息2条，政策、规范性文件类信息数1条，安全生产、应急管理类信息数4条，其他类信息数23条。全文电子化公开率100%。"),
        ("p", "印发《石狮市商务局关于建立新闻发言人制度的通知》，明确我局新闻发言人及联络员工作内容、职责，制定单位新闻发言工作制度，成立以分管副局长为单位新闻发言人、综合股股长施滨滨为新闻联络员的工作小组，并根据人事变动及时调整新闻发言人。落实信息发布主体责任，明确相关新闻收集、撰写、发布等工作职责。积极履行“第一解读人”职责，2019年11月副局长李荣亮就“落实商贸经济高质量发展”通过在线访谈与网民进行在线交流。"),
        ("p", "围绕2019年市委市政府重要部署和商务发展主要预期目标，明确工作任务，落实责任分工，按照任务分解做好各自职责内的政策解读工作，并通过不断创新工作方式公开，及时公开相关政策措施。2019年10月，新闻联播报道“福建泉州出口逆势增长靠什么”的一线调研新闻，市商务局局长林金场代表泉州接受中央电视台采访。市场采购、商贸电商、口岸航线等相关工作先后多次被人民日报、国际商报、福建日报、泉州晚报等各级新闻媒体报道，有效提振了市场信心。"),
        ("p", "我局完善地方预决算公开操作规程，建立健全预决算公开统计和考核工作机制，依照文件要求及时公开局机关及各下属事业单位2018年决算和2019年预算内容。"),
        ("p", "严格落实网络意识形态责任制，认真按照要求完成政府网站域名清理工作，经自查目前没有自建运营的政府网站，主要依托中国石狮网和“石狮商务”微信公众号进行网上信息发布。在工作中，我局坚持以正面宣传为主，注重把握不同时期宣传重点，提高舆论引导效果，并对中美贸易摩擦、防范非洲猪瘟等重大事件及时介入，防患未然，特别注意掌握网络舆情，牢牢掌握新闻报导主动权；同时积极组织机关各股、下属各单位撰写信息稿件并投稿，对我局市场采购贸易、电子商务等重点工作进行突出宣传，通过“石狮商务”微信公众号及时发布相关惠及企业或个人有利政策信息，如市场贸易采购试点及预包装食品出口等工作内容；信息发布过程中能够按照要求进行“三审三校”。"),
        ("p", "2019年10月11日，经市政府第14次常务会议同意，出台《泉州石狮服装城市场采购贸易方式出口预包装食品质量安全监督管理规定（试行）》、《泉州石狮服装城市场采购贸易方式出口预包装食品质量安全市场监管工作规程（试行）》，我局及时主动公开文件，并按规定在公布3日内于中国石狮网等平台做好文件政策解读工作；同时积极在《八闽快讯》等媒介进行信息报道。"),
        ("p", "2019年，根据《石狮市人民政府办公室关于办理市七届人大二次会议代表建议的通知》、《石狮市人民政府办公室关于办理市政协七届二次会议提案的通知》文件要求，我单位承办人大建议5件（其中1件独办，1件主办，1件联合主办，3件协办），承办政协提案9件，（4件主办，1件联合主办，4件协办）。承办件中涉及民生、经济等多方面工作，我局主动对接代表及提案人，将落实工作详细答复，并以召开座谈会、电话联系、赴单位拜访等多种形式取得工作落实情况信息。"),
        ("h2", "政府信息依申请公开办理情况"),
        ("p", "截至2019年底，我局未收到公民、法人和其他组织提出的申请。"),
        ("h2", "政府信息管理"),
        ("p", "我局采用规范发文稿，局领导班子坚持以“公开为原则，不公开为例外”亲自审定每一个对外公布信息，每个政府信息产生时就由局领导审批时明确该信息为“主动公开”、“依申请公开”还是“不予公开”，对不予公开的说明具体理由，做到主要领导亲自抓、各股及下属单位负责人具体抓，继续保持我局信息公开工作一级抓一级、层层抓落实的良好局面。"),
        ("p", "及时于每月5日、20日定期向市档案馆、公共图书馆移交主动公开的政府信息。全年主动公开的政府信息电子档刻录至光盘，于年底准时送交“两馆”。"),
        ("h2", "平台建设"),
        ("p", "我局结合单位工作实际，以实事求是、与时俱进为原则制定《市商务局舆情应对处置工作制度》、《微信公众号信息发布管理制度》等政务新媒体管理制度。同时为加大推进政务公开工作的宣传力度，保证公开的真实性和有效性，保障公众知情权和公众对我局工作实施有效监督，提高行政效率、改善服务质量、方便群众办事，我局通过不断创新工作方式广泛开展政务公开工作。我局通过“单位政务公开栏”、“市政府政务公开栏”、“中国石狮门户网站”、“石狮商务局微信公众账号”及“石狮服装城LED屏”等五个公开方式，严格按照依法公开的原则，主动、及时、规范信息的发布，直接将信息呈现在市民、商户眼前，既提高我局办事的透明度，减少工作的随意性，加大社会各界对我局行政职权的监督；又缩短了局机关与公众的距离，为服务对象提供更为“公开、透明、高效、便民”的政务公开平台。充分发挥政府微博、微信、移动客户端灵活便捷的优势，做好信息发布、政策解读和办事服务工作，进一步增强公开实效，提升服务水平。每月定期在“石狮商务”微信公众号公开当月政务公开信息。"),
        ("h2", "监督保障"),
        ("p", "为确保信息公开的有效性和及时性，我局领导班子成员高度重视信息公开工作，根据局领导班子小组成员的调整情况，及时调整充实我局政府信息公开工作领导小组，成立了以林金场局长为组长，李荣亮副局长为副组长，办公室及业务股室工作人员为成员的政府信息公开工作领导小组，切实保证了政府信息公开的领导力量。领导小组下设办公室，负责政府信息公开的日常组织协调工作，促进信息公开工作顺利开展。"),
        ("p", "按照“谁开设、谁管理”原则，落实主体责任，严格内容审查把关，不得发布与政府职能没有直接关联的信息，信息发布失当、造成不良影响的要及时整改。由分管领导、主要领导亲自签批《保密审查表》，严格把关信息发布内容。"),
    ],
    [("table", "proactive")],
    [("table", "applications")],
    [("table", "reviews")],
    [
        ("p", "2019年我局的政府信息公开工作虽然取得了一些成绩和进展，但仍存在一些问题和不足。一是对政府信息公开的认识有待进一步提高，对政府信息公开条例等相关法律法规学习不够透彻，以致工作成效不显著；二是对外公开的宣传还不够，仍需探索更多的公开方式，做到让群众及时、清楚的了解政府信息；三是个别时候还存在公开不及时的现象，公开效率有待加强。"),
        ("p", "2020年，我局将着重抓好以下几方面的工作：（一）进一步组织学习、贯彻《中华人民共和国政府信息公开条例》。对照条例，认真理清局政府信息公开事项，查漏补缺，编制更加科学规范的公开目录。（二）加大宣传力度。通过中国石狮网、《石狮日报》等主流媒体、利用宣传资料、宣传栏，特别是充分利用微信新媒体“传播快、覆盖面广”的特点，对重点领域政务信息进行公开和宣传，进一步优化我市营商环境的建设，认真听取民意，不断改进工作方式方法，不断提高局公信力和政务公开工作。"),
        ("p", "组织全局领导干部和职工学习上级相关文件，不断提高对推行政务公开重要意义的认识，使全体干部职工深刻认识到商务局工作与群众的紧密联系以及在新形势下积极推行政务公开的重要性。"),
    ],
    [("p", "无。")],
]

# The seed's own label texts where they differ from the template: its section-三 table
# writes "本机关不掌握相关信息" and, in the part after the page end, half-width
# parentheses and commas.
SEED_LABELS = {
    "1.本机关不掌握相关政府信息": "1.本机关不掌握相关信息",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "（三）不予公开": "(三)不予公开",
    "（四）无法提供": "(四)无法提供",
    "（五）不予处理": "(五)不予处理",
    "（六）其他处理": "(六)其他处理",
    "（七）总计": "(七)总计",
}


def seed_numbers() -> dict:
    n = all_zero_numbers("2019")
    n["proactive"]["normative_documents"] = {"made": 1, "published": 1, "total": 1}
    n["proactive"]["licensing"] = {"previous_items": 1, "change": 0, "decisions": 2}
    return n


def seed_spec() -> ReportSpec:
    return ReportSpec(
        file="seed-shishi-commerce-2019.docx",
        agency="石狮市商务局", year=2019, template="2019",
        title_lines=["石狮市商务局2019年政府信息公开工作年度报告"],
        numbers=seed_numbers(), sections=SEED_SECTIONS, labels=SEED_LABELS,
    )


# --- 7.2 a 2021-template report with distinct numbers and automatic heading numbering


def distinct_2021_spec() -> ReportSpec:
    numbers = distinct_numbers("2021", seed=2022_0001, amount="12.35")
    a = numbers["applications"]
    sections = [
        [
            ("p", "2022年，滨海县交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕交通运输重点工作，"
                  "不断深化政务公开，提升政务服务水平，政府信息公开工作取得新成效。"),
            ("h2", "主动公开"),
            ("p", "全年通过县政府门户网站政府信息公开专栏主动公开政府信息186条，重点公开农村公路建设、道路运输管理、"
                  "交通运输行政执法等信息，及时发布政策文件解读材料。"),
            ("h2", "依申请公开"),
            ("p", f"全年共收到政府信息公开申请{a['new']['total']}件，上年结转{a['carried_over']['total']}件，"
                  f"办结{a['results.total']['total']}件，结转下年度继续办理{a['carried_forward']['total']}件，"
                  "均在法定期限内答复。"),
            ("h2", "政府信息管理"),
            ("p", "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，动态更新政府信息公开指南和目录。"),
            ("h2", "平台建设"),
            ("p", "持续优化县政府门户网站交通运输栏目，用好“滨海交通”微信公众号等政务新媒体，及时发布出行服务和路况信息。"),
            ("h2", "监督保障"),
            ("p", "将政务公开工作纳入年度目标考核，明确分管领导和专人负责，组织开展政务公开业务培训2次，主动接受社会监督。"),
        ],
        [("p", "本机关2022年主动公开政府信息情况见下表。"), ("table", "proactive")],
        [("p", "本机关2022年收到和处理政府信息公开申请情况见下表。"), ("table", "applications")],
        [("p", "本机关2022年政府信息公开行政复议、行政诉讼情况见下表。"), ("table", "reviews")],
        [
            ("p", "2022年，本机关政府信息公开工作取得了一定成效，但仍存在政策解读形式较为单一、部分信息更新不够及时等问题。"),
            ("p", "下一步，本机关将丰富图表、视频等解读形式，建立信息发布台账，加强日常检查，进一步提高政府信息公开工作质量。"),
        ],
        [("p", "本年度未收取政府信息公开信息处理费。无其他需要报告的事项。")],
    ]
    return ReportSpec(
        file="report-2021-distinct.docx",
        agency="滨海县交通运输局", year=2022, template="2021",
        title_lines=["滨海县交通运输局", "2022年政府信息公开工作年度报告"],
        numbers=numbers, sections=sections, auto_numbering=True, repeat_header=True,
    )


# --- 7.3 a 2019-template report re-written by LibreOffice


def distinct_2019_lo_spec() -> ReportSpec:
    numbers = distinct_numbers("2019", seed=2020_0001, amount="356.8")
    a = numbers["applications"]
    sections = [
        [
            ("p", "2020年，青州市自然资源和规划局认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，"
                  "坚持以公开为常态、不公开为例外，扎实推进自然资源领域政府信息公开工作。"),
            ("h2", "主动公开"),
            ("p", "全年重点公开国土空间规划、土地征收、不动产登记、矿产资源管理等领域信息，及时发布征地信息公告和建设用地批复情况。"),
            ("h2", "依申请公开"),
            ("p", f"全年共收到政府信息公开申请{a['new']['total']}件，上年结转{a['carried_over']['total']}件，"
                  f"办结{a['results.total']['total']}件，结转下年度继续办理{a['carried_forward']['total']}件。"),
            ("h2", "政府信息管理"),
            ("p", "建立健全政府信息公开审查机制，对拟公开信息进行保密审查和合法性审查，定期清理政府信息公开目录。"),
            ("h2", "平台建设"),
            ("p", "依托青州市人民政府门户网站自然资源和规划专栏，及时更新政府信息公开内容，规范栏目设置。"),
            ("h2", "监督保障"),
            ("p", "成立政务公开工作领导小组，主要负责同志亲自抓，分管负责同志具体抓，将政府信息公开工作纳入科室年度考核。"),
        ],
        [("table", "proactive")],
        [("table", "applications")],
        [("table", "reviews")],
        [("p", "一是部分领域信息公开的深度和广度有待拓展；二是政策解读的针对性有待增强。2021年，我局将进一步完善信息公开工作机制，"
               "加强业务培训，提升公开质量。")],
        [("p", "无。")],
    ]
    return ReportSpec(
        file="report-2019-libreoffice.docx",
        agency="青州市自然资源和规划局", year=2020, template="2019",
        title_lines=["青州市自然资源和规划局2020年政府信息公开工作年度报告"],
        numbers=numbers, sections=sections, labels={"采购总金额": "采购总金额（万元）"},
    )


LO_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def libreoffice_roundtrip(src: Path, dst: Path) -> bool:
    """Re-write `src` with LibreOffice (docx → docx) and normalise what LibreOffice stamps."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print(f"warning: soffice not found; {dst.name} left as it is", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="govdoc-lo-") as tmp:
        tmp = Path(tmp)
        inp = tmp / "in" / dst.name
        inp.parent.mkdir()
        shutil.copyfile(src, inp)
        cmd = [soffice, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp / "out"), str(inp)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"})
        entries = []
        for name, data in read_zip((tmp / "out" / dst.name).read_bytes()):
            if name == "docProps/core.xml":
                data = LO_CORE_DATE.sub(rb"\g<1>" + DOC_DATE_ISO.encode() + rb"\g<2>", data)
                data = re.sub(rb"<cp:revision>[^<]*</cp:revision>", b"<cp:revision>1</cp:revision>", data)
            if name == "docProps/app.xml":
                data = re.sub(rb"<TotalTime>[^<]*</TotalTime>", b"<TotalTime>0</TotalTime>", data)
            entries.append((name, data))
        write_normalized_zip(dst, entries)
    return True


# --- 7.4 docx-features.docx: every DOCX trap a walker must handle, with the expected output
#
# The builder records, block by block, what govdoc should output (SPEC.md "blocks"), so the
# expected text printed in README.txt is made from the same data as the document.


@dataclass
class Expect:
    blocks: list = field(default_factory=list)

    def title(self, text):
        self.blocks.append({"kind": "title", "text": text})

    def heading(self, level, text, why=""):
        self.blocks.append({"kind": "heading", "level": level, "text": text, "why": why})

    def paragraph(self, text, why=""):
        self.blocks.append({"kind": "paragraph", "text": text, "why": why})

    def table(self, rows, cols, header_rows, cells, why=""):
        self.blocks.append({"kind": "table", "rows": rows, "cols": cols, "header_rows": header_rows,
                            "cells": [{"row": r, "col": c, "row_span": rs, "col_span": cs, "text": tx}
                                      for r, c, rs, cs, tx in cells], "why": why})


def render_counter(fmt: str, n: int) -> str:
    """How Word renders a counter (used for the expected text)."""
    if fmt == "decimal":
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand"):
        if fmt == "chineseCounting" and n >= 10:
            raise ValueError("chineseCounting above 9 renders differently in Word and LibreOffice; not used")
        return cn_small(n)
    if fmt == "ideographDigital":
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    raise ValueError(fmt)


FEATURE_FONTS = dict(DEFAULT_FONTS)

FEATURE_STYLES = [
    # WPS / Chinese Word heading styles: numeric and "a3"-like ids, recognised by w:name
    StyleDef("1", "heading 1", ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/>',
             rpr=f'<w:rFonts w:eastAsia="{DEFAULT_FONTS["h1"]}"/><w:b/><w:sz w:val="36"/>'),
    StyleDef("2", "heading 2", ppr='<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/>',
             rpr=f'<w:rFonts w:eastAsia="{DEFAULT_FONTS["h2"]}"/><w:b/><w:sz w:val="32"/>'),
    StyleDef("a3", "标题 3", ppr='<w:keepNext/><w:spacing w:before="60" w:after="60"/>',
             rpr='<w:b/><w:sz w:val="32"/>'),
    StyleDef("a5", "报告小标题", ppr='<w:outlineLvl w:val="1"/>'),
    StyleDef("a6", "继承标题", based_on="2"),
    # a paragraph style that carries automatic numbering (w:numPr in the style)
    StyleDef("a7", "编号段落", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'),
    # the styles python-docx's header, footer and comment parts refer to
    StyleDef("Header", "header", ppr='<w:jc w:val="center"/>', rpr='<w:sz w:val="18"/>'),
    StyleDef("Footer", "footer", ppr='<w:jc w:val="center"/>', rpr='<w:sz w:val="18"/>'),
    StyleDef("CommentText", "annotation text", ppr='<w:jc w:val="left"/>'),
    StyleDef("CommentReference", "annotation reference", kind="character", based_on="a0", rpr='<w:sz w:val="21"/>'),
]

FEATURE_LISTS = [
    ListDef(1, [("chineseCounting", "%1、", 1, None), ("chineseCounting", "（%2）", 1, None),
                ("decimal", "%3.", 1, None), ("decimal", "（%4）", 1, None)]),
    ListDef(2, [("decimal", "%1、", 1, None)], style_link="a7"),
    ListDef(3, [("chineseCountingThousand", "%1、", 11, None)]),
    ListDef(4, [("chineseCountingThousand", "%1、", 19, None)]),
    ListDef(5, [("ideographDigital", "%1、", 9, None)]),
]


class Counters:
    """Tracks list counters the way Word does (a level restarts after a higher level)."""

    def __init__(self, lists):
        self.lists = {lst.num_id: lst for lst in lists}
        self.state = {}

    def label(self, num_id, ilvl):
        lst = self.lists[num_id]
        st = self.state.setdefault(num_id, [None] * len(lst.levels))
        st[ilvl] = lst.levels[ilvl][2] if st[ilvl] is None else st[ilvl] + 1
        for deeper in range(ilvl + 1, len(st)):
            st[deeper] = None
        fmt, text, _, _ = lst.levels[ilvl]
        out = text
        for k in range(ilvl + 1):
            value = st[k] if st[k] is not None else lst.levels[k][2]
            out = out.replace(f"%{k + 1}", render_counter(lst.levels[k][0], value))
        return out


def build_features(path: Path) -> Expect:
    f = FEATURE_FONTS
    ex = Expect()
    b = DocxBuilder(fonts=f, styles=FEATURE_STYLES, lists=FEATURE_LISTS, title="DOCX结构特性样例")
    counters = Counters(FEATURE_LISTS)
    BODY = rpr(font=f["body"], size=14)
    body_pp = ppr(first_line_chars=200, font_size=14, align="left")

    def P(text, why=""):
        b.append(para(run(text, BODY), body_pp))
        ex.paragraph(text, why)

    def label(text):  # the label paragraph in front of each group of traps
        b.append(para(run(text, rpr(font=f["h1"], size=14)), ppr(spacing_after=60)))
        ex.paragraph(text, "label paragraph")

    # -- title ---------------------------------------------------------------------
    b.append(para(run("DOCX结构特性样例", rpr(font=f["title"], size=22)), ppr(align="center", spacing_after=240)))
    ex.title("DOCX结构特性样例")

    # -- A. heading styles -----------------------------------------------------------
    label("【一】标题样式：以下六段用不同方式标成标题，第七段是正文。")
    for style, text, level, why in [
        ("1", "样式标题一级", 1, 'style id "1", w:name "heading 1", no outlineLvl in the style'),
        ("2", "样式标题二级", 2, 'style id "2", w:name "heading 2", outlineLvl 1'),
        ("a3", "样式标题三级", 3, 'style id "a3", w:name "标题 3" (Chinese name), no outlineLvl'),
        ("a5", "报告小标题样式", 2, 'custom style "报告小标题" (a5) with only outlineLvl 1'),
        ("a6", "继承的二级标题", 2, 'style "继承标题" (a6) basedOn "2"'),
    ]:
        b.append(para(run(text), ppr(style=style)))
        ex.heading(level, text, why)
    b.append(para(run("段落大纲级别三级", BODY), ppr(outline=2)))
    ex.heading(3, "段落大纲级别三级", "Normal paragraph with a direct <w:outlineLvl w:val=\"2\"/>")
    P("这是一个普通正文段落，不是标题。")

    # -- B. automatic numbering ---------------------------------------------------------
    label("【二】自动编号：编号来自numbering.xml，正文中没有编号文字。")

    def numbered(text, num_id, ilvl, *, heading_level=None, style=None, why=""):
        pp = ppr(style=style, num=None if style else (num_id, ilvl), first_line_chars=None)
        b.append(para(run(text, BODY if heading_level is None else rpr(font=f["h1"], size=14)), pp))
        shown = counters.label(num_id, ilvl) + text
        if heading_level:
            ex.heading(heading_level, shown, why)
        else:
            ex.paragraph(shown, why)

    numbered("工作概况", 1, 0, heading_level=1, why="chineseCounting %1、 (direct numPr)")
    numbered("制度建设", 1, 1, heading_level=2, why="chineseCounting （%2）")
    numbered("完善规则", 1, 2, heading_level=3, why="decimal %3.")
    numbered("细化流程", 1, 3, heading_level=4, why="decimal （%4）")
    numbered("明确分工", 1, 3, heading_level=4, why="decimal （%4）")
    numbered("加强培训", 1, 2, heading_level=3, why="decimal %3.")
    numbered("平台建设", 1, 1, heading_level=2, why="chineseCounting （%2）, level 2 restarted")
    numbered("存在问题", 1, 0, heading_level=1, why="second level-0 item")
    numbered("宣传不足", 1, 1, heading_level=2, why="level 1 restarts at （一） after a level-0 item")
    numbered("本条编号来自段落样式。", 2, 0, style="a7", why="numbering from the paragraph style a7 (style pPr numPr)")
    numbered("第二条编号同样来自段落样式。", 2, 0, style="a7", why="numbering from the style")
    b.append(para(run("本段使用编号样式，但直接关闭了编号。", BODY),
                  '<w:pPr><w:pStyle w:val="a7"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>'))
    ex.paragraph("本段使用编号样式，但直接关闭了编号。", "style a7 but direct numId 0: no number")
    numbered("千位计数编号，从十一开始。", 3, 0, why="chineseCountingThousand, w:start 11")
    numbered("千位计数编号第二项。", 3, 0, why="chineseCountingThousand")
    numbered("千位计数编号，从十九开始。", 4, 0, why="chineseCountingThousand, w:start 19")
    numbered("千位计数编号到二十。", 4, 0, why="chineseCountingThousand 20")
    numbered("千位计数编号到二十一。", 4, 0, why="chineseCountingThousand 21")
    numbered("数字式编号，从九开始。", 5, 0, why="ideographDigital, w:start 9")
    numbered("数字式编号第十项，逐位书写。", 5, 0, why="ideographDigital 10 = 一〇 (Word); LibreOffice shows 十")
    numbered("数字式编号第十一项。", 5, 0, why="ideographDigital 11 = 一一 (Word); LibreOffice shows 十一")

    # -- C. inline traps -------------------------------------------------------------------
    label("【三】行内结构：制表符、换行、分页、隐藏文字、域、修订、书签、超链接、批注。")
    b.append(para(run("制表符前", BODY) + run(rp=BODY, inner="<w:tab/>") + run("制表符后", BODY), body_pp))
    ex.paragraph("制表符前 制表符后", "w:tab between words (white space)")
    b.append(para(run("换行符前", BODY) + run(rp=BODY, inner="<w:br/>") + run("换行符后", BODY), body_pp))
    ex.paragraph("换行符前换行符后", "w:br between CJK: removed")
    b.append(para(run("Line break between", BODY) + run(rp=BODY, inner="<w:br/>") + run("Latin words.", BODY), body_pp))
    ex.paragraph("Line break between Latin words.", "w:br between Latin words: a space")
    b.append(para(run("分页符位于这句话的", BODY) + run(rp=BODY, inner='<w:br w:type="page"/>')
                  + run("中间，段落不应被拆开。", BODY), body_pp))
    ex.paragraph("分页符位于这句话的中间，段落不应被拆开。", 'w:br w:type="page" mid-sentence: one paragraph')
    b.append(para(run("隐藏文字之前", BODY) + run("（这段隐藏文字不应输出）", rpr(font=f["body"], size=14, vanish=True))
                  + run("隐藏文字之后。", BODY), body_pp))
    ex.paragraph("隐藏文字之前隐藏文字之后。", "w:vanish run dropped")
    b.append(para(run("拼写标记：Govern", BODY) + '<w:proofErr w:type="spellStart"/>' + run("ment", BODY)
                  + '<w:proofErr w:type="spellEnd"/>' + run(" Informa", BODY) + '<w:proofErr w:type="gramStart"/>'
                  + run("tion。", BODY) + '<w:proofErr w:type="gramEnd"/>', body_pp))
    ex.paragraph("拼写标记：Government Information。", "runs split inside words, w:proofErr between them")
    b.append(para(run("书签：", BODY) + '<w:bookmarkStart w:id="0" w:name="sample_bookmark"/>' + run("书签内的文字", BODY)
                  + '<w:bookmarkEnd w:id="0"/>' + run("。", BODY), body_pp))
    ex.paragraph("书签：书签内的文字。", "w:bookmarkStart/End")
    rid = b.doc.part.relate_to("http://www.gov.cn/zhengce/xxgk/", RT.HYPERLINK, is_external=True)
    b.append(para(run("超链接：", BODY) + f'<w:hyperlink r:id="{rid}" w:history="1">'
                  + run("政府信息公开专栏", rpr(font=f["body"], size=14, color="0000FF", underline=True))
                  + "</w:hyperlink>" + run("。", BODY), body_pp))
    ex.paragraph("超链接：政府信息公开专栏。", "w:hyperlink: text kept")
    # a comment: the range and reference are in the body, the comment text in comments.xml
    p = b.doc.add_paragraph()
    set_ppr(p._p, body_pp)
    r1, r2, r3 = (p.add_run(s) for s in ("批注：", "被批注的文字", "。"))
    for r in (r1, r2, r3):
        r._r.insert(0, X(BODY))
    comment = b.doc.add_comment(r2, text="批注内容不应出现在正文中", author=REVISION_AUTHOR, initials="SH")
    comment._comment_elm.set(qn("w:date"), DOC_DATE_ISO)  # python-docx stamps the current time
    ex.paragraph("批注：被批注的文字。", "commentRangeStart/End + commentReference; comment text not in output")
    b.append(para(run("日期域：", BODY) + complex_field(' DATE \\@ "yyyy年M月d日" ', run("2024年1月1日", BODY), BODY)
                  + run("。", BODY), body_pp))
    ex.paragraph("日期域：2024年1月1日。", "complex field: instrText skipped, result kept")
    b.append(para(run("页码域：第", BODY) + simple_field(" PAGE ", run("1", BODY)) + run("页。", BODY), body_pp))
    ex.paragraph("页码域：第1页。", "w:fldSimple: result kept")
    b.append(para(run("修订：保留原文", BODY) + ins(run("插入的文字", BODY), 101) + deleted_run("删除的文字", 102, BODY)
                  + run("结束。", BODY), body_pp))
    ex.paragraph("修订：保留原文插入的文字结束。", "w:ins kept, w:del/w:delText dropped")
    b.append(para(run("移动来源：", BODY) + move_from(run("被移动的句子。", BODY), 103, "move_sample"), body_pp))
    ex.paragraph("移动来源：", "w:moveFrom dropped (its runs use w:t, not w:delText)")
    b.append(para(run("移动目标：", BODY) + move_to(run("被移动的句子。", BODY), 105, "move_sample"), body_pp))
    ex.paragraph("移动目标：被移动的句子。", "w:moveTo kept")
    b.append(sdt(para(run("块级内容控件包裹的整段文字。", BODY), body_pp), sdt_id=1001, alias="段落控件"))
    ex.paragraph("块级内容控件包裹的整段文字。", "block-level w:sdt around a paragraph")
    b.append(para(run("行内内容控件：", BODY) + sdt(run("控件中的文字", BODY), sdt_id=1002, alias="行内控件")
                  + run("结束。", BODY), body_pp))
    ex.paragraph("行内内容控件：控件中的文字结束。", "run-level w:sdt")

    # -- D. text boxes ----------------------------------------------------------------------
    label("【四】文本框：文本框中的段落各输出一次，排在锚定段落之后。")
    box_pp = ppr(font_size=12)
    box_rp = rpr(font=f["body"], size=12)
    box_a = para(run("文本框甲：第一段。", box_rp), box_pp) + para(run("文本框甲：第二段。", box_rp), box_pp)
    b.append(para(run("锚定段落前半，", BODY)
                  + drawingml_textbox_run(box_a, shape_id=1, name="文本框 1", width_cm=12, height_cm=2.2, offset_cm=1.2)
                  + run("锚定段落后半。", BODY), body_pp))
    ex.paragraph("锚定段落前半，锚定段落后半。", "paragraph anchoring a DrawingML text box in its middle")
    ex.paragraph("文本框甲：第一段。", "wps:txbx (mc:Choice); the mc:Fallback VML copy must not be output again")
    ex.paragraph("文本框甲：第二段。", "second paragraph of the same text box")
    box_b = para(run("文本框乙：VML文本框中的文字。", box_rp), box_pp)
    b.append(para(run("VML文本框锚定段落。", BODY)
                  + vml_textbox_run(box_b, shape_id=2, name="文本框 2", width_cm=12, height_cm=1.2), body_pp))
    ex.paragraph("VML文本框锚定段落。", "paragraph anchoring a VML-only text box")
    ex.paragraph("文本框乙：VML文本框中的文字。", "w:pict/v:shape/v:textbox/w:txbxContent")

    # -- E. tables -----------------------------------------------------------------------------
    TS = 10.5
    TF = f["table"]

    def C(text, w, **kw):
        return tc(cell_para(text, font=TF, size=TS), w, **kw)

    # table 1: tblHeader (bare and "true"), vMerge (restart, bare continue, val=continue), gridSpan,
    # and a row deleted by tracked changes
    label("【五】表一：表头行、纵向合并、横向合并、已删除的行。")
    g = [cm_to_dxa(x) for x in (3.0, 3.0, 3.0, 3.0)]
    rows = (
        tr(C("项目", g[0], vmerge="restart") + C("数量", sum(g[1:]), span=3), header="bare")
        + tr(C("", g[0], vmerge="bare") + C("上年", g[1]) + C("本年", g[2]) + C("合计", g[3]), header="true")
        + tr(C("甲类", g[0], vmerge="restart") + C("1", g[1]) + C("2", g[2]) + C("3", g[3]))
        + tr(C("", g[0], vmerge="continue") + C("4", g[1]) + C("5", g[2]) + C("9", g[3]))
        + tr(C("已删除的行", g[0]) + C("删", g[1]) + C("除", g[2]) + C("行", g[3]), deleted=True, rev_id=107)
        + tr(C("乙类", g[0]) + C("6", g[1] + g[2], span=2) + C("7", g[3]))
    )
    b.append(tbl(g, rows))
    b.append(para("", ppr()))
    ex.table(5, 4, 2, [
        (0, 0, 2, 1, "项目"), (0, 1, 1, 3, "数量"),
        (1, 1, 1, 1, "上年"), (1, 2, 1, 1, "本年"), (1, 3, 1, 1, "合计"),
        (2, 0, 2, 1, "甲类"), (2, 1, 1, 1, "1"), (2, 2, 1, 1, "2"), (2, 3, 1, 1, "3"),
        (3, 1, 1, 1, "4"), (3, 2, 1, 1, "5"), (3, 3, 1, 1, "9"),
        (4, 0, 1, 1, "乙类"), (4, 1, 1, 2, "6"), (4, 3, 1, 1, "7"),
    ], "row 0 <w:tblHeader/>, row 1 <w:tblHeader w:val=\"true\"/>; 项目: vMerge restart + bare <w:vMerge/>; "
       "甲类: restart + val=continue; the row 已删除的行 has w:trPr/w:del and is dropped")

    # table 2: gridBefore / gridAfter rows and a legacy hMerge pair
    label("【六】表二：行首缺格、行尾缺格、旧式横向合并。")
    rows = (
        tr(C("A1", g[0]) + C("B1", g[1]) + C("C1", g[2]) + C("D1", g[3]))
        + tr(C("B2", g[1]) + C("C2", g[2]) + C("D2", g[3]), grid_before=1, before_dxa=g[0])
        + tr(C("A3", g[0]) + C("B3", g[1]) + C("C3", g[2]), grid_after=1, after_dxa=g[3])
        + tr(C("A4", g[0], hmerge="restart") + C("", g[1], hmerge="bare") + C("C4", g[2]) + C("D4", g[3]))
    )
    b.append(tbl(g, rows))
    b.append(para("", ppr()))
    ex.table(4, 4, 0, [
        (0, 0, 1, 1, "A1"), (0, 1, 1, 1, "B1"), (0, 2, 1, 1, "C1"), (0, 3, 1, 1, "D1"),
        (1, 0, 1, 1, ""), (1, 1, 1, 1, "B2"), (1, 2, 1, 1, "C2"), (1, 3, 1, 1, "D2"),
        (2, 0, 1, 1, "A3"), (2, 1, 1, 1, "B3"), (2, 2, 1, 1, "C3"), (2, 3, 1, 1, ""),
        (3, 0, 1, 2, "A4"), (3, 2, 1, 1, "C4"), (3, 3, 1, 1, "D4"),
    ], "row 1 w:gridBefore=1 (B2 stays in column 1), row 2 w:gridAfter=1; the grid positions without a w:tc "
       "are given as empty cells so that the grid is covered; A4: legacy w:hMerge restart + bare <w:hMerge/> = col_span 2")

    # table 3: a nested table inside a cell
    label("【七】表三：单元格中嵌套表格。")
    g2 = [cm_to_dxa(4.0), cm_to_dxa(8.0)]
    gn = [cm_to_dxa(3.5), cm_to_dxa(3.5)]
    nested = tbl(gn, tr(C("甲", gn[0]) + C("乙", gn[1])) + tr(C("丙", gn[0]) + C("丁", gn[1])))
    rows = (
        tr(C("外层左上", g2[0]) + tc(cell_para("外层右上", font=TF, size=TS) + nested + cell_para("", font=TF, size=TS), g2[1]))
        + tr(C("外层左下", g2[0]) + C("外层右下", g2[1]))
    )
    b.append(tbl(g2, rows))
    b.append(para("", ppr()))
    ex.table(2, 2, 0, [
        (0, 0, 1, 1, "外层左上"), (0, 1, 1, 1, "外层右上 甲 乙 丙 丁"),
        (1, 0, 1, 1, "外层左下"), (1, 1, 1, 1, "外层右下"),
    ], "the nested 2×2 table's text belongs to its outer cell (white space between its parts is free); "
       "the nested table is not a block of its own")

    # table 4: a table wrapped in a block-level content control
    label("【八】表四：整张表格被内容控件包裹。")
    g3 = [cm_to_dxa(4.0)] * 3
    rows = tr(C("控件表甲", g3[0]) + C("控件表乙", g3[1]) + C("控件表丙", g3[2]))
    rows += tr(C("控件表丁", g3[0]) + C("控件表戊", g3[1]) + C("控件表己", g3[2]))
    b.append(sdt(tbl(g3, rows), sdt_id=1003, alias="表格控件"))
    b.append(para("", ppr()))
    ex.table(2, 3, 0, [
        (0, 0, 1, 1, "控件表甲"), (0, 1, 1, 1, "控件表乙"), (0, 2, 1, 1, "控件表丙"),
        (1, 0, 1, 1, "控件表丁"), (1, 1, 1, 1, "控件表戊"), (1, 2, 1, 1, "控件表己"),
    ], "w:sdt/w:sdtContent/w:tbl")

    # table 5: a row inside a content control, and a cell inside one in the middle of a row
    label("【九】表五：行级内容控件与单元格级内容控件。")
    rows = tr(C("列一", g3[0]) + C("列二", g3[1]) + C("列三", g3[2]))
    rows += sdt(tr(C("行控件一", g3[0]) + C("行控件二", g3[1]) + C("行控件三", g3[2])), sdt_id=1004, alias="行控件")
    rows += tr(C("左", g3[0]) + sdt(C("中（单元格控件）", g3[1]), sdt_id=1005, alias="单元格控件") + C("右", g3[2]))
    b.append(tbl(g3, rows))
    b.append(para("", ppr()))
    ex.table(3, 3, 0, [
        (0, 0, 1, 1, "列一"), (0, 1, 1, 1, "列二"), (0, 2, 1, 1, "列三"),
        (1, 0, 1, 1, "行控件一"), (1, 1, 1, 1, "行控件二"), (1, 2, 1, 1, "行控件三"),
        (2, 0, 1, 1, "左"), (2, 1, 1, 1, "中（单元格控件）"), (2, 2, 1, 1, "右"),
    ], "row 1 is w:tbl/w:sdt/w:sdtContent/w:tr; in row 2 the middle w:tc is inside w:sdt and stays in column 1")

    P("文档结束。")

    # -- header and footer: must not appear in the output ---------------------------------------
    sect = b.doc.sections[0]
    for part, text, style in ((sect.header, "页眉文字", "Header"), (sect.footer, "- 1 -", "Footer")):
        p = part.paragraphs[0]
        p.text = text
        set_ppr(p._p, ppr(style=style, align="center"))

    # the main part is word/main.xml, found only through _rels/.rels
    b.save(path, main_part_name="/word/main.xml")
    return ex


def expected_features_text(ex: Expect) -> str:
    lines = []
    for blk in ex.blocks:
        why = f"  ← {blk['why']}" if blk.get("why") else ""
        if blk["kind"] == "title":
            lines.append(f"title: {blk['text']}")
        elif blk["kind"] == "heading":
            lines.append(f"heading {blk['level']}: {blk['text']}{why}")
        elif blk["kind"] == "paragraph":
            lines.append(f"paragraph: {blk['text']}{why}")
        elif blk["kind"] == "table":
            lines.append(f"table: rows {blk['rows']}, cols {blk['cols']}, header_rows {blk['header_rows']}{why}")
            for c in blk["cells"]:
                span = ""
                if c["row_span"] > 1 or c["col_span"] > 1:
                    span = f" [row_span {c['row_span']}, col_span {c['col_span']}]"
                lines.append(f"    ({c['row']},{c['col']}){span} {c['text']!r}")
    return "\n".join(lines)


# --- 7.5 the "rebuild" samples: report tables cut into several w:tbl
#
# Each is a whole fictional report made by build_report(); only the tables named in
# ReportSpec.cuts are cut (see Cut).  What govdoc must output once the parts are rejoined
# is the uncut TableLayout, described in README.txt by split_table_facts().


def applications_row(template: str, key: str) -> int:
    """Row of the whole section-三 table (3 header rows first) holding the row `key`."""
    return 3 + [k for k, _ in APPLICATION_ROWS[template]].index(key)


def proactive_row(template: str, key_or_text: str) -> int:
    """Row of the whole section-二 table: a data row by key, a merged row by its text."""
    for r, row in enumerate(PROACTIVE[template]):
        if (row[0] == "data" and row[1] == key_or_text) or (row[0] == "merged" and row[1] == key_or_text):
            return r
    raise KeyError(key_or_text)


@dataclass
class Topic:
    """The prose of a short realistic report (the numbers come from the tables)."""
    overview: str
    proactive: str
    management: str
    platform: str
    supervision: str
    problems: str
    plans: str
    table_intros: bool = False          # a one-line paragraph in front of each table


def short_sections(template: str, year: int, numbers: dict, topic: Topic, requests: str | None = None) -> list:
    """`requests`: the sentence on applications, when the numbers are not plain ints (7.7)."""
    a = numbers["applications"]

    def tab(name, what):
        intro = [("p", f"本机关{year}年{what}情况见下表。")] if topic.table_intros else []
        return intro + [("table", name)]

    six = ("本年度未收取政府信息公开信息处理费。无其他需要报告的事项。" if template == "2021" else "无。")
    return [
        [
            ("p", topic.overview),
            ("h2", "主动公开"),
            ("p", topic.proactive),
            ("h2", "依申请公开"),
            ("p", requests or f"全年共收到政府信息公开申请{a['new']['total']}件，上年结转{a['carried_over']['total']}件，"
                              f"办结{a['results.total']['total']}件，结转下年度继续办理{a['carried_forward']['total']}件，"
                              "均在法定期限内答复。"),
            ("h2", "政府信息管理"),
            ("p", topic.management),
            ("h2", "平台建设"),
            ("p", topic.platform),
            ("h2", "监督保障"),
            ("p", topic.supervision),
        ],
        tab("proactive", "主动公开政府信息"),
        tab("applications", "收到和处理政府信息公开申请"),
        tab("reviews", "政府信息公开行政复议、行政诉讼"),
        [("p", topic.problems), ("p", topic.plans)],
        [("p", six)],
    ]


def split_report_spec(*, file, agency, year, template, seed, amount, topic, cuts, what, exercises,
                      title_lines=None, repeat_header=False) -> ReportSpec:
    numbers = distinct_numbers(template, seed=seed, amount=amount)
    return ReportSpec(
        file=file, agency=agency, year=year, template=template,
        title_lines=title_lines or [f"{agency}{year}年政府信息公开工作年度报告"],
        numbers=numbers, sections=short_sections(template, year, numbers, topic),
        repeat_header=repeat_header, cuts=cuts, what=what, exercises=exercises,
    )


def split_repeated_header_spec() -> ReportSpec:
    t = "2021"
    return split_report_spec(
        file="split-repeated-header.docx", agency="临江市生态环境局", year=2023, template=t,
        seed=2023_0101, amount="8.6", repeat_header=True,
        cuts={"applications": [Cut(applications_row(t, "results.withheld.third_party_rights"), between="empty",
                                   repeat_rows=(0, 1, 2))]},
        what="fictional 临江市生态环境局 2023 report, 2021 template; the section-三 table cut into two w:tbl after "
             "the row `4.保护第三方合法权益`, the second part repeating the three header rows",
        exercises="rejoin by header matching: part 2 starts with the same 3 header rows as part 1 (identical text "
                  "and merges), all 6 header rows marked `<w:tblHeader/>`; one empty paragraph between the parts; "
                  "the merges running across the cut (column 0 `三、本年度办理结果`, column 1 `（三）不予公开`) "
                  "restart in part 2 as EMPTY cells (vMerge restart without text, merged down within part 2), which continue "
                  "the cells above",
        topic=Topic(
            overview="2023年，临江市生态环境局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
                     "围绕生态环境保护中心工作持续深化政务公开，切实保障人民群众的知情权、参与权和监督权。",
            proactive="全年主动公开政府信息312条，重点公开环境质量状况、建设项目环境影响评价审批、排污许可、环境行政处罚和"
                      "突发环境事件应急处置等信息，按月发布空气质量和地表水水质状况。",
            management="严格执行政府信息公开保密审查制度，落实“三审三校”要求，及时调整更新政府信息公开指南和目录。",
            platform="用好市政府门户网站生态环境专栏和“临江生态环境”微信公众号，建立政务新媒体信息发布审核台账。",
            supervision="将政务公开工作纳入年度工作要点，组织全局政务公开业务培训3次，自觉接受社会监督。",
            problems="2023年，本机关政府信息公开工作仍存在政策解读形式不够丰富、部分栏目更新不够及时等问题。",
            plans="2024年，本机关将推动政策解读与政策文件同步起草、同步审签、同步发布，完善栏目日常巡查机制，进一步提升政务公开质量。",
            table_intros=True),
    )


def split_no_header_spec() -> ReportSpec:
    t = "2019"
    return split_report_spec(
        file="split-no-header.docx", agency="安平县卫生健康局", year=2020, template=t,
        seed=2020_0201, amount="128.4",
        cuts={"applications": [Cut(applications_row(t, "carried_over"), between="page_break")],
              "proactive": [Cut(proactive_row(t, "other_services"), between="empty")]},
        what="fictional 安平县卫生健康局 2020 report, 2019 template; the section-三 table cut after "
             "`二、上年结转政府信息公开申请数量`, the section-二 table cut after `其他对外管理服务事项`",
        exercises="continuation parts WITHOUT a header: section 三 part 2 starts directly with the row "
                  "`三、本年度办理结果 （一）予以公开` (same 10-column grid), an otherwise-empty paragraph holding "
                  "`<w:br w:type=\"page\"/>` between the parts; section 二 part 2 starts with the merged row "
                  "`第二十条第（六）项` (same 4-column grid), one empty paragraph between",
        topic=Topic(
            overview="2020年，安平县卫生健康局在县委、县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，"
                     "结合新冠肺炎疫情防控工作，扎实做好卫生健康领域政府信息公开工作。",
            proactive="全年主动公开政府信息265条，及时发布疫情防控通告、核酸检测机构名单、医疗机构执业登记和基本公共卫生服务项目等信息。",
            management="建立健全政府信息发布协调机制和保密审查机制，规范公文公开属性源头认定，定期清理政府信息公开目录。",
            platform="依托县政府门户网站卫生健康专栏和“健康安平”微信公众号集中发布信息，在县级医院设置政务公开查阅点。",
            supervision="成立政务公开工作领导小组，明确专人负责，将政府信息公开工作纳入股室和直属单位年度考核。",
            problems="一是部分信息发布的时效性有待提高；二是依申请公开答复的规范化水平仍需加强。",
            plans="2021年，本局将进一步规范依申请公开办理流程，加强工作人员业务培训，提升政府信息公开工作水平。"),
    )


def split_header_only_spec() -> ReportSpec:
    t = "2021"
    return split_report_spec(
        file="split-header-only.docx", agency="西岭区市场监督管理局", year=2021, template=t,
        seed=2021_0301, amount="3.2",
        cuts={"reviews": [Cut(2, between="none")]},
        what="fictional 西岭区市场监督管理局 2021 report, 2021 template; the section-四 table as in the seed: a "
             "table of ONLY the three header rows, then a separate 15-column table holding only the number row",
        exercises="a header cut off from its body: part 1 = the 3 header rows (`行政复议`/`行政诉讼` …, 15 leaf "
                  "columns), part 2 = one row of 15 numbers on the same 15-column grid; the two w:tbl are "
                  "directly adjacent in the body, no paragraph between (Word and LibreOffice show such tables as "
                  "one; LibreOffice 7.4's import joins them)",
        topic=Topic(
            overview="2021年，西岭区市场监督管理局认真贯彻落实新修订的《中华人民共和国政府信息公开条例》，围绕优化营商环境和"
                     "市场监管重点工作，推进决策、执行、管理、服务、结果公开。",
            proactive="全年主动公开政府信息408条，重点公开市场主体登记、食品安全监督抽检、“双随机、一公开”抽查结果和行政处罚等信息。",
            management="落实政府信息公开属性源头认定和发布前保密审查，对已公开的政府信息进行动态管理。",
            platform="依托区政府门户网站市场监管专栏和“西岭市场监管”政务新媒体及时发布信息，优化栏目设置。",
            supervision="将政务公开纳入局年度绩效考核，开展政务公开专题培训2次，及时回应群众关切。",
            problems="本年度政府信息公开工作存在公开内容的深度有待拓展、政策解读的针对性不够强等问题。",
            plans="2022年，本局将围绕市场监管重点领域细化公开内容，丰富解读方式，提升公开实效。",
            table_intros=True),
    )


def split_different_columns_spec() -> ReportSpec:
    t = "2019"
    return split_report_spec(
        file="split-different-columns.docx", agency="南湖区教育局", year=2019, template=t,
        seed=2019_0401, amount="85.5",
        cuts={"applications": [Cut(applications_row(t, "carried_over"), between="empty", collapse_before=(0, 2))]},
        what="fictional 南湖区教育局 2019 report, 2019 template; the section-三 table cut like the seed's: part 1 "
             "(3 header rows, `一、`, `二、`) on an 8-column grid, part 2 (`三、本年度办理结果 （一）予以公开` … "
             "`四、结转下年度继续办理`) on the real 10-column grid",
        exercises="parts with DIFFERENT column counts: in part 1 the label area is ONE grid column (4479 twips) as "
                  "wide as part 2's three label columns together (737 + 1134 + 2608), so the header label cell is "
                  "1 column × 3 rows and the `一、`/`二、` labels are single cells; the 7 number columns are 624 "
                  "twips in both parts; both grids add up to 8847 twips; one empty paragraph between; columns must "
                  "be matched by their edges, not by index",
        topic=Topic(
            overview="2019年，南湖区教育局深入贯彻《中华人民共和国政府信息公开条例》，以公开促落实、以公开促规范、以公开促服务，"
                     "扎实推进教育领域政府信息公开工作。",
            proactive="全年主动公开政府信息193条，重点公开义务教育招生入学政策、学校收费项目和标准、教育经费使用和教师招聘等信息。",
            management="规范政府信息公开工作流程，落实信息发布审核制度，及时更新政府信息公开指南和目录。",
            platform="通过区政府门户网站教育专栏、“南湖教育”微信公众号和各学校公示栏发布信息，方便群众查询。",
            supervision="将政府信息公开工作纳入对机关科室和学校的年度考核，设立监督电话，接受社会监督。",
            problems="一是信息公开的主动性和及时性有待增强；二是部分学校信息公开工作人员业务能力有待提高。",
            plans="2020年，本局将加大对学校信息公开工作的指导和检查力度，进一步规范公开内容和程序。"),
    )


SPLIT_ROW_LABEL = ("5.要求行政机关确认或", "重新出具已获取信息")


def split_row_spec() -> ReportSpec:
    t = "2021"
    return split_report_spec(
        file="split-row.docx", agency="东川县农业农村局", year=2022, template=t,
        seed=2022_0501, amount="6.48", title_lines=["东川县农业农村局", "2022年政府信息公开工作年度报告"],
        cuts={"applications": [Cut(applications_row(t, "results.not_processed.confirmation"), between="empty",
                                   crossing="bare", split_label=SPLIT_ROW_LABEL)]},
        what="fictional 东川县农业农村局 2022 report, 2021 template, title on two centred lines; the section-三 "
             "table cut INSIDE a row, as a PDF page end does when a row may break across pages",
        exercises="a row cut in two: part 1 ends with the row labelled `5.要求行政机关确认或` holding all 7 numbers; "
                  "part 2 starts with a row whose label cell holds `重新出具已获取信息` and whose 7 number cells are "
                  "empty, its column-0 (`三、本年度办理结果`) and column-1 (`（五）不予处理`) cells `<w:vMerge/>` "
                  "continuations with no restart in part 2; column 0 goes on continuing (`w:val=\"continue\"`) to "
                  "`（七）总计`; these two rows have no `<w:cantSplit/>`; one empty paragraph between",
        topic=Topic(
            overview="2022年，东川县农业农村局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕乡村振兴和农业农村重点工作，"
                     "持续推进政务公开标准化规范化建设。",
            proactive="全年主动公开政府信息276条，重点公开强农惠农补贴政策、高标准农田建设、农产品质量安全监管和动物疫病防控等信息。",
            management="严格落实政府信息公开审查制度，对涉及群众切身利益的政策文件坚持应公开尽公开。",
            platform="依托县政府门户网站农业农村专栏和乡镇政务公开栏发布信息，推动惠农政策信息进村入户。",
            supervision="将政务公开工作纳入年度目标管理，开展政务公开培训2次，主动接受社会各界监督。",
            problems="2022年，本机关政府信息公开工作还存在基层公开渠道较少、部分惠农信息公开不够细致等问题。",
            plans="下一步，本机关将拓展村级公开渠道，细化惠农补贴发放信息公开，提高政府信息公开工作实效。",
            table_intros=True),
    )


def split_continued_marker_spec() -> ReportSpec:
    t = "2019"
    return split_report_spec(
        file="split-continued-marker.docx", agency="北塘市住房和城乡建设局", year=2020, template=t,
        seed=2020_0601, amount="242.6",
        cuts={"applications": [Cut(applications_row(t, "results.withheld.inquiry_matters"), between="续表",
                                   repeat_rows=(2,))]},
        what="fictional 北塘市住房和城乡建设局 2020 report, 2019 template; the section-三 table cut after "
             "`8.属于行政查询事项` with a centred paragraph `续表` between the parts",
        exercises="a continuation marker paragraph between the parts, and a PARTIAL header repeat: part 2 starts "
                  "with only the last header row (`商业企业 … 其他`), its label area (one cell, gridSpan 3) and its "
                  "`自然人`/`总计` cells empty, as they show under the vertical merges of the full header; no "
                  "tblHeader marks; column 0 `三、本年度办理结果` runs across the cut and restarts in part 2 as an "
                  "empty cell",
        topic=Topic(
            overview="2020年，北塘市住房和城乡建设局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕住房保障、城市建设和"
                     "建筑市场监管等重点工作，全面推进政府信息公开。",
            proactive="全年主动公开政府信息347条，重点公开保障性住房分配、老旧小区改造、建筑工程施工许可和建筑市场信用信息等内容。",
            management="健全政府信息公开审核机制，实行公开属性源头认定，对拟公开信息逐条审查。",
            platform="依托市政府门户网站住建专栏和“北塘住建”微信公众号发布信息，在政务服务大厅设置查阅点。",
            supervision="成立由主要负责同志任组长的政务公开工作领导小组，将信息公开工作纳入年度绩效考核。",
            problems="一是部分重点领域信息公开不够全面；二是政策解读的形式较为单一。",
            plans="2021年，本局将进一步拓展重点领域信息公开，丰富解读形式，提升政府信息公开质量。"),
    )


def split_samples() -> list[ReportSpec]:
    return [split_repeated_header_spec(), split_no_header_spec(), split_header_only_spec(),
            split_different_columns_spec(), split_row_spec(), split_continued_marker_spec()]


def _is_number_text(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?\d+(\.\d+)?", text))


def describe_rows(layout: TableLayout, rows: list[int]) -> str:
    """README text for consecutive rows of a whole table: header rows, then body rows by their labels."""
    def label(r):
        starting = sorted((c for c in layout.cells if c.row == r), key=lambda c: c.col)
        words = [c.text for c in starting if c.text and not _is_number_text(c.text)]
        return " ".join(words) if words else ""

    head = [r for r in rows if r < layout.header_rows]
    body = [r for r in rows if r >= layout.header_rows]
    out = []
    if head:
        out.append(f"header row {head[0]}" if len(head) == 1 else f"header rows {head[0]}–{head[-1]}")
    if body:
        a, b = body[0], body[-1]
        if a == b:
            out.append(f"row {a} (`{label(a)}`)" if label(a) else f"row {a} (the number row)")
        else:
            out.append(f"rows {a}–{b} (`{label(a)}` … `{label(b)}`)")
    return " and ".join(out)


def split_table_facts(spec: ReportSpec, name: str) -> dict:
    """What govdoc must output for a cut table once rejoined, and how it was cut (README)."""
    layout = report_table_layout(spec, name)
    cuts = sorted(spec.cuts[name], key=lambda c: c.after_row)
    header_rows = {"proactive": 2, "applications": 3, "reviews": 3}[name]
    merged = [c for c in sorted(layout.cells, key=lambda c: (c.row, c.col)) if c.row_span > 1 or c.col_span > 1]
    return {"layout": layout, "cuts": cuts, "rows": layout.n_rows, "cols": layout.n_cols,
            "header_rows": header_rows, "parts": len(cuts) + 1, "merged": merged}


TABLE_TITLES = {"proactive": "section-二 table", "applications": "section-三 table", "reviews": "section-四 table"}


def split_readme_section(spec: ReportSpec) -> str:
    """README: each cut table of a split sample — the cut, and the whole table govdoc must output."""
    out = f"\n## {spec.file} — the cut tables and what they must become\n"
    for name in ("proactive", "applications", "reviews"):
        if not spec.cuts.get(name):
            continue
        f = split_table_facts(spec, name)
        layout, cut = f["layout"], f["cuts"][0]
        between = {"none": "nothing (the two w:tbl are adjacent)", "empty": "one empty paragraph",
                   "page_break": "one otherwise-empty paragraph holding `<w:br w:type=\"page\"/>`"}.get(
            cut.between, f"a centred paragraph `{cut.between}`")
        part2_first = cut.after_row if cut.split_label else cut.after_row + 1
        out += f"\n{TABLE_TITLES[name]} — cut into {f['parts']} w:tbl:\n\n"
        p1 = describe_rows(layout, list(range(0, cut.after_row + 1)))
        if cut.collapse_before:
            a, b = cut.collapse_before
            p1 += f" on a grid where columns {a}–{b} are one grid column"
        if cut.split_label:
            p1 += f", its last row's label cut to `{cut.split_label[0]}`"
        out += f"- part 1: {p1}\n"
        out += f"- between: {between}\n"
        p2 = ""
        if cut.repeat_rows:
            p2 += f"a repeat of {describe_rows(layout, list(cut.repeat_rows))}, then "
        if cut.split_label:
            p2 += (f"the rest of row {cut.after_row} (label `{cut.split_label[1]}`, number cells empty, "
                   "`<w:vMerge/>` in columns 0 and 1), then ")
            p2 += describe_rows(layout, list(range(part2_first + 1, layout.n_rows)))
        else:
            p2 += describe_rows(layout, list(range(part2_first, layout.n_rows)))
        out += f"- part 2: {p2}\n"
        out += (f"- rejoined: one table, rows {f['rows']} × cols {f['cols']}, header_rows {f['header_rows']}, "
                f"parts {f['parts']}; the cells as in the uncut table; merged cells "
                "(row, col, row_span × col_span, text; row indexes of the whole table, header rows included):\n")
        for c in f["merged"]:
            out += f"    ({c.row},{c.col}) {c.row_span}×{c.col_span} {c.text}\n"
    return out


# --- 7.6 adjacent-tables-apart.docx: tables that touch but must NOT be rejoined

NOTICE_TITLE = "关于2023年度行政审批事项办理情况的通报"

NOTICE_TABLES = {
    "A1": (["事项类别", "受理件数", "办结件数", "按时办结率"],
           [["行政许可", "12486", "12302", "98.5%"], ["公共服务", "8735", "8690", "99.2%"],
            ["其他行政权力", "2143", "2098", "97.6%"]]),
    "A2": (["地区", "申请件数", "公开件数", "不予公开件数"],
           [["东城区", "146", "121", "17"], ["西城区", "98", "83", "11"], ["南山县", "57", "44", "8"]]),
    "B1": (["事项类别", "受理件数", "办结件数", "按时办结率"],
           [["行政许可", "3528", "3490", "98.9%"], ["公共服务", "2716", "2705", "99.6%"],
            ["其他行政权力", "605", "593", "96.8%"]]),
    "B2": (["事项类别", "受理件数", "办结件数", "按时办结率"],
           [["行政许可", "8958", "8812", "98.3%"], ["公共服务", "6019", "5985", "99.4%"],
            ["其他行政权力", "1538", "1505", "97.9%"]]),
    "C1": (["办理渠道", "受理件数", "办结件数", "按时办结率"],
           [["窗口办理", "9642", "9518", "98.7%"], ["网上办理", "12871", "12749", "99.1%"],
            ["自助终端办理", "851", "823", "96.5%"]]),
    "C2": (["地区", "受理件数", "办结件数", "按时办结率"],
           [["东城区", "7315", "7236", "98.4%"], ["西城区", "5204", "5127", "97.7%"],
            ["南山县", "3996", "3939", "98.6%"]]),
}
NOTICE_COL_WIDTHS_CM = [3.9] * 4


def notice_layout(name: str) -> TableLayout:
    head, rows = NOTICE_TABLES[name]
    cells = [Cell(0, k, text) for k, text in enumerate(head)]
    cells += [Cell(r, k, text) for r, row in enumerate(rows, start=1) for k, text in enumerate(row)]
    return TableLayout(NOTICE_COL_WIDTHS_CM, cells, header_rows=1, size=10.5)


def build_notice(path: Path) -> Expect:
    values = [v for _, rows in NOTICE_TABLES.values() for row in rows for v in row[1:]]
    if len(set(values)) != len(values):
        raise SystemExit("adjacent-tables-apart: table values are not distinct")
    ex = Expect()
    b = DocxBuilder(fonts=dict(DEFAULT_FONTS), title=NOTICE_TITLE)
    b.title_lines([NOTICE_TITLE])
    ex.title(NOTICE_TITLE)

    def P(text, why="", *, first_line=True):
        b.body_paragraph(text, first_line=first_line)
        ex.paragraph(text, why)

    def H(text, why=""):
        b.heading(1, text)
        ex.heading(1, text, why)

    def T(name, why):
        layout = notice_layout(name)
        b.append(layout_table_xml(layout))
        ex.table(layout.n_rows, layout.n_cols, 1,
                 [(c.row, c.col, c.row_span, c.col_span, c.text) for c in layout.cells], why)

    P("各县（市、区）行政审批服务局，市直各有关单位：", first_line=False)
    P("2023年，全市各级行政审批部门深入推进“放管服”改革，持续优化审批流程，行政审批事项办理质效稳步提升。"
      "现将有关情况通报如下。")
    H("一、总体办理情况")
    P("全年全市共受理行政审批事项23364件，办结23090件，按时办结率98.8%。分事项类别办理情况和各地区政府信息公开申请办理情况见下表。")
    T("A1", "pair (a), table 1: 4 equal columns, header 事项类别 …")
    b.append(para("", ppr()))
    T("A2", "pair (a), table 2: only an empty paragraph before it, same grid, a DIFFERENT header row (地区 申请件数 "
            "公开件数 不予公开件数): a table of its own")
    P("其中，市本级办理情况如下：")
    T("B1", "pair (b), table 1")
    P("各地区情况如下：", "the text paragraph between pair (b)")
    T("B2", "pair (b), table 2: the SAME header row and row labels as B1, but a text paragraph between: a table of "
            "its own")
    P("按办理渠道统计，网上办理占比进一步提高。", "")
    T("C1", "pair (c), table 1")
    H("二、各地区办理情况", "the heading between pair (c)")
    T("C2", "pair (c), table 2: same grid, a heading between: a table of its own")
    P("各地区按时办结率均在97%以上，其中南山县按时办结率较上年提高1.2个百分点。")
    H("三、下一步工作要求")
    P("各地各部门要进一步压缩审批时限，推行“一网通办”，对超期未办结事项逐件分析原因、限期整改，持续提升行政审批服务水平。")
    b.append(para(run("云溪市行政审批服务局", rpr(font=DEFAULT_FONTS["body"], size=16)), ppr(align="right", line_exact=28)))
    ex.paragraph("云溪市行政审批服务局", "signature, right-aligned")
    b.append(para(run("2024年1月15日", rpr(font=DEFAULT_FONTS["body"], size=16)), ppr(align="right", line_exact=28)))
    ex.paragraph("2024年1月15日", "date, right-aligned")
    b.save(path)
    return ex



# --- 7.8 table-boundaries.docx: when two tables are one table
#
# Three situations a reader tells apart at a glance, each with an empty paragraph between the
# tables: (1) two different statistics tables with the same header (and two numbered lists, the
# second starting again at 1) — apart; (2) a long table in an APPLIED TABLE STYLE (w:tblStyle,
# borders from styles.xml) whose two header rows are marked w:tblHeader (Word and LibreOffice repeat
# them at the top of the next page), then a second table in the same style with the same marked
# header and a list of its own starting at 1 — apart, no row dropped; (3) a task list cut by hand
# into two w:tbl across an empty paragraph, the second part without a header, its 序号 going on
# from 5 — one table.

BOUNDARIES_FILE = "table-boundaries.docx"
BOUNDARIES_TITLE = "关于2023年度政务服务工作情况的报告"
GRID_STYLE = StyleDef(
    "af0", "政务表格", based_on="a1", kind="table",
    tblpr='<w:tblBorders>' + "".join(BORDER.format(side=side) for side in
                                     ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>')

QUARTERS = ["一季度", "二季度", "三季度", "四季度"]
QUARTER_HEAD = ["季度", "受理件数", "办结件数", "按时办结率"]
QUARTERS_2022 = [["3102", "3055", "98.1%"], ["3378", "3349", "98.6%"], ["3264", "3218", "97.9%"],
                 ["3517", "3480", "98.4%"]]
QUARTERS_2023 = [["3409", "3376", "99.0%"], ["3655", "3611", "98.8%"], ["3592", "3570", "99.4%"],
                 ["3821", "3797", "99.2%"]]
LIST_HEAD = ["序号", "改革举措", "牵头单位"]
LIST_DONE = [["1", "推行“一件事一次办”", "市政务服务中心"], ["2", "压减审批环节和时限", "市行政审批服务局"],
             ["3", "推广电子证照应用", "市大数据中心"]]
LIST_NEXT = [["1", "拓展“跨省通办”事项", "市政务服务中心"], ["2", "建设“15分钟政务服务圈”", "各县（市、区）人民政府"],
             ["3", "完善“好差评”制度", "市行政审批服务局"]]
CATALOG_ITEMS = [
    "企业设立登记", "企业变更登记", "企业注销登记", "个体工商户登记", "食品经营许可", "药品零售许可",
    "建筑工程施工许可", "建设工程规划许可", "建设用地规划许可", "城镇污水排入排水管网许可", "占用挖掘城市道路审批",
    "户外广告设施设置审批", "公共场所卫生许可", "医疗机构执业登记", "民办学校办学许可", "人力资源服务许可",
    "道路货物运输经营许可", "出租汽车经营许可", "危险化学品经营许可", "烟花爆竹经营许可", "取水许可",
    "林木采伐许可", "动物防疫条件合格证核发", "种子生产经营许可", "社会团体成立登记", "民办非企业单位成立登记",
    "不动产首次登记", "不动产转移登记", "商品房预售许可", "特种设备使用登记", "排污许可", "消防安全检查",
    "旅行社设立许可", "娱乐场所经营许可", "网络文化经营许可", "兽药经营许可", "农药经营许可", "渔业捕捞许可",
    "河道采砂许可", "临时占用林地审批", "护林防火许可", "燃气经营许可", "大型临时活动安全许可", "校车使用许可",
    "养老机构备案",
]
NEW_ITEMS = ["新生儿出生“一件事”", "企业开办“一件事”", "退休“一件事”", "二手房转移登记及水电气联动过户"]
TASK_HEAD = ["序号", "工作任务", "牵头单位", "完成时限"]
TASKS = [
    ["1", "梳理公布政务服务事项目录", "市政务服务中心", "2024年3月"],
    ["2", "推进政务服务标准化建设", "市行政审批服务局", "2024年6月"],
    ["3", "完善一体化政务服务平台", "市大数据中心", "2024年6月"],
    ["4", "开展窗口服务能力提升培训", "市政务服务中心", "2024年9月"],
    ["5", "推动高频事项“掌上办”", "市大数据中心", "2024年9月"],
    ["6", "健全政务服务评价体系", "市行政审批服务局", "2024年10月"],
    ["7", "开展政务服务满意度调查", "市统计局", "2024年11月"],
    ["8", "总结评估年度工作成效", "市政务服务中心", "2024年12月"],
]


def styled_tbl(grid_cm: list[float], rows: list[list[str]], *, header_rows: int, mark_header: bool,
               spans: dict | None = None) -> tuple[str, list]:
    """A w:tbl in the applied table style GRID_STYLE (no direct borders), its first `header_rows`
    rows marked w:tblHeader if `mark_header`. `spans` maps (row, col) to (row_span, col_span);
    covered slots are written as vMerge continuations or left out of gridSpan cells.
    Returns the XML and the cells as (row, col, row_span, col_span, text)."""
    spans = spans or {}
    grid = [cm_to_dxa(w) for w in grid_cm]
    covered = {}
    for (r, c), (rs, cs) in spans.items():
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                if (rr, cc) != (r, c):
                    covered[(rr, cc)] = (r, c)
    cells, rows_xml = [], []
    for r, row in enumerate(rows):
        tcs, c = [], 0
        while c < len(grid):
            origin = covered.get((r, c))
            if origin and origin[0] != r:        # under a vertical merge
                rs, cs = spans[origin]
                tcs.append(tc(cell_para("", font=DEFAULT_FONTS["table"], size=10.5),
                              sum(grid[c:c + cs]), span=cs, vmerge="continue", borders=False))
                c += cs
                continue
            rs, cs = spans.get((r, c), (1, 1))
            text = row[c]
            cells.append((r, c, rs, cs, text))
            tcs.append(tc(cell_para(text, font=DEFAULT_FONTS["table"], size=10.5), sum(grid[c:c + cs]), span=cs,
                          vmerge="restart" if rs > 1 else None, borders=False))
            c += cs
        header = "bare" if mark_header and r < header_rows else None
        rows_xml.append(tr("".join(tcs), header=header))
    props = (f'<w:tblStyle w:val="{GRID_STYLE.style_id}"/><w:tblW w:w="{sum(grid)}" w:type="dxa"/>'
             '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
             'w:noHBand="0" w:noVBand="1"/>')
    tbl_xml = (f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>"
               + "".join(f'<w:gridCol w:w="{w}"/>' for w in grid) + "</w:tblGrid>" + "".join(rows_xml) + "</w:tbl>")
    return tbl_xml, cells


def build_table_boundaries(path: Path) -> Expect:
    ex = Expect()
    b = DocxBuilder(fonts=dict(DEFAULT_FONTS), styles=[GRID_STYLE], title=BOUNDARIES_TITLE)
    b.title_lines([BOUNDARIES_TITLE])
    ex.title(BOUNDARIES_TITLE)

    def P(text, why=""):
        b.body_paragraph(text)
        ex.paragraph(text, why)

    def H(text):
        b.heading(1, text)
        ex.heading(1, text)

    def T(grid_cm, rows, *, header_rows, mark_header=False, spans=None, why="", expect=True):
        xml, cells = styled_tbl(grid_cm, rows, header_rows=header_rows, mark_header=mark_header, spans=spans)
        b.append(xml)
        if expect:
            ex.table(len(rows), len(grid_cm), header_rows, cells, why)
        return cells

    def gap():
        b.append(para("", ppr(line_exact=28)))

    quarter_grid = [3.6, 3.6, 3.6, 3.6]
    list_grid = [1.6, 7.8, 5.0]
    P("2023年，我市持续深化“放管服”改革，政务服务事项办理质效稳步提升。现将有关情况报告如下。")
    H("一、两年办理情况")
    P("2022年、2023年全市政务服务事项分季度办理情况分别见下表。")
    T(quarter_grid, [QUARTER_HEAD] + [[q] + v for q, v in zip(QUARTERS, QUARTERS_2022)], header_rows=1,
      why="2022: a table of its own")
    gap()
    T(quarter_grid, [QUARTER_HEAD] + [[q] + v for q, v in zip(QUARTERS, QUARTERS_2023)], header_rows=1,
      why="2023: only an empty paragraph before it, the same header and row labels (一季度 … again): "
          "a second table, not a continuation")
    P("2023年已完成的改革举措和2024年拟推进的改革举措如下。")
    T(list_grid, [LIST_HEAD] + LIST_DONE, header_rows=1, why="the measures done, numbered 1–3")
    gap()
    T(list_grid, LIST_NEXT, header_rows=0,
      why="no header, only an empty paragraph before it, but its 序号 starts again at 1: another list")
    H("二、政务服务事项目录")
    P("纳入目录管理的政务服务事项及其办理时限如下（单位：工作日）。")
    catalog_grid = [1.6, 7.4, 2.7, 2.7]
    head = [["序号", "事项名称", "办理时限", ""], ["", "", "法定时限", "承诺时限"]]
    spans = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 2)}
    rows = head + [[str(i), name, str(20 - i % 3 * 5), str(5 + i % 4)] for i, name in
                   enumerate(CATALOG_ITEMS, start=1)]
    T(catalog_grid, rows, header_rows=2, mark_header=True, spans=spans,
      why="an applied table style (w:tblStyle) and two header rows marked w:tblHeader; long enough to run "
          "onto the next page, where Word repeats the header: ONE table, every row kept")
    gap()
    rows = head + [[str(i), name, str(15), str(5)] for i, name in enumerate(NEW_ITEMS, start=1)]
    T(catalog_grid, rows, header_rows=2, mark_header=True, spans=spans,
      why="the same style and the same marked header after an empty paragraph, 序号 from 1 again: a table of its own")
    H("三、2024年工作任务")
    P("2024年重点工作任务分解如下。")
    task_grid = [1.6, 6.6, 4.2, 2.8]
    T(task_grid, [TASK_HEAD] + TASKS[:4], header_rows=1, expect=False)
    gap()
    T(task_grid, TASKS[4:], header_rows=0, expect=False)
    ex.table(9, 4, 1, [(r, c, 1, 1, text) for r, row in enumerate([TASK_HEAD] + TASKS) for c, text in enumerate(row)],
             "ONE table: the list cut by hand into two w:tbl with an empty paragraph between; the second part has "
             "no header and its 序号 goes on from 5")
    P("以上任务由各牵头单位抓好落实，市政务服务中心定期调度。")
    b.append(para(run("云溪市政务服务管理办公室", rpr(font=DEFAULT_FONTS["body"], size=16)),
                  ppr(align="right", line_exact=28)))
    ex.paragraph("云溪市政务服务管理办公室", "signature, right-aligned")
    b.save(path)
    return ex


# --- 7.7 the report-layer samples: tables read by LABEL, values as reports write them, the 勾稽 checks
#
# Whole reports made by build_report() whose tables the report layer must read by their labels:
# cells written blank, "—", "/", "无", with full-width digits, thousands separators, a note or a
# unit (W); label typos, line breaks and a vertical label (ReportSpec.labels); deliberate 勾稽 errors
# (ReportSpec.failed_checks, verified by check_failures()); renumbered sections with the section-四
# table in an annex (ReportSpec.annex); the 2021 template with （六）其他处理 as one row
# (ReportSpec.application_rows).  And an official notice that is no report at all.  The ground truth
# of each is in expected-numbers.json (numbers_dump()).


def check_failures(rows_key: str, numbers: dict, *, present_parts: bool = False) -> tuple[int, list[dict]]:
    """The 勾稽 rules of SPEC.md on the values govdoc must output.  A check runs only when every value
    it needs is a number; with a null among them it is not run (and does not fail).  With
    `present_parts` a sum of several parts (results_total, row_total, reviews.total) leaves its null
    parts out and runs when at least one part is a number (the other reading of "where the values
    exist"; the blank-cells sample holds under both).  Returns (checks run, failures as
    {"rule", "column", "row"} in a fixed order)."""
    a = {k: {c: expected_value(v) for c, v in row.items()} for k, row in numbers["applications"].items()}
    r = {g: {f: expected_value(v) for f, v in row.items()} for g, row in numbers["reviews"].items()}
    leaves = RESULT_LEAF_KEYS[rows_key]
    run, fails = 0, []

    def check(rule, left, right, *, column=None, row=None):
        nonlocal run
        if present_parts and rule != "applications.balance":
            right = [x for x in right if x is not None] or [None]
        if any(x is None for x in left + right):
            return
        run += 1
        if sum(left) != sum(right):
            fails.append({"rule": rule, "column": column, "row": row})

    for c in APPLICANT_KEYS:
        check("applications.balance", [a["new"][c], a["carried_over"][c]],
              [a["results.total"][c], a["carried_forward"][c]], column=c)
        check("applications.results_total", [a["results.total"][c]], [a[k][c] for k in leaves], column=c)
    for k, _ in APPLICATION_ROWS[rows_key]:
        check("applications.row_total", [a[k]["total"]], [a[k][c] for c in SIX], row=k)
    for g, _ in REVIEW_GROUPS:
        check("reviews.total", [r[g]["total"]], [r[g][f] for f in ("upheld", "corrected", "other", "pending")],
              column=g)
    return run, sorted(fails, key=lambda f: (f["rule"], f["column"] or "", f["row"] or ""))


AMOUNT_UNIT_IN_HEADER = re.compile(r"[（(](?:单位[：:])?\s*(万元|元)\s*[)）]")


def amount_units(spec: ReportSpec) -> dict:
    """{"proactive.<row>": unit} for each amount row of the template: the unit written in the cell
    (W.unit), else the one in the column header as written (labels applied), else None."""
    out = {}
    header = None
    for row in PROACTIVE[spec.template]:
        if row[0] == "header":
            header = row[1]
        elif row[0] == "data":
            fields = [f for f, _ in row[3]]
            if "amount" not in fields:
                continue
            v = spec.numbers["proactive"][row[1]]["amount"]
            text = spec.labels.get(header[fields.index("amount") + 1][0], header[fields.index("amount") + 1][0])
            m = AMOUNT_UNIT_IN_HEADER.search(text)
            out[f"proactive.{row[1]}"] = v.unit if isinstance(v, W) and v.unit else (m.group(1) if m else None)
    return out


def requests_sentence(numbers: dict) -> str:
    """The section-一 sentence on applications, from the totals govdoc must read (the six columns added
    where the 总计 column is blank)."""
    a = numbers["applications"]

    def total(k):
        v = expected_value(a[k]["total"])
        return v if v is not None else sum(expected_value(a[k][c]) or 0 for c in SIX)

    return (f"全年共收到政府信息公开申请{total('new')}件，上年结转{total('carried_over')}件，"
            f"办结{total('results.total')}件，结转下年度继续办理{total('carried_forward')}件，均在法定期限内答复。")


def assert_distinct(file: str, numbers: dict, tables) -> None:
    """Within each table no value twice (the numbers of a "distinct" sample, also once rewritten)."""
    for table in tables:
        values = [expected_value(v) for row in numbers[table].values() for v in row.values()]
        if len(set(values)) != len(values):
            raise SystemExit(f"{file}: the values of {table} are not distinct")


def rewrite_cells(numbers: dict, cells: list[tuple], how) -> None:
    """Write the cells (table, row, column) of `numbers` as how(n) while they still read as n."""
    for table, row, col in cells:
        n = numbers[table][row][col]
        numbers[table][row][col] = W(how(n), n)


def layer_report_spec(*, file, agency, year, template, numbers, topic, what, exercises, output,
                      title_lines=None, labels=None, application_rows=None, failed=()) -> ReportSpec:
    return ReportSpec(
        file=file, agency=agency, year=year, template=template,
        title_lines=title_lines or [f"{agency}{year}年政府信息公开工作年度报告"],
        numbers=numbers, sections=short_sections(template, year, numbers, topic, requests_sentence(numbers)),
        labels=labels or {}, application_rows=application_rows, failed_checks=list(failed),
        what=what, exercises=exercises, output=output,
    )


# --- report-blank-cells.docx: a small town's 2019-template report, zeros written every way but "0"

BLANK_COUNTS = {   # the counts behind the section-三 table, by column; rows not named are 0
    "natural_person": {"new": 17, "carried_over": 2, "results.granted": 9, "results.partly_granted": 2,
                       "results.withheld.third_party_rights": 1, "results.unavailable.not_held": 3,
                       "results.not_processed.repeated": 1, "results.other": 1, "results.total": 17,
                       "carried_forward": 2},
    "commercial": {"new": 4, "results.granted": 2, "results.partly_granted": 1, "results.unavailable.not_held": 1,
                   "results.total": 4},
    "research": {},
    "social_org": {"new": 1, "results.granted": 1, "results.total": 1},
    "legal_service": {"new": 2, "carried_over": 1, "results.granted": 1, "results.withheld.process_info": 1,
                      "results.total": 2, "carried_forward": 1},
    "other": {},
}
# how each column writes a zero count, cycled over its zero cells from the top; the 总计 column is blank
BLANK_ZERO_TEXTS = {"natural_person": ["0", "无"], "commercial": [""], "research": ["—"], "social_org": ["/"],
                    "legal_service": ["／", ""], "other": ["", "—", "无"]}
BLANK_ZERO_OVERRIDES = {("carried_over", "commercial"): "无", ("carried_forward", "commercial"): "0",
                        ("new", "other"): "无", ("carried_over", "other"): "无", ("results.total", "other"): "无",
                        ("carried_forward", "other"): "无"}
ZERO_TEXT_VALUES = {"": None, "—": None, "-": None, "/": None, "／": None, "无": 0, "0": 0}


def blank_cells_numbers() -> dict:
    rows = [k for k, _ in APPLICATION_ROWS["2019"]]
    applications = {k: {} for k in rows}
    for c in SIX:
        zeros = 0
        for k in rows:
            n = BLANK_COUNTS[c].get(k, 0)
            if n:
                applications[k][c] = n
                continue
            text = BLANK_ZERO_OVERRIDES.get((k, c))
            if text is None:
                text = BLANK_ZERO_TEXTS[c][zeros % len(BLANK_ZERO_TEXTS[c])]
                zeros += 1
            applications[k][c] = W(text, ZERO_TEXT_VALUES[text])
    for k in rows:
        applications[k]["total"] = W("", None)
    dash, slash, wide, blank, none = (W(x, ZERO_TEXT_VALUES[x]) for x in ("—", "/", "／", "", "无"))
    proactive = {
        "rules": {"made": dash, "published": dash, "total": dash},
        "normative_documents": {"made": 2, "published": 2, "total": 15},
        "licensing": {"previous_items": 36, "change": "+3", "decisions": 128},
        "other_services": {"previous_items": slash, "change": slash, "decisions": slash},
        "penalties": {"previous_items": 21, "change": none, "decisions": 47},
        "coercive_measures": {"previous_items": blank, "change": W("-", None), "decisions": blank},
        "fees": {"previous_items": wide, "change": wide},
        "procurement": {"items": 5, "amount": "86.4"},
    }
    reviews = {
        "review": {"upheld": 1, "corrected": none, "other": dash, "pending": blank, "total": 1},
        "litigation_direct": {f: none for f, _ in REVIEW_FIELDS},
        "litigation_after_review": {f: blank for f, _ in REVIEW_FIELDS},
    }
    return {"proactive": proactive, "applications": applications, "reviews": reviews}


def blank_cells_spec() -> ReportSpec:
    numbers = blank_cells_numbers()
    run, _ = check_failures("2019", numbers)
    run_present, _ = check_failures("2019", numbers, present_parts=True)
    return layer_report_spec(
        file="report-blank-cells.docx", agency="白沙镇人民政府", year=2019, template="2019", numbers=numbers,
        labels={"采购总金额": "采购总金额（万元）"},
        what="fictional 白沙镇人民政府 2019 report (a town with few applications), 2019 template, all three "
             "tables whole",
        exercises="number cells that are not numbers: many zero counts left as EMPTY cells (no run at all), "
                  "others written `—`, `/`, `／`, `-` or `无`, some `0`; the whole 总计 column of the section-三 "
                  "table blank; per column the zeros of section 三 are written: 自然人 `0`/`无`, 商业企业 blank "
                  "(but 二、 `无` and 四、 `0`), 科研机构 `—`, 社会公益组织 `/`, 法律服务机构 `／`/blank, 其他 "
                  "blank/`—`/`无` (一、二、(七)、四、 `无`); section 二: 规章 `—` ×3, 其他对外管理服务事项 `/` ×3, "
                  "行政强制 blank/`-`/blank, 行政事业性收费 `／` ×2, 行政处罚 本年增/减 `无`; section 四: 行政复议 "
                  "`1`/`无`/`—`/blank/`1`, 未经复议直接起诉 `无` ×5, 复议后起诉 blank ×5",
        output="template \"2019\", agency 白沙镇人民政府, year 2019; blank, `—`, `/`, `／`, `-` → null (NEVER 0), "
               "`无` and `0` → 0; every applications `total` null; procurement amount 86.4 amount_unit 万元; "
               f"checks: {run} have every value they need as a number (applications.balance for natural_person, "
               "commercial, legal_service, other; applications.results_total for natural_person; reviews.total "
               "for litigation_direct) and hold; a reading that sums only the parts present (nulls left out) "
               f"runs {run_present - run} more (results_total for commercial, social_org, legal_service, other; "
               f"reviews.total for review: {run_present} in all), which hold too; no applications.row_total can "
               "run (the 总计 column is null); failed [] either way; a null is never output as 0",
        topic=Topic(
            overview="2019年，白沙镇人民政府认真贯彻落实新修订的《中华人民共和国政府信息公开条例》，按照县政府关于政务公开工作的"
                     "部署要求，结合乡镇工作实际，稳步推进基层政务公开标准化规范化建设。",
            proactive="全年通过县政府门户网站乡镇信息公开专栏和镇村政务公开栏主动公开政府信息96条，重点公开惠农补贴发放、"
                      "低保五保、危房改造、村级财务等群众关心关注的信息。",
            management="明确党政办公室为政府信息公开工作机构，落实专人负责，严格执行信息发布审核和保密审查制度。",
            platform="规范镇政务公开栏和各村务公开栏设置，在镇便民服务中心设置政府信息查阅点，方便群众查阅。",
            supervision="将政务公开工作纳入对镇属各站所和各村的年度考核，设立监督电话，主动接受群众监督。",
            problems="一是政务公开工作人员业务水平有待提高；二是村级公开栏信息更新不够及时。",
            plans="2020年，本镇将加强政务公开业务培训，建立村级公开栏定期检查制度，进一步提升基层政务公开水平。"),
    )


# --- report-label-typos.docx: the 2021 template with the label variants real reports have

LABEL_TYPOS = {
    "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
    "5.属于三类内部事务信息": "5.属于三类内容事务信息",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
    "1.本机关不掌握相关政府信息": "1.本机关不掌握相关信息",
    "1.属于国家秘密": "1、属于国家秘密",
    "3.危及“三安全一稳定”": "3．危及\"三安全一稳定\"",
    "4.保护第三方合法权益": "4、保护第三方合法权益",
    "8.属于行政查询事项": "属于行政查询事项",
    "2.没有现成信息需要另行制作": "2．没有现成信息需要另行制作",
    "2.重复申请": "2、重复申请",
    "5.要求行政机关确认或重新出具已获取信息": "5．要求行政机关确认或重新出具\n已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
        "1、申请人无正当理由逾期不补正、\v行政机关不再处理其政府信息公开申请",
    "一、本年新收政府信息公开申请数量": "一、本年新收政府信息\v公开申请数量",
    "三、本年度办理结果": "\n".join("三、本年度办理结果"),
    "结果维持": "结果\n维持",
    "尚未审结": "尚未\v审结",
    "本年制发件数": "本年制发\n件数",
    "行政规范性文件": "规范性文件",
}
TYPO_FULLWIDTH_CELLS = [("applications", "results.granted", "natural_person"),
                        ("applications", "results.withheld.state_secret", "research"),
                        ("applications", "carried_over", "other"),
                        ("applications", "results.other.other", "total"),
                        ("reviews", "review", "upheld"), ("reviews", "litigation_after_review", "total"),
                        ("proactive", "licensing", "decisions"), ("proactive", "rules", "in_force")]
TYPO_THOUSANDS_CELLS = [("applications", "new", "total"), ("applications", "results.total", "total"),
                        ("applications", "new", "natural_person"), ("applications", "results.total", "commercial")]


def shown_label(text: str) -> str:
    """README: a label as written, its paragraph breaks shown ⏎ and its w:br ↵."""
    return text.replace("\n", "⏎").replace("\v", "↵")


def label_typos_spec() -> ReportSpec:
    numbers = distinct_numbers("2021", seed=2022_0701, amount="15.6")
    for table, row, col in TYPO_THOUSANDS_CELLS:
        if numbers[table][row][col] < 1000:
            raise SystemExit(f"report-label-typos: {row}.{col} is below 1000, no thousands separator")
    rewrite_cells(numbers, TYPO_FULLWIDTH_CELLS, lambda n: fullwidth(str(n)))
    rewrite_cells(numbers, TYPO_THOUSANDS_CELLS, lambda n: f"{n:,}")
    assert_distinct("report-label-typos.docx", numbers, ("proactive", "applications", "reviews"))
    variants = "; ".join(f"`{k}` written `{shown_label(v)}`" for k, v in LABEL_TYPOS.items())
    return layer_report_spec(
        file="report-label-typos.docx", agency="东陵县文化和旅游局", year=2022, template="2021", numbers=numbers,
        title_lines=["东陵县文化和旅游局", "2022年政府信息公开工作年度报告"], labels=LABEL_TYPOS,
        what="fictional 东陵县文化和旅游局 2022 report, 2021 template, title on two centred lines, distinct "
             "non-zero numbers; the labels as real reports write them",
        exercises="labels matched after normalization, not by equality (⏎ = a new paragraph in the cell, ↵ = a "
                  f"`<w:br/>` in it): {variants}; the column-0 label of the result rows written one character "
                  "per paragraph (vertical); number cells with full-width digits (`１２３`) at "
                  + ", ".join(f"{t}.{r}.{c}" for t, r, c in TYPO_FULLWIDTH_CELLS)
                  + " and thousands separators (`1,234`) at "
                  + ", ".join(f"{t}.{r}.{c}" for t, r, c in TYPO_THOUSANDS_CELLS),
        output="template \"2021\" (told from `本年制发⏎件数`, a header with a paragraph break); agency 东陵县文化和旅游局, "
               "year 2022; every row and column found under its SPEC key (`规范性文件` is "
               "proactive.normative_documents; the typo rows are results.withheld.prohibited_by_law, "
               "results.withheld.internal_affairs, results.partly_granted, results.unavailable.not_held; "
               "`属于行政查询事项` without its number is results.withheld.inquiry_matters); full-width and "
               "`1,234` cells read as the numbers; fees amount 15.6 amount_unit 万元; the numbers below; all "
               "checks pass; no label left unmatched",
        topic=Topic(
            overview="2022年，东陵县文化和旅游局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
                     "围绕文化惠民、旅游发展和市场监管等重点工作，持续推进政务公开。",
            proactive="全年主动公开政府信息238条，重点公开公共文化服务、文化旅游项目建设、A级旅游景区管理、文化市场综合执法等信息，"
                      "及时发布节假日旅游安全提示。",
            management="落实政府信息公开保密审查和发布审核制度，规范公文公开属性源头认定，及时更新政府信息公开指南和目录。",
            platform="依托县政府门户网站文化旅游专栏和“东陵文旅”微信公众号发布信息，在县图书馆设置政府信息查阅点。",
            supervision="将政务公开工作纳入局年度重点工作，开展业务培训2次，畅通群众意见反馈渠道。",
            problems="2022年，本机关政府信息公开工作还存在政策解读形式较为单一、部分栏目信息更新不够及时等问题。",
            plans="2023年，本机关将丰富图解、视频等解读形式，建立栏目更新台账，进一步提升政府信息公开工作质量。",
            table_intros=True),
    )


# --- report-check-errors.docx: deliberate 勾稽 errors, and exactly the checks they break

def _fail(rule, *, column=None, row=None) -> dict:
    return {"rule": rule, "column": column, "row": row}


# (table, row, column, delta, the checks the changed cell breaks): each cell is written `delta` away
# from the value that keeps the rules
PLANTED_ERRORS = [
    ("applications", "results.withheld.process_info", "commercial", +3,
     [_fail("applications.row_total", row="results.withheld.process_info"),
      _fail("applications.results_total", column="commercial")]),
    ("applications", "carried_forward", "other", -2,
     [_fail("applications.balance", column="other"), _fail("applications.row_total", row="carried_forward")]),
    ("applications", "results.total", "legal_service", -5,
     [_fail("applications.balance", column="legal_service"),
      _fail("applications.results_total", column="legal_service"),
      _fail("applications.row_total", row="results.total")]),
    ("reviews", "litigation_direct", "total", +2, [_fail("reviews.total", column="litigation_direct")]),
]


def check_errors_spec() -> ReportSpec:
    numbers = distinct_numbers("2021", seed=2023_0801, amount="27.9")
    consistent = {}
    for table, row, col, delta, _ in PLANTED_ERRORS:
        consistent[(row, col)] = numbers[table][row][col]
        numbers[table][row][col] += delta
    assert_distinct("report-check-errors.docx", numbers, ("applications", "reviews"))
    planted = sorted((f for *_, fails in PLANTED_ERRORS for f in fails),
                     key=lambda f: (f["rule"], f["column"] or "", f["row"] or ""))
    errors = "; ".join(
        f"{table}.{row}.{col} written {numbers[table][row][col]} instead of {consistent[(row, col)]} "
        f"({delta:+d}) → " + ", ".join(f"{f['rule']} {f['column'] or f['row']}" for f in fails)
        for table, row, col, delta, fails in PLANTED_ERRORS)
    return layer_report_spec(
        file="report-check-errors.docx", agency="西河市人力资源和社会保障局", year=2023, template="2021",
        numbers=numbers, failed=planted,
        what="fictional 西河市人力资源和社会保障局 2023 report, 2021 template, distinct non-zero numbers with "
             f"{len(PLANTED_ERRORS)} cells written wrong on purpose",
        exercises=f"the 勾稽 checks on a report whose arithmetic is wrong: {errors}; every other check holds",
        output=f"template \"2021\"; every value exactly as written (numbers are never repaired); checks.failed "
               f"exactly these {len(planted)} (rule, column, row): "
               + "; ".join(f"({f['rule']}, {f['column'] or 'null'}, {f['row'] or 'null'})" for f in planted)
               + "; nothing else fails",
        topic=Topic(
            overview="2023年，西河市人力资源和社会保障局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕就业创业、社会保险、"
                     "人才人事和劳动关系等重点工作，深入推进决策、执行、管理、服务、结果公开。",
            proactive="全年主动公开政府信息529条，重点公开就业创业扶持政策、社会保险待遇调整、职业技能培训补贴、事业单位公开招聘"
                      "和根治欠薪等信息。",
            management="严格落实政府信息公开保密审查制度，对涉及个人信息的内容进行脱敏处理，动态调整主动公开基本目录。",
            platform="依托市政府门户网站人社专栏、“西河人社”微信公众号和人社服务大厅公开栏发布信息，推进政策“一站式”查询。",
            supervision="将政务公开工作纳入局年度绩效考核，组织全系统政务公开业务培训3次，自觉接受社会监督。",
            problems="2023年，本机关政府信息公开工作还存在政策解读通俗性不够、基层经办信息公开不够均衡等问题。",
            plans="2024年，本机关将推出更多图解和短视频解读，加强对基层经办机构信息公开的指导，提升公开实效。",
            table_intros=True),
    )


# --- report-annex-renumbered.docx: renumbered sections, prose before the tables, the section-四 table in an annex

ANNEX_SECTION_TITLES = [
    "概述",
    "主动公开情况",
    "依申请公开政府信息情况",
    "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "其他需要报告的事项",
]
ANNEX_LINE = "附件：政府信息公开行政复议、行政诉讼情况统计表"


def annex_renumbered_spec() -> ReportSpec:
    agency, year = "云岭市人民政府办公室", 2020
    numbers = distinct_numbers("2019", seed=2020_0902, amount=W("251000元", 251000, unit="元"))
    p = numbers["proactive"]
    if p["normative_documents"]["published"] > 55 or p["coercive_measures"]["previous_items"] < 3:
        raise SystemExit("report-annex-renumbered: the seeded numbers do not fit the written variants")
    p["normative_documents"]["total"] = W("55（含自然失效29件）", 55)
    p["penalties"]["change"] = W("+0", 0)
    p["coercive_measures"]["change"] = W("－3", -3)
    assert_distinct("report-annex-renumbered.docx", numbers, ("proactive", "applications", "reviews"))
    sections = [
        [
            ("p", "2020年，云岭市人民政府办公室在市委、市政府的坚强领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，"
                  "统筹推进疫情防控和经济社会发展信息公开，全市政务公开工作取得新进展。"),
            ("h2", "主动公开"),
            ("p", "全年通过市政府门户网站主动公开政府信息1268条，及时发布疫情防控、复工复产、惠企政策等信息，召开新闻发布会23场。"),
            ("h2", "依申请公开"),
            ("p", requests_sentence(numbers)),
            ("h2", "政府信息管理"),
            ("p", "修订政府信息公开工作规程，完善公文公开属性源头认定机制，开展现行有效规范性文件清理。"),
            ("h2", "平台建设"),
            ("p", "完成市政府门户网站集约化改造，优化政府信息公开专栏，整合政务新媒体账号12个。"),
            ("h2", "监督保障"),
            ("p", "将政务公开工作纳入市直部门和各县（区）年度绩效考核，组织政务公开专题培训4次。"),
        ],
        [("p", "具体情况见下表："), ("caption", "表1 主动公开政府信息情况"), ("table", "proactive")],
        [("p", "具体情况见下表："), ("caption", "表2 收到和处理政府信息公开申请情况"), ("table", "applications")],
        [("p", "2020年本机关因政府信息公开工作被申请行政复议、提起行政诉讼的情况见附件。")],
        [("p", "一是部分政策解读的深度和针对性有待加强；二是基层政务公开标准化规范化水平不够均衡。"),
         ("p", "2021年，本机关将健全政策解读机制，加强对县（区）政务公开工作的指导和督促检查。")],
        [("p", "无。")],
    ]
    annex = [("right", agency), ("right", "2021年1月25日"), ("annex", ANNEX_LINE), ("table", "reviews")]
    return ReportSpec(
        file="report-annex-renumbered.docx", agency=agency, year=year, template="2019",
        title_lines=[f"{year}年{agency}政府信息公开工作年度报告"], numbers=numbers, sections=sections,
        section_titles=list(ANNEX_SECTION_TITLES), annex=annex,
        what=f"fictional {agency} {year} report, 2019 template, the title with the year first; sections "
             "renumbered and retitled, the section-四 table moved into an annex after the signature",
        exercises="sections `" + "`, `".join(f"{cn_small(i)}、{t}" for i, t in enumerate(ANNEX_SECTION_TITLES, 1))
                  + "`; prose between the heading and the table (`具体情况见下表：` and a centred table title "
                  "`表1 主动公开政府信息情况` / `表2 收到和处理政府信息公开申请情况`); section 四 only a sentence "
                  f"(`…情况见附件。`); after section 六 the signature, the date, the line `{ANNEX_LINE}` and the "
                  "section-四 table; value variants: 规范性文件 对外公开总数量 `55（含自然失效29件）`, procurement "
                  "amount `251000元` under the header `采购总金额` (no unit), 行政强制 本年增/减 `－3` (U+FF0D), "
                  "行政处罚 本年增/减 `+0`",
        output=f"title `{year}年{agency}政府信息公开工作年度报告`; template \"2019\", agency {agency} (after the "
               f"year), year {year}; the three tables found by their content (reviews from the annex); "
               "sections: 6, their titles as written (recommended); normative_documents.total 55 with an info "
               "diagnostic for the note; procurement amount 251000 amount_unit 元; coercive_measures.change -3, "
               "penalties.change 0; the numbers below; all checks pass",
    )


# --- report-2021-one-row-other.docx: the 2021 template with （六）其他处理 as one row

def one_row_other_spec() -> ReportSpec:
    rng = Rng(2021_1001)
    numbers = {"proactive": distinct_proactive(rng, "2021", "4.75"),
               "applications": distinct_applications(rng, "2019"),
               "reviews": distinct_reviews(rng)}
    assert_distinct("report-2021-one-row-other.docx", numbers, ("proactive", "applications", "reviews"))
    agency, year = "柳泉县司法局", 2021
    return layer_report_spec(
        file="report-2021-one-row-other.docx", agency=agency, year=year, template="2021", numbers=numbers,
        title_lines=[f"{agency}{year}年度政府信息公开工作年度报告"], application_rows="2019",
        what=f"fictional {agency} {year} report, 2021 template (section 二 as in 2021), but its section-三 table "
             "keeps `（六）其他处理` as ONE row as in 2019 (as some 2021 reports do); title with `年度`",
        exercises="template told from section 二 (`本年制发件数`), not from section 三; the row `（六）其他处理` "
                  "with 7 numbers and no sub-rows (26 rows, not 28); `2021年度` in the title",
        output=f"title `{agency}{year}年度政府信息公开工作年度报告`; template \"2021\", agency {agency}, year {year}; "
               "applications.results.other is a LEAF object of the 7 columns (no no_correction / unpaid_fee / "
               "other sub-keys; recommended: a diagnostic that the sub-rows are missing); fees amount 4.75 "
               "amount_unit 万元; the numbers below; all checks pass (results.total = the 20 leaf rows with "
               "results.other as one)",
        topic=Topic(
            overview="2021年，柳泉县司法局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕法治政府建设、公共法律服务和"
                     "行政复议应诉等重点工作，扎实推进政府信息公开。",
            proactive="全年主动公开政府信息174条，重点公开法律援助、人民调解、公证服务和行政执法“三项制度”落实等信息。",
            management="落实政府信息公开审查制度，规范依申请公开办理流程，统一答复文书格式。",
            platform="依托县政府门户网站司法行政专栏和“柳泉司法”微信公众号发布信息，在公共法律服务中心设置查阅点。",
            supervision="将政务公开工作纳入局年度目标考核，开展政务公开业务培训2次，主动接受社会监督。",
            problems="2021年，本机关政府信息公开工作存在公开内容不够全面、政策解读不够深入等问题。",
            plans="2022年，本机关将进一步细化公开内容，加强政策解读，不断提高政府信息公开工作水平。"),
    )


def layer_samples() -> list[ReportSpec]:
    return [blank_cells_spec(), label_typos_spec(), check_errors_spec(), annex_renumbered_spec(),
            one_row_other_spec()]


# --- notice-not-a-report.docx: an official notice ABOUT information disclosure, not a report

NOT_REPORT_FILE = "notice-not-a-report.docx"
NOT_REPORT_ISSUER = "临溪县人民政府办公室"
NOT_REPORT_DOC_NO = "临政办发〔2024〕12号"
NOT_REPORT_TITLE = "关于做好2024年度政府信息公开工作的通知"
NOT_REPORT_TASKS = [
    ["序号", "工作任务", "责任单位", "完成时限"],
    ["1", "编制并公开本单位2023年度政府信息公开工作年度报告", "县政府各部门、各乡镇人民政府", "2024年1月31日前"],
    ["2", "更新政府信息公开指南和主动公开基本目录", "县政府各部门", "2024年3月31日前"],
    ["3", "规范政府信息公开申请办理，统一答复文书格式", "县政府办公室、县司法局", "2024年6月30日前"],
    ["4", "开展政府网站和政务新媒体信息公开专项检查", "县政府办公室、县委网信办", "2024年9月30日前"],
    ["5", "组织全县政务公开业务培训", "县政府办公室", "2024年11月30日前"],
]
NOT_REPORT_COL_WIDTHS_CM = [1.3, 6.6, 4.6, 3.0]


def build_not_a_report(path: Path) -> Expect:
    ex = Expect()
    f = DEFAULT_FONTS
    b = DocxBuilder(fonts=dict(f), title=NOT_REPORT_TITLE)
    b.append(para(run(f"{NOT_REPORT_ISSUER}文件", rpr(font=f["title"], size=26, color="FF0000")),
                  ppr(align="center", spacing_after=240)))
    ex.paragraph(f"{NOT_REPORT_ISSUER}文件", "发文机关标志 (red, 26 pt, centred); recommended a paragraph, not the title")
    b.append(para(run(NOT_REPORT_DOC_NO, rpr(font=f["body"], size=16)), ppr(align="center", line_exact=28)))
    ex.paragraph(NOT_REPORT_DOC_NO, "发文字号, centred")
    b.append(para("", ppr(line_exact=28)))
    b.title_lines([NOT_REPORT_TITLE])
    ex.title(NOT_REPORT_TITLE)

    def P(text, why="", *, first_line=True):
        b.body_paragraph(text, first_line=first_line)
        ex.paragraph(text, why)

    def H(level, text, why=""):
        b.heading(level, text)
        ex.heading(level, text, why)

    P("各乡镇人民政府，县政府各部门：", "主送机关, not indented", first_line=False)
    P("为深入贯彻落实《中华人民共和国政府信息公开条例》和国务院办公厅、省政府办公厅关于政务公开工作的部署要求，进一步做好"
      "2024年度全县政府信息公开工作，经县政府同意，现就有关事项通知如下。")
    H(1, "一、提高思想认识")
    P("各单位要充分认识做好政府信息公开工作的重要意义，坚持以公开为常态、不公开为例外，主要负责同志要亲自研究部署，"
      "明确分管负责同志和工作机构，确保各项工作落到实处。")
    H(1, "二、突出公开重点")
    H(2, "（一）做好年度报告编制发布")
    P("各单位要严格按照国务院办公厅政府信息公开办公室印发的年度报告格式编制本单位2023年度政府信息公开工作年度报告，"
      "确保数据准确、表格完整，并于2024年1月31日前在县政府门户网站公开。")
    H(2, "（二）加强重点领域信息公开")
    P("围绕财政预决算、重大建设项目、公共资源配置、社会救助和乡村振兴等重点领域，及时准确公开政策文件和执行情况。")
    H(1, "三、明确任务分工")
    P("各项重点任务分工如下：")
    head, *rows = NOT_REPORT_TASKS
    cells = [Cell(0, k, text) for k, text in enumerate(head)]
    cells += [Cell(r, k, text, align="left" if k == 1 else "center")
              for r, row in enumerate(rows, start=1) for k, text in enumerate(row)]
    layout = TableLayout(NOT_REPORT_COL_WIDTHS_CM, cells, header_rows=1, size=10.5)
    b.table(layout)
    ex.table(layout.n_rows, layout.n_cols, 1, [(c.row, c.col, c.row_span, c.col_span, c.text) for c in layout.cells],
             "任务分工表: 序号 | 工作任务 | 责任单位 | 完成时限, 5 task rows")
    H(1, "四、强化工作保障")
    P("县政府办公室将加强对各单位政府信息公开工作的指导和督促检查，检查结果纳入年度绩效考核。各单位工作中遇到的问题，"
      "请及时与县政府办公室政务公开股联系。")
    for text, why in ((NOT_REPORT_ISSUER, "signature, right-aligned"), ("2024年3月8日", "date, right-aligned")):
        b.append(para(run(text, rpr(font=f["body"], size=16)), ppr(align="right", line_exact=28)))
        ex.paragraph(text, why)
    P("（此件公开发布）", "公开方式")
    b.save(path)
    return ex


NOT_REPORTS = ["docx-features.docx", "adjacent-tables-apart.docx", NOT_REPORT_FILE, BOUNDARIES_FILE]


def layer_readme_section(spec: ReportSpec) -> str:
    """README: the values of a report-layer sample, each as written → as govdoc must output it."""
    rows_key = spec.application_rows or spec.template
    run, fails = check_failures(rows_key, spec.numbers)
    run_present, _ = check_failures(rows_key, spec.numbers, present_parts=True)
    out = f"\n## {spec.file} — cells as written → values govdoc must output\n\n"
    out += ("Each value is `as written` → JSON value (a plain number is written as it is; (blank) is an empty "
            "cell).  Amount units: " + ", ".join(f"{k} {json.dumps(v, ensure_ascii=False)}"
                                                 for k, v in amount_units(spec).items())
            + f".  Checks that can run: {run} with every value a number"
            + (f", {run_present} when a sum leaves its null parts out" if run_present != run else "")
            + "; failed: "
            + (", ".join(f"({f['rule']}, {f['column'] or 'null'}, {f['row'] or 'null'})" for f in fails) or "none")
            + ".\n\n")
    out += "proactive:\n" + proactive_markdown(spec) + "\nreviews:\n" + reviews_markdown(spec)
    out += "\napplications:\n\n" + applications_markdown(spec)
    return out


# =============================================================================
# 8. README and main
# =============================================================================


def report_samples() -> list[ReportSpec]:
    return [seed_spec(), distinct_2021_spec(), distinct_2019_lo_spec()]


def numbers_dump() -> dict:
    """The ground truth of every sample, as govdoc must output it: per report sample its agency, year,
    template, title, the three tables' values (JSON numbers or null; `applications` keyed by the dotted
    row paths), the amount units and the planted failed checks; `{"report": null}` for the samples that
    are no annual report."""
    out = {}
    for spec in report_samples() + split_samples() + layer_samples():
        values = {table: {row: {f: expected_value(v) for f, v in fields.items()}
                          for row, fields in spec.numbers[table].items()}
                  for table in ("proactive", "applications", "reviews")}
        out[spec.file] = {"agency": spec.agency, "year": spec.year, "template": spec.template,
                          "title": "".join(spec.title_lines), **values,
                          "amount_units": amount_units(spec), "failed_checks": spec.failed_checks}
    for file in NOT_REPORTS:
        out[file] = {"report": None}
    return out


def shown(v) -> str:
    """README: a value of a numbers dict; a W as `written`→value."""
    if isinstance(v, W):
        return f"{'`' + v.text + '`' if v.text else '(blank)'}→{json.dumps(v.value)}"
    return str(v)


def applications_markdown(spec: ReportSpec) -> str:
    a = spec.numbers["applications"]
    head = "| row | " + " | ".join(k for k in APPLICANT_KEYS) + " |\n|---|" + "---|" * 7 + "\n"
    body = "".join(f"| {k} | " + " | ".join(shown(a[k][c]) for c in APPLICANT_KEYS) + " |\n"
                   for k, _ in APPLICATION_ROWS[spec.application_rows or spec.template])
    return head + body


def proactive_markdown(spec: ReportSpec) -> str:
    return "".join(f"- {k}: " + ", ".join(f"{f}={shown(v)}" for f, v in vals.items()) + "\n"
                   for k, vals in spec.numbers["proactive"].items())


def reviews_markdown(spec: ReportSpec) -> str:
    return "".join(f"- {g}: " + ", ".join(f"{f}={shown(v)}" for f, v in vals.items()) + "\n"
                   for g, vals in spec.numbers["reviews"].items())


README_HEAD = """\
# samples

Generated by `python3 samples/make_samples.py` (run from the repository root); do not edit the
.docx files by hand.  The script is deterministic: a second run gives byte-identical files
(fixed zip dates 1980-01-01, fixed core-property dates 2024-01-01, a seeded PRNG of its own).
`python3 samples/make_samples.py --numbers` prints every report sample's table values as JSON
(keys as in SPEC.md, `applications` keyed by the dotted row paths); `--expected` prints the
expected reading-order output of docx-features.docx.

| file | what it is | what it exercises | what govdoc must output |
| --- | --- | --- | --- |
"""


def span_of(layout: TableLayout, text: str) -> str:
    """README: where the cell with `text` lies in the whole table."""
    c = next(c for c in layout.cells if c.text == text)
    rows = f"row {c.row}" if c.row_span == 1 else f"rows {c.row}–{c.row + c.row_span - 1}"
    cols = f"column {c.col}" if c.col_span == 1 else f"columns {c.col}–{c.col + c.col_span - 1}"
    return f"`{text}` is one cell over {rows} of {cols} (row_span {c.row_span}, col_span {c.col_span})"


def split_output_text(spec: ReportSpec) -> str:
    """README: what govdoc must output for a split sample."""
    t = spec.template
    L = {n: report_table_layout(spec, n) for n in ("proactive", "applications", "reviews")}
    shapes = []
    for n in ("proactive", "applications", "reviews"):
        hr = {"proactive": 2, "applications": 3, "reviews": 3}[n]
        parts = len(spec.cuts.get(n, [])) + 1
        shapes.append(f"{L[n].n_rows}×{L[n].n_cols} (header_rows {hr}, parts {parts})")
    a = L["applications"]
    results = span_of(a, _R)
    out = (f"title `{''.join(spec.title_lines)}`; template \"{t}\", agency {spec.agency}, year {spec.year}; "
           f"the numbers below; all checks pass; tables " + " / ".join(shapes) + ", each cut table ONE table block; ")
    row = lambda key: applications_row(t, key)  # noqa: E731
    if spec.file == "split-repeated-header.docx":
        out += (f"section 三: the repeated header rows appear once (rows 0–2, 28 rows in all, not 31); {results}; "
                f"{span_of(a, _W)}; the empty restart cells at the top of part 2 are absorbed into them; "
                f"row {row('results.withheld.internal_affairs')} is `5.属于三类内部事务信息` (the first body row of part 2)")
    elif spec.file == "split-no-header.docx":
        out += (f"section 三: rows 0–{row('carried_over')} from part 1, rows {row('results.granted')}–25 from part 2 "
                f"on the same 10 columns; {results}; section 二: `第二十条第（六）项` is row "
                f"{proactive_row(t, '第二十条第（六）项')}, col_span 4; the page-break paragraph between the "
                "parts is no block")
    elif spec.file == "split-header-only.docx":
        r = L["reviews"]
        out += (f"section 四: the header part gives rows 0–2 and the number part row 3; {span_of(r, '行政复议')}; "
                f"{span_of(r, '行政诉讼')}; {span_of(r, '未经复议直接起诉')}; the reviews values come from row 3 "
                "(review.upheld = the value at (3,0), litigation_after_review.total at (3,14))")
    elif spec.file == "split-different-columns.docx":
        out += (f"section 三: 10 columns (part 1's 8-column grid mapped onto part 2's by the column edges); "
                f"{span_of(a, APPLICATIONS_HEADER_LABEL)}; `一、本年新收政府信息公开申请数量` (row 3) and "
                "`二、上年结转政府信息公开申请数量` (row 4) span columns 0–2 (col_span 3); `自然人` is column 3 "
                f"and `总计` column 9 in both parts; {results}")
    elif spec.file == "split-row.docx":
        k = row("results.not_processed.confirmation")
        out += (f"section 三: row {k} is ONE row `5.要求行政机关确认或重新出具已获取信息` (the two label pieces "
                f"joined, no space) with its 7 numbers, and the tail row with empty number cells is not a row of its "
                f"own (28 rows, not 29); {results}; {span_of(a, _N)}; {span_of(a, _O)}")
    elif spec.file == "split-continued-marker.docx":
        out += (f"section 三: the repeated row `商业企业 … 其他` appears once (row 2; 26 rows in all, not 27); "
                f"{results}; {span_of(a, _U)}; row {row('results.unavailable.not_held')} is "
                "`1.本机关不掌握相关政府信息` (the first body row of part 2); the paragraph `续表` is the "
                "continuation marker: recommended not to be a block (the rebuild consumes it)")
    return out


SPLIT_README_INTRO = """
## split-*.docx — how the tables are cut, and the whole tables govdoc must output

Each split sample is a whole report in which only the named tables are cut into separate w:tbl.
Row indexes are those of the WHOLE table, header rows included, 0-based; once rejoined a table
has exactly the cells of the uncut table (the same text, spans and positions), `parts` 2 and
`pages` []; an info diagnostic `table.rejoined` per rejoin is recommended.  A vertical merge
that runs across a cut is one cell in the output, with the text of its first piece.  The
section-二 table's header_rows 2 is what govdoc infers for the uncut table (as in the goldens
of the other report samples); the cut does not change it.
"""


LAYER_NOTES = """\
- Rendering checks of the report-layer samples and notice-not-a-report.docx (LibreOffice 7.4 →
  PDF): all tables whole, blank cells blank, the typo labels as written; the vertical label
  `三、本年度办理结果` shows one character per line (across the page break of the table); the
  `⏎`/`↵` labels show on two lines; cosmetic: a three-digit full-width number (`１２４`, `６１４`)
  wraps inside its 1.1 cm column (the cell text is one run); in report-annex-renumbered.docx the
  annex table follows the signature on the last page.
"""


LAYER_README_INTRO = """
## the report-layer samples — cells as written and the values govdoc must output

report-blank-cells, report-label-typos, report-check-errors, report-annex-renumbered and
report-2021-one-row-other are whole reports (tables uncut) for the report layer; their ground
truth, with that of every other report sample, is expected-numbers.json (written by the build,
`numbers_dump()`): agency, year, template, title, proactive / applications (dotted row paths) /
reviews as JSON numbers or null exactly as govdoc must output them, `amount_units`
({"proactive.procurement"} in the 2019 template, {"proactive.fees"} in the 2021 one) and
`failed_checks` ({"rule", "column", "row"}: the planted 勾稽 failures, [] everywhere but
report-check-errors); the samples that are no report have `{"report": null}`.  The counts of
checks below are of the checks whose values are all numbers (and, where it differs, of those
that can run when a sum leaves its null parts out); SPEC's "where the values exist" allows both,
and the planted failures are the same under both.
"""


def readme(specs: list[ReportSpec], features: Expect, splits: list[ReportSpec] = (),
           notice: Expect | None = None, layer: list[ReportSpec] = (), not_report: Expect | None = None,
           boundaries: Expect | None = None) -> str:
    seed, d21, d19 = specs

    def row(file, what, exercises, output):
        return f"| `{file}` | {what} | {exercises} | {output} |"

    rows = [
        row(seed.file,
            "the real 石狮市商务局 2019 report (shared/seed) laid out like the original: typed 一、/（一） headings, "
            "all paragraphs verbatim (PDF-extraction spaces removed, the three page-broken paragraphs joined), "
            "the three tables whole with the real 2019 merged-cell structure",
            "direct-formatted headings, 2019 template, the seed's own label variants (`1.本机关不掌握相关信息`, "
            "half-width `(二)部分公开(区分处理的,只计这一情形,不计其他情形)`, `(三)`…`(七)总计`)",
            f"title `{''.join(seed.title_lines)}`; template \"2019\", agency 石狮市商务局, year 2019; 6 sections "
            "(一 has （一）…（五）); proactive all 0 except normative_documents 1/1/1 and licensing previous_items 1, "
            "change 0, decisions 2; procurement amount 0 with amount_unit null; applications and reviews all 0; "
            "all checks pass; tables 18×4 / 26×10 (header_rows 3) / 4×15 (header_rows 3), parts 1"),
        row(d21.file,
            "fictional 滨海县交通运输局 2022 report, 2021 template, title on two centred lines",
            "headings numbered by Word automatic numbering (numbering.xml chineseCounting `%1、` / `（%2）`; the "
            "paragraph text is only `总体情况`), section-三 header rows marked `<w:tblHeader/>`, a one-line "
            "paragraph before each table, distinct non-zero numbers, amount `12.35` in the 万元 column",
            f"title `{''.join(d21.title_lines)}` (two lines joined); headings `一、总体情况` … `六、其他需要报告的事项`, "
            "`（一）主动公开` … `（五）监督保障`; template \"2021\"; fees amount 12.35 amount_unit 万元; the numbers "
            "below; all checks pass; tables 14×4 / 28×10 (header_rows 3) / 4×15 (header_rows 3)"),
        row(d19.file,
            "fictional 青州市自然资源和规划局 2020 report, 2019 template, made with python-docx and then re-saved "
            "by LibreOffice 7.4 (docx → docx)",
            "LibreOffice's XML habits: style id `Normal` on every paragraph, on/off values written "
            "`w:val=\"true\"`/`\"false\"`, empty `<w:rPr></w:rPr>`, runs split where the script changes (`2020` "
            "in a run of its own), `[Content_Types].xml` stored last in the zip, no numbering part; in the "
            "section-四 table LibreOffice rebuilt the grid with 16 columns (a 1-twip sliver after grid column 4, "
            "always spanned together with it: the 行政复议 总计 cells have gridSpan 2, 行政诉讼 gridSpan 11); "
            "signed 本年增/减 (\"+n\", \"-n\" and one unsigned); `采购总金额（万元）` with amount 356.8",
            f"title `{''.join(d19.title_lines)}`; template \"2019\"; procurement amount 356.8 amount_unit 万元; "
            f"change values as written (e.g. \"{d19.numbers['proactive']['licensing']['change']}\"); the numbers "
            "below; all checks pass; tables 18×4 / 26×10 (header_rows 3) / 4×15 (header_rows 3): the section-四 "
            "table has 15 columns once grid columns in which no cell starts are collapsed (recommended), else 16"),
        row("docx-features.docx",
            "one document with every DOCX trap a walker must handle, each in its own labelled paragraph or "
            "table; not an annual report",
            "heading styles by id/name/outlineLvl/basedOn, automatic numbering in 5 formats incl. style-linked "
            "numbering, numId 0 and a level restart, tab, line break, page break mid-sentence, hidden text, "
            "proofErr, bookmark, hyperlink, comment, complex and simple fields, w:ins/w:del/w:moveFrom/w:moveTo, "
            "block/run/table/row/cell content controls, DrawingML text box with VML fallback, VML-only text box, "
            "tblHeader, vMerge restart/bare/continue, gridSpan, gridBefore/gridAfter, legacy hMerge, nested "
            "table, a tracked-deleted row, header and footer parts, main part named word/main.xml",
            "the blocks listed below in this order; report null; no header/footer text, no comment text, no "
            "deleted, moved-away or hidden text, no field codes, each text-box paragraph once"),
    ]
    for spec in splits:
        rows.append(row(spec.file, spec.what, spec.exercises, split_output_text(spec)))
    if notice is not None:
        rows.append(row(
            "adjacent-tables-apart.docx",
            f"NOT an annual report: a short official notice `{NOTICE_TITLE}` with six 4×4 tables (4 equal "
            "columns, the same total width) in three pairs",
            "tables that touch but must stay apart: pair (a) only an empty paragraph between, but a DIFFERENT "
            "header row; pair (b) a text paragraph `各地区情况如下：` between, and the SAME header row and row "
            "labels; pair (c) a heading `二、各地区办理情况` between",
            "6 separate table blocks, each rows 4 × cols 4, header_rows 1, parts 1, in the order and with the "
            "cells listed below; report null; no rejoin diagnostics"))
    for spec in layer:
        rows.append(row(spec.file, spec.what, spec.exercises, spec.output))
    if not_report is not None:
        rows.append(row(
            NOT_REPORT_FILE,
            f"NOT an annual report: an ordinary 通知 of {NOT_REPORT_ISSUER}, `{NOT_REPORT_TITLE}`, with its "
            f"发文机关标志 `{NOT_REPORT_ISSUER}文件`, 发文字号 `{NOT_REPORT_DOC_NO}`, 主送机关 line, sections "
            "一、…四、 (二、 with （一）（二）), one 6×4 任务分工表, signature and date",
            "a document ABOUT information disclosure that mentions 政府信息公开工作年度报告 and 2024年度 in its "
            "title and text but has none of the three statistics tables: the report layer must not take it for "
            "a report",
            "report null (expected-numbers.json: `\"report\": null`), no report.* diagnostics; the blocks listed "
            "below (recommended: title `" + NOT_REPORT_TITLE + "`, the 发文机关标志 and 发文字号 paragraphs)"))
    if boundaries is not None:
        rows.append(row(
            BOUNDARIES_FILE,
            f"NOT an annual report: a short report `{BOUNDARIES_TITLE}` with tables that touch across one empty "
            "paragraph each, in an applied table style (`w:tblStyle` 政务表格, borders from styles.xml, none on the "
            "cells)",
            "when two tables are one table: (1) 2022 and 2023 quarterly tables with the SAME header and row labels "
            "(一季度 … again), an empty paragraph between; a numbered list 1–3 and, after an empty paragraph, a "
            "headerless list numbered 1–3 again; (2) a 47-row catalogue whose two header rows are marked "
            "`<w:tblHeader/>` (it runs onto the next page, where Word repeats them), then after an empty paragraph "
            "a second table in the same style with the same marked header and 序号 from 1; (3) a task list cut by "
            "hand into two w:tbl across an empty paragraph, the second part without a header, 序号 going on 5–8",
            "the blocks listed below: tables (1) and (2) each a table of their own (parts 1, no row dropped), (3) "
            "ONE table of 9 rows (parts 2), with one `table.rejoined` diagnostic naming the numbering evidence; "
            "report null"))
    out = README_HEAD + "\n".join(rows) + "\n"
    out += """
Notes
- LibreOffice sample: LibreOffice 7.4's docx output was byte-identical across two runs (it
  keeps the input's core dates and writes no rsids).  The script still resets
  dcterms:created/modified (2024-01-01T00:00:00Z), cp:revision and app.xml TotalTime, and
  rewrites the zip with fixed dates; everything else is LibreOffice's output as written.
  Without `soffice` on the machine the committed file is kept.
- docx-features.docx: Word renders ideographDigital 10 and 11 as 一〇 and 一一 and
  chineseCountingThousand 11 / 20 as 十一 / 二十; LibreOffice shows 十 and 十一 for the
  ideographDigital items (it maps every Chinese format to one counting style). The expected
  text below follows Word. chineseCounting is only used for counters below 10.
- Rendering checks (LibreOffice 7.4 → PDF): everything shows as intended, including both
  text boxes, the nested table and the legacy w:hMerge; cosmetic differences only: text inside
  content controls loses its run size, the PAGE field is recomputed (shows 3), tracked
  changes are drawn with their marks, the comment is not printed.
- Rendering checks of the split samples and adjacent-tables-apart.docx (LibreOffice 7.4 → PDF,
  and → HTML to count the tables): every part shows as a table of its own, with the merges
  described, except: split-header-only.docx, whose two directly adjacent w:tbl LibreOffice
  imports as one table (the XML has two); split-row.docx, where LibreOffice draws the
  column-0/1 cells of part 2 (a vMerge chain without a restart) as unmerged cells; and
  split-repeated-header.docx, where LibreOffice also repeats part 1's tblHeader rows at its
  own page break inside part 1 (page layout, not in the file).
""" + (LAYER_NOTES if layer else "") + """
## docx-features.docx — expected output in reading order

Headings are `heading N`; text is compared ignoring white space. Grid positions that no w:tc
covers (w:gridBefore / w:gridAfter) are listed as empty cells so that each table grid is covered
once. Text-box paragraphs follow the paragraph that anchors them. The empty paragraphs after
the tables are not blocks.

```
"""
    out += expected_features_text(features) + "\n```\n"
    if splits:
        out += SPLIT_README_INTRO
        for spec in splits:
            out += split_readme_section(spec)
    if notice is not None:
        out += ("\n## adjacent-tables-apart.docx — expected output in reading order\n\n"
                "Text is compared ignoring white space; the empty paragraph between the first two tables is not a "
                "block.\n\n```\n" + expected_features_text(notice) + "\n```\n")
    for spec in (d21, d19, *splits):
        out += f"\n## {spec.file} — numbers (seeded, generated by `distinct_numbers()`)\n\n"
        out += "proactive:\n" + proactive_markdown(spec) + "\nreviews:\n" + reviews_markdown(spec)
        out += "\napplications:\n\n" + applications_markdown(spec)
    if layer:
        out += LAYER_README_INTRO
        for spec in layer:
            out += layer_readme_section(spec)
    if boundaries is not None:
        out += (f"\n## {BOUNDARIES_FILE} — expected output in reading order\n\n"
                "Text is compared ignoring white space; the empty paragraphs between the tables are not blocks.\n\n"
                "```\n" + expected_features_text(boundaries) + "\n```\n")
    if not_report is not None:
        out += (f"\n## {NOT_REPORT_FILE} — expected output in reading order\n\n"
                "Text is compared ignoring white space; report null.\n\n```\n"
                + expected_features_text(not_report) + "\n```\n")
    return out


def build_all(outdir: Path) -> None:
    specs = report_samples()
    for spec in specs:
        fails = check_numbers(spec.template, spec.numbers)
        if fails:
            raise SystemExit(f"{spec.file}: numbers break the rules: {fails}")
    seed, d21, d19 = specs
    build_report(outdir / seed.file, seed)
    build_report(outdir / d21.file, d21)
    with tempfile.TemporaryDirectory(prefix="govdoc-samples-") as tmp:
        plain = Path(tmp) / d19.file
        build_report(plain, d19)
        libreoffice_roundtrip(plain, outdir / d19.file)
    features = build_features(outdir / "docx-features.docx")
    splits = split_samples()
    for spec in splits:
        fails = check_numbers(spec.template, spec.numbers)
        if fails:
            raise SystemExit(f"{spec.file}: numbers break the rules: {fails}")
        build_report(outdir / spec.file, spec)
    notice = build_notice(outdir / "adjacent-tables-apart.docx")
    boundaries = build_table_boundaries(outdir / BOUNDARIES_FILE)
    layer = layer_samples()
    for spec in layer:
        for present_parts in (False, True):
            _, fails = check_failures(spec.application_rows or spec.template, spec.numbers,
                                      present_parts=present_parts)
            if fails != spec.failed_checks:
                raise SystemExit(f"{spec.file}: the checks that fail {fails} are not the planted {spec.failed_checks}")
        build_report(outdir / spec.file, spec)
    not_report = build_not_a_report(outdir / NOT_REPORT_FILE)
    (outdir / "README.txt").write_text(readme(specs, features, splits, notice, layer, not_report, boundaries),
                                       encoding="utf-8")
    for p in sorted(outdir.glob("*.docx")):
        print(f"{p.stat().st_size:8d}  {p.relative_to(outdir.parent) if outdir.parent in p.parents else p}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--numbers", action="store_true", help="print the report samples' table values as JSON")
    ap.add_argument("--expected", action="store_true", help="print the expected output of docx-features.docx")
    ap.add_argument("--outdir", type=Path, default=HERE, help="where to write (default: this folder)")
    args = ap.parse_args(argv)
    if args.numbers:
        print(json.dumps(numbers_dump(), ensure_ascii=False, indent=2))
        return 0
    if args.expected:
        with tempfile.TemporaryDirectory() as tmp:
            print(expected_features_text(build_features(Path(tmp) / "f.docx")))
        return 0
    args.outdir.mkdir(parents=True, exist_ok=True)
    build_all(args.outdir)
    # The generator's own record of every number it wrote: the ground truth
    # tests/all/report.rs compares the report layer's reading with.
    (args.outdir / "expected-numbers.json").write_text(
        json.dumps(numbers_dump(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
