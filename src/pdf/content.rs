//! The content-stream interpreter: runs a page's operators and produces its
//! [`PageContent`] — every glyph with its box in page space, the ruling lines,
//! the fonts used and the number of images.
//!
//! It keeps the graphics state (q/Q, cm, line width, colour as far as "white
//! or not"), the text state (Tc Tw Tz TL Ts Tf Tr, Tm Td TD T* ' "), shows text
//! with TJ kerning, draws Form XObjects with their matrices and resources
//! (depth-limited, cycles refused), counts image XObjects and inline images,
//! replaces the glyphs of an `/ActualText` span by its text, and hands paths to
//! `path` for rulings. It never invents spaces: a glyph is emitted only for a
//! code the content shows, so gaps are left for layout to judge.

mod annotation;
mod colour;
mod field;
mod matrix;
pub(crate) mod path;
mod setup;
pub(crate) mod shading;
#[cfg(test)]
pub(crate) mod testutil;

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use self::colour::Space;
pub use self::matrix::Matrix;
use self::path::Path;
pub(crate) use self::setup::PageSetup;
use self::shading::Shading;
use super::document::{MAX_FORM_DEPTH, MAX_GLYPHS, MAX_OPERATIONS, PdfDocument};
use super::font::{Char, Font};
use super::lexer::{Lexer, Operand};
use super::geometry::Rect;
use super::page::{Glyph, PageContent};
use crate::error::{Error, Result};
use crate::model::Diagnostic;

/// Runs page `setup`'s content and returns what it drew.
pub(crate) fn interpret(pdf: &PdfDocument, setup: PageSetup<'_>) -> Result<(PageContent, Vec<Diagnostic>)> {
    let mut it = Interpreter::new(pdf, &setup);
    let resources = setup.resources;
    it.page_resources = resources;
    // The page's streams arrive joined into one: a token or a text object
    // may continue from one stream into the next.
    if setup.missing_streams > 0 {
        it.warn(
            "pdf.content_missing",
            format!(
                "{} of the page's content streams are missing or damaged; what they drew is not in the output",
                setup.missing_streams
            ),
        );
    }
    if setup.repaired_streams > 0 {
        it.warn(
            "pdf.stream_length",
            format!(
                "{} of the page's content streams had an unusable /Length; their data was read up to `endstream`",
                setup.repaired_streams
            ),
        );
    }
    it.run(&setup.content, resources)?;
    it.annotations(setup.annotations, resources)?;
    it.finish()
}

/// The parts of the graphics state this interpreter needs.
#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    line_width: f32,
    stroke_visible: bool,
    fill_visible: bool,
    stroke_space: Space,
    fill_space: Space,
    /// The fill colour's operands, to tell shaded areas of one colour apart.
    fill_colour: Vec<f32>,
    font: Option<usize>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    /// Tz / 100.
    h_scale: f32,
    leading: f32,
    rise: f32,
    /// The clipping region as far as known: the page-space bounds of the
    /// straight-sided paths clipped to (`re W n`), intersected. A glyph
    /// whose centre lies outside is not shown.
    clip: Option<[f32; 4]>,
}

impl GState {
    fn new(ctm: Matrix) -> GState {
        GState {
            ctm,
            line_width: 1.0,
            stroke_visible: true,
            fill_visible: true,
            stroke_space: Space::Gray,
            fill_space: Space::Gray,
            fill_colour: vec![0.0],
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            clip: None,
        }
    }
}

/// An open marked-content sequence; `Some` when it carries `/ActualText`.
struct Marked {
    actual_text: Option<(String, usize)>,
}

struct Interpreter<'p> {
    pdf: &'p PdfDocument,
    out: PageContent,
    base: Matrix,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Path,
    shading: Shading,
    /// Fonts of the page, in first-use order (indexes of `out.fonts`).
    fonts: Vec<Arc<Font>>,
    font_index: HashMap<*const Font, usize>,
    marked: Vec<Marked>,
    /// Form XObjects being drawn, innermost last.
    forms: Vec<ObjectId>,
    operations: usize,
    diagnostics: Vec<Diagnostic>,
    /// `W` or `W*` seen: the path, when it ends, clips.
    clip_pending: bool,
    /// Glyphs a clipping path hides, left out.
    clipped: Hidden,
    /// The page's own resources: where a form's missing font is looked up.
    page_resources: Option<&'p Dictionary>,
}

