//! Table rejoin rules, one case each, asserted on structure: rows, columns,
//! spans, parts, and what was dropped.

use super::*;
use crate::grid::Cell;
use crate::md::infer_merges;
use crate::model::BreakKind;

/// A grid from rows of cell texts, merges recovered as the Markdown front end
/// does (empty cells in headers and label columns extend their neighbour).
fn grid(rows: &[&[&str]]) -> Grid {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    infer_merges(&rows)
}

/// A table fragment of `grid`, with column boundaries and pages if given.
fn part(grid: Grid, edges: &[f32], pages: &[u32]) -> Fragment {
    Fragment::Table(TableFragment { grid, column_edges: edges.to_vec(), pages: pages.to_vec(), ..Default::default() })
}

fn table(rows: &[&[&str]]) -> Fragment {
    part(grid(rows), &[], &[])
}

fn table_with_edges(rows: &[&[&str]], edges: &[f32], page: u32) -> Fragment {
    part(grid(rows), edges, &[page])
}

fn para(text: &str) -> Fragment {
    Fragment::Paragraph(ParagraphFragment { text: text.into(), ..Default::default() })
}

fn tables(items: Vec<Fragment>) -> (Vec<Table>, Vec<Diagnostic>) {
    let (pieces, diagnostics) = rejoin(items);
    let tables = pieces
        .into_iter()
        .filter_map(|p| match p {
            Piece::Table(t) => Some(t),
            Piece::Paragraph(_) => None,
        })
        .collect();
    (tables, diagnostics)
}

fn cell(t: &Table, row: usize, col: usize) -> &Cell {
    t.cells
        .iter()
        .find(|c| row >= c.row && row <= c.last_row() && col >= c.col && col <= c.last_col())
        .expect("grid is covered")
}

fn shape(c: &Cell) -> (usize, usize, usize, usize, &str) {
    (c.row, c.col, c.row_span, c.col_span, c.text.as_str())
}

const HEADER: [&[&str]; 2] = [&["项目", "数量", ""], &["", "本年", "上年"]];

#[test]
fn same_boundaries_with_a_repeated_header_drop_it_once() {
    let edges = [0.0, 100.0, 150.0, 200.0];
    let part1: Vec<&[&str]> = [HEADER[0], HEADER[1], &["甲", "1", "2"], &["乙", "3", "4"]].to_vec();
    let part2: Vec<&[&str]> = [HEADER[0], HEADER[1], &["丙", "5", "6"]].to_vec();
    let (t, d) = tables(vec![
        table_with_edges(&part1, &edges, 3),
        para(""),
        Fragment::Break(BreakKind::Page),
        table_with_edges(&part2, &[0.5, 100.5, 150.2, 199.0], 4),
    ]);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!((t.rows, t.cols, t.header_rows, t.parts), (5, 3, 2, 2));
    assert_eq!(t.pages, vec![3, 4]);
    assert_eq!(shape(cell(t, 4, 0)), (4, 0, 1, 1, "丙"));
    assert_eq!(t.cells.iter().filter(|c| c.text == "本年").count(), 1, "the repeat appears once");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "table.rejoined");
    assert!(d[0].message.contains("same column boundaries"), "{}", d[0].message);
    // The dropped rows are named with their text: nothing goes unsaid.
    assert!(d[0].message.contains("2 repeated header row(s) dropped: \"项目 | 数量\", \"本年 | 上年\""), "{}", d[0].message);
    assert_eq!(d[0].page, Some(4));
}

#[test]
fn a_partial_repeat_of_the_last_header_row_is_dropped() {
    let part1: Vec<&[&str]> = [HEADER[0], HEADER[1], &["甲", "1", "2"]].to_vec();
    let part2: Vec<&[&str]> = vec![&["", "本年", "上年"], &["丙", "5", "6"]];
    let (t, _) = tables(vec![table(&part1), para("续表"), table(&part2)]);
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].rows, t[0].parts), (4, 2));
    assert_eq!(shape(cell(&t[0], 3, 0)), (3, 0, 1, 1, "丙"));
}

