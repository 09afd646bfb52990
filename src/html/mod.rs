//! The HTML and MHTML front end: a saved web page (a report as a portal
//! publishes it, or as LibreOffice, Word or a browser saves it) → paragraph
//! and table fragments. Also reads the HTML and MHT parts Word embeds in a
//! DOCX (`w:altChunk`).
//!
//! `charset` finds the encoding (BOM, `<meta>`, sniff), `mhtml` takes the
//! page out of a web archive, `dom` parses with html5ever (the HTML5
//! algorithm, as browsers repair broken markup) and counts text, `content`
//! finds the content area apart from the portal's chrome, `walk` turns its
//! elements into fragments and `table` places cells with their spans.
//! Tables a page splits into several `<table>`s come out as separate
//! fragments; the rebuild stage rejoins them as for every format (a table
//! right after another, nothing between them, is marked as touching it).

mod charset;
mod content;
mod css;
mod dom;
mod image_table;
mod images;
mod marker;
pub(crate) mod mhtml;
mod parse;
mod picture;
pub(crate) mod table;
pub(crate) mod walk;

use std::path::Path;

use self::images::Images;
use crate::budget::{self, Resource};
use crate::error::{Error, Result};
use crate::model::{Diagnostic, Fragment, Fragments};
use crate::pdf::ocr::Recogniser;

/// Whether a file whose first bytes are `head` (format detection passes
/// its prefix) is an HTML document: after a byte-order mark, white
/// space, an XML declaration and comments, the first tag is a doctype
/// `html`, `<html>`, `<head>`, `<body>`, `<meta>` or `<title>` (what saved
/// pages and HTML exports start with; a fragment of markup in a text file
/// does not).
pub fn looks_like_html(head: &[u8]) -> bool {
    let head = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .or_else(|| {
            // UTF-16 pages: look at the ASCII bytes of their code units.
            let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
            utf16.then(|| head[2..].iter().copied().filter(|&b| b != 0).collect())
        })
        .unwrap_or_else(|| head.to_vec());
    let mut rest: &[u8] = &head;
    loop {
        rest = rest.trim_ascii_start();
        let lower: Vec<u8> = rest.iter().take(16).map(u8::to_ascii_lowercase).collect();
        if lower.starts_with(b"<?xml") || lower.starts_with(b"<!--") {
            let end: &[u8] = if lower.starts_with(b"<!--") { b"-->" } else { b"?>" };
            match rest.windows(end.len()).position(|w| w == end) {
                Some(i) => rest = &rest[i + end.len()..],
                None => return false,
            }
            continue;
        }
        return ["<!doctype html", "<html", "<head", "<body", "<meta", "<title"]
            .iter()
            .any(|start| lower.starts_with(start.as_bytes()));
    }
}

/// Reads a web page that has no folder (a DOCX's embedded page).
pub fn read(bytes: &[u8]) -> Result<Fragments> {
    read_with(bytes, None, Recogniser::new())
}

/// Reads a saved web page; `folder`, where the page was saved, holds the
/// images it shows (a picture of a table is read by `recogniser`).
pub fn read_with(bytes: &[u8], folder: Option<&Path>, recogniser: Recogniser) -> Result<Fragments> {
    let (text, encoding, source) = charset::decode(bytes, None);
    budget::charge_usize(Resource::DecodedBytes, text.len())?;
    let mut fragments = read_text_with(&text, Images { folder, ..Images::default() }, recogniser)?;
    fragments.diagnostics.insert(0, encoding_note(encoding, source));
    Ok(fragments)
}

/// Reads a web archive (MHTML) that came without a conversion's options.
pub fn read_mhtml(bytes: &[u8]) -> Result<Fragments> {
    read_mhtml_with(bytes, Recogniser::new())
}

