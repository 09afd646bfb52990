//! The legacy Word binary front end (Word 97–2003 `.doc`, and Kingsoft WPS
//! `.wps` files saved in that format; Word 6.0 and Word 95 `.doc`) →
//! paragraph and table fragments.
//!
//! The compound file is opened with the `cfb` crate; `fib` reads the File
//! Information Block (and refuses encrypted and Word 2.0 files with the
//! error that says what to do), `fib6` the Word 6/95 one into the same
//! fields: their text is 8-bit in each run's code page (`codepage`) and
//! their one-byte sprms are read as the Word 97 ones (`sprm6`); the piece table (`Clx`) maps character
//! positions to the text in the `WordDocument` stream, in compressed (8-bit)
//! or UTF-16 pieces, each with its property modifiers (a fast save's
//! changes: a `Prc` of the `Clx`); `props` reads paragraph properties from
//! the PAPX FKPs and the style sheet, with the piece's modifiers on top; `lists` reads list numbering
//! into the DOCX front end's counters; `notes` finds footnotes and endnotes,
//! whose text (after the main text in the character stream) becomes `note`
//! blocks. `textboxes` finds the text boxes anchored in the main text, whose
//! paragraphs follow the paragraph of their anchor (as the DOCX front end
//! places them); `comments` finds the comments, each an info diagnostic
//! worded as DOCX's. Headers and footers stay out of the body. Fields show their result
//! text (the code between field begin and separator is left out). Tables
//! come from cell marks and row marks with the row definitions
//! (`sprmTDefTable`): cells placed on the union of the rows' boundaries,
//! horizontal and vertical merges from the cell flags.

mod chars;
mod codepage;
mod comments;
mod fib;
mod fib2;
mod fib6;
mod lists;
mod notes;
mod props;
mod sprm6;
mod styles;
mod textboxes;

use std::borrow::Cow;
use std::io::{Cursor, Read};

use crate::budget::{self, Resource};
use crate::docx::note_refs::{Counters, mark};
use crate::docx::numbering::{Label, Numbering};
use crate::docx::table::append_text;
use crate::error::{Error, Result};
use crate::grid::{Cell, Grid};
use crate::model::{BreakKind, Diagnostic, Fragment, Fragments, Note, NoteKind, ParagraphFragment, TableFragment};
use crate::text::normalize;
use fib::{Fib, pair};
use props::{Para, RowDef};

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at.checked_add(2)?).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at.checked_add(4)?).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Whether `bytes` (a compound file) hold the stream name `name` (ASCII) in
/// their directory, as UTF-16LE. A compound file's names are compared
/// without regard to case (MS-CFB 2.6.4), and some writers store Word's
/// `WordDocument` as `worddocument` or `WORDDOCUMENT`: Word reads them.
pub(crate) fn names_stream(bytes: &[u8], name: &str) -> bool {
    let name = name.as_bytes();
    bytes.windows(name.len() * 2).any(|window| {
        window.chunks_exact(2).zip(name).all(|(unit, &c)| unit[1] == 0 && unit[0].eq_ignore_ascii_case(&c))
    })
}

/// Whether an OLE compound file holds a Word binary document: it has a
/// `WordDocument` stream (its directory names the stream in UTF-16, in any
/// case).
pub fn is_word_binary(bytes: &[u8]) -> bool {
    names_stream(bytes, "WordDocument")
}

/// Whether `bytes` are a Word 2.0 document: not a compound file, the file
/// itself starts with the Word 2.0 header.
pub fn is_word2(bytes: &[u8]) -> bool {
    u16_at(bytes, 0) == Some(fib::W_IDENT_2) && bytes.len() >= 0x200
}

