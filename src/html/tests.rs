use super::*;
use crate::model::{Fragment, ParagraphFragment};

fn paragraphs(fragments: &Fragments) -> Vec<&ParagraphFragment> {
    fragments
        .items
        .iter()
        .filter_map(|f| match f {
            Fragment::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn texts(fragments: &Fragments) -> Vec<String> {
    paragraphs(fragments).iter().map(|p| p.text.clone()).collect()
}

fn tables(fragments: &Fragments) -> Vec<&crate::grid::Grid> {
    fragments
        .items
        .iter()
        .filter_map(|f| match f {
            Fragment::Table(t) => Some(&t.grid),
            _ => None,
        })
        .collect()
}

fn codes(fragments: &Fragments) -> Vec<&str> {
    fragments.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn headings_paragraphs_centring_and_indents() {
    let page = "<!DOCTYPE html><html><head><title>t</title><style>p{}</style><script>var x='<p>no</p>'</script></head>\
        <body><p align=center>某局2019年报告</p><h2>一、总体情况</h2>\
        <p style=\"text-indent: 0.44in\">正文&amp;内容&#x4E00;</p><p>&nbsp;&nbsp;&nbsp;&nbsp;缩进的段落</p>\
        <div>a<br>b</div><p style=\"display:none\">隐藏</p><span hidden>也隐藏</span></body></html>";
    let got = read(page.as_bytes()).unwrap();
    assert_eq!(texts(&got), ["某局2019年报告", "一、总体情况", "正文&内容一", "缩进的段落", "a", "b"]);
    let p = paragraphs(&got);
    assert!(p[0].title_like && !p[2].title_like);
    assert_eq!(p[1].heading_level, Some(2));
    assert!(p[2].indented && p[3].indented && !p[4].indented);
}

#[test]
fn tables_with_spans_line_breaks_and_nested_tables() {
    let page = "<html><body><p>before</p><table border=1><thead><tr><th colspan=\"2\">head</th></tr></thead>\
        <tbody><tr><td rowspan='2'>a<br>b</td><td>x<table><tr><td>n</td><td>m</td></tr></table></td></tr>\
        <tr><td>c</td></tr></tbody></table><p>after</p></body></html>";
    let got = read(page.as_bytes()).unwrap();
    let grids = tables(&got);
    assert_eq!(grids.len(), 1);
    let cells: Vec<(usize, usize, usize, usize, &str)> =
        grids[0].cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str())).collect();
    assert_eq!(cells, [(0, 0, 1, 2, "head"), (1, 0, 2, 1, "a\nb"), (1, 1, 1, 1, "x\nn m"), (2, 1, 1, 1, "c")]);
    assert_eq!(texts(&got), ["before", "after"]);
}

#[test]
fn page_breaks_as_office_suites_save_them() {
    let page = "<html><body><p>a</p><table><tr><td>1</td><td>2</td></tr></table>\
        <table style=\"page-break-before: always\"><tr><td>3</td><td>4</td></tr></table></body></html>";
    let got = read(page.as_bytes()).unwrap();
    let kinds: Vec<&str> = got
        .items
        .iter()
        .map(|f| match f {
            Fragment::Paragraph(_) => "p",
            Fragment::Table(_) => "t",
            Fragment::Break(_) => "break",
        })
        .collect();
    // The table carrying the break is walked as a table: the break applies
    // to blocks; a table's own break is left to the rebuild stage's evidence.
    assert_eq!(kinds, ["p", "t", "t"]);
}

/// A government portal page: GBK without a BOM, banner, navigation bar,
/// sidebar of links, breadcrumbs, nested layout tables around the article,
/// print/close links and a footer.
pub(crate) fn portal_page() -> String {
    let nav: String = ["首页", "政务公开", "政务服务", "互动交流", "走进本局"]
        .iter()
        .map(|n| format!("<td><a href=\"/{n}\">{n}</a></td>"))
        .collect();
    let side: String = (1..=6).map(|i| format!("<li><a href=\"/list{i}\">政府信息公开目录{i}</a></li>")).collect();
    format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>某局</title></head>\
        <body><table width=1000><tr><td><img src=banner.jpg>某某市人民政府门户网站</td></tr></table>\
        <table width=1000><tr>{nav}</tr></table>\
        <table width=1000><tr><td width=200><ul>{side}</ul></td><td>\
          <div>当前位置：<a href=/>首页</a> &gt; <a href=/gk>政务公开</a></div>\
          <table width=100%><tr><td align=center class=title>某局2019年政府信息公开工作年度报告</td></tr>\
            <tr><td>发布日期：2020-01-15</td></tr>\
            <tr><td id=zoom><p>&nbsp;&nbsp;根据《中华人民共和国政府信息公开条例》规定，现公布本局2019年政府信息公开工作年度报告。全年主动公开政府信息一百二十条，依申请公开十五件，未发生行政复议和行政诉讼。</p>\
              <p>&nbsp;&nbsp;本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。本报告电子版可在本局门户网站下载。如对本报告有疑问，请与本局办公室联系。</p>\
              <table border=1><tr><td>事项</td><td>数量</td></tr><tr><td>主动公开</td><td>120</td></tr></table></td></tr>\
            <tr><td><a href=\"javascript:window.print()\">【打印本页】</a> <a href=\"javascript:window.close()\">【关闭窗口】</a></td></tr>\
          </table></td></tr></table>\
        <table width=1000><tr><td>主办单位：某某市人民政府办公室 地址：某某路1号 备案号：京ICP备00000000号</td></tr></table>\
        </body></html>"
    )
}

#[test]
fn portal_chrome_is_left_out() {
    let page = portal_page();
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    let got = read(&gbk).unwrap();
    assert_eq!(
        texts(&got),
        [
            "某局2019年政府信息公开工作年度报告",
            "发布日期:2020-01-15",
            "根据《中华人民共和国政府信息公开条例》规定,现公布本局2019年政府信息公开工作年度报告。全年主动公开政府信息一百二十条,依申请公开十五件,未发生行政复议和行政诉讼。",
            "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。本报告电子版可在本局门户网站下载。如对本报告有疑问,请与本局办公室联系。",
        ]
        .map(|t| t.replace(':', "：").replace(',', "，"))
    );
    assert!(paragraphs(&got)[0].title_like);
    assert_eq!(tables(&got).len(), 1);
    assert_eq!(tables(&got)[0].cells.len(), 4);
    let chrome = got.diagnostics.iter().find(|d| d.code == "html.chrome").expect("chrome noted");
    assert!(chrome.message.contains("首页"), "{}", chrome.message);
    assert!(codes(&got).contains(&"html.encoding"));
}

#[test]
fn landmarks_and_main() {
    let page = "<html><body><header><h1>网站名</h1></header><nav><a href=/>首页</a></nav>\
        <main><article><header><h1>文章标题</h1></header><p>正文第一段。</p></article></main>\
        <aside>相关文章</aside><footer>版权所有</footer></body></html>";
    let got = read(page.as_bytes()).unwrap();
    assert_eq!(texts(&got), ["文章标题", "正文第一段。"]);
}

#[test]
fn image_only_tables_are_reported() {
    let page = "<html><body><p>表一如下</p><table><tr><td><img src=a.png></td></tr><tr><td><img src=b.png></td></tr></table>\
        <table border=1><tr><td><img src=c.png></td><td><img src=d.png></td></tr></table></body></html>";
    let got = read(page.as_bytes()).unwrap();
    assert!(tables(&got).is_empty());
    assert!(codes(&got).contains(&"html.image_table"), "{:?}", codes(&got));
}

#[test]
fn hostile_pages_end_quickly() {
    // Elements past the parse's depth cap are closed as they open, their
    // text kept in their parent: every "h" and the innermost character.
    let deep = "<div><h6>h</h6>".repeat(3000) + "深" + &"</div>".repeat(3000);
    let got = read(deep.as_bytes()).unwrap();
    let all = texts(&got).concat();
    assert_eq!(all.matches('h').count(), 3000);
    assert!(all.ends_with("h深"), "{all}");
    assert!(codes(&got).contains(&"html.too_deep"));
    let spans = "<table>".to_string()
        + &"<tr><td colspan=99999999 rowspan=99999999>x</td><td>y</td></tr>".repeat(3000)
        + "</table>";
    let got = read(spans.as_bytes()).unwrap();
    assert!(codes(&got).contains(&"html.table_too_big"));
    let tables = "<table><tr><td>".repeat(5000) + "x";
    assert!(read(tables.as_bytes()).is_ok());
}

#[test]
fn detection_by_content() {
    assert!(looks_like_html(b"\xEF\xBB\xBF<!DOCTYPE html><html>"));
    assert!(looks_like_html(b"<?xml version=\"1.0\"?>\n<!-- saved --><html xmlns=\"http://www.w3.org/1999/xhtml\">"));
    assert!(looks_like_html(b"  <HTML><HEAD>"));
    assert!(looks_like_html(b"<meta charset=gbk><p>x"));
    assert!(!looks_like_html(b"# title\n<p>inline html in markdown</p>"));
    assert!(!looks_like_html(b"<p>a fragment"));
    assert!(!looks_like_html(b"<!-- unterminated"));
}

#[test]
fn mhtml_part_is_read() {
    let (gbk, _, _) = encoding_rs::GBK.encode("<html><body><p>中文段落</p></body></html>");
    let qp: String = gbk
        .iter()
        .map(|b| if b.is_ascii_alphanumeric() { (*b as char).to_string() } else { format!("={b:02X}") })
        .collect();
    let archive = format!(
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n--b--\r\n"
    );
    let got = read_mhtml(archive.as_bytes()).unwrap();
    assert_eq!(texts(&got), ["中文段落"]);
    // No charset in the part or the page: the bytes tell, and that is said.
    let encoding = got.diagnostics.iter().find(|d| d.code == "html.encoding").expect("html.encoding");
    assert!(encoding.message.contains("gb18030 from its bytes"), "{}", encoding.message);
    assert_eq!(
        read_mhtml(b"MIME-Version: 1.0\r\nContent-Type: image/png\r\n\r\nxx").unwrap_err().code,
        crate::ErrorCode::Corrupt
    );
}

/// A table that is only a picture of a table (samples/scan/html-image-table.mht:
/// Chromium's screenshot of a table, stored as JPEG, in a web archive saved
/// by Chromium) is read by OCR in its place, when Tesseract is installed;
/// without it the warning says why it was not read.
#[test]
fn an_image_table_in_a_web_archive_is_read_by_ocr() {
    let bytes = std::fs::read("samples/scan/html-image-table.mht").unwrap();
    let got = read_mhtml(&bytes).unwrap();
    if crate::pdf::ocr::engine::Tesseract::detect().is_err() {
        assert!(codes(&got).contains(&"html.image_table"), "{:?}", codes(&got));
        eprintln!("skipped: tesseract is not installed");
        return;
    }
    let kinds: Vec<&str> = got
        .items
        .iter()
        .map(|f| match f {
            Fragment::Paragraph(_) => "paragraph",
            Fragment::Table(_) => "table",
            Fragment::Break(_) => "break",
        })
        .collect();
    assert_eq!(kinds, ["paragraph", "paragraph", "table", "paragraph"], "{:?}", got.diagnostics);
    let table = tables(&got)[0];
    let cells: Vec<String> =
        table.cells.iter().map(|c| c.text.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    assert_eq!((table.rows, table.cols), (3, 3), "{cells:?}");
    // What the engine reads surely at 96 pixels per inch; the one-digit
    // cell and the bold corner label come out doubtful, with a low confidence.
    for expected in ["年度新公开数量", "年末现行有效件数", "规章", "行政规范性文件", "41", "12", "256"] {
        assert!(cells.iter().any(|c| c == expected), "{expected} not in {cells:?}");
    }
    assert!(table.cells.iter().all(|c| c.confidence.is_some()), "cells read by OCR carry their confidence");
    assert!(codes(&got).contains(&"html.image_table_ocr"), "{:?}", codes(&got));
}

/// An OCR engine that reads "7" in every image it is offered, with a
/// confidence of 0.5: how a page's pictures reach the engine, the table
/// finder and `source.ocr` is tested without Tesseract.
struct SevenEngine;

impl crate::pdf::ocr::engine::Engine for SevenEngine {
    fn describe(&self) -> String {
        "a stand-in reading 7".into()
    }

    fn read(
        &self,
        images: &[crate::pdf::ocr::raster::Gray],
        _dpi: u32,
        _mode: crate::pdf::ocr::engine::Mode,
    ) -> Result<Vec<Vec<crate::pdf::ocr::engine::Word>>> {
        Ok(images
            .iter()
            .map(|image| {
                let (width, height) = (image.width as f32, image.height as f32);
                vec![crate::pdf::ocr::engine::Word {
                    text: "7".into(),
                    left: width * 0.4,
                    top: height * 0.3,
                    width: width * 0.2,
                    height: height * 0.4,
                    confidence: 0.5,
                    line: (1, 1, 1),
                }]
            })
            .collect())
    }
}

fn seven(mode: crate::pdf::ocr::Mode) -> Recogniser {
    Recogniser::with_engine(mode, Ok(Box::new(SevenEngine)))
}

/// The pictures of samples/scan (Chromium's screenshot of a 3 × 3 table as
/// PNG and GIF in web archives, and as a PNG in the folder beside a saved
/// page) are decoded and read: the table found from the picture's ruling
/// lines, every value listed in `source.ocr` under the picture's `src`.
#[test]
fn png_gif_and_folder_pictures_are_read_into_source_ocr() {
    let folder_page = std::fs::read("samples/scan/html-image-table-folder.html").unwrap();
    let auto = crate::pdf::ocr::Mode::Auto;
    let readings = [
        (read_mhtml_with(&std::fs::read("samples/scan/html-image-table-png.mht").unwrap(), seven(auto)), "file:///samples/table.png"),
        (read_mhtml_with(&std::fs::read("samples/scan/html-image-table-gif.mht").unwrap(), seven(auto)), "file:///samples/table.gif"),
        (read_with(&folder_page, Some(Path::new("samples/scan")), seven(auto)), "html-image-table-folder_files/table.png"),
    ];
    for (got, src) in readings {
        let got = got.unwrap();
        assert!(codes(&got).contains(&"html.image_table_ocr"), "{src}: {:?}", got.diagnostics);
        let table = tables(&got)[0];
        assert_eq!((table.rows, table.cols), (3, 3), "{src}");
        let cells: Vec<(&str, Option<f64>)> = table.cells.iter().map(|c| (c.text.as_str(), c.confidence)).collect();
        assert!(cells.iter().all(|&(text, confidence)| text.starts_with('7') && confidence == Some(0.5)), "{src}: {cells:?}");
        let ocr = got.ocr.as_ref().expect("source.ocr");
        assert_eq!((ocr.engine.as_str(), ocr.pages.len()), ("a stand-in reading 7", 0));
        assert_eq!(ocr.images, [src]);
        assert!(ocr.low_confidence.len() >= 9, "{src}: {:?}", ocr.low_confidence);
        assert!(ocr.low_confidence.iter().all(|v| v.page.is_none() && v.image.as_deref() == Some(src)));
        assert!(codes(&got).contains(&"ocr.low_confidence"));
    }
}

/// Without its folder the saved page's picture is missing, and says so;
/// with OCR turned off for the conversion it is found but not read.
#[test]
fn a_missing_picture_or_ocr_off_is_a_warning() {
    let page = std::fs::read("samples/scan/html-image-table-folder.html").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let auto = crate::pdf::ocr::Mode::Auto;
    for folder in [Some(empty.path()), None] {
        let got = read_with(&page, folder, seven(auto)).unwrap();
        let missing = got.diagnostics.iter().find(|d| d.code == "html.image_missing").expect("html.image_missing");
        assert!(missing.message.contains("html-image-table-folder_files/table.png"), "{}", missing.message);
        assert!(tables(&got).is_empty() && got.ocr.is_none());
    }
    let got = read_with(&page, Some(Path::new("samples/scan")), seven(crate::pdf::ocr::Mode::Never)).unwrap();
    let unread = got.diagnostics.iter().find(|d| d.code == "html.image_table").expect("html.image_table");
    assert!(unread.message.contains("OCR is turned off"), "{}", unread.message);
    assert!(got.ocr.is_none());
}

/// Ordered lists are numbered as Chromium draws their markers (checked by
/// printing the same lists with headless Chromium): CJK styles with "、",
/// letters counting on past z, reversed lists, an item's own value and
/// type, nested lists, `list-style: none`, HTML's integer parsing of
/// `start`.
#[test]
fn list_markers_as_a_browser_draws_them() {
    let page = r#"<html><body>
        <ol style="list-style-type: cjk-ideographic"><li>总体情况</li><li>主动公开</li></ol>
        <ol style="list-style-type: lower-alpha" start="26"><li>z item</li><li>next</li></ol>
        <ol reversed><li>three</li><li>two</li><li value="9">nine</li></ol>
        <ol type="I" start="3x"><li>one<ol type="a"><li>inner</li></ol></li><li type="i">own type</li></ol>
        <ol style="list-style: none"><li>plain</li></ol>
        <ol start="-1"><li>minus</li></ol>
        </body></html>"#;
    let got = read(page.as_bytes()).unwrap();
    assert_eq!(
        texts(&got),
        [
            "一、总体情况",
            "二、主动公开",
            "z. z item",
            "aa. next",
            "3. three",
            "2. two",
            "9. nine",
            "III. one",
            "a. inner",
            "iv. own type",
            "plain",
            "-1. minus"
        ]
    );
    assert_eq!(paragraphs(&got)[0].numbering.as_deref(), Some("一、"));
    assert_eq!(paragraphs(&got)[10].numbering, None);
}

/// List styles from the page's `<style>` sheet, through the cascade: type,
/// class, id, child and descendant selectors, `:first-child`, specificity,
/// the later rule, inline over sheet and `!important` over inline, the
/// `list-style` shorthand (a type left out is disc), inheritance (an item
/// takes its list's; a list of bullets a rule numbers), `display: block`
/// items without markers, an unknown counter style as decimal, `@media`.
/// Expected: the page printed by headless Chromium (`--print-to-pdf`, read
/// with pdftotext); the `@media screen` list as Chromium shows it on screen
/// (a screenshot, looked at: printing applies `@media print` instead).
#[test]
fn list_markers_from_style_sheets_as_chromium_draws_them() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><style>
        ol { list-style-type: cjk-ideographic }
        .content ol.sub { list-style: lower-alpha inside }
        ol.chinese > li { list-style-type: simp-chinese-formal }
        #main .x li:first-child { list-style-type: upper-roman }
        li.plain { list-style: none }
        ul.num li { list-style-type: decimal }
        .wrap { list-style-type: lower-greek }
        ol.imp { list-style-type: cjk-heavenly-stem !important }
        ol.shorthand { list-style: inside }
        ol.blockitems li { display: block }
        ol.custom { list-style-type: my-style }
        @media print { ol.media { list-style-type: upper-alpha } }
        @media screen { ol.media { list-style-type: lower-roman } }
        ol.later { list-style-type: upper-alpha } ol.later { list-style-type: lower-alpha }
        ol[type] { list-style-type: cjk-earthly-branch }
        li:not(.x) { list-style-type: upper-greek }
        </style></head><body><div id="main" class="content">
        <ol><li>一项</li><li>二项</li></ol>
        <ol class="sub"><li>sub one</li><li>sub two</li></ol>
        <ol class="chinese"><li>甲项</li><li>乙项</li></ol>
        <ol class="x"><li>first</li><li>second</li></ol>
        <ol><li class="plain">plain item</li><li>after plain</li></ol>
        <ul class="num"><li>ul one</li><li>ul two</li></ul>
        <div class="wrap"><ol><li>wrapped</li></ol><ul><li>bullet in wrap</li></ul></div>
        <ol class="imp" style="list-style-type: decimal"><li>imp one</li></ol>
        <ol class="shorthand"><li>short one</li></ol>
        <ol class="blockitems"><li>block one</li><li>block two</li></ol>
        <ol class="custom"><li>custom one</li><li>custom two</li></ol>
        <ol class="media"><li>media one</li></ol>
        <ol class="later"><li>later one</li></ol>
        <ol type="A"><li>typed one</li></ol>
        <ol style="list-style-type: upper-alpha"><li>inline one</li><li style="list-style-type: inherit">inherit two</li></ol>
        </div></body></html>"#;
    let got = read(page.as_bytes()).unwrap();
    assert_eq!(
        texts(&got),
        [
            "一、一项",
            "二、二项",
            "a. sub one",
            "b. sub two",
            "壹、甲项",
            "贰、乙项",
            "I. first",
            "二、second",
            "plain item",
            "二、after plain",
            "1. ul one",
            "2. ul two",
            "一、wrapped",
            "bullet in wrap",
            "甲、imp one",
            "short one",
            "block one",
            "block two",
            "1. custom one",
            "2. custom two",
            "i. media one",
            "a. later one",
            "子、typed one",
            "A. inline one",
            "B. inherit two"
        ]
    );
    // The rule whose selector is not read here (`:not()`) is named.
    let unread = got.diagnostics.iter().find(|d| d.code == "html.css_unread").expect("html.css_unread");
    assert!(unread.message.contains("li:not(.x)"), "{}", unread.message);
}

/// The sheets of samples/css (made by make_list_style_samples.py): a page
/// whose `<style>` and linked `list.css` number its lists, saved by
/// Chromium as a web archive (both sheets become `text/css` parts) and by
/// wget with the linked sheet in the folder beside it. Both read as
/// Chromium draws the page; without its folder the linked sheet is missing,
/// said so, and its lists fall back to the browser's defaults.
#[test]
fn list_markers_from_linked_and_archived_style_sheets() {
    let expected = [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "a.主动公开",
        "b.依申请公开",
        "二、主动公开政府信息情况",
        "（本项无内容）",
        "四、存在的主要问题及改进情况",
        "一、第一步",
        "二、第二步",
    ];
    let archive = read_mhtml(&std::fs::read("samples/css/html-list-styles.mht").unwrap()).unwrap();
    assert_eq!(texts(&archive), expected);
    let page = std::fs::read("samples/css/html-list-styles-folder.html").unwrap();
    let folder = read_with(&page, Some(Path::new("samples/css")), Recogniser::new()).unwrap();
    assert_eq!(texts(&folder), expected);
    let alone = read(&page).unwrap();
    assert_eq!(texts(&alone)[1..3], ["1.总体情况", "a.主动公开"]);
    let missing = alone.diagnostics.iter().find(|d| d.code == "html.css_missing").expect("html.css_missing");
    assert!(missing.message.contains("html-list-styles-folder_files/list.css"), "{}", missing.message);
}

/// Pictures of samples/scan/html-image-table-parts.mht (parts of a table
/// cut in two) one below the other in two rows of one table make the second
/// picture's table continue the first across the edge between them;
/// pictures side by side are not read. Read by the stand-in engine (each
/// picture costs about a second in a test build: two are read).
#[test]
fn pictures_one_below_the_other_continue_one_table() {
    let archive = mhtml::resources(&std::fs::read("samples/scan/html-image-table-parts.mht").unwrap());
    let images = Images { archive: &archive, folder: None, is_archive: true };
    let (one, two) = ("file:///samples/part1.png", "file:///samples/part2.png");
    let edges = |page: &str| -> (Vec<bool>, Fragments) {
        let got = read_text_with(page, images, seven(crate::pdf::ocr::Mode::Auto)).unwrap();
        let edges = got
            .items
            .iter()
            .filter_map(|f| match f {
                Fragment::Table(t) => Some(t.boundary.after_picture_edge),
                _ => None,
            })
            .collect();
        (edges, got)
    };
    // Two tables with nothing visible between them: tests/all/ocr.rs's
    // a_table_cut_into_two_pictures_is_one_table, through the rebuild.
    let rows = format!("<table><tr><td><img src={one}></td></tr><tr><td><img src={two}></td></tr></table>");
    assert_eq!(edges(&rows).0, [false, true]);
    let (side_by_side, got) = edges(&format!("<table><tr><td><img src={one}></td><td><img src={two}></td></tr></table>"));
    assert!(side_by_side.is_empty());
    let unread = got.diagnostics.iter().find(|d| d.code == "html.image_table").expect("html.image_table");
    assert!(unread.message.contains("side by side"), "{}", unread.message);
}

/// Two `<table>`s with nothing but white space and comments between them
/// are drawn one below the other: the second touches the first (evidence
/// for the rebuild's rejoin, as for Word's adjacent tables); an empty
/// paragraph, text or another element between them, or a layout table
/// before, does not.
#[test]
fn a_table_right_after_a_table_touches_it() {
    let touching = |between: &str| -> Vec<bool> {
        let page = format!(
            "<html><body><table><tr><th>项目</th><th>数量</th></tr><tr><td>审批</td><td>10</td></tr></table>{between}\
             <table><tr><td>备案</td><td>12</td></tr></table></body></html>"
        );
        let got = read(page.as_bytes()).unwrap();
        got.items
            .iter()
            .filter_map(|f| match f {
                Fragment::Table(t) => Some(t.boundary.touches_previous),
                _ => None,
            })
            .collect()
    };
    assert_eq!(touching("\n <!-- part 2 --> "), [false, true]);
    for between in ["<p></p>", "<p>续表</p>", "<div><table><tr><td>x</td></tr></table></div>"] {
        assert_eq!(touching(between).last(), Some(&false), "{between}");
    }
}

/// A portal's article info bar (samples/portal-gbk-seed-2019.html's
/// 发布时间：… 来源：… 浏览次数：… 【字号：大 中 小】) is chrome; one label in
/// a paragraph, or a long paragraph naming them, is text.
#[test]
fn an_article_info_bar_is_chrome() {
    let page = std::fs::read("samples/portal-gbk-seed-2019.html").unwrap();
    let got = read(&page).unwrap();
    assert!(texts(&got).iter().all(|t| !t.contains("浏览次数")), "{:?}", &texts(&got)[..3]);
    let chrome = got.diagnostics.iter().find(|d| d.code == "html.chrome").expect("html.chrome");
    assert!(chrome.message.contains("发布时间：2020-01-20"), "{}", chrome.message);
    assert!(crate::html::content::is_info_bar("发布日期: 2023-01-05 信息来源：某局 【字号：大 中 小】"));
    assert!(!crate::html::content::is_info_bar("信息来源：某局"));
    assert!(!crate::html::content::is_info_bar(&format!("来源：统计局。作者：某某。{}", "正文".repeat(60))));
}
