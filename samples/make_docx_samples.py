#!/usr/bin/env python3
"""Generate the DOCX samples for what Word shows beside the body text (issue 13).

Run from the repository root (after, or without, make_samples.py):

    python3 samples/make_docx_samples.py

Writes five small python-docx documents into samples/ and samples/DOCX-SAMPLES.txt,
which says what each exercises and what govdoc must give:

  docx-notes.docx          footnotes, endnotes and a comment (raw footnotes.xml / endnotes.xml parts)
  docx-equations.docx      Office Math (OMML): scripts, fractions, roots, n-ary sums, a matrix
  docx-altchunk.docx       w:altChunk parts: HTML (GBK), RTF (code page 936), DOCX, and an MHT
                           archive govdoc does not read
  docx-placeholders.docx   content controls showing their placeholder text (w:showingPlcHdr)
                           at block, run and cell level, next to filled ones
  docx-front-matter.docx   Title, Subtitle, Author, Date, Abstract Title and Abstract styles

The building blocks (slim deterministic python-docx package, raw-XML helpers, fixed zip
dates) are make_samples.py's; running twice gives byte-identical files.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_samples as ms  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402

W_NS = ms.NS["w"]
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
FONTS = ms.DEFAULT_FONTS
BODY = ms.rpr(font=FONTS["body"], size=16)
BODY_PP = ms.ppr(first_line_chars=200, line_exact=28)

NOTE_STYLES = [
    ms.StyleDef("FootnoteText", "footnote text", ppr='<w:jc w:val="left"/>', rpr='<w:sz w:val="18"/>'),
    ms.StyleDef("FootnoteReference", "footnote reference", kind="character", based_on="a0",
                rpr='<w:vertAlign w:val="superscript"/>'),
    ms.StyleDef("EndnoteText", "endnote text", ppr='<w:jc w:val="left"/>', rpr='<w:sz w:val="18"/>'),
    ms.StyleDef("EndnoteReference", "endnote reference", kind="character", based_on="a0",
                rpr='<w:vertAlign w:val="superscript"/>'),
    ms.StyleDef("CommentText", "annotation text", ppr='<w:jc w:val="left"/>'),
    ms.StyleDef("CommentReference", "annotation reference", kind="character", based_on="a0",
                rpr='<w:sz w:val="21"/>'),
]


def body_para(content: str) -> str:
    return ms.para(content, BODY_PP)


def text(s: str) -> str:
    return ms.run(s, BODY)


def add_part(b: ms.DocxBuilder, name: str, content_type: str, reltype: str, blob: bytes) -> str:
    """Adds a part to the package, related from the main part; returns the relationship id."""
    part = Part(PackURI(name), content_type, blob, b.doc.part.package)
    return b.doc.part.relate_to(part, reltype)


# ----------------------------------------------------------------------------- notes
def note_ref(kind: str, note_id: int) -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def notes_part(kind: str, notes: list[tuple[int, list[str]]]) -> bytes:
    """footnotes.xml / endnotes.xml: Word's two separator notes, then the notes."""
    style, ref_style = ("FootnoteText", "FootnoteReference") if kind == "footnote" else ("EndnoteText",
                                                                                       "EndnoteReference")
    out = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
           f'</w:p></w:{kind}>']
    for note_id, paragraphs in notes:
        ps = []
        for i, p in enumerate(paragraphs):
            mark = (f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space='
                    f'"preserve"> </w:t></w:r>') if i == 0 else ""
            ps.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{mark}{ms.run(p)}</w:p>')
        out.append(f'<w:{kind} w:id="{note_id}">{"".join(ps)}</w:{kind}>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {ms.NSDECLS}>'
            + "".join(out) + f"</w:{kind}s>").encode("utf-8")


