//! Character properties ([MS-DOC] 2.9.43 ChpxFkp): only the one the text
//! needs — an inserted symbol (`sprmCSymbol`), whose character in the text
//! stream is a placeholder `(` and whose real character (a Symbol or
//! Wingdings font code, U+F020–U+F0FF, as LibreOffice keeps it) is in the
//! property.

use super::fib::{Fib, pair};
use super::props::sprms;
use std::borrow::Cow;

use super::{fkp_pages, u16_at, u32_at};

/// `sprmCSymbol`: font and character of an inserted symbol.
const SPRM_C_SYMBOL: u16 = 0x6A09;
/// The character the text stream holds for an inserted symbol.
pub const SYMBOL_PLACEHOLDER: u16 = 0x28;

/// Runs of characters, by file offset [start, end), shown as a symbol.
#[derive(Debug, Default)]
pub struct Symbols {
    runs: Vec<(u32, u32, u16)>,
}

impl Symbols {
    pub const EMPTY: Symbols = Symbols { runs: Vec::new() };

    /// Reads the CHPX FKPs the bin table lists, keeping the runs that
    /// insert a symbol.
    pub fn read(fib: &Fib, table: &[u8], word: &[u8]) -> Symbols {
        let mut runs = Vec::new();
        for (start, end, grpprl) in character_runs(fib, table, word) {
            let grpprl = match fib.legacy {
                Some(legacy) => Cow::Owned(super::sprm6::to_word97(grpprl, legacy.dialect)),
                None => Cow::Borrowed(grpprl),
            };
            if let Some((_, op)) = sprms(&grpprl).into_iter().rfind(|(s, _)| *s == SPRM_C_SYMBOL)
                && let Some(symbol) = u16_at(op, 2)
            {
                runs.push((start, end, symbol));
            }
        }
        runs.sort_unstable();
        Symbols { runs }
    }

    /// The symbol shown for the placeholder at file offset `fc`, if any.
    pub fn at(&self, fc: u32) -> Option<u16> {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        i.checked_sub(1).map(|i| self.runs[i]).filter(|r| fc < r.1).map(|r| r.2)
    }
}

/// The runs of character properties of the CHPX FKPs the bin table lists:
/// file offsets [start, end) and their sprms as written (Word 97 or Word 6
/// codes); runs without properties are left out.
pub fn character_runs<'w>(fib: &Fib, table: &[u8], word: &'w [u8]) -> Vec<(u32, u32, &'w [u8])> {
    let mut runs = Vec::new();
    for page in fkp_pages(fib, pair::PLCF_BTE_CHPX, table, word) {
        let crun = usize::from(page[511]);
        for r in 0..crun {
            let (Some(start), Some(end)) = (u32_at(page, 4 * r), u32_at(page, 4 * (r + 1))) else { break };
            let at = usize::from(page.get(4 * (crun + 1) + r).copied().unwrap_or(0)) * 2;
            if at == 0 {
                continue;
            }
            let cb = usize::from(page.get(at).copied().unwrap_or(0));
            runs.push((start, end, page.get(at + 1..(at + 1 + cb).min(511)).unwrap_or(&[])));
        }
    }
    runs
}