#[test]
fn a_continuation_marker_between_parts_is_dropped_with_the_join() {
    let part1: Vec<&[&str]> = [HEADER[0], HEADER[1], &["甲", "1", "2"]].to_vec();
    let part2: Vec<&[&str]> = vec![&["乙", "3", "4"]];
    let (pieces, _) = rejoin(vec![table(&part1), para("续表"), table(&part2), para("其后")]);
    let kinds: Vec<&str> = pieces
        .iter()
        .map(|p| match p {
            Piece::Table(_) => "table",
            Piece::Paragraph(p) => p.text.as_str(),
        })
        .collect();
    assert_eq!(kinds, vec!["table", "其后"]);
    // Without a table to continue, 续表 is ordinary text.
    let (pieces, _) = rejoin(vec![para("续表"), table(&part2)]);
    assert_eq!(pieces.len(), 2);
}

#[test]
fn header_only_part_then_its_body_the_seeds_section_four() {
    let header: Vec<&[&str]> = vec![
        &["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        &[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "",
            "",
            "",
            "",
            "复议后起诉",
            "",
            "",
            "",
            "",
        ],
        &[
            "",
            "",
            "",
            "",
            "",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ],
    ];
    let body: Vec<&[&str]> = vec![&["1", "2", "3", "4", "10", "5", "6", "7", "8", "26", "9", "0", "0", "1", "10"]];
    let (t, d) = tables(vec![table(&header), table(&body)]);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!((t.rows, t.cols, t.header_rows, t.parts), (4, 15, 3, 2));
    assert_eq!(shape(cell(t, 0, 5)), (0, 5, 1, 10, "行政诉讼"));
    assert_eq!(shape(cell(t, 1, 4)), (1, 4, 2, 1, "总计"));
    assert_eq!(shape(cell(t, 3, 9)), (3, 9, 1, 1, "26"));
    assert!(d[0].message.contains("header-only part"), "{}", d[0].message);
}

#[test]
fn label_columns_merged_differently_the_seeds_section_three() {
    // Part 1 shows one label column, part 2 three: the value columns line up.
    let part1: Vec<&[&str]> = vec![
        &["说明", "申请人情况", "", "总计"],
        &["", "自然人", "法人", ""],
        &["一、本年新收", "1", "2", "3"],
        &["三、（一）予以公开", "4", "5", "9"],
    ];
    let part2: Vec<&[&str]> = vec![
        &["本年度办理结果", "（二）部分公开", "", "1", "1", "2"],
        &["", "（三）不予公开", "1.属于国家秘密", "0", "1", "1"],
        &["", "", "2.其他法律行政法规禁止公开", "2", "0", "2"],
    ];
    let (t, d) = tables(vec![table(&part1), para(""), table(&part2)]);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!((t.rows, t.cols, t.header_rows, t.parts), (7, 6, 2, 2));
    assert_eq!(shape(cell(t, 0, 0)), (0, 0, 2, 3, "说明"), "part 1's label column widened to three");
    assert_eq!(shape(cell(t, 2, 0)), (2, 0, 1, 3, "一、本年新收"));
    assert_eq!(shape(cell(t, 4, 0)), (4, 0, 3, 1, "本年度办理结果"));
    assert_eq!(shape(cell(t, 4, 1)), (4, 1, 1, 2, "（二）部分公开"));
    assert_eq!(shape(cell(t, 6, 5)), (6, 5, 1, 1, "2"));
    assert!(d[0].message.contains("value columns aligned"), "{}", d[0].message);
}

/// Part 1 of a table whose vertical labels run into the break.
fn results_part1() -> Grid {
    Grid::new(
        3,
        4,
        vec![
            Cell::new(0, 0, "三、本年度办理结果").spanning(3, 1),
            Cell::new(0, 1, "（五）不予处理").spanning(3, 1),
            Cell::new(0, 2, "4.无正当理由大量反复申请"),
            Cell::new(0, 3, "7"),
            Cell::new(1, 2, "5.要求行政机关确认或"),
            Cell::new(1, 3, "8"),
            Cell::new(2, 2, "6.其他"),
            Cell::new(2, 3, "9"),
        ],
    )
}

