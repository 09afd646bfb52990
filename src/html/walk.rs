//! The content area's elements → paragraph and table fragments.
//!
//! Block elements (`<p>`, `<div>`, `<li>`, `<hN>`, …) and `<br>` end a
//! paragraph; `<hN>` gives a heading level, centring (`align="center"`,
//! `text-align: center`, `<center>`) marks a title-like line, a first-line
//! indent (`text-indent`, or the `&nbsp;`/full-width-space run portals
//! indent with) an indented one; `page-break-before/after: always` (how
//! LibreOffice and Word save page breaks) is a page break. A `<table>` is a
//! data table unless it is a layout table (`role="presentation"`, one cell
//! per row, or a table in one of its cells holding half its text), whose
//! cells are walked as blocks. A data table's cells keep `<br>` and block
//! ends as line ends; a table inside a cell is that cell's text. A table of
//! images without text is reported, not made a table. List items carry
//! their marker as a browser draws it ([`marker`]).

use markup5ever_rcdom::{Handle, NodeData};

use super::content;
use super::css::StyleSheets;
use super::dom::{self, Stats};
use super::image_table::{self, Unread};
use super::marker::{self, Style};
use super::images::Images;
use super::table::{self, TextCell, TooBig};
use crate::error::Result;
use crate::model::{BreakKind, Diagnostic, Fragment, ParagraphFragment, TableBoundary, TableFragment};
use crate::pdf::ocr::Recogniser;
use crate::text::normalize;

/// Element nesting walked as structure; deeper content (only hostile pages
/// nest this far) is read as plain text of its block.
pub const MAX_DEPTH: usize = 256;

/// Elements that end a paragraph before and after them.
const BLOCKS: [&str; 31] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
];

/// Parts of a layout table, walked as blocks.
const LAYOUT_PARTS: [&str; 7] = ["tbody", "thead", "tfoot", "tr", "td", "th", "caption"];

/// Paragraph-level state of the line being built.
#[derive(Debug, Default)]
struct Line {
    text: String,
    heading: Option<u8>,
    centered: bool,
    indented: bool,
}

/// What the walk left out as chrome inside the content area.
#[derive(Debug, Default)]
pub struct Dropped {
    pub chars: usize,
    pub examples: Vec<String>,
}

impl Dropped {
    pub fn add(&mut self, text: &str) {
        let text = normalize(text);
        self.chars += text.chars().count();
        if !text.is_empty() && self.examples.len() < 3 {
            self.examples.push(text.chars().take(24).collect());
        }
    }
}

/// Inherited layout of the element being walked.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    centered: bool,
    depth: usize,
    /// Inside a `<header>`/`<footer>` that belongs to a content section.
    in_section: bool,
}

pub struct Walker<'s> {
    stats: &'s Stats,
    /// The page's style sheets, for list markers.
    sheets: &'s StyleSheets,
    pub out: Vec<Fragment>,
    pub diagnostics: Vec<Diagnostic>,
    pub dropped: Dropped,
    line: Line,
    /// The label of the list item being walked, put in front of its first
    /// paragraph with text.
    label: Option<String>,
    too_deep: bool,
    /// Where the page's images come from, for a table that is only a picture.
    pub images: Images<'s>,
    /// Reads such a picture (OCR), and records what it read (`source.ocr`).
    pub recogniser: Recogniser,
    /// Where the output ended after the last picture read: a picture read
    /// when it still ends there stands right below that one.
    picture_ends_at: Option<usize>,
    /// The last data table and where the output ended after it: a table
    /// right after it with the output still ending there touches it.
    data_table_end: Option<(Handle, usize)>,
}

impl<'s> Walker<'s> {
    pub fn new(stats: &'s Stats, sheets: &'s StyleSheets) -> Self {
        Walker {
            stats,
            sheets,
            out: Vec::new(),
            diagnostics: Vec::new(),
            dropped: Dropped::default(),
            line: Line::default(),
            label: None,
            too_deep: false,
            images: Images::default(),
            recogniser: Recogniser::new(),
            picture_ends_at: None,
            data_table_end: None,
        }
    }

    /// Walks the content area `root`.
    pub fn walk_root(&mut self, root: &Handle) -> Result<()> {
        let centered = is_centered(root, false);
        self.node(root, Context { centered, depth: 0, in_section: dom::is_content_section(root) })?;
        self.end_line();
        if self.too_deep {
            self.diagnostics.push(Diagnostic::warning(
                "html.too_deep",
                format!(
                    "elements nest deeper than {MAX_DEPTH} levels; the content below that depth is read as plain text"
                ),
            ));
        }
        Ok(())
    }

