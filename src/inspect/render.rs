//! The PDF's pages rendered underneath the inspect layers, by hayro-svg
//! (cargo feature `render`). Each page becomes SVG content in page space;
//! its element ids are prefixed with the page number, since every page's
//! drawing lives in one HTML document. A page the renderer cannot draw (or
//! panics on) is left without a rendering and named in the result's notes.

/// Whether this build can render pages.
pub const AVAILABLE: bool = cfg!(feature = "render");

/// Per page (in order), its rendering as SVG content, or `None` with a note.
#[cfg(feature = "render")]
pub(crate) fn render_pdf(bytes: &[u8]) -> (Vec<Option<String>>, Vec<String>) {
    use hayro_svg::hayro_interpret::InterpreterSettings;
    use hayro_svg::hayro_syntax::Pdf;
    use hayro_svg::{RenderCache, SvgRenderSettings, convert};

    let mut notes = Vec::new();
    let Ok(pdf) = Pdf::new(bytes.to_vec()) else {
        notes.push("the renderer could not open the file; pages are drawn without a rendering".to_string());
        return (Vec::new(), notes);
    };
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let settings = SvgRenderSettings::default();
    let pages = pdf.pages();
    let mut out = Vec::with_capacity(pages.len());
    for (k, page) in pages.iter().enumerate() {
        let drawn =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| convert(page, &cache, &interpreter, &settings)));
        match drawn {
            Ok(svg) => out.push(Some(prefix_ids(&svg, k + 1))),
            Err(_) => {
                notes.push(format!("page {}: the renderer failed; drawn without a rendering", k + 1));
                out.push(None);
            }
        }
    }
    (out, notes)
}

/// Makes a page's SVG ids unique in the document: `id="x"` → `id="rN-x"`,
/// and the references to them likewise.
#[cfg_attr(not(feature = "render"), allow(dead_code))]
fn prefix_ids(svg: &str, page: usize) -> String {
    let p = format!("r{page}-");
    svg.replace("id=\"", &format!("id=\"{p}"))
        .replace("url(#", &format!("url(#{p}"))
        .replace("href=\"#", &format!("href=\"#{p}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_their_references_get_the_page_prefix() {
        let svg =
            r##"<g clip-path="url(#c0)"><use xlink:href="#g0"/></g><defs><path id="g0"/><clipPath id="c0"/></defs>"##;
        assert_eq!(
            prefix_ids(svg, 3),
            r##"<g clip-path="url(#r3-c0)"><use xlink:href="#r3-g0"/></g><defs><path id="r3-g0"/><clipPath id="r3-c0"/></defs>"##
        );
    }
}
