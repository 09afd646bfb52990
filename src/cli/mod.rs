//! The command's subcommands that are more than a call into the library:
//! how inputs are named on the command line (`-`), where outputs go, and
//! what is printed.

pub mod compare;
pub mod convert;
pub mod inspect;

use std::path::Path;

/// The message for an output that could not be written, naming the path the
/// user gave (never the temporary file beside it) and what to do.
pub fn output_error(path: &Path, what: &str, e: &std::io::Error) -> String {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The error of the temporary file names that file; the OS reason alone
    // is what the user needs.
    let reason = e
        .raw_os_error()
        .map_or_else(|| e.kind().to_string(), |code| std::io::Error::from_raw_os_error(code).to_string());
    if !folder.is_dir() {
        if folder.exists() {
            return format!("{}: io: cannot write {what}: {} is not a folder", path.display(), folder.display());
        }
        return format!(
            "{}: io: cannot write {what}: the folder {} does not exist; create it first (mkdir -p {}) or choose another path",
            path.display(),
            folder.display(),
            folder.display()
        );
    }
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        return format!(
            "{}: io: cannot write {what}: permission denied in {}; choose a folder you can write to",
            path.display(),
            folder.display()
        );
    }
    format!("{}: io: cannot write {what} ({reason})", path.display())
}

/// Checks before a batch runs that a CSV it writes at the end (`option`:
/// `--summary`, `--panel`) can be written where asked: the folder exists
/// (or is the batch's output folder, which the batch creates), and the path
/// is not a folder.
pub fn summary_path_is_writable(path: &Path, outdir: &Path, option: &str) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!("{}: {option} names a file to write, and this is a folder", path.display()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let same = |a: &Path, b: &Path| a.components().eq(b.components());
    if !folder.is_dir() && !same(folder, outdir) {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        return Err(output_error(path, &format!("the {} CSV", option.trim_start_matches('-')), &e));
    }
    Ok(())
}
