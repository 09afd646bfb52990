//! Form field values a viewer draws itself. A field whose widget has no
//! appearance stream, or whose form says `/NeedAppearances true` (its
//! appearances are empty placeholders or stale, to be drawn again), shows
//! what a viewer draws: in the font, size and colour of its default
//! appearance string (`/DA`), aligned by its quadding (`/Q`), turned with
//! the widget (`/MK /R`), inside its rectangle and clipped to it (PDF
//! 32000-1 §12.7.3.3, §12.7.4.3, §12.7.4.4). A text field shows its value,
//! a combo box its option's display text, a list box its options from its
//! top index, a push button its caption, a check box or radio button that
//! is on its mark; a password field an asterisk per character, as viewers
//! mask it.

use lopdf::{Dictionary, Object, Stream};

use super::{GState, Interpreter, Matrix, decode_text_string, form_matrix};
use crate::error::Result;
use crate::pdf::document::PdfDocument;
use crate::pdf::font::{Char, Font};
use crate::pdf::font::text::Text;

/// Field flags (PDF 32000-1 tables 226, 228 and 230), as bit masks of `/Ff`.
const PUSH_BUTTON: i64 = 1 << 16;
const MULTILINE: i64 = 1 << 12;
const PASSWORD: i64 = 1 << 13;
const COMBO: i64 = 1 << 17;
const COMB: i64 = 1 << 24;
/// Space (points) a viewer leaves between a field's edge and its text.
const PADDING: f32 = 2.0;
/// Distance between the baselines of a multi-line field or a list box, in
/// font sizes.
const LINE_PITCH: f32 = 1.15;
/// The font size of an auto-sized (`0 Tf`) single-line field: this share of
/// the height inside the padding, narrowed until the value fits.
const AUTO_SIZE_SHARE: f32 = 0.75;
/// The font size of an auto-sized multi-line field or list box.
const AUTO_SIZE_LINES: f32 = 12.0;
/// Smallest font size an auto-sized value is shrunk to.
const MIN_AUTO_SIZE: f32 = 4.0;
/// The baseline of a single-line value lies this many font sizes below the
/// middle of the field (the text is centred vertically).
const BASELINE_BELOW_MIDDLE: f32 = 0.35;
/// Most levels of `/Parent` followed for an inherited field attribute.
const MAX_FIELD_DEPTH: usize = 32;
/// The appearance string used when neither the field nor the form gives
/// one: black Helvetica, auto-sized.
const FALLBACK_APPEARANCE: &[u8] = b"0 g /Helv 0 Tf";

/// A field value to draw in place of an appearance stream.
pub(super) struct GeneratedField<'p> {
    /// The default appearance string: sets the font, size and colour.
    appearance: Vec<u8>,
    /// 0 left, 1 centred, 2 right.
    quadding: i64,
    /// Where the appearance string's font is looked up.
    resources: Option<&'p Dictionary>,
    /// `/MK /R`: degrees the widget's content is turned anticlockwise.
    rotation: i64,
    shown: Shown,
}

/// What a field shows.
enum Shown {
    /// One line, centred vertically (a single-line text field, a combo box).
    Line(String),
    /// Lines from the top: a multi-line text field's value (wrapped to the
    /// field's width) or a list box's options from its top index (not
    /// wrapped; those below the box are clipped away).
    Lines { lines: Vec<String>, wrap: bool },
    /// One character in each of `cells` equal cells (a comb field).
    Comb { text: String, cells: usize },
    /// Character codes in the appearance font, centred: the mark of a
    /// check box or radio button that is on (`/MK /CA`, ZapfDingbats codes
    /// as a rule).
    Mark(Vec<u8>),
}

