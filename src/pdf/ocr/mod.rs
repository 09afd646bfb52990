//! OCR of scanned pages (issue 16): which pages need it (`--ocr
//! auto|always|never`), their scan taken from the file or rendered
//! ([`source`]), cleaned ([`preprocess`]), ruling lines and cells found in
//! the raster ([`rulings`]), text read by Tesseract ([`engine`]) — each
//! table cell on its own, numeric cells again digits-only — and the result
//! handed on as the page's glyphs and rulings, so layout, the table finder,
//! rejoins and the report layer work on a scan as on a born-digital page.
//! Nothing read is corrected: what the engine was unsure of is listed.

pub mod bilevel;
pub mod confidence;
pub mod engine;
pub mod orientation;
pub mod preprocess;
pub use govdoc_raster as raster;
pub mod rulings;
pub mod source;

use std::sync::atomic::{AtomicU8, Ordering};

use self::engine::{Engine, Mode as ReadMode, Tesseract, Word};
use self::raster::Gray;
use self::rulings::Cell;
use crate::budget::{self, Resource};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Diagnostic, OcrSource, OcrValue};
use crate::pdf::document::PdfDocument;
use crate::pdf::geometry::Rect;
use crate::pdf::page::{FontInfo, Glyph, PageContent, Ruling};

/// When pages are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Pages without a text layer (only images) or whose text layer is
    /// unusable (every character unmapped).
    #[default]
    Auto,
    /// Every page, its text layer replaced.
    Always,
    /// No page: a scan is `no text layer`.
    Never,
}

static MODE: AtomicU8 = AtomicU8::new(0);

/// Sets the OCR mode of conversions in this process that do not choose one
/// (the CLI's `--ocr`): the default of [`crate::Options`].
pub fn set_mode(mode: Mode) {
    MODE.store(
        match mode {
            Mode::Auto => 0,
            Mode::Always => 1,
            Mode::Never => 2,
        },
        Ordering::Relaxed,
    );
}

/// The process's OCR mode (default [`Mode::Auto`]).
pub fn mode() -> Mode {
    match MODE.load(Ordering::Relaxed) {
        1 => Mode::Always,
        2 => Mode::Never,
        _ => Mode::Auto,
    }
}

/// Tuning of recognition, as data.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// A word or value the engine gives less confidence than this is listed
    /// in `source.ocr.low_confidence` and a warning.
    pub low_confidence: f32,
    /// A cell is read again digits-only when at least this share of its
    /// first reading's characters are digits (a label like "1.属于国家秘密"
    /// has a digit but is text).
    pub numeric_share: f32,
    /// Cells are cropped this far (points) inside their rulings, past the
    /// line's thickness, so no border is read as "1" or "|".
    pub cell_inset_pt: f32,
    /// A cell crop with fewer ink pixels than this (per 1000 pixels of its
    /// area) is empty.
    pub empty_ink_permille: usize,
    /// White margin (pixels) around each crop handed to the engine.
    pub crop_pad_px: usize,
    /// Cells are enlarged to at least this resolution (dpi) before reading.
    pub cell_dpi: f32,
    /// Cells read as numbers are enlarged as text cells are only when the
    /// scan's resolution is below this (measured on the samples: at 300
    /// dpi enlarging lost digits, at 200 dpi it found them).
    pub number_native_dpi: f32,
    /// Cells of at most this many characters that did not read as numbers
    /// are read again digits-only ...
    pub short_cell_chars: usize,
    /// ... and the digits are taken when their confidence exceeds the first
    /// reading's by this much ("无", a written zero, stays text).
    pub number_margin: f32,
    /// A page whose characters read with a mean confidence below this is
    /// read upside down too, and kept that way when that reads better
    /// (upright pages of the samples read at 0.90–0.94, upside-down ones
    /// below 0.5).
    pub upside_down_below: f32,
    /// A band of ink in a cell at least this high (points) that no word of
    /// the cell's reading covers is a line the engine dropped, read again
    /// on its own ...
    pub dropped_line_min_pt: f32,
    /// ... and what that reads is kept from this confidence up (a speck
    /// read as a character is not).
    pub dropped_line_confidence: f32,
    /// A line of the page text whose words are at least this many times as
    /// tall as the page's words (the median) is large type: read again on
    /// its own, scaled to the page's text size, and that reading kept when
    /// its mean confidence is higher. The engine misreads type much larger
    /// than its training: the fax sample's 22 pt title, 84 px high at 300
    /// dpi over body words of 62, came out "青州市目然#资源…", right at 0.4
    /// to 0.8 of its size and wrong at 0.9 and 1.
    pub large_type_ratio: f32,
    /// ... when the page has at least this many words to tell its text size.
    pub large_type_min_words: usize,
    /// Everything the engine reads — the page's text outside the tables,
    /// each cell, each number — is low-passed by a Gaussian of this
    /// standard deviation (millimetres on the page) first: sensor noise and
    /// JPEG ringing, a pixel or two across, break strokes in the engine's
    /// own thresholding; a printed stroke (0.3 mm and up at 10.5 pt)
    /// survives it. Measured on the samples' page text: 97.6 % → 98.5 % of
    /// characters at 200 dpi with noise, 99.1 % → 100 % at 300 dpi; on
    /// their cells: at 200 dpi with noise "97" read as "8", "本年增/减" as
    /// "本年增/碱" and "三、本年度办理结果" as "三、二年度办理结果" unsmoothed.
    pub smoothing_mm: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            low_confidence: 0.8,
            numeric_share: 0.6,
            cell_inset_pt: 0.8,
            empty_ink_permille: 4,
            crop_pad_px: 12,
            cell_dpi: 400.0,
            number_native_dpi: 300.0,
            short_cell_chars: 4,
            number_margin: 0.1,
            upside_down_below: 0.7,
            dropped_line_min_pt: 4.0,
            dropped_line_confidence: 0.5,
            large_type_ratio: 1.25,
            large_type_min_words: 20,
            smoothing_mm: 0.1,
        }
    }
}

/// Whether `page` is read by OCR under `mode`.
pub fn needs_ocr(page: &PageContent, mode: Mode) -> bool {
    match mode {
        Mode::Never => false,
        Mode::Always => true,
        Mode::Auto => {
            let unusable = !page.glyphs.is_empty() && page.glyphs.iter().all(|g| g.text == "\u{FFFD}");
            (page.glyphs.is_empty() && page.images > 0) || unusable
        }
    }
}

/// Reads a document's scanned pages one at a time, as the PDF front end
/// streams its pages: [`Recogniser::page`] recognises a page in place when
/// it needs it (by the process's [`mode`]); [`Recogniser::finish`] gives what
/// was recognised for `source.ocr`. Without the engine: a document with no
/// text at all is `no text layer` naming what to install; a mixed one keeps
/// its digital pages with a warning per scanned page. Each page the engine
/// reads is spent from the document's budget of pages recognised; past it
/// scanned pages are left unread, with a [`PAGE_LIMIT`] warning.
pub struct Recogniser {
    mode: Mode,
    settings: Settings,
    /// The engine, looked for at the first page that needs it; its error
    /// when it is missing.
    engine: Option<std::result::Result<Box<dyn Engine>, Error>>,
    /// The last few scans read from the file, to reuse when a later page
    /// draws the same image again, wherever and at whatever size.
    readings: Vec<Reading>,
    /// Scanned pages left unread because the document's limit of pages
    /// recognised was reached, and that limit.
    over_limit: Vec<u32>,
    page_limit: u64,
    recognised: Option<OcrSource>,
    /// Scanned pages left unread because the engine is missing.
    unread: Vec<u32>,
    /// Whether any page so far has a character with a Unicode mapping.
    any_text: bool,
}

