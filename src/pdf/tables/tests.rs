use super::*;
use crate::pdf::geometry::Rect;
use crate::pdf::page::FontInfo;

fn h(y: f32, x0: f32, x1: f32) -> Ruling {
    Ruling { x0, top: y, x1, bottom: y, width: 0.5 }
}

fn v(x: f32, y0: f32, y1: f32) -> Ruling {
    Ruling { x0: x, top: y0, x1: x, bottom: y1, width: 0.5 }
}

/// Every rule of a full grid, one segment per slot side (the way LibreOffice
/// and WPS draw them), except the sides `skip` says to leave out.
fn grid_rulings(xs: &[f32], ys: &[f32], skip: impl Fn(&Ruling) -> bool) -> Vec<Ruling> {
    let mut out = Vec::new();
    for &y in ys {
        for w in xs.windows(2) {
            out.push(h(y, w[0], w[1]));
        }
    }
    for &x in xs {
        for w in ys.windows(2) {
            out.push(v(x, w[0], w[1]));
        }
    }
    out.retain(|r| !skip(r));
    out
}

/// CJK glyphs 10 pt wide, laid left to right from (x, top).
fn text(s: &str, x: f32, top: f32) -> Vec<Glyph> {
    let mut x = x;
    s.chars()
        .map(|c| {
            let w = if c.is_ascii() { 5.0 } else { 10.0 };
            let g = Glyph { text: c.to_string(), rect: Rect { x0: x, top, x1: x + w, bottom: top + 10.0 }, size: 10.0, font: 0, upright: true };
            x += w;
            g
        })
        .collect()
}

fn page(rulings: Vec<Ruling>, glyphs: Vec<Glyph>) -> PageContent {
    PageContent {
        number: 3,
        width: 595.0,
        height: 842.0,
        glyphs,
        rulings,
        fonts: vec![FontInfo { name: "SimSun".into(), bold: false, space_width: None }],
        images: 0,
        hidden: Vec::new(),
        placements: Vec::new(),
        confidences: Vec::new(),
    }
}

/// (row, col, row_span, col_span, text) of every cell.
fn shape(g: &Grid) -> Vec<(usize, usize, usize, usize, &str)> {
    g.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str())).collect()
}

#[test]
fn rulings_to_edges_keeps_straight_rules_in_order() {
    let rulings = vec![
        h(10.0, 100.0, 0.0),                                              // drawn right to left
        Ruling { x0: 5.0, top: 0.0, x1: 5.4, bottom: 50.0, width: 1.0 },  // nearly vertical
        Ruling { x0: 0.0, top: 0.0, x1: 40.0, bottom: 30.0, width: 0.5 }, // diagonal
        h(20.0, 3.0, 3.2),                                                // a dot
        Ruling { x0: f32::NAN, top: 0.0, x1: 1.0, bottom: 0.0, width: 0.5 },
    ];
    let edges = rulings_to_edges(&rulings, &TableSettings::default());
    assert_eq!(
        edges,
        vec![
            Edge { orientation: Orientation::Horizontal, position: 10.0, start: 0.0, end: 100.0 },
            Edge { orientation: Orientation::Vertical, position: 5.2, start: 0.0, end: 50.0 },
        ]
    );
}

#[test]
fn collinear_overlapping_and_touching_segments_merge() {
    let edges = rulings_to_edges(
        &[
            h(100.0, 0.0, 50.0),
            h(100.5, 40.0, 120.0),  // overlapping, half a point lower: snapped
            h(101.0, 122.5, 200.0), // 2.5 pt gap: joined
            h(100.0, 210.0, 300.0), // 10 pt gap: a separate edge on the same line
            h(106.0, 0.0, 300.0),   // 6 pt lower: another line
        ],
        &TableSettings::default(),
    );
    let merged = merge_edges(edges, &TableSettings::default());
    let shape: Vec<(f32, f32, f32)> =
        merged.iter().map(|e| ((e.position * 100.0).round() / 100.0, e.start, e.end)).collect();
    // The first edge lies at the length-weighted mean of its three pieces.
    assert_eq!(shape, vec![(100.0, 210.0, 300.0), (100.57, 0.0, 200.0), (106.0, 0.0, 300.0)]);
}

#[test]
fn snapping_chains_within_the_tolerance_only() {
    let merged = merge_edges(
        rulings_to_edges(&[v(10.0, 0.0, 10.0), v(12.0, 0.0, 10.0), v(16.0, 0.0, 10.0)], &TableSettings::default()),
        &TableSettings::default(),
    );
    let positions: Vec<f32> = merged.iter().map(|e| e.position).collect();
    assert_eq!(positions, vec![11.0, 16.0]);
}

#[test]
fn rules_of_two_tables_at_nearly_the_same_x_keep_their_own_positions() {
    // One table's column rule at x = 306, the next table's at x = 303.3.
    let merged = merge_edges(
        rulings_to_edges(&[v(306.0, 100.0, 300.0), v(303.3, 350.0, 400.0)], &TableSettings::default()),
        &TableSettings::default(),
    );
    let positions: Vec<f32> = merged.iter().map(|e| e.position).collect();
    assert_eq!(positions, vec![303.3, 306.0]);
}

#[test]
fn intersections_connect_edges_into_one_frame_per_table() {
    let mut rulings = grid_rulings(&[0.0, 50.0, 100.0], &[0.0, 20.0, 40.0], |_| false);
    rulings.push(h(300.0, 0.0, 100.0)); // a lone rule elsewhere: no table
    let edges = merge_edges(rulings_to_edges(&rulings, &TableSettings::default()), &TableSettings::default());
    let (hs, vs): (Vec<Edge>, Vec<Edge>) = edges.into_iter().partition(|e| e.orientation == Orientation::Horizontal);
    assert_eq!((hs.len(), vs.len()), (4, 3));
    let xs = edges_to_intersections(&hs, &vs, &TableSettings::default());
    assert_eq!(xs.len(), 9);
    let frames = intersections_to_tables(&hs, &vs, &xs);
    assert_eq!(frames.len(), 1);
    let b = frame_to_boundaries(&frames[0], &TableSettings::default()).unwrap();
    assert_eq!((b.xs.clone(), b.ys.clone()), (vec![0.0, 50.0, 100.0], vec![0.0, 20.0, 40.0]));
    let cells = boundaries_to_cells(&frames[0], b, &TableSettings::default()).unwrap();
    assert_eq!(cells.cells.len(), 4);
    assert!(cells.cells.iter().all(|c| c.row_span == 1 && c.col_span == 1));
}

