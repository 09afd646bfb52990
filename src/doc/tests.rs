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
        let styles = styles::Styles::parse(&bytes);
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
    let styles = styles::Styles::parse(&[]);
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