impl Default for Recogniser {
    fn default() -> Self {
        Recogniser::new()
    }
}

impl Recogniser {
    /// A recogniser under the process's OCR [`mode`].
    pub fn new() -> Self {
        Recogniser::with_mode(mode())
    }

    /// A recogniser that reads the pages `mode` says.
    pub fn with_mode(mode: Mode) -> Self {
        Recogniser {
            mode,
            settings: Settings::default(),
            engine: None,
            readings: Vec::new(),
            over_limit: Vec::new(),
            page_limit: 0,
            recognised: None,
            unread: Vec::new(),
            any_text: false,
        }
    }

    /// A recogniser that reads with `engine` instead of looking for
    /// Tesseract — or, given the error the search for an engine gave, one
    /// that has none (scanned pages are then left unread as without
    /// Tesseract).
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // the tests' stand-in engine
    pub fn with_engine(mode: Mode, engine: Result<Box<dyn Engine>>) -> Self {
        Recogniser { engine: Some(engine), ..Recogniser::with_mode(mode) }
    }

    /// Recognises `page` in place when it needs OCR.
    pub fn page(
        &mut self,
        bytes: &[u8],
        pdf: &PdfDocument,
        page: &mut PageContent,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        self.any_text |= page.glyphs.iter().any(|g| g.text != "\u{FFFD}");
        if !needs_ocr(page, self.mode) {
            return Ok(());
        }
        let detect = || Tesseract::detect().map(|t| Box::new(t) as Box<dyn Engine>);
        let engine = match self.engine.get_or_insert_with(detect) {
            Ok(engine) => &**engine,
            Err(_) => {
                self.unread.push(page.number);
                return Ok(());
            }
        };
        let settings = &self.settings;
        let recognised = self.recognised.get_or_insert_with(|| OcrSource::of(engine));
        let number = page.number;
        let drawn = Drawn::of(page);
        let earlier = drawn.and_then(|d| Some((d, self.readings.iter().find(|r| r.drawn.object == d.object)?)));
        let (result, summary) = match earlier {
            Some((drawn, earlier)) => {
                // The same pixels hold the same words: the earlier reading,
                // laid onto where this page draws the image.
                let placed = earlier.placed_on(drawn, (page.width, page.height));
                let again = format!(" (the same scan as page {}, read once)", earlier.page);
                let summary = placed.summary(number, &earlier.origin) + &again;
                (placed, summary)
            }
            None => {
                if let Err(limit) = budget::try_spend(Resource::OcrPages, 1) {
                    self.page_limit = limit;
                    self.over_limit.push(number);
                    return Ok(());
                }
                let (image, in_file) = match source::from_file(pdf, page)? {
                    source::Taken::Decoded(image, damage) => {
                        if let Some(damage) = damage {
                            diagnostics.push(
                                Diagnostic::warning(
                                    IMAGE_DAMAGED,
                                    format!("page {number}: its scan ({}) is damaged: {damage}; the rows after the damage are left blank", image.origin),
                                )
                                .on_page(Some(number)),
                            );
                        }
                        (image, true)
                    }
                    source::Taken::Undecoded { image, why, damaged } => {
                        let (code, what) = if damaged { (IMAGE_DAMAGED, "is damaged") } else { (IMAGE_RENDERED, "is not decoded by govdoc") };
                        let message = format!("page {number}: its scan ({image}) {what} ({why}); the page is rendered by pdftoppm instead");
                        let diagnostic = if damaged { Diagnostic::warning(code, message) } else { Diagnostic::info(code, message) };
                        diagnostics.push(diagnostic.on_page(Some(number)));
                        (source::render(bytes, number, page)?, false)
                    }
                    source::Taken::NoImage => (source::render(bytes, number, page)?, false),
                };
                let result = recognise_page(engine, &image, page, settings)?;
                let summary = result.summary(number, &image.origin);
                // Only a scan taken from the file is the same on another
                // page; a rendered page holds whatever else it draws.
                if let (Some(drawn), true) = (drawn, in_file) {
                    if self.readings.len() == READINGS_KEPT {
                        self.readings.remove(0);
                    }
                    let size = (page.width, page.height);
                    self.readings.push(Reading { drawn, size, page: number, origin: image.origin, result: result.clone() });
                }
                (result, summary)
            }
        };
        diagnostics.push(Diagnostic::info("ocr.page", summary).on_page(Some(number)));
        if result.turns > 0 {
            let way = match result.turns {
                1 => "a quarter turn clockwise (its text ran up the page)",
                2 => "upside down (it read upside down)",
                _ => "a quarter turn anticlockwise (its text ran down the page)",
            };
            let (_, size) = turn_rect([0.0; 4], (page.width, page.height), result.turns);
            (page.width, page.height) = size;
            diagnostics.push(
                Diagnostic::info("ocr.page_turned", format!("page {number}: the scan lay turned; it was read turned {way}"))
                    .on_page(Some(number)),
            );
        }
        diagnostics.extend(result.diagnostics().map(|d| d.on_page(Some(number))));
        recognised.note_low_confidence(&result, settings, (Some(number), None), diagnostics);
        recognised.pages.push(number);
        page.glyphs = result.glyphs;
        page.confidences = result.confidences;
        page.rulings = result.rulings;
        page.fonts = vec![FontInfo { name: "OCR".into(), bold: false, space_width: None }];
        Ok(())
    }

