//! The rebuild stage on the samples, asserted on structure: every table cut
//! into parts comes out with exactly the cells (positions and spans) of the
//! same template table in an uncut sample, and nothing is joined that should
//! not be.

use govdoc::model::{Block, Table};

fn tables(sample: &str) -> Vec<Table> {
    let output = govdoc::convert_path(format!("samples/{sample}")).unwrap();
    output
        .document
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Cell positions and spans, row by row: the shape of a table without its text.
fn shape(t: &Table) -> Vec<(usize, usize, usize, usize)> {
    t.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span)).collect()
}

fn text_at(t: &Table, row: usize, col: usize) -> &str {
    &t.cells.iter().find(|c| c.row == row && c.col == col).expect("a cell starts there").text
}

/// The uncut tables of each template: (proactive, applications, reviews).
fn whole(sample: &str) -> (Table, Table, Table) {
    let mut t = tables(sample);
    assert_eq!(t.len(), 3, "{sample}");
    assert!(t.iter().all(|t| t.parts == 1), "{sample} has no cut tables");
    let reviews = t.pop().unwrap();
    let applications = t.pop().unwrap();
    (t.pop().unwrap(), applications, reviews)
}

fn assert_rejoined(sample: &str, got: &Table, expected: &Table) {
    assert_eq!(got.parts, 2, "{sample}: made of two parts");
    assert_eq!((got.rows, got.cols, got.header_rows), (expected.rows, expected.cols, expected.header_rows), "{sample}");
    assert_eq!(shape(got), shape(expected), "{sample}: same cells and spans as the uncut table");
}

#[test]
fn a_split_with_repeated_header_rows_is_whole_and_the_header_appears_once() {
    let (_, applications_2021, _) = whole("report-2021-distinct.docx");
    let t = tables("split-repeated-header.docx");
    assert_eq!(t.len(), 3);
    assert_rejoined("split-repeated-header.docx", &t[1], &applications_2021);
    assert_eq!(t[1].cells.iter().filter(|c| c.text == "自然人").count(), 1);
}

#[test]
fn splits_without_a_header_are_whole_including_one_opening_with_a_sub_header() {
    let (proactive_2019, applications_2019, _) = whole("seed-shishi-commerce-2019.docx");
    let t = tables("split-no-header.docx");
    assert_eq!(t.len(), 3);
    assert_rejoined("split-no-header.docx", &t[0], &proactive_2019);
    assert_eq!(text_at(&t[0], 8, 0), "第二十条第（六）项");
    assert_rejoined("split-no-header.docx", &t[1], &applications_2019);
}

#[test]
fn a_header_only_part_and_its_body_are_one_table() {
    let (_, _, reviews_2021) = whole("report-2021-distinct.docx");
    let t = tables("split-header-only.docx");
    assert_eq!(t.len(), 3);
    assert_rejoined("split-header-only.docx", &t[2], &reviews_2021);
}

#[test]
fn parts_with_different_column_counts_are_aligned() {
    let (_, applications_2019, _) = whole("seed-shishi-commerce-2019.docx");
    let t = tables("split-different-columns.docx");
    assert_eq!(t.len(), 3);
    assert_rejoined("split-different-columns.docx", &t[1], &applications_2019);
}

#[test]
fn a_row_split_across_the_break_is_one_row_and_vertical_merges_one_cell() {
    let (_, applications_2021, _) = whole("report-2021-distinct.docx");
    let t = tables("split-row.docx");
    assert_eq!(t.len(), 3);
    assert_rejoined("split-row.docx", &t[1], &applications_2021);
    assert_eq!(text_at(&t[1], 22, 2), "5.要求行政机关确认或重新出具已获取信息");
    assert!(!text_at(&t[1], 22, 3).is_empty(), "the row keeps its numbers");
}

#[test]
fn a_continuation_marked_xubiao_with_a_partial_header_repeat_is_whole() {
    let (_, applications_2019, _) = whole("seed-shishi-commerce-2019.docx");
    let output = govdoc::convert_path("samples/split-continued-marker.docx").unwrap();
    let blocks = &output.document.blocks;
    assert!(!blocks.iter().any(|b| matches!(b, Block::Paragraph { text, .. } if text == "续表")), "the marker goes");
    let t = tables("split-continued-marker.docx");
    assert_rejoined("split-continued-marker.docx", &t[1], &applications_2019);
    assert_eq!(t[1].cells.iter().filter(|c| c.text == "商业企业").count(), 1);
}

