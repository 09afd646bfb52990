//! Whole conversions and their stages on the bundled samples:
//! `cargo bench --bench convert`. Figures are for comparing a change with
//! the code before it on the same machine, never for asserting in tests.

use std::path::Path;

use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name)).expect("bundled sample")
}

const DOCX: &[&str] = &["seed-shishi-commerce-2019.docx", "report-2021-distinct.docx", "docx-features.docx"];

/// bytes → JSON text, everything included.
#[divan::bench(args = DOCX)]
fn convert_docx(bencher: Bencher, name: &str) {
    let bytes = sample(name);
    bencher.bench(|| govdoc::convert_bytes(black_box(&bytes), name).expect("converts").to_compact_json());
}

/// The DOCX front end alone: bytes → fragments.
#[divan::bench(args = DOCX)]
fn docx_front_end(bencher: Bencher, name: &str) {
    let bytes = sample(name);
    bencher.bench(|| govdoc::docx::read(black_box(&bytes)).expect("reads"));
}

/// The Markdown seed: front end, rebuild (two table rejoins), report.
#[divan::bench]
fn convert_seed_markdown(bencher: Bencher) {
    let bytes = sample("seed-shishi-commerce-2019.md");
    bencher.bench(|| govdoc::convert_bytes(black_box(&bytes), "seed.md").expect("converts").to_compact_json());
}

/// Rebuild and report on fragments already read.
#[divan::bench(args = ["split-row.docx", "split-repeated-header.docx"])]
fn rebuild_and_report(bencher: Bencher, name: &str) {
    let fragments = govdoc::docx::read(&sample(name)).expect("reads");
    bencher.bench(|| {
        let rebuilt = govdoc::rebuild::rebuild(black_box(fragments.clone()));
        govdoc::report::recognize(rebuilt.title.as_deref(), &rebuilt.blocks, &[])
    });
}

const PDF: &[&str] = &["seed-shishi-commerce-2019.pdf", "report-2021-distinct.pdf", "rl-gbk-euc.pdf"];

fn pdf_pages(bytes: &[u8]) -> Vec<govdoc::pdf::page::PageContent> {
    let document = govdoc::pdf::document::PdfDocument::open(bytes).expect("opens");
    (0..document.page_count()).map(|i| document.page(i).expect("page").0).collect()
}

/// bytes → JSON text for a PDF; the counter gives the time per page.
#[divan::bench(args = PDF)]
fn convert_pdf(bencher: Bencher, name: &str) {
    let bytes = sample(name);
    let pages = pdf_pages(&bytes).len();
    bencher
        .counter(divan::counter::ItemsCount::new(pages))
        .bench(|| govdoc::convert_bytes(black_box(&bytes), name).expect("converts").to_compact_json());
}

/// The interpreter: open, then every page's content → glyphs and rulings.
#[divan::bench(args = PDF)]
fn pdf_interpreter(bencher: Bencher, name: &str) {
    let bytes = sample(name);
    let pages = pdf_pages(&bytes).len();
    bencher.counter(divan::counter::ItemsCount::new(pages)).bench(|| pdf_pages(black_box(&bytes)));
}

/// Layout and the table finder: pages' content → fragments.
#[divan::bench(args = PDF)]
fn pdf_layout_and_tables(bencher: Bencher, name: &str) {
    let pages = pdf_pages(&sample(name));
    let count = pages.len();
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .with_inputs(|| pages.clone())
        .bench_values(|pages| govdoc::pdf::assemble::fragments(black_box(pages)));
}
