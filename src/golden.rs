//! Golden files: the expected JSON of every sample (`samples/a.pdf` →
//! `golden/a.pdf.json`), compared value by value and reported by JSON path.
//! Used by `govdoc golden` and by the test suite.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Extensions of the files a samples folder is searched for (a `.txt` there
/// is documentation, not a sample).
pub const SAMPLE_EXTENSIONS: [&str; 7] = ["docx", "pdf", "md", "ofd", "html", "mht", "doc"];

/// Differences reported per sample; the count of the rest is given.
const MAX_REPORTED: usize = 40;

/// One place where the output differs from the golden file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// JSON path, like `$.blocks[3].cells[5].text`.
    pub path: String,
    /// The golden file's value, shortened.
    pub expected: String,
    /// The output's value, shortened.
    pub actual: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}, got {}", self.path, self.expected, self.actual)
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// Every difference between `expected` and `actual`, by JSON path.
pub fn diff(expected: &Value, actual: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    diff_at("$", expected, actual, &mut out);
    out
}

fn diff_at(path: &str, expected: &Value, actual: &Value, out: &mut Vec<Difference>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let p = format!("{path}.{key}");
                match a.get(key) {
                    Some(av) => diff_at(&p, ev, av, out),
                    None => out.push(Difference { path: p, expected: short(ev), actual: "(missing)".into() }),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(Difference {
                        path: format!("{path}.{key}"),
                        expected: "(missing)".into(),
                        actual: short(av),
                    });
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff_at(&format!("{path}[{i}]"), ev, av, out);
            }
            if e.len() != a.len() {
                out.push(Difference {
                    path: format!("{path}.length"),
                    expected: e.len().to_string(),
                    actual: a.len().to_string(),
                });
            }
        }
        (e, a) if e != a => out.push(Difference { path: path.to_string(), expected: short(e), actual: short(a) }),
        _ => {}
    }
}

/// What checking one sample found.
#[derive(Debug)]
pub enum Outcome {
    /// The output equals the golden file.
    Same,
    /// The output differs, at these JSON paths.
    Differs(Vec<Difference>),
    /// The sample has no golden file yet.
    NoGolden,
    /// The golden file was written: it was missing, malformed or different.
    Blessed,
    /// The golden file is not JSON; the reason, naming the file.
    Malformed(String),
    /// The sample did not convert.
    Failed(crate::Error),
    /// A golden file whose sample is gone.
    Stale,
}

/// One sample checked against its golden file.
#[derive(Debug)]
pub struct Checked {
    /// The sample's path.
    pub sample: PathBuf,
    /// What the comparison found.
    pub outcome: Outcome,
}

impl Checked {
    /// True when the sample's output matched (or was blessed).
    pub fn passed(&self) -> bool {
        matches!(self.outcome, Outcome::Same | Outcome::Blessed)
    }
}

impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.sample.display();
        match &self.outcome {
            Outcome::Same => write!(f, "ok       {name}"),
            Outcome::Blessed => write!(f, "blessed  {name}"),
            Outcome::NoGolden => write!(f, "MISSING  {name}: no golden file; check the output by eye, then bless it"),
            Outcome::Stale => write!(f, "STALE    {name}: golden file without a sample; delete it"),
            Outcome::Failed(e) => write!(f, "FAILED   {name}: {e}"),
            Outcome::Malformed(reason) => write!(f, "BROKEN   {name}: {reason}; fix it or bless it again"),
            Outcome::Differs(diffs) => {
                write!(f, "DIFFERS  {name}: {} difference(s)", diffs.len())?;
                for d in diffs.iter().take(MAX_REPORTED) {
                    write!(f, "\n    {d}")?;
                }
                if diffs.len() > MAX_REPORTED {
                    write!(f, "\n    … and {} more", diffs.len() - MAX_REPORTED)?;
                }
                Ok(())
            }
        }
    }
}

/// Refuses to rewrite golden files on CI, where a rewrite would hide a change.
pub fn bless_allowed() -> Result<(), String> {
    match std::env::var_os("CI") {
        Some(_) => Err("refusing to bless golden files: CI is set".into()),
        None => Ok(()),
    }
}

