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

pub(crate) mod lexer;
mod matrix;
pub(crate) mod path;
#[cfg(test)]
pub(crate) mod testutil;

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId};

use self::lexer::{Lexer, Operand};
pub use self::matrix::Matrix;
use self::path::Path;
use super::document::{MAX_FORM_DEPTH, MAX_GLYPHS, MAX_OPERATIONS, PageSetup, PdfDocument};
use super::font::Font;
use super::page::{Glyph, PageContent};
use crate::error::{Error, Result};
use crate::model::Diagnostic;

/// Runs page `setup`'s content and returns what it drew.
pub(crate) fn interpret(pdf: &PdfDocument, setup: PageSetup<'_>) -> Result<(PageContent, Vec<Diagnostic>)> {
    let mut it = Interpreter::new(pdf, &setup);
    let resources = setup.resources;
    for data in &setup.contents {
        // Operators may span content streams (the spec says they must not, but
        // producers split anywhere), while the graphics state carries over:
        // run them as one stream with a separator.
        it.run(data, resources)?;
    }
    it.finish()
}

/// The parts of the graphics state this interpreter needs.
#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    line_width: f32,
    stroke_visible: bool,
    fill_visible: bool,
    font: Option<usize>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    /// Tz / 100.
    h_scale: f32,
    leading: f32,
    rise: f32,
}

impl GState {
    fn new(ctm: Matrix) -> GState {
        GState {
            ctm,
            line_width: 1.0,
            stroke_visible: true,
            fill_visible: true,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
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
    /// Fonts of the page, in first-use order (indexes of `out.fonts`).
    fonts: Vec<Arc<Font>>,
    font_index: HashMap<*const Font, usize>,
    marked: Vec<Marked>,
    /// Form XObjects being drawn, innermost last.
    forms: Vec<ObjectId>,
    operations: usize,
    diagnostics: Vec<Diagnostic>,
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
            fonts: Vec::new(),
            font_index: HashMap::new(),
            marked: Vec::new(),
            forms: Vec::new(),
            operations: 0,
            diagnostics: Vec::new(),
        }
    }

    fn warn(&mut self, code: &str, message: String) {
        let page = Some(self.out.number);
        if !self.diagnostics.iter().any(|d| d.code == code && d.message == message) {
            self.diagnostics.push(Diagnostic::warning(code, message).on_page(page));
        }
    }

