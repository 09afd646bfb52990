//! Footnotes, endnotes and comments: the parts beside the main document
//! (footnotes.xml, endnotes.xml, comments.xml).
//!
//! The body walk writes a mark `[^label]` where a note is referenced and
//! records the reference; here the referenced notes are read and become
//! [`Note`]s, in the order of their first reference. Comments are an
//! author's remarks, not document text: each becomes an info diagnostic
//! (`docx.comment`) naming its author and text, and nothing enters the body.

use super::body::{Entry, Walker};
use super::note_refs::{MAX_ANCHOR_CHARS, Reference, mark};
use super::numbering::Numbering;
use super::package::Package;
use super::styles::Styles;
use crate::model::{Diagnostic, Note, NoteKind};

/// The part names of a package's note and comment parts, by relationship.
pub struct Parts {
    pub footnotes: Option<String>,
    pub endnotes: Option<String>,
    pub comments: Option<String>,
}

/// Reads the notes `references` point to and appends them to `notes`.
/// A reference to a note the part lacks keeps its mark and gets a warning;
/// notes nobody references (Word does not show them) are counted in an info.
pub fn resolve(
    package: &mut Package,
    parts: &Parts,
    references: &[Reference],
    (styles, numbering): (&Styles, &mut Numbering),
    notes: &mut Vec<Note>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (kind, part, word) in
        [(NoteKind::Footnote, &parts.footnotes, "footnote"), (NoteKind::Endnote, &parts.endnotes, "endnote")]
    {
        let wanted: Vec<&Reference> = references.iter().filter(|r| r.kind == kind).collect();
        let entries = match part {
            Some(name) => read_entries(package, name, styles, numbering, diagnostics),
            None => Vec::new(),
        };
        // Separators and continuation notices (w:type other than "normal")
        // are layout, not notes.
        let entries: Vec<Entry> =
            entries.into_iter().filter(|e| e.kind.as_deref().is_none_or(|k| k == "normal")).collect();
        for reference in &wanted {
            match entries.iter().find(|e| e.id == reference.id) {
                Some(entry) => {
                    notes.push(Note { note: kind, label: reference.label.clone(), text: entry.text.clone() })
                }
                None => diagnostics.push(Diagnostic::warning(
                    "docx.note_missing",
                    format!(
                        "{word} {} (w:id {}) is referenced but its text is missing from the package; the mark {} stays in the text",
                        reference.label,
                        reference.id,
                        mark(&reference.label)
                    ),
                )),
            }
        }
        let unreferenced =
            entries.iter().filter(|e| !e.text.is_empty() && !wanted.iter().any(|r| r.id == e.id)).count();
        if unreferenced > 0 {
            diagnostics.push(Diagnostic::info(
                "docx.note_unreferenced",
                format!("{unreferenced} {word}(s) not referenced from the text (Word does not show them) left out"),
            ));
        }
    }
}

/// Each comment of the package as an info diagnostic, quoting the text its
/// range covers (`anchors`, from the body walk); comments never enter the
/// blocks.
pub fn comments(
    package: &mut Package,
    parts: &Parts,
    anchors: &[(String, String)],
    (styles, numbering): (&Styles, &mut Numbering),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(name) = &parts.comments else { return };
    for entry in read_entries(package, name, styles, numbering, diagnostics) {
        let anchor = anchors.iter().find(|(id, _)| *id == entry.id).map(|(_, text)| text.as_str());
        diagnostics.push(Diagnostic::info(
            "docx.comment",
            comment_message(&entry.id, entry.author.as_deref(), anchor, &entry.text),
        ));
    }
}

/// A comment's diagnostic message (`docx.comment`, and `doc.comment` of the
/// legacy Word reader): `comment ID by AUTHOR on "ANCHOR" (not part of the
/// text): TEXT`, the anchor shortened, left out when empty.
pub(crate) fn comment_message(id: &str, author: Option<&str>, anchor: Option<&str>, text: &str) -> String {
    let author = author.filter(|a| !a.trim().is_empty()).unwrap_or("an unnamed author");
    let on = anchor.filter(|a| !a.is_empty()).map(|a| format!(" on \"{}\"", shorten(a))).unwrap_or_default();
    format!("comment {id} by {author}{on} (not part of the text): {}", text.replace('\n', " "))
}

/// `text` cut to [`MAX_ANCHOR_CHARS`], with "…" when cut.
fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_ANCHOR_CHARS {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MAX_ANCHOR_CHARS).collect();
    short.push('…');
    short
}

/// The entries of a notes or comments part. A damaged part costs its notes,
/// not the document: a warning, and no entries.
fn read_entries(
    package: &mut Package,
    name: &str,
    styles: &Styles,
    numbering: &mut Numbering,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let text = match package.read_text(name) {
        Ok(Some(text)) => text,
        Ok(None) => {
            diagnostics.push(Diagnostic::warning(
                "docx.part_damaged",
                format!("{name} is named by a relationship but missing from the package; its notes are lost"),
            ));
            return Vec::new();
        }
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                "docx.part_damaged",
                format!("{name} could not be read ({}); its notes are lost", e.message),
            ));
            return Vec::new();
        }
    };
    match Walker::new(&text, name, styles, numbering).entries() {
        Ok((entries, mut found)) => {
            diagnostics.append(&mut found);
            entries
        }
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                "docx.part_damaged",
                format!("{name} could not be read ({}); its notes are lost", e.message),
            ));
            Vec::new()
        }
    }
}
