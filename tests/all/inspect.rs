//! `govdoc inspect`: the page it writes is self-contained and shows what it
//! should, for every format; and in headless Chromium (Debian's `chromium`,
//! skipped with a message when it is not installed) it loads without a
//! console message or script error, its links and layer switches work, and
//! a screenshot of each page is kept under `target/inspect-artifacts/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/inspect-artifacts");
    std::fs::create_dir_all(&dir).expect("artifact folder");
    dir
}

/// Runs `govdoc inspect SAMPLE -o target/inspect-artifacts/NAME.html` and
/// returns the path and the page.
fn inspect(sample: &str) -> (PathBuf, String) {
    let out = artifacts().join(format!("{sample}.html"));
    let status = Command::cargo_bin("govdoc")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["inspect", "-q"])
        .arg(format!("samples/{sample}"))
        .arg("-o")
        .arg(&out)
        .status()
        .expect("govdoc runs");
    assert!(status.success(), "govdoc inspect {sample} failed");
    let html = std::fs::read_to_string(&out).expect("page written");
    (out, html)
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// Nothing is fetched: no external script, style, font, image or frame.
fn assert_self_contained(html: &str) {
    for needle in ["src=", "<link", "@import", "url(", "href=\"http", "@font-face"] {
        assert!(!html.contains(needle), "the page refers to something outside itself: {needle}");
    }
}

