#!/usr/bin/env python3
"""Generate govdoc's legacy Word (.doc) samples: every report sample that has an OFD twin
(the same fourteen DOCX files: merged cells, tables split in two by a page break, repeated
header rows, a row split across the break, headings numbered by automatic Chinese list
numbering), and docx-notes (footnotes and an endnote, one referenced from a table cell),
saved by LibreOffice as Word 97–2003 (`soffice --headless --convert-to doc`).

    python3 samples/make_doc_samples.py [OUTDIR]

The agreement test (tests/all/doc_agreement.rs) pairs each <stem>.doc with <stem>.docx.
A fixed LibreOffice user profile under the temp dir keeps the run apart from any other.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEMS = [p.stem for p in sorted(HERE.glob("*.ofd"))] + ["docx-notes"]


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(outdir)]
        + [str(HERE / f"{stem}.docx") for stem in STEMS],
        check=True, capture_output=True,
    )


if __name__ == "__main__":
    main()