#[test]
fn spans_from_missing_inner_edges() {
    // 3 columns × 4 rows; the header cell spans columns 1–2 (no rule at
    // x = 100 in row 0) and the label in column 0 spans rows 1–3 (no rules at
    // y = 40 and 60 in column 0).
    let xs = [0.0, 50.0, 100.0, 150.0];
    let ys = [0.0, 20.0, 40.0, 60.0, 80.0];
    let rulings = grid_rulings(&xs, &ys, |r| {
        (r.x0 == 100.0 && r.x1 == 100.0 && r.top == 0.0)
            || (r.top == r.bottom && r.top > 20.0 && r.top < 80.0 && r.x0 == 0.0)
    });
    let mut glyphs = text("项目", 5.0, 5.0);
    glyphs.extend(text("数量", 90.0, 5.0));
    glyphs.extend(text("总计", 5.0, 45.0));
    glyphs.extend(text("1", 60.0, 25.0));
    glyphs.extend(text("2", 110.0, 65.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!((t.fragment.grid.rows, t.fragment.grid.cols), (4, 3));
    assert_eq!(
        shape(&t.fragment.grid),
        vec![
            (0, 0, 1, 1, "项目"),
            (0, 1, 1, 2, "数量"),
            (1, 0, 3, 1, "总计"),
            (1, 1, 1, 1, "1"),
            (1, 2, 1, 1, ""),
            (2, 1, 1, 1, ""),
            (2, 2, 1, 1, ""),
            (3, 1, 1, 1, ""),
            (3, 2, 1, 1, "2"),
        ]
    );
    assert_eq!(t.fragment.column_edges, vec![0.0, 50.0, 100.0, 150.0]);
    assert_eq!(t.fragment.pages, vec![3]);
    assert_eq!((t.top, t.bottom), (0.0, 80.0));
    assert_eq!(t.glyphs.len(), 8);
}

#[test]
fn a_table_at_the_page_bottom_without_its_bottom_rule_still_forms() {
    // The last row's bottom rule is missing; its vertical rules reach 790.
    let xs = [60.0, 200.0, 300.0];
    let ys = [700.0, 730.0, 760.0, 790.0];
    let rulings = grid_rulings(&xs, &ys, |r| r.top == 790.0 && r.bottom == 790.0);
    let mut glyphs = text("一、本年新收", 65.0, 710.0);
    glyphs.extend(text("12", 210.0, 710.0));
    glyphs.extend(text("二、上年结转", 65.0, 770.0));
    glyphs.extend(text("3", 210.0, 770.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert!(t.open_bottom && !t.open_top);
    assert_eq!(t.fragment.grid.rows, 3);
    assert_eq!(t.bottom, 790.0);
    let g = &t.fragment.grid;
    assert_eq!(g.cell_at(2, 0).unwrap().text, "二、上年结转");
    assert_eq!(g.cell_at(2, 1).unwrap().text, "3");
}

#[test]
fn a_continuation_without_its_top_rule_and_a_frame_open_at_the_sides() {
    // No top rule (the continuation page), and no left or right rules at all:
    // the horizontal rules' extent closes the sides.
    let rulings = vec![h(100.0, 50.0, 350.0), h(130.0, 50.0, 350.0), v(150.0, 70.0, 130.0), v(250.0, 70.0, 130.0)];
    let mut glyphs = text("续行", 60.0, 80.0);
    glyphs.extend(text("甲", 160.0, 80.0));
    glyphs.extend(text("乙", 260.0, 110.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert!(t.open_top);
    assert_eq!(t.fragment.column_edges, vec![50.0, 150.0, 250.0, 350.0]);
    assert_eq!(
        shape(&t.fragment.grid),
        vec![
            (0, 0, 1, 1, "续行"),
            (0, 1, 1, 1, "甲"),
            (0, 2, 1, 1, ""),
            (1, 0, 1, 1, ""),
            (1, 1, 1, 1, ""),
            (1, 2, 1, 1, "乙"),
        ]
    );
}

#[test]
fn rules_overshooting_without_text_beyond_make_no_empty_row() {
    let mut rulings = grid_rulings(&[0.0, 100.0, 200.0], &[0.0, 20.0], |_| false);
    rulings.push(v(0.0, 20.0, 30.0)); // the verticals run on 10 pt, nothing there
    rulings.push(v(200.0, 20.0, 30.0));
    let glyphs = [text("甲", 10.0, 5.0), text("乙", 110.0, 5.0)].concat();
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables[0].fragment.grid.rows, 1);
    assert!(!tables[0].open_bottom);
}

#[test]
fn rules_outlining_a_shaded_cell_snap_onto_the_borders() {
    // Some producers outline a shaded header cell just inside its borders;
    // those rules lie within the snap tolerance and change nothing.
    let xs = [0.0, 100.0, 200.0];
    let ys = [0.0, 20.0, 40.0];
    let mut rulings = grid_rulings(&xs, &ys, |_| false);
    rulings.extend([h(0.8, 0.8, 99.2), h(19.2, 0.8, 99.2), v(0.8, 0.8, 19.2), v(99.2, 0.8, 19.2)]);
    let glyphs = [text("表头", 10.0, 5.0), text("值", 110.0, 25.0)].concat();
    let t = &find_tables(&page(rulings, glyphs))[0];
    assert_eq!((t.fragment.grid.rows, t.fragment.grid.cols), (2, 2));
    assert_eq!(t.fragment.grid.cell_at(0, 0).unwrap().text, "表头");
}

#[test]
fn characters_go_to_the_cell_holding_their_centre() {
    let rulings = grid_rulings(&[0.0, 50.0, 100.0], &[0.0, 20.0], |_| false);
    // "甲" overflows the border by 4 pt but its centre is in column 0; "乙"
    // starts in column 0 but its centre is in column 1.
    let (jia, yi) = (text("甲", 0.0, 5.0).remove(0), text("乙", 0.0, 5.0).remove(0));
    let glyphs = vec![
        Glyph { rect: Rect { x0: 44.0, x1: 54.0, ..jia.rect }, ..jia },
        Glyph { rect: Rect { x0: 47.0, x1: 57.0, ..yi.rect }, ..yi },
    ];
    let t = &find_tables(&page(rulings, glyphs))[0];
    assert_eq!(shape(&t.fragment.grid), vec![(0, 0, 1, 1, "甲"), (0, 1, 1, 1, "乙")]);
}

#[test]
fn cell_lines_join_without_spaces_in_cjk_and_with_spaces_between_latin_words() {
    let rulings = grid_rulings(&[0.0, 120.0, 240.0], &[0.0, 40.0], |_| false);
    let mut glyphs = text("（二）部分公开（区分", 2.0, 5.0);
    glyphs.extend(text("处理的）", 2.0, 20.0));
    glyphs.extend(text("Open", 122.0, 5.0));
    glyphs.extend(text("data", 147.0, 5.0)); // 5 pt gap: a word space
    glyphs.extend(text("report", 122.0, 20.0));
    let t = &find_tables(&page(rulings, glyphs))[0];
    let g = &t.fragment.grid;
    assert_eq!(g.cell_at(0, 0).unwrap().text, "（二）部分公开（区分处理的）");
    assert_eq!(g.cell_at(0, 1).unwrap().text, "Open data report");
}

#[test]
fn a_vertical_label_written_one_character_per_line_is_one_word() {
    // A narrow cell over 7 rows, one character per line, drawn bottom-up.
    let xs = [0.0, 20.0, 120.0];
    let ys: Vec<f32> = (0..=7).map(|k| k as f32 * 15.0).collect();
    let rulings = grid_rulings(&xs, &ys, |r| r.top == r.bottom && r.x0 == 0.0 && r.top > 0.0 && r.top < 105.0);
    let mut glyphs: Vec<Glyph> = "本年度办理结果"
        .chars()
        .enumerate()
        .flat_map(|(k, c)| text(&c.to_string(), 5.0, 2.0 + 15.0 * k as f32))
        .collect();
    glyphs.reverse();
    glyphs.extend(text("予以公开", 25.0, 2.0));
    let t = &find_tables(&page(rulings, glyphs))[0];
    let label = t.fragment.grid.cell_at(3, 0).unwrap();
    assert_eq!((label.row, label.row_span, label.text.as_str()), (0, 7, "本年度办理结果"));
}

#[test]
fn two_adjacent_tables_stay_two_and_come_top_to_bottom() {
    let mut rulings = grid_rulings(&[50.0, 150.0, 250.0], &[400.0, 420.0], |_| false);
    rulings.extend(grid_rulings(&[50.0, 100.0, 250.0], &[100.0, 120.0, 140.0], |_| false));
    let glyphs = [text("下", 60.0, 405.0), text("上", 60.0, 105.0), text("中", 60.0, 125.0)].concat();
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].fragment.grid.rows, 2);
    assert_eq!(tables[0].fragment.grid.cell_at(0, 0).unwrap().text, "上");
    assert_eq!(tables[1].fragment.column_edges, vec![50.0, 150.0, 250.0]);
    assert_eq!(tables[1].fragment.grid.cell_at(0, 0).unwrap().text, "下");
}

#[test]
fn a_box_around_text_and_rules_without_text_are_not_tables() {
    let boxed = grid_rulings(&[50.0, 500.0], &[100.0, 200.0], |_| false);
    assert!(find_tables(&page(boxed, text("附件说明", 60.0, 120.0))).is_empty());
    let blank = grid_rulings(&[50.0, 100.0, 150.0], &[100.0, 120.0, 140.0], |_| false);
    assert!(find_tables(&page(blank, Vec::new())).is_empty());
}

#[test]
fn degenerate_and_huge_inputs_do_not_panic() {
    assert!(find_tables(&PageContent::default()).is_empty());
    let weird = vec![
        Ruling { x0: f32::INFINITY, top: 0.0, x1: 1.0, bottom: 0.0, width: 1.0 },
        Ruling { x0: 5.0, top: 5.0, x1: 5.0, bottom: 5.0, width: 0.0 },
        h(10.0, 0.0, 0.0),
        v(10.0, 0.0, 0.0),
    ];
    assert!(find_tables(&page(weird, text("字", 0.0, 0.0))).is_empty());
    // 1,000 × 1,000 rules with a glyph in every tenth slot: a big grid, quickly.
    let xs: Vec<f32> = (0..1000).map(|k| k as f32 * 4.0).collect();
    let ys: Vec<f32> = (0..1000).map(|k| k as f32 * 4.0).collect();
    let mut rulings: Vec<Ruling> = xs.iter().map(|&x| v(x, 0.0, 3996.0)).collect();
    rulings.extend(ys.iter().map(|&y| h(y, 0.0, 3996.0)));
    let glyphs: Vec<Glyph> = (0..1000)
        .map(|k| Glyph { text: "1".into(), rect: Rect { x0: k as f32 * 4.0 + 1.0, top: k as f32 * 4.0 + 1.0, x1: k as f32 * 4.0 + 2.0, bottom: k as f32 * 4.0 + 2.0 }, size: 1.0, font: 0, upright: true })
        .collect();
    // On a page large enough to hold it (rules off the page are dropped).
    let big = PageContent { width: 4000.0, height: 4000.0, ..page(rulings, glyphs) };
    let started = std::time::Instant::now();
    let tables = find_tables(&big);
    assert_eq!(tables.len(), 1);
    assert_eq!((tables[0].fragment.grid.rows, tables[0].fragment.grid.cols), (999, 999));
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn many_rules_that_never_meet_cost_little() {
    // 20,000 short horizontal hatch lines above 20,000 short vertical ones:
    // no pair meets, and the sweep must not try them all.
    let mut rulings: Vec<Ruling> = (0..20_000).map(|k| h(k as f32 * 0.01, 0.0, 500.0)).collect();
    rulings.extend((0..20_000).map(|k| v(k as f32 * 0.025, 600.0, 700.0)));
    let edges = merge_edges(rulings_to_edges(&rulings, &TableSettings::default()), &TableSettings::default());
    let (hs, vs): (Vec<Edge>, Vec<Edge>) = edges.into_iter().partition(|e| e.orientation == Orientation::Horizontal);
    let started = std::time::Instant::now();
    assert!(edges_to_intersections(&hs, &vs, &TableSettings::default()).is_empty());
    assert!(started.elapsed().as_secs() < 5);
    let spread: Vec<Ruling> = (0..20_000)
        .map(|k| h(k as f32 * 5.0, 0.0, 500.0))
        .chain((0..20_000).map(|k| v(k as f32 * 5.0, 200_000.0, 200_100.0)))
        .collect();
    let started = std::time::Instant::now();
    assert!(find_tables(&page(spread, text("字", 0.0, 0.0))).is_empty());
    assert!(started.elapsed().as_secs() < 5);
}

/// Rows of `(label, values…)` laid out one text line each from `top`,
/// `pitch` apart, the label at x = 65 and each value at its column's x.
fn rows_of_text(rows: &[(&str, &[&str])], value_xs: &[f32], top: f32, pitch: f32) -> Vec<Glyph> {
    let mut glyphs = Vec::new();
    for (k, (label, values)) in rows.iter().enumerate() {
        let y = top + pitch * k as f32;
        glyphs.extend(text(label, 65.0, y));
        for (value, &x) in values.iter().zip(value_xs) {
            glyphs.extend(text(value, x, y));
        }
    }
    glyphs
}

#[test]
fn a_three_line_table_with_verticals_reads_one_row_per_text_line() {
    // Top rule, a rule under the header, a bottom rule; column rules
    // throughout; no rule between body rows (the 统计公报 layout).
    let xs = [60.0, 200.0, 300.0];
    let ys = [100.0, 120.0, 190.0];
    let rulings = grid_rulings(&xs, &ys, |_| false);
    let mut glyphs = text("指标", 65.0, 105.0);
    glyphs.extend(text("数量", 210.0, 105.0));
    glyphs.extend(rows_of_text(
        &[("全市常住人口", &["866.60"]), ("其中：城镇", &["392.66"]), ("乡村", &["473.94"])],
        &[210.0],
        125.0,
        14.0,
    ));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 2));
    assert_eq!(g.cell_at(1, 0).unwrap().text, "全市常住人口");
    assert_eq!(g.cell_at(2, 1).unwrap().text, "392.66");
    assert_eq!(g.cell_at(3, 0).unwrap().text, "乡村");
    assert_eq!(g.cell_at(3, 1).unwrap().text, "473.94");
}

#[test]
fn indented_sub_items_with_values_of_their_own_are_rows_of_their_own() {
    // A three-line table whose sub-items are set one em in under their
    // item, each with its own value (the 统计公报's "居民消费价格指数 100.0"
    // over "城市 99.9", "农村 100.1"): one row per line, not one cell of
    // three values.
    let xs = [60.0, 200.0, 300.0];
    let ys = [100.0, 120.0, 190.0];
    let rulings = grid_rulings(&xs, &ys, |_| false);
    let mut glyphs = text("类别", 65.0, 105.0);
    glyphs.extend(text("指数", 210.0, 105.0));
    for (k, (label, x, value)) in
        [("居民消费价格指数", 65.0, "100.0"), ("城市", 75.0, "99.9"), ("农村", 75.0, "100.1"), ("二、衣着", 65.0, "101.3")]
            .into_iter()
            .enumerate()
    {
        let y = 125.0 + 14.0 * k as f32;
        glyphs.extend(text(label, x, y));
        glyphs.extend(text(value, 210.0, y));
    }
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (5, 2), "{:?}", shape(g));
    assert_eq!(g.cell_at(2, 0).unwrap().text, "城市");
    assert_eq!(g.cell_at(2, 1).unwrap().text, "99.9");
    assert_eq!(g.cell_at(3, 1).unwrap().text, "100.1");
}

#[test]
fn a_wrapped_label_in_a_band_of_rows_stays_one_cell() {
    // The second label runs to the rule at x = 130 and wraps; its value sits
    // on its first line.
    let xs = [60.0, 130.0, 230.0];
    let ys = [100.0, 120.0, 200.0];
    let rulings = grid_rulings(&xs, &ys, |_| false);
    let mut glyphs = text("指标", 65.0, 105.0);
    glyphs.extend(text("数量", 140.0, 105.0));
    glyphs.extend(rows_of_text(
        &[("粮食", &["902.61"]), ("其中：夏粮", &["508.58"]), ("合计", &[]), ("秋粮", &["394.03"])],
        &[140.0],
        125.0,
        14.0,
    ));
    let tables = find_tables(&page(rulings, glyphs));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 2), "{:?}", shape(g));
    assert_eq!(g.cell_at(2, 0).unwrap().text, "其中：夏粮合计");
    assert_eq!(g.cell_at(2, 1).unwrap().text, "508.58");
    assert_eq!(g.cell_at(3, 0).unwrap().text, "秋粮");
}