#[test]
fn a_row_split_across_the_break_becomes_one_row_and_merges_one_cell() {
    let mut part1 = results_part1();
    part1.cells.retain(|c| c.row < 2);
    let part1 = Grid::new(
        2,
        4,
        part1
            .cells
            .into_iter()
            .map(|mut c| {
                c.row_span = c.row_span.min(2 - c.row);
                c
            })
            .collect(),
    );
    let part2 = Grid::new(
        3,
        4,
        vec![
            Cell::new(0, 0, "").spanning(3, 1), // the vertical merge goes on
            Cell::new(0, 1, ""),
            Cell::new(0, 2, "重新出具已获取信息"),
            Cell::new(0, 3, ""),
            Cell::new(1, 1, "（六）其他处理").spanning(1, 2),
            Cell::new(1, 3, "10"),
            Cell::new(2, 1, "（七）总计").spanning(1, 2),
            Cell::new(2, 3, "34"),
        ],
    );
    let frag = |g: Grid| part(g, &[], &[]);
    let (t, d) = tables(vec![frag(part1), frag(part2)]);
    assert_eq!(t.len(), 1, "{d:?}");
    let t = &t[0];
    assert_eq!((t.rows, t.cols, t.parts), (4, 4, 2));
    assert_eq!(shape(cell(t, 1, 2)), (1, 2, 1, 1, "5.要求行政机关确认或重新出具已获取信息"));
    assert_eq!(shape(cell(t, 1, 3)), (1, 3, 1, 1, "8"));
    assert_eq!(shape(cell(t, 0, 0)), (0, 0, 4, 1, "三、本年度办理结果"), "one cell, one span");
    assert_eq!(shape(cell(t, 0, 1)), (0, 1, 2, 1, "（五）不予处理"));
    assert_eq!(shape(cell(t, 2, 1)), (2, 1, 1, 2, "（六）其他处理"));
    assert!(d[0].message.contains("row split"), "{}", d[0].message);
}

#[test]
fn a_vertical_merge_across_the_break_becomes_one_cell() {
    let part2 = Grid::new(
        2,
        4,
        vec![
            Cell::new(0, 0, "").spanning(2, 1),
            Cell::new(0, 1, "（六）其他处理").spanning(1, 2),
            Cell::new(0, 3, "10"),
            Cell::new(1, 1, "（七）总计").spanning(1, 2),
            Cell::new(1, 3, "34"),
        ],
    );
    let frag = |g: Grid| part(g, &[], &[]);
    let (t, d) = tables(vec![frag(results_part1()), frag(part2)]);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!((t.rows, t.cols), (5, 4));
    assert_eq!(shape(cell(t, 4, 0)), (0, 0, 5, 1, "三、本年度办理结果"));
    assert_eq!(shape(cell(t, 3, 1)), (3, 1, 1, 2, "（六）其他处理"));
    assert!(d[0].message.contains("vertical merge"), "{}", d[0].message);
}

#[test]
fn values_of_a_row_whose_label_stayed_above_join_it() {
    let part1: Vec<&[&str]> = vec![&["项目", "本年", "上年"], &["规章", "1", "2"], &["规范性文件", "", ""]];
    let part2: Vec<&[&str]> = vec![&["", "3", "4"], &["行政许可", "5", "6"]];
    let (t, _) = tables(vec![table(&part1), table(&part2)]);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!(t.rows, 4);
    assert_eq!(cell(t, 2, 0).text, "规范性文件");
    assert_eq!(cell(t, 2, 1).text, "3");
    assert_eq!(cell(t, 3, 0).text, "行政许可");
}

#[test]
fn tables_with_their_own_different_headers_stay_apart() {
    let a: Vec<&[&str]> = vec![&["事项类别", "受理件数", "办结件数"], &["审批", "10", "9"]];
    let b: Vec<&[&str]> = vec![&["地区", "申请件数", "公开件数"], &["城区", "12", "11"]];
    let (t, d) = tables(vec![table(&a), para(""), table(&b)]);
    assert_eq!(t.len(), 2);
    assert!(d.is_empty());
}

#[test]
fn a_heading_or_text_between_tables_keeps_them_apart() {
    let a: Vec<&[&str]> = vec![&["事项类别", "受理件数"], &["审批", "10"]];
    let b: Vec<&[&str]> = vec![&["备案", "12"]];
    for between in ["二、各地区办理情况", "各地区情况如下："] {
        let (t, _) = tables(vec![table(&a), para(between), table(&b)]);
        assert_eq!(t.len(), 2, "{between}");
    }
}

fn touching(rows: &[&[&str]]) -> Fragment {
    let Fragment::Table(mut t) = table(rows) else { unreachable!() };
    t.boundary.touches_previous = true;
    Fragment::Table(t)
}

