//! Parsing a page into html5ever's tree, with the nesting of elements capped
//! as browsers cap it.
//!
//! The HTML5 tree builder asks "is there an element of this kind in scope?"
//! by scanning the stack of open elements, for almost every start tag (a
//! `<div>`, `<li>` or heading closes an open `<p>` first). A page of N
//! nested elements therefore costs N² steps: 20,000 nested `<div>`s (300 KB)
//! took 7 s, 20,000 unclosed `<ul><li>` 12 s. Browsers bound the depth of the
//! tree they build (Blink at 512 levels). Here an element that would open
//! deeper than [`MAX_OPEN_DEPTH`] is closed as soon as it is opened: it stays
//! in the tree, empty, and what the page puts inside it goes to its parent.
//! No text is lost; the structure below that depth is (the walk reads the
//! content far above it as plain text anyway, see `walk::MAX_DEPTH`). Should
//! an element resist being closed that way and the tree grow on regardless,
//! the rest of the page is not parsed, and [`Parsed::cut_at_line`] says where.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, EndTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    Attribute, ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{ExpandedName, LocalName, QualName, TokenizerResult, ns};
use markup5ever_rcdom::{Handle, RcDom};

use super::dom;

/// The deepest an element may open (the document node is depth 0, `<html>`
/// depth 1). Blink's limit is 512; the walk reads whatever lies deeper than
/// 256 levels as plain text (`walk::MAX_DEPTH`), so nothing deeper is kept
/// here either, which halves the cost of the scans against Blink's.
pub const MAX_OPEN_DEPTH: usize = 256;

/// How deep the tree may grow before parsing stops: closing each element
/// past [`MAX_OPEN_DEPTH`] at once should keep it there; this is the
/// backstop should it not.
pub const MAX_TREE_DEPTH: usize = 2 * MAX_OPEN_DEPTH;

/// A parsed page and what the cap did to it.
pub struct Parsed {
    /// The tree.
    pub dom: RcDom,
    /// Some element would have opened deeper than [`MAX_OPEN_DEPTH`] and was
    /// closed at once instead.
    pub capped: bool,
    /// The line (1-based) from which the page was not parsed, when the tree
    /// grew past [`MAX_TREE_DEPTH`] all the same.
    pub cut_at_line: Option<u64>,
}