/// The value a viewer draws for `annot` when it is the widget of a field
/// whose appearance is the viewer's to draw — it has none (`appearance`
/// `None`) or the form needs appearances drawn — and has a value to show.
/// None for every other annotation.
pub(super) fn generated<'p>(
    pdf: &'p PdfDocument,
    annot: &'p Dictionary,
    appearance: Option<&'p Stream>,
) -> Option<GeneratedField<'p>> {
    let has_appearance = appearance.is_some();
    if pdf.get(annot, b"Subtype").and_then(|o| pdf.name(o)) != Some(b"Widget") {
        return None;
    }
    let form = pdf.acro_form();
    let need_appearances = form.and_then(|f| pdf.get(f, b"NeedAppearances")) == Some(&Object::Boolean(true));
    if has_appearance && !need_appearances {
        return None;
    }
    let field_type = inherited(pdf, annot, b"FT").and_then(|o| pdf.name(o))?;
    let flags = inherited(pdf, annot, b"Ff").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let mut centred = false;
    let shown = match field_type {
        b"Tx" => text_field(pdf, annot, flags)?,
        b"Ch" => choice_field(pdf, annot, flags)?,
        b"Btn" => {
            centred = true;
            button(pdf, annot, flags)?
        }
        _ => return None,
    };
    let default_appearance = inherited(pdf, annot, b"DA")
        .or_else(|| form.and_then(|f| pdf.get(f, b"DA")))
        .and_then(|o| o.as_str().ok())
        .map_or_else(|| FALLBACK_APPEARANCE.to_vec(), <[u8]>::to_vec);
    let quadding = inherited(pdf, annot, b"Q")
        .or_else(|| form.and_then(|f| pdf.get(f, b"Q")))
        .and_then(|o| o.as_i64().ok())
        .filter(|_| !centred)
        .unwrap_or(i64::from(centred));
    let resources = inherited(pdf, annot, b"DR").and_then(|o| pdf.dict(o)).or_else(|| pdf.form_default_resources());
    // The turn `/MK /R` gives, else the one the widget's own appearance is
    // drawn with (some producers write a turned field's turn only there).
    let rotation = pdf
        .get(annot, b"MK")
        .and_then(|o| pdf.dict(o))
        .and_then(|mk| pdf.get(mk, b"R"))
        .and_then(|o| o.as_i64().ok())
        .or_else(|| appearance.and_then(|stream| quarter_turn(form_matrix(pdf, stream))))
        .map_or(0, |r| r.rem_euclid(360));
    Some(GeneratedField { appearance: default_appearance, quadding, resources, rotation, shown })
}

/// The quarter turn (0, 90, 180 or 270 degrees anticlockwise) a matrix
/// turns by, `None` for any other angle (a slant is no widget turn).
pub(super) fn quarter_turn(m: Matrix) -> Option<i64> {
    let degrees = m.b.atan2(m.a).to_degrees();
    let quarters = (degrees / 90.0).round();
    ((degrees - quarters * 90.0).abs() < 1.0).then(|| (quarters as i64 * 90).rem_euclid(360))
}

/// A field attribute of the widget or, when missing, of the nearest field
/// above it (field attributes are inherited down the field tree).
fn inherited<'p>(pdf: &'p PdfDocument, annot: &'p Dictionary, key: &[u8]) -> Option<&'p Object> {
    let mut node = annot;
    for _ in 0..MAX_FIELD_DEPTH {
        if let Some(value) = pdf.get(node, key) {
            return Some(value);
        }
        node = pdf.get(node, b"Parent").and_then(|o| pdf.dict(o))?;
    }
    None
}

fn text_string(pdf: &PdfDocument, obj: &Object) -> Option<String> {
    match pdf.resolve(obj)? {
        Object::String(raw, _) => Some(decode_text_string(raw)),
        _ => None,
    }
}

fn text_field(pdf: &PdfDocument, annot: &Dictionary, flags: i64) -> Option<Shown> {
    let value = inherited(pdf, annot, b"V").and_then(|o| text_string(pdf, o))?;
    if value.trim().is_empty() {
        return None;
    }
    if flags & PASSWORD != 0 {
        // A viewer masks a password: one asterisk per character.
        return Some(Shown::Line("*".repeat(value.chars().count())));
    }
    let cells = inherited(pdf, annot, b"MaxLen").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    Some(if flags & MULTILINE != 0 {
        Shown::Lines { lines: value.lines().map(str::to_string).collect(), wrap: true }
    } else if flags & COMB != 0 && cells > 0 {
        Shown::Comb { text: value, cells: usize::try_from(cells).unwrap_or(usize::MAX) }
    } else {
        Shown::Line(value.lines().collect::<Vec<_>>().join(" "))
    })
}

