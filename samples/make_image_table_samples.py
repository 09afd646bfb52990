#!/usr/bin/env python3
"""Generate scan/html-image-table.mht: a saved web page whose statistics table is a picture of a
table (as portals publish screenshots), for the HTML reader's OCR of image-only tables.

The picture is a real browser's rendering: headless Chromium screenshots a small HTML table
(Noto CJK), Pillow stores it as JPEG; the page holding it in a table cell is saved by Chromium
as a web archive (DevTools `Page.captureSnapshot`, the same capture as make_html_samples.py).

    python3 samples/make_image_table_samples.py [OUTDIR]

Needs Debian's `chromium`, fonts-noto-cjk, Pillow and websocket-client.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_html_samples import chromium_mhtml  # noqa: E402

TABLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{margin:8px;background:#fff;font-family:"Noto Serif CJK SC",serif;font-size:20px}
table{border-collapse:collapse}td,th{border:2px solid #000;padding:6px 14px;text-align:center}
</style></head><body><table>
<tr><th>指标</th><th>年度新公开数量</th><th>年末现行有效件数</th></tr>
<tr><td>规章</td><td>3</td><td>41</td></tr>
<tr><td>行政规范性文件</td><td>12</td><td>256</td></tr>
</table></body></html>
"""

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>图片表格示例</title></head><body>
<h1>图片表格示例</h1>
<p>下表以图片形式发布：</p>
<table><tr><td><img src="table.jpg" alt=""></td></tr></table>
<p>表后正文。</p>
</body></html>
"""


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "scan"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "table.html").write_text(TABLE, encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=640,200",
             f"--screenshot={folder / 'table.png'}", (folder / "table.html").as_uri()],
            check=True, capture_output=True,
        )
        Image.open(folder / "table.png").convert("RGB").save(folder / "table.jpg", quality=92)
        page = folder / "html-image-table.html"
        page.write_text(PAGE, encoding="utf-8")
        chromium_mhtml(page, outdir / "html-image-table.mht")


if __name__ == "__main__":
    main()