/// Parses a whole document with the HTML5 algorithm (as a browser does:
/// unclosed tags, stray end tags and misnested tables are repaired the
/// standard way), with the depth capped (see the module's documentation).
pub fn parse(text: &str) -> Parsed {
    let builder = TreeBuilder::new(DepthSink::default(), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(
        CappedBuilder { builder, capped: Cell::new(false), cut_at_line: Cell::new(None) },
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // A `Script` or `EncodingIndicator` result only pauses the tokenizer
    // (html5ever's own driver does the same): go on to the end.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let CappedBuilder { builder, capped, cut_at_line } = tokenizer.sink;
    Parsed { dom: builder.sink.dom, capped: capped.get(), cut_at_line: cut_at_line.get() }
}

/// Sits between the tokenizer and the tree builder: after each token, closes
/// the elements it opened past the cap.
struct CappedBuilder {
    builder: TreeBuilder<Handle, DepthSink>,
    capped: Cell<bool>,
    cut_at_line: Cell<Option<u64>>,
}

impl TokenSink for CappedBuilder {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if self.cut_at_line.get().is_some() {
            return TokenSinkResult::Continue;
        }
        let self_closing = matches!(&token, TagToken(tag) if tag.self_closing);
        let result = self.builder.process_token(token, line_number);
        let too_deep = self.builder.sink.too_deep.take();
        // An element whose start switched the tokenizer to raw text (script,
        // style, textarea, plaintext) is left open: closing it here would make
        // its raw content page text. Its content cannot nest further.
        // A self-closing tag (`<g/>` in SVG) is closed already.
        if !too_deep.is_empty() && matches!(result, TokenSinkResult::Continue) && !self_closing {
            self.capped.set(true);
            for name in too_deep.into_iter().rev() {
                let end = Tag { kind: EndTag, name, self_closing: false, attrs: Vec::new(), had_duplicate_attributes: false };
                // What an end tag itself opens (`</p>` with no `<p>` open
                // makes an empty one) is not chased: it is closed already.
                let _ = self.builder.process_token(TagToken(end), line_number);
            }
            self.builder.sink.too_deep.take();
        }
        if self.builder.sink.runaway.get() {
            self.cut_at_line.set(Some(line_number));
        }
        result
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// HTML's void elements: they have no content and are never left open.
const VOID: [&str; 19] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// html5ever's reference tree ([`RcDom`]), noting the elements appended
/// deeper than [`MAX_OPEN_DEPTH`].
#[derive(Default)]
struct DepthSink {
    dom: RcDom,
    /// Names of the elements (but void ones) appended past the cap while the current
    /// token was processed, in the order they were appended.
    too_deep: RefCell<Vec<LocalName>>,
    /// An element was appended past [`MAX_TREE_DEPTH`].
    runaway: Cell<bool>,
    /// The depth of each element appended, by its address: the parent of
    /// the next is almost always one of them. Forgotten whenever the tree
    /// builder moves or removes nodes (the adoption agency, foster
    /// parenting), which could make an entry wrong or its address reused.
    depths: RefCell<HashMap<usize, usize>>,
}

impl DepthSink {
    /// Notes `child` (about to be appended at `depth`) if it is an element
    /// past the cap.
    fn note(&self, child: &NodeOrText<Handle>, depth: usize) {
        let NodeOrText::AppendNode(node) = child else { return };
        self.depths.borrow_mut().insert(address(node), depth);
        if depth <= MAX_OPEN_DEPTH {
            return;
        }
        if depth > MAX_TREE_DEPTH {
            self.runaway.set(true);
        }
        let name = self.dom.elem_name(node);
        // A void element is never open; its end tag would be read as
        // something else (`</br>` as a `<br>`).
        if !(*name.ns == ns!(html) && VOID.contains(&name.local.as_ref())) {
            self.too_deep.borrow_mut().push(name.local.clone());
        }
    }

    /// The depth of `node` in its tree (the document 0), counted no further
    /// than past [`MAX_TREE_DEPTH`]: noted when it was appended, else a walk
    /// up its parents.
    fn depth_of(&self, node: &Handle) -> usize {
        if let Some(&depth) = self.depths.borrow().get(&address(node)) {
            return depth;
        }
        let depth = depth_by_parents(node);
        self.depths.borrow_mut().insert(address(node), depth);
        depth
    }

    /// Forgets the depths noted (nodes were moved or removed).
    fn forget_depths(&self) {
        self.depths.borrow_mut().clear();
    }
}

/// A node's address, which identifies it while it lives.
fn address(node: &Handle) -> usize {
    std::rc::Rc::as_ptr(node) as usize
}

/// The depth of `node` in its tree (the document 0), counted no further than
/// past [`MAX_TREE_DEPTH`], by a walk up its parents.
fn depth_by_parents(node: &Handle) -> usize {
    let mut depth = 0;
    let mut current = node.clone();
    while depth <= MAX_TREE_DEPTH {
        let Some(up) = dom::parent(&current) else { break };
        current = up;
        depth += 1;
    }
    depth
}

impl TreeSink for DepthSink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.dom.parse_error(msg);
    }

    fn get_document(&self) -> Handle {
        self.dom.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        self.dom.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.dom.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.dom.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.dom.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.note(&child, self.depth_of(parent) + 1);
        self.dom.append(parent, child);
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        // RcDom puts the child before `element` when it is in a tree, else
        // into `prev_element`.
        let depth = if dom::parent(element).is_some() { self.depth_of(element) } else { self.depth_of(prev_element) + 1 };
        self.note(&child, depth);
        self.dom.append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.dom.append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.dom.mark_script_already_started(node);
    }

    fn pop(&self, node: &Handle) {
        self.dom.pop(node);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.dom.get_template_contents(target)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.dom.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.dom.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.note(&new_node, self.depth_of(sibling));
        self.dom.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.dom.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(&self, target: &Handle, form: &Handle, nodes: (&Handle, Option<&Handle>)) {
        self.dom.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.forget_depths();
        self.dom.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.forget_depths();
        self.dom.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.dom.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.dom.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.dom.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(&self, location: &Handle, template: &Handle, attrs: &[Attribute]) -> bool {
        self.dom.attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.dom.maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::NodeData;

    use super::*;

    /// The deepest element of the tree and the text of the whole tree.
    fn depth_and_text(parsed: &Parsed) -> (usize, String) {
        let (mut deepest, mut text) = (0, String::new());
        let mut stack = vec![(parsed.dom.document.clone(), 0)];
        while let Some((node, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            if let NodeData::Text { contents } = &node.data {
                text.push_str(&contents.borrow());
            }
            for child in node.children.borrow().iter().rev() {
                stack.push((child.clone(), depth + 1));
            }
        }
        (deepest, text)
    }

    #[test]
    fn shallow_pages_are_parsed_as_html5ever_parses_them() {
        let page = "<p>a<div><ul><li>b<li>c</ul><table><tr><td>d</table><b>e<p>f</b>g";
        let parsed = parse(page);
        let reference = html5ever::parse_document(RcDom::default(), Default::default()).one(page);
        let serialize = |dom: &RcDom| {
            let mut out = Vec::new();
            let document: markup5ever_rcdom::SerializableHandle = dom.document.clone().into();
            html5ever::serialize(&mut out, &document, Default::default()).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(serialize(&parsed.dom), serialize(&reference));
        assert!(!parsed.capped && parsed.cut_at_line.is_none());
    }

    #[test]
    fn nesting_past_the_cap_is_closed_and_its_text_kept() {
        let pages = [
            "<div><h6>h</h6>".repeat(2000) + "深",
            "<ul><li>h".repeat(2000) + "深",
            (0..2000).map(|i| format!("<b id={i}>h")).collect::<String>() + "深",
            "<table><tr><td><p>h".repeat(1000) + "深",
            "<svg>".to_string() + &"<g><text>h</text>".repeat(2000) + "深",
            "<span>h<br>".repeat(2000) + "深",
        ];
        for page in pages {
            let parsed = parse(&page);
            let (deepest, text) = depth_and_text(&parsed);
            assert!(parsed.capped, "{}", &page[..20]);
            assert_eq!(parsed.cut_at_line, None);
            // The cap, the element closed at once past it, its text node.
            assert!(deepest <= MAX_OPEN_DEPTH + 2, "{deepest}: {}", &page[..20]);
            assert_eq!(text.matches('h').count(), if page.starts_with("<table>") { 1000 } else { 2000 });
            assert!(text.ends_with('深'), "{}", &page[..20]);
        }
    }

    #[test]
    fn raw_text_past_the_cap_stays_raw() {
        let page = "<div>".repeat(400) + "<script>var x = '<p>not text</p>';</script><p>text</p>";
        let parsed = parse(&page);
        let (_, text) = depth_and_text(&parsed);
        // The script element is left open for its content, which stays in it.
        assert!(text.ends_with("var x = '<p>not text</p>';text"), "{text}");
    }
}
