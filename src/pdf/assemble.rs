//! The PDF front end's last step: pages' content → the document's fragments
//! in reading order. Per page: tables from the ruling lines
//! ([`super::tables`]), the text outside them as lines
//! ([`super::layout`]), page furniture dropped across the document
//! ([`super::furniture`]), then paragraphs and tables interleaved top to
//! bottom, a page break between pages.
//!
//! Two document-level passes follow, since a page alone cannot tell: the
//! title lines (set larger than the body at the top of the first page), and
//! paragraphs that run on across a page end in a document whose paragraphs
//! open with an indent.

use crate::budget;
use crate::error::Result;
use crate::pdf::geometry::Rect;
use crate::pdf::trace::{FragmentTrace, Trace};
use crate::model::{BreakKind, Diagnostic, Fragment, Fragments};
use crate::pdf::furniture::{FurnitureSettings, Kind, PageLines, find_furniture, repeat_key};
use crate::pdf::layout::{
    Line, PARAGRAPH_SPACE_GAP_EM, PlacedParagraph, TextBlock, document_text_block, glyphs_to_lines,
    lines_to_paragraphs, page_text_block, reading_order,
};
use crate::pdf::page::{FontInfo, Glyph, PageContent};
use crate::pdf::placed;
use crate::pdf::tables::{PageTable, find_tables};
use crate::text::official_number;

/// A document whose paragraphs open with an indent at least this often (of
/// those not centred) marks a paragraph that goes on across a page end by
/// its first line on the new page starting at the margin.
const INDENTED_SHARE: f32 = 0.6;

/// One page after the table finder: its tables, the lines outside them and
/// the characters both point into — what is left of the page once it is
/// laid out (rulings, paths and characters no line or table holds are
/// dropped with the page's content).
struct LaidPage {
    number: u32,
    width: f32,
    height: f32,
    tables: Vec<PageTable>,
    lines: Vec<Line>,
    /// The characters of `lines` and `tables`, in drawing order; their
    /// glyph indices point here.
    glyphs: Vec<Glyph>,
    /// Their OCR confidences, index for index (empty for a text layer).
    confidences: Vec<f32>,
    fonts: Vec<FontInfo>,
    glyphs_total: usize,
    images: usize,
}

enum Item {
    Paragraph(PlacedParagraph),
    Table(PageTable),
    Break,
}

/// Assembles a document page by page: each page is laid out as it arrives
/// ([`Assembler::add`]) and only its laid-out lines and tables are kept, so
/// memory follows the text, not the content interpreted (a page of 50,000
/// rules costs its rules only while it is laid out). The passes that need
/// every page — furniture, the document's text block, the title, paragraphs
/// running on across page ends — work from the laid-out lines in
/// [`Assembler::finish`].
#[derive(Default)]
pub struct Assembler<'t> {
    laid: Vec<LaidPage>,
    glyphs: usize,
    images: usize,
    /// What each step saw, for `govdoc inspect`; `None` when converting.
    trace: Option<&'t mut Trace>,
}

impl<'t> Assembler<'t> {
    /// An assembler that records each page's layout, the furniture and the
    /// fragments into `trace` when one is given.
    pub fn traced(trace: Option<&'t mut Trace>) -> Self {
        Assembler { trace, ..Assembler::default() }
    }

    /// Lays out one page (the next in reading order) and keeps its result.
    /// Its tables' cells are charged to the document's budget here, so a
    /// document of many pages of huge grids stops at the page that passes
    /// the limit.
    pub fn add(&mut self, page: PageContent) -> Result<()> {
        self.glyphs += page.glyphs.len();
        self.images += page.images;
        let laid = lay_out(page, self.trace.as_deref_mut());
        for t in &laid.tables {
            budget::charge_usize(budget::Resource::Cells, t.fragment.grid.rows.saturating_mul(t.fragment.grid.cols))?;
        }
        self.laid.push(laid);
        Ok(())
    }

    /// Characters on the pages added so far.
    pub fn glyphs(&self) -> usize {
        self.glyphs
    }

    /// Images drawn on the pages added so far.
    pub fn images(&self) -> usize {
        self.images
    }

    /// Pages added so far.
    pub fn pages(&self) -> usize {
        self.laid.len()
    }