def build_notes(path: Path):
    b = ms.DocxBuilder(fonts=FONTS, styles=NOTE_STYLES, title="注释示例")
    b.title_lines(["关于政府信息公开注释的示例"])
    b.append(body_para(text("本机关依据《中华人民共和国政府信息公开条例》") + note_ref("footnote", 1)
                       + text("开展工作，全年主动公开政府信息120条。")))
    b.append(body_para(text("依申请公开工作按照统一流程办理") + note_ref("footnote", 2) + text("，未发生行政复议。")
                       + note_ref("endnote", 1)))
    cells = (ms.tc(ms.cell_para("项目", font=FONTS["table"], size=12), 3000)
             + ms.tc(ms.cell_para("数量", font=FONTS["table"], size=12), 3000))
    row2 = (ms.tc(ms.para(ms.run("主动公开", ms.rpr(font=FONTS["table"], size=12)) + note_ref("footnote", 3)), 3000)
            + ms.tc(ms.cell_para("120", font=FONTS["table"], size=12), 3000))
    b.append(ms.tbl([3000, 3000], ms.tr(cells) + ms.tr(row2)))
    p = b.doc.add_paragraph()
    ms.set_ppr(p._p, BODY_PP)
    r1, r2 = (p.add_run(s) for s in ("本报告由办公室负责解释", "。"))
    for r in (r1, r2):
        r._r.insert(0, ms.X(BODY))
    comment = b.doc.add_comment(r1, text="请核对解释单位名称", author="审核人", initials="SH")
    comment._comment_elm.set(ms.qn("w:date"), ms.DOC_DATE_ISO)
    add_part(b, "/word/footnotes.xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", RT.FOOTNOTES,
             notes_part("footnote", [(1, ["2019年4月3日修订，2019年5月15日起施行。"]),
                                     (2, ["受理、登记、办理、答复四个环节。", "答复期限为20个工作日。"]),
                                     (3, ["含政策解读15条。"])]))
    add_part(b, "/word/endnotes.xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml", RT.ENDNOTES,
             notes_part("endnote", [(1, ["数据截至2024年12月31日。"])]))
    b.save(path)


# ----------------------------------------------------------------------------- equations
def mr(s: str) -> str:
    return f"<m:r><m:t>{ms.esc(s)}</m:t></m:r>"


def msup(base: str, sup: str) -> str:
    return f"<m:sSup><m:e>{base}</m:e><m:sup>{sup}</m:sup></m:sSup>"


def msub(base: str, sub: str) -> str:
    return f"<m:sSub><m:e>{base}</m:e><m:sub>{sub}</m:sub></m:sSub>"


def omath(inner: str) -> str:
    return f'<m:oMath xmlns:m="{M_NS}">{inner}</m:oMath>'


def build_equations(path: Path):
    b = ms.DocxBuilder(fonts=FONTS, title="公式示例")
    b.title_lines(["统计公式示例"])
    pythagoras = msup(mr("a"), mr("2")) + mr("+") + msup(mr("b"), mr("2")) + mr("=") + msup(mr("c"), mr("2"))
    b.append(body_para(text("勾股定理：") + omath(pythagoras) + text("。")))
    root = (f'<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>{msup(mr("b"), mr("2"))}'
            f'{mr("-4ac")}</m:e></m:rad>')
    quadratic = mr("x=") + f"<m:f><m:num>{mr('-b±')}{root}</m:num><m:den>{mr('2a')}</m:den></m:f>"
    b.append(ms.para(f'<m:oMathPara xmlns:m="{M_NS}"><m:oMath>{quadratic}</m:oMath></m:oMathPara>',
                     ms.ppr(align="center")))
    total = (mr("S=") + '<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr>'
             f'<m:sub>{mr("i=1")}</m:sub><m:sup>{mr("n")}</m:sup><m:e>{msub(mr("a"), mr("i"))}</m:e></m:nary>')
    b.append(body_para(text("合计：") + omath(total) + text("，其中") + omath(msub(mr("a"), mr("i")))
                       + text("为第i个单位的申请数。")))
    matrix = ('<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="]"/></m:dPr><m:e><m:m>'
              f'<m:mr><m:e>{mr("1")}</m:e><m:e>{mr("0")}</m:e></m:mr>'
              f'<m:mr><m:e>{mr("0")}</m:e><m:e>{mr("1")}</m:e></m:mr></m:m></m:e></m:d>')
    b.append(body_para(text("单位矩阵：") + omath(mr("I=") + matrix) + text("。")))
    b.save(path)


# ----------------------------------------------------------------------------- altChunk
AFCHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def alt_chunk(rid: str) -> str:
    return f'<w:altChunk r:id="{rid}"/>'


