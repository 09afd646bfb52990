//! The hostile files of issue 11, built in memory: each is a few KB that
//! once took hundreds of MB or GB to convert. Sizes are parameters so the
//! release-binary measurements in the report use the same generator
//! (`cargo test --test hostile -- --ignored write_hostile_files`).

use super::common::{Part, RawEntry, crc32, deflate_parts, docx_parts, pdf, raw_zip, stream, zlib_parts};

/// List numbering started near u32::MAX in letter and roman formats:
/// `paragraphs` numbered paragraphs alternating between the two lists.
pub fn docx_numbering(paragraphs: usize) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let level = |format: &str| {
        format!(
            r#"<w:lvl w:ilvl="0"><w:start w:val="4294967000"/><w:numFmt w:val="{format}"/><w:lvlText w:val="%1."/></w:lvl>"#
        )
    };
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:abstractNum w:abstractNumId="1">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        level("lowerLetter"),
        level("upperRoman")
    );
    let body: String = (0..paragraphs)
        .map(|i| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr></w:pPr><w:r><w:t>第{i}项</w:t></w:r></w:p>"#,
                1 + i % 2
            )
        })
        .collect();
    let document =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let styles = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}/>"#);
    docx_parts(document.as_bytes(), styles.as_bytes(), numbering.as_bytes())
}

/// A DOCX table of two rows of `cells` cells, each spanning two grid
/// columns: every second column separates nothing and is collapsed away
/// (once a scan of every cell per column, quadratic).
pub fn docx_wide_table(cells: usize) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let grid: String = (0..2 * cells).map(|_| r#"<w:gridCol w:w="100"/>"#).collect();
    let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>项</w:t></w:r></w:p></w:tc>"#;
    let row = format!("<w:tr>{}</w:tr>", cell.repeat(cells));
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:tbl><w:tblGrid>{grid}</w:tblGrid>{row}{row}</w:tbl></w:body></w:document>"#
    );
    let styles = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}/>"#);
    let numbering = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}/>"#);
    docx_parts(document.as_bytes(), styles.as_bytes(), numbering.as_bytes())
}

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// A PDF whose `pages` pages all draw one content stream of `glyphs`
/// characters (object 3; the font is object 4, pages from 5).
pub fn pdf_shared_content(pages: usize, glyphs: u64) -> Vec<u8> {
    let data =
        zlib_parts(&[Part::Literal(b"BT /F1 1 Tf 10 700 Td ("), Part::Run(b'A', glyphs), Part::Literal(b") Tj ET")]);
    let kids: String = (0..pages).map(|i| format!("{} 0 R ", 5 + i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes(),
        stream("/Filter /FlateDecode", &data),
        FONT.to_vec(),
    ];
    for _ in 0..pages {
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"
                .to_vec(),
        );
    }
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    pdf(&refs, "")
}

/// A one-page PDF with a line of text, drawing a form XObject `draws`
/// times; the form is `form_bytes` of blank space around one line.
pub fn pdf_repeated_form(draws: usize, form_bytes: u64) -> Vec<u8> {
    pdf_drawing_form(draws, &[Part::Run(b' ', form_bytes), Part::Literal(b"0 0 m 1 1 l S")])
}

/// A one-page PDF with a line of text that draws a form XObject of
/// `form` (deflated) `draws` times.
fn pdf_drawing_form(draws: usize, form: &[Part]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 780 Td (A form drawn over and over.) Tj ET\n");
    content.extend((0..draws).map(|_| "q /X Do Q\n"));
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> /XObject << /X 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", content.as_bytes()),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode", &zlib_parts(form)),
        FONT.to_vec(),
    ];
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    pdf(&refs, "")
}

/// A Markdown pipe table: a header row of `cols` cells over `rows` rows of
/// one cell each (the grid pads every row to the header's width).
pub fn markdown_wide_table(cols: usize, rows: usize) -> Vec<u8> {
    let mut out = String::from("|");
    out.push_str(&"h|".repeat(cols));
    out.push('\n');
    for _ in 0..rows {
        out.push_str("|a|\n");
    }
    out.into_bytes()
}

