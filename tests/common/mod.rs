//! Test helpers that build input files byte by byte: zip archives with raw
//! (GBK) names and zip bombs, which the zip crate's writer cannot make, and
//! small PDF files. Shared by the integration tests (`mod common;`).

#![allow(dead_code)] // each test binary uses a part

pub mod corpus;
pub mod golden;

use std::path::Path;

/// One entry of a hand-made zip.
pub struct RawEntry {
    pub name: Vec<u8>,
    /// General-purpose flag bit 11: the name is UTF-8.
    pub utf8_flag: bool,
    /// 0 stored, 8 deflate.
    pub method: u16,
    pub crc: u32,
    pub data: Vec<u8>,
    /// The uncompressed size the headers declare.
    pub declared_size: u32,
}

impl RawEntry {
    /// A stored entry; `name` as raw bytes (GBK names: encode them first).
    pub fn stored(name: &[u8], utf8_flag: bool, data: &[u8]) -> RawEntry {
        RawEntry {
            name: name.to_vec(),
            utf8_flag,
            method: 0,
            crc: crc32(data),
            data: data.to_vec(),
            declared_size: data.len() as u32,
        }
    }

    /// A zip bomb: deflate data for `zeros` zero bytes, declaring
    /// `declared_size` (declare a small size to lie like a real bomb).
    /// The CRC is left 0: a reader under a size limit never gets to it.
    pub fn zero_bomb(name: &str, zeros: u64, declared_size: u32) -> RawEntry {
        RawEntry {
            name: name.as_bytes().to_vec(),
            utf8_flag: false,
            method: 8,
            crc: 0,
            data: deflate_zeros(zeros),
            declared_size,
        }
    }
}