    /// Reads a picture that is not a page of the document — a web page's
    /// image of a table, named by its `src` — laid on `page`, a page the
    /// picture's size, under this conversion's mode, engine and limit of
    /// pages recognised; its low-confidence values go to `source.ocr` as a
    /// scanned page's do. The inner error says why it was not read; the
    /// outer one is a budget that ran out.
    pub fn picture(
        &mut self,
        image: &source::PageImage,
        page: &PageContent,
        src: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<std::result::Result<PageResult, String>> {
        if self.mode == Mode::Never {
            return Ok(Err("OCR is turned off".to_string()));
        }
        let detect = || Tesseract::detect().map(|t| Box::new(t) as Box<dyn Engine>);
        let engine = match self.engine.get_or_insert_with(detect) {
            Ok(engine) => &**engine,
            Err(e) => return Ok(Err(e.message.clone())),
        };
        if let Err(limit) = budget::try_spend(Resource::OcrPages, 1) {
            return Ok(Err(format!("the document's limit of {limit} pages and pictures recognised was reached")));
        }
        let result = match recognise_page(engine, image, page, &self.settings) {
            Ok(result) => result,
            Err(e) if e.code == ErrorCode::TooLarge => return Err(e),
            Err(e) => return Ok(Err(e.message)),
        };
        let recognised = self.recognised.get_or_insert_with(|| OcrSource::of(engine));
        diagnostics.extend(result.diagnostics());
        recognised.note_low_confidence(&result, &self.settings, (None, Some(src)), diagnostics);
        recognised.images.push(src.to_string());
        Ok(Ok(result))
    }

    /// What was recognised, when anything was (`source.ocr`), for a
    /// front end whose pictures are not pages (no page was left unread).
    pub fn recognised(self) -> Option<OcrSource> {
        self.recognised
    }

    /// What was recognised, or None when no page was; the error or
    /// warnings for scanned pages left unread.
    pub fn finish(self, diagnostics: &mut Vec<Diagnostic>) -> Result<Option<OcrSource>> {
        if let Some(&first) = self.over_limit.first() {
            diagnostics.push(
                Diagnostic::warning(
                    PAGE_LIMIT,
                    format!(
                        "the document's limit of {} pages recognised was reached: {} more page(s) were not read by OCR ({}); they keep only their text layer, if they have one",
                        self.page_limit,
                        self.over_limit.len(),
                        page_ranges(&self.over_limit)
                    ),
                )
                .on_page(Some(first)),
            );
        }
        if let Some(Err(e)) = &self.engine {
            if !self.any_text {
                let scans = self.unread.len();
                return Err(Error::new(
                    ErrorCode::NoTextLayer,
                    format!("the PDF has no text layer ({scans} scanned page(s)): {}", e.message),
                ));
            }
            for &number in &self.unread {
                diagnostics.push(
                    Diagnostic::warning(
                        UNAVAILABLE,
                        format!("page {number} is a scan and was not read: {}", e.message),
                    )
                    .on_page(Some(number)),
                );
            }
        }
        Ok(self.recognised)
    }
}

impl OcrSource {
    /// Nothing recognised yet, by `engine`.
    fn of(engine: &dyn Engine) -> OcrSource {
        OcrSource { engine: engine.describe(), pages: Vec::new(), images: Vec::new(), low_confidence: Vec::new() }
    }

    /// Lists the values of `result` read with a confidence below the
    /// threshold, and says so in an `ocr.low_confidence` warning; `place` is
    /// the page, or the web page's picture, they were read from.
    fn note_low_confidence(
        &mut self,
        result: &PageResult,
        settings: &Settings,
        place: (Option<u32>, Option<&str>),
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let (page, image) = place;
        let low: Vec<OcrValue> = result
            .values
            .iter()
            .filter(|v| v.confidence < settings.low_confidence)
            .map(|v| OcrValue {
                page,
                image: image.map(str::to_string),
                text: v.text.clone(),
                confidence: crate::confidence::round(v.confidence),
                cell: v.cell,
            })
            .collect();
        if !low.is_empty() {
            let listed: Vec<String> = low.iter().map(|v| format!("\"{}\" ({:.2})", v.text, v.confidence)).collect();
            let place = match (page, image) {
                (Some(number), _) => format!("page {number}"),
                (None, image) => format!("the image {}", image.unwrap_or_default()),
            };
            diagnostics.push(
                Diagnostic::warning(
                    "ocr.low_confidence",
                    format!(
                        "{place}: {} value(s) read with confidence below {:.2}: {}",
                        low.len(),
                        settings.low_confidence,
                        listed.join(", ")
                    ),
                )
                .on_page(page),
            );
        }
        self.low_confidence.extend(low);
    }
}

/// The code of the warning that the document's limit of pages recognised
/// was reached: scanned pages were left unread, so a report is incomplete.
pub const PAGE_LIMIT: &str = "ocr.page_limit";

/// The code of the info that a page's scan is an image govdoc does not
/// decode (CMYK, indexed, …), so the page is rendered by `pdftoppm`.
pub const IMAGE_RENDERED: &str = "ocr.image_rendered";

/// The code of the warning that a page's scan is damaged: rows past the
/// damage are left blank, or, when nothing of it decodes, the page is
/// rendered by `pdftoppm`.
pub const IMAGE_DAMAGED: &str = "ocr.image_damaged";

/// The code of the warning that a scanned page was left unread because the
/// OCR engine is missing: as past the page limit, a report is incomplete.
pub const UNAVAILABLE: &str = "ocr.unavailable";

/// Whether a diagnostic of code `code` says scanned pages were left unread
/// (by the page limit or for want of the engine): they may hold a report's
/// tables or values, so the report cannot be complete.
pub fn leaves_pages_unread(code: &str) -> bool {
    code == PAGE_LIMIT || code == UNAVAILABLE
}

/// How many earlier scans are kept for reuse: a scan drawn on every page
/// hits the last one; more would only hold memory.
const READINGS_KEPT: usize = 4;

/// A page's scan as drawn: the image object and the page-space rectangle it
/// fills (its reading's glyphs lie in that rectangle).
#[derive(Debug, Clone, Copy)]
struct Drawn {
    object: (u32, u16),
    placement: [f32; 4],
}

impl Drawn {
    /// The image that covers `page`, as [`source::from_file`] chooses it.
    fn of(page: &PageContent) -> Option<Drawn> {
        let image = source::covering_image(page)?;
        Some(Drawn { object: image.object?, placement: [image.x0, image.top, image.x1, image.bottom] })
    }
}

/// A scan read from the file, kept for pages that draw it again.
struct Reading {
    drawn: Drawn,
    /// The size of the page it was read on, before any turn.
    size: (f32, f32),
    /// The page it was read on.
    page: u32,
    origin: String,
    result: PageResult,
}

impl Reading {
    /// The reading laid onto a page of `size` (before any turn) that draws
    /// the same image at `drawn`: the same where it is drawn the same,
    /// else moved and scaled from one drawing to the other, in the page
    /// turned as the reading turned it. (The reading's dpi-based tuning
    /// followed the first drawing's size; the words are the image's.)
    fn placed_on(&self, drawn: Drawn, size: (f32, f32)) -> PageResult {
        let turns = self.result.turns;
        let (from, _) = turn_rect(self.drawn.placement, self.size, turns);
        let (to, _) = turn_rect(drawn.placement, size, turns);
        if from == to { self.result.clone() } else { self.result.placed(from, to) }
    }
}

/// Page numbers as ranges: "pages 3, 5–9".
fn page_ranges(pages: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &p in pages {
        match ranges.last_mut() {
            Some((_, end)) if p == *end + 1 => *end = p,
            _ => ranges.push((p, p)),
        }
    }
    let listed: Vec<String> =
        ranges.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }).collect();
    format!("{} {}", if pages.len() == 1 { "page" } else { "pages" }, listed.join(", "))
}

/// One piece of text as read: a word outside tables or a cell's value.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadValue {
    pub text: String,
    pub confidence: f32,
    /// Read from a table cell.
    pub cell: bool,
}

