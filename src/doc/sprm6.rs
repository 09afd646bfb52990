//! Word 6.0/95 (and Word 2.0) property modifiers: one-byte sprm codes
//! whose operand sizes come from a table (Word 97's two-byte codes carry
//! their size), read and rewritten as the Word 97 sprms the reader
//! understands, so paragraph, table and symbol properties go through
//! `props` and `chars` unchanged. Sprms the reader has no use for are
//! dropped in the rewrite. Word 2.0 numbers most sprms differently.

/// Which one-byte sprm set a property list is written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dialect {
    Word2,
    /// Word 6.0/95; the Far East variants (`wIdent` 0xA697–0xA699) give
    /// sprms 111–113 two-byte operands.
    Word6 { far_east: bool },
}

/// How long a Word 6 sprm's operand is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Operand {
    Fixed(usize),
    /// A length byte, then that many bytes.
    Byte,
    /// A two-byte length that counts itself minus one (`sprmTDefTable`).
    Word,
    /// `sprmPChgTabs`: a length byte, or 255 and lists that say their size.
    Tabs,
}

/// Operand sizes of the paragraph sprms 23–52, alike in Word 2.0 and 6.
const SIZES_SHARED: [(u8, u8, Operand); 11] = [
    (23, 23, Operand::Tabs),
    (24, 25, Operand::Fixed(1)),
    (26, 28, Operand::Fixed(2)),
    (29, 29, Operand::Fixed(1)),
    (30, 36, Operand::Fixed(2)),
    (37, 37, Operand::Fixed(1)),
    (38, 43, Operand::Fixed(2)),
    (44, 44, Operand::Fixed(1)),
    (45, 49, Operand::Fixed(2)),
    (50, 51, Operand::Fixed(1)),
    (52, 52, Operand::Fixed(0)),
];

/// Operand sizes of the Word 6 sprms besides those, from the Word 6.0
/// binary format description (the same table LibreOffice's `ww8scan.cxx`
/// keeps): (first code, last code, size). Codes not listed have a length
/// byte.
const SIZES: [(u8, u8, Operand); 42] = [
    (0, 0, Operand::Fixed(0)),
    (2, 2, Operand::Fixed(2)),
    (4, 11, Operand::Fixed(1)),
    (13, 14, Operand::Fixed(1)),
    (16, 19, Operand::Fixed(2)),
    (20, 20, Operand::Fixed(4)),
    (21, 22, Operand::Fixed(2)),
    (65, 67, Operand::Fixed(1)),
    (69, 69, Operand::Fixed(2)),
    (70, 70, Operand::Fixed(4)),
    (71, 71, Operand::Fixed(1)),
    (72, 72, Operand::Fixed(2)),
    (73, 73, Operand::Fixed(3)),
    (75, 75, Operand::Fixed(1)),
    (80, 80, Operand::Fixed(2)),
    (83, 83, Operand::Fixed(0)),
    (85, 92, Operand::Fixed(1)),
    (93, 93, Operand::Fixed(2)),
    (94, 94, Operand::Fixed(1)),
    (95, 95, Operand::Fixed(3)),
    (96, 97, Operand::Fixed(2)),
    (98, 98, Operand::Fixed(1)),
    (99, 99, Operand::Fixed(2)),
    (100, 100, Operand::Fixed(1)),
    (101, 101, Operand::Fixed(2)),
    (102, 102, Operand::Fixed(1)),
    (104, 104, Operand::Fixed(1)),
    (107, 107, Operand::Fixed(2)),
    (109, 110, Operand::Fixed(2)),
    (117, 119, Operand::Fixed(1)),
    (121, 124, Operand::Fixed(2)),
    (131, 132, Operand::Fixed(1)),
    (136, 137, Operand::Fixed(3)),
    (138, 139, Operand::Fixed(1)),
    (140, 141, Operand::Fixed(2)),
    (142, 143, Operand::Fixed(1)),
    (144, 145, Operand::Fixed(2)),
    (146, 147, Operand::Fixed(1)),
    (148, 149, Operand::Fixed(2)),
    (150, 153, Operand::Fixed(1)),
    (154, 171, Operand::Fixed(2)),
    (182, 200, Operand::Fixed(2)),
];