    fn node(&mut self, node: &Handle, ctx: Context) -> Result<()> {
        match &node.data {
            NodeData::Text { contents } => {
                self.text(&contents.borrow());
                Ok(())
            }
            NodeData::Element { .. } => self.element(node, ctx),
            NodeData::Document => self.children(node, ctx),
            _ => Ok(()),
        }
    }

    fn children(&mut self, node: &Handle, ctx: Context) -> Result<()> {
        let children: Vec<Handle> = node.children.borrow().clone();
        for child in &children {
            self.node(child, ctx)?;
        }
        Ok(())
    }

    fn element(&mut self, node: &Handle, ctx: Context) -> Result<()> {
        let name = dom::name(node).unwrap_or("").to_string();
        if dom::is_hidden(node) {
            return Ok(());
        }
        if dom::is_landmark_chrome(node, ctx.in_section) {
            self.end_line();
            self.dropped.add(&visible_text(node));
            return Ok(());
        }
        if ctx.depth >= MAX_DEPTH {
            self.too_deep = true;
            self.text(&visible_text(node));
            return Ok(());
        }
        let ctx = Context {
            centered: is_centered(node, ctx.centered),
            depth: ctx.depth + 1,
            in_section: ctx.in_section || dom::is_content_section(node),
        };
        let count = self.stats.get(node);
        // Rows and cells reached here belong to layout tables (data tables
        // are read whole by `table`): each cell is a block.
        let block = BLOCKS.contains(&name.as_str())
            || LAYOUT_PARTS.contains(&name.as_str())
            || dom::heading_level(node).is_some();
        let chrome = || {
            // Only a short block is worth its text's reading.
            content::is_link_list(count)
                || (count.text as usize) < 200 && content::is_info_bar(&normalize(&visible_text(node)))
        };
        if block && name != "body" && name != "html" && chrome() {
            self.end_line();
            self.dropped.add(&visible_text(node));
            return Ok(());
        }
        match name.as_str() {
            "ol" => self.list(node, ctx),
            // A list of bullets is blocks; one a style sheet numbers is a list.
            "ul" | "menu" | "dir" if self.numbers_items(node) => self.list(node, ctx),
            "br" => {
                self.end_line();
                Ok(())
            }
            "table" => self.table(node, ctx),
            _ if block => {
                let break_before = page_break(node, "page-break-before") || page_break(node, "break-before");
                let break_after = page_break(node, "page-break-after") || page_break(node, "break-after");
                self.end_line();
                if break_before {
                    self.out.push(Fragment::Break(BreakKind::Page));
                }
                self.line.heading = dom::heading_level(node);
                self.line.centered = ctx.centered;
                self.line.indented = is_indented(node);
                self.children(node, ctx)?;
                self.end_line();
                if break_after {
                    self.out.push(Fragment::Break(BreakKind::Page));
                }
                Ok(())
            }
            _ => self.children(node, ctx),
        }
    }

    fn text(&mut self, text: &str) {
        if self.line.text.trim().is_empty() {
            // A paragraph opened with two or more non-breaking or ideographic
            // spaces is indented the way portal editors indent.
            let lead = text.chars().take_while(|c| c.is_whitespace()).filter(|c| matches!(c, '\u{A0}' | '\u{3000}'));
            if lead.count() >= 2 {
                self.line.indented = true;
            }
        }
        self.line.text.push_str(text);
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let mut text = normalize(&line.text);
        if text.is_empty() {
            return;
        }
        let numbering = self.label.take();
        if let Some(label) = &numbering {
            // The marker's suffix is ". " (or "、"): its space is kept
            // before Latin text and dropped next to CJK, as for any text.
            text = normalize(&format!("{label} {text}"));
        }
        self.out.push(Fragment::Paragraph(ParagraphFragment {
            text,
            numbering,
            heading_level: line.heading,
            title_like: line.centered,
            indented: line.indented,
            ..Default::default()
        }));
    }

    /// A list: each item labelled as a browser draws its marker
    /// ([`marker`]: the list style from the cascade, `start`, `reversed`,
    /// an item's own `value`; an `<ol>`'s only). The label is the text a
    /// reader sees, as the DOCX front end writes automatic numbering.
    fn list(&mut self, node: &Handle, ctx: Context) -> Result<()> {
        self.end_line();
        let ordered = dom::name(node) == Some("ol");
        let children: Vec<Handle> = node.children.borrow().clone();
        let is_item = |child: &Handle| dom::name(child) == Some("li") && !dom::is_hidden(child);
        let counts = |child: &Handle| is_item(child) && marker::is_list_item(child, self.sheets);
        let reversed = ordered && dom::attr(node, "reversed").is_some();
        let step = if reversed { -1 } else { 1 };
        let items = children.iter().filter(|c| counts(c)).count() as i64;
        let start = dom::attr(node, "start").filter(|_| ordered).and_then(|s| marker::parse_integer(&s));
        let mut counter: i64 = start.unwrap_or(if reversed { items } else { 1 });
        for child in &children {
            if !is_item(child) {
                self.node(child, ctx)?;
                continue;
            }
            let counted = counts(child);
            if counted {
                let value = dom::attr(child, "value").filter(|_| ordered).and_then(|v| marker::parse_integer(&v));
                if let Some(value) = value {
                    counter = value;
                }
                self.label = Style::computed(child, self.sheets).label(counter);
            }
            self.element(child, ctx)?;
            self.end_line();
            self.label = None;
            if counted {
                counter = counter.saturating_add(step);
            }
        }
        self.end_line();
        Ok(())
    }

