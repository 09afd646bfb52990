//! The layout's factors in one value, with documented defaults (beside the
//! table finder's [`crate::pdf::tables::TableSettings`]): lengths in points,
//! sizes relative to the font size in em, shares as fractions.
//!
//! The gap in em that makes a word space in running text
//! (`PARAGRAPH_SPACE_GAP_EM`) stays a constant of `layout`: callers pass it.

/// Factors of the layout: glyphs → lines, the text block, lines →
/// paragraphs, two-column reading order. [`LayoutSettings::default`] is what
/// `govdoc convert` uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutSettings {
    // Glyphs and lines.
    /// A glyph box at least this tall (points) is its own vertical extent;
    /// a flatter one (a degenerate font matrix) is given the font size
    /// around its centre instead. Default 0.1.
    pub min_glyph_height: f32,
    /// An em used as a length is taken as at least this (points): a
    /// degenerate glyph of size 0 still overlaps its line, a document set
    /// in tiny text still has a tolerance at its margin. Default 1.
    pub min_em: f32,
    /// The em of a size that is not finite or not above
    /// [`min_size`](Self::min_size), and the size of a line or a page
    /// without a usable one (points). Default 10, the usual body size.
    pub default_size: f32,
    /// Sizes up to this (points) are no size (a glyph drawn with a zero
    /// matrix): [`default_size`](Self::default_size) is used. Default 0.5.
    pub min_size: f32,
    /// A glyph overlapping a line's tallest glyph vertically by at least
    /// this share of the smaller height sits on that line. Default 0.5.
    pub same_line_overlap: f32,
    /// How far (share of the font size) a turned glyph's width may differ
    /// from its em and still lie across the page. Default 0.02.
    pub turned_em_tolerance: f32,
    /// A glyph with the same text as the one before it, offset by less than
    /// this share of the wider of the two (and less than this share of an em
    /// vertically), is the same glyph drawn twice for a bold effect; it is
    /// dropped. Default 0.3.
    pub doubled_offset: f32,
    /// … the width taken as at least this (points), for glyphs drawn with
    /// no advance. Default 0.5.
    pub doubled_min_width: f32,
    /// A line is bold when at least this share of its visible glyphs are in
    /// a bold font ("nearly all": a bold heading may hold a regular digit).
    /// Default 0.8.
    pub bold_share: f32,

    // Word spaces.
    /// A gap of more than this share of the font's space width is a word
    /// space (capped by the caller's gap in em): word gaps of justified
    /// text shrink to about three quarters of the space, letters of one
    /// word touch. Default 0.5.
    pub word_gap_share_of_space: f32,
    /// However narrow a font's space, a gap under this (em) is kerning.
    /// Default 0.1.
    pub min_word_gap_em: f32,
    /// A space glyph between glyphs closer than this (em) does not show.
    /// Default 0.05.
    pub space_shows_em: f32,
    /// A space glyph whose next glyph starts within this share of its width
    /// before its end was drawn at its full advance (rounding in the
    /// content). Default 0.1.
    pub space_advance_tolerance: f32,
    /// Before a leader of spaced dots (". . . ."), the gap between a word
    /// and the first dot is a space only when it is at least this share of
    /// the gap between the leader's dots: a leader set on a fixed pitch
    /// pulls its first dot back into the word's space, and a dot closer to
    /// the word than to the next dot reads as the word's. Default 0.9.
    pub leader_gap_share: f32,

    // The text block.
    /// Lines ending within this (em) of each other share a margin. Default 0.5.
    pub margin_cluster_em: f32,
    /// A margin is shared by at least this many lines… Default 2.
    pub margin_min_lines: usize,
    /// … and by one line in this many (a margin of a long page is not set by
    /// two stray lines). Default 10.
    pub margin_lines_per: usize,
    /// Font sizes are counted to the nearest this (points) when the body
    /// size is the most common one. Default 0.5.
    pub body_size_step: f32,
    /// The line gap of a page whose lines leave none to measure: this share
    /// of the body size. Default 0.5.
    pub default_line_gap_em: f32,
    /// The white space between two lines counts towards the usual line gap
    /// when it is at least the first (negative: lines that overlap a
    /// little) and under the second of these (em of the body size): lines
    /// a few lines apart are no measure of it. Default −0.2 and 3.
    pub line_gap_bounds_em: (f32, f32),
    /// Pages with fewer lines than this take the document's text block.
    /// Default 6.
    pub min_lines_for_page_block: usize,
    /// A page's left margin more than this (em, at least
    /// [`min_em`](Self::min_em)) right of the document's,
    /// on a page with a line starting within
    /// [`margin_snap_em`](Self::margin_snap_em) of the document's, is an
    /// indent mistaken for the margin: the document's is taken. Default 1.
    pub margin_shift_em: f32,
    /// … that line starts within this (em) of the document's margin.
    /// Default 0.5.
    pub margin_snap_em: f32,
    /// A page's text block narrower than this share of the document's
    /// (short items only) keeps the document's width. Default 0.8.
    pub min_page_width_share: f32,

    // Lines → paragraphs.
    /// Font sizes differing by more than this ratio are different styles.
    /// Default 1.15.
    pub size_ratio: f32,
    /// … a size of two lines compared is taken as at least this (points).
    /// Default 0.1.
    pub min_style_size: f32,
    /// The first line of a paragraph starts at least this far (em) right of
    /// the left margin; the norm is two full-width spaces, 2 em. Default 1.5.
    pub indent_em: f32,
    /// A line ending more than this (em) before the right margin ends its
    /// paragraph. Justified CJK text ends within a character of the margin.
    /// Default 2.
    pub short_line_em: f32,
    /// A vertical gap this much (em) above the usual line gap separates
    /// paragraphs. Default 0.5.
    pub extra_gap_em: f32,
    /// A line ending at the right margin that starts more than this many em
    /// from the left one is right-aligned (a signature, a date). Default 6.
    pub right_aligned_em: f32,
    /// A line whose gaps to the two margins differ by at most this (em) or…
    /// Default 1.
    pub symmetric_em: f32,
    /// … by at most this share of the block's width, is set symmetrically.
    /// Default 0.04.
    pub symmetric_share: f32,
    /// … and centred when both gaps are at least this (em): a line in body
    /// size that merely fills the block is not. Default 1.
    pub centred_gap_em: f32,
    /// … or this (em) for a line set larger than the body (a title that
    /// nearly fills the block). Default 0.2.
    pub larger_centred_gap_em: f32,
    /// A body-size line indented by this (em), give or take
    /// [`first_line_indent_slack_em`](Self::first_line_indent_slack_em), is
    /// a one-line paragraph with the usual two-character indent even when
    /// it ends as far from the right margin: not centred. Default 2.
    pub first_line_indent_em: f32,
    /// … Default 0.5.
    pub first_line_indent_slack_em: f32,
    /// A centred line that fills the block to within this (em) wraps onto
    /// the next centred line (a long title): they are one paragraph.
    /// Default 4.
    pub wrapped_title_em: f32,
    /// A paragraph opens at the margin when its first line starts within
    /// this (em) of it. Default 0.5.
    pub opens_at_margin_em: f32,
    /// Dots (an ellipsis counts three) that make a leader in a contents
    /// line. Default 4.
    pub min_leader_dots: usize,

    // Two columns.
    /// Share of lines that must be cut by one gutter for a stretch of the
    /// page to read as two columns… Default 0.6.
    pub two_column_share: f32,
    /// … and the fewest such lines. Default 6.
    pub two_column_min_lines: usize,
    /// A gutter is at least this wide (em of the body size)… Default 1.5.
    pub gutter_em: f32,
    /// … and lies in the block's middle, more than this share of its width
    /// from either margin. Default 0.25 (the middle half).
    pub gutter_band: f32,
    /// … and the band the lines' gaps share is at least this share of that
    /// least width. Default 0.5.
    pub gutter_shared_share: f32,
    /// Each column is at least this share of the block wide… Default 0.35.
    pub column_width: f32,
    /// … and its typical line fills at least this share of it (labels and
    /// values set apart without rules make one narrow side). Default 0.6.
    pub column_fill: f32,
}

