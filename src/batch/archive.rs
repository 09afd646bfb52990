//! Zip archives as batch inputs: their directory read once, their entries
//! read one at a time, each under a decompressed-size limit.
//!
//! An archive is never held in memory. Its central directory is parsed once
//! (after checking the entry count it declares, so a forged directory of
//! millions of entries is refused before it is parsed) and shared by every
//! worker; a worker opens the file itself and decompresses just the entry it
//! converts, stopping at [`MAX_ENTRY_BYTES`] whatever the entry's header
//! claims, so a zip bomb costs one `too large` error and no memory.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zip::ZipReadOptions;
use zip::read::ZipArchiveMetadata;
use zip::result::ZipError;

use crate::zipname::decode_entry_name;
use crate::error::{Error, ErrorCode, Result};

/// Largest decompressed entry read from a zip. Real reports are a few MB;
/// a scanned one can reach a hundred. Several entries are in memory at once,
/// one per worker, so this bounds the batch's memory too.
pub const MAX_ENTRY_BYTES: u64 = 256 << 20;

/// Most entries an archive may have. Each costs a few hundred bytes of
/// directory in memory; archives of reports have thousands.
pub const MAX_ENTRIES: u64 = 100_000;

/// An opened zip archive: its path and its parsed central directory.
pub struct Archive {
    path: PathBuf,
    directory: Arc<ZipArchiveMetadata>,
}

/// One entry of the central directory, as discovery needs it.
pub struct EntryInfo {
    pub index: usize,
    /// The decoded name (UTF-8 or GBK, see [`decode_entry_name`]).
    pub name: String,
    pub is_dir: bool,
    pub is_symlink: bool,
}

impl Archive {
    /// Opens the archive at `path` and reads its central directory.
    pub fn open(path: &Path) -> Result<Archive> {
        let file = File::open(path).map_err(|e| read_error(&e))?;
        let mut reader = BufReader::new(file);
        if let Some(count) = declared_entries(&mut reader).map_err(|e| read_error(&e))?
            && count > MAX_ENTRIES {
                return Err(too_many(count));
            }
        reader.seek(SeekFrom::Start(0)).map_err(|e| read_error(&e))?;
        let archive = zip::ZipArchive::new(reader).map_err(|e| archive_error(e, "archive"))?;
        if archive.len() as u64 > MAX_ENTRIES {
            return Err(too_many(archive.len() as u64));
        }
        Ok(Archive { path: path.to_path_buf(), directory: archive.metadata() })
    }

    /// The archive's entries, in central-directory order.
    pub fn entries(&self) -> Vec<EntryInfo> {
        (0..self.directory.len())
            .filter_map(|index| {
                let entry = self.directory.entry(index).ok()?;
                Some(EntryInfo {
                    index,
                    name: decode_entry_name(entry.name_raw(), entry.flags().as_u16()),
                    is_dir: entry.is_dir(),
                    is_symlink: entry.is_symlink(),
                })
            })
            .collect()
    }

    /// True when the archive is itself a document (a DOCX, XLSX or OFD
    /// package renamed .zip): it is then converted as one file, not opened.
    pub fn is_document_package(&self) -> bool {
        self.entries().iter().any(|e| {
            let name = e.name.trim_start_matches('/').to_ascii_lowercase();
            name == "[content_types].xml" || name == "ofd.xml"
        })
    }

    /// The decompressed bytes of entry `index`, at most `limit` of them.
    pub fn read(&self, index: usize, limit: u64) -> Result<Vec<u8>> {
        let entry = self.directory.entry(index).map_err(|e| archive_error(e, "entry"))?;
        if entry.size() > limit {
            return Err(over_limit(limit, Over::Declared(entry.size())));
        }
        let mut file = BufReader::new(File::open(&self.path).map_err(|e| read_error(&e))?);
        let reader = entry.with_reader(&mut file, ZipReadOptions::default()).map_err(|e| archive_error(e, "entry"))?;
        let mut bytes = Vec::with_capacity(reader.size().min(limit).min(64 << 20) as usize);
        let declared = reader.size();
        // The header's size can lie (that is how zip bombs pass size checks):
        // read one byte past the limit to know, never more. The zip crate
        // itself stops at the declared size and fails; that too is a bomb.
        if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
            if bytes.len() as u64 >= declared {
                return Err(over_limit(limit, Over::HeaderLies));
            }
            return Err(Error::corrupt(format!(
                "the zip entry cannot be decompressed ({e}); the archive is damaged — download it again"
            )));
        }
        if bytes.len() as u64 > limit {
            return Err(over_limit(limit, Over::Limit));
        }
        Ok(bytes)
    }
}

fn read_error(e: &std::io::Error) -> Error {
    Error::new(ErrorCode::Io, format!("the zip archive cannot be read ({e}); check that it exists and is readable"))
}

fn too_many(count: u64) -> Error {
    Error::too_large(format!(
        "the zip archive has {count} entries, over the limit of {MAX_ENTRIES}; unpack it and run `govdoc batch` on its folders one at a time"
    ))
}

/// How an entry was found to be too large.
enum Over {
    /// Its header declares this many bytes, over the limit.
    Declared(u64),
    /// Decompressing passed the limit.
    Limit,
    /// Decompressing passed the size the header declares: a forged header,
    /// as zip bombs have.
    HeaderLies,
}