/// What recognising one page gave.
#[derive(Debug, Clone, Default)]
pub struct PageResult {
    pub glyphs: Vec<Glyph>,
    /// Each glyph's confidence (its word's), index for index.
    pub confidences: Vec<f32>,
    pub rulings: Vec<Ruling>,
    pub values: Vec<ReadValue>,
    /// Page-space positions (left, top) of table cells with ink where
    /// nothing was read: a warning each (see [`PageResult::diagnostics`]).
    pub unread_cells: Vec<(f32, f32)>,
    pub skew_deg: f32,
    /// Quarter turns clockwise the scan was given to read it upright; the
    /// page is turned with it (width and height swapped when odd).
    pub turns: u8,
    pub seal_pixels: usize,
    pub cells: usize,
    pub numeric_cells: usize,
    /// Lines of cells the block reading dropped, read again on their own.
    pub dropped_lines: usize,
    /// Lines of large type read again at the page's text size, and kept.
    pub large_lines: usize,
}

impl PageResult {
    /// The warnings of this reading: a table cell with ink where nothing
    /// was read.
    pub fn diagnostics(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.unread_cells.iter().map(|(x, y)| {
            Diagnostic::warning(
                "ocr.unread_cell",
                format!("a table cell at ({x:.0}, {y:.0}) pt has ink but nothing was read in it; its value is missing"),
            )
        })
    }

    /// This reading moved and scaled from the page-space rectangle `from`
    /// to `to` (`[x0, top, x1, bottom]`): glyphs, their sizes, rulings and
    /// unread cells.
    fn placed(&self, from: [f32; 4], to: [f32; 4]) -> PageResult {
        let map = ToPage::between(from, to);
        let (x, y) = (|v| map.x(v), |v| map.y(v));
        let mut out = self.clone();
        for g in &mut out.glyphs {
            g.rect = Rect { x0: x(g.rect.x0), top: y(g.rect.top), x1: x(g.rect.x1), bottom: y(g.rect.bottom) };
            g.size = (g.rect.bottom - g.rect.top).max(1.0);
        }
        for r in &mut out.rulings {
            // A line's width runs across it: vertical for a flat line.
            let flat = (r.x1 - r.x0).abs() >= (r.bottom - r.top).abs();
            *r = Ruling { x0: x(r.x0), top: y(r.top), x1: x(r.x1), bottom: y(r.bottom), width: r.width * if flat { map.sy } else { map.sx } };
        }
        for cell in &mut out.unread_cells {
            *cell = (x(cell.0), y(cell.1));
        }
        out
    }

    fn summary(&self, number: u32, origin: &str) -> String {
        let chars: usize = self.values.iter().map(|v| v.text.chars().count()).sum();
        let mean = if self.values.is_empty() {
            0.0
        } else {
            self.values.iter().map(|v| v.confidence).sum::<f32>() / self.values.len() as f32
        };
        let dropped = if self.dropped_lines > 0 {
            format!(", {} cell line(s) the first reading dropped read again", self.dropped_lines)
        } else {
            String::new()
        };
        let large = if self.large_lines > 0 {
            format!(", {} line(s) of large type read again at the text's size", self.large_lines)
        } else {
            String::new()
        };
        let seal = if self.seal_pixels > 0 {
            format!(", red ink removed ({} pixels)", self.seal_pixels)
        } else {
            String::new()
        };
        format!(
            "page {number} was read by OCR from the {origin}: skew {:.2}° undone{seal}, {} ruled cell(s) read one by one ({} as numbers){dropped}{large}, {chars} character(s), mean confidence {:.2}",
            self.skew_deg, self.cells, self.numeric_cells, mean
        )
    }
}

/// Maps pixels of the cleaned scan to page space.
#[derive(Debug, Clone, Copy)]
struct ToPage {
    x0: f32,
    top: f32,
    sx: f32,
    sy: f32,
}

impl ToPage {
    /// The map that takes the rectangle `from` onto `to` (both `[x0, top,
    /// x1, bottom]`); a side of no length keeps its scale.
    fn between(from: [f32; 4], to: [f32; 4]) -> ToPage {
        let scale = |a0: f32, a1: f32, b0: f32, b1: f32| if a1 != a0 { (b1 - b0) / (a1 - a0) } else { 1.0 };
        let (sx, sy) = (scale(from[0], from[2], to[0], to[2]), scale(from[1], from[3], to[1], to[3]));
        ToPage { x0: to[0] - from[0] * sx, top: to[1] - from[1] * sy, sx, sy }
    }

    fn x(&self, px: f32) -> f32 {
        self.x0 + px * self.sx
    }
    fn y(&self, py: f32) -> f32 {
        self.top + py * self.sy
    }
}

/// A cleaned scan made ready to read: where it lies on the (maybe turned)
/// page, its rulings and cells, and the crops of the cells with ink.
pub struct Prepared {
    gray: Gray,
    to_page: ToPage,
    dpi: u32,
    lines: Vec<rulings::Line>,
    cells: Vec<Cell>,
    /// Cells with ink and their crop rectangles.
    inked: Vec<(Cell, (usize, usize, usize, usize))>,
    /// Half the thickest ruling plus the settings' inset.
    thickest: f32,
}

impl Prepared {
    /// `image`, on a page of `size` (width, height), cleaned (turned upright
    /// when it lies on its side) and made ready to read: all that happens
    /// to a scan before the engine sees it.
    pub fn scan(image: &source::PageImage, size: (f32, f32), settings: &Settings) -> (Prepared, preprocess::Cleaned) {
        let placement_width = (image.placement[2] - image.placement[0]).max(1e-3);
        let px_per_pt = image.raster.width as f32 / placement_width;
        let (gray, cleaned) = preprocess::clean(&image.raster, px_per_pt, &preprocess::Settings::default());
        let (placement, _) = turn_rect(image.placement, size, cleaned.quarter_turns);
        (Prepared::new(gray, placement, settings), cleaned)
    }

    /// The images of the first reading — each inked cell, the page without
    /// its tables — and each cell's bands of ink, as the engine would be
    /// given them (for the fuzz target: the pure code before the engine).
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub fn engine_inputs(&self, settings: &Settings) -> Vec<Gray> {
        let mut out: Vec<Gray> = (0..self.inked.len()).map(|k| self.cell_crop(k, settings)).collect();
        let bands: Vec<Gray> = out
            .iter()
            .flat_map(|crop| {
                self.line_bands(crop, settings).into_iter().map(|band| band_image(crop, band, settings))
            })
            .collect();
        out.extend(bands);
        out.push(self.rest_as_read(settings));
        out
    }

    /// The page without its tables as the engine reads it: smoothed by
    /// [`Settings::smoothing_mm`].
    fn rest_as_read(&self, settings: &Settings) -> Gray {
        self.rest().smoothed(self.smoothing_px(settings, 1.0))
    }

    /// [`Settings::smoothing_mm`] in pixels of the scan enlarged `factor`
    /// times.
    fn smoothing_px(&self, settings: &Settings, factor: f32) -> f32 {
        settings.smoothing_mm * self.dpi as f32 * factor / 25.4
    }

    /// The bands of ink of a cell's crop tall enough to be a line of text.
    fn line_bands(&self, crop: &Gray, settings: &Settings) -> Vec<(usize, usize)> {
        let px_per_pt = self.dpi as f32 / 72.0 * self.cell_factor(settings);
        crop.ink_bands(preprocess::INK, (settings.dropped_line_min_pt * px_per_pt).round() as usize)
    }

