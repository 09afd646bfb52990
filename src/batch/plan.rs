//! Where each input's JSON goes: `OUTDIR/<relative source path>.json`, with
//! names made safe and collisions settled, before anything is converted.
//!
//! Names come from zip archives made by anyone, so they may hold `..`,
//! absolute paths, drive letters, backslashes or NUL bytes. A name is cut
//! into components, `..` takes back the component before it and never goes
//! above the top, and only plain components are kept, so an output path can
//! never leave OUTDIR, whatever the archive says.
//!
//! Two sources can then map to one output: `a/../b.docx` and `b.docx`, or
//! `A.docx` and `a.docx` on a file system that ignores case (Windows, macOS).
//! Collisions are settled the same way on every machine — compared without
//! case, in the order of the source names — by giving the later source
//! `<name>~2.json`, `~3`, …, so the outputs are the same on every run and on
//! every file system.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The error log at the top of OUTDIR; no output folder may take its name.
pub const ERRORS_FILE: &str = "errors.jsonl";
/// The warning log beside it: every warning of every output, by source.
pub const WARNINGS_FILE: &str = "warnings.jsonl";

/// The plain components of `source`: separators `/` and `\`; empty and `.`
/// components dropped, `..` resolved (never above the top), no drive letter,
/// control characters replaced by `_`. Never empty.
pub fn safe_components(source: &str) -> Vec<String> {
    let mut components: Vec<String> = Vec::new();
    for (i, part) in source.split(['/', '\\']).enumerate() {
        let part = if i == 0 { strip_drive(part) } else { part };
        match part {
            "" | "." => continue,
            ".." => {
                components.pop();
                continue;
            }
            _ => {}
        }
        let cleaned: String = part.chars().map(|c| if c.is_control() { '_' } else { c }).collect();
        components.push(cleaned);
    }
    if components.is_empty() {
        components.push("_".to_string());
    }
    if components.len() > 1 && [ERRORS_FILE, WARNINGS_FILE].iter().any(|f| components[0].eq_ignore_ascii_case(f)) {
        components[0].push('_');
    }
    components
}

/// `C:` / `c:foo` at the start of a name is a Windows drive, not a folder.
fn strip_drive(part: &str) -> &str {
    let bytes = part.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' { &part[2..] } else { part }
}

/// The output path, relative to OUTDIR, of each source, in the same order.
/// `sources` must be in a deterministic order (the batch sorts them by name);
/// the first source keeps a contested name.
pub fn output_paths(sources: &[&str]) -> Vec<PathBuf> {
    let wanted: Vec<Vec<String>> = sources.iter().map(|s| safe_components(s)).collect();
    // Folders the outputs need, a file may not take one of their names. Kept
    // as a tree — (parent folder, folded name) → folder, OUTDIR is 0 — not as
    // joined prefixes, so a deep path costs its depth, not its depth squared.
    let mut folders: HashMap<(usize, String), usize> = HashMap::new();
    let mut parents: Vec<usize> = Vec::with_capacity(wanted.len());
    for components in &wanted {
        let mut folder = 0;
        for name in &components[..components.len() - 1] {
            let next = folders.len() + 1;
            folder = *folders.entry((folder, fold(name))).or_insert(next);
        }
        parents.push(folder);
    }
    let mut taken: HashSet<(usize, String)> = HashSet::new();
    // Per folder and name, the next number to try: every number below it was
    // found taken, and taken names stay taken — many sources of one name cost
    // one step each, not one per earlier copy.
    let mut next_number: HashMap<(usize, String), usize> = HashMap::new();
    wanted
        .into_iter()
        .zip(parents)
        .map(|(components, folder)| {
            let name = &components[components.len() - 1];
            let is_free = |file: &str, taken: &HashSet<(usize, String)>| {
                let key = (folder, fold(file));
                !taken.contains(&key) && !folders.contains_key(&key)
            };
            let mut file = format!("{name}.json");
            if !is_free(&file, &taken) {
                let n = next_number.entry((folder, fold(name))).or_insert(2);
                loop {
                    file = format!("{name}~{n}.json");
                    *n += 1;
                    if is_free(&file, &taken) {
                        break;
                    }
                }
            }
            taken.insert((folder, fold(&file)));
            let mut path: PathBuf = components[..components.len() - 1].iter().collect();
            path.push(file);
            debug_assert!(is_inside(&path), "{}", path.display());
            path
        })
        .collect()
}

