//! Paragraph and table properties ([MS-DOC] 2.6): the property modifiers
//! (sprms) of paragraph runs in the PAPX FKPs and of the style sheet, read
//! into the few facts the reader needs — in a table, a row end, nesting,
//! centring, first-line indent, outline level, list numbering, the row's
//! cell boundaries and merges.

use super::{u16_at, u32_at};

/// What a paragraph's sprms say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub istd: u16,
    pub in_table: bool,
    /// The paragraph is a table row's end mark (TTP).
    pub row_end: bool,
    /// Table nesting depth (`sprmPItap`); 0 outside tables.
    pub itap: u32,
    /// The end mark of a nested table's row (`sprmPFInnerTtp`).
    pub inner_row_end: bool,
    pub centered: Option<bool>,
    pub first_indent: Option<i16>,
    /// 0-based outline level; 9 is body text.
    pub outline: Option<u8>,
    /// The list format override the paragraph is numbered by
    /// (`sprmPIlfo`, from 1; 0 is none) and its level (`sprmPIlvl`).
    pub ilfo: Option<u16>,
    pub ilvl: Option<u8>,
    pub row: Option<RowDef>,
}

/// A table row's definition (`sprmTDefTable`, `sprmTVertMerge`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowDef {
    /// Cell boundaries in twips, one more than the cells.
    pub edges: Vec<i16>,
    pub cells: Vec<CellDef>,
    pub header: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CellDef {
    /// Merged into the cell before it (`fMerged` without `fFirstMerged`).
    pub merged_left: bool,
    /// Part of a vertical merge, and not its first cell.
    pub merged_up: bool,
}

/// `sprmPIstd`: the paragraph's style.
pub const SPRM_P_ISTD: u16 = 0x4600;

/// Most cells a row definition is read with (Word allows 63).
const MAX_CELLS: usize = 64;

/// The sprms of `grpprl`, as (sprm, operand) pairs; a truncated last one
/// ends the list.
pub fn sprms(grpprl: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(sprm) = u16_at(grpprl, at) {
        at += 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // Variable: a length byte; the table definition's length is
                // two bytes and counts itself plus one.
                if sprm == 0xD608 || sprm == 0xD606 {
                    let Some(cb) = u16_at(grpprl, at) else { break };
                    at += 2;
                    usize::from(cb).saturating_sub(1)
                } else {
                    let Some(&cb) = grpprl.get(at) else { break };
                    at += 1;
                    usize::from(cb)
                }
            }
        };
        let Some(operand) = grpprl.get(at..at + len) else { break };
        out.push((sprm, operand));
        at += len;
    }
    out
}

impl Para {
    /// Applies `grpprl` on top of what is already known.
    pub fn apply(&mut self, grpprl: &[u8]) {
        for (sprm, op) in sprms(grpprl) {
            let byte = op.first().copied().unwrap_or(0);
            match sprm {
                0x2416 => self.in_table = byte != 0,
                0x2417 => self.row_end = byte != 0,
                0x244C => self.inner_row_end = byte != 0,
                0x6649 => self.itap = u32_at(op, 0).unwrap_or(0).min(64),
                0x2403 | 0x2461 => self.centered = Some(byte == 1),
                0x8411 | 0x8460 => self.first_indent = u16_at(op, 0).map(|v| v as i16),
                0x2640 => self.outline = Some(byte),
                0x460B => self.ilfo = u16_at(op, 0),
                0x260A => self.ilvl = Some(byte),
                0xD608 => self.row = Some(row_def(op, self.row.take().unwrap_or_default())),
                0xD62B => {
                    // cb, itc, flags: 1 continues a vertical merge, 3 starts one.
                    if let (Some(row), Some(&itc), Some(&flags)) = (self.row.as_mut(), op.get(1), op.get(2))
                        && let Some(cell) = row.cells.get_mut(usize::from(itc)) {
                            cell.merged_up = flags == 1;
                        }
                }
                0x3404 => self.row.get_or_insert_with(RowDef::default).header = byte != 0,
                _ => {}
            }
        }
        if self.itap == 0 && self.in_table {
            self.itap = 1;
        }
    }
}

/// `sprmTDefTable`'s operand: cell count, boundaries, then TC80s (20 bytes
/// each, possibly fewer than the cells).
fn row_def(op: &[u8], mut row: RowDef) -> RowDef {
    let count = usize::from(op.first().copied().unwrap_or(0)).min(MAX_CELLS);
    let edges: Vec<i16> = (0..=count).map_while(|i| u16_at(op, 1 + 2 * i).map(|v| v as i16)).collect();
    if edges.len() != count + 1 {
        return row;
    }
    let tc_at = 1 + 2 * (count + 1);
    row.cells = (0..count)
        .map(|i| {
            let flags = u16_at(op, tc_at + 20 * i).unwrap_or(0);
            let first_merged = flags & 0x0001 != 0;
            let merged = flags & 0x0002 != 0;
            let vert_merge = flags & 0x0020 != 0;
            let vert_restart = flags & 0x0040 != 0;
            CellDef { merged_left: merged && !first_merged, merged_up: vert_merge && !vert_restart }
        })
        .collect();
    row.edges = edges;
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sprms() {
        let mut grpprl = vec![0x16, 0x24, 1, 0x17, 0x24, 1, 0x03, 0x24, 1];
        // sprmTDefTable: 2 cells at 0, 100, 300; TC80 of cell 1 continues a vertical merge.
        let mut op = vec![2u8];
        for edge in [0i16, 100, 300] {
            op.extend(edge.to_le_bytes());
        }
        op.extend([0u8; 20]);
        let mut tc = [0u8; 20];
        tc[0] = 0x20;
        op.extend(tc);
        grpprl.extend([0x08, 0xD6]);
        grpprl.extend(((op.len() + 1) as u16).to_le_bytes());
        grpprl.extend(&op);
        let mut para = Para::default();
        para.apply(&grpprl);
        assert!(para.in_table && para.row_end && para.centered == Some(true));
        assert_eq!(para.itap, 1);
        let row = para.row.unwrap();
        assert_eq!(row.edges, [0, 100, 300]);
        assert_eq!(row.cells[1], CellDef { merged_left: false, merged_up: true });
        // Truncated and garbage property lists end without a panic.
        for n in 0..grpprl.len() {
            Para::default().apply(&grpprl[..n]);
        }
        Para::default().apply(&[0x08, 0xD6, 0xFF, 0xFF, 0xFF]);
    }
}
