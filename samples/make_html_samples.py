#!/usr/bin/env python3
"""Generate govdoc's HTML and MHTML samples from the DOCX report samples.

    python3 samples/make_html_samples.py [OUTDIR]

OUTDIR defaults to this folder (samples/).  Needs LibreOffice (`soffice`), Debian's
`chromium` and `pip install websocket-client` (for the DevTools protocol).

* <stem>.html — the DOCX saved by LibreOffice (`soffice --headless --convert-to html`),
  for every report sample that has an OFD twin (the same fourteen).
* <stem>-chromium.html — that page opened in headless Chromium and saved as the DOM it
  built (`chromium --headless --dump-dom`), for CHROMIUM_STEMS.
* <stem>.mht — the same page saved by Chromium as a web archive: DevTools
  `Page.captureSnapshot` (format mhtml), what "Save page as… single file" writes; for
  CHROMIUM_STEMS.
* portal-gbk-seed-2019.html — a hand-styled government portal page: the body LibreOffice
  wrote for the seed report, inside a banner, a navigation bar, a sidebar of links,
  breadcrumbs, nested layout tables, print/close links, share buttons and a footer, saved
  in GBK with only a `<meta http-equiv>` declaring gb2312, as older portals are.

The agreement test (tests/all/html_agreement.rs) pairs each with <stem>.docx: the report read
from the page must equal the one read from the DOCX.  The generator metadata LibreOffice
writes (version, dates) is kept; Chromium's MHTML boundary and date are fixed after the
capture so the files do not change from run to run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEMS = [p.stem for p in sorted(HERE.glob("*.ofd"))]
CHROMIUM_STEMS = ["report-2019-libreoffice", "report-2021-distinct", "split-repeated-header", "split-no-header"]
PORTAL_FROM = "seed-shishi-commerce-2019"


def libreoffice_html(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "html", "--outdir", tmp, str(docx)],
            check=True, capture_output=True,
        )
        shutil.copy(Path(tmp) / (docx.stem + ".html"), out)


def chromium_dom(html: Path, out: Path) -> None:
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", html.resolve().as_uri()],
        check=True, capture_output=True,
    ).stdout
    out.write_bytes(dom)


def chromium_mhtml(html: Path, out: Path) -> None:
    """Page.captureSnapshot over the DevTools protocol."""
    import websocket  # websocket-client

    port = 9333
    proc = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        targets = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as r:
                    targets = json.load(r)
                break
            except OSError:
                time.sleep(0.1)
        page = next(t for t in targets if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        ids = iter(range(1, 1000))

        def call(method, **params):
            i = next(ids)
            ws.send(json.dumps({"id": i, "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == i:
                    return msg.get("result", {})

        call("Page.enable")
        call("Page.navigate", url=html.resolve().as_uri())
        while True:
            msg = json.loads(ws.recv())
            if msg.get("method") == "Page.loadEventFired":
                break
        data = call("Page.captureSnapshot", format="mhtml")["data"]
        ws.close()
    finally:
        proc.terminate()
        proc.wait()
    # Deterministic: the boundary and the date Chromium makes up each time.
    boundary = re.search(r'boundary="([^"]+)"', data).group(1)
    data = data.replace(boundary, "----MultipartBoundary--govdoc-sample----")
    data = re.sub(r"^Date: [^\r\n]*", "Date: Mon, 1 Jan 2024 00:00:00 -0000", data, count=1, flags=re.M)
    data = re.sub(r"^Snapshot-Content-Location: [^\r\n]*", f"Snapshot-Content-Location: file:///samples/{html.name}",
                  data, count=1, flags=re.M)
    # Parts saved from the page's folder (images) are named from samples/ too.
    data = data.replace(html.resolve().parent.as_uri() + "/", "file:///samples/")
    data = re.sub(r"^Content-Location: file://[^\r\n]*", f"Content-Location: file:///samples/{html.name}", data,
                  count=1, flags=re.M)
    # Frame and resource ids are made up per capture too.
    ids = {}
    for found in re.findall(r"(?:frame-|css-)[0-9A-Fa-f-]{8,}", data):
        ids.setdefault(found, f"{found.split('-')[0]}-{len(ids) + 1:04d}")
    for old, new in ids.items():
        data = data.replace(old, new)
    out.write_bytes(data.encode("utf-8"))


def portal(html: Path, out: Path) -> None:
    text = html.read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    body = re.search(r"<body[^>]*>(.*)</body>", text, re.S).group(1)
    nav = "".join(
        f'<td class="navtd"><a href="/col/{i}/">{name}</a></td>'
        for i, name in enumerate(["首页", "政务公开", "政务服务", "互动交流", "专题专栏", "走进商务"])
    )
    side = "".join(
        f'<li><a href="/gk/{i}/">{name}</a></li>'
        for i, name in enumerate(["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报",
                                  "依申请公开", "机构职能"])
    )
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_石狮市商务局</title>
<style>.navtd {{ background:#c00; color:#fff; padding:6px 18px }} .title {{ font-size:22px; font-weight:bold }}
.share a {{ margin:0 4px }}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body topmargin="0">
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td height="120">
<img src="banner.jpg" width="1000" height="120" alt="石狮市商务局"></td></tr></table>
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr>{nav}</tr></table>
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="220" valign="top"><div class="sidebar"><h3>信息公开</h3><ul>{side}</ul></div></td>
<td width="780" valign="top">
<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="position">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">政务公开</a> &gt; <a href="/gk/3/">政府信息公开年报</a></td></tr></table>
<table width="100%" cellpadding="0" cellspacing="0">
<tr><td align="center" class="title">{title}</td></tr>
<tr><td align="center" class="info">发布时间：2020-01-20&nbsp;&nbsp;&nbsp;来源：石狮市商务局&nbsp;&nbsp;&nbsp;浏览次数：<span id="hits"></span>&nbsp;&nbsp;【字号：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</td></tr>
<tr><td id="zoom" class="content">
{body}
</td></tr>
<tr><td class="share" align="right">分享到：<a href="#wx">微信</a><a href="#wb">微博</a><a href="#qq">QQ空间</a></td></tr>
<tr><td align="center"><a href="javascript:window.print()">【打印本页】</a>&nbsp;<a href="javascript:window.close()">【关闭窗口】</a></td></tr>
</table>
<div style="display:none">隐藏的站点统计</div>
</td></tr></table>
<table width="1000" align="center" cellpadding="0" cellspacing="0" class="footer"><tr><td align="center">
<a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a><br>
主办单位：石狮市商务局&nbsp;&nbsp;地址：石狮市八七路行政服务中心&nbsp;&nbsp;电话：0595-88880000<br>
闽ICP备00000000号-1&nbsp;&nbsp;网站标识码：3505810000
</td></tr></table>
</body>
</html>
"""
    out.write_bytes(page.encode("gbk"))


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for stem in STEMS:
        libreoffice_html(HERE / f"{stem}.docx", outdir / f"{stem}.html")
    for stem in CHROMIUM_STEMS:
        chromium_dom(outdir / f"{stem}.html", outdir / f"{stem}-chromium.html")
        chromium_mhtml(outdir / f"{stem}.html", outdir / f"{stem}.mht")
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / f"{PORTAL_FROM}.html"
        libreoffice_html(HERE / f"{PORTAL_FROM}.docx", seed)
        portal(seed, outdir / "portal-gbk-seed-2019.html")


if __name__ == "__main__":
    main()
