#!/usr/bin/env python3
"""Generate govdoc's Chromium PDF samples: DOCX samples re-laid-out as HTML and printed by
headless Chromium (Skia's PDF backend).

    python3 samples/make_chromium_samples.py [OUTDIR] [--check] [--keep-html DIR]

OUTDIR defaults to this folder (samples/).  Writes <stem>-chromium.pdf for each stem in
STEMS, and its own section at the end of PDF-SAMPLES.txt next to this script (run it after
make_pdf_samples.py, which rewrites that file whole).  Needs: Debian's `chromium`, python-docx, pikepdf, fonts-noto-cjk, and cargo (the
converter is run on each DOCX to learn what Word shows: heading labels that come from
automatic numbering, which paragraphs are headings, and how many header rows each table
has).

Why: LibreOffice writes simple fonts and strokes its table borders; Word and WPS write
Type0 / CIDFontType2 fonts with /Encoding /Identity-H and a ToUnicode CMap, and draw
borders as thin filled rectangles.  Chromium writes that kind of file.  The agreement test
(tests/all/agreement.rs) pairs X-chromium.pdf with X.docx: the report read from the PDF must
equal the one read from the DOCX.

The HTML keeps the DOCX's text and order: the title lines centred and larger, headings,
paragraphs with a 2em first-line indent, empty paragraphs as blank space, and every DOCX
table as one HTML <table> (gridSpan -> colspan, vMerge restart/continue -> rowspan, a
vMerge continuation with no restart above it in the same table starts a merged cell of
its own, as Word shows it; paragraphs and <w:br/> inside a cell stay separate lines; the
grid widths of w:tblGrid; rows with <w:cantSplit/> get break-inside: avoid).  A table's
header rows (as many as the converter counts for the whole table, put on its first DOCX
part) are a <thead>, which Chromium repeats at the top of every page the table runs on.
Page size and margins are the DOCX's (A4), and so are the title (22 pt) and the table text
(10.5 pt); the body text is 16 px (12 pt on a 21 pt pitch) rather than the DOCX's 16 pt on
28 pt, so that more text fits a page and the tables break across pages at other rows than
in the LibreOffice exports (the proactive table too, not only the section-三 one).  A page-number footer "- N -" comes from an
@page @bottom-center margin box.

Deterministic: each PDF is rewritten by make_pdf_samples.normalize_pdf (fixed Info dates,
no XMP, static /ID); --check builds twice and compares sha256.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from make_pdf_samples import normalize_pdf, subset_truetype  # noqa: E402

STEMS = [
    "report-2021-distinct",
    "split-row",
    "seed-shishi-commerce-2019",
    "report-label-typos",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# ----------------------------------------------------------------------------------
# reading the DOCX
# ----------------------------------------------------------------------------------


def wval(el, tag, default=None):
    """w:val of the first descendant `tag` of `el` (None if absent)."""
    found = el.find(f".//{W}{tag}")
    if found is None:
        return default
    return found.get(f"{W}val", "")


def paragraph_lines(p) -> list[str]:
    """A paragraph's text, split at <w:br/> / <w:cr/> (deleted text is w:delText: left
    out)."""
    lines = [""]
    for el in p.iter():
        tag = el.tag[len(W):] if isinstance(el.tag, str) and el.tag.startswith(W) else None
        if tag == "t":
            lines[-1] += el.text or ""
        elif tag in ("br", "cr"):
            if el.get(f"{W}type") not in ("page", "column"):
                lines.append("")
        elif tag == "tab":
            lines[-1] += " "
    return lines


def read_cell(tc) -> dict:
    paragraphs = []
    for child in tc:
        if child.tag == f"{W}p":
            paragraphs.append({"lines": paragraph_lines(child), "align": wval(child, "jc") or "left"})
        elif child.tag == f"{W}tbl":  # a nested table: its text, one paragraph a cell
            for p in child.iter(f"{W}p"):
                paragraphs.append({"lines": paragraph_lines(p), "align": wval(p, "jc") or "left"})
    tcpr = tc.find(f"{W}tcPr")
    span = int(wval(tcpr, "gridSpan") or 1) if tcpr is not None else 1
    vmerge = None
    if tcpr is not None and tcpr.find(f"{W}vMerge") is not None:
        vmerge = tcpr.find(f"{W}vMerge").get(f"{W}val", "continue")
    valign = (wval(tcpr, "vAlign") if tcpr is not None else None) or "top"
    return {"paragraphs": paragraphs, "span": span, "vmerge": vmerge, "valign": valign}


def read_table(tbl) -> dict:
    grid = [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid")]
    rows = []
    for tr in tbl.findall(f"{W}tr"):
        trpr = tr.find(f"{W}trPr")
        cant_split = trpr is not None and trpr.find(f"{W}cantSplit") is not None
        before = int(wval(trpr, "gridBefore") or 0) if trpr is not None else 0
        cells, col = [], before
        for tc in tr.findall(f"{W}tc"):
            cell = read_cell(tc)
            cell["col"] = col
            col += cell["span"]
            cells.append(cell)
        rows.append({"cells": cells, "cant_split": cant_split})
    # vMerge -> rowspan: a restart (or an orphan continuation) takes the continuations
    # below it at the same grid column and span.
    for r, row in enumerate(rows):
        for cell in row["cells"]:
            cell["rowspan"] = 1
            if cell["vmerge"] == "continue" and r > 0 and any(
                c["col"] == cell["col"] and c["vmerge"] is not None for c in rows[r - 1]["cells"]
            ):
                cell["hidden"] = True
                text = "".join("".join(p["lines"]) for p in cell["paragraphs"]).strip()
                assert not text, f"text in a vMerge continuation: {text!r}"
                continue
            cell["hidden"] = False
            if cell["vmerge"] is not None:
                below = r + 1
                while below < len(rows) and any(
                    c["col"] == cell["col"] and c["span"] == cell["span"] and c["vmerge"] == "continue"
                    for c in rows[below]["cells"]
                ):
                    below += 1
                cell["rowspan"] = below - r
    return {"grid": grid, "rows": rows}


def read_docx(path: Path) -> dict:
    import docx

    d = docx.Document(path)
    section = d.sections[0]
    body = []
    for el in d.element.body:
        if el.tag == f"{W}p":
            sizes = [int(s.get(f"{W}val")) for s in el.iter(f"{W}sz")]
            fonts = [f.get(f"{W}eastAsia") for f in el.iter(f"{W}rFonts") if f.get(f"{W}eastAsia")]
            body.append(
                {
                    "kind": "p",
                    "text": "".join(paragraph_lines(el)),
                    "align": wval(el, "jc") or "left",
                    "size": max(sizes) / 2 if sizes else None,
                    "font": fonts[0] if fonts else None,
                }
            )
        elif el.tag == f"{W}tbl":
            body.append({"kind": "table", **read_table(el)})
    cm = lambda v: round(v.cm, 2)
    page = {
        "top": cm(section.top_margin),
        "bottom": cm(section.bottom_margin),
        "left": cm(section.left_margin),
        "right": cm(section.right_margin),
    }
    return {"page": page, "body": body}


# ----------------------------------------------------------------------------------
# what the converter sees in the DOCX (rendered numbering, block kinds, header rows)
# ----------------------------------------------------------------------------------


def convert(path: Path) -> dict:
    out = subprocess.run(
        ["cargo", "run", "-q", "--", "convert", str(path.relative_to(ROOT))],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    return json.loads(out)


def squeeze(s: str) -> str:
    return "".join(s.split())


def plan(docx_model: dict, converted: dict) -> list[dict]:
    """The DOCX body as HTML blocks: title lines, headings (with their numbering label),
    paragraphs, blank lines and tables (with their header-row count)."""
    blocks = [b for b in converted["blocks"]]
    text_blocks = [b for b in blocks if b["kind"] != "table"]
    table_blocks = [b for b in blocks if b["kind"] == "table"]
    out: list[dict] = []
    body = docx_model["body"]
    i = 0
    # The title: the centred paragraphs at the top (the converter joins them).
    title = text_blocks.pop(0) if text_blocks and text_blocks[0]["kind"] == "title" else None
    if title is not None:
        lines = []
        while i < len(body) and body[i]["kind"] == "p" and (body[i]["align"] == "center" or not body[i]["text"].strip()):
            if body[i]["text"].strip():
                lines.append(body[i])
            elif lines:
                break
            i += 1
        assert squeeze("".join(l["text"] for l in lines)) == squeeze(title["text"]), (lines, title)
        out.append({"kind": "title", "lines": [l["text"] for l in lines], "size": lines[0]["size"]})
    parts_left = 0
    for item in body[i:]:
        if item["kind"] == "table":
            if parts_left == 0:
                block = table_blocks.pop(0)
                parts_left = block["parts"]
                header_rows = block["header_rows"]
            else:
                header_rows = 0
            parts_left -= 1
            out.append({"kind": "table", "table": item, "header_rows": min(header_rows, len(item["rows"]))})
        elif not item["text"].strip():
            out.append({"kind": "blank"})
        else:
            block = text_blocks.pop(0)
            have, want = squeeze(item["text"]), squeeze(block["text"])
            assert want.endswith(have), (item["text"], block["text"])
            label = want[: len(want) - len(have)]  # automatic numbering, as Word shows it
            out.append(
                {
                    "kind": block["kind"],
                    "level": block.get("level"),
                    "text": label + item["text"],
                    "font": item["font"],
                    "size": item["size"],
                }
            )
    assert not text_blocks and not table_blocks and parts_left == 0, (text_blocks, table_blocks)
    return out


# ----------------------------------------------------------------------------------
# fonts: Noto CJK with TrueType outlines
# ----------------------------------------------------------------------------------

# Skia writes a CFF-flavoured OpenType font (all of Debian's Noto CJK) as Type 3 fonts,
# one per 256 glyphs; only fonts with TrueType (glyf) outlines become Type0 /
# CIDFontType2 / Identity-H with a ToUnicode CMap, as Word and WPS write them.  So the page
# carries, as @font-face data: URIs, subsets of Noto Serif CJK SC and Noto Sans CJK SC cut
# down to the characters of the page, their outlines converted to quadratics.
NOTO_SERIF_TTC = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
NOTO_SANS_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FOOTER_CHARS = "- 0123456789"


def font_faces(chars: str) -> str:
    faces = []
    for family, ttc, source in (("GovdocSerif", NOTO_SERIF_TTC, "Noto Serif CJK SC"), ("GovdocSans", NOTO_SANS_TTC, "Noto Sans CJK SC")):
        data = base64.b64encode(subset_truetype(chars, ttc, source)).decode("ascii")
        faces.append(f'@font-face {{ font-family: "{family}"; src: url(data:font/ttf;base64,{data}) format("truetype"); }}\n')
    return "".join(faces)


# ----------------------------------------------------------------------------------
# HTML
# ----------------------------------------------------------------------------------

# The TrueType subsets first; the system's Noto CJK (CFF: Type 3 in the PDF) only as a
# fallback that build() checks is never used.
SERIF = '"GovdocSerif", "Noto Serif CJK SC", "Noto Sans CJK SC"'
SANS = '"GovdocSans", "Noto Sans CJK SC", "Noto Serif CJK SC"'

CSS = """\
@page {{
  size: A4;
  margin: {top}cm {right}cm {bottom}cm {left}cm;
  @bottom-center {{
    content: "- " counter(page) " -";
    font-family: {serif};
    font-size: 12pt;
  }}
}}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: {serif}; font-size: 12pt; line-height: 21pt; color: black; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.title {{ text-align: center; text-indent: 0; font-size: {title_size}pt; line-height: 36pt; }}
.h1 {{ font-family: {sans}; break-after: avoid; }}
.h2 {{ break-after: avoid; }}
.blank {{ height: 21pt; }}
table {{ border-collapse: collapse; table-layout: fixed; margin: 0 auto;
        font-size: 10.5pt; line-height: 1.35; }}