#[test]
fn a_fully_ruled_table_keeps_its_two_line_cells() {
    // Every row ruled; one row's cells hold two lines each: one row.
    let xs = [60.0, 200.0, 300.0];
    let ys = [100.0, 120.0, 160.0, 180.0, 200.0];
    let rulings = grid_rulings(&xs, &ys, |_| false);
    let mut glyphs = rows_of_text(&[("甲", &["1"])], &[210.0], 105.0, 14.0);
    glyphs.extend(rows_of_text(&[("乙", &["2"]), ("丙", &["3"])], &[210.0], 125.0, 14.0));
    glyphs.extend(rows_of_text(&[("丁", &["4"])], &[210.0], 165.0, 14.0));
    glyphs.extend(rows_of_text(&[("戊", &["5"])], &[210.0], 185.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 2));
    assert_eq!(g.cell_at(1, 0).unwrap().text, "乙丙");
}

/// A header line (产品名称 产量 增长) at `header_top` and three rows of
/// products from `body_top`, for frames ruled at x 60…400.
fn products(header_top: f32, body_top: f32) -> Vec<Glyph> {
    let mut glyphs = text("产品名称", 65.0, header_top);
    glyphs.extend(text("产量", 200.0, header_top));
    glyphs.extend(text("增长", 300.0, header_top));
    glyphs.extend(rows_of_text(
        &[("钢材", &["1577693", "48.8"]), ("糖果", &["26073", "-3.3"]), ("纱", &["189128", "19.3"])],
        &[200.0, 300.0],
        body_top,
        14.0,
    ));
    glyphs
}

