//! Which front end reads a file: decided by its first bytes, with the file
//! name's extension only to word the error for formats govdoc does not read.

use crate::error::{Error, ErrorCode, Result};
use crate::model::Format;

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn extension(name: &str) -> String {
    std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// How many leading bytes [`detect`] looks at: enough for every check it
/// makes, so a file's type can be told from this prefix alone.
pub const PREFIX_BYTES: usize = 8192;

/// Tells the format from a file's first [`PREFIX_BYTES`] (`head`) before the
/// rest is read; `len` is the whole file's size. Formats that need the whole
/// file (an OLE file's stream names, for the wording) pass here and are
/// worded by [`detect`] once it is read.
pub fn detect_prefix(head: &[u8], name: &str, len: u64) -> Result<()> {
    if len == 0 || head.starts_with(OLE_MAGIC) {
        return Ok(());
    }
    detect(head, name).map(|_| ())
}

/// The format of `bytes`, or the error that names what the file is instead.
pub fn detect(bytes: &[u8], name: &str) -> Result<Format> {
    let ext = extension(name);
    if bytes.is_empty() {
        return Err(Error::corrupt("the file is empty (0 bytes); it was probably not downloaded or saved completely"));
    }
    // PDF allows junk before the header; readers look in the first 1 KB.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if is_ofd_zip(bytes) {
            return Ok(Format::Ofd);
        }
        return Ok(Format::Docx);
    }
    if bytes.starts_with(OLE_MAGIC) {
        if crate::doc::is_word_binary(bytes) && !is_encrypted_ooxml(bytes) {
            return Ok(Format::Doc);
        }
        return Err(ole_error(bytes, &ext));
    }
    // Word 2.0 documents are not compound files.
    if crate::doc::is_word2(bytes) {
        return Ok(Format::Doc);
    }
    if let Some(kind) = image_kind(bytes) {
        return Err(Error::unsupported(format!(
            "this is {kind} image, not a document; run OCR on it first and convert the result"
        )));
    }
    let prefix = &bytes[..bytes.len().min(PREFIX_BYTES)];
    if crate::html::mhtml::looks_like_mhtml(prefix) {
        return Ok(Format::Mhtml);
    }
    if crate::html::looks_like_html(prefix) {
        return Ok(Format::Html);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Error::unsupported("this is an RTF file; open it in Word or WPS and save it as DOCX"));
    }
    // Standard input (named `-` by the command line) has no extension: text
    // there is taken as Markdown, as a `.txt` file is.
    let text_name = matches!(ext.as_str(), "md" | "markdown" | "txt") || name == "-";
    if text_name && !prefix.contains(&0) {
        return Ok(Format::Md);
    }
    if ext == "docx" || ext == "pdf" || ext == "ofd" {
        return Err(Error::corrupt(format!(
            "the name says .{ext} but the content does not start like a {} file; it is damaged, or another kind of file renamed",
            ext.to_uppercase()
        )));
    }
    if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::spreadsheet(&format!(".{ext}")));
    }
    let wrong = match ext.as_str() {
        "wps" | "doc" => format!("a .{ext} file that is not a Word binary document"),
        "" => "a file of unknown type".to_string(),
        other => format!("a .{other} file"),
    };
    Err(Error::unsupported(format!(
        "govdoc reads DOCX, PDF, OFD, Word 6.0–2003 (.doc), HTML/MHTML and Markdown; this is {wrong}"
    )))
}

/// Whether a zip holds an OFD container: an `OFD.xml` entry at its root.
/// Only the central directory is read.
fn is_ofd_zip(bytes: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return false };
    archive.file_names_raw().any(|raw| raw.strip_prefix(b"/").unwrap_or(raw).eq_ignore_ascii_case(b"OFD.xml"))
}

/// Extensions of spreadsheets, which get [`Error::spreadsheet`]'s advice.
pub(crate) const SPREADSHEET_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "et", "ods", "csv"];


/// An OOXML file encrypted with a password, which Office stores as an OLE
/// compound file with an `EncryptedPackage` stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    crate::doc::names_stream(bytes, "EncryptedPackage")
}