def embedded_docx() -> bytes:
    e = ms.DocxBuilder(fonts=FONTS, title="嵌入文档")
    e.append(body_para(text("嵌入的Word文档：本段来自另一个文件。")))
    buf = io.BytesIO()
    e.doc.save(buf)
    out = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in ms.read_zip(buf.getvalue()):
            info = zipfile.ZipInfo(name, date_time=ms.ZIP_DATE)
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build_altchunk(path: Path):
    b = ms.DocxBuilder(fonts=FONTS, title="嵌入内容示例")
    b.title_lines(["嵌入内容示例"])
    b.append(body_para(text("下面是以altChunk嵌入的五段内容。")))
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>不显示</title>'
            '<style>p {color: red}</style></head><body><h2>嵌入的网页</h2><p>网页段落：政府信息&amp;公开。</p>'
            '<table><tr><td>项目</td><td>数量</td></tr><tr><td>主动公开</td><td>120</td></tr></table>'
            '</body></html>').encode("gbk")
    def gbk(s: str) -> str:
        return "".join(f"\\'{c:02x}" for c in s.encode("gbk"))
    rtf = ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}"
           "\\f0 " + gbk("嵌入的RTF：第一段。") + "\\par " + gbk("第二段") + "\\u8364?\\par"
           "\\trowd\\cellx3000\\cellx6000\\pard\\intbl " + gbk("依申请公开") + "\\cell 8\\cell\\row"
           "\\pard " + gbk("RTF结束。") + "\\par}").encode("ascii")
    qp = "".join(f"={c:02X}" for c in "<p>网页存档：依申请公开8件。</p>".encode("gbk"))
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart_01\"\r\n\r\n"
           "------=_NextPart_01\r\nContent-Type: text/html; charset=\"gb2312\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n<html><body>" + qp + "</body></html>\r\n"
           "------=_NextPart_01--\r\n").encode("ascii")
    flat_opc = (b'<?xml version="1.0" standalone="yes"?><pkg:package '
                b'xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"/>')
    rids = [add_part(b, "/word/afchunk1.htm", "application/xhtml+xml", AFCHUNK, html),
            add_part(b, "/word/afchunk2.rtf", "application/rtf", AFCHUNK, rtf),
            add_part(b, "/word/afchunk3.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                     AFCHUNK, embedded_docx()),
            add_part(b, "/word/afchunk4.mht", "message/rfc822", AFCHUNK, mht),
            add_part(b, "/word/afchunk5.xml", "application/xml", AFCHUNK, flat_opc)]
    for rid in rids:
        b.append(alt_chunk(rid))
    b.append(body_para(text("嵌入内容之后的正文。")))
    b.save(path)


# ----------------------------------------------------------------------------- placeholders
def placeholder_sdt(content: str, *, sdt_id: int, alias: str, showing: bool) -> str:
    flag = "<w:showingPlcHdr/>" if showing else ""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{ms.esc(alias)}"/><w:id w:val="{sdt_id}"/>{flag}'
            f'<w:text/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>')


def build_placeholders(path: Path):
    b = ms.DocxBuilder(fonts=FONTS, title="内容控件示例")
    b.title_lines(["政府信息公开申请表"])
    grey = ms.rpr(font=FONTS["body"], size=16, color="808080")
    b.append(placeholder_sdt(body_para(ms.run("单击或点击此处输入文字。", grey)), sdt_id=1, alias="申请事项",
                             showing=True))
    b.append(body_para(text("申请人：") + placeholder_sdt(ms.run("[姓名]", grey), sdt_id=2, alias="姓名", showing=True)
                       + text("，联系电话：")
                       + placeholder_sdt(text("0591-12345678"), sdt_id=3, alias="电话", showing=False)
                       + text("。")))
    cell = lambda s: ms.cell_para(s, font=FONTS["table"], size=12)  # noqa: E731
    row1 = ms.tc(cell("受理机关"), 3000) + ms.tc(cell("某某市人民政府办公室"), 3000)
    row2 = ms.tc(cell("答复日期"), 3000) + ms.tc(
        placeholder_sdt(ms.cell_para("单击此处输入日期。", font=FONTS["table"], size=12), sdt_id=4,
                        alias="答复日期", showing=True), 3000)
    b.append(ms.tbl([3000, 3000], ms.tr(row1) + ms.tr(row2)))
    b.append(body_para(text("本表一式两份。")))
    b.save(path)