/// The sample files directly in `dir`, sorted by name.
pub fn sample_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if path.is_file() && SAMPLE_EXTENSIONS.contains(&ext.as_str()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The golden file of `sample`: `GOLDEN/<file name>.json`.
pub fn golden_path(golden_dir: &Path, sample: &Path) -> PathBuf {
    let name = sample.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    golden_dir.join(format!("{name}.json"))
}

/// Converts every sample and compares it with its golden file, or rewrites
/// the golden files that differ when `bless` is set (an unchanged golden
/// file is left alone and reported [`Outcome::Same`]). Samples are named by
/// file name in `source.name`, so the result does not depend on where the
/// folder is. A sample that cannot be read or converted, or a golden file
/// that is not JSON, is reported in its result and the rest go on; an
/// `Err` (naming the path) means a folder could not be read or a golden
/// file could not be written.
pub fn check(samples_dir: &Path, golden_dir: &Path, bless: bool) -> Result<Vec<Checked>, String> {
    let mut results = Vec::new();
    let samples = sample_files(samples_dir).map_err(|e| folder_error(samples_dir, "samples", &e))?;
    for sample in &samples {
        let golden = golden_path(golden_dir, sample);
        let outcome = match convert_sample(sample) {
            Err(e) => Outcome::Failed(e),
            Ok(output) => {
                let expected = match std::fs::read_to_string(&golden) {
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => Some(Err(format!("{}: cannot be read ({e})", golden.display()))),
                    Ok(text) => Some(
                        serde_json::from_str::<Value>(&text)
                            .map_err(|e| format!("{}: not valid JSON ({e})", golden.display())),
                    ),
                };
                let actual = output.to_json_value();
                let differences = match &expected {
                    Some(Ok(expected)) => Some(diff(expected, &actual)),
                    _ => None,
                };
                match (expected, differences) {
                    (_, Some(d)) if d.is_empty() => Outcome::Same,
                    _ if bless => {
                        std::fs::create_dir_all(golden_dir).map_err(|e| folder_error(golden_dir, "golden", &e))?;
                        crate::write_atomically(&golden, output.to_pretty_json().as_bytes())
                            .map_err(|e| format!("{}: cannot write the golden file ({e})", golden.display()))?;
                        Outcome::Blessed
                    }
                    (None, _) => Outcome::NoGolden,
                    (Some(Err(reason)), _) => Outcome::Malformed(reason),
                    (Some(Ok(_)), d) => Outcome::Differs(d.unwrap_or_default()),
                }
            }
        };
        results.push(Checked { sample: sample.clone(), outcome });
    }
    if golden_dir.is_dir() {
        let expected: Vec<PathBuf> = samples.iter().map(|s| golden_path(golden_dir, s)).collect();
        let mut stale: Vec<PathBuf> = std::fs::read_dir(golden_dir)
            .map_err(|e| folder_error(golden_dir, "golden", &e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json") && !expected.contains(p))
            .collect();
        stale.sort();
        results.extend(stale.into_iter().map(|sample| Checked { sample, outcome: Outcome::Stale }));
    }
    Ok(results)
}

/// Converts one sample as [`check`] does: named by its file name, read from
/// its folder (a saved web page's pictures are files beside it).
pub fn convert_sample(sample: &Path) -> crate::Result<crate::Output> {
    let name = sample.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = std::fs::read(sample).map_err(|e| {
        crate::Error::new(crate::error::ErrorCode::Io, format!("the sample cannot be read ({e})")).in_file(&name)
    })?;
    crate::convert_bytes_in_folder(&bytes, &name, sample.parent())
}

/// A samples or golden folder that cannot be read, named, with what to do.
fn folder_error(dir: &Path, what: &str, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        format!("{}: no such {what} folder; check the path (govdoc golden SAMPLES GOLDEN)", dir.display())
    } else {
        format!("{}: the {what} folder cannot be read ({e})", dir.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_are_reported_by_path() {
        let expected = json!({"blocks": [{"text": "一、总体情况"}, {"rows": 3}], "title": "x"});
        let actual = json!({"blocks": [{"text": "一、总体"}], "title": "x", "extra": 1});
        let d: Vec<String> = diff(&expected, &actual).iter().map(|d| d.to_string()).collect();
        assert_eq!(
            d,
            vec![
                "$.blocks[0].text: expected \"一、总体情况\", got \"一、总体\"",
                "$.blocks.length: expected 2, got 1",
                "$.extra: expected (missing), got 1",
            ]
        );
        assert!(diff(&expected, &expected).is_empty());
    }
}
