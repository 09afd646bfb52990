#!/usr/bin/env python3
"""Generate the saved web pages whose list numbering comes from style sheets (a `<style>` element
and a linked `.css` file), for the HTML reader's list markers, in samples/css/ (not samples/,
whose pages the HTML agreement test pairs with a DOCX):

* html-list-styles.mht — the page saved by Chromium as a web archive (DevTools
  `Page.captureSnapshot`, as make_html_samples.py): Chromium stores both sheets as `text/css`
  parts the page links to;
* html-list-styles-folder.html with html-list-styles-folder_files/list.css — the page saved by
  GNU wget from a local web server (`--page-requisites --convert-links`), its linked sheet in
  the folder beside it (make_image_table_samples.py's `wget_page_complete`).

The markers Chromium draws for the page are printed (headless `--print-to-pdf`, read back with
`pdftotext`) so they can be compared with what govdoc reads (the test
`list_markers_from_linked_and_archived_style_sheets` in src/html/tests.rs holds them).

    python3 samples/make_list_style_samples.py [OUTDIR]

Needs Debian's `chromium`, poppler-utils, websocket-client and wget.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_html_samples import chromium_mhtml  # noqa: E402
from make_image_table_samples import wget_page_complete  # noqa: E402

STEM = "html-list-styles"
FOLDER_STEM = f"{STEM}-folder"

SHEET = """@charset "utf-8";
ol.sections > li { list-style-type: simp-chinese-informal; }
ul.steps { list-style-type: cjk-decimal; }
"""

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>列表样式示例</title>
<link rel="stylesheet" href="{href}">
<style>
.article ol ol {{ list-style: lower-alpha inside }}
.article li.note {{ list-style-type: none }}
</style></head><body>
<div class="article"><h1>某局2023年政府信息公开工作年度报告</h1>
<ol class="sections"><li>总体情况<ol><li>主动公开</li><li>依申请公开</li></ol></li>
<li>主动公开政府信息情况</li><li class="note">（本项无内容）</li><li>存在的主要问题及改进情况</li></ol>
<ul class="steps"><li>第一步</li><li>第二步</li></ul>
</div></body></html>
"""


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "css"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "list.css").write_text(SHEET, encoding="utf-8")
        page = folder / f"{STEM}.html"
        page.write_text(PAGE.format(href="list.css"), encoding="utf-8")
        chromium_mhtml(page, outdir / f"{STEM}.mht")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={folder / 'printed.pdf'}", page.as_uri()],
            check=True, capture_output=True,
        )
        printed = subprocess.run(["pdftotext", "-layout", str(folder / "printed.pdf"), "-"],
                                 check=True, capture_output=True, text=True).stdout
        print("Chromium draws:")
        print("\n".join(line for line in printed.splitlines() if line.strip()))
        (folder / f"{FOLDER_STEM}_files").mkdir()
        (folder / f"{FOLDER_STEM}_files" / "list.css").write_text(SHEET, encoding="utf-8")
        (folder / f"{FOLDER_STEM}.html").write_text(PAGE.format(href=f"{FOLDER_STEM}_files/list.css"),
                                                   encoding="utf-8")
        wget_page_complete(folder, f"{FOLDER_STEM}.html", outdir, FOLDER_STEM)


if __name__ == "__main__":
    main()