#[test]
fn an_empty_paragraph_alone_is_no_evidence_nothing_between_or_a_page_end_is() {
    let a: Vec<&[&str]> = vec![&["事项类别", "受理件数"], &["审批", "10"]];
    let b: Vec<&[&str]> = vec![&["备案", "12"]];
    let (t, _) = tables(vec![table(&a), para(""), table(&b)]);
    assert_eq!(t.len(), 2, "Word draws tables with a paragraph between apart");
    let (t, d) = tables(vec![table(&a), touching(&b)]);
    assert_eq!(t.len(), 1, "nothing between: the format draws one table");
    assert!(d[0].message.contains("nothing stands between the parts"), "{}", d[0].message);
    let (t, d) = tables(vec![table(&a), para(""), Fragment::Break(BreakKind::Page), table(&b)]);
    assert_eq!(t.len(), 1, "a headerless continuation after a page break");
    assert!(d[0].message.contains("a page end before a continuation with no header"), "{}", d[0].message);
    assert!(d[0].message.contains("between them: a page break, an empty paragraph"), "{}", d[0].message);
}

#[test]
fn a_copy_of_the_table_or_numbering_that_starts_over_stays_apart_even_touching() {
    // pydocx's tbl-having-applied-style: the same four rows three times.
    let a: Vec<&[&str]> =
        vec![&["foobar", "barfoo"], &["foo", "bar"], &["bar", "foo"], &["foo to you", "and a hearty"]];
    let (t, d) = tables(vec![table(&a), para(""), table(&a), para(""), table(&a)]);
    assert_eq!(t.len(), 3, "{d:?}");
    assert!(t.iter().all(|t| t.rows == 4));
    // pydocx's tbl-cell-access: grids of numbers, a copy with one cell merged.
    let n: Vec<&[&str]> = vec![&["1", "2", "3"], &["4", "5", "6"], &["7", "8", "9"]];
    let m: Vec<&[&str]> = vec![&["1", "2", "3"], &["4", "", "6"], &["7", "8", "9"]];
    assert_eq!(tables(vec![table(&n), touching(&m)]).0.len(), 2, "a copy, even with nothing between");
    let l1: Vec<&[&str]> = vec![&["序号", "事项"], &["1、", "审批"], &["2、", "备案"]];
    let l2: Vec<&[&str]> = vec![&["1、", "登记"], &["2、", "核准"]];
    assert_eq!(tables(vec![table(&l1), touching(&l2)]).0.len(), 2, "numbering starts over");
    let l3: Vec<&[&str]> = vec![&["3、", "登记"], &["4、", "核准"]];
    let (t, d) = tables(vec![table(&l1), para(""), table(&l3)]);
    assert_eq!(t.len(), 1, "numbering goes on across an empty paragraph");
    assert!(d[0].message.contains("the row numbering continues (2、 → 3、)"), "{}", d[0].message);
    assert_eq!(t[0].rows, 5);
}

#[test]
fn a_header_only_part_continued_by_the_rest_of_the_header_and_the_body() {
    // Issue 9: the page end falls between the first and second header rows.
    let edges: Vec<f32> = (0..=15).map(|i| i as f32 * 30.0).collect();
    let first = Grid::new(2, 2, vec![Cell::new(0, 0, "行政复议"), Cell::new(0, 1, "行政诉讼")]);
    let first = Grid::new(1, 2, first.cells);
    let a = part(first, &[0.0, 150.0, 450.0], &[3]);
    let mut cells = Vec::new();
    for (i, t) in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].iter().enumerate() {
        cells.push(Cell::new(0, i, *t).spanning(2, 1));
    }
    cells.push(Cell::new(0, 5, "未经复议直接起诉").spanning(1, 5));
    cells.push(Cell::new(0, 10, "复议后起诉").spanning(1, 5));
    for (i, t) in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].iter().cycle().take(10).enumerate()
    {
        cells.push(Cell::new(1, 5 + i, *t));
    }
    for i in 0..15 {
        cells.push(Cell::new(2, i, (i + 1).to_string()));
    }
    let b = part(Grid::new(3, 15, cells), &edges, &[4]);
    let (t, d) = tables(vec![a, Fragment::Break(BreakKind::Page), b]);
    assert_eq!(t.len(), 1, "{d:?}");
    let t = &t[0];
    assert_eq!((t.rows, t.cols, t.header_rows, t.parts), (4, 15, 3, 2));
    assert_eq!(shape(cell(t, 0, 5)), (0, 5, 1, 10, "行政诉讼"));
    assert_eq!(shape(cell(t, 1, 0)), (1, 0, 2, 1, "结果维持"));
    assert_eq!(shape(cell(t, 3, 14)), (3, 14, 1, 1, "15"));
    assert!(d[0].message.contains("only header rows"), "{}", d[0].message);
}

