//! DOCX front-end tests on small packages built in memory, one trap each.

use std::io::Write;

use super::read;
use crate::error::ErrorCode;
use crate::model::{BreakKind, Fragment, ParagraphFragment, TableFragment};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip with the given parts.
pub fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    buffer.into_inner()
}

/// A DOCX whose body is `body`, with optional styles and numbering parts.
fn docx_with(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}</w:body></w:document>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;
    let mut parts = vec![
        ("[Content_Types].xml", "<Types/>".to_string()),
        ("_rels/.rels", rels.to_string()),
        ("word/_rels/document.xml.rels", doc_rels.to_string()),
        ("word/document.xml", document),
    ];
    if let Some(s) = styles {
        parts.push(("word/styles.xml", format!(r#"<w:styles xmlns:w="{W}">{s}</w:styles>"#)));
    }
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#)));
    }
    let borrowed: Vec<(&str, &str)> = parts.iter().map(|(n, c)| (*n, c.as_str())).collect();
    zip(&borrowed)
}

fn docx(body: &str) -> Vec<u8> {
    docx_with(body, None, None)
}

fn paragraphs(bytes: &[u8]) -> Vec<ParagraphFragment> {
    read(bytes)
        .unwrap()
        .items
        .into_iter()
        .filter_map(|f| match f {
            Fragment::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn texts(bytes: &[u8]) -> Vec<String> {
    paragraphs(bytes).into_iter().map(|p| p.text).filter(|t| !t.is_empty()).collect()
}

fn tables(bytes: &[u8]) -> Vec<TableFragment> {
    read(bytes)
        .unwrap()
        .items
        .into_iter()
        .filter_map(|f| match f {
            Fragment::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", p(text))
}

#[test]
fn runs_tabs_breaks_and_hidden_text() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">今年以来 </w:t></w:r><w:r><w:t>30</w:t><w:tab/><w:t>条</w:t><w:br/><w:t>Hello</w:t></w:r>
      <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t xml:space="preserve"> world</w:t></w:r></w:p>"#;
    assert_eq!(texts(&docx(body)), vec!["今年以来30条Hello world"]);
}

#[test]
fn tracked_changes_fields_and_wrappers() {
    let body = r#"<w:p>
      <w:ins w:id="1"><w:r><w:t>保留</w:t></w:r></w:ins>
      <w:del w:id="2"><w:r><w:delText>删除</w:delText></w:r></w:del>
      <w:moveFrom w:id="3"><w:r><w:t>移走</w:t></w:r></w:moveFrom>
      <w:moveTo w:id="4"><w:r><w:t>移来</w:t></w:r></w:moveTo>
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
      <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>
      <w:hyperlink r:id="x" xmlns:r="r"><w:r><w:t>链接</w:t></w:r></w:hyperlink>
      <w:sdt><w:sdtPr><w:alias w:val="不显示"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>
      <w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag>
      <m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>
    </w:p>"#;
    assert_eq!(texts(&docx(body)), vec!["保留移来79链接控件标记x+1"]);
}

#[test]
fn text_boxes_come_out_once_after_their_anchor() {
    let txbx = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let body = format!(
        r#"<w:p><w:r><w:t>锚点</w:t></w:r><w:r><mc:AlternateContent>
            <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback>
          </mc:AlternateContent></w:r></w:p>
          <w:p><w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r></w:p>{}"#,
        txbx("文本框甲"),
        txbx("文本框甲"),
        txbx("文本框乙"),
        p("其后")
    );
    assert_eq!(texts(&docx(&body)), vec!["锚点", "文本框甲", "文本框乙", "其后"]);
}

#[test]
fn a_page_break_inside_a_paragraph_splits_it_into_continuing_fragments() {
    let body = r#"<w:p><w:r><w:t>在内的各</w:t><w:br w:type="page"/><w:t>级新闻媒体报道</w:t></w:r></w:p>"#;
    let items = read(&docx(body)).unwrap().items;
    assert!(matches!(items[1], Fragment::Break(BreakKind::Page)));
    let parts: Vec<_> = items
        .iter()
        .filter_map(|f| match f {
            Fragment::Paragraph(p) => Some((p.text.as_str(), p.continues_previous)),
            _ => None,
        })
        .collect();
    assert_eq!(parts, vec![("在内的各", false), ("级新闻媒体报道", true)]);
}

#[test]
fn heading_styles_by_name_and_outline_level() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 3"/></w:style>
        <w:style w:type="paragraph" w:styleId="a6"><w:name w:val="继承标题"/><w:basedOn w:val="a3"/></w:style>
        <w:style w:type="paragraph" w:styleId="t"><w:name w:val="Title"/></w:style>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="t"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一级</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="a6"/></w:pPr><w:r><w:t>三级</w:t></w:r></w:p>
        <w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>二级</w:t></w:r></w:p>
        <w:p><w:pPr><w:jc w:val="center"/><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:t>居中</w:t></w:r></w:p>"#;
    let ps = paragraphs(&docx_with(body, Some(styles), None));
    let shape: Vec<_> = ps.iter().map(|p| (p.text.as_str(), p.heading_level, p.title_like, p.indented)).collect();
    assert_eq!(
        shape,
        vec![
            ("标题", None, true, false),
            ("一级", Some(1), false, false),
            ("三级", Some(3), false, false),
            ("二级", Some(2), false, false),
            ("居中", None, true, true),
        ]
    );
}

#[test]
fn automatic_numbering_is_rendered_into_the_text() {
    let numbering = r#"<w:abstractNum w:abstractNumId="3">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:pStyle w:val="h2"/></w:lvl>
        </w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>"#;
    let styles = r#"<w:style w:type="paragraph" w:styleId="h2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>"#;
    let numbered = |lvl: u8, t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let body = format!(
        r#"{}{}<w:p><w:pPr><w:pStyle w:val="h2"/></w:pPr><w:r><w:t>依申请公开</w:t></w:r></w:p>{}<w:p><w:pPr><w:pStyle w:val="h2"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>"#,
        numbered(0, "总体情况"),
        numbered(1, "主动公开"),
        numbered(0, "主动公开政府信息情况"),
    );
    let ps = paragraphs(&docx_with(&body, Some(styles), Some(numbering)));
    let shape: Vec<_> = ps.iter().map(|p| (p.text.as_str(), p.numbering.as_deref())).collect();
    assert_eq!(
        shape,
        vec![
            ("一、总体情况", Some("一、")),
            ("（一）主动公开", Some("（一）")),
            ("（二）依申请公开", Some("（二）")),
            ("二、主动公开政府信息情况", Some("二、")),
            ("不编号", None),
        ]
    );
}

#[test]
fn table_spans_merges_and_header_rows() {
    let body = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>
        <w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc></w:tr>
        <w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>{}{}</w:tr>
        <w:tr>{}<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>{}</w:tr>
        <w:sdt><w:sdtContent><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}{}</w:tr></w:sdtContent></w:sdt>
        <w:tr><w:trPr><w:del w:id="9"/></w:trPr>{}{}{}</w:tr>
        </w:tbl>"#,
        p("信息内容"),
        p("数量"),
        tc("本年"),
        tc("上年"),
        tc("规章"),
        tc("3"),
        tc("4"),
        tc("5"),
        tc("6"),
        tc("删"),
        tc("删"),
        tc("删"),
    );
    let t = &tables(&docx(&body))[0];
    assert_eq!((t.grid.rows, t.grid.cols, t.marked_header_rows), (4, 3, 2));
    let shape: Vec<_> = t.grid.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str())).collect();
    assert_eq!(
        shape,
        vec![
            (0, 0, 2, 1, "信息内容"),
            (0, 1, 1, 2, "数量"),
            (1, 1, 1, 1, "本年"),
            (1, 2, 1, 1, "上年"),
            (2, 0, 1, 1, "规章"),
            (2, 1, 1, 1, "3"),
            (2, 2, 1, 1, "4"),
            (3, 0, 1, 1, ""),
            (3, 1, 1, 1, "5"),
            (3, 2, 1, 1, "6"),
        ],
        "a cell inside a content control keeps its column"
    );
    assert_eq!(t.column_edges, vec![0.0, 100.0, 150.0, 200.0]);
}