/// Reads a web archive (MHTML): its HTML part, with its image parts.
pub fn read_mhtml_with(bytes: &[u8], recogniser: Recogniser) -> Result<Fragments> {
    let (text, encoding, source) = mhtml::html(bytes).ok_or_else(|| {
        Error::corrupt("the web archive (MHTML) has no text/html part; save the page again, or as HTML")
    })?;
    budget::charge_usize(Resource::DecodedBytes, text.len())?;
    let archive = mhtml::resources(bytes);
    budget::charge_usize(Resource::DecodedBytes, archive.iter().map(|i| i.bytes.len()).sum())?;
    let mut fragments = read_text_with(&text, Images { archive: &archive, folder: None, is_archive: true }, recogniser)?;
    fragments.diagnostics.insert(0, encoding_note(encoding, source));
    Ok(fragments)
}

fn encoding_note(encoding: &'static encoding_rs::Encoding, source: charset::Source) -> Diagnostic {
    let how = match source {
        charset::Source::Bom => "its byte-order mark",
        charset::Source::Container => "the archive's part header",
        charset::Source::Meta => "its <meta> declaration",
        charset::Source::Sniffed => "its bytes (no declaration)",
    };
    Diagnostic::info("html.encoding", format!("the page is read as {} from {how}", encoding.name()))
}

/// Fragments of an HTML document already decoded to text; `images` says
/// where the pictures it shows come from.
fn read_text_with(text: &str, images: Images, recogniser: Recogniser) -> Result<Fragments> {
    let parsed = parse::parse(text);
    let document = parsed.dom.document.clone();
    let stats = dom::Stats::of(&document);
    let body = dom::find(&document, "body").unwrap_or_else(|| document.clone());
    let root = content::root(&body, &stats);
    let quirks = parsed.dom.quirks_mode.get() == html5ever::tree_builder::QuirksMode::Quirks;
    let (texts, mut unread_sheets) = style_sheets(&document, &images)?;
    let sheets = css::StyleSheets::parse(texts.iter().map(String::as_str), quirks);
    let mut walker = walk::Walker::new(&stats, &sheets);
    walker.images = images;
    walker.recogniser = recogniser;
    walker.walk_root(&root)?;
    let ocr = std::mem::take(&mut walker.recogniser).recognised();
    let mut diagnostics = std::mem::take(&mut walker.diagnostics);
    if let Some(line) = parsed.cut_at_line {
        diagnostics.push(Diagnostic::warning(
            "html.too_deep",
            format!(
                "elements nest deeper than {} levels although those past {} were closed as they opened; the page from line {line} on was not read",
                parse::MAX_TREE_DEPTH,
                parse::MAX_OPEN_DEPTH
            ),
        ));
    } else if parsed.capped && !diagnostics.iter().any(|d| d.code == "html.too_deep") {
        diagnostics.push(Diagnostic::warning(
            "html.too_deep",
            format!(
                "elements nest deeper than {} levels; those past that depth were closed as they opened, their content read as their parent's",
                parse::MAX_OPEN_DEPTH
            ),
        ));
    }
    let outside = outside_text(&body, &root);
    let mut dropped = std::mem::take(&mut walker.dropped);
    for text in outside {
        dropped.add(&text);
    }
    if dropped.chars > 0 {
        diagnostics.push(Diagnostic::info(
            "html.chrome",
            format!(
                "left out {} characters of page chrome (navigation, banner, footer, link lists) around the content: «{}»",
                dropped.chars,
                dropped.examples.join("», «")
            ),
        ));
    }
    diagnostics.append(&mut unread_sheets);
    diagnostics.extend(sheets_note(&sheets));
    let items: Vec<Fragment> = walker.out;
    if items.iter().all(|f| matches!(f, Fragment::Break(_))) {
        diagnostics.push(Diagnostic::warning("html.no_text", "the page has no visible text"));
    }
    Ok(Fragments { pages: None, items, diagnostics, soft_paragraph_ends: false, notes: Vec::new(), lines: Default::default(), ocr })
}