#[test]
fn incompatible_structures_stay_apart() {
    let a: Vec<&[&str]> = vec![&["事项", "件数"], &["审批", "10"]];
    let b: Vec<&[&str]> = vec![&["备案", "1", "2", "3"]];
    assert_eq!(tables(vec![table(&a), table(&b)]).0.len(), 2, "value columns do not line up");
    let wide = [0.0, 100.0, 300.0];
    let narrow = [0.0, 100.0, 200.0];
    let c: Vec<&[&str]> = vec![&["项目", "金额"], &["甲", "1"]];
    let d: Vec<&[&str]> = vec![&["名称", "数量"], &["乙", "2"]];
    assert_eq!(tables(vec![table_with_edges(&c, &wide, 1), table_with_edges(&d, &narrow, 1)]).0.len(), 2);
}

#[test]
fn geometry_splits_a_merged_label_column() {
    // Part 1's label area is one column, part 2 splits it in two.
    let a = table_with_edges(&[&["项目", "数量"], &["一、新收", "5"]], &[0.0, 200.0, 260.0], 1);
    let b = table_with_edges(&[&["结果", "予以公开", "3"], &["", "不予公开", "2"]], &[0.0, 80.0, 200.0, 260.0], 2);
    let (t, d) = tables(vec![a, b]);
    assert_eq!(t.len(), 1, "{d:?}");
    let t = &t[0];
    assert_eq!((t.rows, t.cols), (4, 3));
    assert_eq!(shape(cell(t, 1, 0)), (1, 0, 1, 2, "一、新收"));
    assert_eq!(shape(cell(t, 2, 0)), (2, 0, 2, 1, "结果"));
    assert!(d[0].message.contains("same column boundaries"));
}

#[test]
fn a_continuation_opening_with_a_sub_header_of_the_table_joins() {
    // The 2019 proactive table cut before "第二十条第（六）项".
    let edges = [0.0, 100.0, 150.0, 200.0, 250.0];
    let part1: Vec<&[&str]> = vec![
        &["第二十条第（一）项", "", "", ""],
        &["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        &["规章", "1", "2", "3"],
        &["第二十条第（五）项", "", "", ""],
        &["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        &["行政许可", "4", "+5", "6"],
    ];
    let part2: Vec<&[&str]> = vec![
        &["第二十条第（六）项", "", "", ""],
        &["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        &["行政处罚", "7", "-8", "9"],
    ];
    let mut a = grid(&part1);
    let mut b = grid(&part2);
    // Markdown inference cannot know the section rows span the table; a DOCX says so.
    for g in [&mut a, &mut b] {
        let rows: Vec<usize> = g.cells.iter().filter(|c| c.text.starts_with("第二十条")).map(|c| c.row).collect();
        let cells = g.cells.iter().filter(|c| !(rows.contains(&c.row) && c.col > 0 && c.text.is_empty())).cloned();
        let cells: Vec<Cell> =
            cells.map(|c| if c.text.starts_with("第二十条") { c.spanning(1, 4) } else { c }).collect();
        *g = Grid::new(g.rows, 4, cells);
    }
    let frag = |g: Grid| part(g, &edges, &[]);
    let (t, d) = tables(vec![frag(a.clone()), para(""), frag(b)]);
    assert_eq!(t.len(), 1, "{d:?}");
    assert_eq!((t[0].rows, t[0].header_rows, t[0].parts), (9, 2, 2));
    assert_eq!(shape(cell(&t[0], 6, 3)), (6, 0, 1, 4, "第二十条第（六）项"));
    assert!(d[0].message.contains("next sub-table (第二十条第（五）项 → 第二十条第（六）项)"), "{}", d[0].message);

    // A different header in the same shape is another table.
    let other: Vec<&[&str]> = vec![&["地区", "申请件数", "公开件数", "不予公开件数"], &["城区", "1", "2", "3"]];
    let (t, _) = tables(vec![frag(a), para(""), frag(grid(&other))]);
    assert_eq!(t.len(), 2);
}

#[test]
fn a_header_cut_by_the_page_end_is_rejoined_into_one_header() {
    // The seed's section-三 header cut after its second row, 自然人 split in two.
    let edges = [0.0, 100.0, 130.0, 160.0, 190.0, 220.0];
    let part1 = Grid::new(
        2,
        5,
        vec![
            Cell::new(0, 0, "说明").spanning(2, 1),
            Cell::new(0, 1, "申请人情况").spanning(1, 4),
            Cell::new(1, 1, "自然"),
            Cell::new(1, 2, "法人或其他组织").spanning(1, 2),
            Cell::new(1, 4, "总计"),
        ],
    );
    let part2 = Grid::new(
        2,
        5,
        vec![
            Cell::new(0, 0, ""),
            Cell::new(0, 1, "人"),
            Cell::new(0, 2, "商业企业"),
            Cell::new(0, 3, "科研机构"),
            Cell::new(0, 4, ""),
            Cell::new(1, 0, "一、本年新收"),
            Cell::new(1, 1, "1"),
            Cell::new(1, 2, "2"),
            Cell::new(1, 3, "3"),
            Cell::new(1, 4, "6"),
        ],
    );
    let frag = |g: Grid, page| part(g, &edges, &[page]);
    let (t, d) = tables(vec![frag(part1, 5), Fragment::Break(BreakKind::Page), frag(part2, 6)]);
    assert_eq!(t.len(), 1, "{d:?}");
    let t = &t[0];
    assert_eq!((t.rows, t.header_rows, t.parts), (4, 3, 2));
    assert_eq!(shape(cell(t, 2, 1)), (1, 1, 2, 1, "自然人"));
    assert_eq!(shape(cell(t, 2, 4)), (1, 4, 2, 1, "总计"));
    assert_eq!(shape(cell(t, 2, 0)), (0, 0, 3, 1, "说明"));
    assert_eq!(shape(cell(t, 2, 2)), (2, 2, 1, 1, "商业企业"));
    assert!(d[0].message.contains("header row cut"), "{}", d[0].message);
}

#[test]
fn a_blank_first_data_row_after_a_header_only_part_is_not_taken_for_header() {
    let frag = |g: Grid| part(g, &[], &[]);
    let header = Grid::new(
        1,
        3,
        vec![Cell::new(0, 0, "信息内容"), Cell::new(0, 1, "本年制发件数"), Cell::new(0, 2, "本年废止件数")],
    );
    let body = Grid::new(
        2,
        3,
        vec![Cell::new(0, 0, "规章"), Cell::new(1, 0, "行政规范性文件"), Cell::new(1, 1, "1"), Cell::new(1, 2, "2")],
    );
    let (t, _) = tables(vec![frag(header), frag(body)]);
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].rows, t[0].header_rows), (3, 1));
    assert_eq!(cell(&t[0], 1, 0).text, "规章");
    assert_eq!(cell(&t[0], 1, 1).text, "");
}