#[test]
fn nested_table_text_goes_into_the_outer_cell_row_by_row() {
    let inner = format!("<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>", tc("甲"), tc("1"), tc("乙"), tc("2"));
    let body = format!("<w:tbl><w:tr><w:tc>{}{inner}</w:tc>{}</w:tr></w:tbl>", p("外"), tc("右"));
    let t = &tables(&docx(&body))[0];
    assert_eq!((t.grid.rows, t.grid.cols), (1, 2));
    assert_eq!(t.grid.cells[0].text, "外甲1乙2");
    assert_eq!(t.grid.cells[1].text, "右");
}

#[test]
fn main_part_is_found_through_package_relationships() {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>"#;
    let document = format!(r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#, p("正文"));
    let bytes = zip(&[("_rels/.rels", rels), ("word/main.xml", &document)]);
    assert_eq!(texts(&bytes), vec!["正文"]);
}

#[test]
fn styles_and_numbering_are_found_without_a_relationships_part() {
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p></w:body></w:document>"#
    );
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let bytes = zip(&[("word/document.xml", &document), ("word/numbering.xml", &numbering)]);
    assert_eq!(texts(&bytes), vec!["一、总体情况"]);
}

#[test]
fn damaged_documents_are_corrupt_and_other_zips_unsupported() {
    let good = docx(&p("正文"));
    for cut in [10, good.len() / 2, good.len() - 30] {
        let err = read(&good[..cut]).unwrap_err();
        assert_eq!(err.code, ErrorCode::Corrupt, "cut at {cut}: {err}");
    }
    let document = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>截断"#);
    let err = read(&zip(&[("word/document.xml", &document)])).unwrap_err();
    assert_eq!(err.code, ErrorCode::Corrupt, "{err}");
    assert!(err.message.contains("word/document.xml"), "{err}");

    let err = read(&zip(&[("word/document.xml", "not xml at all <<<")])).unwrap_err();
    assert_eq!(err.code, ErrorCode::Corrupt, "{err}");

    let err = read(&zip(&[("xl/workbook.xml", "<workbook/>")])).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedFormat);
    assert!(err.message.contains("Excel"), "{err}");
    let err = read(&zip(&[("OFD.xml", "<ofd:OFD/>")])).unwrap_err();
    assert!(err.message.contains("OFD"), "{err}");
    let err = read(&zip(&[("readme.txt", "hello")])).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedFormat);
}