/// A push button shows its caption (`/MK /CA`, a text string); a check box
/// or radio button that is on (its `/AS` names a state other than `Off`)
/// shows its caption as character codes in the appearance font (a
/// ZapfDingbats mark), and nothing when off or without a caption.
fn button(pdf: &PdfDocument, annot: &Dictionary, flags: i64) -> Option<Shown> {
    let caption = pdf.get(annot, b"MK").and_then(|o| pdf.dict(o)).and_then(|mk| pdf.get(mk, b"CA"));
    if flags & PUSH_BUTTON != 0 {
        let text = caption.and_then(|o| text_string(pdf, o))?;
        return (!text.trim().is_empty()).then_some(Shown::Line(text));
    }
    let state = pdf.get(annot, b"AS").and_then(|o| pdf.name(o))?;
    // On: its state is not Off and, when the field has a value, is that
    // value (the radio button chosen among its siblings).
    let value = inherited(pdf, annot, b"V").and_then(|o| pdf.name(o));
    if state == b"Off" || value.is_some_and(|v| v != state) {
        return None;
    }
    let codes = caption?.as_str().ok()?.to_vec();
    (!codes.is_empty()).then_some(Shown::Mark(codes))
}

/// A combo box shows its value (the display text of the option it names); a
/// list box shows its options, from its top index (`/TI`) down.
fn choice_field(pdf: &PdfDocument, annot: &Dictionary, flags: i64) -> Option<Shown> {
    // Each option as (export value, display text).
    let options: Vec<(String, String)> = match inherited(pdf, annot, b"Opt") {
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|item| match pdf.resolve(item)? {
                Object::Array(pair) => {
                    let export = text_string(pdf, pair.first()?)?;
                    let display = pair.get(1).and_then(|o| text_string(pdf, o)).unwrap_or_else(|| export.clone());
                    Some((export, display))
                }
                other => text_string(pdf, other).map(|t| (t.clone(), t)),
            })
            .collect(),
        _ => Vec::new(),
    };
    if flags & COMBO == 0 && !options.is_empty() {
        let top = inherited(pdf, annot, b"TI").and_then(|o| o.as_i64().ok()).unwrap_or(0);
        let top = usize::try_from(top).unwrap_or(0).min(options.len() - 1);
        return Some(Shown::Lines { lines: options[top..].iter().map(|(_, d)| d.clone()).collect(), wrap: false });
    }
    let value = match inherited(pdf, annot, b"V")? {
        Object::Array(values) => values.first().and_then(|o| text_string(pdf, o)),
        other => text_string(pdf, other),
    }?;
    let shown = options.iter().find(|(export, _)| *export == value).map_or(value, |(_, display)| display.clone());
    (!shown.trim().is_empty()).then_some(Shown::Line(shown))
}