#[test]
fn seed_pdf_page_has_every_layer_block_and_linked_value() {
    let (_, html) = inspect("seed-shishi-commerce-2019.pdf");
    assert_self_contained(&html);
    assert_eq!(count(&html, r#"class="pg""#), 7, "one drawing per page");
    for layer in ["glyphs", "text", "lines", "edges", "tables", "blocks", "joins", "furniture", "hidden"] {
        assert_eq!(count(&html, &format!(r#"<g class="L-{layer}""#)), 7, "layer {layer} on every page");
    }
    // Each block of the JSON is listed, and all but the notes link to the page.
    let blocks = count(&html, r#"<div class="block "#);
    assert!(blocks > 20, "{blocks} blocks");
    assert_eq!(count(&html, " unlinked\""), 0, "every block found on its page");
    // The report's values link to a block cell and a page cell.
    let linked = html.matches(r#"" data-l="b"#).count();
    assert!(linked >= 150, "{linked} linked values");
    // The paragraph cut by the page end between pages 1 and 2 shows its join.
    assert!(html.contains("paragraph joined across the page end"));
}

#[test]
fn removed_furniture_and_text_left_out_are_drawn() {
    // Chromium prints a running header and footer and page numbers.
    let (_, html) = inspect("seed-shishi-commerce-2019-chromium.pdf");
    assert!(html.contains("removed as page number (pdf.furniture)"));
    assert!(html.contains(r#"<g class="fur">"#));
    // Text outside the page and text clipped away are drawn where they were.
    let (_, html) = inspect("visible-text.pdf");
    assert!(
        html.contains("left out (pdf.outside_page)") || html.contains("left out (pdf.clipped)"),
        "hidden text drawn"
    );
    assert!(html.contains(r#"<path class="hid""#));
}

#[test]
fn rejoined_table_shows_its_parts_and_the_rule() {
    let (_, html) = inspect("split-repeated-header.pdf");
    assert_self_contained(&html);
    assert!(html.contains("part 2 joined: table part 2 joined to the table before it; evidence:"), "join rule listed");
    assert!(html.contains(r#"<g class="join">"#), "join drawn on the page");
    // The applications table block links to its three parts on pages 2 and 3.
    let block = html.split(r#"class="block k-table""#).find(|b| b.contains("3 part(s)")).expect("the joined table");
    let links = block.split("data-l=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
    assert_eq!(links.split(' ').count(), 3, "three parts: {links}");
    assert_eq!(count(block, r#"<div class="joins">part "#), 2, "two joins");
}

#[test]
fn failed_checks_mark_their_values() {
    let (_, html) = inspect("report-check-errors.pdf");
    assert!(html.contains(r#"<ul id="failed-checks">"#));
    assert_eq!(count(&html, r#"<li class="check""#), 8, "the eight planted errors");
    assert!(count(&html, r#"class="val bad""#) >= 8);
    assert!(html.contains("applications.balance"));
}

#[test]
fn values_read_from_text_lines_link_to_their_spans() {
    // A report drawn without any ruling: its values come from text lines.
    let (_, html) = inspect("report-2021-borderless.pdf");
    // Table 二 (10 values) is read again from the lines; 三 (175) and 四
    // (15) are found as tables without rules and read from their cells.
    let linked = html.matches(r#"" data-l="s"#).count();
    assert!(linked >= 10, "{linked} values linked to their spans");
    assert!(count(&html, r#"" data-l="b"#) >= 190, "the others link to their cells");
    assert_eq!(count(&html, r#"<rect class="span""#), linked, "each span drawn once");
}

#[test]
fn docx_markdown_and_ofd_pages() {
    let (_, docx) = inspect("seed-shishi-commerce-2019.docx");
    assert_self_contained(&docx);
    assert_eq!(count(&docx, r#"class="pg""#), 0, "DOCX has no pages to draw");
    assert!(docx.contains(r#"<main class="nopages">"#));
    assert!(docx.contains(r#"<table class="rt" id="report-applications">"#));
    assert!(count(&docx, r#"" data-l="b"#) >= 150, "DOCX values link to their block cells");
    let (_, md) = inspect("seed-shishi-commerce-2019.md");
    assert!(md.contains(r#"<div id="blocks">"#));
    let (_, ofd) = inspect("seed-shishi-commerce-2019.ofd");
    assert!(count(&ofd, r#"class="pg""#) >= 5, "OFD pages are drawn like PDF pages");
    assert!(count(&ofd, r#"" data-l="b"#) >= 150);
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// Exercises the page's script once it has loaded: hover and click on a
/// linked report value and on a block, switch a layer off; results go into
/// `#selftest` for `--dump-dom` to show.
const SELF_TEST: &str = r#"<script>(function(){
var out=document.createElement('div');out.id='selftest';
function over(el){el.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}))}
var cb=document.querySelector('#layers input[value=glyphs]');
if(cb){cb.click();out.setAttribute('data-glyphs',getComputedStyle(document.querySelector('.L-glyphs')).display);cb.click()}
var b=document.querySelector('.block[data-l^="f"]');
if(b){over(b);out.setAttribute('data-block-lit',document.querySelectorAll('.hl').length)}
var v=document.querySelector('td.val[data-l^="b"]');
if(v){over(v);out.setAttribute('data-value-lit',document.querySelectorAll('.hl').length)}
var j=[].slice.call(document.querySelectorAll('.block.k-table')).filter(function(e){return e.querySelector('.joins')})[0];
var c=document.querySelector('li.check');
if(c){over(c);out.setAttribute('data-check-lit',document.querySelectorAll('svg .hl').length)}
/* The state the screenshot shows: a failed check, else a joined table, else a value, clicked. */
var last=c||(j&&j.querySelector('td[data-l^="p"]'))||v;
if(last){last.dispatchEvent(new MouseEvent('click',{bubbles:true}));if(c)c.scrollIntoView({block:'start'})}
var t=performance.getEntriesByType('navigation')[0];
out.setAttribute('data-dom-ms',Math.round(t?t.domContentLoadedEventEnd:performance.now()));
document.body.appendChild(out)})();</script>"#;

/// The DOM after load with the self test run, and Chromium's console lines.
fn load_in_chromium(browser: &str, page: &Path, screenshot: &Path) -> (String, Vec<String>) {
    let html = std::fs::read_to_string(page).expect("page");
    let tested = page.with_extension("selftest.html");
    std::fs::write(&tested, html.replace("</body>", &format!("{SELF_TEST}</body>"))).expect("write");
    let profile = tempfile::tempdir().expect("profile");
    let base = |cmd: &mut Command| {
        cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"])
            .arg(format!("--user-data-dir={}", profile.path().display()));
    };
    let mut dump = Command::new(browser);
    base(&mut dump);
    let output = dump
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(format!("file://{}", tested.display()))
        .output()
        .expect("chromium runs");
    let console: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    let mut shot = Command::new(browser);
    base(&mut shot);
    let status = shot
        .arg("--window-size=1400,1000")
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", tested.display()))
        .output()
        .expect("chromium runs");
    assert!(status.status.success(), "screenshot failed: {}", String::from_utf8_lossy(&status.stderr));
    let png = std::fs::read(screenshot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    (String::from_utf8_lossy(&output.stdout).into_owned(), console)
}

fn attr<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find(&format!("{name}=\""))? + name.len() + 2;
    dom[start..].split('"').next()
}

#[test]
fn pages_load_in_headless_chromium_without_errors() {
    let Some(browser) = chromium() else {
        println!(
            "skipped: chromium is not installed (apt-get install chromium); the pages were not loaded in a browser"
        );
        return;
    };
    for sample in ["seed-shishi-commerce-2019.pdf", "split-repeated-header.pdf", "report-check-errors.pdf"] {
        let (page, _) = inspect(sample);
        let screenshot = artifacts().join(format!("{sample}.png"));
        let (dom, console) = load_in_chromium(browser, &page, &screenshot);
        assert!(console.is_empty(), "{sample}: console messages: {console:#?}");
        assert!(dom.contains(r#"<div id="errors"></div>"#), "{sample}: script errors in the page");
        assert!(dom.contains(r#"data-ready="1""#), "{sample}: the page's script did not finish");
        let selftest = dom.split(r#"<div id="selftest""#).nth(1).expect("self test ran");
        let lit = |name| attr(selftest, name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        assert!(lit("data-value-lit") >= 3, "{sample}: a value lights itself, its block cell and its page cell");
        assert!(lit("data-block-lit") >= 2, "{sample}: a block lights its place on the page");
        assert_eq!(attr(selftest, "data-glyphs"), Some("none"), "{sample}: the glyph layer switches off");
        if sample.starts_with("report-check-errors") {
            assert!(lit("data-check-lit") >= 4, "{sample}: a failed check lights the cells it compares on the page");
        }
        println!(
            "{sample}: DOM ready after {} ms; screenshot {}",
            attr(selftest, "data-dom-ms").unwrap_or("?"),
            screenshot.display()
        );
    }
}

#[test]
fn render_without_the_feature_is_a_usage_error_that_says_how_to_build_it() {
    if cfg!(feature = "render") {
        println!("skipped: this build has the render feature");
        return;
    }
    let output = Command::cargo_bin("govdoc")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["inspect", "--render", "samples/seed-shishi-commerce-2019.pdf", "-o", "-"])
        .output()
        .expect("govdoc runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--features render"));
    assert!(output.stdout.is_empty(), "nothing written");
}