#[test]
fn a_damaged_styles_part_is_a_warning_not_a_failure() {
    let bytes = docx_with(&p("正文"), Some("<w:style><w:name"), None);
    let fragments = read(&bytes).unwrap();
    assert_eq!(fragments.diagnostics.len(), 1);
    assert_eq!(fragments.diagnostics[0].code, "docx.part_damaged");
}

#[test]
fn what_stands_between_two_tables_is_reported() {
    let cell = |t: &str, first: bool| {
        let rendered = if first { "<w:lastRenderedPageBreak/>" } else { "" };
        format!("<w:tr><w:tc><w:p><w:r>{rendered}<w:t>{t}</w:t></w:r></w:p></w:tc></w:tr>")
    };
    let table = |t: &str, rendered: bool| {
        format!("<w:tbl><w:tblGrid><w:gridCol w:w=\"500\"/></w:tblGrid>{}</w:tbl>", cell(t, rendered))
    };
    let empty_after_page_end = "<w:p><w:r><w:lastRenderedPageBreak/></w:r></w:p>";
    let body = format!(
        "{}{}<w:p/>{}{}{}<w:p/>{}",
        table("a", false),
        table("b", false),
        table("c", false),
        empty_after_page_end,
        table("d", false),
        table("e", true)
    );
    let boundaries: Vec<(bool, bool)> = tables(&docx(&body))
        .iter()
        .map(|t| (t.boundary.touches_previous, t.boundary.after_rendered_page_end))
        .collect();
    assert_eq!(boundaries, vec![(false, false), (true, false), (false, false), (false, true), (false, true)]);
}
