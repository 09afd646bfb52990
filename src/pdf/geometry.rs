//! A box in page space, the one shape glyphs, lines and the inspect trace
//! share: points, origin top-left, y down (see `page`).

/// A box in page space: left and right edges (x), top and bottom edges (y
/// grows downwards).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl Rect {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
    pub fn center_x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn center_y(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
    /// False for a box with a non-finite side (a degenerate glyph).
    pub fn is_finite(&self) -> bool {
        self.x0.is_finite() && self.x1.is_finite() && self.top.is_finite() && self.bottom.is_finite()
    }
}
