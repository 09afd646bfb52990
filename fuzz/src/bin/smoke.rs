//! A fuzz run that needs neither nightly nor cargo-fuzz nor a C++ compiler:
//! every target of [`govdoc_fuzz::TARGETS`] runs over each of its seed
//! inputs once (the samples, the saved regressions, `fuzz/corpus/<target>`
//! when seeded; for `doc` also the real files of `../shared/corpora`) and
//! then, for the rest of its few seconds, random mutations of them (bit flips, byte and token
//! insertions, deletions, repeated ranges, extreme numbers, splices). There
//! is no coverage feedback: it is a smoke test that runs in CI on a stable
//! toolchain, not a replacement for `cargo fuzz run`.
//!
//! It fails (exit status 1) when an input
//! - panics (a crash),
//! - runs longer than `--timeout` seconds (a hang; the watchdog stops the
//!   run), or
//! - takes more than `--memory` MiB of heap at its peak (a blow-up the
//!   document budget missed; measured by this program's allocator, and an
//!   input that passes 4× the limit stops the run at once).
//!
//! Each failing input is written to `fuzz/artifacts/<target>/<kind>-<hash>`
//! (kind: crash, oom; a timeout stops the run and leaves its input in
//! `fuzz/artifacts/last-input`), as cargo-fuzz names them; keep it in
//! `tests/fuzz-regressions/<target>/` once fixed. Each target's slowest
//! input of the run is kept as `slowest` beside them. Each target draws its
//! mutations from its own generator (the seed and its name), so
//! `--seed N TARGET` replays that target's part of a longer run.
//!
//!     cargo run --release --no-default-features --bin smoke -- \
//!         [--seconds 5] [--timeout 10] [--memory 256] [--seed N] [TARGET...]

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Live heap bytes and their high-water mark since the input began.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Heap at which the run stops at once (the input is saved first): far past
/// the limit, before the machine runs out.
static HARD_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(p, layout, new_size) }
    }
}

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
    if live > HARD_LIMIT.load(Ordering::Relaxed) {
        // No allocation from here on: the input goes out through a file
        // opened beforehand.
        stop(b"oom", b"heap over four times the limit");
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The input being run, for the watchdog and the allocator to save.
static CURRENT: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static CURRENT_LEN: AtomicUsize = AtomicUsize::new(0);
/// Opened before the run: where [`stop`] writes the input it stops on.
static LAST_WORDS: OnceLock<std::fs::File> = OnceLock::new();
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Writes the current input to the pre-opened file and ends the process
/// with status 1, allocating nothing.
fn stop(kind: &[u8], why: &[u8]) -> ! {
    if !STOPPING.swap(true, Ordering::SeqCst) {
        let (ptr, len) = (CURRENT.load(Ordering::SeqCst), CURRENT_LEN.load(Ordering::SeqCst));
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(b"smoke: FAILED (");
        let _ = err.write_all(kind);
        let _ = err.write_all(b"): ");
        let _ = err.write_all(why);
        if let Some(mut file) = LAST_WORDS.get()
            && !ptr.is_null()
        {
            // SAFETY: the input stays alive and unchanged while it runs.
            let input = unsafe { std::slice::from_raw_parts(ptr, len) };
            let _ = file.write_all(input);
            let _ = err.write_all(b"; the input is in fuzz/artifacts/last-input (move it to tests/fuzz-regressions/)");
        }
        let _ = err.write_all(b"\n");
    }
    std::process::exit(1);
}

/// xorshift64*: small, fast, and the same sequence for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Largest mutated input (a bigger one is cut).
const MAX_INPUT: usize = 4 << 20;

/// Numbers that break arithmetic: counters, spans, repeat counts, sizes.
const NUMBERS: &[&str] =
    &["4294967295", "4294967000", "2147483648", "99999999", "65535", "-1", "0", "1e38", "NaN", "3999"];

/// Tokens worth inserting, per target: what its parser acts on.
fn dictionary(target: &str) -> &'static [&'static str] {
    match target {
        "pdf" | "pdf_content" => &[
            "q ",
            "Q ",
            "/X1 Do ",
            "BT ",
            "ET ",
            "(AB) Tj ",
            "[(A) -120 (B)] TJ ",
            "0 0 100 50 re ",
            "10 10 m ",
            "90 10 l ",
            "S ",
            "f ",
            "2 0 0 2 0 0 cm ",
            "/F1 12 Tf ",
            "T* ",
            "W n ",
            "<< ",
            ">> ",
            "[ ",
            "] ",
            " 0 R ",
            "obj\n",
            "endobj\n",
            "stream\n",
            "endstream\n",
            "/Filter /FlateDecode ",
            "/Length 10 ",
        ],
        "pdf_cmap" => &[
            "begincodespacerange ",
            "endcodespacerange ",
            "beginbfchar ",
            "endbfchar ",
            "beginbfrange ",
            "endbfrange ",
            "begincidrange ",
            "endcidrange ",
            "<00> ",
            "<FFFF> ",
            "<00000000> ",
            "[<0041> <0042>] ",
            "usecmap ",
        ],
        "md" | "convert" => {
            &["|", "| --- |", "|a|b|\n", "\n", "# ", "|||||||||\n", "| :-: |", "<w:p>", "1. ", "（一）"]
        }
        "batch_paths" => &["../", "/", "\\", "C:", "\n", "A", "a", ".", "..", "%2e", "\u{0}", "CON", "文"],
        "html" => &[
            "<table>",
            "</table>",
            "<tr>",
            "<td colspan=\"65535\">",
            "<td rowspan=\"99999\">",
            "</td>",
            "<div>",
            "<p>",
            "<br>",
            "&nbsp;",
            "<meta charset=\"gbk\">",
            "Content-Type: text/html; charset=\"utf-8\"\r\n",
            "Content-Transfer-Encoding: quoted-printable\r\n",
            "=\r\n",
            "------=_NextPart\r\n",
        ],
        // Word 97 text and its marks: cell and row ends, field begin,
        // separator and end, and sizes and offsets turned extreme.
        "doc" => &["\r", "\u{7}", "\u{13}", "\u{14}", "\u{15}", "\0\0\0\0", "\u{7f}\u{7f}\u{7f}\u{7f}"],
        "ofd" => &[
            "<ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"g 100000 1\">",
            "</ofd:TextCode>",
            "<ofd:Page ID=\"1\" BaseLoc=\"",
            "PK\u{3}\u{4}",
            "Doc_0/",
            "Content.xml",
        ],
        _ => &[
            "<w:p>",
            "</w:p>",
            "<w:r><w:t>",
            "</w:t></w:r>",
            "<w:tbl>",
            "</w:tbl>",
            "<w:tr>",
            "</w:tr>",
            "<w:tc>",
            "</w:tc>",
            "<w:gridCol w:w=\"1\"/>",
            "<w:gridSpan w:val=\"65535\"/>",
            "<w:vMerge/>",
            "<w:vMerge w:val=\"restart\"/>",
            "<w:gridBefore w:val=\"99999\"/>",
            "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>",
            "<w:start w:val=\"4294967000\"/>",
            "<w:numFmt w:val=\"upperRoman\"/>",
            "<w:numFmt w:val=\"lowerLetter\"/>",
            "<m:oMath><m:f><m:num><m:r><m:t>1</m:t></m:r></m:num></m:f></m:oMath>",
            "<w:sdt><w:sdtContent>",
            "</w:sdtContent></w:sdt>",
            "<w:ins>",
            "<w:del>",
            "<w:footnoteReference w:id=\"1\"/>",
            "\u{0}",
        ],
    }
}

