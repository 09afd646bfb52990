//! Finding the inputs of a batch: every document below a folder (recursive),
//! inside a zip given as the input, or inside a zip found in the folder tree.
//! Each is named by its path relative to the batch root, with `/` between
//! components: `2019/a.pdf`, `archive.zip/2019/a.pdf`.
//!
//! Discovery reads names only, never contents (except a zip's directory), so
//! it is quick and its memory is the list of names. Files that are not
//! documents are listed as skipped with the reason; a folder or zip that
//! cannot be read becomes a failure of that one source.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::archive::Archive;
use super::plan;
use crate::error::{Error, ErrorCode};

/// Extensions converted. `.wps` files that are not Word binary documents
/// are attempted so that each gets an error that says how to convert it,
/// rather than vanishing into the skipped list. The content, not the
/// extension, decides the format: a DOCX named `.doc` converts.
/// `.txt` is read as Markdown, as `govdoc convert` reads it.
const INPUT_EXTENSIONS: [&str; 12] =
    ["docx", "pdf", "md", "markdown", "txt", "doc", "wps", "ofd", "html", "htm", "mht", "mhtml"];

/// Where an input's bytes are.
#[derive(Clone)]
pub enum Location {
    File(PathBuf),
    ZipEntry { archive: Arc<Archive>, index: usize },
}

/// A file to convert.
#[derive(Clone)]
pub struct Input {
    /// Path relative to the batch root, `/`-separated; becomes `source.name`.
    pub source: String,
    pub location: Location,
}

/// A file that is not an input, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file's path relative to the batch root.
    pub source: String,
    /// Why it is not an input, and what to do about it.
    pub reason: String,
}

/// What discovery found; each list sorted by source name.
#[derive(Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
    /// Folders and archives that could not be read.
    pub failures: Vec<(String, Error)>,
}

/// Finds the inputs below `root` (a folder or a zip). `exclude` is a folder
/// not to descend into — the output folder, when it lies inside the input.
pub fn discover(root: &Path, exclude: Option<&Path>) -> Found {
    let mut found = Found::default();
    if root.is_dir() {
        walk(root, "", exclude, &mut found);
    } else {
        let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match Archive::open(root) {
            Ok(archive) if archive.is_document_package() => {
                found.inputs.push(Input { source: name, location: Location::File(root.to_path_buf()) })
            }
            Ok(archive) => expand(Arc::new(archive), "", &mut found),
            Err(e) => found.failures.push((name, e)),
        }
    }
    found.inputs.sort_by(|a, b| by_name(&a.source, &b.source));
    found.skipped.sort_by(|a, b| by_name(&a.source, &b.source));
    found.failures.sort_by(|a, b| by_name(&a.0, &b.0));
    found
}

/// Source-name order: by bytes, so the same on every machine and locale.
fn by_name(a: &str, b: &str) -> Ordering {
    a.cmp(b)
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() { name.to_string() } else { format!("{prefix}/{name}") }
}

fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Why a file (by its last path component) is not an input, or `None` if it is.
fn skip_reason(file_name: &str) -> Option<String> {
    if file_name.starts_with("~$") {
        return Some("an Office lock file (~$…), left while the document was open".to_string());
    }
    if file_name.starts_with("._") {
        return Some("a macOS resource-fork file (._…), not a document".to_string());
    }
    let ext = extension(file_name);
    if INPUT_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    if crate::detect::SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
        return Some(format!("a spreadsheet (.{ext}), not a document; {}", crate::error::SPREADSHEET_ADVICE));
    }
    Some(if ext.is_empty() {
        "not a document govdoc reads (no extension)".to_string()
    } else {
        format!("not a document govdoc reads (.{ext})")
    })
}

fn walk(dir: &Path, prefix: &str, exclude: Option<&Path>, found: &mut Found) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let source = if prefix.is_empty() { ".".to_string() } else { prefix.to_string() };
            found.failures.push((source, folder_error(&e)));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let source = join(prefix, &name);
        // Symbolic links are followed to files but not to folders: a link to
        // a folder can make a cycle, or pull in a tree outside the input.
        let Ok(file_type) = entry.file_type() else { continue };
        let is_dir = if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    found.skipped.push(Skipped { source, reason: "a symbolic link to a folder, not followed".into() });
                    continue;
                }
                Ok(_) => false,
                Err(_) => {
                    found.skipped.push(Skipped { source, reason: "a broken symbolic link".into() });
                    continue;
                }
            }
        } else {
            file_type.is_dir()
        };
        if is_dir {
            if exclude.is_some_and(|ex| same_folder(&path, ex)) {
                continue;
            }
            walk(&path, &source, exclude, found);
        } else if extension(&name) == "zip" {
            match Archive::open(&path) {
                Ok(archive) if archive.is_document_package() => {
                    found.inputs.push(Input { source, location: Location::File(path) })
                }
                Ok(archive) => expand(Arc::new(archive), &source, found),
                Err(e) => found.failures.push((source, e)),
            }
        } else if let Some(reason) = skip_reason(&name) {
            found.skipped.push(Skipped { source, reason });
        } else {
            found.inputs.push(Input { source, location: Location::File(path) });
        }
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn folder_error(e: &std::io::Error) -> Error {
    Error::new(ErrorCode::Io, format!("the folder cannot be read ({e}); check its permissions"))
}