#[test]
fn three_rules_without_verticals_frame_a_table_with_columns_from_the_text() {
    let rulings = vec![h(100.0, 60.0, 400.0), h(120.0, 60.0, 400.0), h(180.0, 60.0, 400.0)];
    let glyphs = products(105.0, 125.0);
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 3), "{:?}", shape(g));
    assert_eq!(g.cell_at(0, 2).unwrap().text, "增长");
    assert_eq!(g.cell_at(2, 0).unwrap().text, "糖果");
    assert_eq!(g.cell_at(3, 1).unwrap().text, "189128");
}

#[test]
fn a_label_wrapped_above_its_values_is_one_row() {
    // The second label's first line holds no values (the other columns
    // empty) and runs to the end of the label column; its second line,
    // a line gap below, carries the values: one row, not two.
    let rulings = vec![h(100.0, 60.0, 400.0), h(120.0, 60.0, 400.0), h(196.0, 60.0, 400.0)];
    let mut glyphs = text("产品名称", 65.0, 105.0);
    glyphs.extend(text("产量", 200.0, 105.0));
    glyphs.extend(text("增长", 300.0, 105.0));
    glyphs.extend(rows_of_text(&[("钢材", &["1577693", "48.8"])], &[200.0, 300.0], 125.0, 14.0));
    glyphs.extend(text("其中：出口钢材及其", 65.0, 141.0));
    glyphs.extend(rows_of_text(&[("制品", &["26073", "-3.3"])], &[200.0, 300.0], 153.0, 14.0));
    glyphs.extend(rows_of_text(&[("纱", &["189128", "19.3"])], &[200.0, 300.0], 171.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 3), "{:?}", shape(g));
    assert_eq!(g.cell_at(2, 0).unwrap().text, "其中：出口钢材及其制品");
    assert_eq!(g.cell_at(2, 1).unwrap().text, "26073");
    assert_eq!(g.cell_at(3, 0).unwrap().text, "纱");
}