    /// Fragments of the whole document, in reading order: per page, text
    /// outside tables as paragraph fragments and tables as table fragments,
    /// a Break(Page) between pages, page furniture removed.
    pub fn finish(self) -> Fragments {
        let mut laid = self.laid;
        let mut trace = self.trace;
        let count = laid.len();
        let (mut diagnostics, furniture) = drop_furniture(&mut laid);
        if let Some(trace) = trace.as_deref_mut() {
            trace.mark_furniture(&furniture);
        }

        // The document's text block is measured over pages of one size: a
        // landscape table page's long lines say nothing of a portrait page's
        // right margin.
        let blocks: Vec<Option<TextBlock>> = {
            let format = |p: &LaidPage| ((p.width.round() as i32), (p.height.round() as i32));
            let mut by_format: Vec<((i32, i32), Option<TextBlock>)> = Vec::new();
            laid.iter()
                .map(|page| {
                    let key = format(page);
                    if let Some((_, block)) = by_format.iter().find(|(k, _)| *k == key) {
                        return *block;
                    }
                    let page_lines: Vec<&[Line]> =
                        laid.iter().filter(|p| format(p) == key).map(|p| p.lines.as_slice()).collect();
                    let block = document_text_block(&page_lines);
                    by_format.push((key, block));
                    block
                })
                .collect()
        };

        let mut items: Vec<Item> = Vec::new();
        let mut sources: Vec<placed::PageSource> = Vec::with_capacity(count);
        for (k, (page, document_block)) in laid.into_iter().zip(blocks).enumerate() {
            if k > 0 {
                items.push(Item::Break);
            }
            if page.glyphs_total == 0 && page.images > 0 {
                diagnostics.push(
                    Diagnostic::warning(
                        "pdf.page_without_text",
                        format!("page {} has images but no text layer; its text is not in the output", page.number),
                    )
                    .on_page(Some(page.number)),
                );
            }
            let (page_items, source) = page_items(page, document_block);
            items.extend(page_items);
            sources.push(source);
        }
        mark_title(&mut items);
        mark_continuations(&mut items);
        if let Some(trace) = trace {
            trace.fragments = items.iter().map(|item| item_trace(item, trace)).collect();
        }

        let items = items
            .into_iter()
            .map(|item| match item {
                Item::Paragraph(p) => Fragment::Paragraph(p.fragment),
                Item::Table(t) => Fragment::Table(t.fragment),
                Item::Break => Fragment::Break(BreakKind::Page),
            })
            .collect();
        Fragments {
            pages: Some(u32::try_from(count).unwrap_or(u32::MAX)),
            items,
            diagnostics,
            soft_paragraph_ends: false,
            notes: Vec::new(),
            lines: placed::on_demand(sources),
            ocr: None,
        }
    }
}

/// Fragments of a whole document from its pages' content (see
/// [`Assembler`], which takes them one at a time).
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // the benches and examples/layout_from_json
pub fn fragments(pages: Vec<PageContent>) -> Result<Fragments> {
    let mut assembler = Assembler::default();
    for page in pages {
        assembler.add(page)?;
    }
    Ok(assembler.finish())
}

/// Where an item lies, for the trace.
fn item_trace(item: &Item, trace: &Trace) -> FragmentTrace {
    match item {
        Item::Paragraph(p) => FragmentTrace::Paragraph {
            page: p.fragment.page.unwrap_or(0),
            rect: Rect { x0: p.x0, top: p.top, x1: p.x1, bottom: p.bottom },
            text: p.fragment.text.clone(),
            continues_previous: p.fragment.continues_previous,
        },
        Item::Table(t) => {
            let page = t.fragment.pages.first().copied().unwrap_or(0);
            FragmentTrace::Table { page, table: trace.table_at(page, t.top, t.x0).unwrap_or(usize::MAX) }
        }
        Item::Break => FragmentTrace::Break,
    }
}

