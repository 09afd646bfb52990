//! Rejoining paragraphs cut by a page end or a page break: "…在内的各" /
//! "级新闻媒体报道…" is one paragraph.
//!
//! A fragment the front end marks as continuing its predecessor is always
//! joined. Otherwise two paragraph fragments are joined across a break (or at
//! any paragraph end, for text whose paragraph ends may be page ends) when the
//! first is body text that stops mid-sentence and the second does not open a
//! paragraph: no indent, no numbering, no heading.

use super::classify;
use crate::model::{Fragment, ParagraphFragment};
use crate::text::{ends_sentence, normalize, normalize_onto, official_number};

/// A paragraph shorter than this that stops without punctuation is a line of
/// its own (a signature, a date), not the first half of a sentence.
const MIN_BROKEN_CHARS: usize = 15;

pub fn join(items: Vec<Fragment>, soft_paragraph_ends: bool) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::with_capacity(items.len());
    // Index in `out` of the last non-empty paragraph, while only empty
    // paragraphs and breaks follow it; and whether a break was among them.
    let mut open: Option<usize> = None;
    // Whether the open paragraph's text is already the output of a join
    // (normalized), so the next join appends instead of normalizing it all.
    let mut open_joined = false;
    let mut broken = false;
    for item in items {
        match item {
            Fragment::Paragraph(p) if p.text.is_empty() && !p.continues_previous => out.push(Fragment::Paragraph(p)),
            Fragment::Break(kind) => {
                broken = true;
                out.push(Fragment::Break(kind));
            }
            Fragment::Paragraph(p) => {
                if let Some(Fragment::Paragraph(previous)) = open.map(|i| &mut out[i])
                    && (p.continues_previous || ((broken || soft_paragraph_ends) && is_broken_pair(previous, &p))) {
                        if !open_joined {
                            previous.text = normalize(&previous.text);
                            open_joined = true;
                        }
                        if previous.confidence.is_some() || p.confidence.is_some() {
                            previous.confidence = crate::confidence::weighted_mean(
                                [(previous.confidence, previous.text.chars().count()), (p.confidence, p.text.chars().count())]
                                    .into_iter()
                                    .filter_map(|(c, n)| c.map(|c| (c, n))),
                            );
                        }
                        normalize_onto(&mut previous.text, std::iter::once('\n').chain(p.text.chars()));
                        broken = false;
                        continue;
                    }
                open = Some(out.len());
                open_joined = false;
                broken = false;
                out.push(Fragment::Paragraph(p));
            }
            Fragment::Table(t) => {
                open = None;
                broken = false;
                out.push(Fragment::Table(t));
            }
        }
    }
    out
}

/// `first` stops mid-sentence and `second` goes on with it.
fn is_broken_pair(first: &ParagraphFragment, second: &ParagraphFragment) -> bool {
    let first_is_body = !first.title_like
        && first.text.chars().count() >= MIN_BROKEN_CHARS
        && classify::heading_level(first).is_none()
        && !ends_sentence(&first.text)
        && !first.text.ends_with(['：', ':']);
    let second_opens_paragraph = second.indented
        || second.title_like
        || second.numbering.is_some()
        || second.heading_level.is_some()
        || official_number(&second.text).is_some()
        || second.text.starts_with(['•', '·', '●', '■', '◆', '★', '—']);
    first_is_body && !second_opens_paragraph
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BreakKind;

    fn para(text: &str) -> Fragment {
        Fragment::Paragraph(ParagraphFragment { text: text.into(), ..Default::default() })
    }

    fn texts(items: &[Fragment]) -> Vec<&str> {
        items
            .iter()
            .filter_map(|f| match f {
                Fragment::Paragraph(p) if !p.text.is_empty() => Some(p.text.as_str()),
                _ => None,
            })
            .collect()
    }

    const FIRST: &str = "市场采购、商贸电商、口岸航线等相关工作先后多次被人民日报等各";

    #[test]
    fn joins_across_a_page_break_when_the_sentence_goes_on() {
        let items =
            vec![para(FIRST), para(""), Fragment::Break(BreakKind::Page), para("级新闻媒体报道，有效提振了市场信心。")];
        assert_eq!(texts(&join(items, false)), vec![format!("{FIRST}级新闻媒体报道，有效提振了市场信心。")]);
    }

    #[test]
    fn does_not_join_without_a_break_unless_paragraph_ends_are_soft() {
        let items = || vec![para(FIRST), para("级新闻媒体报道。")];
        assert_eq!(texts(&join(items(), false)).len(), 2);
        assert_eq!(texts(&join(items(), true)).len(), 1);
    }

    #[test]
    fn never_joins_a_finished_sentence_a_heading_or_a_new_paragraph() {
        let indented =
            Fragment::Paragraph(ParagraphFragment {
                text: "新的段落。".into(), indented: true, ..Default::default()
            });
        let cases = vec![
            vec![para("我局完善地方预决算公开操作规程，建立健全预决算公开统计。"), para("依照文件要求。")],
            vec![para("（一）主动公开信息"), para("今年以来政府信息主动公开数30条。")],
            vec![para(FIRST), para("二、主动公开政府信息情况")],
            vec![para(FIRST), indented],
            vec![para("石狮市商务局"), para("2020年1月20日")],
            vec![para("主要做法如下："), para("加强组织领导。")],
        ];
        for items in cases {
            let before = texts(&items).len();
            assert_eq!(texts(&join(items.clone(), true)).len(), before, "{:?}", texts(&items));
        }
    }

    #[test]
    fn a_marked_continuation_is_always_joined() {
        let cont = Fragment::Paragraph(ParagraphFragment {
            text: "二、下一段".into(),
            continues_previous: true,
            ..Default::default()
        });
        assert_eq!(
            texts(&join(vec![para("上一段。"), Fragment::Break(BreakKind::Page), cont], false)),
            vec!["上一段。二、下一段"]
        );
    }
}