#[test]
fn prose_between_three_rules_stays_prose() {
    // Two columns of text between three rules: cells of prose length in
    // every column are two columns of running text; short cells a table.
    let rulings = vec![h(100.0, 60.0, 500.0), h(120.0, 60.0, 500.0), h(200.0, 60.0, 500.0)];
    let two_columns = |cell: &str| {
        let mut glyphs = Vec::new();
        for k in 0..4 {
            let y = 125.0 + 14.0 * k as f32;
            glyphs.extend(text(cell, 65.0, y));
            glyphs.extend(text(cell, 290.0, y));
        }
        glyphs
    };
    let settings = TableSettings { prose_cell_chars: 20, ..TableSettings::default() };
    let prose = "政府信息公开工作坚持以公开为常态不公开为例";
    assert_eq!(prose.chars().count(), 21);
    assert!(find_tables_with(&page(rulings.clone(), two_columns(prose)), &settings).is_empty());
    assert_eq!(find_tables_with(&page(rulings, two_columns("政府信息公开")), &settings).len(), 1);
}

#[test]
fn a_stacked_header_of_a_three_line_table_is_read_as_rows() {
    // A label centred over the last two columns, their labels below it (one
    // wrapped over two lines), and a body of one row.
    let rulings = vec![h(100.0, 60.0, 360.0), h(150.0, 60.0, 360.0), h(170.0, 60.0, 360.0)];
    let mut glyphs = text("本年数据", 277.5, 103.0);
    glyphs.extend(rows_of_text(&[("指标", &["甲", "乙", "丙项"])], &[200.0, 260.0, 320.0], 118.0, 14.0));
    glyphs.extend(text("目", 320.0, 129.0));
    glyphs.extend(rows_of_text(&[("合计", &["1", "2", "3"])], &[200.0, 260.0, 320.0], 155.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (3, 4), "{:?}", shape(g));
    let span = |r, c| g.cell_at(r, c).map(|c| (c.row_span, c.col_span, c.text.as_str()));
    assert_eq!(span(0, 0), Some((2, 1, "指标")));
    assert_eq!(span(0, 1), Some((2, 1, "甲")));
    assert_eq!(span(0, 3), Some((1, 2, "本年数据")));
    assert_eq!(span(1, 2), Some((1, 1, "乙")));
    assert_eq!(span(1, 3), Some((1, 1, "丙项目")));
    assert_eq!(span(2, 3), Some((1, 1, "3")));
    assert_eq!(g.inferred_header_rows(), 2, "{:?}", shape(g));
}

#[test]
fn a_spanning_label_under_another_heads_only_its_own_columns() {
    // 申请人情况 over the five value columns; under it 法人或其他组织,
    // centred over the middle three — and, the layout being symmetric, over
    // all five too. It heads the three: as wide as the label above it, it
    // would say nothing more; 甲类 and 戊类 reach up to 申请人情况.
    // Header lines a paragraph gap apart (not one wrapped label).
    let rulings = vec![h(100.0, 60.0, 457.5), h(158.0, 60.0, 457.5), h(192.0, 60.0, 457.5)];
    let xs = [160.0, 220.0, 280.0, 340.0, 400.0];
    let mut glyphs = text("申请人情况", 265.0, 103.0);
    glyphs.extend(text("法人或其他组织", 255.0, 123.0));
    glyphs.extend(rows_of_text(&[("", &["甲类", "乙类", "丙类", "丁类", "戊类"])], &xs, 143.0, 14.0));
    let body = [("合计", &["12", "3", "4", "5", "24"][..]), ("其中", &["7", "1", "2", "3", "13"][..])];
    glyphs.extend(rows_of_text(&body, &xs, 162.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (5, 6), "{:?}", shape(g));
    let span = |r, c| g.cell_at(r, c).map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()));
    assert_eq!(span(0, 1), Some((0, 1, 1, 5, "申请人情况")), "{:?}", shape(g));
    assert_eq!(span(1, 2), Some((1, 2, 1, 3, "法人或其他组织")), "{:?}", shape(g));
    assert_eq!(span(1, 1), Some((1, 1, 2, 1, "甲类")), "{:?}", shape(g));
    assert_eq!(span(2, 5), Some((1, 5, 2, 1, "戊类")), "{:?}", shape(g));
    assert_eq!(span(2, 3), Some((2, 3, 1, 1, "丙类")));
}

#[test]
fn a_note_inside_a_three_line_frame_is_a_row_of_its_own() {
    // A note across the frame above the bottom rule: the table keeps its
    // columns, and the note is one cell across them, marked as a note.
    let rulings = vec![h(100.0, 60.0, 400.0), h(120.0, 60.0, 400.0), h(200.0, 60.0, 400.0)];
    let mut glyphs = products(105.0, 125.0);
    glyphs.extend(text("注：产量为规模以上工业企业快报数据。", 65.0, 170.0));
    glyphs.extend(text("增长按可比价格计算。", 65.0, 184.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (5, 3), "{:?}", shape(g));
    assert_eq!(g.cell_at(3, 1).unwrap().text, "189128");
    let note = g.cell_at(4, 0).unwrap();
    assert_eq!((note.col_span, note.text.as_str()), (3, "注：产量为规模以上工业企业快报数据。增长按可比价格计算。"));
    assert_eq!(g.note_rows(), 1);
}

#[test]
fn a_caption_inside_the_top_rule_is_a_row_across_the_table() {
    let rulings = vec![h(100.0, 60.0, 400.0), h(134.0, 60.0, 400.0), h(180.0, 60.0, 400.0)];
    let mut glyphs = text("表1主要产品", 65.0, 103.0);
    glyphs.extend(products(119.0, 139.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (5, 3), "{:?}", shape(g));
    let caption = g.cell_at(0, 2).unwrap();
    assert_eq!((caption.col_span, caption.text.as_str()), (3, "表1主要产品"));
    assert_eq!(g.cell_at(1, 2).unwrap().text, "增长");
    assert_eq!(g.caption_rows(), 1);
}

#[test]
fn text_aligned_in_columns_without_any_rule_is_a_table() {
    // A header and three rows, 14 pt apart, no rule at all.
    let tables = find_tables(&page(Vec::new(), products(100.0, 114.0)));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 3), "{:?}", shape(g));
    assert_eq!(g.cell_at(0, 1).unwrap().text, "产量");
    assert_eq!(g.cell_at(2, 2).unwrap().text, "-3.3");
    assert_eq!(g.cell_at(3, 0).unwrap().text, "纱");
}

