//! Narrative against tables, inside one report: the numbers the text states
//! with a known meaning ("全年共收到政府信息公开申请27件", "上年结转3件",
//! "办结25件", "结转下年度继续办理5件", "行政复议2件", "行政诉讼1件", the
//! 行政事业性收费 or procurement amount in 万元 or 元) are read — Arabic or written in Chinese (二十三, 1.2万) —
//! and checked against the value the table gives for that meaning. A
//! mismatch is a failed check (rule `narrative.*`) with both numbers and the
//! sentence. Sentences are taken only where their wording says what the
//! number counts: a number whose meaning is not one of these is not read.

use std::sync::LazyLock;

use regex::Regex;

use super::entries::{Entry, json, keys, row_name, statistics};
use super::{
    ApplicantColumn as A, ApplicationRow, FailedCheck, Number, ProactiveColumn, ProactiveRow, Report, ReviewColumn,
    ReviewGroup, Rule, Stat,
};

/// A total of the applications table.
const fn applications(row: ApplicationRow) -> Stat {
    Stat::Applications(row, A::Total)
}

/// The 8 rows of （三）不予公开, summed for 不予公开X件.
const WITHHELD: &[Stat] = &[
    applications(ApplicationRow::WithheldStateSecret),
    applications(ApplicationRow::WithheldProhibitedByLaw),
    applications(ApplicationRow::WithheldEndangersSecurity),
    applications(ApplicationRow::WithheldThirdPartyRights),
    applications(ApplicationRow::WithheldInternalAffairs),
    applications(ApplicationRow::WithheldProcessInfo),
    applications(ApplicationRow::WithheldEnforcementFiles),
    applications(ApplicationRow::WithheldInquiryMatters),
];

/// A kind of statement: its rule id, its pattern (`{N}` stands for the
/// number), a word the sentence must hold so the number is about what the
/// rule means, and the table values it states.
struct Statement {
    rule: Rule,
    pattern: &'static str,
    context: Option<&'static str>,
    /// The table values whose sum the number states (one for most rules).
    target: &'static [Stat],
    /// The number is an amount of money followed by its unit (万元 or 元,
    /// the pattern's second group), compared in the table's unit.
    wan_yuan: bool,
}

/// A number: Arabic (full-width too, with thousands separators and
/// decimals) or written in Chinese, optionally in 万.
const N: &str = r"(?P<number>[0-9０-９][0-9０-９,，.．]*万?|[零〇一二两三四五六七八九十百千万]+)";
/// Words between a statement's key words and its number that keep the
/// meaning ("办结政府信息公开申请25件"): no clause break, no other number,
/// at most [`MAX_FILL_CHARS`] characters. The bound is checked on the match
/// (see [`statement_matches`]), not written as `{0,14}?`: a bounded repeat
/// of this negated class compiles into 14 copies of a large UTF-8
/// automaton, which was about a fifth of converting one report.
const FILL: &str = r"(?P<fill>[^，。；、0-9０-９零〇一二两三四五六七八九十百千万复诉]*?)";
/// The most characters [`FILL`] may take.
const MAX_FILL_CHARS: usize = 14;