/// Glyphs left out because a reader cannot see them: how many, and the
/// first of their text for the diagnostic.
#[derive(Debug, Default)]
struct Hidden {
    count: usize,
    sample: String,
}

impl Hidden {
    fn add(&mut self, text: &str) {
        self.count += 1;
        if self.sample.chars().count() < HIDDEN_SAMPLE_CHARS {
            self.sample.push_str(text);
        }
    }

    fn quote(&self) -> String {
        let more = if self.count > self.sample.chars().count() { "…" } else { "" };
        format!("\"{}{more}\"", self.sample)
    }
}

impl<'p> Interpreter<'p> {
    fn new(pdf: &'p PdfDocument, setup: &PageSetup<'_>) -> Interpreter<'p> {
        Interpreter {
            pdf,
            out: PageContent { number: setup.number, width: setup.width, height: setup.height, ..Default::default() },
            base: setup.base,
            gs: GState::new(Matrix::IDENTITY),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Path::default(),
            shading: Shading::default(),
            fonts: Vec::new(),
            font_index: HashMap::new(),
            marked: Vec::new(),
            forms: Vec::new(),
            operations: 0,
            diagnostics: Vec::new(),
            clip_pending: false,
            clipped: Hidden::default(),
            page_resources: None,
        }
    }

    fn warn(&mut self, code: &str, message: String) {
        let page = Some(self.out.number);
        if !self.diagnostics.iter().any(|d| d.code == code && d.message == message) {
            self.diagnostics.push(Diagnostic::warning(code, message).on_page(page));
        }
    }

    fn info(&mut self, code: &str, message: String) {
        self.diagnostics.push(Diagnostic::info(code, message).on_page(Some(self.out.number)));
    }

    fn run(&mut self, data: &[u8], resources: Option<&'p Dictionary>) -> Result<()> {
        crate::budget::charge_usize(crate::budget::Resource::ContentBytes, data.len())?;
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand<'_>> = Vec::new();
        while let Some(op) = lexer.next_operation(&mut operands) {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                return Err(Error::too_large(format!(
                    "page {} executes more than {MAX_OPERATIONS} drawing operations",
                    self.out.number
                )));
            }
            self.operation(op, &operands, resources)?;
        }
        Ok(())
    }

    fn operation(&mut self, op: &[u8], args: &[Operand<'_>], resources: Option<&'p Dictionary>) -> Result<()> {
        // The last n numeric operands (operators read theirs from the end, so
        // stray extra operands in front do no harm).
        let nums = |n: usize| -> Option<Vec<f32>> {
            let start = args.len().checked_sub(n)?;
            args[start..].iter().map(Operand::number).collect()
        };
        let num = |i: usize, n: usize| nums(n).and_then(|v| v.get(i).copied());
        match op {
            // Graphics state.
            // Unbalanced q without Q is common; past 1024 levels it is garbage.
            b"q" if self.stack.len() < 1024 => self.stack.push(self.gs.clone()),
            b"q" => {}
            b"Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            b"cm" => {
                if let Some(m) = nums(6).and_then(|v| Matrix::from_slice(&v)) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            b"w" => {
                if let Some(w) = num(0, 1) {
                    self.gs.line_width = w.abs();
                }
            }
            b"gs" => self.ext_gstate(args, resources),
            // Colour: only whether paint is visible on white paper matters,
            // read in the current colour space (see `colour`).
            b"g" | b"rg" | b"k" | b"G" | b"RG" | b"K" | b"sc" | b"scn" | b"SC" | b"SCN" => {
                let values: Vec<f32> = args.iter().filter_map(Operand::number).collect();
                let stroke = op[0].is_ascii_uppercase();
                let device = match op.to_ascii_lowercase().as_slice() {
                    b"g" => Some(Space::Gray),
                    b"rg" => Some(Space::Rgb),
                    b"k" => Some(Space::Cmyk),
                    _ => None,
                };
                let space = if stroke { &mut self.gs.stroke_space } else { &mut self.gs.fill_space };
                if let Some(device) = device {
                    *space = device;
                }
                let visible = !space.is_white(&values);
                if stroke {
                    self.gs.stroke_visible = visible;
                } else {
                    self.gs.fill_visible = visible;
                    self.gs.fill_colour = values;
                }
            }
            // A new space starts at its initial colour, which is ink (black,
            // full tint) except in a /None separation.
            b"cs" | b"CS" => {
                let space = args
                    .last()
                    .and_then(Operand::name)
                    .map_or(Space::Other, |name| Space::from_name(self.pdf, resources, name));
                let visible = space != Space::NoInk;
                if op == b"CS" {
                    (self.gs.stroke_space, self.gs.stroke_visible) = (space, visible);
                } else {
                    (self.gs.fill_space, self.gs.fill_visible) = (space, visible);
                    self.gs.fill_colour.clear();
                }
            }

            // Paths.
            b"m" => {
                if let Some(v) = nums(2) {
                    let p = self.to_page(v[0], v[1]);
                    self.path.move_to(p);
                }
            }
            b"l" => {
                if let Some(v) = nums(2) {
                    let p = self.to_page(v[0], v[1]);
                    self.path.line_to(p);
                }
            }
            b"c" => {
                if let Some(v) = nums(6) {
                    let p = self.to_page(v[4], v[5]);
                    self.path.curve_to(p);
                }
            }
            b"v" | b"y" => {
                if let Some(v) = nums(4) {
                    let p = self.to_page(v[2], v[3]);
                    self.path.curve_to(p);
                }
            }
            b"h" => self.path.close(),
            b"re" => {
                if let Some(v) = nums(4) {
                    let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                    let corners = [
                        self.to_page(x, y),
                        self.to_page(x + w, y),
                        self.to_page(x + w, y + h),
                        self.to_page(x, y + h),
                    ];
                    self.path.rect(corners);
                }
            }
            b"S" | b"s" => self.paint(true, false, op == b"s")?,
            b"f" | b"F" | b"f*" => self.paint(false, true, false)?,
            b"B" | b"B*" => self.paint(true, true, false)?,
            b"b" | b"b*" => self.paint(true, true, true)?,
            // End the path without painting: a clip (`W n`) or nothing.
            b"n" => self.end_path(),
            b"W" | b"W*" => self.clip_pending = true,

            // Text objects and state.
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tc" => self.set(num(0, 1), |gs, v| gs.char_spacing = v),
            b"Tw" => self.set(num(0, 1), |gs, v| gs.word_spacing = v),
            b"Tz" => self.set(num(0, 1), |gs, v| gs.h_scale = v / 100.0),
            b"TL" => self.set(num(0, 1), |gs, v| gs.leading = v),
            b"Ts" => self.set(num(0, 1), |gs, v| gs.rise = v),
            b"Tr" => {}
            b"Tf" => {
                let size = args.last().and_then(Operand::number);
                let name = args.len().checked_sub(2).and_then(|i| args[i].name());
                if let Some(size) = size {
                    self.gs.font_size = size;
                }
                if let Some(name) = name {
                    self.gs.font = Some(self.font(name, resources));
                }
            }
            b"Td" => {
                if let Some(v) = nums(2) {
                    self.next_line(v[0], v[1]);
                }
            }
            b"TD" => {
                if let Some(v) = nums(2) {
                    self.gs.leading = -v[1];
                    self.next_line(v[0], v[1]);
                }
            }
            b"Tm" => {
                if let Some(m) = nums(6).and_then(|v| Matrix::from_slice(&v)) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(s) = args.last().and_then(Operand::string) {
                    self.show(s)?;
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(s) = args.last().and_then(Operand::string) {
                    self.show(s)?;
                }
            }
            b"\"" => {
                if args.len() >= 3 {
                    let n = args.len();
                    if let (Some(aw), Some(ac)) = (args[n - 3].number(), args[n - 2].number()) {
                        self.gs.word_spacing = aw;
                        self.gs.char_spacing = ac;
                    }
                }
                self.next_line(0.0, -self.gs.leading);
                if let Some(s) = args.last().and_then(Operand::string) {
                    self.show(s)?;
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.last() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s)?,
                            Operand::Number(n) => self.kern(*n),
                            _ => {}
                        }
                    }
                }
            }

            // XObjects and images.
            b"Do" => {
                if let Some(name) = args.last().and_then(Operand::name) {
                    self.xobject(name, resources)?;
                }
            }
            b"BI" => self.out.images += 1,

            // Marked content.
            b"BMC" => self.marked.push(Marked { actual_text: None }),
            b"BDC" => {
                let text = args.last().and_then(|props| self.actual_text(props, resources));
                let start = self.out.glyphs.len();
                self.marked.push(Marked { actual_text: text.map(|t| (t, start)) });
            }
            b"EMC" => {
                if let Some(Marked { actual_text: Some((text, start)) }) = self.marked.pop() {
                    self.replace_with_actual_text(text, start);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn set(&mut self, value: Option<f32>, apply: impl FnOnce(&mut GState, f32)) {
        if let Some(v) = value {
            apply(&mut self.gs, v);
        }
    }

    /// Records where an image XObject lands: the unit square under the CTM.
    fn place_image(&mut self, object: Option<ObjectId>) {
        let corners = [self.to_page(0.0, 0.0), self.to_page(1.0, 0.0), self.to_page(0.0, 1.0), self.to_page(1.0, 1.0)];
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let (x0, x1) =
            (xs.iter().copied().fold(f32::INFINITY, f32::min), xs.iter().copied().fold(f32::NEG_INFINITY, f32::max));
        let (top, bottom) =
            (ys.iter().copied().fold(f32::INFINITY, f32::min), ys.iter().copied().fold(f32::NEG_INFINITY, f32::max));
        let quarters = quarter_turns(corners);
        if [x0, x1, top, bottom].iter().all(|v| v.is_finite()) {
            self.out.placements.push(super::page::ImagePlacement { object, x0, top, x1, bottom, quarters });
        }
    }

    fn to_page(&self, x: f32, y: f32) -> (f32, f32) {
        let (ux, uy) = self.gs.ctm.apply(x, y);
        self.base.apply(ux, uy)
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) -> Result<()> {
        let width = (stroke && self.gs.stroke_visible)
            .then(|| self.gs.line_width * self.gs.ctm.then(&self.base).scale());
        let fill = (fill && self.gs.fill_visible).then_some((&mut self.shading, self.gs.fill_colour.as_slice()));
        let painted = self.path.paint(width, close, fill, &mut self.out.rulings);
        self.end_path();
        painted
    }

    /// Ends the current path; after `W`, its bounds narrow the clip. A path
    /// with curves is not narrowed to (its bounds are not known here), so
    /// nothing is hidden by guess.
    fn end_path(&mut self) {
        if std::mem::take(&mut self.clip_pending)
            && let Some(b) = self.path.bounds()
        {
            self.narrow_clip(b);
        }
        self.path.clear();
    }

    /// Narrows the clip to the page-space bounds of `corners` (a form's
    /// bounding box; its bounds when it is drawn turned).
    fn clip_to(&mut self, corners: &[(f32, f32)]) {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in corners {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        if [x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            self.narrow_clip([x0, y0, x1, y1]);
        }
    }

    /// The clip intersected with the page-space rectangle `b`.
    fn narrow_clip(&mut self, b: [f32; 4]) {
        self.gs.clip = Some(match self.gs.clip {
            Some(c) => [c[0].max(b[0]), c[1].max(b[1]), c[2].min(b[2]), c[3].min(b[3])],
            None => b,
        });
    }

    fn ext_gstate(&mut self, args: &[Operand<'_>], resources: Option<&'p Dictionary>) {
        let pdf = self.pdf;
        let Some(name) = args.last().and_then(Operand::name) else { return };
        let Some(gs) = resources
            .and_then(|r| pdf.get(r, b"ExtGState"))
            .and_then(|o| pdf.dict(o))
            .and_then(|d| pdf.get(d, name))
            .and_then(|o| pdf.dict(o))
        else {
            return;
        };
        if let Some(w) = pdf.get(gs, b"LW").and_then(|o| pdf.number(o)) {
            self.gs.line_width = w.abs();
        }
        if let Some(Object::Array(font)) = pdf.get(gs, b"Font")
            && let [font_ref, size] = font.as_slice()
        {
            let f = pdf.font(font_ref);
            self.gs.font = Some(self.register_font(f));
            if let Some(size) = pdf.number(size) {
                self.gs.font_size = size;
            }
        }
    }

    fn register_font(&mut self, font: Arc<Font>) -> usize {
        let key = Arc::as_ptr(&font);
        if let Some(&i) = self.font_index.get(&key) {
            return i;
        }
        let i = self.fonts.len();
        if let Some(problem) = &font.problem {
            let message = problem.clone();
            self.warn("pdf.font", message);
        }
        self.out.fonts.push(font.info.clone());
        self.font_index.insert(key, i);
        self.fonts.push(font);
        i
    }

    /// The page font for a `Tf` name; a name the resources lack gets a stand-in
    /// (its glyphs then show as U+FFFD and are counted).
    ///
    /// A form (or annotation appearance) that names a font its own resources
    /// lack gets the page's font of that name, as viewers resolve it — with
    /// a warning, since the file is at fault.
    fn font(&mut self, name: &[u8], resources: Option<&'p Dictionary>) -> usize {
        let pdf = self.pdf;
        let lookup = |r: Option<&'p Dictionary>| {
            r.and_then(|r| pdf.get(r, b"Font")).and_then(|o| pdf.dict(o)).and_then(|d| d.get(name).ok())
        };
        let mut entry = lookup(resources);
        if entry.is_none()
            && resources.map(std::ptr::from_ref) != self.page_resources.map(std::ptr::from_ref)
            && let Some(found) = lookup(self.page_resources)
        {
            entry = Some(found);
            self.warn(
                "pdf.font",
                format!(
                    "font /{} is missing from the resources of the form that uses it; the page's font of that name was used",
                    String::from_utf8_lossy(name)
                ),
            );
        }
        let font = match entry {
            Some(obj) => pdf.font(obj),
            None => {
                // One stand-in per missing name and page.
                let label = format!("/{}", String::from_utf8_lossy(name));
                if let Some((i, _)) = self.fonts.iter().enumerate().find(|(_, f)| f.info.name == label) {
                    return i;
                }
                Arc::new(Font::missing(&label))
            }
        };
        self.register_font(font)
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    /// A TJ number: moves the text position back by `n` thousandths of an em.
    fn kern(&mut self, n: f32) {
        let font = self.gs.font.and_then(|i| self.fonts.get(i));
        let vertical = font.is_some_and(|f| f.vertical);
        let shift = -n / 1000.0 * self.gs.font_size;
        self.tm = if vertical {
            Matrix::translate(0.0, shift).then(&self.tm)
        } else {
            Matrix::translate(shift * self.gs.h_scale, 0.0).then(&self.tm)
        };
    }

    /// Shows a string: one glyph per character code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8]) -> Result<()> {
        let Some(font_index) = self.gs.font else {
            // Text without a font: nothing can be decoded; producers that do
            // this draw nothing either.
            return Ok(());
        };
        let Some(font) = self.fonts.get(font_index).cloned() else { return Ok(()) };
        for ch in font.chars(bytes) {
            self.place(&font, font_index, &ch)?;
        }
        Ok(())
    }

    /// Draws one character at the current text position in the current
    /// font (`font`, page font `font_index`) and advances the text matrix.
    fn place(&mut self, font: &Font, font_index: usize, ch: &Char) -> Result<()> {
        let (size, h_scale, rise) = (self.gs.font_size, self.gs.h_scale, self.gs.rise);
        let (char_spacing, word_spacing) = (self.gs.char_spacing, self.gs.word_spacing);
        let to_page = self.gs.ctm.then(&self.base);
        let scale = Matrix::new(size * h_scale, 0.0, 0.0, size, 0.0, rise);
        // The em box spans descent ..= descent + 1 em around the baseline.
        let (descent, ascent) = (font.descent, font.descent + 1.0);
        let m = scale.then(&self.tm).then(&to_page);
        let spacing = char_spacing + if ch.word_space { word_spacing } else { 0.0 };
        // Corners of the glyph's em box in glyph units (em), relative to the
        // current point.
        let (x0, x1, y0, y1, advance) = match ch.vertical {
            Some((w1y, vx, vy)) => {
                (-vx, -vx + ch.width, descent - vy, ascent - vy, Matrix::translate(0.0, w1y * size + spacing))
            }
            None => (0.0, ch.width, descent, ascent, Matrix::translate((ch.width * size + spacing) * h_scale, 0.0)),
        };
        let corners = [m.apply(x0, y0), m.apply(x1, y0), m.apply(x1, y1), m.apply(x0, y1)];
        let (mut left, mut right, mut top, mut bottom) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for (x, y) in corners {
            left = left.min(x);
            right = right.max(x);
            top = top.min(y);
            bottom = bottom.max(y);
        }
        // Upright: the line runs rightwards and the glyph stands up, each
        // within 45° (a slanted or slightly skewed line is still read across).
        let upright = ch.vertical.is_none() && m.a > 0.0 && m.d < 0.0 && m.b.abs() < m.a && m.c.abs() < -m.d;
        let mut text = String::new();
        match &ch.text {
            Some(t) => t.push_to(&mut text),
            None => text.push('\u{FFFD}'),
        }
        let (cx, cy) = ((left + right) / 2.0, (top + bottom) / 2.0);
        let hidden = self.gs.clip.is_some_and(|[x0, y0, x1, y1]| {
            cx < x0 - CLIP_TOLERANCE || cx > x1 + CLIP_TOLERANCE || cy < y0 - CLIP_TOLERANCE || cy > y1 + CLIP_TOLERANCE
        });
        if hidden {
            self.clipped.add(&text);
            self.out.keep_hidden(&text, (left, top, right, bottom), crate::pdf::page::Hidden::Clipped);
        } else if left.is_finite() && right.is_finite() && top.is_finite() && bottom.is_finite() {
            if self.out.glyphs.len() >= MAX_GLYPHS {
                return Err(Error::too_large(format!(
                    "page {} draws more than {MAX_GLYPHS} characters",
                    self.out.number
                )));
            }
            crate::budget::charge(crate::budget::Resource::Glyphs, 1)?;
            self.out.glyphs.push(Glyph {
                text,
                rect: Rect { x0: left, top, x1: right, bottom },
                size: m.y_scale(),
                font: font_index,
                upright,
            });
        }
        self.tm = advance.then(&self.tm);
        Ok(())
    }

    fn xobject(&mut self, name: &[u8], resources: Option<&'p Dictionary>) -> Result<()> {
        let pdf = self.pdf;
        let Some(entry) =
            resources.and_then(|r| pdf.get(r, b"XObject")).and_then(|o| pdf.dict(o)).and_then(|d| d.get(name).ok())
        else {
            return Ok(());
        };
        let Some(Object::Stream(stream)) = pdf.resolve(entry) else { return Ok(()) };
        match pdf.get(&stream.dict, b"Subtype").and_then(|o| pdf.name(o)) {
            Some(b"Image") => {
                self.out.images += 1;
                self.place_image(PdfDocument::id_of(entry));
                // One image XObject drawn a million times by a small form
                // would keep a million placements.
                crate::budget::charge(crate::budget::Resource::Graphics, 1)
            }
            Some(b"Form") => self.form(PdfDocument::id_of(entry), stream, resources),
            _ => Ok(()),
        }
    }

    /// Draws a form XObject (`id` is its object, when it has one): its
    /// content runs as if bracketed by q/Q, under its `/Matrix`, with its own
    /// resources or else `resources`.
    fn form(&mut self, id: Option<ObjectId>, stream: &'p Stream, resources: Option<&'p Dictionary>) -> Result<()> {
        let pdf = self.pdf;
        if let Some(id) = id
            && self.forms.contains(&id)
        {
            // Drawing it again would never end; what it drew so far
            // and the rest of the page stay.
            self.warn(
                "pdf.form_cycle",
                "a form XObject draws itself (a reference cycle); the inner drawing was skipped".into(),
            );
            return Ok(());
        }
        if self.forms.len() >= MAX_FORM_DEPTH {
            return Err(Error::too_large(format!(
                "page {}: form XObjects are nested more than {MAX_FORM_DEPTH} deep",
                self.out.number
            )));
        }
        let data = match pdf.stream_data_shared(id, stream) {
            Ok(d) => d,
            Err(e) if e.code == crate::ErrorCode::TooLarge => return Err(e),
            Err(e) => {
                self.warn("pdf.stream", format!("a form XObject was skipped: {}", e.message));
                return Ok(());
            }
        };
        let matrix = form_matrix(pdf, stream);
        let form_resources = pdf.get(&stream.dict, b"Resources").and_then(|o| pdf.dict(o)).or(resources);
        let saved_gs = self.gs.clone();
        let saved_stack = self.stack.len();
        let (saved_tm, saved_tlm) = (self.tm, self.tlm);
        self.gs.ctm = matrix.then(&self.gs.ctm);
        // A form draws nothing outside its bounding box.
        if let Some([x0, y0, x1, y1]) = pdf.get(&stream.dict, b"BBox").and_then(|o| pdf.rect(o)) {
            self.clip_to(&[self.to_page(x0, y0), self.to_page(x1, y0), self.to_page(x1, y1), self.to_page(x0, y1)]);
        }
        self.path.clear();
        self.forms.push(id.unwrap_or((0, 0)));
        let result = self.run(&data, form_resources);
        self.forms.pop();
        self.stack.truncate(saved_stack);
        self.gs = saved_gs;
        self.tm = saved_tm;
        self.tlm = saved_tlm;
        result
    }

    /// The `/ActualText` of a BDC property list (inline or named in
    /// `/Properties`).
    fn actual_text(&self, props: &Operand<'_>, resources: Option<&'p Dictionary>) -> Option<String> {
        let pdf = self.pdf;
        let raw: Vec<u8> = match props {
            Operand::Dict(_) => props.dict_get(b"ActualText")?.string()?.to_vec(),
            Operand::Name(name) => {
                let dict = resources
                    .and_then(|r| pdf.get(r, b"Properties"))
                    .and_then(|o| pdf.dict(o))
                    .and_then(|d| pdf.get(d, name))
                    .and_then(|o| pdf.dict(o))?;
                pdf.get(dict, b"ActualText")?.as_str().ok()?.to_vec()
            }
            _ => return None,
        };
        Some(decode_text_string(&raw))
    }

    /// Replaces the glyphs drawn since `start` by one glyph carrying `text`
    /// over their combined box.
    fn replace_with_actual_text(&mut self, text: String, start: usize) {
        let Some(drawn) = self.out.glyphs.get(start..) else { return };
        let Some(first) = drawn.first().cloned() else { return };
        let mut merged = first;
        for g in &drawn[1..] {
            merged.rect.x0 = merged.rect.x0.min(g.rect.x0);
            merged.rect.x1 = merged.rect.x1.max(g.rect.x1);
            merged.rect.top = merged.rect.top.min(g.rect.top);
            merged.rect.bottom = merged.rect.bottom.max(g.rect.bottom);
        }
        merged.text = text;
        self.out.glyphs.truncate(start);
        if !merged.text.is_empty() {
            self.out.glyphs.push(merged);
        }
    }

    fn finish(mut self) -> Result<(PageContent, Vec<Diagnostic>)> {
        self.drop_invisible();
        if self.clipped.count > 0 {
            let message = format!(
                "{} character(s) hidden by a clipping path were left out: {}",
                self.clipped.count,
                self.clipped.quote()
            );
            self.info("pdf.clipped", message);
        }
        // Unmapped glyphs, counted per font after ActualText replaced what it
        // covers.
        let mut unmapped = vec![0usize; self.fonts.len()];
        let mut private = vec![0usize; self.fonts.len()];
        for g in &self.out.glyphs {
            if g.text.contains('\u{FFFD}')
                && let Some(n) = unmapped.get_mut(g.font)
            {
                *n += 1;
            }
            if g.text.chars().any(is_private_use)
                && let Some(n) = private.get_mut(g.font)
            {
                *n += 1;
            }
        }
        for (i, count) in private.into_iter().enumerate() {
            if count > 0 {
                let message = format!(
                    "{count} character(s) in font {} map to private-use code points (U+E000–U+F8FF and planes 15–16), which stand for no standard character; they are kept as they are",
                    self.fonts[i].info.name
                );
                self.warn("pdf.private_use", message);
            }
        }
        for (i, count) in unmapped.into_iter().enumerate() {
            if count == 0 {
                continue;
            }
            let font = &self.fonts[i];
            let kind = if font.type3 { "Type 3 font" } else { "font" };
            let message = format!(
                "{count} character(s) in {kind} {} have no Unicode mapping and are shown as U+FFFD",
                font.info.name
            );
            self.warn("pdf.unmapped_glyphs", message);
        }
        Ok((self.out, self.diagnostics))
    }
}

impl Interpreter<'_> {
    /// Drops the glyphs whose centre lies outside the page's visible box (the
    /// CropBox, rotated): a viewer does not show them, and producers park
    /// text there — WPS Spreadsheets draws a tall cell's overflow again above
    /// the next page (y < 0). What went is counted in a diagnostic.
    fn drop_invisible(&mut self) {
        let (width, height) = (self.out.width, self.out.height);
        if !(width > 0.0 && height > 0.0) {
            return;
        }
        let mut outside = Hidden::default();
        let mut kept = std::mem::take(&mut self.out.hidden);
        self.out.glyphs.retain(|g| {
            let (x, y) = (g.rect.center_x(), g.rect.center_y());
            let visible = (0.0..=width).contains(&x) && (0.0..=height).contains(&y);
            if !visible {
                outside.add(&g.text);
                if kept.len() < crate::pdf::page::MAX_HIDDEN_KEPT {
                    kept.push(crate::pdf::page::HiddenGlyph {
                        text: g.text.clone(),
                        x0: g.rect.x0,
                        x1: g.rect.x1,
                        top: g.rect.top,
                        bottom: g.rect.bottom,
                        why: crate::pdf::page::Hidden::OutsidePage,
                    });
                }
            }
            visible
        });
        self.out.hidden = kept;
        if outside.count > 0 {
            let message = format!(
                "{} character(s) drawn outside the page's visible area were left out: {}",
                outside.count,
                outside.quote()
            );
            self.info("pdf.outside_page", message);
        }
    }
}

/// A code point of a private-use area: its meaning is the font's secret.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// A form XObject's `/Matrix` (form space → the space it is drawn in);
/// identity when missing or unusable.
fn form_matrix(pdf: &PdfDocument, stream: &Stream) -> Matrix {
    pdf.get(&stream.dict, b"Matrix")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.iter().map(|o| pdf.number(o)).collect::<Option<Vec<f32>>>())
        .and_then(|v| Matrix::from_slice(&v))
        .unwrap_or(Matrix::IDENTITY)
}

/// How many of the characters left out as unseen a diagnostic quotes.
const HIDDEN_SAMPLE_CHARS: usize = 40;
/// How far (points) a glyph's centre may lie outside a clipping rectangle
/// and still count as shown: producers clip to the cell's edge exactly.
const CLIP_TOLERANCE: f32 = 1.0;

/// A PDF text string: UTF-16BE with a BOM, UTF-8 with a BOM, else
/// PDFDocEncoding (taken as Latin-1, which it equals for text characters).
fn decode_text_string(raw: &[u8]) -> String {
    if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    raw.iter().map(|&b| b as char).collect()
}

/// The quarter turns clockwise with which an image whose unit square's
/// corners (0,0), (1,0), (0,1), (1,1) land at `corners` (page space, y
/// down) is drawn: image rows run from (0,1) to (1,1), so 0 when that edge
/// points right along the page, 1 down, 2 left, 3 up. None when the edge
/// lies along neither axis, or the image is mirrored (its up, from (0,0) to
/// (0,1), is not a quarter anticlockwise of its rows' direction).
fn quarter_turns(corners: [(f32, f32); 4]) -> Option<u8> {
    let row = (corners[3].0 - corners[2].0, corners[3].1 - corners[2].1);
    let up = (corners[2].0 - corners[0].0, corners[2].1 - corners[0].1);
    if row.0 * up.1 - row.1 * up.0 >= 0.0 {
        return None;
    }
    let axis = |along: f32, across: f32| along.abs() > 0.0 && across.abs() < 0.5;
    match row {
        (dx, dy) if axis(dx, dy) && dx > 0.0 => Some(0),
        (dx, dy) if axis(dy, dx) && dy > 0.0 => Some(1),
        (dx, dy) if axis(dx, dy) => Some(2),
        (dx, dy) if axis(dy, dx) => Some(3),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
