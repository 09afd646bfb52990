//! Where a saved web page's document is: the content area, apart from the
//! portal's chrome around it (banner, navigation bar, sidebars, breadcrumbs,
//! footer, share and print buttons).
//!
//! The rule, stated as a reader would: landmark chrome (`<nav>`, `<aside>`,
//! the page's `<header>`/`<footer>`, their ARIA roles) never counts. From
//! `<body>` down, while one child element holds at least
//! [`Settings::dominant_share`] of the text that is not link text, is a
//! container (a `<div>`-like element, or a layout table, its rows and
//! cells — never a paragraph or a data table, which are content
//! themselves), and the siblings left beside it hold no heading, the content
//! is inside that child — so a portal's nested layout tables are peeled
//! until the cell that holds the title and the text. A `<main>` or `<article>` (or `role="main"`)
//! holding at least [`Settings::main_share`] of the text is taken directly.
//! Inside the content area, blocks that are mostly links
//! ([`Settings::link_density`], at least [`Settings::min_links`] links) are
//! link lists: chrome too, and so is an article's info bar (a short block
//! of at least [`INFO_BAR_MIN_LABELS`] of the labels portals print above
//! an article: 发布时间：… 来源：… 浏览次数：… 【字号：大 中 小】).
//! Everything left out is reported in one diagnostic.

use markup5ever_rcdom::Handle;

use super::dom::{self, Count, Stats};

/// Tuning of the content-area rule.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// A child holding this share of its parent's non-link text is where the
    /// content is (the rest beside it is chrome).
    pub dominant_share: f64,
    /// A `<main>`/`<article>` holding this share of the page's non-link text
    /// is the content area.
    pub main_share: f64,
    /// A block whose text is at least this share link text is a link list…
    pub link_density: f64,
    /// …when it has at least this many links (a paragraph with one link to
    /// an attachment is content).
    pub min_links: u32,
}

pub const SETTINGS: Settings = Settings { dominant_share: 0.7, main_share: 0.5, link_density: 0.5, min_links: 2 };

/// Non-link text of a count.
pub fn own_text(count: Count) -> u32 {
    count.text.saturating_sub(count.link_text)
}

/// Whether a block is a list of links (navigation, related articles, share
/// and print buttons) by [`SETTINGS`].
pub fn is_link_list(count: Count) -> bool {
    count.links >= SETTINGS.min_links
        && f64::from(count.link_text) >= SETTINGS.link_density * f64::from(count.text.max(1))
}

/// Labels of a portal's article info bar, each before a colon.
/// ("来源" also ends "信息来源", "文章来源": no label here is the end of another.)
const INFO_BAR_LABELS: [&str; 13] = [
    "发布时间", "发布日期", "发文日期", "更新时间", "来源", "作者", "编辑", "浏览次数", "点击次数", "访问次数",
    "阅读次数", "浏览量", "字号",
];

/// Distinct labels a block needs to be an info bar; one label alone
/// ("来源：" in a paragraph) is text.
pub const INFO_BAR_MIN_LABELS: usize = 2;

/// The longest info bar, in characters: longer is text that happens to
/// name the labels.
const INFO_BAR_MAX_CHARS: usize = 120;

/// Whether a block's text (normalized) is an article's info bar: short,
/// with at least [`INFO_BAR_MIN_LABELS`] of [`INFO_BAR_LABELS`] each right
/// before a colon.
pub fn is_info_bar(text: &str) -> bool {
    if text.chars().count() > INFO_BAR_MAX_CHARS {
        return false;
    }
    let labelled = |label: &&&str| {
        text.match_indices(**label).any(|(at, _)| text[at + label.len()..].trim_start().starts_with(['：', ':']))
    };
    INFO_BAR_LABELS.iter().filter(labelled).count() >= INFO_BAR_MIN_LABELS
}

/// The content area of the page below `body`.
pub fn root(body: &Handle, stats: &Stats) -> Handle {
    let total = own_text(stats.get(body));
    if total == 0 {
        return body.clone();
    }
    if let Some(main) = main_element(body, stats, total) {
        return main;
    }
    let mut node = body.clone();
    loop {
        let here = own_text(stats.get(&node));
        let children = dom::element_children(&node);
        let Some((best, best_text)) =
            children.iter().map(|c| (c, own_text(stats.get(c)))).max_by_key(|&(_, text)| text)
        else {
            return node;
        };
        let others_have_heading = children.iter().any(|c| !std::rc::Rc::ptr_eq(c, best) && stats.get(c).heading);
        if f64::from(best_text) < SETTINGS.dominant_share * f64::from(here)
            || others_have_heading
            || !is_container(best, stats)
        {
            return node;
        }
        node = best.clone();
    }
}

/// Elements the content can be inside of, rather than be: generic
/// containers, and layout tables with their sections, rows and cells.
fn is_container(node: &Handle, stats: &Stats) -> bool {
    match dom::name(node) {
        Some(
            "div" | "section" | "article" | "main" | "center" | "form" | "span" | "font" | "td" | "th" | "tr" | "tbody"
            | "thead" | "tfoot",
        ) => true,
        Some("table") => dom::is_layout_table(node, stats),
        _ => false,
    }
}

/// The outermost `<main>`, `<article>` or `role="main"` holding enough of
/// the page's text.
fn main_element(body: &Handle, stats: &Stats, total: u32) -> Option<Handle> {
    let mut queue = std::collections::VecDeque::from([body.clone()]);
    while let Some(node) = queue.pop_front() {
        let is_main = matches!(dom::name(&node), Some("main" | "article"))
            || dom::attr(&node, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"));
        if is_main && f64::from(own_text(stats.get(&node))) >= SETTINGS.main_share * f64::from(total) {
            return Some(node);
        }
        queue.extend(dom::element_children(&node));
    }
    None
}