    /// `gray` filling the page-space rectangle `placement`.
    fn new(gray: Gray, placement: [f32; 4], settings: &Settings) -> Prepared {
        let [x0, top, x1, bottom] = placement;
        let to_page = ToPage { x0, top, sx: (x1 - x0) / gray.width as f32, sy: (bottom - top) / gray.height as f32 };
        let px_per_pt = 1.0 / to_page.sx.max(1e-3);
        let dpi = (px_per_pt * 72.0).round().max(1.0) as u32;
        let line_settings = rulings::Settings::default();
        let lines = rulings::find_lines(&gray, px_per_pt, &line_settings);
        let cells = rulings::cells(&lines, &line_settings);
        // A large title's strokes are as long as a short ruling; blanked
        // from the page text they would leave its characters maimed.
        let lines = rulings::without_strokes(lines, &cells, px_per_pt, &line_settings);
        let thickest = lines.iter().map(|l| l.thickness).fold(0.0f32, f32::max);
        let inset = thickest / 2.0 + settings.cell_inset_pt * px_per_pt;
        let mut inked = Vec::new();
        for c in &cells {
            let (cx0, cy0) = ((c.x0 + inset).max(0.0) as usize, (c.top + inset).max(0.0) as usize);
            let (cx1, cy1) = ((c.x1 - inset).max(0.0) as usize, (c.bottom - inset).max(0.0) as usize);
            let r = (cx0, cy0, cx1.max(cx0), cy1.max(cy0));
            let area = (r.2 - r.0) * (r.3 - r.1);
            if area > 0 && gray.dark_in(r.0, r.1, r.2, r.3, preprocess::INK) * 1000 >= settings.empty_ink_permille * area
            {
                inked.push((*c, r));
            }
        }
        Prepared { gray, to_page, dpi, lines, cells, inked, thickest }
    }

    /// Cells are read enlarged: Tesseract drops lines of a small multi-line
    /// cell ("社会/公益/组织" read as "社会组织") at scan resolution.
    fn cell_factor(&self, settings: &Settings) -> f32 {
        (settings.cell_dpi / self.dpi as f32).max(1.0)
    }

    /// The page without its tables: cells and rulings painted white.
    fn rest(&self) -> Gray {
        let mut rest = self.gray.clone();
        let pad = self.thickest.ceil() as usize + 2;
        for c in &self.cells {
            rest.blank(
                (c.x0 as usize).saturating_sub(pad),
                (c.top as usize).saturating_sub(pad),
                c.x1 as usize + pad,
                c.bottom as usize + pad,
            );
        }
        for l in &self.lines {
            let half = (l.thickness / 2.0).ceil() as usize + 2;
            rest.blank(
                (l.x0 as usize).saturating_sub(half),
                (l.y0 as usize).saturating_sub(half),
                l.x1 as usize + half + 1,
                l.y1 as usize + half + 1,
            );
        }
        rest
    }

    /// Cell `k` of the inked ones as read at first: cropped, padded,
    /// enlarged by [`Prepared::cell_factor`] and smoothed.
    fn cell_crop(&self, k: usize, settings: &Settings) -> Gray {
        self.crop_as_read(k, self.cell_factor(settings), settings)
    }

    /// Cell `k` of the inked ones cropped, padded, enlarged `factor` times
    /// and smoothed by [`Settings::smoothing_mm`], as the engine is given it.
    fn crop_as_read(&self, k: usize, factor: f32, settings: &Settings) -> Gray {
        let r = self.inked[k].1;
        let crop = self.gray.crop(r.0, r.1, r.2, r.3).padded(settings.crop_pad_px).scaled(factor);
        crop.smoothed(self.smoothing_px(settings, factor))
    }

    /// The first reading: each inked cell as a block of text, and the rest
    /// of the page.
    fn read_text(&self, engine: &dyn Engine, settings: &Settings, page: u32) -> Result<FirstReading> {
        let factor = self.cell_factor(settings);
        let cell_dpi = (self.dpi as f32 * factor).round() as u32;
        let crops: Vec<Gray> = (0..self.inked.len()).map(|k| self.cell_crop(k, settings)).collect();
        let rest = self.rest_as_read(settings);
        if let Some(dir) = std::env::var_os(DUMP_VAR) {
            let dir = std::path::Path::new(&dir);
            dump(dir, page, &self.gray, &crops);
            // A debugging aid, as `dump`.
            let _ = std::fs::write(dir.join(format!("page{page}-rest.pgm")), rest.to_pgm());
        }
        let cell_words = engine.read(&crops, cell_dpi, ReadMode::Block)?;
        let page_words = engine.read(std::slice::from_ref(&rest), self.dpi, ReadMode::Page)?.pop().unwrap_or_default();
        Ok((cell_words, page_words, rest))
    }

    /// Reads again, each on its own as one word, the lines of ink in a cell
    /// that its block reading left out — Tesseract drops a line of two
    /// spaced characters ("社会/公益/组织" read as "社会组织") — and puts what
    /// it reads confidently enough among the cell's words, in line order.
    /// Returns how many lines were recovered.
    fn read_dropped_lines(
        &self,
        engine: &dyn Engine,
        settings: &Settings,
        cell_words: &mut [Vec<Word>],
    ) -> Result<usize> {
        let factor = self.cell_factor(settings);
        let mut dropped: Vec<(usize, (usize, usize))> = Vec::new();
        let mut images = Vec::new();
        for (k, words) in cell_words.iter().enumerate() {
            if words.is_empty() {
                // Nothing read at all: `ocr.unread_cell` says so.
                continue;
            }
            let crop = self.cell_crop(k, settings);
            for (y0, y1) in self.line_bands(&crop, settings) {
                let covered = words.iter().any(|w| {
                    let overlap = (w.top + w.height).min(y1 as f32) - w.top.max(y0 as f32);
                    overlap >= 0.5 * (y1 - y0) as f32
                });
                if !covered {
                    dropped.push((k, (y0, y1)));
                    images.push(band_image(&crop, (y0, y1), settings));
                }
            }
        }
        let cell_dpi = (self.dpi as f32 * factor).round() as u32;
        let mut recovered = 0;
        for (band, ((k, (y0, _)), words)) in dropped.iter().zip(engine.read(&images, cell_dpi, ReadMode::Word)?).enumerate() {
            let pad = settings.crop_pad_px as f32;
            let kept: Vec<Word> = words.into_iter().filter(|w| w.confidence >= settings.dropped_line_confidence).collect();
            recovered += usize::from(!kept.is_empty());
            for w in kept {
                cell_words[*k].push(Word {
                    top: w.top - pad + *y0 as f32,
                    left: w.left - pad,
                    line: (u32::MAX, 0, band as u32),
                    ..w
                });
            }
        }
        for words in cell_words.iter_mut() {
            // Lines in reading order: a stable sort by each line's top keeps
            // the words of a line in theirs.
            let tops: Vec<f32> = words
                .iter()
                .map(|w| words.iter().filter(|o| o.line == w.line).map(|o| o.top).fold(f32::INFINITY, f32::min))
                .collect();
            let mut order: Vec<usize> = (0..words.len()).collect();
            order.sort_by(|&a, &b| tops[a].total_cmp(&tops[b]));
            *words = order.into_iter().map(|i| words[i].clone()).collect();
        }
        Ok(recovered)
    }
}

