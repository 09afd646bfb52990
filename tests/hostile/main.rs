//! Issue 11's hostile files (tests/hostile/files.rs) through the library:
//! each converts or fails with `too large`, and the conversion's peak heap,
//! measured by this binary's counting allocator, stays under 256 MB.

#[path = "../common/mod.rs"]
mod common;
mod files;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use govdoc::ErrorCode;
use govdoc::pdf::ocr::engine::{Engine, Mode as ReadMode, Word};
use govdoc::pdf::ocr::raster::Gray;

/// Live heap bytes and their high-water mark since the last [`reset_peak`].
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak memory the issue allows one conversion.
const PEAK_LIMIT: usize = 256 << 20;

/// One measurement at a time: the counters are process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

/// Runs `f` alone and returns its result with the heap it added at its peak.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - base)
}

/// Converts `bytes` and checks the outcome is a conversion or `too large`
/// within the memory limit; returns the outcome for further checks.
fn check(bytes: &[u8], name: &str) -> govdoc::Result<govdoc::Output> {
    let (result, peak) = measured(|| govdoc::convert_bytes(bytes, name).map(|o| (o.to_pretty_json().len(), o)));
    eprintln!("{name}: {} input bytes, peak heap {} MB, {:?}", bytes.len(), peak >> 20, result.as_ref().map(|r| r.0));
    assert!(peak < PEAK_LIMIT, "{name}: peak heap {peak} bytes");
    match result {
        Ok((_, output)) => Ok(output),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::TooLarge, "{name}: {e:?}");
            assert!(e.message.contains("more than"), "the error names the limit and its value: {}", e.message);
            Err(e)
        }
    }
}

#[test]
fn docx_numbering_near_u32_max() {
    let output = check(&files::docx_numbering(20), "numbering.docx").expect("the labels are bounded, so it converts");
    let json = output.to_pretty_json();
    assert!(json.contains("docx.numbering_bounded"), "the fallback to decimal is reported");
    assert!(json.contains("4294967000."), "the counter is written in decimal");
}

#[test]
fn docx_table_of_many_columns_collapses_in_one_pass() {
    let output = check(&files::docx_wide_table(40_000), "wide.docx").expect("it converts");
    let json = output.to_json_value();
    assert_eq!(json["blocks"][0]["cols"], 40_000, "every second grid column is collapsed");
}