#[test]
fn adjacent_different_tables_and_tables_with_text_between_stay_apart() {
    let t = tables("adjacent-tables-apart.docx");
    assert_eq!(t.len(), 6);
    assert!(t.iter().all(|t| t.parts == 1 && t.rows == 4 && t.cols == 4 && t.header_rows == 1));
    let output = govdoc::convert_path("samples/adjacent-tables-apart.docx").unwrap();
    assert!(output.document.diagnostics.iter().all(|d| d.code != "table.rejoined"));
}

#[test]
fn the_seed_as_text_comes_out_with_both_split_tables_whole() {
    let t = tables("seed-shishi-commerce-2019.md");
    assert_eq!(t.len(), 3);
    let applications = &t[1];
    assert_eq!((applications.rows, applications.cols, applications.header_rows, applications.parts), (26, 10, 3, 2));
    // Part 1's single label column now spans the three label columns of part 2.
    let label = applications.cells.iter().find(|c| c.text.starts_with("一、本年新收")).unwrap();
    assert_eq!((label.col, label.col_span), (0, 3));
    let group = applications.cells.iter().find(|c| c.text == "本年度办理结果").unwrap();
    assert_eq!((group.row, group.col, group.row_span), (6, 0, 20));
    let reviews = &t[2];
    assert_eq!((reviews.rows, reviews.cols, reviews.header_rows, reviews.parts), (4, 15, 3, 2));
    let litigation = reviews.cells.iter().find(|c| c.text == "行政诉讼").unwrap();
    assert_eq!((litigation.row, litigation.col, litigation.col_span), (0, 5, 10));
    assert!(reviews.cells.iter().filter(|c| c.row == 3).all(|c| c.text == "0"));
}

#[test]
fn the_seeds_paragraphs_broken_by_page_ends_are_whole() {
    let output = govdoc::convert_path("samples/seed-shishi-commerce-2019.md").unwrap();
    let paragraphs: Vec<&str> = output
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    for joined in ["等各级新闻媒体报道", "关于办理市政协七届二次会议", "和公众对我局工作"]
    {
        assert!(paragraphs.iter().any(|p| p.contains(joined)), "{joined}");
    }
    for fragment in ["级新闻媒体报道，有效提振", "理市政协七届二次会议提案", "众对我局工作实施"]
    {
        assert!(!paragraphs.iter().any(|p| p.starts_with(fragment)), "no paragraph starts mid-sentence: {fragment}");
    }
}

#[test]
fn tables_apart_stay_apart_and_a_hand_split_list_is_one_table_in_docx_and_pdf() {
    for sample in ["table-boundaries.docx", "table-boundaries.pdf"] {
        let t = tables(sample);
        let summary: Vec<(usize, usize, usize, usize)> =
            t.iter().map(|t| (t.rows, t.cols, t.header_rows, t.parts)).collect();
        // The catalogue runs across a page in the PDF: LibreOffice repeats its
        // marked header there, which the rejoin drops once.
        let catalogue_parts = if sample.ends_with(".pdf") { 2 } else { 1 };
        assert_eq!(
            summary,
            vec![
                (5, 4, 1, 1),
                (5, 4, 1, 1),
                (4, 3, 1, 1),
                (3, 3, 0, 1),
                (47, 4, 2, catalogue_parts),
                (6, 4, 2, 1),
                (9, 4, 1, 2)
            ],
            "{sample}"
        );
        assert_eq!(text_at(&t[1], 1, 1), "3409", "{sample}: the 2023 table keeps its own first row");
        assert_eq!(text_at(&t[5], 2, 1), "新生儿出生“一件事”", "{sample}: no row dropped as a repeated header");
        assert_eq!(text_at(&t[6], 5, 1), "推动高频事项“掌上办”", "{sample}");
        let output = govdoc::convert_path(format!("samples/{sample}")).unwrap();
        let joins: Vec<&str> = output
            .document
            .diagnostics
            .iter()
            .filter(|d| d.code == "table.rejoined")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(joins.len(), catalogue_parts, "{sample}: {joins:?}");
        assert!(joins.last().unwrap().contains("numbering continues (4 → 5)"), "{sample}: {joins:?}");
    }
}

#[test]
fn page_ends_inside_a_header_and_before_a_last_sub_table_are_rejoined() {
    let (_, _, reviews_2021) = whole("report-2021-distinct.docx");
    let t = tables("report-2021-distinct-reviews-header-cut.pdf");
    assert_eq!(t.len(), 3);
    assert_rejoined("report-2021-distinct-reviews-header-cut.pdf", &t[2], &reviews_2021);
    let (proactive_2019, _, _) = whole("report-2019-libreoffice.docx");
    let t = tables("report-2019-libreoffice-last-subtable-cut.pdf");
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].rows, proactive_2019.rows);
    assert_eq!(t[0].parts, 2);
    assert_eq!(text_at(&t[0], 15, 0), "第二十条第（九）项");
}