/// Operand sizes of the Word 2.0 sprms, as `SIZES`.
const SIZES_2: [(u8, u8, Operand); 29] = [
    (0, 0, Operand::Fixed(0)),
    (2, 2, Operand::Fixed(1)),
    (4, 14, Operand::Fixed(1)),
    (16, 22, Operand::Fixed(2)),
    (53, 55, Operand::Fixed(1)),
    (58, 58, Operand::Fixed(0)),
    (60, 67, Operand::Fixed(1)),
    (68, 68, Operand::Fixed(2)),
    (69, 69, Operand::Fixed(1)),
    (70, 70, Operand::Fixed(3)),
    (71, 72, Operand::Fixed(2)),
    (73, 77, Operand::Fixed(1)),
    (80, 81, Operand::Fixed(1)),
    (82, 83, Operand::Fixed(2)),
    (84, 87, Operand::Fixed(1)),
    (94, 94, Operand::Fixed(1)),
    (96, 99, Operand::Fixed(2)),
    (112, 112, Operand::Fixed(1)),
    (114, 114, Operand::Fixed(1)),
    (115, 116, Operand::Fixed(2)),
    (117, 118, Operand::Fixed(1)),
    (119, 120, Operand::Fixed(2)),
    (121, 122, Operand::Fixed(1)),
    (123, 124, Operand::Fixed(2)),
    (125, 128, Operand::Fixed(1)),
    (129, 132, Operand::Fixed(2)),
    (133, 134, Operand::Fixed(1)),
    (135, 136, Operand::Fixed(2)),
    (137, 138, Operand::Fixed(1)),
];

/// Word 2.0 sizes from 139 on: page and table sprms.
fn size_2_from_139(code: u8) -> Option<Operand> {
    Some(match code {
        139..=148 | 153 | 159 | 161 | 162 => Operand::Fixed(2),
        149 => Operand::Fixed(1),
        152 | 155 => Operand::Byte,
        154 => Operand::Word,
        157 | 163 => Operand::Fixed(5),
        158 | 160 | 164 => Operand::Fixed(4),
        _ => return None,
    })
}

/// Sizes within 150–200 that differ from their range in `SIZES`.
fn exception(code: u8) -> Option<Operand> {
    Some(match code {
        158 | 159 | 162 | 185 | 186 => Operand::Fixed(1),
        163 => Operand::Fixed(0),
        187 => Operand::Fixed(12),
        188 => Operand::Byte,
        190 => Operand::Word,
        191 => Operand::Byte,
        192 | 194 | 196 | 200 => Operand::Fixed(4),
        193 | 199 => Operand::Fixed(5),
        _ => return None,
    })
}

fn operand(code: u8, dialect: Dialect) -> Operand {
    let far_east = match dialect {
        Dialect::Word2 => {
            return listed(&SIZES_2, code).or_else(|| size_2_from_139(code)).unwrap_or(Operand::Byte);
        }
        Dialect::Word6 { far_east } => far_east,
    };
    if far_east && (111..=113).contains(&code) {
        return Operand::Fixed(2);
    }
    if let Some(size) = exception(code) {
        return size;
    }
    listed(&SIZES, code).unwrap_or(Operand::Byte)
}

/// The size `table` (or the shared paragraph sprms) gives `code`.
fn listed(table: &[(u8, u8, Operand)], code: u8) -> Option<Operand> {
    table.iter().chain(&SIZES_SHARED).find(|(first, last, _)| (*first..=*last).contains(&code)).map(|s| s.2)
}