/// One to six stacked mutations of `input` (or of a splice with `other`).
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8], target: &str) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = *b"\0\xff\x7f\x80<>\"/ 09\n([".get(rng.below(15)).unwrap_or(&0);
            }
            2 if !out.is_empty() => {
                let len = 1 + rng.below(64.min(out.len() - at.min(out.len() - 1)));
                let start = at.min(out.len() - 1);
                out.drain(start..(start + len).min(out.len()));
            }
            3 if !out.is_empty() => {
                // A range repeated: the shape of most blow-ups.
                let start = at.min(out.len() - 1);
                let len = 1 + rng.below(256.min(out.len() - start));
                let chunk = out[start..start + len].to_vec();
                let most = if rng.below(8) == 0 { 4096 } else { 16 };
                let times = 1 + rng.below(most);
                let repeated: Vec<u8> = chunk.iter().copied().cycle().take(len * times).collect();
                out.splice(start..start, repeated);
            }
            4 => {
                let words = dictionary(target);
                let word = words[rng.below(words.len())];
                out.splice(at..at, word.bytes());
            }
            5 => {
                // A digit run (or the insertion point) becomes an extreme number.
                let number = NUMBERS[rng.below(NUMBERS.len())];
                let start = out[..at].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
                let end = at + out[at..].iter().position(|b| !b.is_ascii_digit()).unwrap_or(out.len() - at);
                out.splice(start..end, number.bytes());
            }
            6 if !other.is_empty() => {
                let from = rng.below(other.len());
                out.truncate(at);
                out.extend_from_slice(&other[from..]);
            }
            _ => {
                let byte = rng.below(256) as u8;
                out.insert(at, byte);
            }
        }
        out.truncate(MAX_INPUT);
    }
    out
}