/// OLE compound files other than Word binary documents: WPS's own .wps,
/// Excel .xls — or an encrypted OOXML file.
fn ole_error(bytes: &[u8], ext: &str) -> Error {
    if is_encrypted_ooxml(bytes) {
        return Error::new(
            ErrorCode::Encrypted,
            "the document is protected with a password; open it in Word or WPS and save a copy without one",
        );
    }
    let what = if ext == "wps" || crate::doc::names_stream(bytes, "WpsCustomData") {
        "a WPS 文字 binary file (.wps) in WPS's own format, not Word's".to_string()
    } else if ext == "xls" || ext == "et" || crate::doc::names_stream(bytes, "Workbook") {
        return Error::spreadsheet("an Excel 97–2003 workbook, .xls");
    } else if ext.is_empty() {
        "a compound (OLE) file without a Word document stream".to_string()
    } else {
        format!("a .{ext} compound (OLE) file without a Word document stream")
    };
    Error::unsupported(format!("this is {what}; open it in Word or WPS and save it as DOCX (or export PDF)"))
}

fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 7] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG"),
        (b"\xFF\xD8\xFF", "a JPEG"),
        (b"GIF8", "a GIF"),
        (b"II*\0", "a TIFF"),
        (b"MM\0*", "a TIFF"),
        (b"BM", "a BMP"),
        (b"RIFF", "a WebP or other RIFF"),
    ];
    KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_not_name() {
        assert_eq!(detect(b"%PDF-1.7\n", "a.docx"), Ok(Format::Pdf));
        assert_eq!(detect(b"PK\x03\x04rest", "a.pdf"), Ok(Format::Docx));
        assert_eq!(detect("一、总体情况".as_bytes(), "seed.txt"), Ok(Format::Md));
        assert_eq!(detect(b"| a |", "t.md"), Ok(Format::Md));
        let mut ofd = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        ofd.start_file("OFD.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let ofd = ofd.finish().unwrap().into_inner();
        assert_eq!(detect(&ofd, "document.zip"), Ok(Format::Ofd));
        assert_eq!(detect(b"\0\0binary", "t.md").unwrap_err().code, ErrorCode::UnsupportedFormat);
        assert_eq!(detect(b"<!DOCTYPE html><html>", "report.txt"), Ok(Format::Html));
        assert_eq!(detect(b"<html><body>", "page.bin"), Ok(Format::Html));
        assert_eq!(
            detect(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n", "a"),
            Ok(Format::Mhtml)
        );
        // Markdown with inline HTML stays Markdown.
        assert_eq!(detect(b"# t\n<table></table>", "a.md"), Ok(Format::Md));
        // A Word 2.0 document is a file of its own, told by its header.
        let mut word2 = vec![0u8; 0x200];
        word2[..4].copy_from_slice(&[0xDB, 0xA5, 45, 0]);
        assert_eq!(detect(&word2, "old.bin"), Ok(Format::Doc));
    }

    #[test]
    fn the_prefix_alone_refuses_a_renamed_file() {
        let zeros = vec![0u8; PREFIX_BYTES];
        assert_eq!(detect_prefix(&zeros, "big.pdf", 900 << 20).unwrap_err().code, ErrorCode::Corrupt);
        assert!(detect_prefix(b"%PDF-1.7\n", "a.pdf", 1 << 20).is_ok());
        // An OLE file is worded from its stream names, read whole later.
        assert!(detect_prefix(OLE_MAGIC, "a.doc", 1 << 20).is_ok());
    }

    #[test]
    fn errors_name_what_the_file_is() {
        let code = |bytes: &[u8], name: &str| detect(bytes, name).unwrap_err();
        assert_eq!(code(b"", "a.docx").code, ErrorCode::Corrupt);
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend([0u8; 64]);
        assert!(code(&ole, "a.doc").message.contains(".doc"));
        assert!(code(&ole, "a.wps").message.contains(".wps"));
        let mut word = ole.clone();
        word.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(detect(&word, "a.wps"), Ok(Format::Doc));
        let mut encrypted = ole.clone();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(code(&encrypted, "a.docx").code, ErrorCode::Encrypted);
        assert!(code(b"\x89PNG\r\n\x1a\nxxxx", "scan.png").message.contains("OCR"));
        assert_eq!(code(b"\x01\x02garbage", "a.docx").code, ErrorCode::Corrupt);
        assert_eq!(code(b"\x01\x02garbage", "a.bin").code, ErrorCode::UnsupportedFormat);
        assert_eq!(code(b"<ofd", "x.ofd").code, ErrorCode::Corrupt);
        assert!(code(b"<ofd", "x.ofd").message.contains("OFD"));
    }
}
