//! Where a page's images and style sheets come from, found by their `src`
//! or `href`: a part of the web
//! archive (MHTML) the page came in, a `data:` URL inside the page, or a
//! file beside a saved page — "Save page as… complete" puts them in a
//! `name_files/` folder next to `name.html`. Files are read only inside the
//! page's folder: a path that climbs out of it (`..`, or a link leading
//! elsewhere), an absolute path and a URL to fetch are never followed.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::mhtml::{self, Part};
use crate::budget::{self, Resource};
use crate::error::Result;

/// The largest image file read from beside a page: far more than a
/// screenshot of a table takes (its pixels are limited again when decoded).
const MAX_IMAGE_BYTES: u64 = 64 << 20;

/// The images a page can show: its archive's parts and the folder it was
/// saved in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Images<'a> {
    /// The web archive's image parts (none for a plain page).
    pub archive: &'a [Part],
    /// The folder of a page read from disk; `None` for bytes without a
    /// place (standard input, a zip entry, a DOCX part).
    pub folder: Option<&'a Path>,
    /// The page is a web archive: its images are its parts, not files.
    pub is_archive: bool,
}

impl<'a> Images<'a> {
    /// The bytes of the image `src` names, or why there are none; the
    /// outer error is the document's budget running out.
    pub fn get(&self, src: &str) -> Result<std::result::Result<Cow<'a, [u8]>, String>> {
        self.resource(src, Part::is_image)
    }

    /// The text of the style sheet `href` names (a `<link rel="stylesheet">`),
    /// or why there is none: decoded by its byte-order mark, else its
    /// `@charset` rule, else as UTF-8 (a saved page's sheets are).
    pub fn style_sheet(&self, href: &str) -> Result<std::result::Result<String, String>> {
        Ok(self.resource(href, Part::is_style_sheet)?.map(|bytes| css_text(&bytes)))
    }

    fn resource(
        &self,
        src: &str,
        kind: fn(&Part) -> bool,
    ) -> Result<std::result::Result<Cow<'a, [u8]>, String>> {
        let src = src.trim();
        if let Some(data) = strip_prefix_ignore_case(src, "data:") {
            return data_url(data).map(|bytes| bytes.map(Cow::Owned));
        }
        if self.is_archive {
            let parts: Vec<&'a Part> = self.archive.iter().filter(|r| kind(r)).collect();
            return Ok(find_in_archive(src, &parts)
                .map(|part| Cow::Borrowed(part.bytes.as_slice()))
                .ok_or_else(|| format!("the file {src} is not in the web archive")));
        }
        let Some(folder) = self.folder else {
            return Ok(Err(format!(
                "the file {src} is beside the page, and the page was given without its folder (convert the saved file by its path)"
            )));
        };
        let relative = match relative_path(src) {
            Ok(relative) => relative,
            Err(why) => return Ok(Err(format!("the file {src} is not read: {why}"))),
        };
        Ok(read_beside(folder, &relative)?.map(Cow::Owned).map_err(|why| format!("the file {src} {why}")))
    }
}

/// The archive's image for `src`: the same location, else the only one
/// with the same file name (a page saved from one folder and read from
/// another).
fn find_in_archive<'i>(src: &str, parts: &[&'i Part]) -> Option<&'i Part> {
    if let Some(part) = parts.iter().find(|i| i.location == src) {
        return Some(part);
    }
    let file_name = |s: &str| s.rsplit('/').next().unwrap_or(s).to_string();
    let wanted = file_name(src);
    let mut same = parts.iter().filter(|i| file_name(&i.location) == wanted);
    match (same.next(), same.next()) {
        (Some(part), None) => Some(part),
        _ => None,
    }
}

/// A style sheet's bytes as text: its byte-order mark, else its
/// `@charset "…";` (the only form CSS reads), else UTF-8.
fn css_text(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
    }
    let declared = bytes
        .strip_prefix(b"@charset \"")
        .and_then(|rest| rest.iter().position(|&b| b == b'"').map(|end| &rest[..end]))
        .and_then(encoding_rs::Encoding::for_label);
    declared.unwrap_or(encoding_rs::UTF_8).decode_without_bom_handling(bytes).0.into_owned()
}

fn strip_prefix_ignore_case<'s>(text: &'s str, prefix: &str) -> Option<&'s str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The bytes of a `data:` URL's body (after `data:`): base64 ones only,
/// which is how pages carry pictures inline.
fn data_url(data: &str) -> Result<std::result::Result<Vec<u8>, String>> {
    let Some((meta, body)) = data.split_once(',') else {
        return Ok(Err("a data: URL without a comma".to_string()));
    };
    if !meta.trim().to_ascii_lowercase().ends_with(";base64") {
        return Ok(Err("a data: URL that is not base64".to_string()));
    }
    budget::charge_usize(Resource::DecodedBytes, body.len())?;
    Ok(Ok(mhtml::base64(body.as_bytes())))
}