/// The sprms of a Word 6 (or 2) `grpprl`, as (code, operand) pairs; a
/// truncated last one ends the list.
pub fn sprms(grpprl: &[u8], dialect: Dialect) -> Vec<(u8, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(&code) = grpprl.get(at) {
        at += 1;
        let (skip, len) = match operand(code, dialect) {
            Operand::Fixed(n) => (0, n),
            Operand::Byte => match grpprl.get(at) {
                Some(&cb) => (1, usize::from(cb)),
                None => break,
            },
            Operand::Word => match super::u16_at(grpprl, at) {
                Some(cb) => (2, usize::from(cb).saturating_sub(1)),
                None => break,
            },
            Operand::Tabs => match grpprl.get(at) {
                Some(&255) => {
                    // itbdDelMax, rgdxaDel and rgdxaClose; itbdAddMax,
                    // rgdxaAdd and rgtbdAdd.
                    let deleted = usize::from(grpprl.get(at + 1).copied().unwrap_or(0));
                    let added_at = at + 2 + 4 * deleted;
                    let added = usize::from(grpprl.get(added_at).copied().unwrap_or(0));
                    (1, 1 + 4 * deleted + 1 + 3 * added)
                }
                Some(&cb) => (1, usize::from(cb)),
                None => break,
            },
        };
        let Some(op) = grpprl.get(at + skip..at + skip + len) else { break };
        out.push((code, op));
        at += skip + len;
    }
    out
}

/// Whether a Word 6 `grpprl` numbers its paragraph automatically: a
/// numbering level (`sprmPNLvlAnm`) other than none — a Word 6 list, which
/// the reader does not count.
pub fn numbered(grpprl: &[u8], dialect: Dialect) -> bool {
    matches!(dialect, Dialect::Word6 { .. })
        && sprms(grpprl, dialect).iter().any(|(code, op)| *code == 13 && op.first().is_some_and(|&l| l != 0))
}

/// Size of a Word 6 table cell descriptor (TC: flags and four 2-byte
/// borders); Word 97's TC80 is 20 bytes.
const TC6_SIZE: usize = 10;
const TC80_SIZE: usize = 20;

/// The sprms of a Word 6 `grpprl` the reader uses, rewritten as Word 97
/// sprms: style, justification, first-line indent, in table, row end,
/// table header, the row definition (cell descriptors widened to TC80s)
/// and an inserted symbol (its one-byte character as U+F0xx, as the Word
/// 97 reader and LibreOffice show symbol fonts). Word 2.0 has no table
/// header or symbol sprm, a one-byte style and its row definition at 154.
pub fn to_word97(grpprl: &[u8], dialect: Dialect) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |sprm: u16, op: &[u8]| {
        out.extend(sprm.to_le_bytes());
        out.extend(op);
    };
    let word2 = dialect == Dialect::Word2;
    for (code, op) in sprms(grpprl, dialect) {
        match code {
            2 if word2 => push(0x4600, &[op[0], 0]),
            2 => push(0x4600, op),
            5 => push(0x2403, op),
            19 => push(0x8411, op),
            24 => push(0x2416, op),
            25 => push(0x2417, op),
            186 if !word2 => push(0x3404, op),
            154 if word2 => {
                if let Some(def) = row_definition(op) {
                    push(0xD608, &def);
                }
            }
            190 if !word2 => {
                if let Some(def) = row_definition(op) {
                    push(0xD608, &def);
                }
            }
            74 if !word2 => {
                // Font (2 bytes) and a one-byte character.
                if let (Some(font), Some(&ch)) = (op.get(..2), op.get(2)) {
                    let mut operand = font.to_vec();
                    operand.extend((0xF000u16 | u16::from(ch)).to_le_bytes());
                    push(0x6A09, &operand);
                }
            }
            _ => {}
        }
    }
    out
}