impl Prepared {
    /// Reads again the lines of large type among `words` (the page text's,
    /// in the pixels of the scan; `rest` the page text as first read): each visual line of them — lines the
    /// engine's layout split side by side are one — cut out of the page text
    /// as read, scaled so its words are the page's median height, and read
    /// as a block; its words replace the first reading's when they read with
    /// a higher mean confidence ([`Settings::large_type_ratio`]). Returns how
    /// many lines were replaced.
    fn read_large_type(
        &self,
        engine: &dyn Engine,
        settings: &Settings,
        rest: &Gray,
        words: &mut Vec<Word>,
    ) -> Result<usize> {
        let median = |mut heights: Vec<f32>| {
            heights.sort_by(f32::total_cmp);
            heights.get(heights.len() / 2).copied().unwrap_or(0.0)
        };
        if words.len() < settings.large_type_min_words {
            return Ok(0);
        }
        let body = median(words.iter().map(|w| w.height).collect());
        if body < 1.0 {
            return Ok(0);
        }
        let mut keys: Vec<(u32, u32, u32)> = Vec::new();
        for w in words.iter() {
            if !keys.contains(&w.line) {
                keys.push(w.line);
            }
        }
        let mut bands: Vec<LargeLine> = Vec::new();
        for key in keys {
            let line: Vec<&Word> = words.iter().filter(|w| w.line == key).collect();
            let height = median(line.iter().map(|w| w.height).collect());
            if height < settings.large_type_ratio * body {
                continue;
            }
            let [x0, top, x1, bottom] = line.iter().fold(
                [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY],
                |[a, b, c, d], w| [a.min(w.left), b.min(w.top), c.max(w.left + w.width), d.max(w.top + w.height)],
            );
            let same_row = bands.iter_mut().find(|b| {
                let overlap = b.rect[3].min(bottom) - b.rect[1].max(top);
                overlap >= 0.5 * (b.rect[3] - b.rect[1]).min(bottom - top)
            });
            match same_row {
                Some(b) => {
                    let r = b.rect;
                    b.rect = [r[0].min(x0), r[1].min(top), r[2].max(x1), r[3].max(bottom)];
                    b.lines.push(key);
                    b.height = b.height.max(height);
                }
                None => bands.push(LargeLine { rect: [x0, top, x1, bottom], lines: vec![key], height }),
            }
        }
        if bands.is_empty() {
            return Ok(0);
        }
        let pad = settings.crop_pad_px;
        let images: Vec<(Gray, f32)> = bands
            .iter()
            .map(|LargeLine { rect: [x0, top, x1, bottom], height, .. }| {
                let scale = body / height;
                let crop = rest.crop(*x0 as usize, *top as usize, x1.ceil() as usize, bottom.ceil() as usize);
                (crop.padded(pad).scaled(scale), scale)
            })
            .collect();
        let mut replaced = 0;
        for (k, (LargeLine { rect, lines, .. }, (image, scale))) in bands.iter().zip(&images).enumerate() {
            let dpi = (self.dpi as f32 * scale).round().max(1.0) as u32;
            let again = engine.read(std::slice::from_ref(image), dpi, ReadMode::Block)?.pop().unwrap_or_default();
            let before = mean_confidence(words.iter().filter(|w| lines.contains(&w.line)));
            let after = mean_confidence(again.iter());
            if after.1 == 0 || after.0 <= before.0 {
                continue;
            }
            let at = words.iter().position(|w| lines.contains(&w.line)).unwrap_or(words.len());
            words.retain(|w| !lines.contains(&w.line));
            let placed = again.into_iter().map(|w| Word {
                left: rect[0] + w.left / scale - pad as f32,
                top: rect[1] + w.top / scale - pad as f32,
                width: w.width / scale,
                height: w.height / scale,
                line: (u32::MAX - 1, k as u32, w.line.2),
                ..w
            });
            let at = at.min(words.len());
            words.splice(at..at, placed);
            replaced += 1;
        }
        Ok(replaced)
    }
}

/// The first reading of a page: each inked cell's words, the page text's
/// words, and the page text as the engine was given it.
type FirstReading = (Vec<Vec<Word>>, Vec<Word>, Gray);

/// A visual line of large type in the page text: its box (x0, top, x1,
/// bottom, pixels), the engine's lines in it, its words' height.
struct LargeLine {
    rect: [f32; 4],
    lines: Vec<(u32, u32, u32)>,
    height: f32,
}

/// Rows [y0, y1) of a cell's crop, padded, as the engine reads a line.
fn band_image(crop: &Gray, (y0, y1): (usize, usize), settings: &Settings) -> Gray {
    crop.crop(0, y0, crop.width, y1).padded(settings.crop_pad_px)
}

/// The mean confidence of the characters read, and their count.
fn mean_confidence<'a>(words: impl Iterator<Item = &'a Word>) -> (f32, usize) {
    let (sum, count) = words.fold((0.0f32, 0usize), |(s, n), w| {
        let chars = w.text.chars().filter(|c| !c.is_whitespace()).count();
        (s + w.confidence * chars as f32, n + chars)
    });
    (if count == 0 { 0.0 } else { sum / count as f32 }, count)
}

/// `rect` (x0, top, x1, bottom) on a page of `size` (width, height) and the
/// page's size, both after the page is turned `quarters` quarter turns
/// clockwise.
fn turn_rect(rect: [f32; 4], size: (f32, f32), quarters: u8) -> ([f32; 4], (f32, f32)) {
    let (mut rect, mut size) = (rect, size);
    for _ in 0..quarters % 4 {
        // A quarter clockwise: (x, y) on a page w × h goes to (h - y, x) on
        // a page h × w.
        let [x0, top, x1, bottom] = rect;
        rect = [size.1 - bottom, x0, size.1 - top, x1];
        size = (size.1, size.0);
    }
    (rect, size)
}