/// The path a relative URL names inside the page's folder, as a browser
/// resolves it against a `file:` page: query and fragment dropped, `\` as
/// `/`, percent escapes undone (UTF-8), `.` skipped and `..` going up — but
/// never above the page's folder.
fn relative_path(src: &str) -> std::result::Result<PathBuf, String> {
    let end = src.find(['?', '#']).unwrap_or(src.len());
    let path = src[..end].replace('\\', "/");
    let scheme = path.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme {
        Some(drive) if drive.len() == 1 => return Err("it is an absolute path".to_string()),
        Some(scheme) => return Err(format!("it is a URL ({scheme}:), which is not fetched")),
        None => {}
    }
    if path.starts_with('/') {
        return Err("it is an absolute path".to_string());
    }
    let decoded = percent_decoded(&path).ok_or("its percent escapes are not UTF-8")?;
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop().ok_or("it leads out of the page's folder (..)")?;
            }
            _ if part.contains('\0') => return Err("its name holds a NUL".to_string()),
            _ => parts.push(part),
        }
    }
    if parts.is_empty() {
        return Err("it names no file".to_string());
    }
    Ok(parts.iter().collect())
}

fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The file at `relative` inside `folder`, when it really is inside it
/// (a link out of the folder is refused), charged to the input budget.
fn read_beside(folder: &Path, relative: &Path) -> Result<std::result::Result<Vec<u8>, String>> {
    let missing = || format!("is missing: there is no file {} in the page's folder {}", relative.display(), folder.display());
    let Ok(root) = folder.canonicalize() else { return Ok(Err(missing())) };
    let Ok(path) = root.join(relative).canonicalize() else { return Ok(Err(missing())) };
    if !path.starts_with(&root) {
        return Ok(Err(format!("is not read: {} leads out of the page's folder", relative.display())));
    }
    match std::fs::metadata(&path) {
        Ok(metadata) if metadata.is_file() => {
            if metadata.len() > MAX_IMAGE_BYTES {
                return Ok(Err(format!("is not read: the file is {} bytes, more than {MAX_IMAGE_BYTES}", metadata.len())));
            }
            budget::charge(Resource::InputBytes, metadata.len())?;
            Ok(std::fs::read(&path).map_err(|e| format!("cannot be read ({e})")))
        }
        _ => Ok(Err(missing())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside_the_page_folder() {
        let ok = |src: &str| relative_path(src).unwrap();
        assert_eq!(ok("report_files/table.png"), Path::new("report_files/table.png"));
        assert_eq!(ok("./report_files/t%E8%A1%A8.png?v=2#top"), Path::new("report_files/t表.png"));
        assert_eq!(ok("report_files\\a\\..\\b.gif"), Path::new("report_files/b.gif"));
        for (src, why) in [
            ("../secret.png", "out of the page's folder"),
            ("a/../../b.png", "out of the page's folder"),
            ("%2e%2e/b.png", "out of the page's folder"),
            ("/etc/passwd", "absolute"),
            ("\\\\server\\share\\a.png", "absolute"),
            ("C:/Users/a.png", "absolute"),
            ("http://example.com/a.png", "URL (http:)"),
            ("file:///etc/passwd", "URL (file:)"),
            ("./", "no file"),
            ("%FF.png", "not UTF-8"),
        ] {
            let got = relative_path(src).unwrap_err();
            assert!(got.contains(why), "{src}: {got}");
        }
    }

    #[test]
    fn files_are_read_only_inside_the_folder() {
        let top = tempfile::tempdir().unwrap();
        let page = top.path().join("page");
        std::fs::create_dir_all(page.join("report_files")).unwrap();
        std::fs::write(page.join("report_files/t.png"), b"inside").unwrap();
        std::fs::write(top.path().join("outside.png"), b"outside").unwrap();
        let images = Images { folder: Some(&page), ..Images::default() };
        assert_eq!(&*images.get("report_files/t.png").unwrap().unwrap(), b"inside");
        assert!(images.get("../outside.png").unwrap().unwrap_err().contains("out of the page's folder"));
        assert!(images.get("report_files/none.png").unwrap().unwrap_err().contains("is missing"));
        assert!(images.get("report_files").unwrap().unwrap_err().contains("is missing"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(top.path().join("outside.png"), page.join("report_files/link.png")).unwrap();
            assert!(images.get("report_files/link.png").unwrap().unwrap_err().contains("leads out"));
        }
        let without_folder = Images::default();
        assert!(without_folder.get("report_files/t.png").unwrap().unwrap_err().contains("without its folder"));
        // An archive's images are its parts, never files.
        let archive = Images { folder: Some(&page), is_archive: true, ..Images::default() };
        assert!(archive.get("report_files/t.png").unwrap().unwrap_err().contains("not in the web archive"));
    }

    #[test]
    fn base64_data_urls_are_read() {
        let images = Images::default();
        assert_eq!(&*images.get("data:image/png;base64,aW5saW5l").unwrap().unwrap(), b"inline");
        assert!(images.get("data:image/svg+xml,<svg/>").unwrap().unwrap_err().contains("not base64"));
    }
}
