//! The recognition engine: the `tesseract` program (Tesseract 5 with the
//! `chi_sim` language data), found on PATH at run time — govdoc builds and
//! runs without it, and a scanned page without it gets a message naming
//! what to install. Images go in as PGM files listed in one list file, so
//! one process reads a whole batch (cells of a page); words come back as TSV
//! with their boxes and confidences.

use std::path::PathBuf;
use std::process::Command;

use super::raster::Gray;
use crate::error::{Error, ErrorCode, Result};

/// What to install, for the error message and the README.
pub const INSTALL_HINT: &str = "install Tesseract 5 with the Simplified Chinese data (Debian/Ubuntu: `apt-get install tesseract-ocr tesseract-ocr-chi-sim`; macOS: `brew install tesseract tesseract-lang`), or set GOVDOC_TESSERACT to the tesseract program";

/// The environment variable that names the `tesseract` program (default:
/// `tesseract` on PATH).
pub const PROGRAM_VAR: &str = "GOVDOC_TESSERACT";

/// A recognised word: its text, box in the image's pixels and confidence
/// (0–1, Tesseract's own).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
    pub confidence: f32,
    /// (block, paragraph, line) numbers: words with the same key share a line.
    pub line: (u32, u32, u32),
}

/// How to read an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A page or region of text: automatic segmentation (psm 3).
    Page,
    /// A cell: a block of text, maybe several lines (psm 6).
    Block,
    /// A numeric cell: one line, digits and signs only (psm 7, whitelist).
    Number,
    /// One word (psm 8): a line of a few spaced characters, which the line
    /// and block modes can leave out whole.
    Word,
}

/// What reads the images of a page: the Tesseract program, or a stand-in
/// given to [`super::Recogniser::with_engine`] (the tests count the pages
/// offered to it without Tesseract installed).
pub trait Engine {
    /// The engine and its languages, for `source.ocr.engine`.
    fn describe(&self) -> String;
    /// Reads each image of `images` (at `dpi`) and returns its words, in
    /// the order given; an image with no text gets an empty list.
    fn read(&self, images: &[Gray], dpi: u32, mode: Mode) -> Result<Vec<Vec<Word>>>;
}

impl Engine for Tesseract {
    fn describe(&self) -> String {
        format!("{} chi_sim, digits {}", self.version, self.digits_lang)
    }

    fn read(&self, images: &[Gray], dpi: u32, mode: Mode) -> Result<Vec<Vec<Word>>> {
        Tesseract::read(self, images, dpi, mode)
    }
}

/// The Tesseract program, found and checked.
#[derive(Debug, Clone)]
pub struct Tesseract {
    program: PathBuf,
    /// "tesseract 5.3.0".
    pub version: String,
    /// The English data is there (Debian installs it with the engine): its
    /// model reads digits far better than chi_sim's when both are limited to
    /// digits (on the samples' cells chi_sim read "52" as "2").
    pub digits_lang: &'static str,
}

impl Tesseract {
    /// Finds `tesseract` (or `$GOVDOC_TESSERACT`) and checks that it has the
    /// `chi_sim` data; the error names what to install.
    pub fn detect() -> Result<Tesseract> {
        let program = std::env::var_os(PROGRAM_VAR).map_or_else(|| PathBuf::from("tesseract"), PathBuf::from);
        let missing =
            |why: String| Error::new(ErrorCode::NoTextLayer, format!("{why}; to read scanned pages, {INSTALL_HINT}"));
        let version = Command::new(&program)
            .arg("--version")
            .output()
            .map_err(|e| missing(format!("the OCR engine `{}` cannot be run ({e})", program.display())))?;
        let text = String::from_utf8_lossy(&version.stdout).into_owned() + &String::from_utf8_lossy(&version.stderr);
        let version = text.lines().next().unwrap_or("tesseract").trim().to_string();
        let langs = Command::new(&program)
            .arg("--list-langs")
            .output()
            .map_err(|e| missing(format!("the OCR engine `{}` cannot be run ({e})", program.display())))?;
        let langs = String::from_utf8_lossy(&langs.stdout).into_owned() + &String::from_utf8_lossy(&langs.stderr);
        if !langs.lines().any(|l| l.trim() == "chi_sim") {
            return Err(missing(format!("{version} has no Simplified Chinese data (chi_sim)")));
        }
        let digits_lang = if langs.lines().any(|l| l.trim() == "eng") { "eng" } else { "chi_sim" };
        Ok(Tesseract { program, version, digits_lang })
    }