/// Reads a Word binary document: Word 97–2003, Word 6.0/95 (both in a
/// compound file) or Word 2.0 (a file of its own).
pub fn read(bytes: &[u8]) -> Result<Fragments> {
    if is_word2(bytes) {
        return read_document(bytes, parse_fib(bytes)?, bytes, &[]);
    }
    let mut repairs = Vec::new();
    let padded;
    let mut file = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(file) => file,
        Err(e) => {
            let damaged = || Error::corrupt(format!("the compound file (OLE) structure is damaged ({e})"));
            // Some writers end the file after its last used sector though
            // its allocation table (FAT) counts more: Word and LibreOffice
            // read it, as if the missing sectors were there and empty.
            padded = padded_to_its_fat(bytes).ok_or_else(damaged)?;
            budget::charge_usize(Resource::DecodedBytes, padded.len())?;
            let file = cfb::CompoundFile::open(Cursor::new(&padded[..])).map_err(|_| damaged())?;
            repairs.push(Diagnostic::info(
                "doc.compound_padded",
                format!(
                    "the compound file ends {} bytes before its allocation table's last sector; read as if the rest were there and empty",
                    padded.len() - bytes.len()
                ),
            ));
            file
        }
    };
    // The root's streams by name in upper case: names in a compound file
    // are compared without regard to case (MS-CFB 2.6.4), and some writers
    // store `worddocument` or `1TABLE`, which Word reads.
    let names: Vec<(String, String)> = file
        .read_root_storage()
        .filter(|entry| entry.is_stream())
        .map(|entry| (entry.name().to_ascii_uppercase(), entry.name().to_string()))
        .collect();
    let mut stream = |name: &str| -> Result<Option<Vec<u8>>> {
        let Some((_, stored)) = names.iter().find(|(upper, _)| *upper == name.to_ascii_uppercase()) else {
            return Ok(None);
        };
        let mut data = Vec::new();
        file.open_stream(format!("/{stored}"))
            .and_then(|s| s.take(bytes.len() as u64 + 1).read_to_end(&mut data))
            .map_err(|e| Error::corrupt(format!("the {name} stream cannot be read ({e})")))?;
        budget::charge_usize(Resource::DecodedBytes, data.len())?;
        Ok(Some(data))
    };
    let word = stream("WordDocument")?.ok_or_else(|| {
        Error::unsupported("this compound file has no WordDocument stream: it is not a Word document")
    })?;
    let fib = parse_fib(&word)?;
    // Word 6/95 keeps its structures in the WordDocument stream itself.
    let table = if fib.legacy.is_some() {
        None
    } else {
        let table_name = if fib.table_stream_1 { "1Table" } else { "0Table" };
        Some(stream(table_name)?.ok_or_else(|| {
            Error::corrupt(format!("the {table_name} stream the header names is missing; the file is damaged"))
        })?)
    };
    let data = stream("Data")?.unwrap_or_default();
    let mut fragments = read_document(&word, fib, table.as_deref().unwrap_or(&word), &data)?;
    fragments.diagnostics.splice(0..0, repairs);
    Ok(fragments)
}

/// Reads the header (FIB) at the start of `word`, of whichever version.
fn parse_fib(word: &[u8]) -> Result<Fib> {
    match fib::header_kind(word)? {
        fib::HeaderKind::Word6 { ident } => fib6::parse(word, ident),
        fib::HeaderKind::Word2 => fib2::parse(word),
        fib::HeaderKind::Word97 => Fib::parse(word),
    }
}

/// `bytes` (a compound file) with zeros added up to the sectors its
/// allocation table (FAT) counts, when it is shorter: `None` when it is not,
/// or its header is unreadable, or the FAT would need more than 64 MiB.
fn padded_to_its_fat(bytes: &[u8]) -> Option<Vec<u8>> {
    let sector = match u16_at(bytes, 0x1E)? {
        9 => 512usize,
        12 => 4096,
        _ => return None,
    };
    let fat_sectors = usize::try_from(u32_at(bytes, 0x2C)?).ok()?;
    // The header takes the first sector's place; each FAT sector lists
    // `sector / 4` sectors.
    let needed = fat_sectors.checked_mul(sector / 4)?.checked_add(1)?.checked_mul(sector)?;
    if needed <= bytes.len() || needed > 64 << 20 {
        return None;
    }
    let mut padded = bytes.to_vec();
    padded.resize(needed, 0);
    Some(padded)
}