/// The seed inputs of `target` below the repository `root`.
fn seeds(root: &Path, target: &str) -> Vec<Vec<u8>> {
    let files = |dir: &Path, keep: &dyn Fn(&str) -> bool| -> Vec<Vec<u8>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .into_iter()
            .filter(|p| p.is_file() && p.file_name().and_then(|n| n.to_str()).is_some_and(keep))
            .filter(|p| p.metadata().is_ok_and(|m| m.len() <= 256 << 10))
            .filter_map(|p| std::fs::read(p).ok())
            .collect()
    };
    let samples = root.join("samples");
    let ext = |e: &'static str| move |n: &str| n.ends_with(e);
    let mut out: Vec<Vec<u8>> = match target {
        "docx" => files(&samples, &ext(".docx")),
        "convert" => [files(&samples, &ext(".docx")), files(&samples, &ext(".md"))].concat(),
        "md" => files(&samples, &ext(".md")),
        "ofd" => files(&samples, &ext(".ofd")),
        "html" => [files(&samples, &ext(".html")), files(&samples, &ext(".mht"))].concat(),
        // The real files of the corpora (when present, as in CI) bring the
        // Word 6/95 layouts that no sample has: LibreOffice cannot write them.
        "doc" => [
            files(&samples, &ext(".doc")),
            files(&root.join("../shared/corpora/docx/doc"), &|n| n.to_ascii_lowercase().ends_with(".doc")),
        ]
        .concat(),
        "pdf" => [files(&samples, &ext(".pdf")), files(&root.join("tests/fixtures/pdf"), &ext(".pdf"))].concat(),
        "docx_xml" => files(&samples, &ext(".docx")).iter().filter_map(|d| docx_parts(d)).collect(),
        "pdf_content" => vec![
            b"BT /F1 12 Tf 72 700 Td (Hello) Tj [(A) -120 (B)] TJ ET 0 0 m 100 0 l S q 1 0 0 1 10 10 cm /X1 Do Q 10 10 100 50 re f"
                .to_vec(),
            b"0.5 w 10 10 m 200 10 l S 10 30 m 200 30 l S 10 10 m 10 30 l S 100 10 m 100 30 l S 200 10 m 200 30 l S BT /F1 8 Tf 20 15 Td (a) Tj 90 0 Td (12) Tj ET"
                .to_vec(),
        ],
        "pdf_cmap" => vec![
            b"1 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 2 beginbfchar <01> <4E2D> <8141> <6587> endbfchar 1 beginbfrange <0010> <0020> [<0041> <0042>] endbfrange endcmap"
                .to_vec(),
        ],
        "batch_paths" => vec![b"2019/a.docx\n../../x.md\nC:\\a\\b.pdf\nA.docx\na.docx\n".to_vec()],
        "ocr" => [files(&root.join("fuzz/seeds/ocr"), &|_| true), ocr_seeds()].concat(),
        _ => Vec::new(),
    };
    out.extend(files(&root.join("tests/fuzz-regressions").join(target), &|_| true));
    out.extend(files(&root.join("fuzz/corpus").join(target), &|_| true));
    out
}

