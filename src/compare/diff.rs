//! The text of two reports, section by section: paragraphs kept, added,
//! removed and changed, and for a changed paragraph a character-level diff.
//! Chinese is compared character by character; a run of Latin letters or
//! digits is one token, so "186条" → "192条" shows the number changed as a
//! whole. Also how much of the new text was copied from the old one.

use serde::Serialize;

use crate::report::Section;

/// Two paragraphs are one paragraph changed (not one removed and another
/// added) when at least this share of their tokens is common.
pub const MIN_CHANGED_SIMILARITY: f64 = 0.5;
/// Largest token-pair product a diff computes in full (about 4 MB of
/// table); longer paragraphs are diffed by common prefix and suffix only.
const MAX_DIFF_CELLS: usize = 4_000_000;

/// What a piece of a diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Text in both paragraphs.
    Same,
    /// Text only in the new paragraph.
    Insert,
    /// Text only in the old paragraph.
    Delete,
}

/// A piece of a character-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Kept, inserted or deleted.
    pub op: Op,
    /// The text of the piece (one or more whole tokens).
    pub text: String,
}

/// How a paragraph changed from the old report to the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In both, the same text.
    Same,
    /// Only in the new report.
    Added,
    /// Only in the old report.
    Removed,
    /// In both, rewritten (at least [`MIN_CHANGED_SIMILARITY`] alike).
    Changed,
}

/// A paragraph of either report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// How it changed.
    pub status: Change,
    /// Its text in the old report; `None` when added.
    pub old: Option<String>,
    /// Its text in the new report; `None` when removed.
    pub new: Option<String>,
    /// The character-level diff of a changed paragraph (empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<Piece>,
}

/// One section of the two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDiff {
    /// The section's number, 1 to 6 (一 to 六).
    pub no: u8,
    /// Its title in the old report; `None` when the old report has no such
    /// section or it has no title.
    pub old_title: Option<String>,
    /// Its title in the new report, likewise.
    pub new_title: Option<String>,
    /// The paragraphs of both, aligned, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Characters of the new section also in the old one (same paragraphs
    /// whole, changed paragraphs their common characters), over all its
    /// characters; null for an empty new section.
    pub copied: Option<f64>,
}

