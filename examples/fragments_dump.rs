//! Prints a file's front-end fragments (before the rebuild stage), one per
//! line with their flags: `cargo run --example fragments_dump -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: fragments_dump FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let fragments = match govdoc::detect::detect(&bytes, &path) {
        Ok(govdoc::model::Format::Pdf) => govdoc::pdf::read(&bytes),
        Ok(govdoc::model::Format::Docx) => govdoc::docx::read(&bytes),
        Ok(govdoc::model::Format::Md) => govdoc::md::read(&bytes),
        Ok(govdoc::model::Format::Ofd) => govdoc::ofd::read(&bytes),
        Ok(govdoc::model::Format::Html) => govdoc::html::read(&bytes),
        Ok(govdoc::model::Format::Mhtml) => govdoc::html::read_mhtml(&bytes),
        Ok(govdoc::model::Format::Doc) => govdoc::doc::read(&bytes),
        Err(e) => Err(e),
    };
    match fragments {
        Err(e) => eprintln!("{e}"),
        Ok(f) => {
            for item in &f.items {
                match item {
                    govdoc::model::Fragment::Paragraph(p) => println!(
                        "P page={:?} indent={} title={} cont={} heading={:?} | {}",
                        p.page, p.indented, p.title_like, p.continues_previous, p.heading_level, p.text
                    ),
                    govdoc::model::Fragment::Table(t) => {
                        println!("T pages={:?} {}x{} edges={:?}", t.pages, t.grid.rows, t.grid.cols, t.column_edges)
                    }
                    govdoc::model::Fragment::Break(b) => println!("B {b:?}"),
                }
            }
            for d in &f.diagnostics {
                println!("D {:?} {} {}", d.level, d.code, d.message);
            }
        }
    }
}
