//! List numbering ([MS-DOC] 2.9.147 PlfLst, 2.9.148 PlfLfo, 2.9.150 LVL):
//! the list definitions (LSTF, each with one or nine levels) and the list
//! format overrides (LFO) that paragraphs name with `sprmPIlfo`, read into
//! the DOCX front end's [`Numbering`], which counts and renders the labels
//! as for `numbering.xml`: a list is an abstract numbering definition, an
//! LFO (numbered from 1, as `sprmPIlfo` counts) a `w:num` instance.

use super::{u16_at, u32_at};
use crate::docx::numbering::{Level, Numbering, Suffix};

/// Size of an LSTF, an LVLF and an LFO.
const LSTF_SIZE: usize = 28;
const LVLF_SIZE: usize = 28;
const LFO_SIZE: usize = 16;
/// Levels of a list that is not a simple (one-level) list.
const LEVELS: usize = 9;

/// Reads the lists of the table stream; `plf_lst` and `plf_lfo` are the
/// bytes the FIB names. What is damaged is left out: those paragraphs
/// show no label.
pub fn read(table: &[u8], plf_lst: (u32, u32), plf_lfo: (u32, u32)) -> Numbering {
    let mut numbering = Numbering::default();
    let (lst_at, lst_len) = (plf_lst.0 as usize, plf_lst.1 as usize);
    if lst_len >= 2 {
        let count = u16_at(table, lst_at).map_or(0, |c| c as i16).max(0) as usize;
        // The LVLs follow the PlfLst: all levels of the first list, then the
        // next list's.
        let mut at = lst_at.saturating_add(2).saturating_add(count.saturating_mul(LSTF_SIZE));
        for i in 0..count {
            let Some(lstf) = table.get(lst_at + 2 + i * LSTF_SIZE..lst_at + 2 + (i + 1) * LSTF_SIZE) else { break };
            let lsid = u32_at(lstf, 0).unwrap_or(0);
            let simple = lstf[26] & 0x01 != 0;
            let mut levels = Vec::new();
            for _ in 0..if simple { 1 } else { LEVELS } {
                match level(table, &mut at) {
                    Some(level) => levels.push(level),
                    None => break,
                }
            }
            if levels.is_empty() {
                break;
            }
            numbering.define_list(lsid, levels);
        }
    }
    let (lfo_at, lfo_len) = (plf_lfo.0 as usize, plf_lfo.1 as usize);
    if lfo_len >= 4 {
        let count = u32_at(table, lfo_at).unwrap_or(0) as usize;
        let count = count.min(lfo_len / LFO_SIZE);
        // The LFOData (a CP and the level overrides) follow the LFOs, one each.
        let mut at = lfo_at + 4 + count * LFO_SIZE;
        for i in 0..count {
            let Some(lfo) = table.get(lfo_at + 4 + i * LFO_SIZE..lfo_at + 4 + (i + 1) * LFO_SIZE) else { break };
            let lsid = u32_at(lfo, 0).unwrap_or(0);
            let overrides_count = usize::from(lfo[12]);
            let mut overrides = Vec::new();
            // Past the LFOData's CP, its LFOLVLs: a start, flags, and a
            // whole level when it replaces the list's.
            at += 4;
            for _ in 0..overrides_count {
                let (Some(start), Some(flags)) = (u32_at(table, at), u32_at(table, at + 4)) else { break };
                at += 8;
                let ilvl = (flags & 0x0F) as u8;
                let start = (flags & 0x10 != 0).then_some((start as i32).max(0) as u32);
                let replacement = if flags & 0x20 != 0 { level(table, &mut at) } else { None };
                overrides.push((ilvl, replacement, start));
            }
            numbering.define_instance(i as u32 + 1, lsid, overrides);
        }
    }
    numbering
}

/// One LVL at `at` (moved past it): the LVLF, the properties it gives the
/// paragraph and the label's characters, and the label text (`xst`) whose
/// placeholders (characters 0–8 at the positions `rgbxchNums` lists) stand
/// for the levels' numbers, written `%1`–`%9` as `w:lvlText` does.
fn level(table: &[u8], at: &mut usize) -> Option<Level> {
    let lvlf = table.get(*at..at.checked_add(LVLF_SIZE)?)?;
    let start = (u32_at(lvlf, 0)? as i32).max(0) as u32;
    let (nfc, flags) = (lvlf[4], lvlf[5]);
    let placeholders = &lvlf[6..15];
    let follow = lvlf[15];
    let (cb_chpx, cb_papx, restart_limit) = (usize::from(lvlf[24]), usize::from(lvlf[25]), lvlf[26]);
    let xst_at = *at + LVLF_SIZE + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(table, xst_at)?);
    let units: Vec<u16> = (0..cch).map(|i| u16_at(table, xst_at + 2 + 2 * i)).collect::<Option<_>>()?;
    *at = xst_at + 2 + 2 * cch;
    let mut text = String::new();
    for (i, &unit) in units.iter().enumerate() {
        let is_placeholder = placeholders.iter().take_while(|&&p| p != 0).any(|&p| usize::from(p) == i + 1);
        if is_placeholder && unit < LEVELS as u16 {
            text.push('%');
            text.push(char::from(b'1' + unit as u8));
        } else {
            text.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
        }
    }
    Some(Level {
        start,
        format: number_format(nfc).to_string(),
        text,
        suffix: match follow {
            1 => Suffix::Space,
            2 => Suffix::Nothing,
            _ => Suffix::Tab,
        },
        legal: flags & 0x04 != 0,
        never_restart: flags & 0x08 != 0 && restart_limit == 0,
        style: None,
    })
}

