use super::*;

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert_eq!(read(b"not a compound file").unwrap_err().code, crate::ErrorCode::Corrupt);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..600)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let _ = read(&bytes);
        let runs = Vec::new();
        let styles = styles::Styles::parse(&bytes, None);
        let mut builder = Builder::new(&runs, &styles);
        for pair in bytes.chunks(2) {
            builder.char(0, 0, u16::from(pair[0]) % 0x20);
        }
        builder.finish();
    }
}

#[test]
fn rows_with_merges_make_one_grid() {
    let def = |edges: &[i16], merged_up: &[bool], merged_left: &[bool]| RowDef {
        edges: edges.to_vec(),
        cells: merged_up
            .iter()
            .zip(merged_left)
            .map(|(&u, &l)| props::CellDef { merged_up: u, merged_left: l })
            .collect(),
        header: false,
    };
    let rows = vec![
        (vec!["a".to_string(), "b".to_string()], Some(def(&[0, 100, 300], &[false, false], &[false, false]))),
        (
            vec!["".to_string(), "c".to_string(), "d".to_string()],
            Some(def(&[0, 100, 200, 300], &[true, false, false], &[false, false, false])),
        ),
        (vec!["e".to_string(), "f".to_string()], Some(def(&[0, 200, 300], &[false, false], &[false, false]))),
    ];
    let mut missing = 0;
    let t = table(&rows, &mut missing).unwrap().unwrap();
    let cells: Vec<(usize, usize, usize, usize, &str)> =
        t.grid.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str())).collect();
    assert_eq!(
        cells,
        [
            (0, 0, 2, 1, "a"),
            (0, 1, 1, 2, "b"),
            (1, 1, 1, 1, "c"),
            (1, 2, 1, 1, "d"),
            (2, 0, 1, 2, "e"),
            (2, 2, 1, 1, "f")
        ]
    );
    assert_eq!(t.column_edges, [0.0, 5.0, 10.0, 15.0]);
    assert_eq!(missing, 0);
}

/// A fast save's property modifiers (a piece's Prm naming a Prc of the Clx)
/// apply to the paragraphs whose marks are in that piece, and only to them.
#[test]
fn a_pieces_modifiers_apply_to_its_paragraphs() {
    let runs = Vec::new();
    let styles = styles::Styles::parse(&[], None);
    let pieces = [
        Piece { cp_start: 0, cp_end: 4, offset: 0, compressed: true, prm: 1 },
        Piece { cp_start: 4, cp_end: 8, offset: 4, compressed: true, prm: 0 },
    ];
    // sprmPJc80: centred.
    let centred: &[u8] = &[0x03, 0x24, 1];
    let modifiers = [centred];
    let mut builder = Builder::new(&runs, &styles);
    builder.pieces = &pieces;
    builder.modifiers = &modifiers;
    for (cp, unit) in "abc\rdef\r".encode_utf16().enumerate() {
        builder.char(cp as u32, cp as u32, unit);
    }
    builder.finish();
    let centred: Vec<(String, bool)> = builder
        .out
        .iter()
        .filter_map(|f| match f {
            Fragment::Paragraph(p) => Some((p.text.clone(), p.title_like)),
            _ => None,
        })
        .collect();
    assert_eq!(centred, [("abc".to_string(), true), ("def".to_string(), false)]);
}