/// Seeds of the `ocr` target made here: a small ruled table with text-like
/// bars as a PGM, the same pixels as an unfiltered grey image XObject (see
/// `govdoc_fuzz::image_pdf`), and Tesseract TSV rows.
fn ocr_seeds() -> Vec<Vec<u8>> {
    let (w, h) = (96usize, 64usize);
    let mut pixels = vec![255u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let rule = y % 20 == 2 || x % 30 == 3;
            let text = (y % 20) > 7 && (y % 20) < 14 && (x % 30) > 8 && (x % 30) < 26 && x % 4 != 0;
            if rule || text {
                pixels[y * w + x] = 20;
            }
        }
    }
    let mut pgm = format!("P5\n{w} {h}\n255\n").into_bytes();
    pgm.extend_from_slice(&pixels);
    let mut xobject = vec![2u8, 0, w as u8, 0, h as u8, 0];
    xobject.extend_from_slice(&pixels);
    let tsv = b"level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t80\t40\t-1\t\n5\t1\t1\t1\t1\t1\t10\t5\t30\t20\t96.5\t586\n5\t2\t1\t1\t1\t1\t3\t4\t50\t22\t41.0\t\xe4\xba\x88\n"
        .to_vec();
    vec![pgm, xobject, tsv]
}

/// `document.xml NUL styles.xml NUL numbering.xml` of a DOCX (the
/// `docx_xml` target's input form).
fn docx_parts(docx: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let mut part = |name: &str| -> Vec<u8> {
        let mut bytes = Vec::new();
        if let Ok(mut file) = zip.by_name(name) {
            let _ = std::io::Read::read_to_end(&mut file, &mut bytes);
        }
        bytes
    };
    Some([part("word/document.xml"), part("word/styles.xml"), part("word/numbering.xml")].join(&0u8))
}

struct Options {
    seconds: f64,
    timeout: f64,
    memory_mib: usize,
    seed: u64,
    targets: Vec<String>,
}

fn options() -> Options {
    let mut o = Options {
        seconds: 5.0,
        timeout: 10.0,
        memory_mib: 256,
        seed: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64),
        targets: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--seconds" => o.seconds = value().parse().unwrap_or_else(|_| usage("--seconds: a number")),
            "--timeout" => o.timeout = value().parse().unwrap_or_else(|_| usage("--timeout: a number")),
            "--memory" => o.memory_mib = value().parse().unwrap_or_else(|_| usage("--memory: MiB")),
            "--seed" => o.seed = value().parse().unwrap_or_else(|_| usage("--seed: a number")),
            "-h" | "--help" => usage(""),
            name if govdoc_fuzz::TARGETS.iter().any(|(n, _)| *n == name) => o.targets.push(name.to_string()),
            other => usage(&format!("unknown target or option {other}")),
        }
    }
    o
}

fn usage(problem: &str) -> ! {
    let names: Vec<&str> = govdoc_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    eprintln!(
        "{problem}\nusage: smoke [--seconds S per target] [--timeout S per input] [--memory MiB per input] [--seed N] [TARGET...]\ntargets: {}",
        names.join(" ")
    );
    std::process::exit(2);
}

/// FNV-1a: a stable hash for artifact names and per-target seeds.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn save(root: &Path, target: &str, kind: &str, input: &[u8]) -> PathBuf {
    let hash = fnv1a(input);
    let dir = root.join("fuzz/artifacts").join(target);
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{kind}-{hash:016x}"));
    let _ = std::fs::write(&path, input);
    path
}

