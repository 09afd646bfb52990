//! The inspect page: one self-contained HTML file (inline CSS and script, no
//! fonts or anything else fetched) with the pages on the left — each drawn
//! by `page_svg`, its diagnostics under it — and on the right the JSON
//! blocks, the report panel and every diagnostic. Hovering an element that
//! links elsewhere (a block, a cell, a report value, a failed check)
//! highlights its counterparts; clicking scrolls them into view. Pages out of
//! view are not laid out (`content-visibility`), so a long document opens
//! quickly. A small error collector writes script errors into `#errors`,
//! where a test reads them.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::inspect::Inspection;
use crate::inspect::page_svg::{LAYERS, PageBlock, PageLinks, PageSpan, SVG_STYLE, page_svg};
use crate::inspect::report_panel::{panel, value_id};
use crate::inspect::values::ValueSource;
use crate::markup::esc;
use crate::model::{Block, Diagnostic, Level};
use crate::pdf::geometry::Rect;
use crate::pdf::trace::FragmentTrace;

/// CSS pixels per point on the drawn pages.
const PAGE_SCALE: f32 = 1.25;

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:13px/1.45 system-ui,sans-serif;color:#222;background:#eef0f3;display:flex;flex-direction:column;height:100vh}
header{background:#1f2933;color:#fff;padding:6px 12px}
header h1{font-size:15px;margin:0 12px 0 0;display:inline}
header .meta{opacity:.8}
#layers{margin-top:4px;font-size:12px}
#layers label{margin-right:10px;white-space:nowrap}
main{display:flex;flex:1;min-height:0}
#pages{flex:1 1 55%;overflow:auto;padding:12px}
#side{flex:1 1 45%;overflow:auto;padding:12px;background:#fff;border-left:1px solid #ccd}
main.nopages #side{flex-basis:100%}
.page{margin:0 auto 18px;content-visibility:auto;contain-intrinsic-size:auto 900px;width:max-content;max-width:100%}
.page h2{font-size:13px;margin:0 0 4px}
.page h2 small{font-weight:normal;color:#667}
svg.pg{display:block;max-width:100%;height:auto;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.hl{outline:2px solid #f0c!important}
svg .hl{fill:#f0c!important;fill-opacity:.3!important;stroke:#f0c!important;stroke-width:1.5!important}
td.hl,div.hl,li.hl{background:#fde4f7!important}
.pdiag{margin:4px 0 0;padding-left:18px;font-size:12px;max-width:780px}
.warning{color:#a40}
.info{color:#456}
.block{border-left:3px solid #ddd;padding:2px 8px;margin:4px 0;cursor:pointer}
.block .kind{font-size:11px;color:#789}
.block.k-title{font-size:16px;font-weight:bold}
.block.k-heading{font-weight:bold}
.block.k-table{border-color:#0a0}
.block.unlinked{border-style:dashed}
.joins{font-size:11px;color:#a0a;margin:2px 0}
table.bt,table.rt{border-collapse:collapse;font-size:12px;margin:4px 0}
table.bt td,table.rt td,table.rt th{border:1px solid #bbc;padding:1px 4px;vertical-align:top}
table.bt td.hd{background:#f3f5f8;font-weight:600}
table.rt th{background:#f3f5f8;font-weight:600;text-align:left}
td.val{text-align:right;cursor:pointer}
td.null{color:#999;font-style:italic}
td.nolink{color:#777}
td.inv{background:#fff4d6}
td.bad{background:#ffd6d6;font-weight:bold}
b.bad{color:#c00}
b.ok{color:#080}
li.check{cursor:pointer}
.muted{color:#789}
#errors:empty{display:none}
#errors{position:fixed;bottom:0;left:0;right:0;background:#c00;color:#fff;padding:4px;white-space:pre}
h3{margin:14px 0 4px;font-size:14px}
.note{margin:0;padding:2px 12px;background:#fff4d6}
.L-render+.L-glyphs path{fill-opacity:.25}
"#;

/// Collects script errors into #errors before anything else runs.
const ERROR_COLLECTOR: &str = r#"window.addEventListener('error',function(e){var o=document.getElementById('errors');var m=(e.message||'error')+' '+(e.filename||'')+':'+(e.lineno||'');if(o){o.textContent+=m+'\n'}else{(window.__early=window.__early||[]).push(m)}});"#;

const SCRIPT: &str = r#"
(function(){
  var errors=document.getElementById('errors');
  (window.__early||[]).forEach(function(m){errors.textContent+=m+'\n'});
  var lit=[];
  function ids(el){return [el.id].concat((el.getAttribute('data-l')||'').split(' ')).filter(Boolean)}
  function clear(){lit.forEach(function(e){e.classList.remove('hl')});lit=[]}
  // Lights el, what it links to, and what those link to (a failed check →
  // its values → their cells on the page).
  function light(el){clear();var todo=[el],depth=0;
    while(todo.length&&depth<3){var next=[];
      todo.forEach(function(e){ids(e).forEach(function(id){var t=document.getElementById(id);
        if(t&&lit.indexOf(t)<0){t.classList.add('hl');lit.push(t);next.push(t)}})});
      todo=next;depth++}}
  function linked(e){var el=e.target;return el&&el.closest?el.closest('[data-l]'):null}
  document.addEventListener('mouseover',function(e){var el=linked(e);if(el&&el.getAttribute('data-l'))light(el)});
  document.addEventListener('click',function(e){
    var el=linked(e);if(!el)return;light(el);
    var pane=el.closest('#pages')?'pages':'side';
    var seen={};
    lit.forEach(function(t){if(t===el)return;
      var p=t.closest('#pages')?'pages':'side';
      if(p!==pane&&!seen[p]){seen[p]=1;t.scrollIntoView({block:'center',behavior:'auto'})}});
  });
  document.querySelectorAll('#layers input').forEach(function(cb){
    function apply(){document.body.classList.toggle('hide-'+cb.value,!cb.checked)}
    cb.addEventListener('change',apply);apply();
  });
  document.body.setAttribute('data-ready','1');
})();
"#;

/// Element id of fragment `f` on its page.
fn fragment_id(f: usize) -> String {
    format!("f{f}")
}

fn block_kind(block: &Block) -> &'static str {
    match block {
        Block::Title { .. } => "title",
        Block::Heading { .. } => "heading",
        Block::Paragraph { .. } => "paragraph",
        Block::Table(_) => "table",
        Block::Note(_) => "note",
    }
}

fn level(d: &Diagnostic) -> &'static str {
    match d.level {
        Level::Info => "info",
        Level::Warning => "warning",
    }
}

fn diagnostic_item(d: &Diagnostic) -> String {
    let page = d.page.map(|p| format!(r##" <a href="#page-{p}">page {p}</a>"##)).unwrap_or_default();
    format!(r#"<li class="{}"><code>{}</code>{page}: {}</li>"#, level(d), esc(&d.code), esc(&d.message))
}

/// The whole page.
pub fn write(inspection: &Inspection) -> String {
    let document = &inspection.output.document;
    let trace = &inspection.trace;
    let has_pages = !trace.pages.is_empty();

    // Links. Block → its fragments; fragment → its block; block cell ↔ page
    // cell; report value ↔ both.
    let mut fragment_block: HashMap<usize, usize> = HashMap::new();
    for (b, source) in inspection.sources.iter().enumerate() {
        for &f in &source.fragments {
            fragment_block.insert(f, b);
        }
    }
    let cell_value: HashMap<(usize, usize), String> = inspection
        .values
        .iter()
        .filter_map(|(path, source)| match source {
            ValueSource::Cell(cell) => Some((*cell, value_id(path))),
            ValueSource::Span(..) => None,
        })
        .collect();
    let page_cell_of =
        |b: usize, c: usize| inspection.page_cells.get(b).and_then(|cells| cells.get(c)).copied().flatten();
    let mut value_links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut page_links: BTreeMap<u32, PageLinks> = BTreeMap::new();
    for (path, source) in &inspection.values {
        match *source {
            ValueSource::Cell((b, c)) => {
                let mut l = vec![format!("b{b}c{c}")];
                if let Some((p, t, pc)) = page_cell_of(b, c) {
                    l.push(format!("p{p}t{t}c{pc}"));
                }
                value_links.insert(path.clone(), l);
            }
            ValueSource::Span(l, k) => {
                let Some((line, span)) = trace.placed.get(l).and_then(|line| Some((line, line.spans.get(k)?))) else {
                    continue;
                };
                let id = format!("s{l}-{k}");
                value_links.insert(path.clone(), vec![id.clone()]);
                page_links.entry(line.page).or_default().spans.push(PageSpan {
                    id,
                    rect: Rect { x0: span.x0, top: line.top, x1: span.x1, bottom: line.bottom },
                    links: vec![value_id(path)],
                    title: format!("{path} read from this text line: {}", span.text),
                });
            }
        }
    }
    for (b, cells) in inspection.page_cells.iter().enumerate() {
        for (c, page_cell) in cells.iter().enumerate() {
            if let Some((p, t, pc)) = page_cell {
                let mut l = vec![format!("b{b}c{c}")];
                l.extend(cell_value.get(&(b, c)).cloned());
                page_links.entry(*p).or_default().cells.insert((*t, *pc), l);
            }
        }
    }
    for line in &trace.placed {
        let text = &mut page_links.entry(line.page).or_default().text;
        for span in &line.spans {
            text.push((Rect { x0: span.x0, top: line.top, x1: span.x1, bottom: line.bottom }, span.text.clone()));
        }
    }
    for (f, fragment) in trace.fragments.iter().enumerate() {
        let block = fragment_block.get(&f).copied();
        let linked: Vec<String> = block.map(|b| vec![format!("b{b}")]).unwrap_or_default();
        let (page, rect, kind) = match fragment {
            FragmentTrace::Paragraph { page, rect, .. } => {
                (*page, *rect, block.map(|b| block_kind(&document.blocks[b])).unwrap_or("paragraph"))
            }
            FragmentTrace::Table { page, table } => {
                let Some(t) = trace.page(*page).and_then(|p| p.tables.get(*table)) else { continue };
                (*page, t.rect, "table")
            }
            FragmentTrace::Break => continue,
        };
        page_links.entry(page).or_default().blocks.push(PageBlock {
            id: fragment_id(f),
            rect,
            kind,
            number: block.map(|b| b + 1),
            links: linked,
        });
    }
    for source in &inspection.sources {
        for (k, rule) in source.joins.iter().enumerate() {
            let Some(&f) = source.fragments.get(k + 1) else { continue };
            let place: Option<(u32, Rect)> = match trace.fragments.get(f) {
                Some(FragmentTrace::Paragraph { page, rect, .. }) => Some((*page, *rect)),
                Some(FragmentTrace::Table { page, table }) => {
                    trace.page(*page).and_then(|p| p.tables.get(*table)).map(|t| (*page, t.rect))
                }
                _ => None,
            };
            if let Some((page, rect)) = place {
                page_links.entry(page).or_default().joins.push((rect, rule.clone()));
            }
        }
    }

    let mut s = String::with_capacity(64 * 1024 + trace.pages.len() * 64 * 1024);
    let source = &document.source;
    let warnings = document.diagnostics.iter().filter(|d| d.level == Level::Warning).count();
    let _ = write!(
        s,
        r#"<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>govdoc inspect — {name}</title><style>{STYLE}{SVG_STYLE}</style><script>{ERROR_COLLECTOR}</script></head><body><div id="errors"></div><header><h1>govdoc inspect</h1><span class="meta">{name} · {format} · {pages} · {blocks} blocks · {diagnostics} diagnostics ({warnings} warnings) · report: {report}</span>"#,
        name = esc(&source.name),
        format = source.format.as_str(),
        pages = source.pages.map_or("no pages".to_string(), |p| format!("{p} pages")),
        blocks = document.blocks.len(),
        diagnostics = document.diagnostics.len(),
        report = if document.report.is_some() { "yes" } else { "no" },
    );
    if has_pages {
        s.push_str(r#"<div id="layers">layers: "#);
        let rendered = inspection.renders.iter().any(Option::is_some);
        for (layer, label, on) in LAYERS.into_iter().filter(|(layer, _, _)| rendered || *layer != "render") {
            let _ = write!(
                s,
                r#"<label><input type="checkbox" value="{layer}"{}> {label}</label>"#,
                // Over a rendering, the text as read would print every character twice.
                if on && !(rendered && layer == "text") { " checked" } else { "" }
            );
        }
        s.push_str("</div>");
    }
    s.push_str("</header><style>");
    for (layer, _, _) in LAYERS {
        let _ = write!(s, ".hide-{layer} .L-{layer}{{display:none}}");
    }
    s.push_str("</style>");
    for note in &inspection.notes {
        let _ = write!(s, r#"<p class="note">{}</p>"#, esc(note));
    }
    let _ = write!(s, r#"<main class="{}">"#, if has_pages { "" } else { "nopages" });

    if has_pages {
        s.push_str(r#"<section id="pages">"#);
        let empty = PageLinks::default();
        for page in &trace.pages {
            let mut links = page_links.get(&page.number).unwrap_or(&empty).clone();
            let index = page.number.saturating_sub(1) as usize;
            links.render = inspection.renders.get(index).cloned().flatten();
            let _ = write!(
                s,
                r#"<div class="page" id="page-{n}"><h2>Page {n} <small>{w:.1} × {h:.1} pt · {g} glyphs · {t} table(s) · {e} edges</small></h2>"#,
                n = page.number,
                w = page.width,
                h = page.height,
                g = page.glyphs.len(),
                t = page.tables.len(),
                e = page.edges.horizontal.len() + page.edges.vertical.len()
            );
            s.push_str(&page_svg(page, &links, PAGE_SCALE));
            let here: Vec<&Diagnostic> = document.diagnostics.iter().filter(|d| d.page == Some(page.number)).collect();
            if !here.is_empty() {
                s.push_str(r#"<ul class="pdiag">"#);
                for d in here {
                    s.push_str(&diagnostic_item(d));
                }
                s.push_str("</ul>");
            }
            s.push_str("</div>");
        }
        s.push_str("</section>");
    }

    s.push_str(r#"<section id="side"><h3>Blocks</h3><div id="blocks">"#);
    for (b, block) in document.blocks.iter().enumerate() {
        let source = inspection.sources.get(b);
        let fragments: Vec<String> =
            source.map(|src| src.fragments.iter().map(|&f| fragment_id(f)).collect()).unwrap_or_default();
        let unlinked = if fragments.is_empty() && has_pages { " unlinked" } else { "" };
        let kind = block_kind(block);
        let _ = write!(s, r#"<div class="block k-{kind}{unlinked}" id="b{b}" data-l="{}">"#, fragments.join(" "));
        match block {
            Block::Title { text, page, .. }
            | Block::Heading { text, page, .. }
            | Block::Paragraph { text, page, .. } => {
                let level = match block {
                    Block::Heading { level, .. } => format!(" {level}"),
                    _ => String::new(),
                };
                let page = page.map(|p| format!(" · page {p}")).unwrap_or_default();
                let _ = write!(s, r#"<div class="kind">{}. {kind}{level}{page}</div>{}"#, b + 1, esc(text));
            }
            Block::Note(note) => {
                let _ =
                    write!(s, r#"<div class="kind">{}. note [^{}]</div>{}"#, b + 1, esc(&note.label), esc(&note.text));
            }
            Block::Table(t) => {
                let pages: Vec<String> = t.pages.iter().map(u32::to_string).collect();
                let _ = write!(
                    s,
                    r#"<div class="kind">{}. table {}×{} · header rows {} · {} part(s){}</div>"#,
                    b + 1,
                    t.rows,
                    t.cols,
                    t.header_rows,
                    t.parts,
                    if pages.is_empty() { String::new() } else { format!(" · pages {}", pages.join(", ")) }
                );
                if let Some(src) = source {
                    for (k, rule) in src.joins.iter().enumerate() {
                        let _ = write!(s, r#"<div class="joins">part {} joined: {}</div>"#, k + 2, esc(rule));
                    }
                }
                s.push_str(r#"<table class="bt">"#);
                let mut row = usize::MAX;
                for (c, cell) in t.cells.iter().enumerate() {
                    if cell.row != row {
                        if row != usize::MAX {
                            s.push_str("</tr>");
                        }
                        s.push_str("<tr>");
                        row = cell.row;
                    }
                    let mut l: Vec<String> = Vec::new();
                    if let Some((p, pt, pc)) = page_cell_of(b, c) {
                        l.push(format!("p{p}t{pt}c{pc}"));
                    }
                    l.extend(cell_value.get(&(b, c)).cloned());
                    let span = |name: &str, n: usize| if n > 1 { format!(r#" {name}="{n}""#) } else { String::new() };
                    let _ = write!(
                        s,
                        r#"<td id="b{b}c{c}" data-l="{}"{}{}{}>{}</td>"#,
                        l.join(" "),
                        span("rowspan", cell.row_span),
                        span("colspan", cell.col_span),
                        if cell.row < t.header_rows { r#" class="hd""# } else { "" },
                        esc(&cell.text)
                    );
                }
                if row != usize::MAX {
                    s.push_str("</tr>");
                }
                s.push_str("</table>");
            }
        }
        if let Some(src) = source.filter(|_| !matches!(block, Block::Table(_))) {
            for rule in &src.joins {
                let _ = write!(s, r#"<div class="joins">{}</div>"#, esc(rule));
            }
        }
        s.push_str("</div>");
    }
    s.push_str(r#"</div><h3>Report</h3><div id="report">"#);
    let report = inspection.output.to_json_value().get("report").cloned().unwrap_or_default();
    s.push_str(&panel(&report, &value_links));
    s.push_str(r#"</div><h3>Diagnostics</h3><ul id="diagnostics">"#);
    for d in &document.diagnostics {
        s.push_str(&diagnostic_item(d));
    }
    let _ = writeln!(s, "</ul></section></main><script>{SCRIPT}</script></body></html>");
    s
}
