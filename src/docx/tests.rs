//! DOCX front-end tests on small packages built in memory, one trap each.

use std::io::Write;

use super::{altchunk, read};
use crate::error::ErrorCode;
use crate::model::{BreakKind, Fragment, NoteKind, ParagraphFragment, TableFragment};

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

// --- notes, comments, placeholders, altChunk, title lines (issue 13) -------

const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A DOCX whose body is `body`, with extra parts related from the main part
/// as (relationship id, relationship type suffix, part name under word/, content).
fn docx_parts(body: &str, parts: &[(&str, &str, &str, Vec<u8>)]) -> Vec<u8> {
    let document = format!(
        r#"<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><w:body>{body}</w:body></w:document>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut doc_rels =
        String::from(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (id, kind, name, _) in parts {
        doc_rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#
        ));
    }
    doc_rels.push_str("</Relationships>");
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default();
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("_rels/.rels".into(), rels.into()),
        ("word/_rels/document.xml.rels".into(), doc_rels.into_bytes()),
        ("word/document.xml".into(), document.into_bytes()),
    ];
    entries.extend(parts.iter().map(|(_, _, name, content)| (format!("word/{name}"), content.clone())));
    for (name, content) in entries {
        writer.start_file(name, options).unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.finish().unwrap();
    buffer.into_inner()
}

fn notes_xml(kind: &str, notes: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = format!(
        r#"<w:{kind}s xmlns:w="{W}"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>"#
    );
    for (id, text) in notes {
        xml.push_str(&format!(
            r#"<w:{kind} w:id="{id}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>"#
        ));
    }
    xml.push_str(&format!("</w:{kind}s>"));
    xml.into_bytes()
}

#[test]
fn footnotes_and_endnotes_become_notes_marked_where_referenced() {
    let body = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>继续</w:t></w:r><w:r><w:endnoteReference w:id="5"/></w:r></w:p>
      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>表内</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:footnoteReference w:id="9"/></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    let bytes = docx_parts(
        body,
        &[
            (
                "rId7",
                "footnotes",
                "footnotes.xml",
                notes_xml("footnote", &[("2", "脚注甲"), ("3", "脚注乙"), ("4", "无人引用")]),
            ),
            ("rId8", "endnotes", "endnotes.xml", notes_xml("endnote", &[("5", "尾注")])),
        ],
    );
    let fragments = read(&bytes).unwrap();
    assert_eq!(texts(&bytes), vec!["正文[^1]继续[^e1]"]);
    assert_eq!(tables(&bytes)[0].grid.cells[0].text, "表内[^2][^3]");
    let notes: Vec<(NoteKind, &str, &str)> =
        fragments.notes.iter().map(|n| (n.note, n.label.as_str(), n.text.as_str())).collect();
    assert_eq!(
        notes,
        vec![
            (NoteKind::Footnote, "1", "脚注甲"),
            (NoteKind::Footnote, "2", "脚注乙"),
            (NoteKind::Endnote, "e1", "尾注")
        ]
    );
    let codes: Vec<&str> = fragments.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, vec!["docx.note_missing", "docx.note_unreferenced"], "{:?}", fragments.diagnostics);
    assert!(fragments.diagnostics[0].message.contains("[^3]"));
}

#[test]
fn comments_are_listed_as_diagnostics_never_as_text() {
    let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>被批注</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="审核人"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>请核对</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let bytes = docx_parts(body, &[("rId3", "comments", "comments.xml", comments.into_bytes())]);
    let fragments = read(&bytes).unwrap();
    assert_eq!(texts(&bytes), vec!["被批注"]);
    assert!(fragments.notes.is_empty());
    assert_eq!(fragments.diagnostics.len(), 1);
    assert_eq!(fragments.diagnostics[0].code, "docx.comment");
    assert_eq!(fragments.diagnostics[0].message, "comment 0 by 审核人 on \"被批注\" (not part of the text): 请核对");
}

#[test]
fn placeholder_text_of_content_controls_is_left_out_with_a_diagnostic() {
    let shown = |content: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="姓名"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"#
        )
    };
    let filled = r#"<w:sdt><w:sdtPr><w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent><w:r><w:t>张三</w:t></w:r></w:sdtContent></w:sdt>"#;
    let body = format!(
        "{}<w:p><w:r><w:t>申请人：</w:t></w:r>{}{filled}</w:p><w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        shown(&p("单击此处输入文字。")),
        shown("<w:r><w:t>[姓名]</w:t></w:r>"),
        tc("日期"),
        shown(&tc("单击此处输入日期。")),
    );
    let bytes = docx(&body);
    assert_eq!(texts(&bytes), vec!["申请人：张三"]);
    let table = &tables(&bytes)[0];
    assert_eq!((table.grid.cols, table.grid.cells[1].text.as_str()), (2, ""));
    let diagnostics = read(&bytes).unwrap().diagnostics;
    let quoted: Vec<bool> = ["单击此处输入文字。", "[姓名]", "单击此处输入日期。"]
        .iter()
        .map(|t| diagnostics.iter().any(|d| d.code == "docx.placeholder" && d.message.contains(t)))
        .collect();
    assert_eq!(quoted, vec![true, true, true], "{diagnostics:?}");
}

