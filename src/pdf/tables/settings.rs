//! The table finder's tolerances in one value, with documented defaults (in
//! the manner of pdfplumber's `table_settings`): lengths in points, sizes
//! relative to the font size in em.

/// Tolerances of the table finder. [`TableSettings::default`] is what
/// `govdoc convert` uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableSettings {
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
    /// A column or row narrower than this (points) with no character in it
    /// is a sliver between two lines that read as one border; it is
    /// absorbed into its neighbour.
    pub sliver_width: f32,
    /// Frames from horizontal rules alone: rules whose left and right ends
    /// are within this (points) of each other belong to one table.
    pub stack_end_tolerance: f32,
    /// … and at least this many such rules make a table (top rule, rule
    /// under the header, bottom rule).
    pub stack_min_rules: usize,
    /// Shortest horizontal rule that can frame a table (points).
    pub stack_min_rule_length: f32,
    /// Columns from text alignment: a gap between two runs of text on one
    /// line that is at least this many em wide may separate two columns…
    pub column_gap_em: f32,
    /// … and the columns are where such gaps line up on every body line.
    /// A frame whose every column holds cells of at least this many
    /// characters (median) is prose in two columns, not a table.
    pub prose_cell_chars: usize,
}

impl Default for TableSettings {
    fn default() -> Self {
        TableSettings {
            line_core_em: 0.35,
            wrap_right_slack_em: 2.0,
            wrap_gap_em: 0.8,
            sliver_width: 8.0,
            stack_end_tolerance: 6.0,
            stack_min_rules: 3,
            stack_min_rule_length: 40.0,
            column_gap_em: 1.0,
            prose_cell_chars: 25,
        }
    }
}