/// A zip archive of `entries`: local headers, data, central directory, end
/// record. No data descriptors, no extra fields, DOS date 1980-01-01.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    let flags = |e: &RawEntry| if e.utf8_flag { 1u16 << 11 } else { 0 };
    for e in entries {
        offsets.push(out.len() as u32);
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(20u16.to_le_bytes());
        out.extend(flags(e).to_le_bytes());
        out.extend(e.method.to_le_bytes());
        out.extend(0u16.to_le_bytes()); // time
        out.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
        out.extend(e.crc.to_le_bytes());
        out.extend((e.data.len() as u32).to_le_bytes());
        out.extend(e.declared_size.to_le_bytes());
        out.extend((e.name.len() as u16).to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(&e.name);
        out.extend(&e.data);
    }
    let directory_start = out.len() as u32;
    for (e, offset) in entries.iter().zip(&offsets) {
        out.extend(0x0201_4b50u32.to_le_bytes());
        out.extend(20u16.to_le_bytes()); // made by: MS-DOS
        out.extend(20u16.to_le_bytes());
        out.extend(flags(e).to_le_bytes());
        out.extend(e.method.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(0x21u16.to_le_bytes());
        out.extend(e.crc.to_le_bytes());
        out.extend((e.data.len() as u32).to_le_bytes());
        out.extend(e.declared_size.to_le_bytes());
        out.extend((e.name.len() as u16).to_le_bytes());
        out.extend([0u8; 8]); // extra, comment, disk, internal attrs
        out.extend(0u32.to_le_bytes()); // external attrs
        out.extend(offset.to_le_bytes());
        out.extend(&e.name);
    }
    let directory_size = out.len() as u32 - directory_start;
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(directory_size.to_le_bytes());
    out.extend(directory_start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `n` zero bytes in one fixed-Huffman block: a
/// literal 0, then matches of length 258 at distance 1 (13 bits per 258
/// bytes). Made by hand because compressing hundreds of MB in a debug build
/// is slow.
pub fn deflate_zeros(n: u64) -> Vec<u8> {
    deflate_parts(&[Part::Run(0, n)])
}

/// A piece of the data [`deflate_parts`] compresses.
pub enum Part<'a> {
    /// Bytes written as they are.
    Literal(&'a [u8]),
    /// One byte repeated n times.
    Run(u8, u64),
    /// A piece (at most 258 bytes) repeated n times.
    Repeat(&'a [u8], u64),
}

/// A raw deflate stream (one fixed-Huffman block) of `parts`: runs cost 13
/// bits per 258 bytes, so a few KB stand for hundreds of MB.
pub fn deflate_parts(parts: &[Part]) -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE 01: fixed Huffman
    for part in parts {
        match *part {
            Part::Literal(bytes) => bytes.iter().for_each(|&b| bits.literal(b)),
            Part::Run(byte, n) => {
                let mut left = n;
                if left > 0 {
                    bits.literal(byte);
                    left -= 1;
                }
                while left >= 258 {
                    bits.huffman(0xC5, 8); // length symbol 285: 258
                    bits.huffman(0, 5); // distance code 0: 1
                    left -= 258;
                }
                for _ in 0..left {
                    bits.literal(byte);
                }
            }
            Part::Repeat(piece, n) => {
                assert!(!piece.is_empty() && piece.len() <= 258, "a piece of 1 to 258 bytes");
                if n == 0 {
                    continue;
                }
                piece.iter().for_each(|&b| bits.literal(b));
                // The rest copies the bytes `piece.len()` back, 258 at a time.
                let mut left = piece.len() as u64 * (n - 1);
                while left >= 258 {
                    bits.huffman(0xC5, 8); // length symbol 285: 258
                    bits.distance(piece.len() as u32);
                    left -= 258;
                }
                // What is left starts where a whole number of 258-byte
                // copies ended within the piece.
                let done = piece.len() as u64 * (n - 1) - left;
                for k in 0..left {
                    bits.literal(piece[((done + k) % piece.len() as u64) as usize]);
                }
            }
        }
    }
    bits.huffman(0, 7); // end of block
    bits.finish()
}

/// [`deflate_parts`] in a zlib wrapper (what PDF's FlateDecode reads).
pub fn zlib_parts(parts: &[Part]) -> Vec<u8> {
    let (mut a, mut b) = (1u32, 0u32);
    let mut add = |byte: u8| {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    };
    for part in parts {
        match *part {
            Part::Literal(bytes) => bytes.iter().for_each(|&x| add(x)),
            Part::Run(byte, n) => (0..n).for_each(|_| add(byte)),
            Part::Repeat(piece, n) => (0..n).for_each(|_| piece.iter().for_each(|&x| add(x))),
        }
    }
    let mut out = vec![0x78, 0x01];
    out.extend(deflate_parts(parts));
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    current: u32,
    count: u32,
}

impl BitWriter {
    /// `n` bits of `value`, least significant first (header fields).
    fn put(&mut self, value: u32, n: u32) {
        for i in 0..n {
            self.bit((value >> i) & 1);
        }
    }

    /// A Huffman code: most significant bit first.
    fn huffman(&mut self, code: u32, n: u32) {
        for i in (0..n).rev() {
            self.bit((code >> i) & 1);
        }
    }

    /// A match distance (1 to 32768): its fixed 5-bit code, then the extra
    /// bits (RFC 1951 §3.2.5).
    fn distance(&mut self, d: u32) {
        let (code, extra, base) = (0..30u32)
            .map(|c| {
                let extra = if c < 4 { 0 } else { c / 2 - 1 };
                let base = if c < 4 { c + 1 } else { ((2 + (c & 1)) << extra) + 1 };
                (c, extra, base)
            })
            .take_while(|&(_, _, base)| base <= d)
            .last()
            .expect("a distance of at least 1");
        self.huffman(code, 5);
        self.put(d - base, extra);
    }

    /// A literal byte in the fixed Huffman code.
    fn literal(&mut self, byte: u8) {
        if byte < 144 {
            self.huffman(0x30 + u32::from(byte), 8);
        } else {
            self.huffman(0x190 + u32::from(byte - 144), 9);
        }
    }

    fn bit(&mut self, b: u32) {
        self.current |= b << self.count;
        self.count += 1;
        if self.count == 8 {
            self.bytes.push(self.current as u8);
            self.current = 0;
            self.count = 0;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.bytes.push(self.current as u8);
        }
        self.bytes
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PDF file from object bodies (object i+1 is `objects[i]`), with a
/// correct xref table; `trailer` is added to the trailer dictionary.
pub fn pdf(objects: &[&[u8]], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(*body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

/// A stream object body with its /Length.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend(data);
    body.extend(b"\nendstream");
    body
}

/// Every file below `dir`, as paths relative to it with `/`, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// A DOCX of the three parts the `docx_xml` fuzz target mutates, packed as
/// that target packs them (stored, with relationships to all three).
pub fn docx_parts(document: &[u8], styles: &[u8], numbering: &[u8]) -> Vec<u8> {
    const TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    const PACKAGE_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    const DOCUMENT_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;
    raw_zip(&[
        RawEntry::stored(b"[Content_Types].xml", false, TYPES),
        RawEntry::stored(b"_rels/.rels", false, PACKAGE_RELS),
        RawEntry::stored(b"word/_rels/document.xml.rels", false, DOCUMENT_RELS),
        RawEntry::stored(b"word/document.xml", false, document),
        RawEntry::stored(b"word/styles.xml", false, styles),
        RawEntry::stored(b"word/numbering.xml", false, numbering),
    ])
}

/// Converts a file, panicking with the error's message.
pub fn convert(path: &Path) -> govdoc::Output {
    govdoc::convert_path(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Each table's cells as (row, column, text without white space): what two
/// readings of one document must agree on.
pub fn table_texts(output: &govdoc::Output) -> Vec<Vec<(usize, usize, String)>> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    output
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            govdoc::model::Block::Table(t) => Some(t.cells.iter().map(|c| (c.row, c.col, squeeze(&c.text))).collect()),
            _ => None,
        })
        .collect()
}

/// Sends SIGINT (what Ctrl-C sends) to `child` once `ready` says it is
/// under way (polled every 20 ms, at most two minutes), and waits for it.
#[cfg(unix)]
pub fn interrupt_when(child: std::process::Child, ready: impl Fn() -> bool) -> std::process::Output {
    let started = std::time::Instant::now();
    while !ready() {
        assert!(started.elapsed().as_secs() < 120, "the command never got under way");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill").arg("-INT").arg(child.id().to_string()).status().unwrap();
    assert!(killed.success());
    child.wait_with_output().unwrap()
}

/// The one word the tests' stand-in OCR engines read on each page they are
/// given (so a scanned document has text and converts), placed near the
/// top-left of the page image.
pub fn stand_in_word() -> govdoc::pdf::ocr::engine::Word {
    govdoc::pdf::ocr::engine::Word {
        text: "扫描页".into(),
        left: 2.0,
        top: 6.0,
        width: 12.0,
        height: 4.0,
        confidence: 0.95,
        line: (1, 1, 1),
    }
}
