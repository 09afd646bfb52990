//! The table finder's tolerances in one value, with documented defaults (in
//! the manner of pdfplumber's `table_settings`): lengths in points, sizes
//! relative to the font size in em.

/// Tolerances of the table finder. [`TableSettings::default`] is what
/// `govdoc convert` uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableSettings {
    /// A ruling whose ends differ by at most this (points) across its
    /// length is horizontal (or vertical). Default 1.
    pub orientation_tolerance: f32,
    /// Edges of one orientation whose positions differ by at most this
    /// (points) lie on one line: pdfplumber's snap tolerance. Default 3.
    pub snap_tolerance: f32,
    /// Collinear segments with at most this gap (points) are one edge:
    /// pdfplumber's join tolerance. Default 3.
    pub join_tolerance: f32,
    /// A horizontal and a vertical edge within this (points) meet. Default 3.
    pub intersection_tolerance: f32,
    /// An inner boundary between two slots exists when edges cover at least
    /// this share of their common side. Default 0.5.
    pub boundary_coverage: f32,
    /// In cell text, a gap wider than this (em) between non-CJK glyphs is a
    /// space. Default 0.3.
    pub cell_space_gap_em: f32,
    /// Rows from text lines: glyphs whose central cores (centre ± this many
    /// em) overlap vertically are on one line. 0.35 em keeps lines 1 em
    /// apart separate and joins a value centred beside a two-line label to
    /// both of its lines.
    pub line_core_em: f32,
    /// A line with text in one cell only continues the cell above (a
    /// wrapped label) when the text above ends within this many em of the
    /// cell's right end (or of the furthest any text in that cell reaches).
    pub wrap_right_slack_em: f32,
    /// … and the gap between the two lines is at most this many em.
    pub wrap_gap_em: f32,
    /// A label line indented by between these many em under the label
    /// above it, not starting a new entry (a capital or a digit), is the
    /// rest of that label (a hanging indent). Default 0.5 to 4.
    pub hanging_indent_em: (f32, f32),
    /// A column or row narrower than this (points) with no character in it
    /// is a sliver between two lines that read as one border; it is
    /// absorbed into its neighbour.
    pub sliver_width: f32,
    /// A vertical edge at most this many em tall (of the text it crosses)
    /// that runs between two touching glyphs of a line is a seam inside a
    /// fill, not a border. Default 2 (a row of one line with its padding).
    pub seam_height_em: f32,
    /// … glyphs touch when the gap between them is under this many em.
    /// Default 0.15 (letters of one word; a word space is 0.25 em).
    pub seam_gap_em: f32,
    /// Frames from horizontal rules alone: rules whose left and right ends
    /// are within this (points) of each other belong to one table.
    pub stack_end_tolerance: f32,
    /// … and at least this many such rules make a table (top rule, rule
    /// under the header, bottom rule).
    pub stack_min_rules: usize,
    /// Shortest horizontal rule that can frame a table (points).
    pub stack_min_rule_length: f32,
    /// A rule over the value columns only (the stub's head left open) is
    /// the top of a stack of rules when it is at most this far (points)
    /// above the stack's first rule, or above another such rule that is
    /// (a spanner rule between them). Default 40 (a header band of a few
    /// lines).
    pub stack_open_top_gap: f32,
    /// Columns from text alignment: a gap between two runs of text on one
    /// line that is at least this many em wide may separate two columns…
    pub column_gap_em: f32,
    /// … and the columns are where such gaps line up on every body line.
    /// A frame whose every column holds cells of at least this many
    /// characters (median) is prose in two columns, not a table.
    pub prose_cell_chars: usize,
    /// Stacked header rows of a three-line table: a header label alone at
    /// its height spans the widest run of body columns whose middle is
    /// within this many em of the label's middle (a label centred over the
    /// columns it heads).
    pub header_span_centre_em: f32,
    /// Tables without rules: a gap of at least this many em between two
    /// runs of text on a line may separate columns (wider than the double
    /// space of justified monospaced text)…
    pub stream_gap_em: f32,
    /// … lines of one block are at most this many em apart (a blank line
    /// ends the block)…
    pub stream_line_gap_em: f32,
    /// … at least this many lines have text in two columns or more…
    pub stream_min_rows: usize,
    /// … some column's cells are short: their median width is at most this
    /// many em…
    pub stream_short_cell_em: f32,
    /// … and at most one column's cells are running text, their median
    /// width at least this many em (two such columns are a page set in two
    /// columns).
    pub stream_prose_cell_em: f32,
    /// Header lines above a block without rules: at most this many em above
    /// the line below…
    pub stream_header_gap_em: f32,
    /// … and at most this many lines.
    pub stream_header_lines: usize,
    /// A vertical line through a block without rules that is at least this
    /// many of its lines tall (or as tall as the block) makes it a figure.
    pub stream_figure_rule_lines: f32,
    /// Sub-columns inside a ruled column (values in groups under one
    /// rule, no rule between them): a white strip down the column's body
    /// at least this many em wide may separate two sub-columns (narrower
    /// than a space of monospaced type, 0.6 em: a row set a size smaller
    /// or in bold narrows the strip; words that merely follow each other
    /// are told apart by the spread below)…
    pub subcolumn_gap_em: f32,
    /// … with text on both sides on at least this many lines (and on at
    /// least half the column's lines)…
    pub subcolumn_min_lines: usize,
    /// … and the gap across it differing between lines by at least this
    /// many em: text aligned to its own column, not words one space apart
    /// on every line.
    pub subcolumn_spread_em: f32,
}

impl Default for TableSettings {
    fn default() -> Self {
        TableSettings {
            orientation_tolerance: super::ORIENTATION_TOLERANCE,
            snap_tolerance: super::SNAP_TOLERANCE,
            join_tolerance: super::JOIN_TOLERANCE,
            intersection_tolerance: super::INTERSECTION_TOLERANCE,
            boundary_coverage: super::BOUNDARY_COVERAGE,
            cell_space_gap_em: super::CELL_SPACE_GAP_EM,
            line_core_em: 0.35,
            wrap_right_slack_em: 2.0,
            wrap_gap_em: 0.8,
            hanging_indent_em: (0.5, 4.0),
            sliver_width: 8.0,
            seam_height_em: 2.0,
            seam_gap_em: 0.15,
            stack_end_tolerance: 6.0,
            stack_min_rules: 3,
            stack_min_rule_length: 40.0,
            stack_open_top_gap: 40.0,
            column_gap_em: 1.0,
            prose_cell_chars: 25,
            header_span_centre_em: 1.0,
            stream_gap_em: 1.5,
            stream_line_gap_em: 1.2,
            stream_min_rows: 3,
            stream_short_cell_em: 6.0,
            stream_prose_cell_em: 15.0,
            stream_header_gap_em: 1.5,
            stream_header_lines: 3,
            stream_figure_rule_lines: 3.0,
            subcolumn_gap_em: 0.3,
            subcolumn_min_lines: 3,
            subcolumn_spread_em: 0.5,
        }
    }
}
