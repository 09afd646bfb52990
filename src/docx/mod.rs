//! The DOCX front end: a zip + quick-xml walk that turns a Word document into
//! paragraph and table fragments. Knows WordprocessingML, nothing about
//! reports.
//!
//! `package` opens the zip and follows relationships, `xml` is the cursor
//! every part is read with, `styles` and `numbering` supply heading levels and
//! list labels, `body` walks the main part and `table` lays out grids.
//! `notes` reads footnotes, endnotes and comments, `math` writes equations
//! as linear text, `altchunk` converts embedded parts (with `rtf` for RTF
//! text; HTML and MHT parts go to the HTML front end, [`crate::html`]).

mod altchunk;
mod body;
mod math;
pub(crate) mod note_refs;
pub(crate) mod notes;
pub(crate) mod numbering;
pub(crate) mod package;
mod rtf;
mod styles;
pub(crate) mod table;
pub(crate) mod xml;

pub(crate) use body::cell_text;

use crate::error::{Error, Result};
use crate::model::{Diagnostic, Fragment, Fragments, Note};
use numbering::Numbering;
use package::{Package, Relationship};
use styles::Styles;

/// Reads a DOCX file's fragments. Zips that are other formats (XLSX, PPTX,
/// OFD, ODT) are `unsupported format`; a DOCX without a readable main part is
/// `corrupt`.
pub fn read(bytes: &[u8]) -> Result<Fragments> {
    let mut counters = note_refs::Counters::default();
    let mut notes = Vec::new();
    let (items, diagnostics) = read_package(bytes, 0, &mut counters, &mut notes)?;
    // Notes of embedded documents were read while the body was walked; put
    // every note in label order.
    notes.sort_by_key(|n| (n.note, n.label.trim_start_matches('e').parse::<u32>().unwrap_or(u32::MAX)));
    Ok(Fragments { pages: None, items, diagnostics, soft_paragraph_ends: false, notes, lines: Default::default(), ocr: None })
}

/// The fragments and diagnostics of one package, `depth` levels down in
/// embedded documents; its notes are appended to `notes`.
fn read_package(
    bytes: &[u8],
    depth: usize,
    counters: &mut note_refs::Counters,
    notes: &mut Vec<Note>,
) -> Result<(Vec<Fragment>, Vec<Diagnostic>)> {
    let mut package = Package::open(bytes)?;
    let Some(main) = package.main_document()? else {
        return Err(not_a_word_document(&package));
    };
    let mut diagnostics = Vec::new();
    let rels = package.relationships(&main)?;
    let part_of = |kind: &str| part_of(&package, &rels, &main, kind);
    let (styles_part, numbering_part) = (part_of("styles"), part_of("numbering"));
    let parts =
        notes::Parts { footnotes: part_of("footnotes"), endnotes: part_of("endnotes"), comments: part_of("comments") };
    let styles = auxiliary_part(&mut package, styles_part, &mut diagnostics, Styles::parse).unwrap_or_default();
    let mut numbering =
        auxiliary_part(&mut package, numbering_part, &mut diagnostics, Numbering::parse).unwrap_or_default();

    let text =
        package.read_text(&main)?.ok_or_else(|| Error::corrupt(format!("the main document part {main} is missing")))?;
    let mut chunks = altchunk::Chunks { package: &mut package, rels: &rels, depth, notes, diagnostics: Vec::new() };
    let walked =
        body::Walker::new(&text, &main, &styles, &mut numbering).main_part(counters, &mut chunks).document()?;
    diagnostics.extend(walked.diagnostics);
    diagnostics.append(&mut chunks.diagnostics);
    let altchunk::Chunks { package, notes, .. } = chunks;
    notes::resolve(package, &parts, &walked.references, (&styles, &mut numbering), notes, &mut diagnostics);
    notes::comments(package, &parts, &walked.comment_anchors, (&styles, &mut numbering), &mut diagnostics);
    Ok((walked.items, diagnostics))
}

/// The part of relationship type `kind` ("styles", "footnotes", …) of the
/// main part `main`; without a relationships part (some generators omit it),
/// the usual name beside the main part.
fn part_of(package: &Package, rels: &[Relationship], main: &str, kind: &str) -> Option<String> {
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    rels.iter().find(|r| r.kind.ends_with(&format!("/{kind}"))).map(|r| r.target.clone()).or_else(|| {
        let usual = if dir.is_empty() { format!("{kind}.xml") } else { format!("{dir}/{kind}.xml") };
        (rels.is_empty() && package.has_part(&usual)).then_some(usual)
    })
}

/// Parses a part the text does not depend on (styles, numbering). A damaged
/// one costs heading levels or list labels, not the document: it becomes a
/// warning and the part is treated as absent.
fn auxiliary_part<T>(
    package: &mut Package,
    name: Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
    parse: impl Fn(&str, &str) -> Result<T>,
) -> Option<T> {
    let name = name?;
    let parsed = package.read_text(&name).and_then(|text| text.map(|t| parse(&t, &name)).transpose());
    match parsed {
        Ok(value) => value,
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                "docx.part_damaged",
                format!("{name} could not be read ({}); headings or list numbers may be missing", e.message),
            ));
            None
        }
    }
}

/// The error for a zip that has no Word main document: name what it is.
fn not_a_word_document(package: &Package) -> Error {
    let has = |prefix: &str| package.part_names().any(|n| n.starts_with(prefix));
    if has("word/") || package.part_names().any(|n| n == "[content_types].xml") && has("word") {
        return Error::corrupt("the DOCX has no main document part (word/document.xml); the file is damaged");
    }
    let what = if has("xl/") {
        return Error::spreadsheet("an Excel workbook, .xlsx");
    } else if has("ppt/") {
        "a PowerPoint presentation (.pptx)"
    } else if has("ofd.xml") {
        "an OFD document (.ofd); export it as PDF or DOCX first"
    } else if has("mimetype") && has("content.xml") {
        "an OpenDocument file (.odt); save it as DOCX first"
    } else {
        "a zip archive without a Word document; unpack it, or give it to `govdoc batch`"
    };
    Error::unsupported(format!("this is {what}"))
}

#[cfg(test)]
mod tests;