fn main() {
    let o = options();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ is inside the repository").to_path_buf();
    let _ = std::fs::create_dir_all(root.join("fuzz/artifacts"));
    let last = std::fs::File::create(root.join("fuzz/artifacts/last-input")).expect("fuzz/artifacts is writable");
    let _ = LAST_WORDS.set(last);
    let limit = o.memory_mib << 20;
    HARD_LIMIT.store(limit.saturating_mul(4), Ordering::Relaxed);
    // Keep the panic messages (they name the bug), but once per input.
    let started = Arc::new(AtomicU64::new(u64::MAX));
    let origin = Instant::now();
    {
        let (started, timeout) = (Arc::clone(&started), o.timeout);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let since = started.load(Ordering::SeqCst);
                if since != u64::MAX && origin.elapsed().as_millis() as u64 - since > (timeout * 1000.0) as u64 {
                    stop(b"timeout", b"an input ran past the timeout");
                }
            }
        });
    }
    eprintln!(
        "smoke: seed {} ({} s per target, timeout {} s, memory {} MiB)",
        o.seed, o.seconds, o.timeout, o.memory_mib
    );
    let mut failures = Vec::new();
    for &(name, run) in govdoc_fuzz::TARGETS {
        if !o.targets.is_empty() && !o.targets.iter().any(|t| t == name) {
            continue;
        }
        // A generator per target, from the seed and the target's name: the
        // inputs of one target do not depend on how many inputs the targets
        // before it had time for, so `--seed N TARGET` replays what a run of
        // every target did.
        let mut rng = Rng((o.seed ^ fnv1a(name.as_bytes()).rotate_left(17)) | 1);
        let seeds = seeds(&root, name);
        let deadline = Instant::now() + Duration::from_secs_f64(o.seconds);
        let (mut runs, mut worst_peak, mut worst_time) = (0usize, 0usize, Duration::ZERO);
        let mut slowest: Vec<u8> = Vec::new();
        let mut k = 0usize;
        // Every seed once as it is, however long that takes (a slow build
        // must not leave committed inputs unrun), then mutations of random
        // seeds until the target's seconds are up.
        while k < seeds.len() || Instant::now() < deadline {
            let input = if k < seeds.len() || seeds.is_empty() {
                seeds.get(k).cloned().unwrap_or_default()
            } else {
                let base = &seeds[rng.below(seeds.len())];
                let other = &seeds[rng.below(seeds.len())];
                mutate(&mut rng, base, other, name)
            };
            k += 1;
            CURRENT.store(input.as_ptr().cast_mut(), Ordering::SeqCst);
            CURRENT_LEN.store(input.len(), Ordering::SeqCst);
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let began = Instant::now();
            started.store(origin.elapsed().as_millis() as u64, Ordering::SeqCst);
            let outcome = catch_unwind(AssertUnwindSafe(|| run(&input)));
            started.store(u64::MAX, Ordering::SeqCst);
            let (took, peak) = (began.elapsed(), PEAK.load(Ordering::Relaxed).saturating_sub(base));
            CURRENT.store(std::ptr::null_mut(), Ordering::SeqCst);
            runs += 1;
            worst_peak = worst_peak.max(peak);
            if took > worst_time {
                worst_time = took;
                slowest.clone_from(&input);
            }
            if outcome.is_err() {
                let path = save(&root, name, "crash", &input);
                failures.push(format!("{name}: panicked; input saved as {}", path.display()));
            } else if peak > limit {
                let path = save(&root, name, "oom", &input);
                failures.push(format!("{name}: peak heap {} MiB; input saved as {}", peak >> 20, path.display()));
            }
            if failures.len() > 20 {
                break;
            }
        }
        // The slowest input, to look at when a target nears the timeout.
        let slowest_path = root.join("fuzz/artifacts").join(name).join("slowest");
        let _ = std::fs::create_dir_all(root.join("fuzz/artifacts").join(name));
        let _ = std::fs::write(&slowest_path, &slowest);
        eprintln!(
            "smoke: {name}: {runs} inputs ({} seeds), slowest {:.0} ms ({}), largest peak heap {:.1} MiB",
            seeds.len(),
            worst_time.as_secs_f64() * 1000.0,
            slowest_path.display(),
            worst_peak as f64 / f64::from(1 << 20)
        );
    }
    if failures.is_empty() {
        eprintln!("smoke: no crash, timeout or blow-up");
        return;
    }
    for f in &failures {
        eprintln!("smoke: FAILED {f}");
    }
    std::process::exit(1);
}
