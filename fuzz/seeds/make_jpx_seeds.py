#!/usr/bin/env python3
"""Seeds of the `ocr` fuzz target for its JPEG 2000 decoder: the small ruled table of
make_bilevel_seeds.py in grey, encoded by OpenJPEG (through Pillow) as

  ocr/jpx-table.bin   a JP2 file in the target's image-PDF form (see `image_pdf` in
                      fuzz/src/ocr.rs): first byte 8 (DCT with bit 3: JPXDecode), grey
                      8-bit, 240×120, then the file;
  ocr/table.jp2       the same JP2 file alone, which the target decodes as a page image.

    python3 fuzz/seeds/make_jpx_seeds.py

Needs Pillow built with OpenJPEG.
"""

import io
import struct
from pathlib import Path

from make_bilevel_seeds import HERE, table


def main() -> None:
    image = table().convert("L")
    buf = io.BytesIO()
    image.save(buf, "JPEG2000", quality_mode="rates", quality_layers=[8], irreversible=True)
    jp2 = buf.getvalue()
    size = struct.pack("<HH", image.width, image.height)
    (HERE / "ocr" / "jpx-table.bin").write_bytes(bytes([8, 0]) + size + jp2)
    (HERE / "ocr" / "table.jp2").write_bytes(jp2)


if __name__ == "__main__":
    main()
