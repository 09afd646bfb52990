//! The OPC package under a DOCX: the zip, its parts, and the relationships
//! that name them. Reads parts with a decompressed-size limit (zip bombs) and
//! hands them out as UTF-8 text.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::xml::{Ns, Xml};
use crate::error::{Error, ErrorCode, Result};

/// Largest decompressed part accepted; a real document.xml is a few MB.
pub const MAX_PART_BYTES: u64 = 256 << 20;

const OFFICE_DOCUMENT: &str = "/officeDocument";

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name → zip index: OPC part names are case-insensitive.
    parts: HashMap<String, usize>,
}

/// A relationship from one part to another.
#[derive(Debug, Clone)]
pub struct Relationship {
    /// `Id`, what `r:id` attributes name.
    pub id: String,
    pub kind: String,
    /// Resolved part name, without a leading slash.
    pub target: String,
}

fn zip_error(e: ZipError) -> Error {
    match e {
        ZipError::UnsupportedArchive(msg) if msg.to_ascii_lowercase().contains("password") => Error::new(
            ErrorCode::Encrypted,
            "the zip entries are encrypted; a password is needed — save an unprotected copy",
        ),
        ZipError::UnsupportedArchive(msg) => {
            Error::corrupt(format!("the zip archive uses a feature govdoc does not read ({msg}); re-save the file"))
        }
        other => Error::corrupt(format!(
            "the zip archive is damaged or truncated ({other}); download or export the file again"
        )),
    }
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        // Part names are ASCII in every DOCX; OFD packages may name
        // resources in Chinese, in UTF-8 or (zipped on Chinese Windows) GBK.
        let mut parts = HashMap::with_capacity(archive.len());
        for (i, raw) in archive.file_names_raw().enumerate() {
            let name = crate::zipname::decode_entry_name(raw, 0);
            parts.insert(name.trim_start_matches('/').to_ascii_lowercase(), i);
        }
        Ok(Package { archive, parts })
    }

    pub fn has_part(&self, name: &str) -> bool {
        self.parts.contains_key(&name.to_ascii_lowercase())
    }

    pub fn part_names(&self) -> impl Iterator<Item = &str> {
        self.parts.keys().map(String::as_str)
    }

    /// The bytes of a part, or `None` if the package has no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(&index) = self.parts.get(&name.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let file = self.archive.by_index(index).map_err(zip_error)?;
        if file.size() > MAX_PART_BYTES {
            return Err(Error::too_large(format!(
                "part {name} would decompress to {} bytes, over the limit of {MAX_PART_BYTES}",
                file.size()
            )));
        }
        let mut bytes = Vec::with_capacity(file.size().min(16 << 20) as usize);
        // The declared size can lie; never read past the limit.
        file.take(MAX_PART_BYTES + 1).read_to_end(&mut bytes).map_err(|e| {
            Error::corrupt(format!("part {name} cannot be decompressed ({e}); the file is damaged or truncated"))
        })?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(Error::too_large(format!("part {name} decompresses to more than {MAX_PART_BYTES} bytes")));
        }
        // Each read decompresses again (an OFD's pages may all name one
        // content file), so each read is charged.
        crate::budget::charge_usize(crate::budget::Resource::DecodedBytes, bytes.len())?;
        Ok(Some(bytes))
    }

    /// A part as text, transcoded to UTF-8 (see [`decode_xml`]).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>> {
        Ok(self.read(name)?.map(|bytes| decode_xml(&bytes)))
    }

    /// Relationships of `part` ("" for the package itself).
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let Some(text) = self.read_text(&rels_name)? else {
            return Ok(Vec::new());
        };
        let mut xml = Xml::new(&text, &rels_name);
        let mut rels = Vec::new();
        xml.root()?;
        while let Some(e) = xml.next_child()? {
            if e.is(Ns::Rel, "Relationship") && e.attr("TargetMode").as_deref() != Some("External")
                && let (Some(kind), Some(target)) = (e.attr("Type"), e.attr("Target")) {
                    let id = e.attr("Id").unwrap_or_default();
                    rels.push(Relationship { id, kind, target: resolve_target(dir, &target) });
                }
            xml.skip()?;
        }
        Ok(rels)
    }

    /// The main document part, found through the package relationships
    /// (`_rels/.rels`), falling back to the usual name.
    pub fn main_document(&mut self) -> Result<Option<String>> {
        let rels = self.relationships("")?;
        let by_rel =
            rels.into_iter().find(|r| r.kind.ends_with(OFFICE_DOCUMENT) && self.has_part(&r.target)).map(|r| r.target);
        Ok(by_rel.or_else(|| self.has_part("word/document.xml").then(|| "word/document.xml".to_string())))
    }
}

/// Resolves a relationship target against the directory of its source part.
pub(crate) fn resolve_target(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut segments: Vec<&str> = if let Some(absolute) = target.strip_prefix('/') {
        return normalize_segments(absolute.split('/').collect());
    } else if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    segments.extend(target.split('/'));
    normalize_segments(segments)
}

fn normalize_segments(segments: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for s in segments {
        match s {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// XML bytes as UTF-8 text: a BOM or the declaration's `encoding` decides;
/// undecodable bytes become U+FFFD rather than failing the whole document.
pub fn decode_xml(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let head = &bytes[..bytes.len().min(200)];
    let declared = std::str::from_utf8(head.split(|&b| b == b'>').next().unwrap_or(&[]))
        .ok()
        .and_then(|decl| {
            let rest = decl.split_once("encoding=")?.1;
            let quote = rest.chars().next()?;
            rest[quote.len_utf8()..].split(quote).next().map(str::to_string)
        })
        .and_then(|label| crate::encoding::by_label(&label));
    match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_directory() {
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve_target("", "/word/main.xml"), "word/main.xml");
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve_target("word", "/word/numbering.xml"), "word/numbering.xml");
    }

    #[test]
    fn xml_text_is_transcoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<?xml version=\"1.0\" encoding=\"GBK\"?><a>中文</a>");
        assert!(decode_xml(&gbk).contains("中文"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<a>中文</a>".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode_xml(&utf16), "<a>中文</a>");
        assert_eq!(decode_xml("\u{FEFF}<a/>".as_bytes()), "<a/>");
    }
}