#[test]
fn docx_grid_declaring_columns_no_row_uses() {
    let output = check(&files::docx_declared_grid(400_000), "grid.docx").expect("it converts");
    let json = output.to_json_value();
    assert_eq!(json["blocks"][0]["cols"], 2, "the grid columns no row reaches are dropped");
    let dropped = json["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "docx.grid_unused");
    assert!(dropped, "and a diagnostic says so: {}", json["diagnostics"]);
}

#[test]
fn pdf_pages_sharing_one_huge_content_stream() {
    let err = check(&files::pdf_shared_content(60, 900_000), "shared.pdf").unwrap_err();
    assert!(err.message.contains("glyphs"), "{}", err.message);
}

#[test]
fn pdf_form_drawn_many_times() {
    let err = check(&files::pdf_repeated_form(100, 32 << 20), "forms.pdf").unwrap_err();
    assert!(err.message.contains("content bytes"), "{}", err.message);
}

/// A form drawn twenty times is decoded, and counted as decoded bytes, once;
/// its content is counted as interpreted each time it is drawn.
#[test]
fn pdf_form_decoded_once_interpreted_each_time() {
    let bytes = files::pdf_repeated_form(20, 1 << 20);
    let limits = govdoc::Limits { decoded_bytes: 2 << 20, ..govdoc::Limits::default() };
    let output = govdoc::convert_bytes_with_limits(&bytes, "forms.pdf", limits).expect("one decoding fits 2 MiB");
    assert!(output.to_pretty_json().contains("A form drawn over and over."));
    let limits = govdoc::Limits { content_bytes: 10 << 20, ..govdoc::Limits::default() };
    let err = govdoc::convert_bytes_with_limits(&bytes, "forms.pdf", limits).unwrap_err();
    assert_eq!(err.code, ErrorCode::TooLarge);
    assert!(err.message.contains("more than 10485760 content bytes interpreted"), "{}", err.message);
}

#[test]
fn pdf_thousands_of_small_frames_over_many_glyphs() {
    let output = check(&files::pdf_many_frames(40, 40, 100_000), "frames.pdf").expect("it converts");
    let json = output.to_json_value();
    let tables = json["blocks"].as_array().unwrap().iter().filter(|b| b["kind"] == "table").count();
    assert_eq!(tables, 1600, "each frame is a table");
}

#[test]
fn pdf_memory_follows_the_text_not_the_content_of_many_pages() {
    // 10,000 rules per page (≈200 KB of rulings once interpreted): held for
    // every page until layout, each page's rulings stayed to the end (200
    // pages took 40 MB more than 20); laid out page by page, the extra pages
    // cost only their text. 150 pages: 1.5 M rulings, within the document's
    // 2 M.
    let (few, many) = (20, 150);
    let peak = |pages| {
        let name = format!("vector-{pages}.pdf");
        let bytes = files::pdf_vector_pages(pages, 10_000);
        let (output, peak) = measured(|| govdoc::convert_bytes(&bytes, &name));
        let output = output.expect("it converts");
        assert_eq!(output.document.source.pages, Some(u32::try_from(pages).unwrap()));
        eprintln!("{name}: peak heap {} KB", peak >> 10);
        peak
    };
    let (small, large) = (peak(few), peak(many));
    let per_page = large.saturating_sub(small) / (many - few);
    assert!(per_page < 20 << 10, "each further page added {per_page} bytes at the peak ({small} → {large})");
}

#[test]
fn pdf_form_of_rectangles_drawn_over_and_over() {
    let err = check(&files::pdf_form_of_rectangles(190, 25_000), "rectangles.pdf").unwrap_err();
    assert!(err.message.contains("2000000 rulings and images"), "{}", err.message);
}

#[test]
fn ofd_pages_sharing_paths_of_many_rectangles() {
    let err = check(&files::ofd_shared_paths(60, 4, 25_000), "paths.ofd").unwrap_err();
    assert!(err.message.contains("2000000 rulings and images"), "{}", err.message);
}

#[test]
fn ofd_pages_sharing_one_huge_text() {
    let err = check(&files::ofd_shared_content(60, 900_000), "shared.ofd").unwrap_err();
    assert!(err.message.contains("glyphs"), "{}", err.message);
}

#[test]
fn markdown_wide_header_over_many_rows() {
    let err = check(&files::markdown_wide_table(4000, 4000), "wide.md").unwrap_err();
    assert!(err.message.contains("table cells"), "{}", err.message);
}

#[test]
fn markdown_lines_that_all_run_on() {
    let output = check(&files::markdown_running_lines(10_000), "running.md").expect("it converts");
    let json = output.to_json_value();
    let blocks = json["blocks"].as_array().unwrap();
    assert!(blocks.len() <= 2, "a title line at most, then one paragraph: {} blocks", blocks.len());
}

#[test]
fn html_nested_thousands_deep() {
    for open in ["<div><h6>h</h6>", "<ul><li>h", "<b>h<i>h<u>h", "<table><tr><td>h"] {
        let output = check(&files::html_nested(open, 5000), "nested.html").expect("it converts");
        let json = output.to_json_value();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        assert!(diagnostics.iter().any(|d| d["code"] == "html.too_deep"), "{open}: {diagnostics:?}");
        assert!(output.to_pretty_json().contains('深'), "{open}: the innermost text is kept");
    }
}

#[test]
fn zeros_named_pdf_are_refused_from_their_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zeros.pdf");
    // Sparse: 900 MB on paper, no disk space used.
    std::fs::File::create(&path).unwrap().set_len(900 << 20).unwrap();
    let (result, peak) = measured(|| govdoc::convert_path(&path));
    let err = result.unwrap_err();
    assert_eq!(err.code, ErrorCode::Corrupt, "{err:?}");
    assert!(peak < 1 << 20, "only the first bytes were read: peak heap {peak} bytes");
}

/// An OCR engine that reads one word on every page it is offered and
/// counts those pages: the page limit is tested without Tesseract.
struct CountingEngine(Arc<AtomicUsize>);

impl Engine for CountingEngine {
    fn describe(&self) -> String {
        "a counting stand-in".into()
    }

    fn read(&self, images: &[Gray], _dpi: u32, mode: ReadMode) -> govdoc::Result<Vec<Vec<Word>>> {
        if mode != ReadMode::Page {
            return Ok(vec![Vec::new(); images.len()]);
        }
        self.0.fetch_add(images.len(), Ordering::Relaxed);
        let word = common::stand_in_word();
        Ok(images.iter().map(|_| vec![word.clone()]).collect())
    }
}