# ----------------------------------------------------------------------------- front matter
FRONT_STYLES = [
    ms.StyleDef("Title", "Title", ppr='<w:jc w:val="center"/>', rpr='<w:b/><w:sz w:val="44"/>'),
    ms.StyleDef("Subtitle", "Subtitle", ppr='<w:jc w:val="center"/>', rpr='<w:sz w:val="32"/>'),
    ms.StyleDef("Author", "Author", ppr='<w:jc w:val="center"/>'),
    ms.StyleDef("Date", "Date", ppr='<w:jc w:val="center"/>'),
    ms.StyleDef("AbstractTitle", "Abstract Title", ppr='<w:jc w:val="center"/>', rpr="<w:b/>"),
    ms.StyleDef("Abstract", "Abstract", ppr='<w:ind w:firstLineChars="200" w:firstLine="640"/>'),
    ms.StyleDef("1", "heading 1", ppr='<w:keepNext/><w:outlineLvl w:val="0"/>', rpr="<w:b/>"),
]


def build_front_matter(path: Path):
    b = ms.DocxBuilder(fonts=FONTS, styles=FRONT_STYLES, title="公文写作规范说明")
    for style, line in [("Title", "公文写作规范说明"), ("Subtitle", "——以通知为例"),
                        ("Author", "某某市人民政府办公室"), ("Date", "2025年1月20日"),
                        ("AbstractTitle", "摘要"), ("Abstract", "本说明介绍通知的结构、格式和用语。")]:
        b.append(ms.para(text(line), ms.ppr(style=style)))
    b.append(ms.para(text("一、总体情况"), ms.ppr(style="1")))
    b.append(body_para(text("通知由标题、主送机关、正文和落款组成。")))
    b.save(path)


SAMPLES = [
    ("docx-notes.docx", build_notes,
     "two footnotes in the text and one in a table cell (the second with two paragraphs), one endnote, "
     "a comment; footnotes.xml and endnotes.xml with Word's separator notes",
     "marks [^1] [^2] [^e1] in the text and [^3] in the cell; note blocks 1, 2, 3, e1 after the body; the "
     "comment as a docx.comment diagnostic, never in the text"),
    ("docx-equations.docx", build_equations,
     "OMML: a^2+b^2=c^2 inline, the quadratic formula in an m:oMathPara, a sum with limits, a subscript, "
     "a 2x2 matrix in brackets",
     "a^2+b^2=c^2, x=(-b±√(b^2-4ac))/(2a), S=∑_(i=1)^n a_i, a_i, I=[1, 0; 0, 1]"),
    ("docx-altchunk.docx", build_altchunk,
     "five w:altChunk parts: HTML in GBK with a heading, an entity and a table; RTF with \\ansicpg936 bytes, "
     "\\u and a one-row table; a DOCX; an MHT archive (quoted-printable GB2312); a flat-XML package",
     "the HTML heading as a heading, its paragraph and its 2x2 table; the RTF paragraphs and 1x2 table; the "
     "embedded document's paragraph; the MHT's paragraph; a docx.altchunk info for each read part and a "
     "docx.altchunk_skipped warning naming afchunk5.xml"),
    ("docx-placeholders.docx", build_placeholders,
     "content controls showing their placeholder (w:showingPlcHdr) at block level, inside a sentence and in "
     "a table cell, and a filled one",
     "no placeholder text anywhere (the cell is empty); the filled phone number kept; one docx.placeholder "
     "info per left-out prompt"),
    ("docx-front-matter.docx", build_front_matter,
     "paragraphs in the Title, Subtitle, Author, Date, Abstract Title and Abstract styles, all but the "
     "abstract centred, then a heading and body text",
     "title = the Title line only; subtitle, author, date, 摘要 and the abstract each their own block"),
]


def main() -> int:
    lines = ["DOCX samples made by make_docx_samples.py (python-docx + raw OOXML): what Word shows",
             "beside the body text. Each golden/<name>.json was checked by eye against a LibreOffice",
             "rendering of the file.", ""]
    for name, build, what, expect in SAMPLES:
        build(HERE / name)
        lines += [f"{name}", f"  exercises: {what}", f"  expected:  {expect}", ""]
    (HERE / "DOCX-SAMPLES.txt").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