/// Reads one page's scan: clean (a page on its side turned upright), find
/// rulings and cells, read each cell and the text outside the tables — and
/// when that reads poorly, the page upside down again, keeping the better
/// —, then the numeric cells again digits-only, and build glyphs and
/// rulings in page space. `PageResult::turns` says how the page was turned.
pub fn recognise_page(
    engine: &dyn Engine,
    image: &source::PageImage,
    page: &PageContent,
    settings: &Settings,
) -> Result<PageResult> {
    let size = (page.width, page.height);
    let (mut prepared, cleaned) = Prepared::scan(image, size, settings);
    let mut turns = cleaned.quarter_turns;
    let (mut cell_words, mut page_words, mut rest) = prepared.read_text(engine, settings, page.number)?;
    let (confidence, read) = mean_confidence(cell_words.iter().flatten().chain(&page_words));
    if read > 0 && confidence < settings.upside_down_below {
        // Text read upside down comes out as characters of low confidence;
        // read the page turned round and keep whichever reads better.
        let (placement, _) = turn_rect(image.placement, size, turns + 2);
        let turned = Prepared::new(prepared.gray.turned(2), placement, settings);
        let (cells, words, turned_rest) = turned.read_text(engine, settings, page.number)?;
        if mean_confidence(cells.iter().flatten().chain(&words)).0 > confidence {
            (prepared, cell_words, page_words, rest, turns) = (turned, cells, words, turned_rest, (turns + 2) % 4);
        }
    }
    let mut out = PageResult {
        skew_deg: cleaned.skew_deg,
        seal_pixels: cleaned.seal_pixels,
        turns,
        cells: prepared.cells.len(),
        ..Default::default()
    };
    out.dropped_lines = prepared.read_dropped_lines(engine, settings, &mut cell_words)?;
    out.large_lines = prepared.read_large_type(engine, settings, &rest, &mut page_words)?;
    drop(rest);
    let Prepared { to_page, dpi, lines, inked, .. } = &prepared;
    let (to_page, dpi) = (*to_page, *dpi);
    let factor = prepared.cell_factor(settings);

    // Numeric cells again, digits only; short cells too, for a number the
    // first reading took for a character ("1" read as "工"), kept as a number
    // only when the engine is surer of it than of the first reading.
    let numeric: Vec<bool> = cell_words.iter().map(|w| is_numeric(w, settings.numeric_share)).collect();
    let again: Vec<usize> =
        (0..inked.len()).filter(|&k| numeric[k] || is_short(&cell_words[k], settings.short_cell_chars)).collect();
    // Digits are read as scanned from `number_native_dpi` up (at 300 dpi
    // enlarged to 400, "52" came out "8"), enlarged like text below it.
    let number_factor = if dpi as f32 >= settings.number_native_dpi { 1.0 } else { factor };
    let number_crops: Vec<Gray> = again.iter().map(|&k| prepared.crop_as_read(k, number_factor, settings)).collect();
    let numbers = engine.read(&number_crops, (dpi as f32 * number_factor).round() as u32, ReadMode::Number)?;
    let mut from_numbers = vec![false; inked.len()];
    for (&k, words) in again.iter().zip(numbers) {
        if words.is_empty() {
            continue;
        }
        let surer = min_confidence(&words) > min_confidence(&cell_words[k]) + settings.number_margin;
        if numeric[k] || surer {
            cell_words[k] = words;
            from_numbers[k] = true;
            out.numeric_cells += 1;
        }
    }
    for (((cell, r), words), &native) in inked.iter().zip(&cell_words).zip(&from_numbers) {
        let (ox, oy) = (r.0 as f32 - settings.crop_pad_px as f32, r.1 as f32 - settings.crop_pad_px as f32);
        if words.is_empty() {
            out.unread_cells.push((to_page.x(cell.x0), to_page.y(cell.top)));
            continue;
        }
        let text: String = words.iter().map(|w| w.text.as_str()).collect();
        let confidence = min_confidence(words);
        out.values.push(ReadValue { text, confidence, cell: true });
        let f = if native { number_factor } else { factor };
        let scaled = ToPage { x0: to_page.x(ox), top: to_page.y(oy), sx: to_page.sx / f, sy: to_page.sy / f };
        add_glyphs(&mut out, words, &scaled);
    }

    // The rest of the page, tables blanked out.
    for w in &page_words {
        out.values.push(ReadValue { text: w.text.clone(), confidence: w.confidence, cell: false });
    }
    add_glyphs(&mut out, &page_words, &to_page);

    out.rulings = lines
        .iter()
        .map(|l| Ruling {
            x0: to_page.x(l.x0),
            top: to_page.y(l.y0),
            x1: to_page.x(l.x1),
            bottom: to_page.y(l.y1),
            width: l.thickness * to_page.sx,
        })
        .collect();
    Ok(out)
}

/// Names a folder where each page's cleaned scan and cell crops are written
/// as PGM files, to see what the engine was given (debugging aid).
pub const DUMP_VAR: &str = "GOVDOC_OCR_DUMP";

fn dump(dir: &std::path::Path, page: u32, gray: &Gray, crops: &[Gray]) {
    // A debugging aid: a folder that cannot be written is not worth failing
    // the conversion for.
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(format!("page{page}.pgm")), gray.to_pgm());
    for (k, crop) in crops.iter().enumerate() {
        let _ = std::fs::write(dir.join(format!("page{page}-cell{k:03}.pgm")), crop.to_pgm());
    }
}

/// The least confidence of `words` (1 when empty).
fn min_confidence(words: &[Word]) -> f32 {
    words.iter().map(|w| w.confidence).fold(1.0f32, f32::min)
}

/// A cell of at most `max` characters.
fn is_short(words: &[Word], max: usize) -> bool {
    words.iter().map(|w| w.text.chars().count()).sum::<usize>() <= max
}

/// A cell's first reading is a number when most of its characters are
/// digits.
fn is_numeric(words: &[Word], share: f32) -> bool {
    let chars: Vec<char> = words.iter().flat_map(|w| w.text.chars()).filter(|c| !c.is_whitespace()).collect();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    digits > 0 && digits as f32 >= share * chars.len() as f32
}