    /// Whether a list of bullets by default (`<ul>`) has an item the
    /// cascade gives a marker of text.
    fn numbers_items(&self, list: &Handle) -> bool {
        dom::element_children(list).iter().any(|child| {
            dom::name(child) == Some("li")
                && marker::is_list_item(child, self.sheets)
                && Style::computed(child, self.sheets) != Style::NoText
        })
    }

    fn table(&mut self, node: &Handle, ctx: Context) -> Result<()> {
        let rows = dom::rows_of(node);
        self.end_line();
        if ctx.depth >= MAX_DEPTH {
            self.too_deep = true;
            self.text(&visible_text(node));
            return Ok(());
        }
        let count = self.stats.get(node);
        // A table of pictures and no text, one cell or many: a picture of a table.
        if count.text == 0 {
            return self.picture_table(node, &rows);
        }
        if dom::is_layout_table_of(node, &rows, self.stats) {
            for cell in rows.iter().flatten() {
                self.element(cell, ctx)?;
            }
            return Ok(());
        }
        let text_rows: Vec<Vec<TextCell>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| {
                        let span = |key: &str| dom::attr(cell, key).and_then(|v| parse_span(&v));
                        TextCell {
                            text: cell_text(cell),
                            row_span: span("rowspan").unwrap_or(1),
                            col_span: span("colspan").unwrap_or(1),
                        }
                    })
                    .collect()
            })
            .collect();
        // rowspan="0" spans to the end of the table section.
        let text_rows = zero_row_spans(node, text_rows);
        // Right after a table with nothing between them, as a browser draws
        // it: no margin, no text, the two tables one below the other.
        let touches_previous = match (&self.data_table_end, table_before(node)) {
            (Some((last, end)), Some(before)) => std::rc::Rc::ptr_eq(last, &before) && *end == self.out.len(),
            _ => false,
        };
        match table::grid(&text_rows) {
            Ok(Some(grid)) => {
                let boundary = TableBoundary { touches_previous, ..Default::default() };
                self.out.push(Fragment::Table(TableFragment { grid, boundary, ..Default::default() }));
                self.data_table_end = Some((node.clone(), self.out.len()));
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(TooBig::Budget(e)) => Err(e),
            Err(TooBig::Slots) => {
                self.diagnostics.push(Diagnostic::warning(
                    "html.table_too_big",
                    format!(
                        "a table's spans cover more than {} cells; its rows are kept as lines of text",
                        table::MAX_TABLE_SLOTS
                    ),
                ));
                for row in text_rows {
                    let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    self.text(&texts.join(" "));
                    self.end_line();
                }
                Ok(())
            }
        }
    }

    /// A table of pictures and no text: the picture of a table, or a long
    /// table cut into pictures that stand one below the other (in its rows,
    /// or in one cell). Each picture is read on its own
    /// ([`image_table::recognise`]); a picture read right after another
    /// (in this table, or a picture table just before with nothing between)
    /// continues it across the edge between them, which the rebuild stage
    /// weighs as a page end ([`crate::model::TableBoundary`]). Pictures side
    /// by side in one row are not read.
    fn picture_table(&mut self, node: &Handle, rows: &[Vec<Handle>]) -> Result<()> {
        let sources = image_sources(node);
        if sources.is_empty() {
            return Ok(());
        }
        let side_by_side =
            rows.iter().any(|row| row.iter().filter(|cell| !image_sources(cell).is_empty()).count() > 1);
        let note = |code, sources: &[String], why: String| {
            Diagnostic::warning(
                code,
                format!(
                    "a table holds {} image(s) and no text: its content is a picture, which was not read ({why})",
                    sources.len()
                ),
            )
        };
        if side_by_side {
            let why = format!("its {} images stand side by side; only pictures one below the other are read", sources.len());
            self.diagnostics.push(note("html.image_table", &sources, why));
            return Ok(());
        }
        for source in &sources {
            let mut read = Vec::new();
            let one = std::slice::from_ref(source);
            let result = image_table::recognise(source, &self.images, &mut self.recogniser, &mut read)?;
            match result {
                Ok(mut items) => {
                    self.diagnostics.push(Diagnostic::info(
                        "html.image_table_ocr",
                        format!("a table that is only the image {source} was read by OCR"),
                    ));
                    if self.picture_ends_at == Some(self.out.len())
                        && let Some(Fragment::Table(first)) = items.iter_mut().find(|f| matches!(f, Fragment::Table(_)))
                    {
                        first.boundary.after_picture_edge = true;
                    }
                    self.out.append(&mut items);
                    self.picture_ends_at = Some(self.out.len());
                }
                Err(Unread::Missing(why)) => self.diagnostics.push(note("html.image_missing", one, why)),
                Err(Unread::NotRead(why)) => self.diagnostics.push(note("html.image_table", one, why)),
            }
            self.diagnostics.append(&mut read);
        }
        Ok(())
    }
}