/// Converts `bytes` with the counting engine (OCR of pages without text,
/// the default); the outcome and how many pages the engine was offered.
fn convert_counting(bytes: &[u8], name: &str, limits: govdoc::Limits) -> (govdoc::Output, usize) {
    let offered = Arc::new(AtomicUsize::new(0));
    let options = govdoc::Options { limits, ocr: govdoc::OcrMode::Auto };
    let engine: Box<dyn Engine> = Box::new(CountingEngine(offered.clone()));
    let (output, peak) = measured(|| govdoc::convert_bytes_with_engine(bytes, name, &options, Ok(engine)));
    let output = output.expect("it converts");
    eprintln!("{name}: {} input bytes, peak heap {} MB", bytes.len(), peak >> 20);
    assert!(peak < PEAK_LIMIT, "{name}: peak heap {peak} bytes");
    (output, offered.load(Ordering::Relaxed))
}

/// A scan of its own on each of 10,000 pages: the engine (Tesseract:
/// seconds a page) reads the first 1,000 and no more; the rest are named in
/// one warning, and the result is partial, not an error.
#[test]
fn pdf_scan_on_ten_thousand_pages_stops_at_the_page_limit() {
    let bytes = files::pdf_scan_on_many_pages(10_000, files::Scans::ImagePerPage);
    let (output, offered) = convert_counting(&bytes, "scans.pdf", govdoc::Limits::default());
    assert_eq!(offered, 1_000, "pages offered to the engine");
    let ocr = output.document.source.ocr.as_ref().expect("pages were read by OCR");
    assert_eq!(ocr.pages, (1..=1_000).collect::<Vec<u32>>());
    let limit: Vec<_> = output.document.diagnostics.iter().filter(|d| d.code == "ocr.page_limit").collect();
    assert_eq!(limit.len(), 1, "one warning");
    assert_eq!(limit[0].level, govdoc::Level::Warning);
    let message = &limit[0].message;
    assert!(message.contains("limit of 1000 pages recognised"), "it names the limit: {message}");
    assert!(message.contains("9000 more page(s)") && message.contains("(pages 1001–10000)"), "{message}");
}

/// The same scan at the same place on every page is read once.
#[test]
fn pdf_one_scan_on_every_page_is_read_once() {
    read_once_on_every_page(files::Scans::OneImage, 3_000, "same-scan.pdf");
}

/// One scan drawn at a new place on each of 10,000 pages is read once too
/// (the same pixels hold the same words), not 1,000 times up to the page
/// limit: the 1.7 MB file took three minutes of Tesseract before.
#[test]
fn pdf_one_scan_moved_on_every_page_is_read_once() {
    read_once_on_every_page(files::Scans::OneImageMoved, 10_000, "scans.pdf");
}

/// `pages` pages drawing one scan as `scans` says: the engine is offered
/// one page, and every page has its reading, each after the first saying
/// it is page 1's.
fn read_once_on_every_page(scans: files::Scans, pages: usize, name: &str) {
    let bytes = files::pdf_scan_on_many_pages(pages, scans);
    let (output, offered) = convert_counting(&bytes, name, govdoc::Limits::default());
    assert_eq!(offered, 1, "pages offered to the engine");
    let ocr = output.document.source.ocr.as_ref().expect("pages were read by OCR");
    assert_eq!(ocr.pages.len(), pages, "every page has the reading");
    let diagnostics = &output.document.diagnostics;
    assert!(!diagnostics.iter().any(|d| d.code == "ocr.page_limit"));
    let reused = diagnostics.iter().filter(|d| d.code == "ocr.page" && d.message.contains("the same scan as page 1"));
    assert_eq!(reused.count(), pages - 1, "each page after the first says its reading is page 1's");
}

/// An engine that reads nothing on any page.
struct BlankEngine;

impl Engine for BlankEngine {
    fn describe(&self) -> String {
        "a stand-in that reads nothing".into()
    }

    fn read(&self, images: &[Gray], _dpi: u32, _mode: ReadMode) -> govdoc::Result<Vec<Vec<Word>>> {
        Ok(vec![Vec::new(); images.len()])
    }
}

