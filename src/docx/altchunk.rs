//! `w:altChunk`: a part in another format embedded in the document, which
//! Word converts and shows in its place. An embedded DOCX is read
//! recursively (to a depth limit), RTF and HTML as plain text paragraphs
//! (see [`super::rtf`], [`super::html`]), plain text line by line; anything
//! else (MHT web archives, flat XML) is skipped with a warning naming it.
//! Never silently empty: every chunk leaves a diagnostic saying how it was
//! read or why it was not.

use super::notes::Counters;
use super::package::{Package, Relationship};
use super::{html, rtf};
use crate::model::{Diagnostic, Fragment, Note, ParagraphFragment};
use crate::text::normalize;

/// Embedded DOCX inside embedded DOCX nest at most this deep; a chunk that
/// embeds itself would otherwise recurse for ever.
pub const MAX_DEPTH: usize = 4;

/// Converts the part a `w:altChunk` names into fragments.
pub trait Embedded {
    fn convert(&mut self, rel_id: &str, counters: &mut Counters) -> Vec<Fragment>;
}

/// The embedded parts of one package.
pub struct Chunks<'p, 'b> {
    pub package: &'p mut Package<'b>,
    pub rels: &'p [Relationship],
    /// How deep this package is embedded (0 for the file itself).
    pub depth: usize,
    /// Notes of embedded DOCX documents.
    pub notes: &'p mut Vec<Note>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What an embedded part is, from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Docx,
    Rtf,
    Html,
    Text,
    /// A MIME web archive: its HTML is encoded inside MIME parts.
    Mht,
    Unknown,
}

fn kind_of(name: &str, bytes: &[u8]) -> Kind {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    if bytes.starts_with(b"PK\x03\x04") {
        Kind::Docx
    } else if head.starts_with("{\\rtf") {
        Kind::Rtf
    } else if matches!(extension.as_str(), "mht" | "mhtml") || head.starts_with("mime-version") {
        Kind::Mht
    } else if matches!(extension.as_str(), "htm" | "html" | "xhtml")
        || ["<!doctype html", "<html", "<body", "<p", "<div", "<table"].iter().any(|t| head.contains(t))
    {
        Kind::Html
    } else if extension == "txt" {
        Kind::Text
    } else {
        Kind::Unknown
    }
}

impl Embedded for Chunks<'_, '_> {
    fn convert(&mut self, rel_id: &str, counters: &mut Counters) -> Vec<Fragment> {
        let Some(target) = self.rels.iter().find(|r| r.id == rel_id).map(|r| r.target.clone()) else {
            self.warn(format!(
                "an embedded part (w:altChunk r:id=\"{rel_id}\") names no relationship; its content is missing"
            ));
            return Vec::new();
        };
        let bytes = match self.package.read(&target) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                self.warn(format!(
                    "the embedded part {target} (w:altChunk) is missing from the package; its content is missing"
                ));
                return Vec::new();
            }
            Err(e) => {
                self.warn(format!(
                    "the embedded part {target} (w:altChunk) could not be read ({}); its content is missing",
                    e.message
                ));
                return Vec::new();
            }
        };
        let (fragments, how) = match kind_of(&target, &bytes) {
            Kind::Docx if self.depth + 1 > MAX_DEPTH => {
                self.warn(format!(
                    "the embedded document {target} (w:altChunk) nests deeper than {MAX_DEPTH} levels; skipped"
                ));
                return Vec::new();
            }
            Kind::Docx => match super::read_package(&bytes, self.depth + 1, counters, self.notes) {
                Ok((items, diagnostics)) => {
                    self.diagnostics.extend(diagnostics);
                    (items, "a Word document")
                }
                Err(e) => {
                    self.warn(format!(
                        "the embedded part {target} (w:altChunk) is a zip but not a readable Word document ({}); skipped",
                        e.message
                    ));
                    return Vec::new();
                }
            },
            Kind::Rtf => (paragraphs(rtf::paragraphs(&bytes)), "RTF, as plain text"),
            Kind::Html => (paragraphs(html::paragraphs(&bytes)), "HTML, as plain text (tables as tab-separated lines)"),
            Kind::Text => {
                let text = super::package::decode_xml(&bytes);
                (paragraphs(text.lines().map(|l| (l.to_string(), None)).collect()), "plain text")
            }
            Kind::Mht => {
                self.warn(format!("the embedded part {target} (w:altChunk) is a MIME web archive (MHT), which govdoc does not read; its content is missing"));
                return Vec::new();
            }
            Kind::Unknown => {
                self.warn(format!("the embedded part {target} (w:altChunk) is in a format govdoc does not read; its content is missing"));
                return Vec::new();
            }
        };
        let count = fragments.iter().filter(|f| matches!(f, Fragment::Paragraph(p) if !p.text.is_empty())).count();
        self.diagnostics.push(Diagnostic::info(
            "docx.altchunk",
            format!("embedded part {target} (w:altChunk) read as {how}: {count} paragraph(s) with text"),
        ));
        fragments
    }
}

impl Chunks<'_, '_> {
    fn warn(&mut self, message: String) {
        self.diagnostics.push(Diagnostic::warning("docx.altchunk_skipped", message));
    }
}

/// Lines of text, with a heading level where the source had one, as paragraph
/// fragments.
fn paragraphs(lines: Vec<(String, Option<u8>)>) -> Vec<Fragment> {
    lines
        .into_iter()
        .filter_map(|(raw, heading_level)| {
            let text = normalize(&raw);
            (!text.is_empty())
                .then(|| Fragment::Paragraph(ParagraphFragment { text, heading_level, ..Default::default() }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_and_content() {
        assert_eq!(kind_of("word/afchunk.rtf", b"{\\rtf1\\ansi hello}"), Kind::Rtf);
        assert_eq!(kind_of("word/chunk.htm", b"\xEF\xBB\xBF<html><body>x</body></html>"), Kind::Html);
        assert_eq!(kind_of("word/afchunk.dat", b"<p>x</p>"), Kind::Html);
        assert_eq!(kind_of("word/afchunk.mht", b"MIME-Version: 1.0"), Kind::Mht);
        assert_eq!(kind_of("word/afchunk.docx", b"PK\x03\x04rest"), Kind::Docx);
        assert_eq!(kind_of("word/afchunk.txt", b"plain"), Kind::Text);
        assert_eq!(kind_of("word/afchunk.bin", b"\x00\x01"), Kind::Unknown);
    }
}