/// A minimal Word 6.0 document in a compound file, built as Word 6 lays it
/// out: the FIB, the 8-bit text at `fcMin`, a PAPX FKP with one-byte sprms
/// and 7-byte entries, a two-byte-page bin table, a style sheet with 8-bit
/// names and a font table. The text is GBK (its font's charset is 134):
/// 「中文」, a table row of two cells, and a field whose result is shown.
fn word6_document(flags: u16) -> Vec<u8> {
    const FC_MIN: usize = 0x200;
    let mut text: Vec<u8> = vec![0xD6, 0xD0, 0xCE, 0xC4, b'\r'];
    text.extend(b"a\x07b\x07\x07");
    text.extend(b"\x13 PAGE \x147\x15\r");
    let fc = |i: usize| (FC_MIN + i) as u32;
    let mut word = vec![0u8; 0xA00];
    word[0..2].copy_from_slice(&0xA5DCu16.to_le_bytes());
    word[2..4].copy_from_slice(&101u16.to_le_bytes());
    word[6..8].copy_from_slice(&0x0409u16.to_le_bytes());
    word[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
    let put32 = |word: &mut Vec<u8>, at: usize, v: u32| word[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put32(&mut word, 0x18, fc(0));
    put32(&mut word, 0x1C, fc(text.len()));
    put32(&mut word, 0x34, text.len() as u32);
    word[FC_MIN..FC_MIN + text.len()].copy_from_slice(&text);
    // PAPX FKP (page 2): paragraphs end after 5, 7, 9, 10 and all bytes.
    let page = 0x400;
    let ends = [0usize, 5, 7, 9, 10, text.len()];
    for (i, &end) in ends.iter().enumerate() {
        put32(&mut word, page + 4 * i, fc(end));
    }
    let runs = ends.len() - 1;
    word[page + 511] = runs as u8;
    let cell: Vec<u8> = vec![0, 0, 24, 1];
    // The row end: in table, row end, and the row's two cells at 0, 1000, 2000.
    let mut row: Vec<u8> = vec![0, 0, 24, 1, 25, 1, 190];
    row.extend(two_cell_row_definition());
    let mut at = 0x100;
    for (r, papx) in [None, Some(&cell), Some(&cell), Some(&row), None].into_iter().enumerate() {
        let Some(papx) = papx else { continue };
        word[page + 4 * (runs + 1) + 7 * r] = (at / 2) as u8;
        word[page + at] = (papx.len() / 2) as u8;
        word[page + at + 1..page + at + 1 + papx.len()].copy_from_slice(papx);
        at += 1 + papx.len() + 1;
        at += at % 2;
    }
    // Bin table, style sheet (one paragraph style "Normal") and font table.
    let mut tables = Vec::new();
    let mut pair = |word: &mut Vec<u8>, fib_at: usize, bytes: &[u8]| {
        put32(word, fib_at, (0x800 + tables.len()) as u32);
        put32(word, fib_at + 4, bytes.len() as u32);
        tables.extend_from_slice(bytes);
    };
    let mut bte = Vec::new();
    bte.extend(fc(0).to_le_bytes());
    bte.extend(fc(text.len()).to_le_bytes());
    bte.extend(2u16.to_le_bytes());
    pair(&mut word, 0xC0, &bte);
    let mut stsh = vec![14, 0, 1, 0, 8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let mut std = vec![0, 0, 0xF1, 0xFF, 0, 0, 0, 0, 6];
    std.extend(b"Normal\0");
    // The paragraph UPX (istd 0, no sprms) and an empty character UPX.
    std.extend([2, 0, 0, 0, 0, 0]);
    stsh.extend((std.len() as u16).to_le_bytes());
    stsh.extend(std);
    pair(&mut word, 0x60, &stsh);
    let mut ffn = vec![0u8, 0x02, 0x90, 0x01, 134, 0];
    ffn.extend(b"SimSun\0");
    ffn[0] = (ffn.len() - 1) as u8;
    let mut fonts = ((ffn.len() + 2) as u16).to_le_bytes().to_vec();
    fonts.extend(ffn);
    pair(&mut word, 0xD0, &fonts);
    word[0x800..0x800 + tables.len()].copy_from_slice(&tables);
    compound_file(&word)
}

/// The operand of a Word 6 (or 2) `sprmTDefTable`, its two-byte length
/// first: two cells at 0, 1000 and 2000 twips, with empty 10-byte cell
/// descriptors.
fn two_cell_row_definition() -> Vec<u8> {
    let mut def = vec![2u8];
    for edge in [0i16, 1000, 2000] {
        def.extend(edge.to_le_bytes());
    }
    def.extend([0u8; 20]);
    let mut operand = ((def.len() + 1) as u16).to_le_bytes().to_vec();
    operand.extend(def);
    operand
}

/// `word` as the `WordDocument` stream of a compound file.
fn compound_file(word: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("WordDocument").unwrap().write_all(word).unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn texts(fragments: &Fragments) -> Vec<String> {
    fragments.items.iter().map(fragment_text).collect()
}

#[test]
fn word6_documents_are_read_like_word97_ones() {
    let fragments = read(&word6_document(0)).unwrap();
    assert_eq!(texts(&fragments), ["中文", "a b", "7"], "{:?}", fragments.items);
    let Fragment::Table(table) = &fragments.items[1] else { panic!("{:?}", fragments.items) };
    assert_eq!((table.grid.rows, table.grid.cols), (1, 2));
    assert_eq!(table.column_edges, [0.0, 50.0, 100.0]);
    // Encrypted: refused as for Word 97.
    assert_eq!(read(&word6_document(0x0100)).unwrap_err().code, crate::ErrorCode::Encrypted);
}

/// Damaged Word 6 streams (every byte of the header and the tables in
/// turn, and truncations) are errors or output, never a panic.
#[test]
fn damaged_word6_documents_do_not_panic() {
    let good = word6_document(0);
    let mut file = cfb::CompoundFile::open(Cursor::new(&good)).unwrap();
    let mut word = Vec::new();
    file.open_stream("WordDocument").unwrap().read_to_end(&mut word).unwrap();
    for at in (0..word.len()).step_by(7) {
        let mut bad = word.clone();
        bad[at] ^= 0xFF;
        let _ = read(&compound_file(&bad));
    }
    for len in [0x10, 0x1E0, 0x201, 0x400, 0x5FF, 0x800] {
        let _ = read(&compound_file(&word[..len]));
    }
}

/// A minimal Word 2.0 document (a file of its own): the header, the text
/// at `fcMin`, and a PAPX FKP with one-byte entries whose PAPXs hold a
/// one-byte style and the PHE before the Word 2.0 sprms: a paragraph, then
/// a table row of two cells.
fn word2_document() -> Vec<u8> {
    const FC_MIN: usize = 0x200;
    let text = b"Hello\ra\x07b\x07\x07";
    let mut word = vec![0u8; 0x600];
    word[0..4].copy_from_slice(&[0xDB, 0xA5, 45, 0]);
    word[6..8].copy_from_slice(&0x0409u16.to_le_bytes());
    let put32 = |word: &mut Vec<u8>, at: usize, v: u32| word[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put32(&mut word, 0x18, FC_MIN as u32);
    put32(&mut word, 0x1C, (FC_MIN + text.len()) as u32);
    put32(&mut word, 0x34, text.len() as u32);
    word[FC_MIN..FC_MIN + text.len()].copy_from_slice(text);
    let page = 0x400;
    let ends = [0usize, 6, 8, 10, 11];
    for (i, &end) in ends.iter().enumerate() {
        put32(&mut word, page + 4 * i, (FC_MIN + end) as u32);
    }
    let runs = ends.len() - 1;
    word[page + 511] = runs as u8;
    let phe = [0u8; 6];
    let mut cell = vec![0u8];
    cell.extend(phe);
    cell.extend([24, 1, 0]);
    let mut row = vec![0u8];
    row.extend(phe);
    row.extend([24, 1, 25, 1, 154]);
    row.extend(two_cell_row_definition());
    row.push(0);
    let mut at = 0x100;
    for (r, papx) in [None, Some(&cell), Some(&cell), Some(&row)].into_iter().enumerate() {
        let Some(papx) = papx else { continue };
        assert!(papx.len().is_multiple_of(2));
        word[page + 4 * (runs + 1) + r] = (at / 2) as u8;
        word[page + at] = (papx.len() / 2) as u8;
        word[page + at + 1..page + at + 1 + papx.len()].copy_from_slice(papx);
        at += 2 + papx.len();
    }
    // The paragraph bin table: (fc, u16 lcb) at 0xA6.
    let mut bte = Vec::new();
    bte.extend((FC_MIN as u32).to_le_bytes());
    bte.extend(((FC_MIN + text.len()) as u32).to_le_bytes());
    bte.extend(2u16.to_le_bytes());
    word[0x580..0x580 + bte.len()].copy_from_slice(&bte);
    put32(&mut word, 0xA6, 0x580);
    word[0xAA..0xAC].copy_from_slice(&(bte.len() as u16).to_le_bytes());
    word
}

#[test]
fn word2_documents_are_read() {
    let fragments = read(&word2_document()).unwrap();
    assert_eq!(texts(&fragments), ["Hello", "a b"], "{:?}", fragments.items);
    let Fragment::Table(table) = &fragments.items[1] else { panic!("{:?}", fragments.items) };
    assert_eq!((table.grid.rows, table.grid.cols), (1, 2));
    let codes: Vec<&str> = fragments.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["doc.styles_not_read"]);
    // Fast-saved Word 2.0 files are refused; damaged ones are errors or output.
    let mut complex = word2_document();
    complex[0x0A] = 0x04;
    assert_eq!(read(&complex).unwrap_err().code, crate::ErrorCode::UnsupportedFormat);
    let good = word2_document();
    for at in (0..good.len()).step_by(3) {
        let mut bad = good.clone();
        bad[at] ^= 0xA5;
        let _ = read(&bad);
    }
}

/// Stream names in a compound file are compared without regard to case
/// (MS-CFB 2.6.4): a document whose writer stored `worddocument` and
/// `1table` (Apache POI's bug 47950) is a Word document, as Word reads it.
#[test]
fn stream_names_are_matched_in_any_case() {
    use std::io::{Read, Write};
    let original = std::fs::read("samples/report-2019-libreoffice.doc").unwrap();
    let mut source = cfb::CompoundFile::open(std::io::Cursor::new(&original)).unwrap();
    let names: Vec<String> =
        source.read_root_storage().filter(|e| e.is_stream()).map(|e| e.name().to_string()).collect();
    let mut renamed = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for name in &names {
        let mut data = Vec::new();
        source.open_stream(format!("/{name}")).unwrap().read_to_end(&mut data).unwrap();
        renamed.create_stream(format!("/{}", name.to_lowercase())).unwrap().write_all(&data).unwrap();
    }
    renamed.flush().unwrap();
    let bytes = renamed.into_inner().into_inner();
    assert!(is_word_binary(&bytes));
    let texts = |bytes: &[u8]| -> Vec<String> {
        read(bytes).unwrap().items.iter().filter_map(|f| match f {
            Fragment::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        }).collect()
    };
    let expected = texts(&original);
    assert!(!expected.is_empty());
    assert_eq!(texts(&bytes), expected);
}