th, td {{ border: 0.5pt solid black; padding: 1pt 2.85pt; font-weight: normal;
          word-break: break-all; }}
tr.keep {{ break-inside: avoid; }}
"""


def render_cell(cell: dict, tag: str) -> str:
    attrs = []
    if cell["span"] > 1:
        attrs.append(f'colspan="{cell["span"]}"')
    if cell["rowspan"] > 1:
        attrs.append(f'rowspan="{cell["rowspan"]}"')
    valign = {"center": "middle", "bottom": "bottom"}.get(cell["valign"], "top")
    first = cell["paragraphs"][0]["align"] if cell["paragraphs"] else "left"
    align = {"center": "center", "right": "right", "both": "justify"}.get(first, "left")
    attrs.append(f'style="vertical-align: {valign}; text-align: {align}"')
    # The cell's paragraphs and line breaks as lines (one <br> between two paragraphs: a
    # <div> each would add a structure element each to the tagged PDF).
    lines = [line for p in cell["paragraphs"] for line in p["lines"]]
    inner = "<br>".join(html.escape(line) for line in lines)
    return f"<{tag} {' '.join(attrs)}>{inner}</{tag}>"


def render_table(table: dict, header_rows: int) -> str:
    rows = table["rows"]
    # A header row group may not be cut by a cell spanning down out of it.
    for r in range(header_rows):
        for cell in rows[r]["cells"]:
            if not cell["hidden"] and r + cell["rowspan"] > header_rows:
                header_rows = 0
    out = ["<table>", "<colgroup>"]
    out += [f'<col style="width: {w / 20:.2f}pt">' for w in table["grid"]]
    out.append("</colgroup>")

    def row_html(row, tag):
        cls = ' class="keep"' if row["cant_split"] else ""
        cells = "".join(render_cell(c, tag) for c in row["cells"] if not c["hidden"])
        return f"<tr{cls}>{cells}</tr>"

    if header_rows:
        out.append("<thead>")
        out += [row_html(row, "th") for row in rows[:header_rows]]
        out.append("</thead>")
    out.append("<tbody>")
    out += [row_html(row, "td") for row in rows[header_rows:]]
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def render_html(docx_model: dict, blocks: list[dict]) -> str:
    title_size = next((b["size"] for b in blocks if b["kind"] == "title" and b["size"]), 22)
    css = CSS.format(serif=SERIF, sans=SANS, title_size=title_size, **docx_model["page"])
    title_text = next(("".join(b["lines"]) for b in blocks if b["kind"] == "title"), "")
    body = []
    for b in blocks:
        if b["kind"] == "title":
            body.append('<p class="title">' + "<br>".join(html.escape(l) for l in b["lines"]) + "</p>")
        elif b["kind"] == "blank":
            body.append('<div class="blank"></div>')
        elif b["kind"] == "heading":
            cls = "h1" if b["level"] == 1 else "h2"
            body.append(f'<p class="{cls}">{html.escape(b["text"])}</p>')
        elif b["kind"] == "paragraph":
            body.append(f"<p>{html.escape(b['text'])}</p>")
        elif b["kind"] == "table":
            body.append(render_table(b["table"], b["header_rows"]))
        else:
            raise ValueError(b["kind"])
    body_html = "\n".join(body)
    chars = "".join(sorted(set(html.unescape(re.sub(r"<[^>]*>", "", body_html)) + title_text + FOOTER_CHARS)))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title_text)}</title>\n<style>\n{font_faces(chars)}{css}</style>\n</head>\n<body>\n"
        + body_html
        + "\n</body>\n</html>\n"
    )


# ----------------------------------------------------------------------------------
# Chromium
# ----------------------------------------------------------------------------------


def chromium_print(html_path: Path, out_pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out_pdf}",
                html_path.resolve().as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
    if not out_pdf.exists():
        raise SystemExit(f"chromium wrote no {out_pdf}")


def check_fonts(pdf_path: Path) -> None:
    """Every font is Type0 / CIDFontType2 / Identity-H with a ToUnicode CMap."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for name, font in page.Resources.get("/Font", {}).items():
                descendant = font.get("/DescendantFonts", [None])[0]
                ok = (
                    font.get("/Subtype") == "/Type0"
                    and font.get("/Encoding") == "/Identity-H"
                    and "/ToUnicode" in font
                    and descendant is not None
                    and descendant.get("/Subtype") == "/CIDFontType2"
                )
                if not ok:
                    raise SystemExit(f"{pdf_path.name}: font {name} is {font.get('/Subtype')} {font.get('/BaseFont')}")


