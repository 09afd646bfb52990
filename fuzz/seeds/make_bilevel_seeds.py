#!/usr/bin/env python3
"""Seeds of the `ocr` fuzz target's image-PDF form (see `image_pdf` in fuzz/src/ocr.rs)
for the bilevel decoders: a small ruled table with text, drawn by Pillow in Noto Sans
CJK and thresholded, as

  ocr/ccitt-g4-table.bin   CCITT Group 4, as libtiff (through Pillow) writes it;
                           /BlackIs1 true (its TIFF is min-is-black), grey 1-bit;
  ocr/jbig2-mmr-table.bin  the same Group 4 data as the MMR-coded immediate generic
                           region of a JBIG2 page in the embedded organisation (page
                           information, region, end of page: ITU-T T.88 7.2-7.4, the
                           segments written here), an image mask with /Decode [1 0].

    python3 fuzz/seeds/make_bilevel_seeds.py

Needs Pillow and img2pdf (for the G4 payload's place in the TIFF).
"""

import io
import struct
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def table(w: int = 240, h: int = 120) -> Image.Image:
    im = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, 16)
    for y in (4, 40, 80, 116):
        d.line([(4, y), (236, y)], fill=0, width=2)
    for x in (4, 120, 236):
        d.line([(x, 4), (x, 116)], fill=0, width=2)
    for (x, y), text in {(12, 12): "收到申请", (130, 12): "8011", (12, 52): "予以公开", (130, 52): "586"}.items():
        d.text((x, y), text, font=font, fill=0)
    return im.point(lambda v: 255 if v >= 128 else 0).convert("1")


def group4(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "TIFF", compression="group4")
    offset, length = img2pdf.ccitt_payload_location_from_pil(Image.open(io.BytesIO(buf.getvalue())))
    return buf.getvalue()[offset : offset + length]


def segment(number: int, kind: int, page: int, data: bytes) -> bytes:
    """A segment header (number, flags = type, no referred-to segments, 1-byte page
    association, data length) and its data."""
    return struct.pack(">IBBBI", number, kind, 0, page, len(data)) + data


def main() -> None:
    image = table()
    w, h = image.size
    g4 = group4(image)
    size = struct.pack("<HH", w, h)
    # First byte: filter 5 (CCITT) + 8 (/BlackIs1 true), /K -1 (top bits 0).
    # Second: colour space 2 (DeviceGray, 1 bit).
    (HERE / "ocr" / "ccitt-g4-table.bin").write_bytes(bytes([5 | 8, 2]) + size + g4)
    page_info = struct.pack(">IIIIBH", w, h, 0, 0, 0, 0)
    region = struct.pack(">IIIIB", w, h, 0, 0, 0) + bytes([1]) + g4  # generic region flags: MMR
    jbig2 = segment(0, 48, 1, page_info) + segment(1, 38, 1, region) + segment(2, 49, 1, b"")
    # First byte: filter 6 (JBIG2), no globals. Second: 6 (image mask) + 0x80 (/Decode [1 0]).
    (HERE / "ocr" / "jbig2-mmr-table.bin").write_bytes(bytes([6, 6 | 0x80]) + size + jbig2)


if __name__ == "__main__":
    main()