#[test]
fn a_tall_label_cut_in_two_by_the_break_is_one_cell_with_its_whole_text() {
    let part1 = Grid::new(
        2,
        2,
        vec![Cell::new(0, 0, "三、本年度办").spanning(2, 1), Cell::new(0, 1, "1"), Cell::new(1, 1, "2")],
    );
    let part2 =
        Grid::new(2, 2, vec![Cell::new(0, 0, "理结果").spanning(2, 1), Cell::new(0, 1, "3"), Cell::new(1, 1, "4")]);
    let frag = |g: Grid| part(g, &[], &[]);
    let (t, _) = tables(vec![frag(part1), frag(part2)]);
    assert_eq!(t.len(), 1);
    assert_eq!(shape(cell(&t[0], 3, 0)), (0, 0, 4, 1, "三、本年度办理结果"));
    // A new numbered label is not the rest of the one above.
    let part3 = Grid::new(1, 2, vec![Cell::new(0, 0, "四、结转"), Cell::new(0, 1, "5")]);
    let part1 =
        Grid::new(2, 2, vec![Cell::new(0, 0, "三、结果").spanning(2, 1), Cell::new(0, 1, "1"), Cell::new(1, 1, "2")]);
    let (t, _) = tables(vec![frag(part1), frag(part3)]);
    assert_eq!(shape(cell(&t[0], 2, 0)), (2, 0, 1, 1, "四、结转"));
}

