//! The resource budget of one conversion: how much input, decoded data,
//! glyphs, table cells, rulings, output text and OCR a whole document may
//! cost, whatever its format (SPEC "Errors", `too large`).
//!
//! The per-stream, per-page and per-table limits of the front ends stop one
//! object from being a bomb; this budget stops a document from being one by
//! repeating a harmless-looking object many times (60 pages drawing one huge
//! content stream, a list counter rendered as a million letters, a 4,000 ×
//! 4,000 Markdown table, a form of thousands of rectangles drawn over and
//! over). [`crate::convert_bytes`] opens a budget for the
//! document ([`scope`]) and every front end draws on it with [`charge`]; the
//! first charge past a limit is a `too large` error that names the limit and
//! its value. One limit ends work early instead of failing: pages past the
//! OCR page limit are left unread ([`try_spend`]), a partial result with a
//! warning, as the pages recognised so far are worth keeping.
//!
//! The budget is held per thread for the time of one conversion, so the front
//! ends need no extra parameter and a batch converting on several threads
//! gives each file its own budget. Outside a conversion (a front end's unit
//! test) charges are free.

use std::cell::RefCell;

use crate::error::{Error, Result};

/// What a document spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Bytes of the input file.
    InputBytes,
    /// Bytes produced by decompression: zip parts, PDF streams and forms
    /// (each counted once, however often it is drawn).
    DecodedBytes,
    /// Bytes of PDF content interpreted: a page's content, and a form's
    /// each time it is drawn (a stream decoded once can still be run a
    /// hundred times).
    ContentBytes,
    /// Characters placed on PDF and OFD pages.
    Glyphs,
    /// Table cells (grid slots), in every front end.
    Cells,
    /// Rulings (stroked lines, thin filled rectangles, sides of shaded
    /// areas) and images drawn on PDF and OFD pages.
    Graphics,
    /// Bytes of text (UTF-8) the front end recovered into paragraphs and
    /// cells, list labels included.
    OutputChars,
    /// Pages whose scan the OCR engine reads (a scan drawn again at the same
    /// place on a later page reuses its reading and is not counted).
    OcrPages,
}

/// How many resources there are.
const RESOURCES: usize = 8;

impl Resource {
    /// The limit's name in messages and in SPEC.md.
    pub fn name(self) -> &'static str {
        match self {
            Resource::InputBytes => "input bytes",
            Resource::DecodedBytes => "decoded bytes",
            Resource::ContentBytes => "content bytes interpreted",
            Resource::Glyphs => "glyphs",
            Resource::Cells => "table cells",
            Resource::Graphics => "rulings and images",
            Resource::OutputChars => "bytes of output text",
            Resource::OcrPages => "pages recognised",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The limits of one document. The defaults are far above any real
/// government document (the largest annual reports in the corpora are a few
/// hundred pages, ~1 M characters) and keep a hostile file under ~256 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file: 1 GiB.
    pub input_bytes: u64,
    /// Most bytes decompressed for the whole document: 512 MiB.
    pub decoded_bytes: u64,
    /// Most PDF content bytes interpreted, forms counted per drawing:
    /// 256 MiB (~0.5 s of interpretation).
    pub content_bytes: u64,
    /// Most glyphs on all PDF or OFD pages together: 2 M (~1,000 dense pages).
    pub glyphs: u64,
    /// Most table cells in the whole document: 1 M.
    pub cells: u64,
    /// Most rulings and images drawn on all PDF or OFD pages together: 2 M
    /// (~40 MB of rulings were they all on one page; a ruled report has a
    /// few hundred a page). The operator limit alone let one page draw eight
    /// rulings per `re`, forty million of them.
    pub graphics: u64,
    /// Most bytes of text recovered (paragraphs and cells): 64 MiB.
    pub output_chars: u64,
    /// Most pages read by OCR: 1,000 (Tesseract takes seconds a page, so a
    /// few-KB file drawing one scan on 10,000 pages would run it for hours).
    /// Unlike the others this limit is not an error: the pages past it are
    /// left unread, with an `ocr.page_limit` warning, and a report is
    /// incomplete.
    pub ocr_pages: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input_bytes: crate::MAX_INPUT_BYTES,
            decoded_bytes: 512 << 20,
            content_bytes: 256 << 20,
            glyphs: 2_000_000,
            cells: 1_000_000,
            graphics: 2_000_000,
            output_chars: 64 << 20,
            ocr_pages: 1_000,
        }
    }
}

impl Limits {
    fn get(&self, resource: Resource) -> u64 {
        match resource {
            Resource::InputBytes => self.input_bytes,
            Resource::DecodedBytes => self.decoded_bytes,
            Resource::ContentBytes => self.content_bytes,
            Resource::Glyphs => self.glyphs,
            Resource::Cells => self.cells,
            Resource::Graphics => self.graphics,
            Resource::OutputChars => self.output_chars,
            Resource::OcrPages => self.ocr_pages,
        }
    }
}

/// One document's limits and what it has spent so far.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    limits: Limits,
    spent: [u64; RESOURCES],
}