/// The key two output names collide under: case-insensitive file systems
/// fold case, so two names that differ only in case are one file there.
fn fold(path: &str) -> String {
    path.to_lowercase()
}

/// True when `relative` has only plain components, i.e. joined to OUTDIR it
/// stays inside OUTDIR.
pub fn is_inside(relative: &Path) -> bool {
    relative.components().next().is_some() && relative.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(sources: &[&str]) -> Vec<String> {
        output_paths(sources).iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect()
    }

    #[test]
    fn mirrors_relative_paths() {
        assert_eq!(
            paths(&["2019/a.pdf", "archive.zip/2019/报告.docx", "b.md"]),
            ["2019/a.pdf.json", "archive.zip/2019/报告.docx.json", "b.md.json"]
        );
    }

    #[test]
    fn unsafe_names_stay_inside() {
        let sources = [
            "../../etc/passwd.docx",
            "/abs/a.docx",
            "C:\\Windows\\b.docx",
            "c:relative.docx",
            "x/./../y/c.docx",
            "nul\0byte.docx",
            "..",
            "z.zip/../../../escape.docx",
        ];
        let out = paths(&sources);
        assert_eq!(
            out,
            [
                "etc/passwd.docx.json",
                "abs/a.docx.json",
                "Windows/b.docx.json",
                "relative.docx.json",
                "y/c.docx.json",
                "nul_byte.docx.json",
                "_.json",
                "escape.docx.json",
            ]
        );
        for p in output_paths(&sources) {
            assert!(is_inside(&p), "{}", p.display());
        }
    }

    #[test]
    fn collisions_are_settled_in_order_and_without_case() {
        assert_eq!(
            paths(&["A.docx", "a.docx", "sub/../a.docx", "a.docx~2"]),
            ["A.docx.json", "a.docx~2.json", "a.docx~3.json", "a.docx~2~2.json"]
        );
    }

    #[test]
    fn a_file_never_takes_a_folder_name() {
        // "x.docx" → x.docx.json, but "x.docx.json/y.docx" needs a folder x.docx.json.
        assert_eq!(paths(&["x.docx", "x.docx.json/y.docx"]), ["x.docx~2.json", "x.docx.json/y.docx.json"]);
        assert_eq!(paths(&["errors.jsonl/a.docx"]), ["errors.jsonl_/a.docx.json"]);
    }

    /// The shape of the smoke fuzzer's `batch_paths` input
    /// (tests/fuzz-regressions/batch_paths/oom-f613…): a 150 KB name of
    /// ~48,000 folders beside short names. Every folder is kept, the deep
    /// name twice is settled like a short one, and a short name's twin
    /// still gets `~2`.
    #[test]
    fn a_name_of_tens_of_thousands_of_folders() {
        let deep = format!("C:{}\\b.pdf", "\\a\\ba".repeat(24_000));
        let out = output_paths(&["2019/a.docx", &deep, &deep, "A.docx", "a.docx"]);
        assert_eq!(out[1].components().count(), 48_001);
        assert!(out[1].ends_with("b.pdf.json") && out[2].ends_with("b.pdf~2.json"));
        assert_eq!(out[1].parent(), out[2].parent());
        assert!(out.iter().all(|p| is_inside(p)));
        assert_eq!(out[4], Path::new("a.docx~2.json"));
    }
}