/// A one-page PDF of `across` × `down` small ruled frames (two cells each,
/// a letter in each cell) over `filler` letters set small at the page foot:
/// the table finder once looked at every glyph of the page for each frame.
pub fn pdf_many_frames(across: usize, down: usize, filler: u64) -> Vec<u8> {
    let mut frames = String::new();
    for row in 0..down {
        for col in 0..across {
            // 5 pt apart: more than the snap and join tolerances, so each
            // frame is a table of its own.
            let (x, y) = (10.0 + 14.0 * col as f32, 830.0 - 18.0 * (row + 1) as f32);
            frames.push_str(&format!(
                "{x} {y} 9 13 re S {m} {y} m {m} {t} l S BT /F1 3 Tf {a} {b} Td (A) Tj 4.5 0 Td (B) Tj ET\n",
                m = x + 4.5,
                t = y + 13.0,
                a = x + 1.0,
                b = y + 5.0
            ));
        }
    }
    let mut parts = vec![Part::Literal(frames.as_bytes()), Part::Literal(b"BT /F1 0.5 Tf 0.6 TL 10 60 Td\n")];
    let line = 1000;
    for k in 0..filler.div_ceil(line) {
        parts.push(Part::Literal(b"("));
        parts.push(Part::Run(b'A', line.min(filler - k * line)));
        parts.push(Part::Literal(b") Tj T*\n"));
    }
    parts.push(Part::Literal(b"ET"));
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("/Filter /FlateDecode", &zlib_parts(&parts)),
        FONT.to_vec(),
    ];
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    pdf(&refs, "")
}

/// A PDF of `pages` pages that all draw one content stream of `dashes`
/// short vertical rules (distinct, crossing nothing: no table) and then a
/// content stream of their own with two lines of text: a lot of content
/// interpreted per page, little text out.
pub fn pdf_vector_pages(pages: usize, dashes: usize) -> Vec<u8> {
    let mut vector = String::from("0.5 w\n");
    for k in 0..dashes {
        let (x, y) = (20.0 + 1.1 * (k % 500) as f32, 40.0 + 7.0 * (k / 500) as f32);
        vector.push_str(&format!("{x:.1} {y} m {x:.1} {} l S\n", y + 5.0));
    }
    let kids: String = (0..pages).map(|i| format!("{} 0 R ", 5 + 2 * i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes(),
        stream("/Filter /FlateDecode", &zlib_parts(&[Part::Literal(vector.as_bytes())])),
        FONT.to_vec(),
    ];
    for page in 0..pages {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents [3 0 R {} 0 R] >>",
                6 + 2 * page
            )
            .into_bytes(),
        );
        let text = format!(
            "BT /F1 12 Tf 72 780 Td (Section {page} of the report, first line.) Tj 0 -16 Td (Page {page} goes on with line two.) Tj ET"
        );
        objects.push(stream("", text.as_bytes()));
    }
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    pdf(&refs, "")
}

/// A DOCX table of two rows of two cells whose `w:tblGrid` declares
/// `grid_cols` columns: once every row was padded to the declared width.
pub fn docx_declared_grid(grid_cols: usize) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let grid: String = (0..grid_cols).map(|_| r#"<w:gridCol w:w="100"/>"#).collect();
    let row = r#"<w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>"#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:tbl><w:tblGrid>{grid}</w:tblGrid>{row}{row}</w:tbl></w:body></w:document>"#
    );
    let styles = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}/>"#);
    let numbering = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}/>"#);
    docx_parts(document.as_bytes(), styles.as_bytes(), numbering.as_bytes())
}

/// An OFD of `pages` pages that all name one content file holding a text
/// of `glyphs` characters (deflated, so the file is a few KB).
pub fn ofd_shared_content(pages: usize, glyphs: u64) -> Vec<u8> {
    let head = format!(
        r#"<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="10 10 190 20" Font="3" Size="0.1"><ofd:TextCode X="0" Y="5">"#
    );
    let tail = "</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>";
    ofd_shared_page(pages, &[Part::Literal(head.as_bytes()), Part::Run(b'A', glyphs), Part::Literal(tail.as_bytes())])
}

const OFD_NS: &str = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;