impl Budget {
    pub fn new(limits: Limits) -> Self {
        Budget { limits, spent: [0; RESOURCES] }
    }

    /// Spends `amount` of `resource`, or says which limit it would pass.
    pub fn charge(&mut self, resource: Resource, amount: u64) -> Result<()> {
        let limit = self.limits.get(resource);
        let spent = &mut self.spent[resource.index()];
        *spent = spent.saturating_add(amount);
        if *spent > limit {
            return Err(exceeded(resource, limit));
        }
        Ok(())
    }

    /// Spends `amount` of `resource` when it fits in the limit; otherwise
    /// spends nothing and gives the limit.
    pub fn try_spend(&mut self, resource: Resource, amount: u64) -> std::result::Result<(), u64> {
        let limit = self.limits.get(resource);
        let spent = &mut self.spent[resource.index()];
        match spent.checked_add(amount) {
            Some(total) if total <= limit => {
                *spent = total;
                Ok(())
            }
            _ => Err(limit),
        }
    }
}

/// The `too large` error for passing `resource`'s `limit`.
pub fn exceeded(resource: Resource, limit: u64) -> Error {
    Error::too_large(format!(
        "the document needs more than {limit} {} (the {} limit of one document); it is not a document govdoc can convert whole",
        resource.name(),
        resource.name()
    ))
}

thread_local! {
    static CURRENT: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Runs `f` with a fresh budget of `limits` as this thread's budget; the
/// previous one (a conversion nested in another) is restored afterwards.
pub fn scope<T>(limits: Limits, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Budget>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|c| c.borrow_mut().replace(Budget::new(limits)));
    let _restore = Restore(previous);
    f()
}

/// Spends `amount` of `resource` from the current conversion's budget; free
/// outside a conversion.
pub fn charge(resource: Resource, amount: u64) -> Result<()> {
    CURRENT.with(|c| match c.borrow_mut().as_mut() {
        Some(budget) => budget.charge(resource, amount),
        None => Ok(()),
    })
}

/// Spends `amount` of `resource` from the current conversion's budget when
/// it fits, for a limit that ends work early rather than failing (the pages
/// past it are left out with a warning); `Err` holds the limit. Free outside
/// a conversion.
pub fn try_spend(resource: Resource, amount: u64) -> std::result::Result<(), u64> {
    CURRENT.with(|c| match c.borrow_mut().as_mut() {
        Some(budget) => budget.try_spend(resource, amount),
        None => Ok(()),
    })
}

/// [`charge`] for a `usize` amount.
pub fn charge_usize(resource: Resource, amount: usize) -> Result<()> {
    charge(resource, u64::try_from(amount).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn a_charge_past_the_limit_names_it_and_its_value() {
        let limits = Limits { cells: 10, ..Limits::default() };
        let err = scope(limits, || {
            charge(Resource::Cells, 6)?;
            charge(Resource::Cells, 4)?;
            charge(Resource::Cells, 1)
        })
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::TooLarge);
        assert!(err.message.contains("more than 10 table cells"), "{}", err.message);
    }

    /// SPEC.md ships the data contract: its table of limits names every
    /// resource, with the default written out.
    #[test]
    fn spec_lists_every_limit_with_its_default() {
        let spec = include_str!("../SPEC.md");
        let limits = Limits::default();
        for resource in [
            Resource::InputBytes,
            Resource::DecodedBytes,
            Resource::ContentBytes,
            Resource::Glyphs,
            Resource::Cells,
            Resource::Graphics,
            Resource::OutputChars,
            Resource::OcrPages,
        ] {
            let row = spec.lines().find(|l| l.starts_with(&format!("| {} |", resource.name())));
            let row = row.unwrap_or_else(|| panic!("SPEC.md has no row for {}", resource.name()));
            let value = limits.get(resource);
            let written = if value % (1 << 20) == 0 && value >= 1 << 20 {
                if value % (1 << 30) == 0 { format!("{} GiB", value >> 30) } else { format!("{} MiB", value >> 20) }
            } else {
                value.to_string().as_bytes().rchunks(3).rev().map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(",")
            };
            assert!(row.contains(&format!("| {written} |")), "SPEC.md: {row} (default {written})");
        }
    }

    #[test]
    fn try_spend_stops_at_the_limit_without_spending() {
        let limits = Limits { ocr_pages: 2, ..Limits::default() };
        let spent: Vec<_> = scope(limits, || (0..4).map(|_| try_spend(Resource::OcrPages, 1)).collect());
        assert_eq!(spent, [Ok(()), Ok(()), Err(2), Err(2)]);
        assert_eq!(try_spend(Resource::OcrPages, u64::MAX), Ok(()), "free outside a conversion");
    }

    #[test]
    fn each_scope_starts_fresh_and_outside_is_free() {
        let limits = Limits { glyphs: 5, ..Limits::default() };
        for _ in 0..3 {
            scope(limits, || charge(Resource::Glyphs, 5)).unwrap();
        }
        charge(Resource::Glyphs, u64::MAX).unwrap();
    }
}
