#!/usr/bin/env python3
"""Dump PDF pages with pdfplumber as the JSON examples/layout_from_json.rs reads: per page
the glyphs (page.chars), rulings (page.lines, stroked rects and curves as segments, thin
filled rects as centre lines) and fonts, in top-left page space.

    python3 examples/dump_pages.py FILE.pdf OUT.json
"""
import json, sys, re
import pdfplumber

THIN = 3.0  # a filled rectangle this thin is a ruling (Word's borders)

def strip_subset(name):
    return re.sub(r'^[A-Z]{6}\+', '', name or '')

def rulings_of(page):
    out = []
    def seg(x0, top, x1, bottom, w):
        out.append(dict(x0=x0, top=top, x1=x1, bottom=bottom, width=w))
    for l in page.lines:
        pts = l.get('pts') or [(l['x0'], l['top']), (l['x1'], l['bottom'])]
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            seg(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), l.get('linewidth') or 0)
    for c in page.curves:
        pts = c.get('pts') or []
        if c.get('stroke'):
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
                    seg(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), c.get('linewidth') or 0)
    for r in page.rects:
        w, h = r['x1'] - r['x0'], r['bottom'] - r['top']
        if r.get('stroke'):
            lw = r.get('linewidth') or 0
            seg(r['x0'], r['top'], r['x1'], r['top'], lw)
            seg(r['x0'], r['bottom'], r['x1'], r['bottom'], lw)
            seg(r['x0'], r['top'], r['x0'], r['bottom'], lw)
            seg(r['x1'], r['top'], r['x1'], r['bottom'], lw)
        elif r.get('fill'):
            if h <= THIN and w > h:
                y = (r['top'] + r['bottom']) / 2
                seg(r['x0'], y, r['x1'], y, h)
            elif w <= THIN and h > w:
                x = (r['x0'] + r['x1']) / 2
                seg(x, r['top'], x, r['bottom'], w)
    return out

def dump(path):
    pdf = pdfplumber.open(path)
    pages = []
    for p in pdf.pages:
        fonts, index = [], {}
        glyphs = []
        for c in p.chars:
            name = strip_subset(c.get('fontname'))
            if name not in index:
                index[name] = len(fonts)
                fonts.append(dict(name=name, bold=bool(re.search(r'bold|heavy|black|hei', name, re.I))))
            glyphs.append(dict(text=c['text'], x0=c['x0'], x1=c['x1'], top=c['top'], bottom=c['bottom'],
                               size=c['size'], font=index[name], upright=bool(c['upright'])))
        pages.append(dict(number=p.page_number, width=float(p.width), height=float(p.height),
                          glyphs=glyphs, rulings=rulings_of(p), fonts=fonts, images=len(p.images)))
    return dict(source=path, pages=pages)

if __name__ == '__main__':
    src, dst = sys.argv[1], sys.argv[2]
    with open(dst, 'w') as f:
        json.dump(dump(src), f, ensure_ascii=False)
