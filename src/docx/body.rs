//! The walk over the main document part, in reading order: paragraphs and
//! their runs, tables, content controls, text boxes, tracked changes, fields.
//!
//! Elements govdoc does not know are descended into rather than dropped, so
//! text inside unfamiliar wrappers (smart tags, custom XML, hyperlinks)
//! is kept; only elements that hold no visible text (property elements,
//! deletions, field codes) are skipped. Equations go to [`super::math`], note
//! references become marks (see [`super::notes`]), `w:altChunk` goes to
//! [`super::altchunk`], and content controls showing their placeholder text
//! are left out with a diagnostic.

use super::altchunk::Embedded;
use super::math;
use super::note_refs::{self, Counters, Reference};
use super::numbering::Numbering;
use super::styles::{ParagraphProperties, Styles};
use super::table::{Merge, RawCell, RawRow, RawTable};
use super::xml::{Element, Ns, Xml};
use crate::error::{Error, Result};
use crate::model::{BreakKind, Diagnostic, Fragment, NoteKind, ParagraphFragment, TableBoundary, TableFragment};
use crate::text::normalize;

pub struct Walker<'a, 'i> {
    xml: Xml<'i>,
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    /// Open complex fields, innermost last: `true` while in the field code
    /// (between `begin` and `separate`), whose text is not shown.
    fields: Vec<bool>,
    /// Note numbering; `None` while reading a notes or comments part, where
    /// note references are not followed.
    counters: Option<&'a mut Counters>,
    references: Vec<Reference>,
    /// Converts embedded parts (`w:altChunk`); `None` inside notes.
    embedded: Option<&'a mut (dyn Embedded + 'a)>,
    /// Depth of content controls showing placeholder text; their text is
    /// collected in `placeholder_text` instead of the document.
    placeholder: usize,
    placeholder_text: String,
    diagnostics: Vec<Diagnostic>,
    /// Since the last paragraph in the Title style only empty and
    /// front-matter paragraphs (subtitle, author, date, abstract) came: a
    /// centred line here is under the title, not a line of it.
    after_title: bool,
    /// Comments whose range is open (`w:commentRangeStart` seen, its end
    /// not yet), and the text each range covers: (id, text).
    open_comments: Vec<String>,
    comment_anchors: Vec<(String, String)>,
    /// What stands between the last table and the next; see [`Walker::table_boundary`].
    between_tables: BetweenTables,
}

/// What the walk of a main part found.
pub struct Walked {
    pub items: Vec<Fragment>,
    /// Note references in the order they occur.
    pub references: Vec<Reference>,
    /// Comment id → the text its range covers (normalized, shortened).
    pub comment_anchors: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A footnote, endnote or comment of a notes or comments part.
pub struct Entry {
    pub id: String,
    /// `w:type` ("separator", "continuationSeparator", "normal", …).
    pub kind: Option<String>,
    pub author: Option<String>,
    /// The entry's paragraphs, one per line.
    pub text: String,
}

/// Evidence gathered between two tables for the rebuild stage's rejoin.
#[derive(Default)]
struct BetweenTables {
    /// Tables open around the walker (a nested table is read inside its parent).
    depth: usize,
    /// A `w:lastRenderedPageBreak` since the last top-level table began or ended.
    rendered_page_end: bool,
    /// The same, by the end of the current top-level table's first row.
    in_first_row: Option<bool>,
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    /// Text between page breaks; the paragraph is emitted as one fragment per
    /// segment.
    segments: Vec<String>,
    /// Blocks of text boxes anchored in the paragraph.
    floating: Vec<Fragment>,
    properties: ParagraphProperties,
}

impl Paragraph {
    fn push(&mut self, text: &str) {
        match self.segments.last_mut() {
            Some(last) => last.push_str(text),
            None => self.segments.push(text.to_string()),
        }
    }