/// Reads the document whose `WordDocument` stream is `word`, with its
/// header read, its table stream (`word` itself before Word 97) and its
/// `Data` stream.
fn read_document(word: &[u8], fib: Fib, table: &[u8], data: &[u8]) -> Result<Fragments> {
    let mut diagnostics = Vec::new();
    let (pieces, modifiers) = pieces(&fib, table)?;
    let modifiers: Vec<&[u8]> = modifiers.iter().map(|m| m.as_ref()).collect();
    let (runs, numbered) = paragraph_runs(&fib, table, word);
    if numbered > 0 {
        diagnostics.push(Diagnostic::warning(
            "doc.numbering_not_read",
            format!(
                "{numbered} paragraph(s) of this Word 6/95 document are numbered automatically (ANLD); their numbers are not read"
            ),
        ));
    }
    let dialect = fib.legacy.map(|l| l.dialect);
    let styles = if dialect == Some(sprm6::Dialect::Word2) {
        diagnostics.push(Diagnostic::info(
            "doc.styles_not_read",
            "the style sheet of this Word 2.0 document is not read: headings are not recognised by their style",
        ));
        styles::Styles::default()
    } else {
        styles::Styles::parse(slice(table, fib.pair(pair::STSHF)), dialect)
    };
    let code_pages = codepage::CodePages::read(&fib, word, &styles);
    let text = Text {
        word,
        pieces: &pieces,
        code_pages: fib.legacy.is_some().then_some(&code_pages),
        paragraphs: &runs,
    };
    let body_end = fib.ccp_text;
    let (text_boxes, unplaced) = textboxes::anchored(&fib, table);
    let skipped = [fib.ccp_hdd, fib.ccp_atn, unplaced, fib.ccp_hdr_txbx].iter().fold(0u32, |a, &b| a.saturating_add(b));
    if skipped > 0 {
        diagnostics.push(Diagnostic::info(
            "doc.outside_body",
            format!(
                "{skipped} characters of headers, footers, comments and text boxes not anchored in the main text are not part of the body and are not read"
            ),
        ));
    }
    let symbols = chars::Symbols::read(&fib, table, word);
    let mut builder = Builder::new(&runs, &styles);
    builder.data = data;
    builder.symbols = &symbols;
    builder.pieces = &pieces;
    builder.modifiers = &modifiers;
    let single = pieces.iter().filter(|p| p.prm & 1 == 0 && p.prm >> 1 != 0).count();
    if single > 0 {
        diagnostics.push(Diagnostic::info(
            "doc.piece_property_skipped",
            format!(
                "{single} piece(s) of a fast-saved document carry a one-sprm property change (Prm0) that is not read; their paragraphs keep the properties of their runs and styles"
            ),
        ));
    }
    for text_box in &text_boxes {
        let mut inside = builder.side_story(&text, text_box.from, text_box.to)?;
        diagnostics.append(&mut inside.diagnostics);
        builder.text_boxes.push((text_box.anchor, inside.out));
    }
    builder.numbering = lists::read(table, fib.pair(pair::PLF_LST), fib.pair(pair::PLF_LFO));
    builder.note_refs = notes::references(&fib, table);
    text.walk(0, body_end, |cp, fc, c| builder.char(cp, fc, c))?;
    builder.finish();
    for comment in comments::read(&fib, table) {
        let (from, to) = comment.text;
        let mut inside = builder.side_story(&text, from, to)?;
        diagnostics.append(&mut inside.diagnostics);
        let anchor = match comment.on {
            Some((from, to)) => {
                let on = builder.side_story(&text, from, to)?;
                Some(normalize(&on.out.iter().map(fragment_text).collect::<String>()))
            }
            None => None,
        };
        let message = crate::docx::notes::comment_message(
            &comment.index.to_string(),
            comment.author.as_deref(),
            anchor.as_deref(),
            &crate::docx::cell_text(&inside.out),
        );
        diagnostics.push(Diagnostic::info("doc.comment", message));
    }
    let mut notes = Vec::new();
    for (kind, index, label) in std::mem::take(&mut builder.references) {
        let word = if kind == NoteKind::Footnote { "footnote" } else { "endnote" };
        let Some((from, to)) = notes::text_range(&fib, table, kind, index) else {
            diagnostics.push(Diagnostic::warning(
                "doc.note_missing",
                format!("{word} {label} is referenced but its text is missing; the mark {} stays in the text", mark(&label)),
            ));
            continue;
        };
        let mut note = builder.side_story(&text, from, to)?;
        diagnostics.append(&mut note.diagnostics);
        notes.push(Note { note: kind, label, text: crate::docx::cell_text(&note.out) });
    }
    // In label order: the footnotes, then the endnotes.
    notes.sort_by_key(|n| n.note == NoteKind::Endnote);
    if builder.no_definition > 0 {
        diagnostics.push(Diagnostic::warning(
            "doc.table_without_definition",
            format!(
                "{} table row(s) carry no cell boundaries; their cells are placed one per column",
                builder.no_definition
            ),
        ));
    }
    diagnostics.append(&mut builder.diagnostics);
    Ok(Fragments {
        pages: None,
        items: builder.out,
        diagnostics,
        soft_paragraph_ends: false,
        notes,
        lines: Default::default(),
        ocr: None,
    })
}

/// A fragment's text: a paragraph's, or a table's cells row by row.
fn fragment_text(fragment: &Fragment) -> String {
    crate::docx::cell_text(std::slice::from_ref(fragment))
}

/// The bytes an (offset, length) pair names, or nothing when out of range.
fn slice(stream: &[u8], (fc, lcb): (u32, u32)) -> &[u8] {
    let (start, len) = (fc as usize, lcb as usize);
    stream.get(start..start.saturating_add(len)).unwrap_or(&[])
}

/// A piece of the main text: characters [cp_start, cp_end) at `fc`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset in the WordDocument stream.
    offset: u32,
    compressed: bool,
    /// The piece's property modifier (Prm): with the low bit set, the
    /// index of a `Prc` of the `Clx` (`igrpprl`) in the upper 15 bits; else
    /// one sprm by a short index (Prm0), 0 when there is none.
    prm: u16,
}

/// A `Prc`'s property modifiers: Word 97 sprms, as stored or rewritten
/// from Word 6 ones.
type Modifiers<'t> = Cow<'t, [u8]>;