/// The `<table>` right before `table` among its siblings, past white space
/// and comments: two tables with nothing between them.
fn table_before(table: &Handle) -> Option<Handle> {
    let parent = super::css::parent_element(table)?;
    let siblings = parent.children.borrow();
    let at = siblings.iter().position(|s| std::rc::Rc::ptr_eq(s, table))?;
    let before = siblings[..at].iter().rev().find(|s| match &s.data {
        NodeData::Text { contents } => !contents.borrow().trim().is_empty(),
        NodeData::Comment { .. } => false,
        _ => true,
    });
    before.filter(|node| dom::name(node) == Some("table")).cloned()
}

/// Fixes cells whose `rowspan="0"` means "to the end of the section": the
/// grid builder clamps a large span to the rows there are.
fn zero_row_spans(table: &Handle, mut rows: Vec<Vec<TextCell>>) -> Vec<Vec<TextCell>> {
    let raw = dom::rows_of(table);
    for (r, row) in raw.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if dom::attr(cell, "rowspan").is_some_and(|v| v.trim() == "0") {
                rows[r][c].row_span = table::MAX_SPAN;
            }
        }
    }
    rows
}

/// A `rowspan`/`colspan` value as browsers read it: leading digits, at least 1.
fn parse_span(value: &str) -> Option<usize> {
    let digits: String = value.trim().chars().take_while(char::is_ascii_digit).take(7).collect();
    digits.parse::<usize>().ok().filter(|&n| n >= 1)
}

/// The `src` of every image in `node`, in document order.
fn image_sources(node: &Handle) -> Vec<String> {
    let mut sources = Vec::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        if dom::name(&n) == Some("img") {
            sources.push(dom::attr(&n, "src").unwrap_or_default());
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    sources
}

/// A cell's text: `<br>` and block ends are line ends; a table inside the
/// cell gives its rows as lines, its cells apart by spaces. No recursion.
fn cell_text(cell: &Handle) -> String {
    let mut out = String::new();
    // (node, closing marker)
    let mut stack: Vec<(Handle, bool)> = cell.children.borrow().iter().rev().map(|c| (c.clone(), false)).collect();
    while let Some((node, closing)) = stack.pop() {
        let name = dom::name(&node).unwrap_or("");
        if closing {
            match name {
                "td" | "th" => out.push(' '),
                _ => out.push('\n'),
            }
            continue;
        }
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { .. } if dom::is_hidden(&node) => {}
            NodeData::Element { .. } => {
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                let block = BLOCKS.contains(&name)
                    || matches!(name, "tr" | "td" | "th" | "table")
                    || dom::heading_level(&node).is_some();
                if block {
                    out.push(if matches!(name, "td" | "th") { ' ' } else { '\n' });
                    stack.push((node.clone(), true));
                }
                stack.extend(node.children.borrow().iter().rev().map(|c| (c.clone(), false)));
            }
            _ => {}
        }
    }
    table::normalize_lines(&out)
}

/// The visible text of a subtree, without recursion.
pub fn visible_text(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { .. } if dom::is_hidden(&n) => {}
            _ => {
                out.push(' ');
                stack.extend(n.children.borrow().iter().rev().cloned());
            }
        }
    }
    out
}

fn is_centered(node: &Handle, inherited: bool) -> bool {
    if dom::name(node) == Some("center") {
        return true;
    }
    let align = dom::style(node, "text-align").or_else(|| dom::attr(node, "align").map(|a| a.to_ascii_lowercase()));
    match align.as_deref().map(str::trim) {
        Some("center" | "middle" | "-webkit-center") => true,
        Some("left" | "right" | "justify" | "start" | "end") => false,
        _ => inherited,
    }
}

fn is_indented(node: &Handle) -> bool {
    dom::style(node, "text-indent").is_some_and(|v| {
        let number: String = v.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
        number.parse::<f64>().is_ok_and(|n| n > 0.0)
    })
}

fn page_break(node: &Handle, property: &str) -> bool {
    dom::style(node, property).is_some_and(|v| v == "always" || v == "page")
}