    fn page_break(&mut self) {
        if self.segments.is_empty() {
            self.segments.push(String::new());
        }
        self.segments.push(String::new());
    }
}

/// Elements that never hold visible text.
fn holds_no_text(e: &Element) -> bool {
    match e.ns {
        Ns::W => {
            let local = e.local();
            local.ends_with("Pr")
                || matches!(
                    local,
                    "del"
                        | "moveFrom"
                        | "delText"
                        | "delInstrText"
                        | "instrText"
                        | "fldData"
                        | "tblPrEx"
                        | "rt"
                        | "footnoteReference"
                        | "endnoteReference"
                        | "commentReference"
                        | "footnoteRef"
                        | "endnoteRef"
                        | "annotationRef"
                        | "sectPrChange"
                )
        }
        Ns::M => e.local().ends_with("Pr"),
        _ => false,
    }
}

impl<'a, 'i> Walker<'a, 'i> {
    pub fn new(text: &'i str, part: &'i str, styles: &'a Styles, numbering: &'a mut Numbering) -> Self {
        Walker {
            xml: Xml::new(text, part),
            styles,
            numbering,
            fields: Vec::new(),
            counters: None,
            references: Vec::new(),
            embedded: None,
            placeholder: 0,
            placeholder_text: String::new(),
            diagnostics: Vec::new(),
            after_title: false,
            open_comments: Vec::new(),
            comment_anchors: Vec::new(),
            between_tables: Default::default(),
        }
    }