fn over_limit(limit: u64, how: Over) -> Error {
    let what = match how {
        Over::Declared(size) => format!("the zip entry would decompress to {size} bytes, over the limit of {limit}"),
        Over::Limit => format!("the zip entry decompresses to more than the limit of {limit} bytes"),
        Over::HeaderLies => "the zip entry decompresses to more than its header says".to_string(),
    };
    Error::too_large(format!(
        "{what} (a zip bomb, or a very large file); unpack it with a tool you trust and convert the file directly"
    ))
}

fn archive_error(e: ZipError, what: &str) -> Error {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => Error::new(
            ErrorCode::Encrypted,
            "the zip entry is encrypted; unpack the archive with its password and run `govdoc batch` on the folder",
        ),
        ZipError::CompressionMethodNotSupported(method) => Error::unsupported(format!(
            "the zip {what} uses compression method {method}, which govdoc does not read (only stored and deflate); unpack it with 7-Zip and run `govdoc batch` on the folder"
        )),
        ZipError::UnsupportedArchive(msg) => Error::unsupported(format!(
            "the zip {what} uses a feature govdoc does not read ({msg}); unpack it with another tool and run `govdoc batch` on the folder"
        )),
        ZipError::Io(e) => Error::corrupt(format!(
            "the zip {what} cannot be read ({e}); the archive is damaged or truncated — download it again"
        )),
        other => Error::corrupt(format!(
            "the zip {what} is damaged or truncated ({other}); download it again, or unpack it with another tool and run `govdoc batch` on the folder"
        )),
    }
}

/// The entry count the end-of-central-directory record declares (ZIP64
/// included), or `None` when no record is found — then the zip crate's own
/// parse reports the damage.
fn declared_entries<R: Read + Seek>(reader: &mut R) -> std::io::Result<Option<u64>> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const EOCD_LEN: usize = 22;
    let len = reader.seek(SeekFrom::End(0))?;
    let tail_len = len.min(EOCD_LEN as u64 + u16::MAX as u64);
    let tail_start = len - tail_len;
    reader.seek(SeekFrom::Start(tail_start))?;
    let mut tail = vec![0u8; tail_len as usize];
    reader.read_exact(&mut tail)?;
    let Some(at) = (0..tail.len().saturating_sub(EOCD_LEN - 1)).rev().find(|&i| tail[i..].starts_with(EOCD)) else {
        return Ok(None);
    };
    let record = &tail[at..at + EOCD_LEN];
    let count = u16::from_le_bytes([record[10], record[11]]);
    if count != u16::MAX {
        return Ok(Some(count.into()));
    }
    // ZIP64: the locator sits right before the record and points at the
    // ZIP64 end record, whose entry count is a u64 at offset 32.
    let Some(locator_at) = (tail_start + at as u64).checked_sub(20) else {
        return Ok(Some(count.into()));
    };
    let mut locator = [0u8; 20];
    reader.seek(SeekFrom::Start(locator_at))?;
    reader.read_exact(&mut locator)?;
    if &locator[..4] != b"PK\x06\x07" {
        return Ok(Some(count.into()));
    }
    let end64_at = u64::from_le_bytes(locator[8..16].try_into().expect("8 bytes"));
    let mut end64 = [0u8; 40];
    if end64_at.checked_add(40).is_none_or(|end| end > len) {
        return Ok(None);
    }
    reader.seek(SeekFrom::Start(end64_at))?;
    reader.read_exact(&mut end64)?;
    if &end64[..4] != b"PK\x06\x06" {
        return Ok(None);
    }
    Ok(Some(u64::from_le_bytes(end64[32..40].try_into().expect("8 bytes"))))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buffer = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut buffer);
        for (name, bytes) in entries {
            writer.start_file(*name, SimpleFileOptions::default()).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap();
        buffer.into_inner()
    }

    #[test]
    fn reads_entries_under_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        std::fs::write(&path, zip_of(&[("a.md", b"hello"), ("big.md", &[b'x'; 5000])])).unwrap();
        let archive = Archive::open(&path).unwrap();
        let names: Vec<String> = archive.entries().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["a.md", "big.md"]);
        assert_eq!(archive.read(0, 100).unwrap(), b"hello");
        assert_eq!(archive.read(1, 100).unwrap_err().code, ErrorCode::TooLarge);
        assert!(!archive.is_document_package());
    }

    #[test]
    fn entry_count_is_checked_before_parsing() {
        let bytes = zip_of(&[("a.md", b"x"), ("b.md", b"y")]);
        assert_eq!(declared_entries(&mut Cursor::new(&bytes)).unwrap(), Some(2));
        let mut forged = bytes.clone();
        let at = forged.len() - 22;
        forged[at + 10..at + 12].copy_from_slice(&60_000u16.to_le_bytes());
        assert_eq!(declared_entries(&mut Cursor::new(&forged)).unwrap(), Some(60_000));
        assert_eq!(declared_entries(&mut Cursor::new(b"not a zip")).unwrap(), None);
    }

    #[test]
    fn damaged_archives_are_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let bytes = zip_of(&[("a.md", b"hello")]);
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(Archive::open(&path).err().unwrap().code, ErrorCode::Corrupt);
    }
}