/// The piece table of the `Clx`, and the property modifier lists (`Prc`,
/// what a fast save changed) that pieces point to, as Word 97 sprms. A Word
/// 6/95 file that is not fast-saved has no piece table: its text is one run
/// of characters from `fcMin` to `fcMac`; in a fast-saved one every piece
/// is 8-bit, at the offset its descriptor gives. Word 95's Unicode variant
/// (`fExtChar`) keeps UTF-16 text and marks its pieces as Word 97 does.
fn pieces<'t>(fib: &Fib, table: &'t [u8]) -> Result<(Vec<Piece>, Vec<Modifiers<'t>>)> {
    if let Some(legacy) = fib.legacy.filter(|l| !l.complex) {
        let bytes = legacy.fc_mac.saturating_sub(legacy.fc_min);
        let (end, compressed) = if legacy.unicode { (bytes / 2, false) } else { (bytes, true) };
        return Ok((vec![Piece { cp_start: 0, cp_end: end, offset: legacy.fc_min, compressed, prm: 0 }], Vec::new()));
    }
    let clx = slice(table, fib.pair(pair::CLX));
    let damaged = || Error::corrupt("the piece table (Clx) is damaged; the text cannot be found");
    let mut modifiers = Vec::new();
    let mut at = 0usize;
    while let Some(&kind) = clx.get(at) {
        match kind {
            1 => {
                let cb = usize::from(u16_at(clx, at + 1).ok_or_else(damaged)?);
                let grpprl = clx.get(at + 3..at + 3 + cb).ok_or_else(damaged)?;
                modifiers.push(match fib.legacy {
                    Some(legacy) => Cow::Owned(sprm6::to_word97(grpprl, legacy.dialect)),
                    None => Cow::Borrowed(grpprl),
                });
                at += 3 + cb;
            }
            2 => {
                let lcb = u32_at(clx, at + 1).ok_or_else(damaged)? as usize;
                let plc = clx.get(at + 5..(at + 5).saturating_add(lcb)).ok_or_else(damaged)?;
                if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
                    return Err(damaged());
                }
                let n = (lcb - 4) / 12;
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    let cp_start = u32_at(plc, 4 * i).ok_or_else(damaged)?;
                    let cp_end = u32_at(plc, 4 * (i + 1)).ok_or_else(damaged)?;
                    let fc = u32_at(plc, 4 * (n + 1) + 8 * i + 2).ok_or_else(damaged)?;
                    let prm = u16_at(plc, 4 * (n + 1) + 8 * i + 6).ok_or_else(damaged)?;
                    if cp_end < cp_start {
                        return Err(damaged());
                    }
                    let piece = if fib.legacy.is_some_and(|l| !l.unicode) {
                        Piece { cp_start, cp_end, offset: fc, compressed: true, prm }
                    } else {
                        let compressed = fc & 0x4000_0000 != 0;
                        let fc = fc & 0x3FFF_FFFF;
                        Piece { cp_start, cp_end, offset: if compressed { fc / 2 } else { fc }, compressed, prm }
                    };
                    out.push(piece);
                }
                return Ok((out, modifiers));
            }
            _ => return Err(damaged()),
        }
    }
    Err(damaged())
}

struct Text<'a> {
    word: &'a [u8],
    pieces: &'a [Piece],
    /// Word 6/95: the code pages of the 8-bit text, which depend on the
    /// paragraphs' styles (Word 97's 8-bit pieces are Windows-1252).
    code_pages: Option<&'a codepage::CodePages>,
    paragraphs: &'a [Run],
}

impl Text<'_> {
    /// Calls `each(cp, fc, unit)` for every character position in [from, to)
    /// that a piece covers, in order. A two-byte character of a Word 6
    /// double-byte code page is one call, at its first position.
    fn walk(&self, from: u32, to: u32, mut each: impl FnMut(u32, u32, u16)) -> Result<()> {
        let mut missing = false;
        for piece in self.pieces {
            let (start, end) = (piece.cp_start.max(from), piece.cp_end.min(to));
            let mut cp = start;
            while cp < end {
                let i = cp - piece.cp_start;
                let mut step = 1;
                let (fc, unit) = if piece.compressed {
                    let fc = piece.offset.saturating_add(i);
                    let byte = self.word.get(fc as usize).copied();
                    let unit = match (byte, self.code_pages) {
                        (Some(byte), Some(pages)) => {
                            let page = pages.at(fc, self.paragraphs);
                            let trail = self.word.get(fc as usize + 1).copied().filter(|_| cp + 1 < end);
                            match trail.filter(|_| page.is_lead(byte)) {
                                Some(trail) => {
                                    step = 2;
                                    Some(page.decode(&[byte, trail]) as u32 as u16)
                                }
                                None => Some(page.decode(&[byte]) as u32 as u16),
                            }
                        }
                        (byte, None) => byte.map(|b| cp1252(b) as u16),
                        (None, _) => None,
                    };
                    (fc, unit)
                } else {
                    let fc = piece.offset.saturating_add(i.saturating_mul(2));
                    (fc, u16_at(self.word, fc as usize))
                };
                match unit {
                    Some(unit) => each(cp, fc, unit),
                    None => {
                        missing = true;
                        break;
                    }
                }
                cp += step;
            }
        }
        if missing {
            return Err(Error::corrupt("the piece table points past the end of the text; the file is damaged"));
        }
        Ok(())
    }
}

/// A compressed piece's byte as Unicode: Windows-1252, as [MS-DOC] 2.4.1 says
/// (every Windows-1252 character is in the Basic Multilingual Plane).
fn cp1252(byte: u8) -> char {
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[byte]).0.chars().next().unwrap_or('\u{FFFD}')
}