#[test]
fn after_a_repeated_header_the_tables_own_sub_headers_follow() {
    // Chromium repeats <thead> on the continuation page; the proactive table
    // goes on there with a section it has not shown yet.
    let edges = [0.0, 100.0, 150.0, 200.0, 250.0];
    let part1 = Grid::new(
        3,
        4,
        vec![
            Cell::new(0, 0, "第二十条第（一）项").spanning(1, 4),
            Cell::new(1, 0, "信息内容"),
            Cell::new(1, 1, "本年制发件数"),
            Cell::new(1, 2, "本年废止件数"),
            Cell::new(1, 3, "现行有效件数"),
            Cell::new(2, 0, "规章"),
            Cell::new(2, 1, "1"),
            Cell::new(2, 2, "2"),
            Cell::new(2, 3, "3"),
        ],
    );
    let part2 = Grid::new(
        5,
        4,
        vec![
            Cell::new(0, 0, "第二十条第（一）项").spanning(1, 4),
            Cell::new(1, 0, "信息内容"),
            Cell::new(1, 1, "本年制发件数"),
            Cell::new(1, 2, "本年废止件数"),
            Cell::new(1, 3, "现行有效件数"),
            Cell::new(2, 0, "第二十条第（五）项").spanning(1, 4),
            Cell::new(3, 0, "信息内容"),
            Cell::new(3, 1, "本年处理决定数量").spanning(1, 3),
            Cell::new(4, 0, "行政许可"),
            Cell::new(4, 1, "25").spanning(1, 3),
        ],
    );
    let frag = |g: Grid| part(g, &edges, &[]);
    let (t, d) = tables(vec![frag(part1), Fragment::Break(BreakKind::Page), frag(part2)]);
    assert_eq!(t.len(), 1, "{d:?}");
    assert_eq!((t[0].rows, t[0].header_rows, t[0].parts), (6, 2, 2));
    assert_eq!(cell(&t[0], 3, 0).text, "第二十条第（五）项");
    assert_eq!(shape(cell(&t[0], 4, 2)), (4, 1, 1, 3, "本年处理决定数量"));
    assert!(d[0].message.contains("2 repeated header row(s) dropped"), "{}", d[0].message);
}

#[test]
fn the_same_header_on_the_next_page_over_rows_that_start_again_is_another_table() {
    let year = |v: [&'static str; 2]| -> Vec<Vec<&'static str>> {
        vec![vec!["季度", "受理件数"], vec!["一季度", v[0]], vec!["二季度", v[1]]]
    };
    let rows = |t: &Vec<Vec<&'static str>>| -> Fragment {
        let r: Vec<&[&str]> = t.iter().map(|r| r.as_slice()).collect();
        table_with_edges(&r, &[0.0, 100.0, 200.0], 1)
    };
    let (a, b) = (year(["310", "337"]), year(["340", "365"]));
    let Fragment::Table(mut second) = rows(&b) else { unreachable!() };
    second.pages = vec![2];
    let (t, d) = tables(vec![rows(&a), Fragment::Break(BreakKind::Page), Fragment::Table(second)]);
    assert_eq!(t.len(), 2, "{d:?}");
    // The same rows going on (三季度) after the repeated header: one table.
    let c = vec![vec!["季度", "受理件数"], vec!["三季度", "352"], vec!["四季度", "371"]];
    let Fragment::Table(mut third) = rows(&c) else { unreachable!() };
    third.pages = vec![2];
    let (t, d) = tables(vec![rows(&a), Fragment::Break(BreakKind::Page), Fragment::Table(third)]);
    assert_eq!(t.len(), 1, "{d:?}");
    assert_eq!(t[0].rows, 5, "the repeated header dropped once");
    assert!(d[0].message.contains("cell for cell") && d[0].message.contains("a page end"), "{}", d[0].message);
}

/// Region labels merged down over their rows, as LibreOffice exports them
/// when a page end cuts the table: `first` rows above the break, the rest
/// below; each part a fragment on its own page with the same column edges.
fn region_parts(top: Vec<Cell>, top_rows: usize, bottom: Vec<Cell>, bottom_rows: usize) -> Vec<Fragment> {
    let edges = [0.0, 110.0, 220.0, 330.0];
    vec![part(Grid::new(top_rows, 3, top), &edges, &[1]), part(Grid::new(bottom_rows, 3, bottom), &edges, &[2])]
}

fn values(row: usize, item: &str, n: &str) -> Vec<Cell> {
    vec![Cell::new(row, 1, item), Cell::new(row, 2, n)]
}

