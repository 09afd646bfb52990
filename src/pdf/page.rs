//! What the content interpreter hands to layout and the table finder: the
//! characters and ruling lines of one page, in page space.
//!
//! Page space is in points with the origin at the top-left corner of the
//! visible page (CropBox, after `/Rotate`), x growing to the right and y
//! growing downwards — the convention of pdfplumber, so a value here can be
//! compared with what pdfplumber prints for the same page.

use crate::pdf::geometry::Rect;

/// One character as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph: usually one character; several for a
    /// ligature or an `/ActualText` span; U+FFFD when the font has no map for
    /// the code (counted in a diagnostic, never silently dropped).
    pub text: String,
    /// Left and right edges from the advance width; top and bottom the em
    /// box of the font size around the baseline (ascent 0.88 em, descent
    /// 0.12 em when the font does not say).
    pub rect: Rect,
    /// Effective font size in page units (text matrix × CTM scale).
    pub size: f32,
    /// Index of the font in [`PageContent::fonts`].
    pub font: usize,
    /// False for text drawn turned (its line running more than 45° off
    /// rightwards, or the glyph not standing up) or vertical (writing mode 1).
    pub upright: bool,
}

/// A straight line that may be a table border: a stroked segment (`m`/`l`
/// … `S`, the sides of a stroked `re`), a thin filled rectangle (Word draws
/// borders that way) reduced to its centre line, or a side of a larger
/// filled rectangle (a shaded cell or row; width 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// Line width (stroke width, or the thin side of a filled rectangle; 0
    /// for the side of a shaded area).
    pub width: f32,
}

impl Ruling {
    /// Flat within `tolerance` (points); the interpreter's tests count
    /// rulings by direction (tests/all/pdf_interpreter.rs).
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub fn is_horizontal(&self, tolerance: f32) -> bool {
        (self.bottom - self.top).abs() <= tolerance
    }

    /// Upright within `tolerance` (points), as [`Ruling::is_horizontal`].
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub fn is_vertical(&self, tolerance: f32) -> bool {
        (self.x1 - self.x0).abs() <= tolerance
    }
}

/// A font used on the page, for layout decisions (bold headings, the title's
/// size) and diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct FontInfo {
    /// BaseFont without the subset tag: "FangSong_GB2312", "SimHei".
    pub name: String,
    pub bold: bool,
    /// Advance of the font's space character in em, when it has one: word
    /// gaps are judged against it (a gap well short of it is no space).
    pub space_width: Option<f32>,
}

/// Everything layout and the table finder need from one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// In content-stream order (the order the producer drew them).
    pub glyphs: Vec<Glyph>,
    pub rulings: Vec<Ruling>,
    pub fonts: Vec<FontInfo>,
    /// Image XObjects and inline images drawn on the page.
    pub images: usize,
    /// Characters left out because a reader cannot see them (their count and
    /// text are in a diagnostic), the first [`MAX_HIDDEN_KEPT`] of the page,
    /// so `govdoc inspect` can show where they were.
    pub hidden: Vec<HiddenGlyph>,
    /// Where each image XObject was drawn, in drawing order: what OCR needs
    /// to take a scan straight from the file.
    pub placements: Vec<ImagePlacement>,
    /// A page read by OCR: each glyph's confidence (0–1, its word's), index
    /// for index with `glyphs`; empty for a text layer.
    pub confidences: Vec<f32>,
}

/// How many left-out characters a page keeps for `govdoc inspect`: enough to
/// show where they were, bounded against a page of hidden text.
pub const MAX_HIDDEN_KEPT: usize = 2000;

/// A character left out as unseen, where it would have been.
#[derive(Debug, Clone, PartialEq)]
pub struct HiddenGlyph {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub why: Hidden,
}

/// Why a character was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Its centre lies outside the page's visible box (`pdf.outside_page`).
    OutsidePage,
    /// A clipping path hides it (`pdf.clipped`).
    Clipped,
}

impl Hidden {
    /// The diagnostic code that counts such characters.
    pub fn code(self) -> &'static str {
        match self {
            Hidden::OutsidePage => "pdf.outside_page",
            Hidden::Clipped => "pdf.clipped",
        }
    }
}

impl PageContent {
    /// Keeps `glyph` among the page's hidden characters while there is room.
    pub fn keep_hidden(&mut self, text: &str, (x0, top, x1, bottom): (f32, f32, f32, f32), why: Hidden) {
        if self.hidden.len() < MAX_HIDDEN_KEPT
            && x0.is_finite()
            && x1.is_finite()
            && top.is_finite()
            && bottom.is_finite()
        {
            self.hidden.push(HiddenGlyph { text: text.to_string(), x0, x1, top, bottom, why });
        }
    }
}

/// An image XObject as drawn: the object and the page-space bounds of the
/// unit square under the CTM of its `Do`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImagePlacement {
    /// The image's object id; None for an image given directly in the resources.
    pub object: Option<(u32, u16)>,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// How many quarter turns clockwise the image is drawn turned on the
    /// page as shown (0: its rows run left to right along the page's x
    /// axis); None when it is drawn at another angle, sheared or mirrored.
    pub quarters: Option<u8>,
}
