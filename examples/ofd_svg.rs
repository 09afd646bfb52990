//! Draws what the OFD front end hands to layout, one SVG per page: glyph
//! boxes (blue, with their text) and rulings (red), in points. There is no
//! OFD renderer in Debian; this is how the page geometry is checked by eye:
//!
//!     cargo run --example ofd_svg -- FILE.ofd OUT_DIR
//!     rsvg-convert OUT_DIR/page-1.svg -o page-1.png

use std::fmt::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: ofd_svg FILE.ofd OUT_DIR");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&file).expect("readable file");
    let (pages, diagnostics) = match govdoc::ofd::pages(&bytes) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for d in &diagnostics {
        eprintln!("{:?} {} {:?} {}", d.level, d.code, d.page, d.message);
    }
    std::fs::create_dir_all(&out).expect("output folder");
    for page in &pages {
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="white"/>"#,
            w = page.width,
            h = page.height
        );
        for r in &page.rulings {
            let _ = writeln!(
                svg,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="red" stroke-width="{}"/>"#,
                r.x0,
                r.top,
                r.x1,
                r.bottom,
                r.width.max(0.3)
            );
        }
        for g in &page.glyphs {
            let text = g.text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            let _ = writeln!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="blue" stroke-width="0.2"/><text x="{}" y="{}" font-size="{}" font-family="Noto Sans CJK SC">{}</text>"#,
                g.rect.x0,
                g.rect.top,
                g.rect.width(),
                g.rect.height(),
                g.rect.x0,
                g.rect.bottom - 0.12 * g.size,
                g.size,
                text
            );
        }
        svg.push_str("</svg>\n");
        std::fs::write(format!("{out}/page-{}.svg", page.number), svg).expect("writable output");
    }
}