#[test]
fn alt_chunks_are_converted_or_named_as_skipped() {
    let html = "<html><body><h2>网页标题</h2><p>网页正文</p></body></html>".as_bytes().to_vec();
    let inner = docx(&p("嵌入文档"));
    let body = format!(
        "{}<w:altChunk r:id=\"c1\"/><w:altChunk r:id=\"c2\"/><w:altChunk r:id=\"c3\"/><w:altChunk r:id=\"nope\"/>{}",
        p("前"),
        p("后")
    );
    let bytes = docx_parts(
        &body,
        &[
            ("c1", "aFChunk", "chunk1.htm", html),
            ("c2", "aFChunk", "chunk2.docx", inner),
            ("c3", "aFChunk", "chunk3.mht", b"MIME-Version: 1.0\r\n".to_vec()),
        ],
    );
    let paragraphs = paragraphs(&bytes);
    let got: Vec<(&str, Option<u8>)> = paragraphs.iter().map(|p| (p.text.as_str(), p.heading_level)).collect();
    assert_eq!(got, vec![("前", None), ("网页标题", Some(2)), ("网页正文", None), ("嵌入文档", None), ("后", None)]);
    let diagnostics = read(&bytes).unwrap().diagnostics;
    let skipped: Vec<&str> =
        diagnostics.iter().filter(|d| d.code == "docx.altchunk_skipped").map(|d| d.message.as_str()).collect();
    assert_eq!(skipped.len(), 2, "{diagnostics:?}");
    assert!(skipped[0].contains("chunk3.mht") && skipped[1].contains("nope"));
}

#[test]
fn alt_chunks_nested_too_deep_stop_with_a_warning() {
    let mut bytes = docx(&p("最内层"));
    for level in 0..altchunk::MAX_DEPTH + 2 {
        let body = format!("{}<w:altChunk r:id=\"c\"/>", p(&format!("第{level}层")));
        bytes = docx_parts(&body, &[("c", "aFChunk", "chunk.docx", bytes)]);
    }
    let fragments = read(&bytes).unwrap();
    let levels = fragments.items.iter().filter(|f| matches!(f, Fragment::Paragraph(_))).count();
    assert_eq!(levels, altchunk::MAX_DEPTH + 1);
    assert!(fragments.diagnostics.iter().any(|d| d.code == "docx.altchunk_skipped" && d.message.contains("deeper")));
}

#[test]
fn title_style_lines_are_the_title_and_the_lines_under_it_are_not() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="S"><w:name w:val="Subtitle"/><w:basedOn w:val="T"/></w:style>"#;
    let styled = |style: &str, text: &str| {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    let centred =
        |text: &str| format!(r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#);
    let body = format!(
        "{}{}{}<w:p/>{}{}{}",
        styled("T", "标题第一行"),
        styled("T", "标题第二行"),
        styled("S", "副标题"),
        centred("张三"),
        p("正文。"),
        centred("居中的正文行"),
    );
    let got: Vec<(String, bool)> = paragraphs(&docx_with(&body, Some(styles), None))
        .into_iter()
        .filter(|p| !p.text.is_empty())
        .map(|p| (p.text, p.title_like))
        .collect();
    let expected = [
        ("标题第一行", true),
        ("标题第二行", true),
        ("副标题", false),
        ("张三", false),
        ("正文。", false),
        ("居中的正文行", true),
    ];
    assert_eq!(got, expected.map(|(t, l)| (t.to_string(), l)));
}

#[test]
fn equations_keep_their_structure() {
    let body = r#"<w:p><w:r><w:t>公式：</w:t></w:r><m:oMath><m:sSup><m:e><m:r><m:t>a</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup><m:r><m:t>=</m:t></m:r><m:f><m:num><m:r><m:t>1</m:t></m:r></m:num><m:den><m:r><m:t>n+1</m:t></m:r></m:den></m:f></m:oMath></w:p>"#;
    assert_eq!(texts(&docx_parts(body, &[])), vec!["公式：a^2=1/(n+1)"]);
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