/// Tables first, then the lines of the glyphs no table took; the page's
/// content is dropped but for the characters the lines and tables hold
/// (after `trace`, when given, has recorded it whole).
fn lay_out(page: PageContent, trace: Option<&mut Trace>) -> LaidPage {
    let mut tables = find_tables(&page);
    for t in &mut tables {
        crate::pdf::ocr::confidence::of_cells(t, &page.glyphs, &page.confidences);
    }
    let mut in_table = vec![false; page.glyphs.len()];
    for t in &tables {
        for &i in &t.glyphs {
            in_table[i] = true;
        }
    }
    let free: Vec<usize> = (0..page.glyphs.len()).filter(|&i| !in_table[i]).collect();
    let mut lines = glyphs_to_lines(&page.glyphs, &page.fonts, &free, PARAGRAPH_SPACE_GAP_EM);
    if let Some(trace) = trace {
        trace.record_page(&page, &tables, &lines);
    }
    let glyphs_total = page.glyphs.len();
    let (glyphs, confidences) = keep_laid_out(page.glyphs, page.confidences, &mut lines, &mut tables);
    LaidPage {
        number: page.number,
        width: page.width,
        height: page.height,
        tables,
        lines,
        glyphs,
        confidences,
        fonts: page.fonts,
        glyphs_total,
        images: page.images,
    }
}

/// The glyphs some line or table holds, in their drawing order, and their
/// confidences (when the page has them), with the lines' and tables'
/// indices moved to point into the kept list.
fn keep_laid_out(
    glyphs: Vec<Glyph>,
    confidences: Vec<f32>,
    lines: &mut [Line],
    tables: &mut [PageTable],
) -> (Vec<Glyph>, Vec<f32>) {
    const DROPPED: usize = usize::MAX;
    let mut new_index = vec![DROPPED; glyphs.len()];
    for &i in lines.iter().flat_map(|l| &l.glyphs).chain(tables.iter().flat_map(|t| &t.glyphs)) {
        new_index[i] = 0;
    }
    let mut kept = Vec::with_capacity(new_index.iter().filter(|&&k| k != DROPPED).count());
    for (i, glyph) in glyphs.into_iter().enumerate() {
        if new_index[i] != DROPPED {
            new_index[i] = kept.len();
            kept.push(glyph);
        }
    }
    for i in lines.iter_mut().flat_map(|l| &mut l.glyphs).chain(tables.iter_mut().flat_map(|t| &mut t.glyphs)) {
        *i = new_index[*i];
    }
    let confidences = if confidences.len() == new_index.len() {
        confidences.into_iter().zip(&new_index).filter(|&(_, &k)| k != DROPPED).map(|(c, _)| c).collect()
    } else {
        Vec::new()
    };
    (kept, confidences)
}

/// Drops the furniture lines of every page and lists what went: one info
/// diagnostic per running header or footer text with its pages, one for all
/// page numbers with their texts — nothing disappears unsaid. Returns those
/// and, per page, per line as it was, what furniture the line was.
fn drop_furniture(pages: &mut [LaidPage]) -> (Vec<Diagnostic>, Vec<Vec<Option<Kind>>>) {
    let marks = {
        let views: Vec<PageLines> = pages
            .iter()
            .map(|p| PageLines { height: p.height, lines: &p.lines, other_content: !p.tables.is_empty() })
            .collect();
        find_furniture(&views, &FurnitureSettings::default())
    };
    // (kind, repeat key) → its distinct texts and its pages, in order of first
    // appearance ("perl v5.8.1 … 1", "… 3" are one running footer).
    let mut running: Vec<(Kind, String, Vec<String>, Vec<u32>)> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut first_number_page = None;
    for (page, marks) in pages.iter_mut().zip(&marks) {
        for (line, kind) in page.lines.iter().zip(marks) {
            match kind {
                None => {}
                Some(Kind::PageNumber) => {
                    first_number_page.get_or_insert(page.number);
                    numbers.push(format!("\"{}\" (page {})", line.text, page.number));
                }
                Some(kind) => {
                    let key = repeat_key(&line.text);
                    match running.iter_mut().find(|(k, rk, _, _)| k == kind && *rk == key) {
                        Some((_, _, texts, on)) => {
                            if !texts.contains(&line.text) {
                                texts.push(line.text.clone());
                            }
                            if on.last() != Some(&page.number) {
                                on.push(page.number);
                            }
                        }
                        None => running.push((*kind, key, vec![line.text.clone()], vec![page.number])),
                    }
                }
            }
        }
        let mut k = 0;
        page.lines.retain(|_| {
            k += 1;
            marks[k - 1].is_none()
        });
    }
    let mut out: Vec<Diagnostic> = running
        .into_iter()
        .map(|(kind, _, texts, on)| {
            let texts: Vec<String> = texts.iter().map(|t| format!("\"{t}\"")).collect();
            Diagnostic::info(
                "pdf.furniture",
                format!("removed {} {} on page(s) {}", kind.describe(), texts.join(", "), page_ranges(&on)),
            )
            .on_page(on.first().copied())
        })
        .collect();
    if !numbers.is_empty() {
        out.push(
            Diagnostic::info("pdf.furniture", format!("removed page numbers: {}", numbers.join(", ")))
                .on_page(first_number_page),
        );
    }
    (out, marks)
}