/// A run of paragraph properties: paragraphs whose end mark's file offset
/// lies in [fc_start, fc_end).
#[derive(Debug, Clone)]
struct Run {
    fc_start: u32,
    fc_end: u32,
    grpprl: Vec<u8>,
    istd: u16,
}

/// The PAPX runs of every FKP the bin table lists, sorted by offset. A
/// Word 97 FKP has 13-byte entries (an offset and a PHE) and PAPXs whose
/// size is counted in words, less a byte; a Word 6 FKP has 7-byte entries,
/// PAPXs of whole words and one-byte sprms (rewritten as Word 97's); a Word
/// 2.0 FKP has one-byte entries, its PAPXs a one-byte style and the PHE
/// before the sprms. Also
/// counts the Word 6 paragraphs numbered automatically (ANLD), which are
/// not read.
fn paragraph_runs(fib: &Fib, table: &[u8], word: &[u8]) -> (Vec<Run>, usize) {
    let mut numbered = 0;
    let (entry_size, dialect) = match fib.legacy {
        Some(legacy) if legacy.dialect == sprm6::Dialect::Word2 => (1, Some(legacy.dialect)),
        Some(legacy) => (7, Some(legacy.dialect)),
        None => (13, None),
    };
    let mut runs = Vec::new();
    for page in fkp_pages(fib, pair::PLCF_BTE_PAPX, table, word) {
        let crun = usize::from(page[511]);
        for r in 0..crun {
            let (Some(fc_start), Some(fc_end)) = (u32_at(page, 4 * r), u32_at(page, 4 * (r + 1))) else { break };
            let bx = 4 * (crun + 1) + entry_size * r;
            let Some(&offset) = page.get(bx) else { break };
            if offset == 0 {
                runs.push(Run { fc_start, fc_end, grpprl: Vec::new(), istd: 0 });
                continue;
            }
            let at = usize::from(offset) * 2;
            let body = match (page.get(at), dialect) {
                (Some(&cw), Some(_)) => page.get(at + 1..(at + 1 + usize::from(cw) * 2).min(511)),
                (Some(&0), None) => {
                    let len = usize::from(page.get(at + 1).copied().unwrap_or(0)) * 2;
                    page.get(at + 2..(at + 2 + len).min(511))
                }
                (Some(&cb), None) => page.get(at + 1..(at + 1 + usize::from(cb) * 2 - 1).min(511)),
                (None, _) => None,
            };
            let body = body.unwrap_or(&[]);
            // Word 2.0: a one-byte style, then the paragraph's height (PHE).
            let (istd, grpprl) = if dialect == Some(sprm6::Dialect::Word2) {
                (u16::from(body.first().copied().unwrap_or(0)), body.get(7..).unwrap_or(&[]))
            } else {
                (u16_at(body, 0).unwrap_or(0), body.get(2..).unwrap_or(&[]))
            };
            let grpprl = match dialect {
                Some(dialect) => {
                    if sprm6::numbered(grpprl, dialect) {
                        numbered += 1;
                    }
                    sprm6::to_word97(grpprl, dialect)
                }
                None => grpprl.to_vec(),
            };
            runs.push(Run { fc_start, fc_end, grpprl, istd });
        }
    }
    runs.sort_by_key(|r| r.fc_start);
    (runs, numbered)
}

/// The 512-byte FKP pages a bin table (`PlcBtePapx`, `PlcBteChpx`, the
/// pair `index` of the FIB, in `table`) lists, in order; page numbers past
/// the stream's end are skipped. Word 97 page numbers are 4 bytes, Word 6
/// ones 2, and a Word 6 bin table may list fewer pages than the header
/// counts: the others follow its last page.
fn fkp_pages<'w>(fib: &Fib, index: usize, table: &[u8], word: &'w [u8]) -> Vec<&'w [u8]> {
    let plc = slice(table, fib.pair(index));
    let pn_size = if fib.legacy.is_some() { 2 } else { 4 };
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(4 + pn_size) {
        return Vec::new();
    }
    let n = (plc.len() - 4) / (4 + pn_size);
    let mut numbers: Vec<u32> = (0..n)
        .map(|i| {
            let at = 4 * (n + 1) + pn_size * i;
            if pn_size == 2 {
                u32::from(u16_at(plc, at).unwrap_or(0))
            } else {
                u32_at(plc, at).unwrap_or(0) & 0x003F_FFFF
            }
        })
        .collect();
    if let Some(legacy) = fib.legacy {
        let (_, count) = if index == pair::PLCF_BTE_CHPX { legacy.chp_pages } else { legacy.pap_pages };
        let last = numbers.last().copied().unwrap_or(0);
        let missing = usize::from(count).saturating_sub(n);
        // Only as many pages as the stream can hold.
        let missing = missing.min(word.len() / 512);
        numbers.extend((1..=missing as u32).map(|k| last.saturating_add(k)));
    }
    numbers.iter().filter_map(|&pn| word.get(pn as usize * 512..pn as usize * 512 + 512)).collect()
}

