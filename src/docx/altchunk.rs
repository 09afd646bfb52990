//! `w:altChunk`: a part in another format embedded in the document, which
//! Word converts and shows in its place. An embedded DOCX is read
//! recursively (to a depth limit), RTF as plain text paragraphs and tables
//! (see [`super::rtf`]), HTML and MHT web archives by the HTML front end
//! ([`crate::html`]), plain text line by line; anything else (flat XML, images)
//! is skipped with a warning naming it.
//! Never silently empty: every chunk leaves a diagnostic saying how it was
//! read or why it was not.

use super::note_refs::Counters;
use super::package::{Package, Relationship};
use super::rtf::{self, Piece};
use crate::html::table::{self, TextCell, TooBig};
use crate::model::{Diagnostic, Fragment, Note, ParagraphFragment, TableFragment};
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
    /// A MIME web archive (MHT): its HTML is a MIME part.
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
        || ["<!doctype html", "<html", "<body", "<p>", "<p ", "<div", "<table"].iter().any(|t| head.contains(t))
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
            Kind::Rtf => (self.fragments(rtf::pieces(&bytes)), "RTF, as plain text and tables"),
            Kind::Html => match crate::html::read(&bytes) {
                Ok(read) => (self.web_page(read), "HTML"),
                Err(e) => {
                    self.warn(format!(
                        "the embedded page {target} (w:altChunk) could not be read ({}); its content is missing",
                        e.message
                    ));
                    return Vec::new();
                }
            },
            Kind::Text => {
                let text = super::package::decode_xml(&bytes);
                (self.fragments(text.lines().map(|l| Piece::Line(l.to_string(), None)).collect()), "plain text")
            }
            Kind::Mht => match crate::html::read_mhtml(&bytes) {
                Ok(read) => (self.web_page(read), "a web archive (MHT), its HTML part"),
                Err(e) => {
                    self.warn(format!("the embedded part {target} (w:altChunk) is a web archive (MHT) that could not be read ({}); its content is missing", e.message));
                    return Vec::new();
                }
            },
            Kind::Unknown => {
                self.warn(format!("the embedded part {target} (w:altChunk) is in a format govdoc does not read; its content is missing"));
                return Vec::new();
            }
        };
        let count = |table: bool| {
            fragments
                .iter()
                .filter(|f| match f {
                    Fragment::Paragraph(p) => !table && !p.text.is_empty(),
                    Fragment::Table(_) => table,
                    Fragment::Break(_) => false,
                })
                .count()
        };
        self.diagnostics.push(Diagnostic::info(
            "docx.altchunk",
            format!(
                "embedded part {target} (w:altChunk) read as {how}: {} paragraph(s) with text, {} table(s)",
                count(false),
                count(true)
            ),
        ));
        fragments
    }
}

impl Chunks<'_, '_> {
    fn warn(&mut self, message: String) {
        self.diagnostics.push(Diagnostic::warning("docx.altchunk_skipped", message));
    }

    /// A page the HTML front end read: its fragments, its diagnostics kept.
    fn web_page(&mut self, read: crate::model::Fragments) -> Vec<Fragment> {
        self.diagnostics.extend(read.diagnostics);
        read.items
    }

    /// Lines and rows as fragments: each line a paragraph, each run of rows a
    /// table.
    fn fragments(&mut self, pieces: Vec<Piece>) -> Vec<Fragment> {
        let mut out = Vec::new();
        let mut rows: Vec<Vec<TextCell>> = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Row(cells) => rows.push(cells),
                Piece::Line(raw, heading_level) => {
                    self.table(std::mem::take(&mut rows), &mut out);
                    let text = normalize(&raw);
                    if !text.is_empty() {
                        out.push(Fragment::Paragraph(ParagraphFragment { text, heading_level, ..Default::default() }));
                    }
                }
            }
        }
        self.table(rows, &mut out);
        out
    }

    /// Rows as one table (cells placed by [`crate::html::table::grid`]).
    fn table(&mut self, rows: Vec<Vec<TextCell>>, out: &mut Vec<Fragment>) {
        match table::grid(&rows) {
            Ok(Some(grid)) => out.push(Fragment::Table(TableFragment { grid, ..Default::default() })),
            Ok(None) => {}
            Err(too_big) => {
                let why = match too_big {
                    TooBig::Slots => format!("spans more than {} cells", table::MAX_TABLE_SLOTS),
                    TooBig::Budget(e) => e.message,
                };
                self.diagnostics.push(Diagnostic::warning(
                    "docx.altchunk_table",
                    format!("an embedded table {why}; its rows are kept as lines of text"),
                ));
                out.extend(rows.iter().map(|row| {
                    let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    Fragment::Paragraph(ParagraphFragment { text: normalize(&texts.join(" ")), ..Default::default() })
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text readers take any bytes: random and mangled inputs end
    /// without a panic (a deterministic generator, so a failure repeats).
    #[test]
    fn text_readers_survive_arbitrary_bytes() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: &[u8] = b"{}\\'<>&;#=/\"abcdefpru0123456789 \r\n-\xE4\xB8\xAD\xFF";
        for round in 0..2000 {
            let len = (next() % 200) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let mut framed = match round % 3 {
                0 => b"{\\rtf1 ".to_vec(),
                1 => b"<html><table><tr><td colspan=".to_vec(),
                _ => b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"=\"\n\n--=\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n".to_vec(),
            };
            framed.extend(&bytes);
            let _ = rtf::pieces(&framed);
            let _ = crate::html::read(&framed);
            let _ = crate::html::mhtml::html(&framed);
        }
    }

    #[test]
    fn kinds_by_name_and_content() {
        assert_eq!(kind_of("word/afchunk.rtf", b"{\\rtf1\\ansi hello}"), Kind::Rtf);
        assert_eq!(kind_of("word/chunk.htm", b"\xEF\xBB\xBF<html><body>x</body></html>"), Kind::Html);
        assert_eq!(kind_of("word/afchunk.dat", b"<p>x</p>"), Kind::Html);
        assert_eq!(kind_of("word/afchunk.mht", b"MIME-Version: 1.0"), Kind::Mht);
        assert_eq!(kind_of("word/afchunk.docx", b"PK\x03\x04rest"), Kind::Docx);
        assert_eq!(kind_of("word/afchunk.txt", b"plain"), Kind::Text);
        assert_eq!(kind_of("word/afchunk.bin", b"\x00\x01"), Kind::Unknown);
        // Flat OPC (a whole Word package as XML) is not HTML.
        assert_eq!(
            kind_of("word/afchunk.xml", b"<?xml version=\"1.0\"?><pkg:package xmlns:pkg=\"x\"/>"),
            Kind::Unknown
        );
    }
}
