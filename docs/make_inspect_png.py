#!/usr/bin/env python3
"""Makes docs/inspect.png, the README's picture of `govdoc inspect`, from the
screenshot tests/all/inspect.rs keeps (headless Chromium, 1400×1000, the
report-check-errors sample with its first failed check clicked):

    cargo test --test all inspect::pages_load
    python3 docs/make_inspect_png.py

Scaled to 1000 px wide and reduced to 128 colours (Pillow), so the
committed file stays small."""
from pathlib import Path

from PIL import Image

root = Path(__file__).resolve().parent.parent
shot = root / "target/inspect-artifacts/report-check-errors.pdf.png"
image = Image.open(shot).convert("RGB")
width = 1000
image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(root / "docs/inspect.png", optimize=True)
print((root / "docs/inspect.png").stat().st_size, "bytes")
