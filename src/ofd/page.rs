//! One OFD page → [`PageContent`], the PDF interpreter's output, so the PDF
//! layout, table finder, furniture removal and assembly run unchanged.
//!
//! A page is its background templates, its own layers, then its foreground
//! templates (GB/T 33190 §8.2.2 `ZOrder`). Every graphic unit is placed by its
//! `Boundary` (the origin of its own coordinates, in the page's) and `CTM`
//! (applied first, inside the boundary); page units are millimetres with y
//! downwards from the top-left of the `PhysicalBox`, mapped here to points.
//!
//! Text: `TextCode` holds Unicode, so each character becomes a glyph at the
//! pen position; `X`/`Y` start a code, `DeltaX`/`DeltaY` (with the `g n v`
//! repeat form) move the pen between characters. A glyph's box is its
//! font's advance when the embedded font gives it (see [`super::font`]) —
//! never wider than the `DeltaX` step, so set-apart characters keep their gap;
//! without metrics, the step itself up to 1 em, beyond that the rule width —
//! and the em box around the baseline as the PDF interpreter draws it. Paths yield rulings through the PDF path
//! builder (stroked straight segments, thin fills, the sides of shaded areas
//! through the PDF interpreter's `Shading`); images are counted; page blocks and composite objects are drawn
//! with their transforms. Clip areas paint nothing and are skipped.

use std::collections::HashMap;
use std::rc::Rc;

use super::package::{DocumentInfo, OfdPackage, parse_box, resolve};
use super::path;
use super::resources::Resources;
use super::xml::Node;
use crate::error::{Error, Result};
use crate::model::Diagnostic;
use crate::pdf::content::Matrix;
use crate::pdf::content::shading::Shading;
use crate::pdf::document::{MAX_FORM_DEPTH, MAX_GLYPHS};
use crate::pdf::font::DEFAULT_DESCENT;
use crate::pdf::geometry::Rect;
use crate::pdf::page::{FontInfo, Glyph, PageContent};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// Line width of a path that does not give one (GB/T 33190: 0.353 mm).
const DEFAULT_LINE_WIDTH: f32 = 0.353;
/// Character weight from which text counts as bold (CSS-like 100–900).
const BOLD_WEIGHT: f32 = 600.0;
/// Widest advance a single glyph has, in em: a `DeltaX` step beyond it
/// includes space.
const MAX_GLYPH_EM: f32 = 1.0;
/// Colour components (0–255) this close to paper white are invisible.
const WHITE_MARGIN: f32 = 5.0;

/// What a page reader shares across pages: resources and parsed templates.
pub struct Context<'p, 'a> {
    pub package: &'p mut OfdPackage<'a>,
    pub document: &'p DocumentInfo,
    pub resources: Resources,
    templates: HashMap<String, Option<Rc<Node>>>,
}

impl<'p, 'a> Context<'p, 'a> {
    pub fn new(package: &'p mut OfdPackage<'a>, document: &'p DocumentInfo, resources: Resources) -> Self {
        Context { package, document, resources, templates: HashMap::new() }
    }

    /// A template page's root, parsed once; a missing or damaged template
    /// is `None` (the caller warns).
    fn template(&mut self, id: &str) -> std::result::Result<Rc<Node>, String> {
        if let Some(t) = self.templates.get(id) {
            return t.clone().ok_or_else(|| format!("template {id} could not be read"));
        }
        let Some(location) = self.document.templates.iter().find(|t| t.id == id).map(|t| t.content.clone()) else {
            self.templates.insert(id.to_string(), None);
            return Err(format!("template {id} is not listed in Document.xml"));
        };
        let result = match self.package.xml(&location) {
            Ok(Some(node)) => Ok(Rc::new(node)),
            Ok(None) => Err(format!("template {id} ({location}) is missing")),
            Err(e) => Err(format!("template {id} could not be read: {}", e.message)),
        };
        self.templates.insert(id.to_string(), result.as_ref().ok().cloned());
        result
    }
}