#[test]
fn a_header_spanning_the_value_columns_of_a_table_without_rules_is_one_cell() {
    let mut glyphs = text("产量和增长", 240.0, 86.0);
    glyphs.extend(products(100.0, 114.0));
    let tables = find_tables(&page(Vec::new(), glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    let span = g.cells.iter().find(|c| c.text == "产量和增长").expect("the spanning label");
    assert_eq!((span.row, span.col, span.col_span), (0, 1, 2), "{:?}", shape(g));
}

#[test]
fn prose_lists_contents_two_columns_and_charts_without_rules_stay_text() {
    let none = |glyphs: Vec<Glyph>, rulings: Vec<Ruling>, what: &str| {
        let tables = find_tables(&page(rulings, glyphs));
        assert!(tables.is_empty(), "{what}: {:?}", tables.iter().map(|t| shape(&t.fragment.grid)).collect::<Vec<_>>());
    };
    let lines = |cells: &[&[(&str, f32)]]| -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        for (k, row) in cells.iter().enumerate() {
            for &(s, x) in row.iter() {
                glyphs.extend(text(s, x, 100.0 + 14.0 * k as f32));
            }
        }
        glyphs
    };
    // A page set in two columns of running text.
    let prose = "政府信息公开工作坚持以公开为常态";
    let two: &[(&str, f32)] = &[(prose, 60.0), (prose, 300.0)];
    none(lines(&[two; 5]), Vec::new(), "two columns");
    // A list: bullets, then text.
    let bullet: &[(&str, f32)] = &[("•", 60.0), ("依法公开政府信息", 90.0)];
    none(lines(&[bullet; 4]), Vec::new(), "bullets");
    none(
        lines(&[&[("1.", 60.0), ("item", 90.0)], &[("2.", 60.0), ("item", 90.0)], &[("3.", 60.0), ("item", 90.0)]]),
        Vec::new(),
        "numbered list",
    );
    // A table of contents: titles, then page numbers.
    none(
        lines(&[&[("总则", 60.0), ("1", 300.0)], &[("分则", 60.0), ("5", 300.0)], &[("附则", 60.0), ("12", 300.0)]]),
        Vec::new(),
        "contents",
    );
    // Labels and answers of a form: no column of values.
    let form: &[(&str, f32)] = &[("姓名", 60.0), ("张三", 200.0)];
    none(lines(&[form; 4]), Vec::new(), "form");
    // Axis labels on both sides of a chart drawn between them.
    let axes =
        lines(&[&[("100", 60.0), ("0.5", 300.0)], &[("80", 60.0), ("0.4", 300.0)], &[("60", 60.0), ("0.3", 300.0)]]);
    none(axes.clone(), vec![v(90.0, 95.0, 150.0), v(290.0, 95.0, 150.0)], "chart");
    // … which without the chart's lines are a table of numbers.
    assert_eq!(find_tables(&page(Vec::new(), axes)).len(), 1);
}

#[test]
fn a_seam_between_two_pieces_of_a_fill_through_a_number_is_no_border() {
    // A value shaded glyph by glyph: the fill pieces' sides make a short
    // vertical edge between "1" and "5" of "0.15", one row tall.
    let xs = [60.0, 200.0, 300.0];
    let ys = [100.0, 120.0, 134.0];
    let mut rulings = grid_rulings(&xs, &ys, |_| false);
    let mut glyphs = text("a", 65.0, 105.0);
    glyphs.extend(text("b", 210.0, 105.0));
    glyphs.extend(text("c", 65.0, 122.0));
    glyphs.extend(text("0.15", 210.0, 122.0));
    rulings.push(v(225.0, 120.0, 134.0));
    let tables = find_tables(&page(rulings.clone(), glyphs.clone()));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (2, 2), "{:?}", shape(g));
    assert_eq!(g.cell_at(1, 1).unwrap().text, "0.15");
    // The same edge in the gap between two words is a border.
    let mut apart = glyphs[..3].to_vec();
    apart.extend(text("0.1", 205.0, 122.0));
    apart.extend(text("5", 240.0, 122.0));
    let tables = find_tables(&page(rulings, apart));
    assert_eq!(tables[0].fragment.grid.cols, 3);
}

#[test]
fn a_label_wrapped_with_a_hanging_indent_stays_one_row() {
    // A three-line table; the first label wraps well short of its column's
    // end, its second line indented by one em and starting in lower case,
    // beside the second line of its value.
    let xs = [60.0, 300.0, 460.0];
    let ys = [100.0, 120.0, 190.0];
    let rulings = grid_rulings(&xs, &ys, |_| false);
    let mut glyphs = text("Variable", 65.0, 105.0);
    glyphs.extend(text("Assumption", 310.0, 105.0));
    glyphs.extend(text("Disposable income per", 65.0, 125.0));
    glyphs.extend(text("Changes range", 310.0, 125.0));
    glyphs.extend(text("constant dollars", 75.0, 137.0));
    glyphs.extend(text("with growth", 310.0, 137.0));
    glyphs.extend(text("Inflation rate", 65.0, 151.0));
    glyphs.extend(text("Between two", 310.0, 151.0));
    glyphs.extend(text("Unemployment", 65.0, 165.0));
    glyphs.extend(text("Remains", 310.0, 165.0));
    let tables = find_tables(&page(rulings, glyphs));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 2), "{:?}", shape(g));
    assert_eq!(g.cell_at(1, 0).unwrap().text, "Disposable income per constant dollars");
    assert_eq!(g.cell_at(1, 1).unwrap().text, "Changes range with growth");
    assert_eq!(g.cell_at(2, 0).unwrap().text, "Inflation rate");
}

#[test]
fn labels_left_of_a_grid_whose_rules_stop_at_the_values_take_its_rows() {
    // The row rules start at the values (x = 150); only the rule under the
    // header reaches the labels' column: the labels are not one merged cell.
    let mut rulings = vec![h(100.0, 150.0, 250.0), h(120.0, 60.0, 250.0)];
    rulings.extend([134.0, 148.0, 162.0].map(|y| h(y, 150.0, 250.0)));
    rulings.extend([150.0, 250.0].map(|x| v(x, 100.0, 162.0)));
    let mut glyphs = text("Category", 65.0, 105.0);
    glyphs.extend(text("Total", 160.0, 105.0));
    glyphs.extend(rows_of_text(
        &[("Salaries", &["1,314"]), ("Travel", &["94"]), ("Rent", &["170"])],
        &[160.0],
        122.0,
        14.0,
    ));
    let tables = find_tables(&page(rulings, glyphs));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 2), "{:?}", shape(g));
    assert_eq!(g.cell_at(2, 0).unwrap().text, "Travel");
    assert_eq!(g.cell_at(3, 1).unwrap().text, "170");
}

