#!/usr/bin/env python3
"""Generate govdoc's legacy Word (.doc) samples: every report sample that has an OFD twin
(the same fourteen DOCX files: merged cells, tables split in two by a page break, repeated
header rows, a row split across the break, headings numbered by automatic Chinese list
numbering), and docx-notes (footnotes and an endnote, one referenced from a table cell),
saved by LibreOffice as Word 97–2003 (`soffice --headless --convert-to doc`).

doc-textbox.doc and doc-textbox.docx: one flat ODF text (below) with text frames anchored to a
paragraph, inside a table cell and to a character, saved by LibreOffice both as Word 97–2003
(the frames become text boxes: shapes in PlcSpaMom, their text in the text box story) and as
DOCX (`wps:txbx`), so the two readers' placement of text boxes can be compared.

    python3 samples/make_doc_samples.py [OUTDIR]

The agreement test (tests/all/doc_agreement.rs) pairs each <stem>.doc with <stem>.docx.
A fixed LibreOffice user profile under the temp dir keeps the run apart from any other.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEMS = [p.stem for p in sorted(HERE.glob("*.ofd"))] + ["docx-notes"]

TEXTBOX_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
<text:h text:outline-level="1">文本框示例</text:h>
<text:p>第一段正文，没有文本框。</text:p>
<text:p>第二段正文，锚定一个文本框。<draw:frame draw:name="文本框甲" text:anchor-type="paragraph"
 svg:width="6cm" svg:height="2cm" svg:x="10cm" svg:y="0cm"><draw:text-box><text:p>文本框甲第一行</text:p>
<text:p>文本框甲第二行</text:p></draw:text-box></draw:frame></text:p>
<text:p>第三段正文。</text:p>
<table:table table:name="表1"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>项目</text:p></table:table-cell>
<table:table-cell><text:p>说明</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>收到申请</text:p></table:table-cell>
<table:table-cell><text:p>12件<draw:frame draw:name="文本框乙" text:anchor-type="paragraph" svg:width="3cm"
 svg:height="1cm" svg:x="0cm" svg:y="0cm"><draw:text-box><text:p>单元格里的文本框</text:p></draw:text-box>
</draw:frame></text:p></table:table-cell></table:table-row>
</table:table>
<text:p>第四段正文，锚定一个字符文本框<draw:frame draw:name="文本框丙" text:anchor-type="char" svg:width="4cm"
 svg:height="1cm" svg:x="0cm" svg:y="0cm"><draw:text-box><text:p>文本框丙</text:p></draw:text-box>
</draw:frame>之后还有文字。</text:p>
</office:text></office:body></office:document>
"""


def soffice(fmt: str, outdir: Path, files: list[Path], profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir)] + [str(f) for f in files],
        check=True, capture_output=True,
    )


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    with tempfile.TemporaryDirectory() as tmp:
        # A LibreOffice user profile of its own keeps the run apart from any other.
        profile = Path(tmp) / "profile"
        soffice("doc", outdir, [HERE / f"{stem}.docx" for stem in STEMS], profile)
        fodt = Path(tmp) / "doc-textbox.fodt"
        fodt.write_text(TEXTBOX_FODT, encoding="utf-8")
        for fmt in ("doc", "docx"):
            soffice(fmt, outdir, [fodt], profile)


if __name__ == "__main__":
    main()