/// Where a field is: in its code (hidden) or its result (shown).
#[derive(Debug, Clone, Copy, PartialEq)]
enum FieldPart {
    Code,
    Result,
}

static NO_SYMBOLS: chars::Symbols = chars::Symbols::EMPTY;

/// Most fields open at once; deeper nesting is a damaged file.
const MAX_FIELD_DEPTH: usize = 64;

/// Characters → paragraphs and tables.
struct Builder<'r> {
    runs: &'r [Run],
    /// The `Data` stream, where properties too long for an FKP are kept.
    data: &'r [u8],
    /// Inserted symbols, by file offset.
    symbols: &'r chars::Symbols,
    styles: &'r styles::Styles,
    /// The document's lists, counting as paragraphs are numbered.
    numbering: Numbering,
    /// Where notes are referenced (sorted by position), the labels handed
    /// out, and the notes referenced so far with their labels.
    note_refs: Vec<notes::NoteRef>,
    counters: Counters,
    references: Vec<(NoteKind, usize, String)>,
    out: Vec<Fragment>,
    diagnostics: Vec<Diagnostic>,
    line: String,
    fields: Vec<FieldPart>,
    /// The table being built: finished rows, and the cells of the open row.
    rows: Vec<(Vec<String>, Option<RowDef>)>,
    cell_lines: Vec<String>,
    cells: Vec<String>,
    no_definition: usize,
    /// Text boxes by the main-text position of their anchor, with their
    /// blocks; those anchored in the paragraph being read, waiting for its end.
    text_boxes: Vec<(u32, Vec<Fragment>)>,
    floating: Vec<Fragment>,
    /// The pieces and the property modifier lists their Prms name.
    pieces: &'r [Piece],
    modifiers: &'r [&'r [u8]],
}

impl<'r> Builder<'r> {
    fn new(runs: &'r [Run], styles: &'r styles::Styles) -> Self {
        Builder {
            runs,
            data: &[],
            symbols: &NO_SYMBOLS,
            styles,
            numbering: Numbering::default(),
            note_refs: Vec::new(),
            counters: Counters::default(),
            references: Vec::new(),
            out: Vec::new(),
            diagnostics: Vec::new(),
            line: String::new(),
            fields: Vec::new(),
            rows: Vec::new(),
            cell_lines: Vec::new(),
            cells: Vec::new(),
            no_definition: 0,
            text_boxes: Vec::new(),
            floating: Vec::new(),
            pieces: &[],
            modifiers: &[],
        }
    }