#[test]
fn a_merged_cell_closed_by_rules_above_and_below_stays_merged() {
    // A label over two rows, ruled above and below, one word per line.
    let xs = [60.0, 150.0, 250.0];
    let ys = [100.0, 120.0, 134.0, 148.0];
    let rulings = grid_rulings(&xs, &ys, |r| r.top == 134.0 && r.x1 <= 150.0);
    let mut glyphs = text("Group", 65.0, 105.0);
    glyphs.extend(text("Total", 160.0, 105.0));
    glyphs.extend(text("Men", 65.0, 122.0));
    glyphs.extend(text("aged", 65.0, 136.0));
    glyphs.extend(text("1", 160.0, 122.0));
    glyphs.extend(text("2", 160.0, 136.0));
    let tables = find_tables(&page(rulings, glyphs));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (3, 2), "{:?}", shape(g));
    let label = g.cell_at(1, 0).unwrap();
    assert_eq!((label.row_span, label.text.as_str()), (2, "Men aged"));
}

#[test]
fn a_paragraph_between_rules_of_one_width_ends_their_stack() {
    // A rule under the running head with the table's width, a paragraph and
    // a line of two labels, then a three-line table: the paragraph is not
    // the table's header.
    let mut rulings = vec![h(50.0, 60.0, 400.0)];
    rulings.extend([150.0, 170.0, 230.0].map(|y| h(y, 60.0, 400.0)));
    let sentence = "The quick brown fox jumps over the lazy dog and keeps running";
    let mut glyphs = text(sentence, 65.0, 60.0);
    glyphs.extend(text(sentence, 65.0, 74.0));
    glyphs.extend(text("Age", 65.0, 100.0));
    glyphs.extend(text("AGEATBA", 360.0, 100.0));
    glyphs.extend(products(155.0, 175.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].top, 150.0);
    assert_eq!(tables[0].fragment.grid.rows, 4, "{:?}", shape(&tables[0].fragment.grid));
}

#[test]
fn body_rows_of_a_grid_ruled_only_in_its_header_take_its_columns() {
    // Column rules in the header row only; each body row one cell across
    // by the rules, its values standing apart under the header's columns.
    // A title row across the table (one piece of text over the boundaries)
    // stays one cell.
    let mut rulings: Vec<Ruling> = [100.0, 114.0, 134.0, 148.0, 162.0].map(|y| h(y, 60.0, 360.0)).to_vec();
    rulings.extend([60.0, 360.0].map(|x| v(x, 100.0, 162.0)));
    rulings.extend([160.0, 260.0].map(|x| v(x, 114.0, 134.0)));
    let mut glyphs = text("Deaths by country and origin, 2007", 100.0, 102.0);
    glyphs.extend(text("Country", 65.0, 119.0));
    glyphs.extend(text("Domestic", 170.0, 119.0));
    glyphs.extend(text("Total", 270.0, 119.0));
    glyphs.extend(rows_of_text(&[("Austria", &["92.9", "5,821"]), ("Czech Rep", &["99.2", "24,137"])], &[200.0, 300.0], 136.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 3), "{:?}", shape(g));
    assert_eq!(g.cell_at(0, 0).unwrap().col_span, 3);
    assert_eq!(g.cell_at(2, 0).unwrap().text, "Austria");
    assert_eq!(g.cell_at(3, 1).unwrap().text, "99.2");
    assert_eq!(g.cell_at(3, 2).unwrap().text, "24,137");
}

#[test]
fn a_rule_outside_the_page_frames_no_table() {
    // A printer's slug rule above the page's top edge with the width of
    // the table's rules: the text between it and the table stays text.
    let mut rulings = vec![h(-76.0, 60.0, 400.0)];
    rulings.extend([100.0, 120.0, 180.0].map(|y| h(y, 60.0, 400.0)));
    let mut glyphs = text("type of preparer", 65.0, 20.0);
    glyphs.extend(text("conducted in 2000", 200.0, 20.0));
    glyphs.extend(products(105.0, 125.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].top, 100.0, "{:?}", shape(&tables[0].fragment.grid));
}

#[test]
fn a_label_over_a_spanner_rule_heads_the_columns_under_the_rule() {
    // Two group labels, each over a short rule under its three columns;
    // 乙组 is centred over its middle column, right above that column's
    // label 比例 — a line gap apart, as a wrapped label would be. The rule
    // between them says it is no wrap: 乙组 heads all three columns.
    let rulings = vec![
        h(100.0, 60.0, 460.0),
        h(116.0, 155.0, 285.0),
        h(116.0, 315.0, 445.0),
        h(134.0, 60.0, 460.0),
        h(170.0, 60.0, 460.0),
    ];
    let xs = [160.0, 210.0, 260.0, 320.0, 370.0, 420.0];
    let mut glyphs = text("甲组", 205.0, 103.0);
    glyphs.extend(text("乙组", 365.0, 103.0));
    glyphs.extend(rows_of_text(&[("指标", &["数量", "比例", "合计", "数量", "比例", "合计"])], &xs, 120.0, 14.0));
    let body = [("合计", &["12", "3", "15", "7", "1", "8"][..]), ("其中", &["7", "1", "8", "3", "1", "4"][..])];
    glyphs.extend(rows_of_text(&body, &xs, 139.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 7), "{:?}", shape(g));
    let span = |r, c| g.cell_at(r, c).map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()));
    assert_eq!(span(0, 1), Some((0, 1, 1, 3, "甲组")), "{:?}", shape(g));
    assert_eq!(span(0, 4), Some((0, 4, 1, 3, "乙组")), "{:?}", shape(g));
    assert_eq!(span(1, 5), Some((1, 5, 1, 1, "比例")), "{:?}", shape(g));
    assert_eq!(span(1, 0), Some((0, 0, 2, 1, "指标")), "{:?}", shape(g));
    assert_eq!(span(3, 6), Some((3, 6, 1, 1, "4")));
}