/// An OFD of `pages` pages that all name one content file, `content` (kept
/// deflated as parts, so it may stand for hundreds of MB).
fn ofd_shared_page(pages: usize, content: &[Part]) -> Vec<u8> {
    let ofd = format!(
        r#"<ofd:OFD {OFD_NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
    );
    let list: String =
        (0..pages).map(|i| format!(r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_0/Content.xml"/>"#, i + 1)).collect();
    let document = format!(r#"<ofd:Document {OFD_NS}><ofd:Pages>{list}</ofd:Pages></ofd:Document>"#);
    let mut inflated = Vec::new();
    for part in content {
        match *part {
            Part::Literal(bytes) => inflated.extend(bytes),
            Part::Run(byte, n) => inflated.resize(inflated.len() + n as usize, byte),
            Part::Repeat(piece, n) => (0..n).for_each(|_| inflated.extend(piece)),
        }
    }
    let deflated = RawEntry {
        name: b"Doc_0/Pages/Page_0/Content.xml".to_vec(),
        utf8_flag: false,
        method: 8,
        crc: crc32(&inflated),
        data: deflate_parts(content),
        declared_size: inflated.len() as u32,
    };
    raw_zip(&[
        RawEntry::stored(b"OFD.xml", false, ofd.as_bytes()),
        RawEntry::stored(b"Doc_0/Document.xml", false, document.as_bytes()),
        deflated,
    ])
}

/// Text of `lines` paragraphs, each a sentence cut in mid-flow (no full stop):
/// with soft paragraph ends, each joins the one before. Found by the
/// smoke fuzzer: each join once normalized the whole paragraph so far.
pub fn markdown_running_lines(lines: usize) -> Vec<u8> {
    "各级政府信息公开工作机构认真落实有关要求并持续推进相关工作\n\n".repeat(lines).into_bytes()
}

/// A one-page PDF that draws, `draws` times, a form stroking and filling
/// `rects` rectangles in one path (at most 25,000: a path keeps 100,000
/// segments): each drawing paints four rulings per rectangle, and the
/// operator limit alone let one page keep millions of them.
pub fn pdf_form_of_rectangles(draws: usize, rects: u64) -> Vec<u8> {
    pdf_drawing_form(draws, &[Part::Repeat(b"1 1 9 9 re\n", rects), Part::Literal(b"B")])
}

/// An OFD of `pages` pages that all name one content file of `paths` path
/// objects, each of `rects` rectangles (deflated: a few KB).
pub fn ofd_shared_paths(pages: usize, paths: usize, rects: u64) -> Vec<u8> {
    let head = format!(r#"<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="1">"#);
    let path_head = r#"<ofd:PathObject ID="2" Boundary="0 0 100 100"><ofd:AbbreviatedData>"#;
    let path_tail = "</ofd:AbbreviatedData></ofd:PathObject>";
    let tail = "</ofd:Layer></ofd:Content></ofd:Page>";
    let mut parts = vec![Part::Literal(head.as_bytes())];
    for _ in 0..paths {
        parts.extend([
            Part::Literal(path_head.as_bytes()),
            Part::Repeat(b"M 1 1 L 9 1 L 9 9 L 1 9 C ", rects),
            Part::Literal(path_tail.as_bytes()),
        ]);
    }
    parts.push(Part::Literal(tail.as_bytes()));
    ofd_shared_page(pages, &parts)
}

/// How the pages of [`pdf_scan_on_many_pages`] draw their scan.
#[derive(Clone, Copy, PartialEq)]
pub enum Scans {
    /// One image (object 4) at one place on pages all of a size: one
    /// reading serves every page as it is.
    OneImage,
    /// One image on pages each a hundredth of a point taller than the one
    /// before, so it lies at a new place on every page: one reading, laid
    /// onto each page where it is drawn.
    OneImageMoved,
    /// Each page its own image object (the same pixels): a reading each.
    ImagePerPage,
}

/// A PDF of `pages` pages with no text, each drawing a small grey image (a
/// "scan") over the whole page from one shared content stream (object 3).
pub fn pdf_scan_on_many_pages(pages: usize, scans: Scans) -> Vec<u8> {
    let (width, height) = (16usize, 16usize);
    // A dark bar across a white square: ink for the engine to be offered.
    let pixels: Vec<u8> = (0..width * height).map(|k| if (6..10).contains(&(k / width)) { 0 } else { 255 }).collect();
    let image = || {
        stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8"
            ),
            &pixels,
        )
    };
    let kids: String = (0..pages).map(|i| format!("{} 0 R ", 5 + i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes(),
        stream("", b"q 595 0 0 842 0 0 cm /Scan Do Q"),
        image(),
    ];
    for page in 0..pages {
        let height = if scans == Scans::OneImageMoved { 842.0 + 0.01 * page as f64 } else { 842.0 };
        // Page objects are 5 … 4 + pages; a page's own image follows them all.
        let image = if scans == Scans::ImagePerPage { 5 + pages + page } else { 4 };
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {height:.2}] /Resources << /XObject << /Scan {image} 0 R >> >> /Contents 3 0 R >>"
            )
            .into_bytes(),
        );
    }
    if scans == Scans::ImagePerPage {
        objects.extend((0..pages).map(|_| image()));
    }
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    pdf(&refs, "")
}

/// A saved page of `depth` elements opened by `open` and never closed. The
/// HTML5 tree builder scans its stack of open elements for almost every
/// start tag, so without a cap on the depth the time grows with its square:
/// 20,000 `<div><h6>`s (300 KB) took 7 s, 20,000 `<ul><li>`s 12 s.
pub fn html_nested(open: &str, depth: usize) -> Vec<u8> {
    format!("<!DOCTYPE html><html><body>{}深</body></html>", open.repeat(depth)).into_bytes()
}