    /// The blocks of the characters [from, to) of a story beside the main
    /// text (a note, a text box, a comment, or a commented range), read with
    /// this document's properties.
    fn side_story(&self, text: &Text, from: u32, to: u32) -> Result<Builder<'r>> {
        let mut story = Builder::new(self.runs, self.styles);
        story.data = self.data;
        story.symbols = self.symbols;
        story.pieces = self.pieces;
        story.modifiers = self.modifiers;
        text.walk(from, to, |cp, fc, c| story.char(cp, fc, c))?;
        story.finish();
        Ok(story)
    }

    /// The property modifiers of the piece holding character `cp` (a fast
    /// save's changes), empty when it has none.
    fn piece_modifiers(&self, cp: u32) -> &'r [u8] {
        let i = self.pieces.partition_point(|p| p.cp_end <= cp);
        match self.pieces.get(i).filter(|p| p.cp_start <= cp) {
            Some(piece) if piece.prm & 1 == 1 => self.modifiers.get(usize::from(piece.prm >> 1)).copied().unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The properties of the paragraph whose mark is character `cp`, at
    /// file offset `fc`: its style's, its run's in the FKP, then its
    /// piece's modifiers (which may name another style, `sprmPIstd`).
    fn para_at(&self, cp: u32, fc: u32) -> Para {
        let modifiers = self.piece_modifiers(cp);
        let istd = props::sprms(modifiers).into_iter().rfind(|(sprm, _)| *sprm == props::SPRM_P_ISTD);
        let istd = istd.and_then(|(_, op)| u16_at(op, 0));
        let i = self.runs.partition_point(|r| r.fc_start <= fc);
        let mut para = Para::default();
        if let Some(istd) = istd {
            para = self.styles.para(istd);
            para.istd = istd;
        }
        if let Some(run) = i.checked_sub(1).map(|i| &self.runs[i]).filter(|r| fc < r.fc_end) {
            if istd.is_none() {
                para = self.styles.para(run.istd);
                para.istd = run.istd;
            }
            para.apply(&run.grpprl);
            // sprmPHugePapx: the rest of the properties (a wide table's row
            // definition) are in the Data stream, a length and the sprms.
            for (sprm, op) in props::sprms(&run.grpprl) {
                if sprm == 0x6646 {
                    let at = u32_at(op, 0).unwrap_or(u32::MAX) as usize;
                    let len = usize::from(u16_at(self.data, at).unwrap_or(0));
                    if let Some(huge) = self.data.get(at + 2..(at + 2).saturating_add(len)) {
                        para.apply(huge);
                    }
                }
            }
        }
        para.apply(modifiers);
        para
    }

    fn char(&mut self, cp: u32, fc: u32, unit: u16) {
        let first = self.text_boxes.partition_point(|(anchor, _)| *anchor < cp);
        for (_, blocks) in self.text_boxes[first..].iter_mut().take_while(|(anchor, _)| *anchor == cp) {
            self.floating.append(blocks);
        }
        let at = self.note_refs.partition_point(|r| r.cp < cp);
        if let Some(&reference) = self.note_refs.get(at).filter(|r| r.cp == cp) {
            let label = self.counters.next(reference.kind);
            self.line.push_str(&mark(&label));
            self.references.push((reference.kind, reference.index, label));
            // An automatically numbered reference is a 0x02; a custom mark
            // is its own characters, kept.
            if unit == 0x02 {
                return;
            }
        }
        match unit {
            0x13 => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(FieldPart::Code);
                }
                return;
            }
            0x14 => {
                if let Some(last) = self.fields.last_mut() {
                    *last = FieldPart::Result;
                }
                return;
            }
            0x15 => {
                self.fields.pop();
                return;
            }
            _ => {}
        }
        let hidden = self.fields.contains(&FieldPart::Code);
        match unit {
            0x0D | 0x07 => self.paragraph_end(cp, fc, unit == 0x07),
            0x0C => {
                self.paragraph_end(cp, fc, false);
                if self.rows.is_empty() && self.cells.is_empty() {
                    self.out.push(Fragment::Break(BreakKind::Page));
                }
            }
            _ if hidden => {}
            // A line break; a column break (0x0E) breaks the line too.
            0x0B | 0x0E => self.line.push('\n'),
            0x09 => self.line.push('\t'),
            0x1E => self.line.push('\u{2011}'),
            chars::SYMBOL_PLACEHOLDER => {
                let unit = self.symbols.at(fc).unwrap_or(unit);
                self.line.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
            }
            // Pictures, drawn objects, note and comment marks, optional hyphens.
            0x00..=0x08 | 0x1F => {}
            _ => self.line.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}')),
        }
    }

    /// The list label of a paragraph, counted: a paragraph with a list
    /// format override (`sprmPIlfo` 1–2047; 0 is none, larger values mark
    /// numbering removed) at its level.
    fn label(&mut self, para: &Para) -> Option<Label> {
        let ilfo = para.ilfo.filter(|&i| (1..0x0800).contains(&i))?;
        let label = self.numbering.next_label(u32::from(ilfo), para.ilvl.unwrap_or(0));
        if let Some((value, format)) = self.numbering.take_past_bound() {
            self.diagnostics.push(Diagnostic::warning(
                "doc.numbering_bounded",
                format!("a list counter reached {value}, too large to write as {format}; it is written in decimal"),
            ));
        }
        label
    }

    fn paragraph_end(&mut self, cp: u32, fc: u32, cell_mark: bool) {
        let para = self.para_at(cp, fc);
        let mut raw = std::mem::take(&mut self.line);
        let row_mark = (cell_mark && para.row_end) || (para.itap > 1 && para.inner_row_end);
        let label = if row_mark { None } else { self.label(&para) };
        if let Some(label) = &label {
            raw.insert_str(0, &format!("{}{}", label.text, label.suffix.as_str()));
        }
        if para.itap >= 1 || cell_mark {
            if para.itap > 1 {
                // A nested table's paragraphs are the outer cell's lines.
                if !para.inner_row_end {
                    self.cell_lines.push(raw);
                }
                return;
            }
            if cell_mark && para.row_end {
                self.end_row(para.row);
                return;
            }
            self.cell_lines.push(raw);
            // Text boxes anchored in a cell are lines of the cell.
            if !self.floating.is_empty() {
                let floating = crate::docx::cell_text(&std::mem::take(&mut self.floating));
                self.cell_lines.push(floating);
            }
            if cell_mark {
                let text = crate::html::table::normalize_lines(&std::mem::take(&mut self.cell_lines).join("\n"));
                self.cells.push(text);
            }
            return;
        }
        self.end_table();
        let text = normalize(&raw);
        if !text.is_empty() {
            let heading_level = self.styles.heading_level(para.istd, para.outline);
            self.out.push(Fragment::Paragraph(ParagraphFragment {
                text,
                heading_level,
                numbering: label.map(|l| l.text),
                title_like: para.centered == Some(true),
                indented: para.first_indent.is_some_and(|i| i > 0),
                ..Default::default()
            }));
        }
        self.out.append(&mut self.floating);
    }

    fn end_row(&mut self, def: Option<RowDef>) {
        if !self.cell_lines.is_empty() {
            let text = crate::html::table::normalize_lines(&std::mem::take(&mut self.cell_lines).join("\n"));
            self.cells.push(text);
        }
        let cells = std::mem::take(&mut self.cells);
        self.rows.push((cells, def));
    }

    fn finish(&mut self) {
        let raw = std::mem::take(&mut self.line);
        if !raw.trim().is_empty() {
            self.line = raw;
            self.paragraph_end(u32::MAX, u32::MAX, false);
        }
        if !self.cells.is_empty() || !self.cell_lines.is_empty() {
            self.end_row(None);
        }
        self.end_table();
        self.out.append(&mut self.floating);
    }

    /// The finished rows as one table fragment.
    fn end_table(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        if rows.is_empty() {
            return;
        }
        match table(&rows, &mut self.no_definition) {
            Ok(Some(fragment)) => self.out.push(Fragment::Table(fragment)),
            Ok(None) => {}
            Err(e) => self.diagnostics.push(Diagnostic::warning(
                "doc.table_too_big",
                format!("a table could not be built ({}); its rows are kept as lines of text", e.message),
            )),
        }
    }
}