/// Reads page `page_ref` of the document as page `number`.
pub fn read(ctx: &mut Context<'_, '_>, content: &str, number: u32) -> Result<(PageContent, Vec<Diagnostic>)> {
    let page = ctx.package.xml(content)?.ok_or_else(|| super::errors::missing_page(content))?;
    let mut diagnostics = Vec::new();
    for res in page.children_named("PageRes") {
        let location = resolve(content, &res.text);
        ctx.resources.load(ctx.package, &location, &mut diagnostics);
    }
    let physical = page
        .child("Area")
        .and_then(|a| a.child_text("PhysicalBox"))
        .and_then(parse_box)
        .unwrap_or(ctx.document.page_box);
    let base =
        Matrix::translate(-physical[0], -physical[1]).then(&Matrix::new(PT_PER_MM, 0.0, 0.0, PT_PER_MM, 0.0, 0.0));
    let mut reader = Reader {
        out: PageContent {
            number,
            width: physical[2] * PT_PER_MM,
            height: physical[3] * PT_PER_MM,
            ..Default::default()
        },
        diagnostics: diagnostics.into_iter().map(|d| d.on_page(Some(number))).collect(),
        fonts: HashMap::new(),
        composites: Vec::new(),
        shading: Shading::default(),
    };

    // Templates behind the page's own content, and in front of it.
    let mut back = Vec::new();
    let mut front = Vec::new();
    for t in page.children_named("Template") {
        let Some(id) = t.attr("TemplateID").map(str::trim) else { continue };
        let listed = ctx.document.templates.iter().find(|x| x.id == id).and_then(|x| x.z_order.clone());
        let z = t.attr("ZOrder").map(str::to_string).or(listed);
        if z.as_deref() == Some("Foreground") { front.push(id.to_string()) } else { back.push(id.to_string()) }
    }
    for id in &back {
        reader.template(ctx, id, &base)?;
    }
    if let Some(body) = page.child("Content") {
        reader.layers(ctx, body, &base)?;
    }
    for id in &front {
        reader.template(ctx, id, &base)?;
    }
    let private = reader.out.glyphs.iter().filter(|g| g.text.chars().any(is_private_use)).count();
    if private > 0 {
        reader.warn(
            "ofd.private_use",
            format!(
                "{private} character(s) are private-use codes the producer mapped to its own font's glyphs; their text is unknown and they are kept as they are"
            ),
        );
    }
    Ok((reader.out, reader.diagnostics))
}

struct Reader {
    out: PageContent,
    diagnostics: Vec<Diagnostic>,
    /// (font ID, bold) → index in `out.fonts`.
    fonts: HashMap<(String, bool), usize>,
    /// Composite units being drawn, innermost last (cycles refused).
    composites: Vec<String>,
    /// Filled areas so far: their sides are rulings, as in the PDF interpreter.
    shading: Shading,
}

/// Graphic state an object inherits from its layer.
#[derive(Clone, Copy)]
struct Inherited<'n> {
    draw_param: Option<&'n str>,
}

impl Reader {
    fn warn(&mut self, code: &str, message: String) {
        let page = Some(self.out.number);
        if !self.diagnostics.iter().any(|d| d.code == code && d.message == message) {
            self.diagnostics.push(Diagnostic::warning(code, message).on_page(page));
        }
    }

    fn template(&mut self, ctx: &mut Context<'_, '_>, id: &str, base: &Matrix) -> Result<()> {
        match ctx.template(id) {
            Ok(node) => match node.child("Content") {
                Some(content) => self.layers(ctx, content, base),
                None => Ok(()),
            },
            Err(message) => {
                self.warn("ofd.template", format!("{message}; what it draws is missing from the page"));
                Ok(())
            }
        }
    }

    fn layers(&mut self, ctx: &mut Context<'_, '_>, content: &Node, base: &Matrix) -> Result<()> {
        for layer in content.children_named("Layer") {
            let inherited = Inherited { draw_param: layer.attr("DrawParam").map(str::trim) };
            self.objects(ctx, layer, base, inherited)?;
        }
        Ok(())
    }