/// Tokens: a run of ASCII letters and digits (with `.`/`,` inside a
/// number), or one other character; white space is its own token.
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let word = c.is_ascii_alphanumeric()
            || (matches!(c, '.' | ',') && start.is_some() && chars.get(k + 1).is_some_and(|n| n.1.is_ascii_digit()));
        match (word, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, s) => {
                if let Some(s) = s {
                    out.push(&text[s..i]);
                    start = None;
                }
                out.push(&text[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The longest common subsequence of `a` and `b` as (i, j) index pairs.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // Common prefix and suffix first: most paragraphs differ in a few places.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_mid, b_mid) = (&a[prefix..n - suffix], &b[prefix..m - suffix]);
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    let (p, q) = (a_mid.len(), b_mid.len());
    if p > 0 && q > 0 && p.saturating_mul(q) <= MAX_DIFF_CELLS {
        let mut table = vec![0u32; (p + 1) * (q + 1)];
        for i in (0..p).rev() {
            for j in (0..q).rev() {
                table[i * (q + 1) + j] = if a_mid[i] == b_mid[j] {
                    table[(i + 1) * (q + 1) + j + 1] + 1
                } else {
                    table[(i + 1) * (q + 1) + j].max(table[i * (q + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < p && j < q {
            if a_mid[i] == b_mid[j] {
                pairs.push((prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if table[(i + 1) * (q + 1) + j] >= table[i * (q + 1) + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.extend((0..suffix).map(|k| (n - suffix + k, m - suffix + k)));
    pairs
}

/// Character-level diff of two paragraphs, pieces of one kind merged.
pub(crate) fn diff_text(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (tokens(old), tokens(new));
    let pairs = lcs(&a, &b);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |op: Op, text: &str| match pieces.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => pieces.push(Piece { op, text: text.to_string() }),
    };
    let (mut i, mut j) = (0, 0);
    for &(pi, pj) in pairs.iter().chain(std::iter::once(&(a.len(), b.len()))) {
        for t in &a[i..pi] {
            push(Op::Delete, t);
        }
        for t in &b[j..pj] {
            push(Op::Insert, t);
        }
        if pi < a.len() && pj < b.len() {
            push(Op::Same, a[pi]);
        }
        (i, j) = (pi + 1, pj + 1);
    }
    pieces
}

/// Share of common tokens: 2·common / (|a| + |b|).
fn similarity(old: &str, new: &str) -> f64 {
    let (a, b) = (tokens(old), tokens(new));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * lcs(&a, &b).len() as f64 / (a.len() + b.len()) as f64
}

fn paragraphs(section: Option<&Section>) -> Vec<&str> {
    section.and_then(|s| s.text.as_deref()).map_or_else(Vec::new, |t| t.split('\n').filter(|p| !p.is_empty()).collect())
}

/// The paragraphs of one section, aligned: equal paragraphs by a common
/// subsequence, then within each gap the removed and added paragraphs
/// paired up in order when similar enough to be one paragraph changed.
fn section_paragraphs(old: &[&str], new: &[&str]) -> Vec<Paragraph> {
    let pairs = lcs(old, new);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(pi, pj) in pairs.iter().chain(std::iter::once(&(old.len(), new.len()))) {
        gap(&old[i..pi], &new[j..pj], &mut out);
        if pi < old.len() && pj < new.len() {
            out.push(Paragraph {
                status: Change::Same,
                old: Some(old[pi].into()),
                new: Some(new[pj].into()),
                diff: vec![],
            });
        }
        (i, j) = (pi + 1, pj + 1);
    }
    out
}

fn gap(removed: &[&str], added: &[&str], out: &mut Vec<Paragraph>) {
    let mut k = 0;
    for r in removed {
        // The next added paragraph similar enough to this one is its new form.
        let partner = (k..added.len()).find(|&a| similarity(r, added[a]) >= MIN_CHANGED_SIMILARITY);
        match partner {
            Some(a) => {
                for add in &added[k..a] {
                    out.push(Paragraph { status: Change::Added, old: None, new: Some((*add).into()), diff: vec![] });
                }
                out.push(Paragraph {
                    status: Change::Changed,
                    old: Some((*r).into()),
                    new: Some(added[a].into()),
                    diff: diff_text(r, added[a]),
                });
                k = a + 1;
            }
            None => out.push(Paragraph { status: Change::Removed, old: Some((*r).into()), new: None, diff: vec![] }),
        }
    }
    for add in &added[k..] {
        out.push(Paragraph { status: Change::Added, old: None, new: Some((*add).into()), diff: vec![] });
    }
}

/// The six sections of two reports, diffed.
pub(crate) fn sections(old: &[Section], new: &[Section]) -> Vec<SectionDiff> {
    let nos: Vec<u8> = {
        let mut nos: Vec<u8> = old.iter().chain(new).map(|s| s.no).collect();
        nos.sort_unstable();
        nos.dedup();
        nos
    };
    nos.into_iter()
        .map(|no| {
            let (a, b) = (old.iter().find(|s| s.no == no), new.iter().find(|s| s.no == no));
            let paragraphs = section_paragraphs(&paragraphs(a), &paragraphs(b));
            SectionDiff {
                no,
                old_title: a.and_then(|s| s.title.clone()),
                new_title: b.and_then(|s| s.title.clone()),
                copied: copied(&paragraphs),
                paragraphs,
            }
        })
        .collect()
}

fn copied(paragraphs: &[Paragraph]) -> Option<f64> {
    let mut total = 0usize;
    let mut common = 0usize;
    for p in paragraphs {
        let Some(new) = &p.new else { continue };
        let n = new.chars().count();
        total += n;
        common += match p.status {
            Change::Same => n,
            Change::Changed => p.diff.iter().filter(|d| d.op == Op::Same).map(|d| d.text.chars().count()).sum(),
            _ => 0,
        };
    }
    (total > 0).then(|| (common as f64 / total as f64 * 1e4).round() / 1e4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_one_token_and_chinese_one_per_character() {
        assert_eq!(tokens("公开186条，1.5万元"), vec!["公", "开", "186", "条", "，", "1.5", "万", "元"]);
    }

    #[test]
    fn a_changed_number_shows_as_a_whole() {
        let d = diff_text("全年主动公开政府信息186条。", "全年主动公开政府信息192条。");
        let ops: Vec<(Op, &str)> = d.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            vec![(Op::Same, "全年主动公开政府信息"), (Op::Delete, "186"), (Op::Insert, "192"), (Op::Same, "条。")]
        );
    }

    #[test]
    fn paragraphs_kept_added_removed_and_changed() {
        let s = |text: &str| vec![Section { no: 1, title: Some("总体情况".into()), text: Some(text.into()) }];
        let old = s("甲段落保持不变。\n乙段落将被删除，内容完全不同。\n丙段落全年公开信息100条。");
        let new = s("甲段落保持不变。\n丙段落全年公开信息120条。\n丁段落是新写的一段话。");
        let d = sections(&old, &new);
        let statuses: Vec<Change> = d[0].paragraphs.iter().map(|p| p.status).collect();
        assert_eq!(statuses, vec![Change::Same, Change::Removed, Change::Changed, Change::Added]);
        let same = sections(&old, &old);
        assert!(same[0].paragraphs.iter().all(|p| p.status == Change::Same));
        assert_eq!(same[0].copied, Some(1.0));
    }
}