/// Rows with their definitions → a table: columns are the union of every
/// row's cell boundaries; a cell spans the columns between its boundaries;
/// merged cells join the cell to their left or above.
fn table(rows: &[(Vec<String>, Option<RowDef>)], no_definition: &mut usize) -> Result<Option<TableFragment>> {
    let defined = |cells: &[String], def: &Option<RowDef>| {
        def.as_ref().filter(|d| d.cells.len() == cells.len() && d.edges.len() == cells.len() + 1).cloned()
    };
    let mut edges: Vec<i16> = rows.iter().filter_map(|(c, d)| defined(c, d)).flat_map(|d| d.edges).collect();
    edges.sort_unstable();
    edges.dedup();
    let max_cells = rows.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let cols = if edges.len() >= 2 { (edges.len() - 1).max(max_cells) } else { max_cells };
    if cols == 0 {
        return Ok(None);
    }
    budget::charge_usize(Resource::Cells, rows.len().saturating_mul(cols))?;
    let mut cells: Vec<Cell> = Vec::new();
    // For each column, the index in `cells` of the cell open above it.
    let mut above: Vec<Option<usize>> = vec![None; cols];
    let marked_header_rows = rows.iter().take_while(|(_, d)| d.as_ref().is_some_and(|d| d.header)).count();
    for (r, (texts, def)) in rows.iter().enumerate() {
        let def = defined(texts, def);
        if def.is_none() && !texts.is_empty() {
            *no_definition += 1;
        }
        let mut placed: Vec<Option<usize>> = vec![None; cols];
        let mut previous: Option<usize> = None;
        for (i, text) in texts.iter().enumerate() {
            let (col, span, merged_left, merged_up) = match &def {
                Some(d) => {
                    let start = edges.partition_point(|&e| e < d.edges[i]);
                    let end = edges.partition_point(|&e| e < d.edges[i + 1]);
                    (
                        start.min(cols - 1),
                        end.saturating_sub(start).max(1),
                        d.cells[i].merged_left,
                        d.cells[i].merged_up,
                    )
                }
                None => (i.min(cols - 1), 1, false, false),
            };
            let span = span.min(cols - col);
            if merged_left
                && let Some(p) = previous {
                    let cell: &mut Cell = &mut cells[p];
                    cell.col_span = (col + span).saturating_sub(cell.col).max(cell.col_span);
                    append_text(&mut cell.text, text);
                    continue;
                }
            if merged_up
                && let Some(a) = above[col].filter(|&a| cells[a].col == col && cells[a].last_row() + 1 == r) {
                    cells[a].row_span += 1;
                    append_text(&mut cells[a].text, text);
                    placed[col] = Some(a);
                    previous = Some(a);
                    continue;
                }
            cells.push(Cell::new(r, col, text.clone()).spanning(1, span));
            previous = Some(cells.len() - 1);
            placed[col] = Some(cells.len() - 1);
        }
        above = placed;
    }
    let mut grid = Grid::new(rows.len(), cols, cells);
    let mut edges = if edges.len() == cols + 1 { edges } else { Vec::new() };
    // Columns that separate nothing: slivers narrower than a couple of
    // points that only wide cells cross (cell edges a few twips apart in
    // different rows), and columns in which no cell starts — as the DOCX
    // front end drops them.
    let widths: Vec<i32> = edges.windows(2).map(|w| i32::from(w[1]) - i32::from(w[0])).collect();
    let mut removed = Vec::new();
    grid.remove_redundant_columns(|col, starts_no_cell| {
        let sliver = widths.get(col).is_some_and(|&w| w < MIN_COLUMN_TWIPS);
        if sliver || starts_no_cell {
            removed.push(col);
        }
        sliver || starts_no_cell
    });
    // Removed right to left: each removal joins a column to its left
    // neighbour (the first column to its right one).
    for col in removed {
        if !edges.is_empty() {
            edges.remove(if col == 0 { 1 } else { col });
        }
    }
    let column_edges = edges.iter().map(|&e| f32::from(e.saturating_sub(edges[0])) / 20.0).collect();
    Ok(Some(TableFragment { grid, marked_header_rows, column_edges, ..Default::default() }))
}

/// Narrowest column kept when only spanning cells cross it: 2 pt.
const MIN_COLUMN_TWIPS: i32 = 40;

#[cfg(test)]
mod tests;