/// Glyphs for `words` (boxes in the image `to_page` maps): each word's
/// characters spread evenly over its box, top and bottom those of the word's
/// line, so layout sees real positions and gaps; each carries its word's
/// confidence.
fn add_glyphs(out: &mut PageResult, words: &[Word], to_page: &ToPage) {
    // The engine gives words in reading order; boxes of neighbours may
    // overlap, so each starts no further left than the one before it on its
    // line ends, or layout would interleave their characters.
    let mut line_end: Option<((u32, u32, u32), f32)> = None;
    for w in words {
        let start = match line_end {
            Some((line, end)) if line == w.line => w.left.max(end),
            _ => w.left,
        };
        let width = (w.left + w.width - start).max(1.0);
        line_end = Some((w.line, start + width));
        let (line_top, line_bottom) = words
            .iter()
            .filter(|o| o.line == w.line)
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(t, b), o| (t.min(o.top), b.max(o.top + o.height)));
        let chars: Vec<char> = w.text.chars().collect();
        let step = width / chars.len().max(1) as f32;
        let (top, bottom) = (to_page.y(line_top), to_page.y(line_bottom));
        for (k, ch) in chars.iter().enumerate() {
            let left = start + step * k as f32;
            out.confidences.push(w.confidence);
            out.glyphs.push(Glyph {
                text: ch.to_string(),
                rect: Rect { x0: to_page.x(left), top, x1: to_page.x(left + step), bottom },
                size: (bottom - top).max(1.0),
                font: 0,
                upright: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Word {
        Word { text: text.into(), left: 0.0, top: 0.0, width: 10.0, height: 10.0, confidence: 0.9, line: (1, 1, 1) }
    }

    /// A scan drawn again elsewhere, or at another size, has the reading of
    /// where it was first drawn moved and scaled onto it — in the page as
    /// turned to read it, when it was.
    #[test]
    fn a_reading_is_laid_onto_where_a_page_draws_the_same_scan() {
        let glyph = Glyph {
            text: "一".into(),
            rect: Rect { x0: 100.0, top: 200.0, x1: 110.0, bottom: 212.0 },
            size: 12.0,
            font: 0,
            upright: true,
        };
        let result = PageResult {
            glyphs: vec![glyph],
            confidences: vec![90.0],
            rulings: vec![Ruling { x0: 50.0, top: 300.0, x1: 550.0, bottom: 300.0, width: 1.0 }],
            unread_cells: vec![(60.0, 310.0)],
            ..Default::default()
        };
        let first = Drawn { object: (4, 0), placement: [0.0, 0.0, 600.0, 800.0] };
        let mut reading = Reading { drawn: first, size: (600.0, 800.0), page: 1, origin: "image 4 0".into(), result };
        let same = reading.placed_on(first, (600.0, 800.0));
        assert_eq!(same.glyphs[0].rect, reading.result.glyphs[0].rect);

        // At half the size, 10 pt right and 20 pt down, on a larger page.
        let half = Drawn { object: (4, 0), placement: [10.0, 20.0, 310.0, 420.0] };
        let placed = reading.placed_on(half, (700.0, 900.0));
        assert_eq!(placed.glyphs[0].rect, Rect { x0: 60.0, top: 120.0, x1: 65.0, bottom: 126.0 });
        assert_eq!(placed.glyphs[0].size, 6.0);
        let r = placed.rulings[0];
        assert_eq!((r.x0, r.top, r.x1, r.bottom, r.width), (35.0, 170.0, 285.0, 170.0, 0.5));
        assert_eq!(placed.unread_cells, vec![(40.0, 175.0)]);
        let warning = placed.diagnostics().next().expect("the unread cell's warning");
        assert!(warning.message.contains("a table cell at (40, 175) pt"), "{}", warning.message);

        // Read a quarter turn round: its glyphs lie in the turned page (800
        // × 600 pt), where the first drawing is [0, 0, 800, 600] and the
        // second [480, 10, 880, 310] (page 900 × 700 turned).
        reading.result.turns = 1;
        let placed = reading.placed_on(half, (700.0, 900.0));
        assert_eq!(placed.glyphs[0].rect, Rect { x0: 530.0, top: 110.0, x1: 535.0, bottom: 116.0 });
    }

    #[test]
    fn a_turned_page_takes_its_image_along() {
        // An image over the top half of a portrait page 600 × 800.
        let rect = [0.0, 0.0, 600.0, 400.0];
        // A quarter clockwise: the top half becomes the right half of a
        // landscape page 800 × 600.
        assert_eq!(turn_rect(rect, (600.0, 800.0), 1), ([400.0, 0.0, 800.0, 600.0], (800.0, 600.0)));
        // Upside down: the bottom half; three quarters: the left half.
        assert_eq!(turn_rect(rect, (600.0, 800.0), 2), ([0.0, 400.0, 600.0, 800.0], (600.0, 800.0)));
        assert_eq!(turn_rect(rect, (600.0, 800.0), 3), ([0.0, 0.0, 400.0, 600.0], (800.0, 600.0)));
        assert_eq!(turn_rect(rect, (600.0, 800.0), 4), (rect, (600.0, 800.0)));
    }

    /// Reads every image as one word "大字" at 0.95, and notes the sizes
    /// and resolutions it was given.
    struct ReadsLargeType(std::cell::RefCell<Vec<(usize, usize, u32)>>);

    impl Engine for ReadsLargeType {
        fn describe(&self) -> String {
            "a stand-in".into()
        }

        fn read(&self, images: &[Gray], dpi: u32, _mode: ReadMode) -> Result<Vec<Vec<Word>>> {
            self.0.borrow_mut().extend(images.iter().map(|i| (i.width, i.height, dpi)));
            // The word fills the image but for its margin: the 12 px of
            // padding, halved with the line.
            let read = |i: &Gray| Word {
                text: "大字".into(),
                left: 6.0,
                top: 6.0,
                width: (i.width - 12) as f32,
                height: (i.height - 12) as f32,
                confidence: 0.95,
                line: (1, 1, 1),
            };
            Ok(images.iter().map(|i| vec![read(i)]).collect())
        }
    }

    #[test]
    fn large_type_is_read_again_at_the_text_s_size() {
        // A blank page at 300 dpi read as 30 words 20 px high on lines 2..,
        // and a title line of two words 40 px high, one doubtful.
        let gray = Gray::new(600, 600, 255);
        let prepared = Prepared::new(gray, [0.0, 0.0, 144.0, 144.0], &Settings::default());
        let at = |text: &str, left: f32, top: f32, height: f32, confidence: f32, line: u32| Word {
            text: text.into(),
            left,
            top,
            width: 2.0 * height,
            height,
            confidence,
            line: (1, 1, line),
        };
        let mut words = vec![at("目然", 100.0, 30.0, 40.0, 0.92, 1), at("#", 200.0, 30.0, 40.0, 0.39, 1)];
        words.extend((0..30).map(|k| at("正文", 50.0 * (k % 10) as f32, 150.0 + 30.0 * (k / 10) as f32, 20.0, 0.9, 2 + k / 10)));
        let engine = ReadsLargeType(Default::default());
        let rest = prepared.rest_as_read(&Settings::default());
        let replaced = prepared.read_large_type(&engine, &Settings::default(), &rest, &mut words).unwrap();
        assert_eq!(replaced, 1);
        // The title's box (100..280 × 30..70) padded and halved, at 150 dpi.
        assert_eq!(*engine.0.borrow(), vec![(102, 32, 150)]);
        assert_eq!(words.len(), 31);
        let title = &words[0];
        assert_eq!((title.text.as_str(), title.left, title.top, title.height), ("大字", 100.0, 30.0, 40.0));
        // A reading no surer than the first is not kept; a page of few words
        // has no text size to scale to.
        let mut sure = words.clone();
        sure[0] = at("青州", 100.0, 30.0, 40.0, 0.99, 1);
        assert_eq!(prepared.read_large_type(&engine, &Settings::default(), &rest, &mut sure).unwrap(), 0);
        assert_eq!(sure[0].text, "青州");
        let mut few = words[..3].to_vec();
        few[0].height = 40.0;
        assert_eq!(prepared.read_large_type(&engine, &Settings::default(), &rest, &mut few).unwrap(), 0);
    }

    #[test]
    fn numeric_cells_are_mostly_digits() {
        assert!(is_numeric(&[word("586")], 0.6));
        assert!(is_numeric(&[word("-18")], 0.6));
        assert!(!is_numeric(&[word("1.属于国家秘密")], 0.6));
        assert!(!is_numeric(&[], 0.6));
    }

    #[test]
    fn auto_reads_pages_of_images_or_unmapped_glyphs_only() {
        let scan = PageContent { images: 1, ..Default::default() };
        assert!(needs_ocr(&scan, Mode::Auto));
        assert!(!needs_ocr(&scan, Mode::Never));
        let glyph = |t: &str| Glyph { text: t.into(), rect: Rect { x0: 0.0, top: 0.0, x1: 1.0, bottom: 1.0 }, size: 1.0, font: 0, upright: true };
        let unmapped = PageContent { glyphs: vec![glyph("\u{FFFD}")], ..Default::default() };
        assert!(needs_ocr(&unmapped, Mode::Auto));
        let digital = PageContent { glyphs: vec![glyph("年")], images: 1, ..Default::default() };
        assert!(!needs_ocr(&digital, Mode::Auto));
        assert!(needs_ocr(&digital, Mode::Always));
    }
}