    /// Reads each image of `images` (at `dpi`) and returns its words, in
    /// the order given; an image with no text gets an empty list.
    pub fn read(&self, images: &[Gray], dpi: u32, mode: Mode) -> Result<Vec<Vec<Word>>> {
        if images.is_empty() {
            return Ok(Vec::new());
        }
        let dir =
            tempfile::tempdir().map_err(|e| Error::new(ErrorCode::Io, format!("no temporary folder for OCR ({e})")))?;
        let mut list = String::new();
        for (k, image) in images.iter().enumerate() {
            let path = dir.path().join(format!("{k}.pgm"));
            std::fs::write(&path, image.to_pgm())
                .map_err(|e| Error::new(ErrorCode::Io, format!("cannot write an image for OCR ({e})")))?;
            list.push_str(&path.to_string_lossy());
            list.push('\n');
        }
        let list_path = dir.path().join("images.txt");
        std::fs::write(&list_path, list)
            .map_err(|e| Error::new(ErrorCode::Io, format!("cannot write the OCR list ({e})")))?;
        let mut command = Command::new(&self.program);
        let lang = if mode == Mode::Number { self.digits_lang } else { "chi_sim" };
        command.arg(&list_path).arg("stdout").args(["-l", lang, "--dpi", &dpi.to_string()]);
        match mode {
            Mode::Page => command.args(["--psm", "3"]),
            Mode::Block => command.args(["--psm", "6"]),
            Mode::Number => command.args(["--psm", "7", "-c", "tessedit_char_whitelist=0123456789.+-"]),
            Mode::Word => command.args(["--psm", "8"]),
        };
        // Chinese text has no spaces between words; keep Tesseract from
        // guessing some (layout decides from the gaps).
        command.args(["-c", "preserve_interword_spaces=1", "tsv"]);
        // One thread per process: the machine's cores are better spent on
        // documents in parallel (batch) than on OpenMP inside one page.
        command.env("OMP_THREAD_LIMIT", "1");
        let output = command
            .output()
            .map_err(|e| Error::new(ErrorCode::Internal, format!("the OCR engine could not be run ({e})")))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(Error::new(
                ErrorCode::Internal,
                format!("the OCR engine failed ({}): {}", output.status, stderr.lines().last().unwrap_or("")),
            ));
        }
        Ok(parse_tsv(&String::from_utf8_lossy(&output.stdout), images.len()))
    }
}

/// Words of Tesseract's TSV output, by page (1-based `page_num`) into
/// `pages` lists; rows that are not words (levels 1–4) or are empty are
/// skipped.
pub fn parse_tsv(tsv: &str, pages: usize) -> Vec<Vec<Word>> {
    let mut out = vec![Vec::new(); pages];
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<f32>().unwrap_or(0.0);
        let text = f[11..].join("\t").trim().to_string();
        let page = f[1].parse::<usize>().unwrap_or(0);
        if text.is_empty() || page == 0 || page > pages {
            continue;
        }
        out[page - 1].push(Word {
            text,
            left: num(6),
            top: num(7),
            width: num(8),
            height: num(9),
            confidence: (num(10) / 100.0).clamp(0.0, 1.0),
            line: (f[2].parse().unwrap_or(0), f[3].parse().unwrap_or(0), f[4].parse().unwrap_or(0)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_by_page() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t80\t40\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t5\t30\t20\t96.5\t586\n\
                   5\t2\t1\t1\t1\t1\t3\t4\t50\t22\t41.0\t予以公开\n\
                   5\t2\t1\t1\t1\t2\t3\t4\t50\t22\t95\t \n";
        let words = parse_tsv(tsv, 3);
        assert_eq!(words[0].len(), 1);
        assert_eq!(words[0][0].text, "586");
        assert!((words[0][0].confidence - 0.965).abs() < 1e-6);
        assert_eq!(words[1][0].text, "予以公开");
        assert!(words[2].is_empty());
    }
}
