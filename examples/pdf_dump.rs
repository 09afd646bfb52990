//! Debug aid: prints each page of a PDF as the content interpreter sees it —
//! the glyph text in content order (a line break where the baseline moves or
//! the text jumps back), the number of rulings, images and fonts, and the
//! diagnostics.
//!
//!     cargo run --release --example pdf_dump -- FILE.pdf [--glyphs] [--rulings]
//!     cargo run --release --example pdf_dump -- FILE.pdf --bench N   (time open + every page, N runs)

use govdoc::pdf::document::PdfDocument;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_dump FILE.pdf [--glyphs] [--rulings]");
        std::process::exit(2);
    };
    let show_glyphs = args.iter().any(|a| a == "--glyphs");
    let show_rulings = args.iter().any(|a| a == "--rulings");
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    if let Some(runs) =
        args.iter().position(|a| a == "--bench").and_then(|i| args.get(i + 1)).and_then(|n| n.parse::<u32>().ok())
    {
        bench(&bytes, runs);
        return;
    }
    let doc = match PdfDocument::open(&bytes) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{}", e.in_file(path));
            std::process::exit(1);
        }
    };
    for index in 0..doc.page_count() {
        let (page, diagnostics) = match doc.page(index) {
            Ok(p) => p,
            Err(e) => {
                println!("=== page {}: {e}", index + 1);
                continue;
            }
        };
        println!(
            "=== page {} ({:.1} x {:.1}): {} glyphs, {} rulings, {} images, fonts {:?}",
            page.number,
            page.width,
            page.height,
            page.glyphs.len(),
            page.rulings.len(),
            page.images,
            page.fonts
                .iter()
                .map(|f| if f.bold { format!("{} (bold)", f.name) } else { f.name.clone() })
                .collect::<Vec<_>>()
        );
        let mut line = String::new();
        let mut last: Option<(f32, f32)> = None;
        for g in &page.glyphs {
            if show_glyphs {
                println!(
                    "{:?} x0={:.2} x1={:.2} top={:.2} bottom={:.2} size={:.2} font={} upright={}",
                    g.text, g.rect.x0, g.rect.x1, g.rect.top, g.rect.bottom, g.size, g.font, g.upright
                );
            }
            if let Some((bottom, x1)) = last
                && ((g.rect.bottom - bottom).abs() > g.size * 0.5 || g.rect.x0 < x1 - g.size)
            {
                println!("{line}");
                line.clear();
            }
            line.push_str(&g.text);
            last = Some((g.rect.bottom, g.rect.x1));
        }
        if !line.is_empty() {
            println!("{line}");
        }
        if show_rulings {
            for r in &page.rulings {
                println!(
                    "ruling x0={:.2} top={:.2} x1={:.2} bottom={:.2} width={:.2}",
                    r.x0, r.top, r.x1, r.bottom, r.width
                );
            }
        }
        for d in diagnostics {
            println!("[{:?}] {}: {}", d.level, d.code, d.message);
        }
    }
}

/// Opens the document and interprets every page `runs` times; prints the
/// median time per run and per page.
fn bench(bytes: &[u8], runs: u32) {
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..runs.max(1) {
        let start = std::time::Instant::now();
        let doc = PdfDocument::open(bytes).expect("opens");
        pages = doc.page_count();
        for i in 0..pages {
            let _ = doc.page(i);
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!(
        "{pages} pages: median {median:.2} ms per document, {:.3} ms per page ({} runs)",
        median / pages as f64,
        times.len()
    );
}