const STATEMENTS: &[Statement] = &[
    Statement {
        rule: Rule::NarrativeNew,
        pattern: r"(?:新收|收到|受理)(?:{F})申请(?:共|总计|合计)?{N}件",
        context: None,
        target: &[applications(ApplicationRow::New)],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeCarriedOver,
        pattern: r"上一?年度?结转(?:{F}){N}件",
        context: Some("申请"),
        target: &[applications(ApplicationRow::CarriedOver)],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeResultsTotal,
        pattern: r"办结(?:{F}){N}件",
        context: Some("申请"),
        target: &[applications(ApplicationRow::ResultsTotal)],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeCarriedForward,
        pattern: r"结转下一?年度?(?:继续办理)?(?:{F}){N}件",
        context: Some("申请"),
        target: &[applications(ApplicationRow::CarriedForward)],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeGranted,
        pattern: r"予以公开{N}件",
        context: Some("申请"),
        target: &[applications(ApplicationRow::Granted)],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeWithheld,
        pattern: r"不予公开{N}件",
        context: Some("申请"),
        target: WITHHELD,
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeReview,
        pattern: r"行政复议(?:案件|申请)?(?:共|合计)?{N}(?:件|起)",
        context: None,
        target: &[Stat::Reviews(ReviewGroup::Review, ReviewColumn::Total)],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeLitigation,
        pattern: r"行政诉讼(?:案件)?(?:共|合计)?{N}(?:件|起)",
        context: None,
        target: &[
            Stat::Reviews(ReviewGroup::LitigationDirect, ReviewColumn::Total),
            Stat::Reviews(ReviewGroup::LitigationAfterReview, ReviewColumn::Total),
        ],
        wan_yuan: false,
    },
    Statement {
        rule: Rule::NarrativeFees,
        // 行政事业性收费 of table 二 — not the 信息处理费 of section 六, another fee.
        pattern: r"行政事业性收费(?:{F})(?:金额|总额|收入)?(?:共|合计|为)?{N}(?P<unit>万元|元)",
        context: None,
        target: &[Stat::Proactive(ProactiveRow::Fees, ProactiveColumn::Amount)],
        wan_yuan: true,
    },
    Statement {
        rule: Rule::NarrativeProcurement,
        pattern: r"采购(?:{F})(?:总金额|金额)(?:共|合计|为)?{N}(?P<unit>万元|元)",
        context: None,
        target: &[Stat::Proactive(ProactiveRow::Procurement, ProactiveColumn::Amount)],
        wan_yuan: true,
    },
];

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    STATEMENTS
        .iter()
        .map(|s| Regex::new(&s.pattern.replace("{F}", FILL).replace("{N}", N)).expect("a valid statement pattern"))
        .collect()
});

/// "（含上年结转3件）" right after a count of applications received: the
/// count includes the carried-over ones.
static INCLUDES_CARRIED_OVER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]含上一?年度?结转").expect("a valid pattern"));

/// A number as written: "27", "１,２３４", "1.2万", "二十三", "一百零五", "两".
pub fn read_number(text: &str) -> Option<Number> {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .filter(|c| !matches!(c, ',' | '，'))
        .collect();
    if folded.starts_with(|c: char| c.is_ascii_digit()) {
        let (digits, wan) = match folded.strip_suffix('万') {
            Some(d) => (d, true),
            None => (folded.as_str(), false),
        };
        let digits = digits.trim_end_matches('.');
        if !wan && !digits.contains('.') {
            return digits.parse::<i64>().ok().map(Number::Int);
        }
        let value = digits.parse::<f64>().ok()? * if wan { 10_000.0 } else { 1.0 };
        return Some(if value.fract() == 0.0 && value.abs() < 1e15 {
            Number::Int(value as i64)
        } else {
            Number::Dec(value)
        });
    }
    chinese_number(&folded).map(Number::Int)
}

/// 二十三 → 23, 一百零五 → 105, 十二 → 12, 三千二百 → 3200, 一万二千 → 12000.
/// Digits without units between them ("一二三", "二〇二〇") are not a number.
fn chinese_number(text: &str) -> Option<i64> {
    let (mut total, mut section, mut digit): (i64, i64, Option<i64>) = (0, 0, None);
    // The character before was a digit (not a unit); a 零 only stands after a unit.
    let mut after_digit = false;
    for c in text.chars() {
        let d = "零一二三四五六七八九".find(c).map(|i| (i / '零'.len_utf8()) as i64).or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        });
        if let Some(d) = d {
            if after_digit && digit != Some(0) || d == 0 && section == 0 && total == 0 {
                return None;
            }
            digit = Some(d);
            after_digit = true;
            continue;
        }
        after_digit = false;
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section += digit.unwrap_or(1) * unit;
            }
            '万' => {
                total += (section + digit.unwrap_or(0)) * 10_000;
                section = 0;
            }
            _ => return None,
        }
        digit = None;
    }
    Some(total + section + digit.unwrap_or(0))
}