/// A scan in which OCR finds no text is `no text layer` saying that OCR
/// read it — not advice to install an engine that ran.
#[test]
fn a_scan_where_ocr_reads_nothing_says_so() {
    let bytes = files::pdf_scan_on_many_pages(3, files::Scans::OneImage);
    let options = govdoc::Options { limits: govdoc::Limits::default(), ocr: govdoc::OcrMode::Auto };
    let engine: Box<dyn Engine> = Box::new(BlankEngine);
    let error = govdoc::convert_bytes_with_engine(&bytes, "blank.pdf", &options, Ok(engine)).expect_err("no text");
    assert_eq!(error.code, govdoc::ErrorCode::NoTextLayer);
    assert!(
        error.message.contains("OCR (a stand-in that reads nothing) read no text on the 3 page(s) it read")
            && !error.message.contains("Tesseract installed"),
        "{}",
        error.message
    );
}

/// Pages left unread by the page limit may hold a report's values: the
/// report is incomplete. Every page of a complete digital report offered to
/// OCR (`always`) under a limit of none: each keeps its text layer, the
/// statistics are all there, and still the report says it is not complete.
#[test]
fn pages_left_unread_by_the_limit_make_a_report_incomplete() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/report-2019-libreoffice.pdf");
    let bytes = std::fs::read(path).unwrap();
    let convert = |ocr, ocr_pages| {
        let options = govdoc::Options { limits: govdoc::Limits { ocr_pages, ..govdoc::Limits::default() }, ocr };
        let offered = Arc::new(AtomicUsize::new(0));
        let engine: Box<dyn Engine> = Box::new(CountingEngine(offered.clone()));
        let output = govdoc::convert_bytes_with_engine(&bytes, "report.pdf", &options, Ok(engine)).unwrap();
        assert_eq!(offered.load(Ordering::Relaxed), 0);
        output.document
    };
    let read = convert(govdoc::OcrMode::Never, 1_000);
    let report = read.report.as_ref().expect("a report");
    assert!(report.complete);
    let unread = convert(govdoc::OcrMode::Always, 0);
    let limited = unread.report.as_ref().expect("a report");
    assert!(!limited.complete, "pages were left unread");
    assert_eq!(limited.values().collect::<Vec<_>>(), report.values().collect::<Vec<_>>());
    let warning = unread.diagnostics.iter().find(|d| d.code == "ocr.page_limit").expect("a warning");
    assert!(warning.message.contains("limit of 0 pages recognised") && warning.message.contains("(pages 1–3)"));
}

/// Writes the hostile files to $HOSTILE_DIR (default /tmp/govdoc-hostile)
/// for measuring the release binary with `/usr/bin/time -v`.
#[test]
#[ignore = "writes files for manual measurement"]
fn write_hostile_files() {
    let dir = std::env::var("HOSTILE_DIR").unwrap_or_else(|_| "/tmp/govdoc-hostile".into());
    std::fs::create_dir_all(&dir).unwrap();
    let put = |name: &str, bytes: Vec<u8>| std::fs::write(format!("{dir}/{name}"), bytes).unwrap();
    put("numbering.docx", files::docx_numbering(20));
    put("numbering-1.docx", files::docx_numbering(1));
    put("shared.pdf", files::pdf_shared_content(60, 900_000));
    put("forms.pdf", files::pdf_repeated_form(100, 32 << 20));
    put("wide.md", files::markdown_wide_table(4000, 4000));
    put("wide.docx", files::docx_wide_table(40_000));
    put("frames.pdf", files::pdf_many_frames(40, 40, 100_000));
    put("vector.pdf", files::pdf_vector_pages(150, 10_000));
    put("grid.docx", files::docx_declared_grid(400_000));
    put("shared.ofd", files::ofd_shared_content(60, 900_000));
    put("running.md", files::markdown_running_lines(10_000));
    put("rectangles.pdf", files::pdf_form_of_rectangles(190, 25_000));
    put("paths.ofd", files::ofd_shared_paths(60, 4, 25_000));
    put("scans.pdf", files::pdf_scan_on_many_pages(10_000, files::Scans::OneImageMoved));
    put("same-scan.pdf", files::pdf_scan_on_many_pages(10_000, files::Scans::OneImage));
    put("own-scans.pdf", files::pdf_scan_on_many_pages(10_000, files::Scans::ImagePerPage));
    put("nested-div.html", files::html_nested("<div><h6>h</h6>", 20_000));
    put("nested-list.html", files::html_nested("<ul><li>h", 20_000));
    put("nested-format.html", files::html_nested("<b>h<i>h<u>h", 20_000));
    std::fs::File::create(format!("{dir}/zeros.pdf")).unwrap().set_len(900 << 20).unwrap();
}