    /// Follows note references, numbering them with `counters`, and converts
    /// embedded parts with `embedded`.
    pub fn main_part(mut self, counters: &'a mut Counters, embedded: &'a mut (dyn Embedded + 'a)) -> Self {
        self.counters = Some(counters);
        self.embedded = Some(embedded);
        self
    }

    /// The entries (`w:footnote`, `w:endnote`, `w:comment`) of a notes or
    /// comments part.
    pub fn entries(mut self) -> Result<(Vec<Entry>, Vec<Diagnostic>)> {
        self.xml.root()?;
        let mut entries = Vec::new();
        while let Some(e) = self.xml.next_child()? {
            if e.ns == Ns::W && matches!(e.local(), "footnote" | "endnote" | "comment") {
                let (id, kind, author) = (e.attr("id").unwrap_or_default(), e.attr("type"), e.attr("author"));
                let mut content = Vec::new();
                self.blocks(&mut content)?;
                entries.push(Entry { id, kind, author, text: cell_text(&content) });
            } else {
                self.xml.skip()?;
            }
        }
        Ok((entries, self.diagnostics))
    }

    /// The fragments of `w:document/w:body`.
    pub fn document(mut self) -> Result<Walked> {
        let root = self.xml.root()?;
        if !root.is(Ns::W, "document") {
            return Err(Error::corrupt(format!(
                "the main part's root element is <{}>, not a WordprocessingML document",
                root.local()
            )));
        }
        let mut out = Vec::new();
        while let Some(e) = self.xml.next_child()? {
            if e.is(Ns::W, "body") {
                self.blocks(&mut out)?;
            } else {
                self.xml.skip()?;
            }
        }
        let comment_anchors = self.comment_anchors.into_iter().map(|(id, text)| (id, normalize(&text))).collect();
        Ok(Walked { items: out, references: self.references, comment_anchors, diagnostics: self.diagnostics })
    }

    /// Block-level content of the current element.
    fn blocks(&mut self, out: &mut Vec<Fragment>) -> Result<()> {
        while let Some(e) = self.xml.next_child()? {
            self.block(e, out)?;
        }
        Ok(())
    }

    fn block(&mut self, e: Element<'i>, out: &mut Vec<Fragment>) -> Result<()> {
        match (e.ns, e.local()) {
            (Ns::W, "p") => self.paragraph(out),
            (Ns::W, "tbl") => {
                let touches_previous = matches!(out.last(), Some(Fragment::Table(_)));
                let mut table = self.table()?;
                if let Some(boundary) = self.table_boundary(touches_previous) {
                    table.boundary = boundary;
                }
                out.push(Fragment::Table(table));
                Ok(())
            }
            (Ns::Mc, "AlternateContent") => self.alternate(|w, e| w.block(e, out)),
            (Ns::W, "sdt") => self.content_control(|w, e| w.block(e, out)),
            (Ns::W, "altChunk") => {
                self.alt_chunk(&e, out);
                self.xml.skip()
            }
            (Ns::W, "commentRangeStart" | "commentRangeEnd") => self.comment_range(&e),
            _ if holds_no_text(&e) => self.xml.skip(),
            // sdtContent, customXml, ins, moveTo, smartTag, …
            _ => self.blocks(out),
        }
    }

    /// `w:altChunk`: the embedded part converted in its place, or a warning
    /// saying what was skipped.
    fn alt_chunk(&mut self, e: &Element, out: &mut Vec<Fragment>) {
        let id = e.attr("id").unwrap_or_default();
        match (self.embedded.as_deref_mut(), self.counters.as_deref_mut()) {
            (Some(embedded), Some(counters)) => out.extend(embedded.convert(&id, counters)),
            _ => self.diagnostics.push(Diagnostic::warning(
                "docx.altchunk_skipped",
                format!(
                    "an embedded part (w:altChunk {id}) inside {} is not converted there; its content is missing",
                    self.xml.part()
                ),
            )),
        }
    }

    /// `w:sdt`, a content control: its content through `each`. A control
    /// showing its placeholder (`w:showingPlcHdr`: "Click here to enter
    /// text.", "[Job Title]") holds a prompt, not content: its text is left
    /// out, with a diagnostic quoting it; the structure (paragraphs, cells)
    /// is kept.
    fn content_control(&mut self, mut each: impl FnMut(&mut Self, Element<'i>) -> Result<()>) -> Result<()> {
        let mut placeholder = false;
        let mut alias = None;
        while let Some(e) = self.xml.next_child()? {
            match (e.ns, e.local()) {
                (Ns::W, "sdtPr") => {
                    while let Some(prop) = self.xml.next_child()? {
                        if prop.ns == Ns::W {
                            match prop.local() {
                                "showingPlcHdr" => placeholder = prop.flag(),
                                "alias" => alias = prop.attr("val"),
                                _ => {}
                            }
                        }
                        self.xml.skip()?;
                    }
                }
                (Ns::W, "sdtContent") => {
                    self.placeholder += usize::from(placeholder);
                    while let Some(child) = self.xml.next_child()? {
                        each(self, child)?;
                    }
                    if placeholder {
                        self.placeholder -= 1;
                        if self.placeholder == 0 {
                            let prompt = normalize(&std::mem::take(&mut self.placeholder_text));
                            let name = alias.as_deref().map(|a| format!(" \"{a}\"")).unwrap_or_default();
                            self.diagnostics.push(Diagnostic::info(
                                "docx.placeholder",
                                format!("content control{name} shows its placeholder text \"{prompt}\"; left out"),
                            ));
                        }
                    }
                }
                // sdtEndPr: run properties of the control's end.
                _ => self.xml.skip()?,
            }
        }
        Ok(())
    }

    /// Text shown by the document, or a placeholder's prompt.
    fn emit(&mut self, p: &mut Paragraph, text: &str) {
        if self.placeholder > 0 {
            self.placeholder_text.push_str(text);
            return;
        }
        p.push(text);
        for id in &self.open_comments {
            if let Some((_, anchor)) = self.comment_anchors.iter_mut().find(|(a, _)| a == id) {
                // Collected a little past the quoted length, so a cut shows.
                if anchor.chars().count() <= note_refs::MAX_ANCHOR_CHARS {
                    anchor.push_str(text);
                }
            }
        }
    }

    /// `w:commentRangeStart` / `w:commentRangeEnd`: the text between is what
    /// the comment is about, quoted in its diagnostic.
    fn comment_range(&mut self, e: &Element) -> Result<()> {
        let id = e.attr("id").unwrap_or_default();
        if e.local() == "commentRangeStart" {
            if !self.comment_anchors.iter().any(|(a, _)| *a == id) {
                self.comment_anchors.push((id.clone(), String::new()));
            }
            self.open_comments.push(id);
        } else {
            self.open_comments.retain(|open| *open != id);
        }
        self.xml.skip()
    }

    /// `mc:AlternateContent`: the first `mc:Choice`, or else the
    /// `mc:Fallback` — never both, or text boxes would come out twice.
    fn alternate(&mut self, mut each: impl FnMut(&mut Self, Element<'i>) -> Result<()>) -> Result<()> {
        let mut taken = false;
        while let Some(e) = self.xml.next_child()? {
            if !taken && e.ns == Ns::Mc && matches!(e.local(), "Choice" | "Fallback") {
                taken = true;
                while let Some(child) = self.xml.next_child()? {
                    each(self, child)?;
                }
            } else {
                self.xml.skip()?;
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, out: &mut Vec<Fragment>) -> Result<()> {
        let mut p = Paragraph::default();
        while let Some(e) = self.xml.next_child()? {
            if e.is(Ns::W, "pPr") {
                p.properties = ParagraphProperties::read(&mut self.xml)?;
            } else {
                self.inline(e, &mut p)?;
            }
        }
        // A comment range across paragraphs quotes them with a space between.
        for id in &self.open_comments {
            if let Some((_, anchor)) = self.comment_anchors.iter_mut().find(|(a, _)| a == id) {
                anchor.push(' ');
            }
        }
        // A field code never runs past its paragraph in a sound file; in a
        // broken one this keeps a missing `separate` from hiding the rest.
        self.fields.iter_mut().for_each(|code| *code = false);

        let effective = self.styles.effective(&p.properties);
        let label = effective.properties.numbering.and_then(|num| {
            let level = num.level.or_else(|| {
                let style = self.styles.numbering_style(&p.properties)?;
                self.numbering.level_of_style(num.num_id, &style)
            });
            self.numbering.next_label(num.num_id, level.unwrap_or(0))
        });
        if let Some((value, format)) = self.numbering.take_past_bound() {
            self.diagnostics.push(Diagnostic::warning(
                "docx.numbering_bounded",
                format!("a list counter reached {value}, too large to write as {format}; it is written in decimal"),
            ));
        }
        let props = &effective.properties;
        // The Title style says which lines are the title; centring says so
        // only where no styled title stands just above.
        let title_like =
            effective.title_style || (!effective.front_matter && !self.after_title && props.centered == Some(true));
        let is_empty = p.segments.iter().all(|s| s.trim().is_empty()) && label.is_none();
        self.after_title = effective.title_style || ((effective.front_matter || is_empty) && self.after_title);
        if props.page_break_before == Some(true) {
            out.push(Fragment::Break(BreakKind::Page));
        }
        if p.segments.is_empty() {
            p.segments.push(String::new());
        }
        for (i, segment) in p.segments.iter().enumerate() {
            let mut raw = String::new();
            if i == 0 {
                if let Some(label) = &label {
                    raw.push_str(&label.text);
                    raw.push_str(label.suffix.as_str());
                }
            } else {
                out.push(Fragment::Break(BreakKind::Page));
            }
            raw.push_str(segment);
            out.push(Fragment::Paragraph(ParagraphFragment {
                text: normalize(&raw),
                page: None,
                heading_level: effective.heading_level,
                numbering: if i == 0 { label.as_ref().map(|l| l.text.clone()) } else { None },
                title_like,
                indented: i == 0 && props.indented == Some(true),
                continues_previous: i > 0,
                confidence: None,
            }));
        }
        out.append(&mut p.floating);
        if props.ends_section {
            out.push(Fragment::Break(BreakKind::Section));
        }
        Ok(())
    }

    fn in_field_code(&self) -> bool {
        self.fields.iter().any(|&code| code)
    }

    /// Content inside a paragraph.
    fn inline(&mut self, e: Element<'i>, p: &mut Paragraph) -> Result<()> {
        match (e.ns, e.local()) {
            (Ns::W, "r") => self.run(p),
            (Ns::W, "txbxContent") => self.blocks(&mut p.floating),
            (Ns::M, "oMath" | "oMathPara") => {
                let text = math::read(&mut self.xml, &e)?;
                if !self.in_field_code() {
                    self.emit(p, &text);
                }
                Ok(())
            }
            (Ns::M, "t") => {
                let text = self.xml.text()?;
                self.emit(p, &text);
                Ok(())
            }
            (Ns::Mc, "AlternateContent") => self.alternate(|w, e| w.inline(e, p)),
            (Ns::W, "sdt") => self.content_control(|w, e| w.inline(e, p)),
            (Ns::W, "commentRangeStart" | "commentRangeEnd") => self.comment_range(&e),
            _ if holds_no_text(&e) => self.xml.skip(),
            // hyperlink, ins, moveTo, sdtContent, fldSimple, smartTag,
            // customXml, drawing, pict, …
            _ => {
                while let Some(child) = self.xml.next_child()? {
                    self.inline(child, p)?;
                }
                Ok(())
            }
        }
    }

    fn run(&mut self, p: &mut Paragraph) -> Result<()> {
        let mut hidden = false;
        while let Some(e) = self.xml.next_child()? {
            let visible = !hidden && !self.in_field_code();
            if e.ns != Ns::W {
                self.inline(e, p)?;
                continue;
            }
            match e.local() {
                "rPr" => {
                    while let Some(prop) = self.xml.next_child()? {
                        if prop.ns == Ns::W && matches!(prop.local(), "vanish" | "specVanish") {
                            hidden = prop.flag();
                        }
                        self.xml.skip()?;
                    }
                    continue;
                }
                "t" => {
                    let text = self.xml.text()?;
                    if visible {
                        self.emit(p, &text);
                    }
                    continue;
                }
                "tab" | "ptab" if visible => self.emit(p, "\t"),
                "br" if visible => {
                    if e.attr("type").as_deref() == Some("page") {
                        p.page_break();
                    } else {
                        self.emit(p, "\n");
                    }
                }
                "cr" if visible => self.emit(p, "\n"),
                "noBreakHyphen" if visible => self.emit(p, "-"),
                // A reference inside a placeholder is part of the prompt: no note.
                "footnoteReference" | "endnoteReference" if visible && self.placeholder == 0 => {
                    let kind = if e.local() == "footnoteReference" { NoteKind::Footnote } else { NoteKind::Endnote };
                    if let Some(label) = self.note_label(kind, e.attr("id").unwrap_or_default()) {
                        self.emit(p, &note_refs::mark(&label));
                    }
                }
                "lastRenderedPageBreak" => self.between_tables.rendered_page_end = true,
                "sym" if visible => {
                    let symbol = e
                        .attr("char")
                        .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c));
                    if let Some(c) = symbol {
                        self.emit(p, c.encode_utf8(&mut [0; 4]));
                    }
                }
                "fldChar" => match e.attr("fldCharType").as_deref() {
                    Some("begin") => self.fields.push(true),
                    Some("separate") => {
                        if let Some(code) = self.fields.last_mut() {
                            *code = false;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                _ if holds_no_text(&e) => {}
                "drawing" | "pict" | "object" | "ruby" => {
                    self.inline(e, p)?;
                    continue;
                }
                _ => {}
            }
            self.xml.skip()?;
        }
        Ok(())
    }

    /// The label of a note reference: a new one, or the one a repeated
    /// reference to the same note got. `None` where references are not
    /// followed (inside notes and comments).
    fn note_label(&mut self, kind: NoteKind, id: String) -> Option<String> {
        let counters = self.counters.as_deref_mut()?;
        if let Some(seen) = self.references.iter().find(|r| r.kind == kind && r.id == id) {
            return Some(seen.label.clone());
        }
        let label = counters.next(kind);
        self.references.push(Reference { kind, id, label: label.clone() });
        Some(label)
    }

    fn table(&mut self) -> Result<TableFragment> {
        let mut raw = RawTable::default();
        self.between_tables.depth += 1;
        let read = self.table_content(&mut raw);
        self.between_tables.depth -= 1;
        read?;
        raw.into_fragment(&mut self.diagnostics)
    }

    /// What stands between a top-level table just read and the block before
    /// it: nothing at all (`touches_previous`: the w:tbl came right after
    /// another), or a page end of the file's last layout (a
    /// `w:lastRenderedPageBreak` in the paragraphs between or in the
    /// table's first row). `None` for a nested table.
    fn table_boundary(&mut self, touches_previous: bool) -> Option<TableBoundary> {
        let state = &mut self.between_tables;
        if state.depth > 0 {
            return None;
        }
        let after_rendered_page_end = state.in_first_row.take().unwrap_or(state.rendered_page_end);
        state.rendered_page_end = false;
        Some(TableBoundary { touches_previous, after_rendered_page_end, ..Default::default() })
    }

    fn table_content(&mut self, raw: &mut RawTable) -> Result<()> {
        while let Some(e) = self.xml.next_child()? {
            self.table_child(e, raw)?;
        }
        Ok(())
    }

    fn table_child(&mut self, e: Element<'i>, raw: &mut RawTable) -> Result<()> {
        match (e.ns, e.local()) {
            (Ns::W, "tblGrid") => {
                while let Some(col) = self.xml.next_child()? {
                    if col.is(Ns::W, "gridCol") {
                        raw.grid_widths.push(col.attr("w").and_then(|w| w.parse().ok()).unwrap_or(0.0));
                    }
                    self.xml.skip()?;
                }
            }
            (Ns::W, "tr") => {
                let mut row = RawRow::default();
                self.row_content(&mut row)?;
                if raw.rows.is_empty() && self.between_tables.depth == 1 {
                    self.between_tables.in_first_row = Some(self.between_tables.rendered_page_end);
                }
                raw.rows.push(row);
            }
            (Ns::W, "sdt") => self.content_control(|w, e| w.table_child(e, raw))?,
            _ if holds_no_text(&e) => self.xml.skip()?,
            // Rows wrapped in customXml.
            _ => self.table_content(raw)?,
        }
        Ok(())
    }

    fn row_content(&mut self, row: &mut RawRow) -> Result<()> {
        while let Some(e) = self.xml.next_child()? {
            self.row_child(e, row)?;
        }
        Ok(())
    }

    fn row_child(&mut self, e: Element<'i>, row: &mut RawRow) -> Result<()> {
        match (e.ns, e.local()) {
            (Ns::W, "trPr") => {
                while let Some(prop) = self.xml.next_child()? {
                    if prop.ns == Ns::W {
                        let count = || prop.int_val().and_then(|v| usize::try_from(v).ok()).unwrap_or(0);
                        match prop.local() {
                            "gridBefore" => row.grid_before = count(),
                            "gridAfter" => row.grid_after = count(),
                            "tblHeader" => row.header = prop.flag(),
                            "del" => row.deleted = true,
                            _ => {}
                        }
                    }
                    self.xml.skip()?;
                }
            }
            (Ns::W, "tc") => {
                let cell = self.cell()?;
                row.cells.push(cell);
            }
            (Ns::W, "sdt") => self.content_control(|w, e| w.row_child(e, row))?,
            _ if holds_no_text(&e) => self.xml.skip()?,
            // Cells wrapped in customXml stay in their place.
            _ => self.row_content(row)?,
        }
        Ok(())
    }

    fn cell(&mut self) -> Result<RawCell> {
        let mut cell = RawCell { grid_span: 1, ..RawCell::default() };
        let mut content = Vec::new();
        while let Some(e) = self.xml.next_child()? {
            if !e.is(Ns::W, "tcPr") {
                self.block(e, &mut content)?;
                continue;
            }
            while let Some(prop) = self.xml.next_child()? {
                if prop.ns == Ns::W {
                    let merge = || match prop.attr("val").as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    };
                    match prop.local() {
                        "gridSpan" => {
                            cell.grid_span =
                                prop.int_val().and_then(|v| usize::try_from(v).ok()).unwrap_or(1).clamp(1, 1000)
                        }
                        "vMerge" => cell.v_merge = Some(merge()),
                        "hMerge" => cell.h_merge = Some(merge()),
                        _ => {}
                    }
                }
                self.xml.skip()?;
            }
        }
        cell.text = cell_text(&content);
        Ok(cell)
    }
}

/// The text of a cell's content: its paragraphs one per line, a nested table
/// row by row (cells separated by a space).
pub(crate) fn cell_text(content: &[Fragment]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for fragment in content {
        match fragment {
            Fragment::Paragraph(p) => lines.push(p.text.clone()),
            Fragment::Table(t) => {
                for row in 0..t.grid.rows {
                    let texts: Vec<&str> =
                        t.grid.cells_starting_in(row).map(|c| c.text.as_str()).filter(|s| !s.is_empty()).collect();
                    lines.push(texts.join(" "));
                }
            }
            Fragment::Break(_) => {}
        }
    }
    normalize(&lines.join("\n"))
}