#[test]
fn a_top_rule_over_the_value_columns_only_is_the_top_of_the_table() {
    // The rule over the header leaves the stub's head open (it starts at
    // the first value column); a spanner rule under 年份 over the five
    // year columns. Rules under the header and under the body run across.
    let rulings = vec![h(100.0, 150.0, 420.0), h(114.0, 150.0, 420.0), h(130.0, 60.0, 420.0), h(165.0, 60.0, 420.0)];
    let xs = [160.0, 210.0, 260.0, 310.0, 360.0];
    let mut glyphs = text("年份", 260.0, 102.0);
    glyphs.extend(rows_of_text(&[("指标名称", &["2019", "2020", "2021", "2022", "2023"])], &xs, 117.0, 14.0));
    let body = [("收入", &["12", "13", "15", "17", "18"][..]), ("支出", &["7", "8", "8", "9", "11"][..])];
    glyphs.extend(rows_of_text(&body, &xs, 134.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (4, 6), "{:?}", shape(g));
    let span = |r, c| g.cell_at(r, c).map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()));
    assert_eq!(span(0, 3), Some((0, 1, 1, 5, "年份")), "{:?}", shape(g));
    assert_eq!(span(1, 3), Some((1, 3, 1, 1, "2021")), "{:?}", shape(g));
    assert_eq!(span(0, 0), Some((0, 0, 2, 1, "指标名称")), "{:?}", shape(g));
    assert_eq!(span(2, 0), Some((2, 0, 1, 1, "收入")));
}

/// A grid ruled at x 60 | 130 | 300 with a header band (100–130) and a
/// body band of four rows: each row a label and, in the ruled column, the
/// two `values` right-aligned at x 200 and 290 (no rule between them).
fn grouped_values(values: &[(&str, &str)]) -> PageContent {
    let rulings = grid_rulings(&[60.0, 130.0, 300.0], &[100.0, 130.0, 190.0], |_| false);
    let mut glyphs = text("Age", 65.0, 102.0);
    glyphs.extend(text("Population group", 175.0, 102.0));
    glyphs.extend(text("Male", 170.0, 116.0));
    glyphs.extend(text("Female", 255.0, 116.0));
    for (k, (a, b)) in values.iter().enumerate() {
        let y = 133.0 + 14.0 * k as f32;
        glyphs.extend(text(&format!("{k}0-{k}9"), 65.0, y));
        glyphs.extend(text(a, 200.0 - 5.0 * a.len() as f32, y));
        glyphs.extend(text(b, 290.0 - 5.0 * b.len() as f32, y));
    }
    page(rulings, glyphs)
}

#[test]
fn values_in_groups_under_one_rule_are_read_in_their_own_columns() {
    // Male and Female under each group, ruled around the group only: the
    // white strip down the body, with right-aligned numbers of different
    // lengths beside it, separates two columns; the group's label spans
    // both, their labels sit under it.
    let p = grouped_values(&[("1,087", "22"), ("586", "2,568"), ("3,867", "576"), ("7,808", "7,401")]);
    let tables = find_tables(&p);
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    assert_eq!((g.rows, g.cols), (6, 3), "{:?}", shape(g));
    assert_eq!(g.cell_at(0, 0).map(|c| (c.row_span, c.text.as_str())), Some((2, "Age")));
    assert_eq!(g.cell_at(0, 1).map(|c| (c.col_span, c.text.as_str())), Some((2, "Population group")));
    assert_eq!(g.cell_at(1, 1).unwrap().text, "Male");
    assert_eq!(g.cell_at(1, 2).unwrap().text, "Female");
    assert_eq!(g.cell_at(2, 1).unwrap().text, "1,087");
    assert_eq!(g.cell_at(2, 2).unwrap().text, "22");
    assert_eq!(g.cell_at(5, 2).unwrap().text, "7,401");
}

#[test]
fn words_one_space_apart_on_every_line_stay_one_cell() {
    // Q1 2001 … Q4 2004: a strip runs down the column between the words,
    // but the gap is one space on every line — words, not two columns.
    let p = grouped_values(&[("Q1 2001", ""), ("Q2 2002", ""), ("Q3 2003", ""), ("Q4 2004", "")]);
    let tables = find_tables(&p);
    let g = &tables[0].fragment.grid;
    assert_eq!(g.cols, 2, "{:?}", shape(g));
    assert_eq!(g.cell_at(1, 1).unwrap().text, "Q1 2001");
    // The strip itself is there: without the spread rule it would cut.
    let loose = TableSettings { subcolumn_spread_em: 0.0, ..TableSettings::default() };
    assert_eq!(find_tables_with(&p, &loose)[0].fragment.grid.cols, 3);
}

#[test]
fn bottom_aligned_labels_of_two_columns_that_meet_on_a_line_stay_in_their_columns() {
    // Two groups of two columns under spanning labels; each column's label
    // is stacked bottom-aligned ("Body / Weight / (g)" beside "Weight /
    // Relative / to / Controls / (%)"), and on one line "Weight" and
    // "Controls" come 7 pt apart: closer than a column gap, yet the body's
    // column separator passes between them.
    let rulings = vec![h(100.0, 60.0, 380.0), h(172.0, 60.0, 380.0), h(205.0, 60.0, 380.0)];
    let mut glyphs = text("Day 1", 210.0, 103.0);
    glyphs.extend(text("Day 2", 320.0, 103.0));
    glyphs.extend(text("Dose", 65.0, 114.0));
    for (dx, _) in [(0.0, 'a'), (110.0, 'b')] {
        glyphs.extend(text("Weight", 232.5 + dx, 114.0));
        glyphs.extend(text("Relative", 227.5 + dx, 125.0));
        glyphs.extend(text("Body", 187.5 + dx, 136.0));
        glyphs.extend(text("to", 242.5 + dx, 136.0));
        glyphs.extend(text("Weight", 185.0 + dx, 147.0));
        glyphs.extend(text("Controls", 222.0 + dx, 147.0));
        glyphs.extend(text("(g)", 190.0 + dx, 158.0));
        glyphs.extend(text("(%)", 240.0 + dx, 158.0));
    }
    let xs = [190.0, 240.0, 300.0, 350.0];
    glyphs.extend(rows_of_text(&[("0", &["5.8", "102", "8.8", "98"]), ("250", &["5.9", "101", "9.0", "97"])], &xs, 176.0, 14.0));
    let tables = find_tables(&page(rulings, glyphs));
    assert_eq!(tables.len(), 1);
    let g = &tables[0].fragment.grid;
    let texts: Vec<&str> = g.cells.iter().map(|c| c.text.as_str()).collect();
    assert!(!texts.iter().any(|t| t.contains("Weight Controls")), "{:?}", shape(g));
    for c in [1, 3] {
        let body = g.cells.iter().find(|x| x.col == c && x.text.starts_with("Body")).map(|x| x.text.as_str());
        assert_eq!(body, Some("Body Weight (g)"), "{:?}", shape(g));
        let relative = g.cells.iter().find(|x| x.col == c + 1 && x.text.starts_with("Weight")).map(|x| x.text.as_str());
        assert_eq!(relative, Some("Weight Relative to Controls (%)"), "{:?}", shape(g));
    }
    assert_eq!(g.inferred_header_rows(), 2, "{:?}", shape(g));
}