    fn run(&mut self, data: &[u8], resources: Option<&'p Dictionary>) -> Result<()> {
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
            // Colour: only whether paint is visible on white paper matters.
            b"g" | b"rg" | b"k" | b"G" | b"RG" | b"K" | b"sc" | b"scn" | b"SC" | b"SCN" => {
                let values: Vec<f32> = args.iter().filter_map(Operand::number).collect();
                let visible = !is_white(&values);
                if op[0].is_ascii_uppercase() {
                    self.gs.stroke_visible = visible;
                } else {
                    self.gs.fill_visible = visible;
                }
            }
            b"cs" => self.gs.fill_visible = true,
            b"CS" => self.gs.stroke_visible = true,

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
            b"S" | b"s" => self.paint(true, false, op == b"s"),
            b"f" | b"F" | b"f*" => self.paint(false, true, false),
            b"B" | b"B*" => self.paint(true, true, false),
            b"b" | b"b*" => self.paint(true, true, true),
            // End the path without painting: a clip (`W n`) or nothing.
            b"n" => self.path.clear(),
            b"W" | b"W*" => {}

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

    fn to_page(&self, x: f32, y: f32) -> (f32, f32) {
        let (ux, uy) = self.gs.ctm.apply(x, y);
        self.base.apply(ux, uy)
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        if stroke && self.gs.stroke_visible {
            let width = self.gs.line_width * self.gs.ctm.then(&self.base).scale();
            self.path.stroke_rulings(width, close, &mut self.out.rulings);
        }
        if fill && self.gs.fill_visible {
            self.path.fill_rulings(&mut self.out.rulings);
        }
        self.path.clear();
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
    fn font(&mut self, name: &[u8], resources: Option<&'p Dictionary>) -> usize {
        let pdf = self.pdf;
        let entry =
            resources.and_then(|r| pdf.get(r, b"Font")).and_then(|o| pdf.dict(o)).and_then(|d| d.get(name).ok());
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
        let (size, h_scale, rise) = (self.gs.font_size, self.gs.h_scale, self.gs.rise);
        let (char_spacing, word_spacing) = (self.gs.char_spacing, self.gs.word_spacing);
        let to_page = self.gs.ctm.then(&self.base);
        let scale = Matrix::new(size * h_scale, 0.0, 0.0, size, 0.0, rise);
        // The em box spans descent ..= descent + 1 em around the baseline.
        let (descent, ascent) = (font.descent, font.descent + 1.0);
        for ch in font.chars(bytes) {
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
            let upright = ch.vertical.is_none()
                && m.a > 0.0
                && m.d < 0.0
                && m.b.abs() <= 0.01 * m.a.abs()
                && m.c.abs() <= 0.01 * m.d.abs();
            let mut text = String::new();
            match &ch.text {
                Some(t) => t.push_to(&mut text),
                None => text.push('\u{FFFD}'),
            }
            if left.is_finite() && right.is_finite() && top.is_finite() && bottom.is_finite() {
                if self.out.glyphs.len() >= MAX_GLYPHS {
                    return Err(Error::too_large(format!(
                        "page {} draws more than {MAX_GLYPHS} characters",
                        self.out.number
                    )));
                }
                self.out.glyphs.push(Glyph {
                    text,
                    x0: left,
                    x1: right,
                    top,
                    bottom,
                    size: m.y_scale(),
                    font: font_index,
                    upright,
                });
            }
            self.tm = advance.then(&self.tm);
        }
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
                Ok(())
            }
            Some(b"Form") => {
                let id = PdfDocument::id_of(entry);
                if let Some(id) = id
                    && self.forms.contains(&id)
                {
                    return Err(Error::corrupt(format!(
                        "page {}: a form XObject draws itself (a reference cycle); the file is damaged",
                        self.out.number
                    )));
                }
                if self.forms.len() >= MAX_FORM_DEPTH {
                    return Err(Error::too_large(format!(
                        "page {}: form XObjects are nested more than {MAX_FORM_DEPTH} deep",
                        self.out.number
                    )));
                }
                let data = match pdf.stream_data(stream) {
                    Ok(d) => d,
                    Err(e) if e.code == crate::ErrorCode::TooLarge => return Err(e),
                    Err(e) => {
                        self.warn("pdf.stream", format!("a form XObject was skipped: {}", e.message));
                        return Ok(());
                    }
                };
                let matrix = pdf
                    .get(&stream.dict, b"Matrix")
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.iter().map(|o| pdf.number(o)).collect::<Option<Vec<f32>>>())
                    .and_then(|v| Matrix::from_slice(&v))
                    .unwrap_or(Matrix::IDENTITY);
                let form_resources = pdf.get(&stream.dict, b"Resources").and_then(|o| pdf.dict(o)).or(resources);
                // A form runs as if bracketed by q/Q, with its matrix.
                let saved_gs = self.gs.clone();
                let saved_stack = self.stack.len();
                let (saved_tm, saved_tlm) = (self.tm, self.tlm);
                self.gs.ctm = matrix.then(&self.gs.ctm);
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
            _ => Ok(()),
        }
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
            merged.x0 = merged.x0.min(g.x0);
            merged.x1 = merged.x1.max(g.x1);
            merged.top = merged.top.min(g.top);
            merged.bottom = merged.bottom.max(g.bottom);
        }
        merged.text = text;
        self.out.glyphs.truncate(start);
        if !merged.text.is_empty() {
            self.out.glyphs.push(merged);
        }
    }

    fn finish(mut self) -> Result<(PageContent, Vec<Diagnostic>)> {
        // Unmapped glyphs, counted per font after ActualText replaced what it
        // covers.
        let mut unmapped = vec![0usize; self.fonts.len()];
        for g in &self.out.glyphs {
            if g.text.contains('\u{FFFD}')
                && let Some(n) = unmapped.get_mut(g.font)
            {
                *n += 1;
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

/// Whether colour operands paint white (invisible on paper): gray 1, RGB
/// 1 1 1, CMYK 0 0 0 0. Pattern and unknown spaces count as visible.
fn is_white(values: &[f32]) -> bool {
    match values.len() {
        1 => values[0] >= 0.99,
        3 => values.iter().all(|v| *v >= 0.99),
        4 => values.iter().all(|v| *v <= 0.01),
        _ => false,
    }
}

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

#[cfg(test)]
mod tests;