/// "1–3, 5, 7–9" from sorted page numbers.
fn page_ranges(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < pages.len() {
        let mut end = k;
        while end + 1 < pages.len() && pages[end + 1] == pages[end] + 1 {
            end += 1;
        }
        parts.push(if end > k { format!("{}–{}", pages[k], pages[end]) } else { pages[k].to_string() });
        k = end + 1;
    }
    parts.join(", ")
}

/// One page's paragraphs and tables, top to bottom: the lines above each
/// table (by their vertical centre) come before it. Returns them with what
/// the page's placed lines are made from.
fn page_items(page: LaidPage, document_block: Option<TextBlock>) -> (Vec<Item>, placed::PageSource) {
    let LaidPage { number, mut tables, lines: page_lines, glyphs, confidences, fonts, .. } = page;
    let source_tables: Vec<Vec<usize>> = tables.iter_mut().map(|t| std::mem::take(&mut t.glyphs)).collect();
    let free = page_lines.clone();
    let refs: Vec<&Line> = page_lines.iter().collect();
    let block = page_text_block(&refs, document_block);
    let mut items = Vec::new();
    let mut lines = page_lines.into_iter().peekable();
    let mut run: Vec<Line> = Vec::new();
    let flush = |run: &mut Vec<Line>, items: &mut Vec<Item>| {
        if run.is_empty() {
            return;
        }
        let Some(block) = block else { return };
        for flow in reading_order(&glyphs, &fonts, std::mem::take(run), &block) {
            let flow_block = flow.block.unwrap_or(block);
            items.extend(lines_to_paragraphs(&flow.lines, &flow_block, number).into_iter().map(|mut p| {
                p.fragment.confidence = crate::pdf::ocr::confidence::of_paragraph(&confidences, &p.glyphs);
                Item::Paragraph(p)
            }));
        }
    };
    for table in tables {
        while let Some(line) = lines.next_if(|l| l.rect.center_y() < table.top) {
            run.push(line);
        }
        flush(&mut run, &mut items);
        items.push(Item::Table(table));
    }
    run.extend(lines);
    flush(&mut run, &mut items);
    (items, placed::PageSource { page: number, free, tables: source_tables, glyphs, fonts })
}

/// The title: paragraphs set larger than the body that open the document
/// (before any body paragraph or table) are title lines, centred or not. A
/// title ends with its page: the next page's "目录" is not part of it.
fn mark_title(items: &mut [Item]) {
    let mut found = false;
    for item in items.iter_mut() {
        match item {
            Item::Paragraph(p) if p.larger && !p.fragment.text.is_empty() => {
                p.fragment.title_like = true;
                found = true;
            }
            Item::Paragraph(p) if p.centred => {}
            Item::Break if !found => {}
            _ => break,
        }
    }
}

