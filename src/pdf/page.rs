//! What the content interpreter hands to layout and the table finder: the
//! characters and ruling lines of one page, in page space.
//!
//! Page space is in points with the origin at the top-left corner of the
//! visible page (CropBox, after `/Rotate`), x growing to the right and y
//! growing downwards — the convention of pdfplumber, so a value here can be
//! compared with what pdfplumber prints for the same page.

/// One character as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph: usually one character; several for a
    /// ligature or an `/ActualText` span; U+FFFD when the font has no map for
    /// the code (counted in a diagnostic, never silently dropped).
    pub text: String,
    /// Left and right edges (x), from the advance width.
    pub x0: f32,
    pub x1: f32,
    /// Top and bottom edges (y grows downwards): the em box of the font size
    /// around the baseline (ascent 0.88 em, descent 0.12 em when the font
    /// does not say).
    pub top: f32,
    pub bottom: f32,
    /// Effective font size in page units (text matrix × CTM scale).
    pub size: f32,
    /// Index of the font in [`PageContent::fonts`].
    pub font: usize,
    /// False for text drawn rotated or vertical (writing mode 1).
    pub upright: bool,
}

impl Glyph {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn center_x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn center_y(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
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
    pub fn is_horizontal(&self, tolerance: f32) -> bool {
        (self.bottom - self.top).abs() <= tolerance
    }
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
    /// Where each image XObject was drawn, in drawing order: what OCR needs
    /// to take a scan straight from the file.
    pub placements: Vec<ImagePlacement>,
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
    /// The image is drawn turned by a quarter turn (or more) relative to the
    /// page, or sheared: its rows do not run along the page's x axis.
    pub turned: bool,
}