/// A Word 6 (or 2) row definition as Word 97's `sprmTDefTable` operand
/// (its two-byte length first): the cell count and boundaries as they are,
/// each 10-byte cell descriptor widened to a 20-byte TC80 whose flags word
/// keeps its meaning (fFirstMerged, fMerged). `None` when it would not fit.
fn row_definition(op: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(op.first().copied().unwrap_or(0));
    let edges_end = (1 + 2 * (count + 1)).min(op.len());
    let mut def = op[..edges_end].to_vec();
    for i in 0..count {
        let tc = op.get(edges_end + TC6_SIZE * i..edges_end + TC6_SIZE * (i + 1));
        let mut tc80 = [0u8; TC80_SIZE];
        if let Some(tc) = tc {
            tc80[..2].copy_from_slice(&tc[..2]);
        }
        def.extend(tc80);
    }
    let cb = u16::try_from(def.len() + 1).ok()?;
    let mut operand = cb.to_le_bytes().to_vec();
    operand.extend(def);
    Some(operand)
}

#[cfg(test)]
mod tests {
    use super::super::props::Para;
    use super::*;

    #[test]
    fn word6_sprms_become_word97_properties() {
        // sprmPIstd 3, an unknown variable sprm, sprmPJc centred, in table, row end.
        let mut grpprl = vec![2, 3, 0, 12, 2, 0xAA, 0xBB, 5, 1, 24, 1, 25, 1];
        // sprmTDefTable: 2 cells at 0, 100, 300; the second merged into the first.
        let mut def = vec![2u8];
        for edge in [0i16, 100, 300] {
            def.extend(edge.to_le_bytes());
        }
        def.extend([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        def.extend([2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        grpprl.push(190);
        grpprl.extend(((def.len() + 1) as u16).to_le_bytes());
        grpprl.extend(&def);
        grpprl.extend([19, 0x68, 0x01]);
        let mut para = Para::default();
        para.apply(&to_word97(&grpprl, WORD6));
        assert_eq!(para.istd, 0, "the style is the caller's to take");
        assert!(para.in_table && para.row_end && para.centered == Some(true));
        assert_eq!(para.first_indent, Some(360));
        let row = para.row.unwrap();
        assert_eq!(row.edges, [0, 100, 300]);
        assert!(row.cells[1].merged_left && !row.cells[0].merged_left);
        let istd = super::super::props::sprms(&to_word97(&grpprl, WORD6))
            .into_iter()
            .find(|(s, _)| *s == super::super::props::SPRM_P_ISTD)
            .map(|(_, op)| op.to_vec());
        assert_eq!(istd, Some(vec![3, 0]));
        // Truncated and garbage lists end without a panic.
        for n in 0..grpprl.len() {
            Para::default().apply(&to_word97(&grpprl[..n], WORD6));
        }
        for code in 0..=255u8 {
            for dialect in [WORD6, Dialect::Word6 { far_east: true }, Dialect::Word2] {
                let _ = to_word97(&[code, 255, 255, 255, 190, 0xFF, 0xFF, 23, 255, 200, 154, 0xFF], dialect);
            }
        }
    }

    const WORD6: Dialect = Dialect::Word6 { far_east: false };

    #[test]
    fn far_east_variant_and_word2_sizes() {
        let far_east = Dialect::Word6 { far_east: true };
        assert_eq!(sprms(&[111, 1, 2, 5, 1], far_east), vec![(111, &[1u8, 2][..]), (5, &[1u8][..])]);
        assert_eq!(sprms(&[111, 1, 2, 5, 1], WORD6), vec![(111, &[2u8][..]), (5, &[1u8][..])]);
        // Word 2.0: a one-byte style, sprmPDyaLine of two bytes, in table.
        let word2 = [2, 7, 20, 0xF0, 0, 24, 1];
        assert_eq!(sprms(&word2, Dialect::Word2).len(), 3);
        let mut para = Para::default();
        para.apply(&to_word97(&word2, Dialect::Word2));
        assert!(para.in_table);
        let istd = super::super::props::sprms(&to_word97(&word2, Dialect::Word2))[0].1.to_vec();
        assert_eq!(istd, [7, 0]);
    }
}