/// In a document whose paragraphs open with an indent, a page that starts
/// with a line at the margin, after a page whose last line ran to the right
/// margin in the same style, goes on with that paragraph — even where the
/// page end fell after a full stop, which the rebuild stage cannot see.
fn mark_continuations(items: &mut [Item]) {
    let (mut indented, mut at_margin) = (0usize, 0usize);
    for item in items.iter() {
        if let Item::Paragraph(p) = item {
            if p.fragment.indented {
                indented += 1;
            } else if p.opens_at_margin {
                at_margin += 1;
            }
        }
    }
    let starts = indented + at_margin;
    if indented < 2 || (indented as f32) < INDENTED_SHARE * starts as f32 {
        return;
    }
    for b in 1..items.len().saturating_sub(1) {
        if !matches!(items[b], Item::Break) {
            continue;
        }
        let (before, after) = items.split_at_mut(b);
        let (Some(Item::Paragraph(prev)), Some(Item::Paragraph(next))) = (before.last(), after.get_mut(1)) else {
            continue;
        };
        let same_style = prev.bold == next.bold && prev.size.max(next.size) <= 1.15 * prev.size.min(next.size);
        if prev.ends_at_margin
            && next.opens_at_margin
            && same_style
            && !prev.larger
            && !next.larger
            && official_number(&next.fragment.text).is_none()
        {
            next.fragment.continues_previous = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParagraphFragment;
    use crate::pdf::page::Ruling;

    fn row(text: &str, x: f32, top: f32, size: f32) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let w = if c.is_ascii() { size / 2.0 } else { size };
                let g = Glyph { text: c.to_string(), rect: Rect { x0: x, top, x1: x + w, bottom: top + size }, size, font: 0, upright: true };
                x += w;
                g
            })
            .collect()
    }

    fn page(number: u32, glyphs: Vec<Glyph>, rulings: Vec<Ruling>) -> PageContent {
        PageContent {
            number,
            width: 595.0,
            height: 842.0,
            glyphs,
            rulings,
            fonts: vec![FontInfo { name: "FangSong".into(), bold: false, space_width: None }],
            images: 0,
            hidden: Vec::new(),
            placements: Vec::new(),
            confidences: Vec::new(),
        }
    }

    /// 27 characters: a full line from 80 to 512; 25 after a 2 em indent.
    const FULL: &str = "一二三四五六七八九十一二三四五六七八九十一二三四五六七";
    const FIRST: &str = "三四五六七八九十一二三四五六七八九十一二三四五六七";

    /// Body lines from `top`, 28 pt apart: (text, indented).
    fn body(lines: &[(&str, bool)], top: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        for (k, (text, indented)) in lines.iter().enumerate() {
            out.extend(row(text, if *indented { 112.0 } else { 80.0 }, top + 28.0 * k as f32, 16.0));
        }
        out
    }

    fn describe(f: &Fragments) -> Vec<String> {
        f.items
            .iter()
            .map(|i| match i {
                Fragment::Paragraph(ParagraphFragment { text, title_like, continues_previous, page, .. }) => format!(
                    "p{}{}{}:{}",
                    page.unwrap_or(0),
                    if *title_like { "T" } else { "" },
                    if *continues_previous { "+" } else { "" },
                    text.chars().take(6).collect::<String>()
                ),
                Fragment::Table(t) => format!("table{:?}:{}x{}", t.pages, t.grid.rows, t.grid.cols),
                Fragment::Break(_) => "break".into(),
            })
            .collect()
    }

    fn grid(xs: &[f32], ys: &[f32], bottom_rule: bool) -> Vec<Ruling> {
        let mut out = Vec::new();
        for (k, &y) in ys.iter().enumerate() {
            if bottom_rule || k + 1 < ys.len() {
                out.push(Ruling { x0: xs[0], top: y, x1: xs[xs.len() - 1], bottom: y, width: 0.5 });
            }
        }
        for &x in xs {
            out.push(Ruling { x0: x, top: ys[0], x1: x, bottom: ys[ys.len() - 1], width: 0.5 });
        }
        out
    }

    #[test]
    fn tables_and_paragraphs_interleave_by_position_with_furniture_dropped() {
        // Page 1: title, a paragraph, a table at the page bottom without its
        // bottom rule, the page number. Page 2: the table goes on (no top
        // rule), then a paragraph; the page number.
        let mut g1 = row("关于年度报告", 248.0, 60.0, 22.0);
        g1.extend(body(&[(FIRST, true), (FULL, false), ("完。", false)], 120.0));
        g1.extend(row("项目", 90.0, 710.0, 16.0));
        g1.extend(row("12", 300.0, 710.0, 16.0));
        g1.extend(row("总计", 90.0, 750.0, 16.0));
        g1.extend(row("- 1 -", 280.0, 800.0, 14.0));
        let t1 = grid(&[80.0, 280.0, 512.0], &[700.0, 740.0, 780.0], false);
        let mut g2 = row("其他", 90.0, 90.0, 16.0);
        g2.extend(row("3", 300.0, 90.0, 16.0));
        g2.extend(body(&[(FIRST, true), (FULL, false), ("二完。", false)], 200.0));
        g2.extend(row("- 2 -", 280.0, 800.0, 14.0));
        let t2 = vec![
            Ruling { x0: 80.0, top: 120.0, x1: 512.0, bottom: 120.0, width: 0.5 },
            Ruling { x0: 80.0, top: 70.0, x1: 80.0, bottom: 120.0, width: 0.5 },
            Ruling { x0: 280.0, top: 70.0, x1: 280.0, bottom: 120.0, width: 0.5 },
            Ruling { x0: 512.0, top: 70.0, x1: 512.0, bottom: 120.0, width: 0.5 },
        ];
        let f = fragments(vec![page(1, g1, t1), page(2, g2, t2)]).unwrap();
        assert_eq!(f.pages, Some(2));
        assert_eq!(
            describe(&f),
            vec!["p1T:关于年度报告", "p1:三四五六七八", "table[1]:2x2", "break", "table[2]:1x2", "p2:三四五六七八"]
        );
        let furniture: Vec<&str> =
            f.diagnostics.iter().filter(|d| d.code == "pdf.furniture").map(|d| d.message.as_str()).collect();
        assert_eq!(furniture, vec!["removed page numbers: \"- 1 -\" (page 1), \"- 2 -\" (page 2)"]);
        assert_eq!(page_ranges(&[1, 2, 3, 5, 7, 8]), "1–3, 5, 7–8");
        let Fragment::Table(t) = &f.items[2] else { panic!() };
        assert_eq!(t.column_edges, vec![80.0, 280.0, 512.0]);
        assert_eq!(t.grid.cell_at(1, 0).unwrap().text, "总计");
        assert!(
            f.items
                .iter()
                .all(|i| !matches!(i, Fragment::Paragraph(p) if p.text.contains('1') || p.text.contains("项目")))
        );
    }

    #[test]
    fn a_paragraph_running_on_across_a_page_end_is_marked() {
        // Two indented paragraphs per page; page 1 ends on a full line after a
        // full stop, page 2 opens at the margin: the same paragraph.
        let mut g1 = body(&[(FIRST, true), ("完。", false)], 100.0);
        let end = format!("{}。", &FULL[3..]);
        g1.extend(body(&[(FIRST, true), (&end, false)], 160.0));
        let mut g2 = body(&[("接上页完。", false)], 100.0);
        g2.extend(body(&[(FIRST, true), ("完。", false), (FIRST, true), (FULL, false)], 128.0));
        let mut g3 = body(&[(FIRST, true), ("完。", false)], 100.0);
        g3.extend(body(&[(FIRST, true), ("完。", false)], 160.0));
        let f = fragments(vec![page(1, g1, vec![]), page(2, g2, vec![]), page(3, g3, vec![])]).unwrap();
        let d = describe(&f);
        assert_eq!(d[3], "p2+:接上页完。", "{d:?}");
        // Page 2 ends on a full line, page 3 opens indented: a new paragraph.
        assert_eq!(d[7], "p3:三四五六七八", "{d:?}");
    }

    #[test]
    fn a_landscape_page_does_not_move_the_portrait_pages_margin() {
        // Portrait pages whose body runs from 80 to 512 (two paragraphs of
        // few lines each), then a landscape page with lines to 760: the
        // portrait paragraphs keep their lines together.
        let portrait = |n| {
            let mut g = body(&[(FIRST, true), (FULL, false), ("完。", false)], 100.0);
            g.extend(body(&[(FIRST, true), (FULL, false), ("完。", false)], 200.0));
            page(n, g, vec![])
        };
        let wide: String = FULL.chars().chain(FULL.chars().take(15)).collect();
        let lines: Vec<(&str, bool)> = (0..8).map(|_| (wide.as_str(), false)).collect();
        let landscape = PageContent { width: 842.0, height: 595.0, ..page(3, body(&lines, 60.0), vec![]) };
        let f = fragments(vec![portrait(1), portrait(2), landscape]).unwrap();
        let d = describe(&f);
        assert_eq!(
            &d[..5],
            &["p1:三四五六七八", "p1:三四五六七八", "break", "p2:三四五六七八", "p2:三四五六七八"],
            "{d:?}"
        );
    }

    #[test]
    fn empty_pages_and_image_only_pages() {
        let f = fragments(Vec::new()).unwrap();
        assert_eq!(f.pages, Some(0));
        assert!(f.items.is_empty());
        let scanned = PageContent { number: 1, images: 1, ..page(1, vec![], vec![]) };
        let f = fragments(vec![scanned, page(2, vec![], vec![])]).unwrap();
        assert_eq!(describe(&f), vec!["break"]);
        assert_eq!(f.diagnostics.len(), 1);
        assert_eq!(f.diagnostics[0].page, Some(1));
    }
}