impl LayoutSettings {
    /// The defaults, as a constant (what [`Default`] gives).
    pub const DEFAULT: LayoutSettings = LayoutSettings {
        min_glyph_height: 0.1,
        min_em: 1.0,
        default_size: 10.0,
        min_size: 0.5,
        same_line_overlap: 0.5,
        turned_em_tolerance: 0.02,
        doubled_offset: 0.3,
        doubled_min_width: 0.5,
        bold_share: 0.8,
        word_gap_share_of_space: 0.5,
        min_word_gap_em: 0.1,
        space_shows_em: 0.05,
        space_advance_tolerance: 0.1,
        leader_gap_share: 0.9,
        margin_cluster_em: 0.5,
        margin_min_lines: 2,
        margin_lines_per: 10,
        body_size_step: 0.5,
        default_line_gap_em: 0.5,
        line_gap_bounds_em: (-0.2, 3.0),
        min_lines_for_page_block: 6,
        margin_shift_em: 1.0,
        margin_snap_em: 0.5,
        min_page_width_share: 0.8,
        size_ratio: 1.15,
        min_style_size: 0.1,
        indent_em: 1.5,
        short_line_em: 2.0,
        extra_gap_em: 0.5,
        right_aligned_em: 6.0,
        symmetric_em: 1.0,
        symmetric_share: 0.04,
        centred_gap_em: 1.0,
        larger_centred_gap_em: 0.2,
        first_line_indent_em: 2.0,
        first_line_indent_slack_em: 0.5,
        wrapped_title_em: 4.0,
        opens_at_margin_em: 0.5,
        min_leader_dots: 4,
        two_column_share: 0.6,
        two_column_min_lines: 6,
        gutter_em: 1.5,
        gutter_band: 0.25,
        gutter_shared_share: 0.5,
        column_width: 0.35,
        column_fill: 0.6,
    };
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings::DEFAULT
    }
}