    /// The graphic units inside a layer, page block or composite unit.
    fn objects(
        &mut self,
        ctx: &mut Context<'_, '_>,
        parent: &Node,
        m: &Matrix,
        inherited: Inherited<'_>,
    ) -> Result<()> {
        for object in &parent.children {
            let own = object.attr("DrawParam").map(str::trim);
            let inherited = Inherited { draw_param: own.or(inherited.draw_param) };
            match object.name.as_str() {
                "TextObject" => self.text(ctx, object, m)?,
                "PathObject" => self.path(ctx, object, m, inherited)?,
                "ImageObject" if object.flag("Visible") != Some(false) => self.out.images += 1,
                "PageBlock" => self.objects(ctx, object, m, inherited)?,
                "CompositeObject" => self.composite(ctx, object, m, inherited)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Object space → page points: CTM inside the boundary, then the parent.
    fn placement(object: &Node, parent: &Matrix) -> Matrix {
        let ctm = object
            .attr("CTM")
            .and_then(|t| {
                let v: Vec<f32> = t.split_whitespace().filter_map(|n| n.parse().ok()).collect();
                Matrix::from_slice(&v)
            })
            .unwrap_or(Matrix::IDENTITY);
        let boundary = object.attr("Boundary").and_then(parse_box_loose).unwrap_or([0.0; 4]);
        ctm.then(&Matrix::translate(boundary[0], boundary[1])).then(parent)
    }

    fn composite(
        &mut self,
        ctx: &mut Context<'_, '_>,
        object: &Node,
        parent: &Matrix,
        inherited: Inherited<'_>,
    ) -> Result<()> {
        let Some(id) = object.attr("ResourceID").map(|s| s.trim().to_string()) else { return Ok(()) };
        if self.composites.contains(&id) {
            return Err(Error::corrupt(format!(
                "page {}: composite graphic unit {id} draws itself (a cycle); the file is damaged",
                self.out.number
            )));
        }
        if self.composites.len() >= MAX_FORM_DEPTH {
            return Err(Error::too_large(format!(
                "page {}: composite objects are nested more than {MAX_FORM_DEPTH} deep",
                self.out.number
            )));
        }
        let Some(content) = ctx.resources.composites.get(&id).cloned() else {
            self.warn(
                "ofd.resource_missing",
                format!("composite graphic unit {id} is not in the resources; it was skipped"),
            );
            return Ok(());
        };
        let m = Self::placement(object, parent);
        self.composites.push(id);
        let result = self.objects(ctx, &content, &m, inherited);
        self.composites.pop();
        result
    }

    fn path(&mut self, ctx: &Context<'_, '_>, object: &Node, parent: &Matrix, inherited: Inherited<'_>) -> Result<()> {
        if object.flag("Visible") == Some(false) {
            return Ok(());
        }
        let Some(data) = object.child("AbbreviatedData").map(|d| d.text.as_str()) else { return Ok(()) };
        if path::has_curves(data) {
            // A path with curves is a drawing — a character's outline laid
            // over its text, a seal, a logo — and its straight pieces are
            // strokes of 工 or 十, not table rules.
            return Ok(());
        }
        let m = Self::placement(object, parent);
        let chain = ctx.resources.draw_param_chain(inherited.draw_param);
        let line_width = object
            .num("LineWidth")
            .or_else(|| chain.iter().find_map(|p| p.line_width))
            .unwrap_or(DEFAULT_LINE_WIDTH)
            .abs();
        let stroke_color = object.child("StrokeColor").or_else(|| chain.iter().find_map(|p| p.stroke.as_ref()));
        let fill_color = object.child("FillColor").or_else(|| chain.iter().find_map(|p| p.fill.as_ref()));
        // Stroked in black unless told otherwise; filled only when asked, and
        // a fill without a colour is transparent (GB/T 33190 §9.1).
        let stroke = object.flag("Stroke").unwrap_or(true) && stroke_color.is_none_or(visible);
        let fill = object.flag("Fill").unwrap_or(false) && fill_color.is_some_and(visible);
        if !stroke && !fill {
            return Ok(());
        }
        let (path, problem) = path::build(data, &m);
        if let Some(token) = problem {
            self.warn(
                "ofd.path_data",
                format!("a path's AbbreviatedData could not be read past {token:?}; the rest of that path was skipped"),
            );
        }
        let width = stroke.then(|| line_width * m.scale());
        let colour = fill_color.map(colour_values).unwrap_or_default();
        let fill = fill.then_some((&mut self.shading, colour.as_slice()));
        path.paint(width, false, fill, &mut self.out.rulings)
    }

    fn font_index(&mut self, ctx: &mut Context<'_, '_>, id: &str, weight_bold: bool) -> usize {
        let key = (id.to_string(), weight_bold);
        if let Some(&i) = self.fonts.get(&key) {
            return i;
        }
        let (name, bold) = match ctx.resources.fonts.get(id) {
            Some(f) => (f.name.clone(), f.bold || weight_bold),
            None => {
                self.warn("ofd.font_missing", format!("font {id} is not in the resources; widths are estimated"));
                (format!("#{id}"), weight_bold)
            }
        };
        let i = self.out.fonts.len();
        self.out.fonts.push(FontInfo { name, bold, space_width: None });
        self.fonts.insert(key, i);
        i
    }

    /// A text object's glyphs. `Visible="false"` text is kept, as the PDF
    /// interpreter keeps invisible (render mode 3) text: over a scan it is the
    /// only text there is.
    fn text(&mut self, ctx: &mut Context<'_, '_>, object: &Node, parent: &Matrix) -> Result<()> {
        let m = Self::placement(object, parent);
        let font_id = object.attr("Font").unwrap_or("").trim().to_string();
        let size = object.num("Size").filter(|s| *s > 0.0).unwrap_or(3.528);
        let h_scale = object.num("HScale").filter(|s| *s > 0.0).unwrap_or(1.0);
        let weight_bold = object.num("Weight").is_some_and(|w| w >= BOLD_WEIGHT);
        let font_index = self.font_index(ctx, &font_id, weight_bold);
        let read_direction = object.num("ReadDirection").unwrap_or(0.0);
        let turned = read_direction != 0.0 || object.num("CharDirection").unwrap_or(0.0) != 0.0;
        // The direction the pen moves when no delta is given.
        let (ux, uy) = match read_direction as i32 {
            90 => (0.0, 1.0),
            180 => (-1.0, 0.0),
            270 => (0.0, -1.0),
            _ => (1.0, 0.0),
        };
        let upright = !turned && m.a > 0.0 && m.d > 0.0 && m.b.abs() <= 0.01 * m.a && m.c.abs() <= 0.01 * m.d;
        let glyph_size = size * m.y_scale();
        let (ascent, descent) = (1.0 + DEFAULT_DESCENT, -DEFAULT_DESCENT);
        let (mut x, mut y) = (0.0f32, 0.0f32);
        for code in object.children_named("TextCode") {
            // A code without X or Y takes the previous code's value (§11.3).
            x = code.num("X").unwrap_or(x);
            y = code.num("Y").unwrap_or(y);
            let dx = deltas(code.attr("DeltaX"));
            let dy = deltas(code.attr("DeltaY"));
            let (mut px, mut py) = (x, y);
            for (i, c) in code.text.chars().enumerate() {
                let measured = ctx.resources.font(ctx.package, &font_id).and_then(|f| f.measured_width(c));
                let em_size = size * h_scale;
                let natural = measured.unwrap_or_else(|| super::font::rule_width(c)) * em_size;
                let step_x = dx.get(i).copied();
                let step_y = dy.get(i).copied();
                if !c.is_control() {
                    let width = match (step_x, measured) {
                        (Some(s), _) if s <= 0.0 || ux == 0.0 => natural,
                        // Known metrics: a longer step is a gap the page set.
                        (Some(s), Some(_)) => natural.min(s),
                        // Unknown metrics: a step no glyph could exceed is the
                        // glyph's own advance (an "m" is wider than the rule);
                        // a longer one holds a gap, and the rule width shows it.
                        (Some(s), None) if s <= MAX_GLYPH_EM * em_size => s,
                        _ => natural,
                    };
                    self.glyph(c, &m, px, py, width, size * ascent, size * descent, glyph_size, font_index, upright)?;
                }
                match (step_x, step_y) {
                    (None, None) => {
                        px += natural * ux;
                        py += natural * uy;
                    }
                    (sx, sy) => {
                        px += sx.unwrap_or(0.0);
                        py += sy.unwrap_or(0.0);
                    }
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn glyph(
        &mut self,
        c: char,
        m: &Matrix,
        x: f32,
        y: f32,
        width: f32,
        ascent: f32,
        descent: f32,
        size: f32,
        font: usize,
        upright: bool,
    ) -> Result<()> {
        let corners = [
            m.apply(x, y - ascent),
            m.apply(x + width, y - ascent),
            m.apply(x + width, y + descent),
            m.apply(x, y + descent),
        ];
        let (mut x0, mut x1, mut top, mut bottom) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for (cx, cy) in corners {
            x0 = x0.min(cx);
            x1 = x1.max(cx);
            top = top.min(cy);
            bottom = bottom.max(cy);
        }
        if ![x0, x1, top, bottom].iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        if self.out.glyphs.len() >= MAX_GLYPHS {
            return Err(Error::too_large(format!("page {} draws more than {MAX_GLYPHS} characters", self.out.number)));
        }
        // The page limit stops one page; the document's budget stops many
        // pages drawing one huge text (pages sharing one content file).
        crate::budget::charge(crate::budget::Resource::Glyphs, 1)?;
        self.out.glyphs.push(Glyph { text: c.to_string(), rect: Rect { x0, top, x1, bottom }, size, font, upright });
        Ok(())
    }
}

/// Unicode's private use areas: codes with no meaning outside the font.
fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// A `Boundary` as given, zero sizes allowed (a line's box is thin).
fn parse_box_loose(text: &str) -> Option<[f32; 4]> {
    let v: Vec<f32> = text.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    match v.as_slice() {
        [x, y, w, h] if v.iter().all(|n| n.is_finite()) => Some([*x, *y, *w, *h]),
        _ => None,
    }
}

/// Most deltas one `g` repeat may expand to (a code holds far fewer).
const MAX_REPEAT: usize = 100_000;

/// `DeltaX`/`DeltaY` values, `g n v` expanded to n copies of v. Unreadable
/// tokens end the list (the rest of the code then advances by font width).
pub fn deltas(text: Option<&str>) -> Vec<f32> {
    let mut out = Vec::new();
    let Some(text) = text else { return out };
    let mut tokens = text.split_whitespace();
    while let Some(t) = tokens.next() {
        if t == "g" {
            let n = tokens.next().and_then(|n| n.parse::<usize>().ok());
            let v = tokens.next().and_then(|v| v.parse::<f32>().ok());
            match (n, v) {
                (Some(n), Some(v)) if v.is_finite() && out.len() + n <= MAX_REPEAT => {
                    out.extend(std::iter::repeat_n(v, n));
                }
                _ => break,
            }
        } else {
            match t.parse::<f32>() {
                Ok(v) if v.is_finite() => out.push(v),
                _ => break,
            }
        }
    }
    out
}

/// A colour element's component values (empty when it has none readable).
fn colour_values(color: &Node) -> Vec<f32> {
    let parsed: Option<Vec<f32>> = color.attr("Value").and_then(|value| {
        value
            .split_whitespace()
            .map(|t| match t.strip_prefix('#') {
                Some(hex) => u32::from_str_radix(hex, 16).ok().map(|v| v as f32),
                None => t.parse::<f32>().ok(),
            })
            .collect()
    });
    parsed.unwrap_or_default()
}

/// Whether a colour element paints something visible on white paper: not
/// fully transparent, not white. Values are 0–255 (or `#hex`); one value is
/// gray, three RGB, four CMYK. A palette index or pattern counts as visible.
fn visible(color: &Node) -> bool {
    if color.num("Alpha").is_some_and(|a| a <= 0.0) {
        return false;
    }
    let v = colour_values(color);
    let white = match v.len() {
        1 | 3 => v.iter().all(|c| *c >= 255.0 - WHITE_MARGIN),
        4 => v.iter().all(|c| *c <= WHITE_MARGIN),
        _ => false,
    };
    !white
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_repeats() {
        assert_eq!(deltas(Some("g 3 1.5 2 g 2 0")), vec![1.5, 1.5, 1.5, 2.0, 0.0, 0.0]);
        assert_eq!(deltas(Some("3 3 x 4")), vec![3.0, 3.0]);
        assert!(deltas(None).is_empty());
        assert_eq!(deltas(Some("g 99999999 1")), Vec::<f32>::new());
    }

    #[test]
    fn white_and_transparent_paint_is_invisible() {
        let color = |xml: &str| super::super::xml::parse(xml, "t.xml").unwrap();
        assert!(!visible(&color(r#"<StrokeColor Value="255 255 255"/>"#)));
        assert!(!visible(&color(r##"<StrokeColor Value="#FF #FF #FF"/>"##)));
        assert!(!visible(&color(r#"<StrokeColor Value="0 0 0" Alpha="0"/>"#)));
        assert!(!visible(&color(r#"<StrokeColor Value="0 0 0 0"/>"#)));
        assert!(visible(&color(r#"<StrokeColor Value="156 82 35"/>"#)));
        assert!(visible(&color(r#"<StrokeColor/>"#)));
    }
}
