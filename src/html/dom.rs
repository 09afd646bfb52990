//! The parsed page (html5ever's tree) and what the other stages ask of an
//! element: its name, attributes and inline style, whether it shows at all,
//! and how much text and link text its subtree holds ([`Stats`], computed
//! once, without recursion, so a page nested thousands deep costs no stack);
//! a table's rows of cells and whether it is for layout, which both the
//! content-area rule and the walk ask.

use std::collections::HashMap;

use markup5ever_rcdom::{Handle, NodeData};

/// Elements whose content is never text of the document: metadata, code,
/// embedded objects and form controls.
const NEVER_TEXT: [&str; 16] = [
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "select", "option",
    "button", "input", "textarea", "map",
];

/// The parent node (an element or the document), read without unlinking it
/// (the tree keeps it in a `Cell`); `None` at the document.
pub fn parent(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    node.parent.set(weak.clone());
    weak.and_then(|w| w.upgrade())
}

/// The local name of an element, lower case; `None` for other nodes.
pub fn name(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

/// An attribute's value.
pub fn attr(node: &Handle, key: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.local.as_bytes().eq_ignore_ascii_case(key.as_bytes()))
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// The value of one property of the inline `style` attribute, lower case.
pub fn style(node: &Handle, property: &str) -> Option<String> {
    let style = attr(node, "style")?;
    style.split(';').rev().find_map(|declaration| {
        let (key, value) = declaration.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(property)
            .then(|| value.trim().trim_end_matches("!important").trim().to_ascii_lowercase())
    })
}

/// Whether the element is never shown: a `hidden` attribute, an inline
/// `display: none` or `visibility: hidden`, or an element that holds no
/// document text ([`NEVER_TEXT`]).
pub fn is_hidden(node: &Handle) -> bool {
    let Some(name) = name(node) else {
        return false;
    };
    NEVER_TEXT.contains(&name)
        || attr(node, "hidden").is_some()
        || (name == "input" && attr(node, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")))
        || style(node, "display").is_some_and(|d| d == "none")
        || style(node, "visibility").is_some_and(|v| v == "hidden" || v == "collapse")
}

/// Page landmarks that are chrome, not content: navigation, complementary
/// sidebars, search, and the page's own banner and footer (a `<header>` or
/// `<footer>` inside an `<article>`, `<main>` or `<section>` belongs to it).
pub fn is_landmark_chrome(node: &Handle, inside_content_section: bool) -> bool {
    let role = attr(node, "role").map(|r| r.to_ascii_lowercase());
    match (name(node), role.as_deref()) {
        (_, Some("navigation" | "banner" | "contentinfo" | "complementary" | "search")) => true,
        (Some("nav" | "aside"), _) => true,
        (Some("header" | "footer"), _) => !inside_content_section,
        _ => false,
    }
}

/// Whether an element opens a section of content, inside which `<header>`
/// and `<footer>` are that section's own.
pub fn is_content_section(node: &Handle) -> bool {
    matches!(name(node), Some("article" | "main" | "section"))
        || attr(node, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
}

/// Text of a subtree, counted in non-white-space characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Visible text outside chrome.
    pub text: u32,
    /// The part of `text` inside links.
    pub link_text: u32,
    /// Links (`<a href>`).
    pub links: u32,
    /// Text of the largest outermost `<table>` inside the subtree (not the
    /// element itself).
    pub table_text: u32,
    /// The subtree has a heading: `<h1>`–`<h6>` or an element whose class
    /// or id says "title".
    pub heading: bool,
}

/// [`Count`]s of every element, keyed by node address.
pub struct Stats {
    counts: HashMap<*const markup5ever_rcdom::Node, Count>,
}

impl Stats {
    /// Counts every element below `root` in one post-order pass with an
    /// explicit stack. Hidden elements and landmark chrome count nothing.
    pub fn of(root: &Handle) -> Stats {
        let mut counts: HashMap<*const markup5ever_rcdom::Node, Count> = HashMap::new();
        // (node, in a link, inside a content section, children pushed)
        let mut stack: Vec<(Handle, bool, bool, bool)> = vec![(root.clone(), false, false, false)];
        while let Some((node, in_link, in_section, expanded)) = stack.pop() {
            if is_hidden(&node) || is_landmark_chrome(&node, in_section) {
                counts.insert(std::rc::Rc::as_ptr(&node), Count::default());
                continue;
            }
            if !expanded {
                let is_link = name(&node) == Some("a") && attr(&node, "href").is_some();
                let section = in_section || is_content_section(&node);
                stack.push((node.clone(), in_link, in_section, true));
                for child in node.children.borrow().iter() {
                    stack.push((child.clone(), in_link || is_link, section, false));
                }
                continue;
            }
            let mut count = Count::default();
            let is_link = name(&node) == Some("a") && attr(&node, "href").is_some();
            let in_link = in_link || is_link;
            for child in node.children.borrow().iter() {
                match &child.data {
                    NodeData::Text { contents } => {
                        let n = contents.borrow().chars().filter(|c| !c.is_whitespace()).count() as u32;
                        count.text += n;
                        if in_link {
                            count.link_text += n;
                        }
                    }
                    NodeData::Element { .. } => {
                        let c = counts.get(&std::rc::Rc::as_ptr(child)).copied().unwrap_or_default();
                        count.text += c.text;
                        count.link_text += c.link_text;
                        count.links += c.links;
                        count.heading |= c.heading;
                        let inner = if name(child) == Some("table") { c.text } else { c.table_text };
                        count.table_text = count.table_text.max(inner);
                    }
                    _ => {}
                }
            }
            if is_link {
                count.links += 1;
            }
            count.heading |= is_heading(&node) && count.text > 0;
            counts.insert(std::rc::Rc::as_ptr(&node), count);
        }
        Stats { counts }
    }

    pub fn get(&self, node: &Handle) -> Count {
        self.counts.get(&std::rc::Rc::as_ptr(node)).copied().unwrap_or_default()
    }
}

/// `<h1>`–`<h6>`, or an element whose class or id names a title ("title",
/// "article-title", "bt_title"), as portals mark the document's title.
pub fn is_heading(node: &Handle) -> bool {
    heading_level(node).is_some()
        || ["class", "id"].iter().any(|k| attr(node, k).is_some_and(|v| v.to_ascii_lowercase().contains("title")))
}

/// The level of `<h1>`–`<h6>`.
pub fn heading_level(node: &Handle) -> Option<u8> {
    let name = name(node)?;
    let level = name.strip_prefix('h')?.parse::<u8>().ok()?;
    (name.len() == 2 && (1..=6).contains(&level)).then_some(level)
}

/// The element children of `node`.
pub fn element_children(node: &Handle) -> Vec<Handle> {
    node.children.borrow().iter().filter(|c| matches!(c.data, NodeData::Element { .. })).cloned().collect()
}

/// The first element named `wanted` in document order (breadth-first, so
/// the outermost), without recursion.
pub fn find(root: &Handle, wanted: &str) -> Option<Handle> {
    let mut queue = std::collections::VecDeque::from([root.clone()]);
    while let Some(node) = queue.pop_front() {
        if name(&node) == Some(wanted) {
            return Some(node);
        }
        queue.extend(node.children.borrow().iter().cloned());
    }
    None
}

/// The rows of a table (its own `<tr>`s, directly or in `<thead>`,
/// `<tbody>`, `<tfoot>`; not those of tables inside it) as their cells.
pub fn rows_of(table: &Handle) -> Vec<Vec<Handle>> {
    let mut rows = Vec::new();
    for child in element_children(table) {
        match name(&child) {
            Some("tr") => rows.push(child),
            Some("thead" | "tbody" | "tfoot") => {
                rows.extend(element_children(&child).into_iter().filter(|c| name(c) == Some("tr")))
            }
            _ => {}
        }
    }
    rows.iter()
        .filter(|row| !is_hidden(row))
        .map(|row| {
            element_children(row)
                .into_iter()
                .filter(|c| matches!(name(c), Some("td" | "th")) && !is_hidden(c))
                .collect()
        })
        .collect()
}

/// A table used for page layout rather than data: marked so, one cell in
/// every row, or a table inside one of its cells holding at least half its
/// text (the portal pattern of a frame table around the content table).
pub fn is_layout_table(table: &Handle, stats: &Stats) -> bool {
    is_layout_table_of(table, &rows_of(table), stats)
}

/// [`is_layout_table`] of a table whose rows were taken already ([`rows_of`]).
pub fn is_layout_table_of(table: &Handle, rows: &[Vec<Handle>], stats: &Stats) -> bool {
    if attr(table, "role").is_some_and(|r| matches!(r.to_ascii_lowercase().as_str(), "presentation" | "none")) {
        return true;
    }
    if !rows.is_empty() && rows.iter().all(|r| r.len() <= 1) {
        return true;
    }
    let total = stats.get(table).text;
    rows.iter().flatten().any(|cell| total > 0 && 2 * stats.get(cell).table_text >= total)
}