/// The sentences of a paragraph: split after 。；！？.
/// The statements a pattern finds in a sentence, as `captures_iter` finds
/// them, but a match whose fill is longer than [`MAX_FILL_CHARS`] is not one:
/// the search goes on from the character after its start. The fill is lazy
/// and the words before it are fixed by the text, so a too long fill is the
/// shortest at that start, and no statement starts there.
fn statement_matches<'s>(pattern: &Regex, sentence: &'s str) -> Vec<regex::Captures<'s>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(m) = pattern.captures_at(sentence, at) {
        let Some(whole) = m.get(0) else { break };
        let fill_fits = m.name("fill").is_none_or(|fill| fill.as_str().chars().count() <= MAX_FILL_CHARS);
        at = if fill_fits && whole.end() > whole.start() {
            whole.end()
        } else {
            whole.start() + sentence[whole.start()..].chars().next().map_or(1, char::len_utf8)
        };
        if fill_fits {
            found.push(m);
        }
        if at > sentence.len() {
            break;
        }
    }
    found
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['。', '；', '！', '？']).map(str::trim).filter(|s| !s.is_empty())
}

/// The table value(s) a statement compares with, summed, with the unit of
/// an amount and the key(s) as the failure names them; `None` when the
/// report lacks one or one is blank.
fn target_value(target: &[Stat], stats: &[Entry]) -> Option<(Number, String, Option<String>)> {
    let mut sum: Option<Number> = None;
    let mut unit = None;
    for stat in target {
        let entry = stats.iter().find(|e| e.stat == *stat)?;
        unit = unit.or(entry.unit.clone());
        let v = entry.value?;
        sum = Some(sum.map_or(v, |s| s + v));
    }
    let row = target.iter().map(|&stat| row_name(stat)).collect::<Vec<_>>().join(" + ");
    sum.map(|s| (s, row, unit))
}

