#!/usr/bin/env python3
"""Generate govdoc's sample of a table whose header cells are set bottom to top.

    python3 samples/make_rotated_samples.py [OUTDIR]

OUTDIR defaults to this folder (samples/).  Needs python-docx, LibreOffice (soffice) and
pikepdf (make_pdf_samples.normalize_pdf: fixed dates, no XMP, static /ID).

table-rotated-header.docx and its LibreOffice export table-rotated-header.pdf:
  a ruled table of yearly counts whose header row is tall and narrow; every header cell
  but the first has the Word text direction "bottom to top" (w:textDirection btLr), so
  LibreOffice prints its label turned 90° counter-clockwise, read from the bottom of the
  cell upwards: Chinese labels (依申请公开, 主动公开, 行政复议) and one Latin label
  (Total 2023) to show the words of a turned line.  The body rows are upright.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

HEADER = ["项目", "依申请公开", "2023年主动公开政府信息数量（条）", "行政复议", "Total 2023"]
ROWS = [
    ["第一季度", "12", "30", "1", "43"],
    ["第二季度", "8", "27", "0", "35"],
    ["第三季度", "15", "41", "2", "58"],
]


def rotated_docx(path: Path) -> None:
    """A short notice with one ruled table whose header labels run bottom to top."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from make_samples import save_python_docx

    d = docx.Document()
    d.add_paragraph("2023年度政府信息公开工作情况统计表")
    table = d.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    table.style = "Table Grid"
    for c, label in enumerate(HEADER):
        cell = table.cell(0, c)
        cell.text = label
        if c > 0:
            # Word's "text direction: bottom to top" on the cell.
            direction = OxmlElement("w:textDirection")
            direction.set(qn("w:val"), "btLr")
            cell._tc.get_or_add_tcPr().append(direction)
    # A header row tall enough for the turned labels.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(Cm(2.6).twips)))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("注：本表数据截至2023年12月31日。")
    save_python_docx(d, path)


def main() -> None:
    from make_pdf_samples import soffice_export

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    source = out / "table-rotated-header.docx"
    rotated_docx(source)
    soffice_export(source, out / "table-rotated-header.pdf")


if __name__ == "__main__":
    main()