def build(out: Path, keep_html: Path | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for stem in STEMS:
            docx_path = HERE / f"{stem}.docx"
            model = read_docx(docx_path)
            blocks = plan(model, convert(docx_path))
            page = render_html(model, blocks)
            html_path = (keep_html or tmp) / f"{stem}-chromium.html"
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(page, encoding="utf-8")
            raw = tmp / f"{stem}-chromium.raw.pdf"
            chromium_print(html_path, raw)
            normalize_pdf(raw, out / f"{stem}-chromium.pdf")
            check_fonts(out / f"{stem}-chromium.pdf")


# ----------------------------------------------------------------------------------
# Tables styled by CSS, as web pages print them
# ----------------------------------------------------------------------------------

CSS_TABLES_NAME = "chromium-tables-css.pdf"

CSS_TABLES_STYLE = """\
@page {{ size: A4; margin: 2.5cm 2.6cm 2.5cm 2.8cm; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: {serif}; font-size: 12pt; line-height: 21pt; color: black; }}
h1 {{ font-size: 16pt; text-align: center; font-weight: normal; margin: 0 0 12pt 0; }}
p {{ margin: 12pt 0 4pt 0; }}
table {{ border-collapse: collapse; font-size: 10.5pt; line-height: 1.4; margin: 0 auto; }}
th, td {{ padding: 2pt 8pt; font-weight: normal; }}
td.n {{ text-align: right; }}
/* 1: CSS borders, a shaded header */
table.ruled th, table.ruled td {{ border: 1px solid #333; }}
table.ruled thead th {{ background: #dce6f1; }}
/* 2: no borders at all, columns kept by padding */
table.bare th, table.bare td {{ border: none; padding: 2pt 14pt; }}
/* 3: white lines over shaded cells */
table.shaded th, table.shaded td {{ border: 2px solid white; background: #d9d9d9; }}
table.shaded thead th {{ background: #a6a6a6; }}
/* 4: header labels written vertically, one character under another */
table.vertical th, table.vertical td {{ border: 1px solid black; }}
table.vertical th.v {{ writing-mode: vertical-rl; text-orientation: upright; padding: 4pt 2pt; }}
"""

CSS_TABLES_BODY = """\
<h1>2023年度政务服务事项办理情况统计</h1>
<p>表1  各窗口办件量（CSS边框，表头底色）</p>
<table class="ruled">
<thead><tr><th>窗口</th><th>受理件数</th><th>办结件数</th><th>办结率（%）</th></tr></thead>
<tbody>
<tr><td>综合窗口</td><td class="n">1286</td><td class="n">1250</td><td class="n">97.2</td></tr>
<tr><td>不动产登记</td><td class="n">934</td><td class="n">921</td><td class="n">98.6</td></tr>
<tr><td>社保医保</td><td class="n">2071</td><td class="n">2066</td><td class="n">99.8</td></tr>
<tr><td>市场准入</td><td class="n">615</td><td class="n">602</td><td class="n">97.9</td></tr>
</tbody></table>
<p>表2  各季度咨询量（无边框）</p>
<table class="bare">
<thead><tr><th>季度</th><th>电话咨询</th><th>网上咨询</th><th>现场咨询</th></tr></thead>
<tbody>
<tr><td>一季度</td><td class="n">312</td><td class="n">845</td><td class="n">126</td></tr>
<tr><td>二季度</td><td class="n">298</td><td class="n">910</td><td class="n">140</td></tr>
<tr><td>三季度</td><td class="n">341</td><td class="n">1003</td><td class="n">117</td></tr>
<tr><td>四季度</td><td class="n">305</td><td class="n">987</td><td class="n">132</td></tr>
</tbody></table>
<p>表3  评价情况（灰底白线）</p>
<table class="shaded">
<thead><tr><th>评价等级</th><th>件数</th><th>占比（%）</th></tr></thead>
<tbody>
<tr><td>非常满意</td><td class="n">4127</td><td class="n">86.1</td></tr>
<tr><td>满意</td><td class="n">602</td><td class="n">12.6</td></tr>
<tr><td>基本满意</td><td class="n">51</td><td class="n">1.1</td></tr>
<tr><td>不满意</td><td class="n">12</td><td class="n">0.3</td></tr>
</tbody></table>
<p>表4  申请人情况（竖排表头）</p>
<table class="vertical">
<thead><tr><th>项目</th><th class="v">自然人</th><th class="v">商业企业</th><th class="v">科研机构</th><th class="v">社会公益组织</th><th class="v">总计</th></tr></thead>
<tbody>
<tr><td>本年新收申请</td><td class="n">53</td><td class="n">12</td><td class="n">3</td><td class="n">2</td><td class="n">70</td></tr>
<tr><td>上年结转申请</td><td class="n">4</td><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">5</td></tr>
</tbody></table>
"""


def build_css_tables(out: Path) -> None:
    """chromium-tables-css.pdf: four tables styled by CSS the way web pages style them."""
    chars = "".join(sorted(set(html.unescape(re.sub(r"<[^>]*>", "", CSS_TABLES_BODY)))))
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<title>2023年度政务服务事项办理情况统计</title>\n<style>\n"
        + font_faces(chars)
        + CSS_TABLES_STYLE.format(serif=SERIF)
        + "</style>\n</head>\n<body>\n"
        + CSS_TABLES_BODY
        + "</body>\n</html>\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        html_path = Path(tmp) / "tables.html"
        html_path.write_text(page, encoding="utf-8")
        raw = Path(tmp) / "tables.raw.pdf"
        chromium_print(html_path, raw)
        normalize_pdf(raw, out / CSS_TABLES_NAME)
        check_fonts(out / CSS_TABLES_NAME)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------------
# the section of PDF-SAMPLES.txt about these files
# ----------------------------------------------------------------------------------

# make_pdf_samples.py writes PDF-SAMPLES.txt whole; this script puts its section back at
# the end (everything from the marker line on is replaced).
SECTION_MARKER = "## Chromium samples (samples/make_chromium_samples.py)"
CHROMIUM_SECTION = SECTION_MARKER + """

Generated by `python3 samples/make_chromium_samples.py [OUTDIR] [--check]` (Debian
chromium, python-docx, fontTools, pikepdf, fonts-noto-cjk, and cargo: the converter is run
on each DOCX for the heading labels Word renders from numbering and the header-row counts).
Deterministic (normalize_pdf of make_pdf_samples.py; --check builds twice, same sha256).

<stem>-chromium.pdf for report-2021-distinct, split-row, seed-shishi-commerce-2019,
report-label-typos
    The DOCX laid out again as HTML, same text in the same order (title lines centred,
    22 pt; headings with the numbering label as Word shows it; paragraphs with a 2em
    first-line indent; every DOCX table one HTML table: gridSpan -> colspan, vMerge ->
    rowspan, cell paragraphs and <w:br/> as lines, tblGrid widths) and printed by headless
    Chromium 156: Producer "Skia/PDF m156", tagged (StructTreeRoot, BDC/EMC with MCIDs).
    A4 with the DOCX margins, body 16 px (12 pt) so the tables break at other rows than in
    the LibreOffice exports, table text 10.5 pt.
    Fonts: Type0 / CIDFontType2, /Encoding /Identity-H, CIDToGIDMap /Identity, embedded
    subset (FontFile2) with a ToUnicode CMap, as Word and WPS write them: Noto Serif CJK
    SC (text) and Noto Sans CJK SC (level-1 headings) converted to TrueType outlines and
    loaded as @font-face (Skia would write Debian's CFF Noto CJK as Type 3 fonts). One
    glyph per Tj, positioned by Td; text matrix 1 0 0 -1 (y down) under a 0.75 scale.
    Table borders: thin FILLED rectangles, one `x y w h re f` per cell edge (1 CSS px =
    0.75 pt thick, the edges shared by two cells drawn twice), no stroked lines; a page
    clip `re W* n`. Footer "- N -" on every page (CSS @page @bottom-center), drawn first
    in the content stream, outside marked content: page furniture to drop.
    Every table's header rows are a <thead>, which Chromium repeats at the top of each
    continuation page: the section-三 table (3 header rows) and the proactive table (2
    header rows: 第二十条第（一）项 and 信息内容 | 本年制发件数 …) break across pages with
    the header repeated, the continuation of the proactive table opening with the
    repeated header followed by a sub-header block (第二十条第（五）项 …).
      report-2021-distinct: proactive table pages 1-2, section-三 pages 2-3-4 (page 4:
        the repeated header over the last row only).
      split-row: the DOCX's table cut inside a row stays two HTML tables (the second
        without thead; its column-0 vMerge continuation without restart drawn as a
        merged cell of its own down to （七）总计, the column-1 one as an empty cell),
        section 三 on pages 2-4.
      seed-shishi-commerce-2019: 2019 template; proactive table pages 3-4 (the
        continuation opens with 第二十条第（八）项, whose 本年增/减 spans two columns),
        section-三 pages 4-5; the 22 pt title wraps onto a second line.
      report-label-typos: the proactive table breaks right after the sub-header row
        第二十条第（五）项 (its body on the next page); labels with line breaks; numbers
        too wide for their 31 pt columns wrap inside the cell (1,544 as 1,54 / 4, full-width
        digits likewise).
    The report from each must equal the one from its DOCX (tests/all/agreement.rs).

chromium-tables-css.pdf
    Not from a DOCX: one HTML page (in this script) of four tables styled by CSS as web
    pages style them, printed by Chromium: 表1 with CSS borders (1px solid) and a shaded
    header row (background); 表2 with no border at all, columns kept by padding only;
    表3 drawn as gray cell backgrounds with 2px white borders over them (a grid of white
    lines over shaded fills); 表4 with header labels written vertically (writing-mode:
    vertical-rl, text-orientation: upright: one character under another), read top to
    bottom. Every table one value per cell, rows as printed. Not byte-identical between
    runs: Chromium numbers the structure-tree nodes of its tagged PDF differently each time.
"""


def write_section() -> None:
    path = HERE / "PDF-SAMPLES.txt"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_MARKER in text:
        text = text[: text.index(SECTION_MARKER)]
    text = text.rstrip("\n") + "\n\n" + CHROMIUM_SECTION
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, nargs="?", default=HERE)
    parser.add_argument("--check", action="store_true", help="build twice and compare sha256")
    parser.add_argument("--keep-html", type=Path, help="also keep the HTML pages in this folder")
    args = parser.parse_args()
    build(args.outdir, args.keep_html)
    build_css_tables(args.outdir)
    write_section()
    names = [f"{stem}-chromium.pdf" for stem in STEMS] + [CSS_TABLES_NAME]
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            build_css_tables(Path(tmp))
            for name in names:
                same = sha256(args.outdir / name) == sha256(Path(tmp) / name)
                print(("same      " if same else "DIFFERENT ") + name)
    for name in names:
        print(f"{(args.outdir / name).stat().st_size:8d}  {name}")


if __name__ == "__main__":
    main()