#[test]
fn a_merged_label_cut_after_its_first_row_is_one_cell() {
    // 北片区 merges two rows; the page end falls between them: a one-row
    // label above, an empty one-row part of it below.
    let mut top = vec![Cell::new(0, 0, "片区"), Cell::new(0, 1, "项目"), Cell::new(0, 2, "数量")];
    top.push(Cell::new(1, 0, "东片区").spanning(2, 1));
    top.extend(values(1, "道路", "12"));
    top.extend(values(2, "管网", "8"));
    top.push(Cell::new(3, 0, "北片区"));
    top.extend(values(3, "道路", "3"));
    let mut bottom = vec![Cell::new(0, 0, "")];
    bottom.extend(values(0, "管网", "2"));
    bottom.push(Cell::new(1, 0, "西片区").spanning(2, 1));
    bottom.extend(values(1, "道路", "9"));
    bottom.extend(values(2, "管网", "7"));
    let (t, d) = tables(region_parts(top, 4, bottom, 3));
    assert_eq!(t.len(), 1, "{d:?}");
    assert_eq!(t[0].rows, 7);
    assert_eq!(shape(cell(&t[0], 4, 0)), (3, 0, 2, 1, "北片区"), "one cell over both rows");
    assert_eq!(shape(cell(&t[0], 5, 0)), (5, 0, 2, 1, "西片区"));
    assert!(d[0].message.contains("a vertical merge across the break was rejoined"), "{}", d[0].message);

    // Without merged labels anywhere in the column, an empty label is a cell.
    let mut top = vec![Cell::new(0, 0, "片区"), Cell::new(0, 1, "项目"), Cell::new(0, 2, "数量")];
    top.push(Cell::new(1, 0, "北片区"));
    top.extend(values(1, "道路", "3"));
    let mut bottom = vec![Cell::new(0, 0, "")];
    bottom.extend(values(0, "管网", "2"));
    let (t, _) = tables(region_parts(top, 2, bottom, 1));
    assert_eq!(shape(cell(&t[0], 2, 0)), (2, 0, 1, 1, ""));
}

#[test]
fn a_label_that_ends_at_the_break_is_not_continued_by_the_next() {
    // 西片区 ends on the page, 南片区 opens the next: both fit on one line
    // of their 110 pt column, so neither text ran over the break.
    let mut top = vec![Cell::new(0, 0, "片区"), Cell::new(0, 1, "项目"), Cell::new(0, 2, "数量")];
    top.push(Cell::new(1, 0, "西片区").spanning(2, 1));
    top.extend(values(1, "道路", "9"));
    top.extend(values(2, "管网", "7"));
    let mut bottom = vec![Cell::new(0, 0, "南片区").spanning(2, 1)];
    bottom.extend(values(0, "道路", "10"));
    bottom.extend(values(1, "管网", "6"));
    let (t, d) = tables(region_parts(top, 3, bottom, 2));
    assert_eq!(t.len(), 1, "{d:?}");
    assert_eq!(shape(cell(&t[0], 2, 0)), (1, 0, 2, 1, "西片区"));
    assert_eq!(shape(cell(&t[0], 3, 0)), (3, 0, 2, 1, "南片区"));
    assert!(!d[0].message.contains("vertical merge"), "{}", d[0].message);
}

#[test]
fn continuation_markers_and_lines_that_only_look_like_them() {
    for marker in ["续表", "续上表", "续", "（续）", "(续表)", "表3（续）", "续表：政府信息公开情况统计表", "二、主动公开政府信息情况（续表）"]
    {
        assert!(is_continuation_marker(marker), "{marker}");
    }
    for other in [
        "继续",
        "续办",
        "（续表",
        "续表\n二",
        "续表一二三四五六七八九十一二三四五六七八九十一",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一（续）",
        "表3（表）",
    ] {
        assert!(!is_continuation_marker(other), "{other}");
    }
}

/// The edge between two pictures a table was cut into (HTML) is weighed as
/// a page end: a continuation without a header joins, one with a header of
/// its own stays another table.
#[test]
fn the_edge_between_two_pictures_cuts_a_table_as_a_page_end_does() {
    let below_picture = |rows: &[&[&str]]| {
        let Fragment::Table(mut t) = table(rows) else { unreachable!() };
        t.boundary.after_picture_edge = true;
        Fragment::Table(t)
    };
    let a: Vec<&[&str]> = vec![&["事项类别", "受理件数"], &["审批", "10"]];
    let b: Vec<&[&str]> = vec![&["备案", "12"]];
    assert_eq!(tables(vec![table(&a), table(&b)]).0.len(), 2, "no evidence without the edge");
    let (t, d) = tables(vec![table(&a), below_picture(&b)]);
    assert_eq!((t.len(), t[0].rows, t[0].parts), (1, 3, 2));
    assert!(d[0].message.contains("between them: the edge between two pictures"), "{}", d[0].message);
    let other: Vec<&[&str]> = vec![&["复议类别", "件数"], &["维持", "3"]];
    assert_eq!(tables(vec![table(&a), below_picture(&other)]).0.len(), 2);
}