/// Adds the entries of `archive`, named under `prefix` (the archive's own
/// source name, empty when the archive is the batch input).
fn expand(archive: Arc<Archive>, prefix: &str, found: &mut Found) {
    for entry in archive.entries() {
        // Zips made on Windows sometimes separate with backslashes.
        if entry.is_dir || entry.name.ends_with(['/', '\\']) {
            continue;
        }
        // The name made relative and plain (no `..`, no drive), so that the
        // source name says where the entry lands below the archive.
        let name = plan::safe_components(&entry.name).join("/");
        let source = join(prefix, &name);
        let file_name = name.rsplit('/').next().unwrap_or(&name);
        let reason = if name.starts_with("__MACOSX/") {
            Some("macOS metadata (__MACOSX/), not a document".to_string())
        } else if entry.is_symlink {
            Some("a symbolic link inside a zip, not followed".to_string())
        } else if extension(file_name) == "zip" {
            Some("a zip inside a zip is not opened; unpack the outer zip and run `govdoc batch` on the folder".into())
        } else {
            skip_reason(file_name)
        };
        match reason {
            Some(reason) => found.skipped.push(Skipped { source, reason }),
            None => found.inputs.push(Input {
                source,
                location: Location::ZipEntry { archive: Arc::clone(&archive), index: entry.index },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[&str]) -> Vec<u8> {
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut buffer);
        for name in entries {
            if name.ends_with('/') {
                writer.add_directory(*name, zip::write::SimpleFileOptions::default()).unwrap();
            } else {
                writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
                writer.write_all(b"x").unwrap();
            }
        }
        writer.finish().unwrap();
        buffer.into_inner()
    }

    fn sources(found: &Found) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
        (
            found.inputs.iter().map(|i| i.source.as_str()).collect(),
            found.skipped.iter().map(|s| s.source.as_str()).collect(),
            found.failures.iter().map(|f| f.0.as_str()).collect(),
        )
    }

    #[test]
    fn folders_and_the_zips_in_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2019/sub")).unwrap();
        std::fs::write(root.join("2019/a.docx"), "x").unwrap();
        std::fs::write(root.join("2019/sub/b.PDF"), "x").unwrap();
        std::fs::write(root.join("2019/~$a.docx"), "x").unwrap();
        std::fs::write(root.join("broken.zip"), "PK not really").unwrap();
        let archive = zip_of(&["x/", "x/c.md", "__MACOSX/x/._c.md", "inner.zip", "/abs/../d.docx", "e.xlsx"]);
        std::fs::write(root.join("archive.zip"), archive).unwrap();
        // A DOCX renamed .zip is a document, not an archive.
        std::fs::write(root.join("renamed.zip"), zip_of(&["[Content_Types].xml", "word/document.xml"])).unwrap();
        let found = discover(root, None);
        let (inputs, skipped, failures) = sources(&found);
        assert_eq!(
            inputs,
            ["2019/a.docx", "2019/sub/b.PDF", "archive.zip/d.docx", "archive.zip/x/c.md", "renamed.zip"]
        );
        assert_eq!(
            skipped,
            ["2019/~$a.docx", "archive.zip/__MACOSX/x/._c.md", "archive.zip/e.xlsx", "archive.zip/inner.zip"]
        );
        assert_eq!(failures, ["broken.zip"]);
        assert_eq!(found.failures[0].1.code, ErrorCode::Corrupt);
    }

    #[test]
    fn a_zip_as_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reports.zip");
        std::fs::write(&path, zip_of(&["2019/a.docx", "2020/b.pdf"])).unwrap();
        let found = discover(&path, None);
        assert_eq!(sources(&found).0, ["2019/a.docx", "2020/b.pdf"]);
    }

    #[test]
    fn inputs_by_extension_and_lock_files_skipped() {
        assert_eq!(skip_reason("a.DOCX"), None);
        assert_eq!(skip_reason("a.pdf"), None);
        assert_eq!(skip_reason("old.doc"), None);
        assert!(skip_reason("~$a.docx").unwrap().contains("lock"));
        assert!(skip_reason("._a.docx").unwrap().contains("macOS"));
        assert!(skip_reason("table.xlsx").unwrap().contains(".xlsx"));
        assert!(skip_reason(".docx").unwrap().contains("no extension"));
        assert!(skip_reason("README").unwrap().contains("no extension"));
    }
}