/// The texts of the page's style sheets that apply to a screen, in
/// document order: `<style>` elements, and `<link rel="stylesheet">` files
/// found in the web archive or the page's folder ([`Images`]); a `media`
/// a screen meets, or none; a `type` of `text/css`, or none. A linked sheet
/// not found is noted (`html.css_missing`).
fn style_sheets(
    document: &markup5ever_rcdom::Handle,
    images: &Images,
) -> Result<(Vec<String>, Vec<Diagnostic>)> {
    let mut sheets = Vec::new();
    let mut missing = Vec::new();
    let mut stack = vec![document.clone()];
    while let Some(node) = stack.pop() {
        let name = dom::name(&node);
        let applies = dom::attr(&node, "media").is_none_or(|m| css::media_applies(&m))
            && dom::attr(&node, "type").is_none_or(|t| t.trim().is_empty() || t.trim().eq_ignore_ascii_case("text/css"));
        if name == Some("style") {
            if applies {
                let text = node.children.borrow().iter().fold(String::new(), |mut text, child| {
                    if let markup5ever_rcdom::NodeData::Text { contents } = &child.data {
                        text.push_str(&contents.borrow());
                    }
                    text
                });
                sheets.push(text);
            }
            continue;
        }
        let rel = dom::attr(&node, "rel").unwrap_or_default().to_ascii_lowercase();
        let rel: Vec<&str> = rel.split_ascii_whitespace().collect();
        if name == Some("link") && applies && rel.contains(&"stylesheet") && !rel.contains(&"alternate") {
            let href = dom::attr(&node, "href").unwrap_or_default();
            match images.style_sheet(&href)? {
                Ok(text) => {
                    budget::charge_usize(Resource::DecodedBytes, text.len())?;
                    sheets.push(text);
                }
                Err(why) => missing.push(why),
            }
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    let note = (!missing.is_empty()).then(|| {
        let examples: Vec<&str> = missing.iter().take(3).map(String::as_str).collect();
        let message = format!(
            "{} linked style sheet(s) not read, so their rules (list markers) are not applied: {}",
            missing.len(),
            examples.join("; ")
        );
        Diagnostic::info("html.css_missing", message)
    });
    Ok((sheets, note.into_iter().collect()))
}

/// What the style sheets held that was not applied.
fn sheets_note(sheets: &css::StyleSheets) -> Option<Diagnostic> {
    let mut parts = Vec::new();
    if !sheets.unread.is_empty() {
        let examples: Vec<&str> = sheets.unread.iter().take(3).map(String::as_str).collect();
        parts.push(format!(
            "{} selector(s) of the page's style sheets were not applied (only type, class, id, attribute, combinator and structural selectors are read): «{}»",
            sheets.unread.len(),
            examples.join("», «")
        ));
    }
    if sheets.exhausted() {
        parts.push("matching the page's elements took too long, and rules stopped applying part way".to_string());
    }
    if sheets.rules_dropped > 0 {
        parts.push(format!("{} rules past the first {} were not applied", sheets.rules_dropped, css::MAX_RULES));
    }
    (!parts.is_empty()).then(|| Diagnostic::info("html.css_unread", parts.join("; ")))
}

/// The text of the elements beside the path from `body` down to the content
/// area `root`: what the content rule left out.
fn outside_text(body: &markup5ever_rcdom::Handle, root: &markup5ever_rcdom::Handle) -> Vec<String> {
    let mut texts = Vec::new();
    let mut node = root.clone();
    while !std::rc::Rc::ptr_eq(&node, body) {
        let Some(parent) = dom::parent(&node) else {
            break;
        };
        for sibling in parent.children.borrow().iter() {
            if !std::rc::Rc::ptr_eq(sibling, &node) {
                texts.push(walk::visible_text(sibling));
            }
        }
        node = parent;
    }
    texts
}

#[cfg(test)]
mod tests;