/// An `nfc` ([MS-DOC] 2.9.173 MSONFC) as the `w:numFmt` value of the same
/// format; formats the renderer writes as decimal are named so too.
fn number_format(nfc: u8) -> &'static str {
    const FORMATS: [&str; 47] = [
        "decimal",
        "upperRoman",
        "lowerRoman",
        "upperLetter",
        "lowerLetter",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "hex",
        "chicago",
        "ideographDigital",
        "japaneseCounting",
        "aiueo",
        "iroha",
        "decimalFullWidth",
        "decimalHalfWidth",
        "japaneseLegal",
        "japaneseDigitalTenThousand",
        "decimalEnclosedCircle",
        "decimalFullWidth2",
        "aiueoFullWidth",
        "irohaFullWidth",
        "decimalZero",
        "bullet",
        "ganada",
        "chosung",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
        "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle",
        "ideographTraditional",
        "ideographZodiac",
        "ideographZodiacTraditional",
        "taiwaneseCounting",
        "ideographLegalTraditional",
        "taiwaneseCountingThousand",
        "taiwaneseDigital",
        "chineseCounting",
        "chineseLegalSimplified",
        "chineseCountingThousand",
        "koreanDigital",
        "koreanCounting",
        "koreanLegal",
        "koreanDigital2",
        "vietnameseCounting",
        "russianLower",
        "russianUpper",
    ];
    match nfc {
        0xFF => "none",
        _ => FORMATS.get(usize::from(nfc)).copied().unwrap_or("decimal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An LVL: start, nfc, label characters (placeholders as 0–8), follow.
    fn lvl(start: u32, nfc: u8, xst: &[u16], follow: u8) -> Vec<u8> {
        let mut b = vec![0u8; LVLF_SIZE];
        b[0..4].copy_from_slice(&start.to_le_bytes());
        b[4] = nfc;
        let mut n = 0;
        for (i, &u) in xst.iter().enumerate() {
            if u < 9 {
                b[6 + n] = i as u8 + 1;
                n += 1;
            }
        }
        b[15] = follow;
        b[25] = 2; // two bytes of paragraph properties, skipped
        b.extend([0xAA, 0xBB]);
        b.extend((xst.len() as u16).to_le_bytes());
        for u in xst {
            b.extend(u.to_le_bytes());
        }
        b
    }

    #[test]
    fn lists_and_overrides_render_through_numbering() {
        let mut table = vec![0u8; 3];
        let lst_at = table.len();
        table.extend(1u16.to_le_bytes());
        let mut lstf = vec![0u8; LSTF_SIZE];
        lstf[0..4].copy_from_slice(&77u32.to_le_bytes());
        table.extend(&lstf);
        let level0: Vec<u16> = vec![0, '、' as u16];
        let level1: Vec<u16> = "（?）".encode_utf16().map(|u| if u == '?' as u16 { 1 } else { u }).collect();
        table.extend(lvl(1, 37, &level0, 2));
        table.extend(lvl(1, 37, &level1, 0));
        for _ in 2..LEVELS {
            table.extend(lvl(1, 0, &[2, '.' as u16], 0));
        }
        let lst = (lst_at as u32, (table.len() - lst_at) as u32);
        let lfo_at = table.len();
        table.extend(2u32.to_le_bytes());
        for overrides in [0u8, 1] {
            let mut lfo = vec![0u8; LFO_SIZE];
            lfo[0..4].copy_from_slice(&77u32.to_le_bytes());
            lfo[12] = overrides;
            table.extend(lfo);
        }
        // LFOData of the first LFO (a CP), then of the second: restart level 0 at 5.
        table.extend(0u32.to_le_bytes());
        table.extend(0u32.to_le_bytes());
        table.extend(5u32.to_le_bytes());
        table.extend(0x10u32.to_le_bytes());
        let lfo = (lfo_at as u32, (table.len() - lfo_at) as u32);
        let mut numbering = read(&table, lst, lfo);
        let mut label = |ilfo, ilvl| numbering.next_label(ilfo, ilvl).map(|l| (l.text, l.suffix));
        assert_eq!(label(1, 0), Some(("一、".to_string(), Suffix::Nothing)));
        assert_eq!(label(1, 1), Some(("（一）".to_string(), Suffix::Tab)));
        assert_eq!(label(1, 1).unwrap().0, "（二）");
        assert_eq!(label(1, 0).unwrap().0, "二、");
        assert_eq!(label(2, 0).unwrap().0, "五、", "the override's start");
        assert_eq!(label(3, 0), None, "no such LFO");
        // Truncated tables give fewer lists, never a panic.
        for n in 0..table.len() {
            let mut numbering = read(&table[..n], lst, lfo);
            let _ = numbering.next_label(1, 0);
        }
    }
}