impl<'p> Interpreter<'p> {
    /// Draws a field's value in the widget rectangle `rect` (default user
    /// space), as [`generated`] found it.
    pub(super) fn draw_field(&mut self, field: &GeneratedField<'p>, rect: [f32; 4]) -> Result<()> {
        let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
        // A widget turned by `/MK /R` draws its value turned with it, in a
        // box whose sides swap for a quarter turn.
        let (turn, width, height) = match field.rotation {
            90 => (Matrix::new(0.0, 1.0, -1.0, 0.0, w, 0.0), h, w),
            180 => (Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h), w, h),
            270 => (Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, h), h, w),
            _ => (Matrix::IDENTITY, w, h),
        };
        let placement = turn.then(&Matrix::translate(rect[0], rect[1]));
        let saved = std::mem::replace(&mut self.gs, GState::new(placement));
        let saved_stack = std::mem::take(&mut self.stack);
        let (saved_tm, saved_tlm) = (self.tm, self.tlm);
        // The value is clipped to the widget, as a viewer clips it.
        self.clip_to(&[self.to_page(0.0, 0.0), self.to_page(width, height)]);
        self.tm = Matrix::IDENTITY;
        self.tlm = Matrix::IDENTITY;
        let result = self.run(&field.appearance, field.resources).and_then(|()| self.field_text(field, width, height));
        self.gs = saved;
        self.stack = saved_stack;
        self.tm = saved_tm;
        self.tlm = saved_tlm;
        result
    }

    fn field_text(&mut self, field: &GeneratedField<'p>, width: f32, height: f32) -> Result<()> {
        let font_index = match self.gs.font {
            Some(i) => i,
            // An appearance string without a font: the glyphs still carry
            // the value's text; a stand-in gives them widths.
            None => self.font(b"Helv", field.resources),
        };
        self.gs.font = Some(font_index);
        let Some(font) = self.fonts.get(font_index).cloned() else { return Ok(()) };
        let advance = |text: &str| text.chars().map(|c| font.advance_of(c)).sum::<f32>();
        let inner = (width - 2.0 * PADDING).max(0.0);
        let x_of = |line_width: f32| match field.quadding {
            1 => (width - line_width) / 2.0,
            2 => width - PADDING - line_width,
            _ => PADDING,
        };
        let size = self.gs.font_size;
        match &field.shown {
            Shown::Line(text) => {
                let size = if size > 0.0 {
                    size
                } else {
                    let fit = inner / advance(text).max(f32::EPSILON);
                    ((height - 2.0 * PADDING) * AUTO_SIZE_SHARE).min(fit).max(MIN_AUTO_SIZE)
                };
                self.gs.font_size = size;
                let y = height / 2.0 - BASELINE_BELOW_MIDDLE * size;
                self.show_unicode(&font, font_index, text, x_of(advance(text) * size), y)?;
            }
            Shown::Lines { lines, wrap } => {
                let size = if size > 0.0 { size } else { AUTO_SIZE_LINES };
                self.gs.font_size = size;
                let lines: Vec<String> = if *wrap {
                    lines.iter().flat_map(|l| wrap_line(l, inner / size, &advance)).collect()
                } else {
                    lines.clone()
                };
                let mut y = height - PADDING - size;
                for line in &lines {
                    self.show_unicode(&font, font_index, line, x_of(advance(line) * size), y)?;
                    y -= size * LINE_PITCH;
                }
            }
            Shown::Mark(codes) => {
                let widths: f32 = font.chars(codes).map(|c| c.width).sum();
                let size = if size > 0.0 {
                    size
                } else {
                    ((height - 2.0 * PADDING).min(inner) * AUTO_SIZE_SHARE).max(MIN_AUTO_SIZE)
                };
                self.gs.font_size = size;
                self.tm = Matrix::translate((width - widths * size) / 2.0, height / 2.0 - BASELINE_BELOW_MIDDLE * size);
                self.tlm = self.tm;
                self.show(codes)?;
            }
            Shown::Comb { text, cells } => {
                let cell = width / *cells as f32;
                let size = if size > 0.0 {
                    size
                } else {
                    ((height - 2.0 * PADDING) * AUTO_SIZE_SHARE).min(cell).max(MIN_AUTO_SIZE)
                };
                self.gs.font_size = size;
                let y = height / 2.0 - BASELINE_BELOW_MIDDLE * size;
                for (i, c) in text.chars().take(*cells).enumerate() {
                    let x = (i as f32 + 0.5) * cell - font.advance_of(c) * size / 2.0;
                    self.show_unicode(&font, font_index, c.encode_utf8(&mut [0; 4]), x, y)?;
                }
            }
        }
        Ok(())
    }

    /// Draws `text` (Unicode, not character codes) from `(x, y)` in the
    /// current text space, one glyph per character with `font`'s advance.
    fn show_unicode(&mut self, font: &Font, font_index: usize, text: &str, x: f32, y: f32) -> Result<()> {
        self.tm = Matrix::translate(x, y);
        self.tlm = self.tm;
        for c in text.chars() {
            let ch = Char {
                code: u32::from(c),
                len: 1,
                text: Some(Text::Char(c)),
                width: font.advance_of(c),
                vertical: None,
                word_space: c == ' ',
            };
            self.place(font, font_index, &ch)?;
        }
        Ok(())
    }
}

/// `line` broken into lines no wider than `measure` (in font sizes, as
/// `advance` measures text): after the last space that fits, or before the
/// character that would overflow when a word is longer than the measure (as
/// CJK text, without spaces, always is).
fn wrap_line(line: &str, measure: f32, advance: &impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for c in line.chars() {
        current.push(c);
        if advance(&current) <= measure || current.chars().count() == 1 {
            continue;
        }
        current.pop();
        let rest = match current.rfind(' ') {
            Some(space) if !current[..space].trim().is_empty() => {
                let rest = current[space + 1..].to_string();
                current.truncate(space);
                rest
            }
            _ => String::new(),
        };
        lines.push(std::mem::take(&mut current).trim_end().to_string());
        current = rest;
        current.push(c);
    }
    if !current.trim().is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_after_a_space_or_before_an_overflowing_character() {
        let advance = |t: &str| t.chars().count() as f32 * 0.5;
        assert_eq!(wrap_line("aaa bbb ccc", 4.0, &advance), ["aaa bbb", "ccc"]);
        assert_eq!(wrap_line("aaaaaaaaaa", 2.0, &advance), ["aaaa", "aaaa", "aa"]);
        assert_eq!(wrap_line("short", 10.0, &advance), ["short"]);
        assert_eq!(wrap_line("", 10.0, &advance), [""]);
    }
}