/// The narrative checks of a report: (comparisons run, failures).
pub fn run(report: &Report) -> (usize, Vec<FailedCheck>) {
    let stats = statistics(report);
    let carried_over = report.get(applications(ApplicationRow::CarriedOver));
    let mut run = 0;
    let mut failed = Vec::new();
    for section in &report.sections {
        let Some(text) = &section.text else { continue };
        for paragraph in text.lines() {
            for sentence in sentences(paragraph) {
                for (statement, pattern) in STATEMENTS.iter().zip(PATTERNS.iter()) {
                    // The paragraph says what its numbers count ("申请").
                    if statement.context.is_some_and(|word| !paragraph.contains(word)) {
                        continue;
                    }
                    for m in statement_matches(pattern, sentence) {
                        let (Some(whole), Some(number)) = (m.get(0), m.name("number")) else { continue };
                        let Some(mut stated) = read_number(number.as_str()) else { continue };
                        let Some((mut table, mut row, unit)) = target_value(statement.target, &stats) else {
                            continue;
                        };
                        if statement.rule == Rule::NarrativeNew
                            && INCLUDES_CARRIED_OVER.is_match(&sentence[whole.end()..])
                        {
                            // "收到申请30件（含上年结转3件）": new + carried over.
                            let Some(c) = carried_over else { continue };
                            table = table + c;
                            row = format!("{row} + applications.carried_over");
                        }
                        if statement.wan_yuan {
                            // The table's unit: its own, else the template's 万元.
                            let written = m.name("unit").map_or("万元", |u| u.as_str());
                            match (written, unit.as_deref().unwrap_or("万元")) {
                                (a, b) if a == b => {}
                                ("元", "万元") => stated = Number::Dec(stated.as_f64() / 10_000.0),
                                ("万元", "元") => stated = Number::Dec(stated.as_f64() * 10_000.0),
                                // Another unit (千元, 亿元): not comparable without guessing.
                                _ => continue,
                            }
                        }
                        run += 1;
                        if !stated.equals(table) {
                            failed.push(FailedCheck {
                                rule: statement.rule,
                                column: Some(keys(statement.target[0]).1.to_string()),
                                row: Some(row.clone()),
                                left: stated,
                                right: table,
                                message: format!(
                                    "the text says {} (「{}」 in the sentence 「{sentence}」), the table says {}",
                                    json(stated),
                                    whole.as_str(),
                                    json(table)
                                ),
                                doubtful: Vec::new(),
                            });
                        }
                    }
                }
            }
        }
    }
    (run, failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_in_their_written_forms() {
        for (text, value) in [
            ("27", 27),
            ("１２", 12),
            ("1,234", 1234),
            ("1.2万", 12000),
            ("3万", 30000),
            ("二十三", 23),
            ("十二", 12),
            ("一百零五", 105),
            ("三千二百", 3200),
            ("一万二千", 12000),
            ("两", 2),
            ("十", 10),
        ] {
            assert_eq!(read_number(text), Some(Number::Int(value)), "{text}");
        }
        assert_eq!(read_number("12.35"), Some(Number::Dec(12.35)));
        assert_eq!(read_number("一二三"), None);
    }

    fn report(text: &str) -> Report {
        let row = |total: i64| json!({"natural_person": total, "total": total});
        let withheld: serde_json::Map<String, serde_json::Value> = [
            "state_secret",
            "prohibited_by_law",
            "endangers_security",
            "third_party_rights",
            "internal_affairs",
            "process_info",
            "enforcement_files",
            "inquiry_matters",
        ]
        .iter()
        .map(|k| {
            (
                k.to_string(),
                row(match *k {
                    "state_secret" => 1,
                    "process_info" => 2,
                    _ => 0,
                }),
            )
        })
        .collect();
        serde_json::from_value(json!({
            "template": "2021", "agency": "某局", "year": 2022, "complete": true,
            "sections": [{"no": 1, "title": "总体情况", "text": text}],
            "proactive": {"fees": {"amount": 1.5, "amount_unit": "万元"}},
            "applications": {
                "new": row(27), "carried_over": row(3),
                "results": {"granted": row(10), "withheld": withheld, "total": row(25)},
                "carried_forward": row(5)
            },
            "reviews": {
                "review": {"total": 2}, "litigation_direct": {"total": 1}, "litigation_after_review": {"total": 0}
            },
            "checks": {"run": 0, "failed": []}
        }))
        .expect("a report")
    }

    #[test]
    fn statements_that_agree_pass_and_each_is_counted() {
        let r = report(
            "全年共收到政府信息公开申请二十七件，上年结转3件，办结25件，结转下年度继续办理5件。\
             其中予以公开10件，不予公开3件。发生行政复议2件，行政诉讼1件。全年行政事业性收费15000元。",
        );
        let (run, failed) = run(&r);
        assert!(failed.is_empty(), "{failed:?}");
        assert_eq!(run, 9);
    }

    #[test]
    fn fill_words_count_up_to_fourteen_characters() {
        // "办结" … "25件": 14 characters between (申请 counted) are read,
        // 15 are too far for the number to be what 办结 counts.
        let fourteen = "本年度办结向本局提出的政府信息公开申请25件。";
        let fifteen = "本年度办结向本局所提出的政府信息公开申请25件。";
        let found = |s: &str| {
            let pattern = &PATTERNS[STATEMENTS.iter().position(|st| st.rule == Rule::NarrativeResultsTotal).unwrap()];
            statement_matches(pattern, s).iter().map(|m| m["number"].to_string()).collect::<Vec<_>>()
        };
        assert_eq!(found(fourteen), ["25"]);
        assert_eq!(found(fifteen), Vec::<String>::new());
        // A too long fill at one start does not hide a statement starting later.
        assert_eq!(found(&format!("{}办结3件。", fifteen.trim_end_matches('。'))), ["3"]);
        // Every statement in a sentence is found, as captures_iter would.
        assert_eq!(found("办结申请3件，另办结申请4件。"), ["3", "4"]);
    }

    #[test]
    fn a_contradiction_names_both_numbers_and_the_sentence() {
        let r = report("全年共收到政府信息公开申请30件（含上年结转3件），办结二十四件。");
        let (run, failed) = run(&r);
        assert_eq!(run, 3, "new (with carried over), carried over, results total");
        assert_eq!(failed.len(), 1, "{failed:?}");
        let f = &failed[0];
        assert_eq!((f.rule, f.left, f.right), (Rule::NarrativeResultsTotal, Number::Int(24), Number::Int(25)));
        assert!(f.message.contains("办结二十四件"), "{}", f.message);
    }

    #[test]
    fn numbers_of_other_things_are_not_read() {
        let r = report(
            "承办人大建议5件，政协提案9件。主动公开政府信息186条。2022年办结群众来信12件。\
             全年收取政府信息公开信息处理费3940元。",
        );
        assert_eq!(run(&r), (0, vec![]));
    }
}
