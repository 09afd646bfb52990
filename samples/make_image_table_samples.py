#!/usr/bin/env python3
"""Generate the saved web pages whose statistics table is a picture of a table (as portals
publish screenshots), for the HTML reader's OCR of image-only tables, in samples/scan/:

* html-image-table.mht — the picture as JPEG, in a web archive;
* html-image-table-png.mht — the picture as PNG (Chromium's screenshot as it wrote it);
* html-image-table-gif.mht — the picture as GIF (256 colours, as older portals stored them);
* html-image-table-folder.html with html-image-table-folder_files/table.png — the page saved
  with its picture in a folder beside it, the layout of "Save page as… complete";
* html-image-table-parts.mht — a long table published as two pictures one below the other,
  each in its own table: the proactive-disclosure table of report-2021-distinct.pdf rendered
  by pdftoppm (96 dpi, a browser's screen resolution; grey) and cut by Pillow at the ruling
  line above its 行政强制 row, inside a sub-table (both parts keep that line), PNG, in a web
  archive.

The picture is a real browser's rendering: headless Chromium screenshots a small HTML table
(Noto CJK); Pillow stores it as JPEG and GIF. The page holding it in a table cell is saved
by Chromium as a web archive (DevTools `Page.captureSnapshot`, the same capture as
make_html_samples.py). Headless Chromium cannot be driven to "Save page as… complete", so
the folder sample is saved by GNU wget from a local web server (`--page-requisites
--convert-links`): the page and the picture it shows, the picture in `<name>_files/` as the
server lays it out, the page's link rewritten to the saved file.

    python3 samples/make_image_table_samples.py [OUTDIR]

Needs Debian's `chromium`, fonts-noto-cjk, Pillow, websocket-client and wget.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
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
<table><tr><td><img src="{src}" alt=""></td></tr></table>
<p>表后正文。</p>
</body></html>
"""

FOLDER_STEM = "html-image-table-folder"

PARTS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>图片表格示例</title></head><body>
<h1>滨海县交通运输局2022年政府信息公开工作年度报告</h1>
<p>二、主动公开政府信息情况</p>
<p>本机关2022年主动公开政府信息情况见下表。</p>
<table><tr><td><img src="part1.png" alt=""></td></tr></table>
<table><tr><td><img src="part2.png" alt=""></td></tr></table>
<p>表后正文。</p>
</body></html>
"""


def table_parts(folder: Path, dpi: int = 96) -> None:
    """part1.png and part2.png in `folder`: the first table of page 2 of report-2021-distinct.pdf
    at `dpi`, cut at its eleventh horizontal ruling line (inside the 第二十条第（六）项 block, above
    its 行政强制 row)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "2", "-l", "2", "-gray", "-png", "-singlefile",
                    str(HERE / "report-2021-distinct.pdf"), str(folder / "page")], check=True)
    page = Image.open(folder / "page.png").convert("L")
    width, height = page.size
    pixels = page.load()

    def dark(y: int) -> int:
        return sum(1 for x in range(width) if pixels[x, y] < 128)

    rulings = [y for y in range(height) if dark(y) > width * 0.35]
    # The first table: its rulings, up to the first gap much taller than a row.
    table = [rulings[0]]
    for y in rulings[1:]:
        if y - table[-1] > 80:
            break
        if y - table[-1] > 1:
            table.append(y)
    top, cut, bottom = table[0], table[10], table[-1]
    inked = [x for x in range(width) if pixels[x, top] < 128]
    margin = 6
    left, right = inked[0] - margin, inked[-1] + margin + 1
    page.crop((left, top - margin, right, cut + 2)).save(folder / "part1.png", optimize=True)
    page.crop((left, cut, right, bottom + margin + 1)).save(folder / "part2.png", optimize=True)


def wget_page_complete(folder: Path, page: str, out: Path, stem: str = FOLDER_STEM) -> None:
    """The page `folder/page` served over HTTP and saved by wget with the files it uses (pictures,
    style sheets), which lie in `folder/<stem>_files/`."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as saved:
            subprocess.run(
                ["wget", "--quiet", "--page-requisites", "--convert-links", "--no-host-directories",
                 "--directory-prefix", saved, f"http://127.0.0.1:{server.server_port}/{page}"],
                check=True,
            )
            shutil.copy(Path(saved) / page, out / page)
            files = out / f"{stem}_files"
            shutil.rmtree(files, ignore_errors=True)
            shutil.copytree(Path(saved) / f"{stem}_files", files)
    finally:
        server.shutdown()


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
        shot = Image.open(folder / "table.png").convert("RGB")
        shot.save(folder / "table.jpg", quality=92)
        shot.quantize(colors=256).save(folder / "table.gif")
        for name, picture in [("html-image-table", "table.jpg"), ("html-image-table-png", "table.png"),
                              ("html-image-table-gif", "table.gif")]:
            page = folder / f"{name}.html"
            page.write_text(PAGE.format(src=picture), encoding="utf-8")
            chromium_mhtml(page, outdir / f"{name}.mht")
        (folder / f"{FOLDER_STEM}_files").mkdir()
        shutil.copy(folder / "table.png", folder / f"{FOLDER_STEM}_files" / "table.png")
        (folder / f"{FOLDER_STEM}.html").write_text(PAGE.format(src=f"{FOLDER_STEM}_files/table.png"),
                                                   encoding="utf-8")
        wget_page_complete(folder, f"{FOLDER_STEM}.html", outdir)
        table_parts(folder)
        (folder / "html-image-table-parts.html").write_text(PARTS_PAGE, encoding="utf-8")
        chromium_mhtml(folder / "html-image-table-parts.html", outdir / "html-image-table-parts.mht")


if __name__ == "__main__":
    main()
