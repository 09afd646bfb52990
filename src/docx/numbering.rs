//! Automatic numbering (numbering.xml), rendered the way Word shows it: a
//! heading whose "一、" comes from a list level comes out as "一、总体情况".
//!
//! Word keeps one set of counters per abstract numbering definition; a `w:num`
//! with a start override restarts them when it is first used. Levels below
//! the one just counted restart. The legacy Word reader (`crate::doc`) fills
//! the same tables from its binary list definitions ([`Numbering::define_list`],
//! [`Numbering::define_instance`]), so labels are counted and rendered once.

use std::collections::{HashMap, HashSet};

use super::xml::{Ns, Xml};
use crate::counter::format_number_bounded;
use crate::error::Result;

const LEVELS: usize = 9;

/// One level of a list: how its counter starts and how its label is written.
#[derive(Debug, Clone, Default)]
pub struct Level {
    pub start: u32,
    /// A `w:numFmt` value: "decimal", "chineseCounting", "bullet", "none" …
    pub format: String,
    /// The label with `%1`…`%9` where the levels' numbers go (`w:lvlText`).
    pub text: String,
    pub suffix: Suffix,
    /// `w:isLgl`: show every level's number as a decimal.
    pub legal: bool,
    /// `w:lvlRestart w:val="0"`: never restart this level.
    pub never_restart: bool,
    /// `w:pStyle`: the paragraph style linked to this level.
    pub style: Option<String>,
}

/// What Word puts between the label and the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

impl Suffix {
    pub fn as_str(self) -> &'static str {
        match self {
            Suffix::Tab => "\t",
            Suffix::Space => " ",
            Suffix::Nothing => "",
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// Level overrides: a replacement level definition and/or a start value.
    overrides: HashMap<u8, (Option<Level>, Option<u32>)>,
}

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
    started: HashSet<u32>,
    /// The first counter written in decimal because it was past the bound of
    /// its format, waiting to be reported; `bound_reported` keeps the report
    /// to one per document.
    past_bound: Option<(u32, String)>,
    bound_reported: bool,
}

/// A rendered list label, like "（一）".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub suffix: Suffix,
}

impl Numbering {
    pub fn parse(text: &str, part: &str) -> Result<Numbering> {
        let mut numbering = Numbering::default();
        let mut xml = Xml::new(text, part);
        xml.root()?;
        while let Some(e) = xml.next_child()? {
            match (e.ns, e.local()) {
                (Ns::W, "abstractNum") => {
                    let id = e.int_val_of("abstractNumId");
                    let mut abs = Abstract::default();
                    while let Some(c) = xml.next_child()? {
                        if c.is(Ns::W, "lvl") {
                            let ilvl = c.int_val_of("ilvl").unwrap_or(0) as usize;
                            let level = read_level(&mut xml)?;
                            if ilvl < LEVELS {
                                abs.levels[ilvl] = Some(level);
                            }
                        } else {
                            xml.skip()?;
                        }
                    }
                    if let Some(id) = id {
                        numbering.abstracts.insert(id, abs);
                    }
                }
                (Ns::W, "num") => {
                    let id = e.int_val_of("numId");
                    let mut num = Num::default();
                    while let Some(c) = xml.next_child()? {
                        match (c.ns, c.local()) {
                            (Ns::W, "abstractNumId") => {
                                num.abstract_id = c.int_val().and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
                                xml.skip()?;
                            }
                            (Ns::W, "lvlOverride") => {
                                let ilvl = c.int_val_of("ilvl").unwrap_or(0) as u8;
                                let mut level = None;
                                let mut start = None;
                                while let Some(o) = xml.next_child()? {
                                    match (o.ns, o.local()) {
                                        (Ns::W, "startOverride") => {
                                            start = o.int_val().and_then(|v| u32::try_from(v).ok());
                                            xml.skip()?;
                                        }
                                        (Ns::W, "lvl") => level = Some(read_level(&mut xml)?),
                                        _ => xml.skip()?,
                                    }
                                }
                                num.overrides.insert(ilvl, (level, start));
                            }
                            _ => xml.skip()?,
                        }
                    }
                    if let Some(id) = id {
                        numbering.nums.insert(id, num);
                    }
                }
                _ => xml.skip()?,
            }
        }
        Ok(numbering)
    }

    /// Defines list (abstract numbering) `id` with `levels`, level 0 first.
    pub fn define_list(&mut self, id: u32, levels: Vec<Level>) {
        let mut abs = Abstract::default();
        for (slot, level) in abs.levels.iter_mut().zip(levels) {
            *slot = Some(level);
        }
        self.abstracts.insert(id, abs);
    }

    /// Defines list instance (`numId`) `id` of list `abstract_id`, with level
    /// overrides: (level, a replacement definition, a start value).
    pub fn define_instance(&mut self, id: u32, abstract_id: u32, overrides: Vec<(u8, Option<Level>, Option<u32>)>) {
        let overrides = overrides.into_iter().map(|(ilvl, level, start)| (ilvl, (level, start))).collect();
        self.nums.insert(id, Num { abstract_id, overrides });
    }

    fn level(&self, num_id: u32, ilvl: usize) -> Option<&Level> {
        let num = self.nums.get(&num_id)?;
        if let Some((Some(level), _)) = num.overrides.get(&(ilvl as u8)) {
            return Some(level);
        }
        self.abstracts.get(&num.abstract_id)?.levels.get(ilvl)?.as_ref()
    }

    /// The list level linked to paragraph style `style_id` in list `num_id`.
    pub fn level_of_style(&self, num_id: u32, style_id: &str) -> Option<u8> {
        let num = self.nums.get(&num_id)?;
        let abs = self.abstracts.get(&num.abstract_id)?;
        abs.levels.iter().position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style_id)).map(|i| i as u8)
    }

    /// The first counter written in decimal because it was past the bound of
    /// its format (value, format), once per document.
    pub fn take_past_bound(&mut self) -> Option<(u32, String)> {
        if self.bound_reported {
            return None;
        }
        let first = self.past_bound.take()?;
        self.bound_reported = true;
        Some(first)
    }

    /// Counts one more paragraph at `ilvl` of list `num_id` and renders its
    /// label. `None` when the list or level does not exist (numId 0 among
    /// them) or the level shows no number.
    pub fn next_label(&mut self, num_id: u32, ilvl: u8) -> Option<Label> {
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let num = self.nums.get(&num_id)?;
        let abstract_id = num.abstract_id;
        self.level(num_id, ilvl)?;
        let starts: Vec<u32> = (0..LEVELS)
            .map(|l| {
                let over = self.nums[&num_id].overrides.get(&(l as u8)).and_then(|o| o.1);
                over.or_else(|| self.level(num_id, l).map(|lv| lv.start)).unwrap_or(1)
            })
            .collect();
        let first_use = self.started.insert(num_id);
        let overridden: Vec<(u8, u32)> =
            self.nums[&num_id].overrides.iter().filter_map(|(&l, o)| Some((l, o.1?))).collect();
        let counters = self.counters.entry(abstract_id).or_insert([None; LEVELS]);
        if first_use {
            // The counted level and those below start again from the
            // override; a level above it takes the override's value and
            // counts on from there when the list's other instances use it
            // (Word: 2.3 → an instance restarting at 2.99 → 2.100).
            for (l, start) in overridden {
                if let Some(c) = counters.get_mut(usize::from(l)) {
                    *c = (usize::from(l) < ilvl).then_some(start);
                }
            }
        }
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => starts[ilvl],
        });
        let counters = *counters;
        for deeper in ilvl + 1..LEVELS {
            let keep = self.level(num_id, deeper).is_some_and(|l| l.never_restart);
            if !keep {
                self.counters.get_mut(&abstract_id).expect("inserted above")[deeper] = None;
            }
        }
        let level = self.level(num_id, ilvl)?;
        if level.format == "none" {
            return None;
        }
        if level.format == "bullet" {
            let bullet: String =
                level.text.chars().map(|c| if ('\u{E000}'..='\u{F8FF}').contains(&c) { '•' } else { c }).collect();
            return Some(Label { text: bullet, suffix: level.suffix });
        }
        let mut text = String::new();
        let mut first_past_bound = None;
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(LEVELS - 1);
                    let value = counters[l].unwrap_or(starts[l]);
                    let format = if level.legal {
                        "decimal"
                    } else {
                        self.level(num_id, l).map_or("decimal", |lv| lv.format.as_str())
                    };
                    let (number, past_bound) = format_number_bounded(value, format);
                    if past_bound && first_past_bound.is_none() {
                        first_past_bound = Some((value, format.to_string()));
                    }
                    text.push_str(&number);
                    continue;
                }
            text.push(c);
        }
        let suffix = level.suffix;
        if self.past_bound.is_none() {
            self.past_bound = first_past_bound;
        }
        (!text.is_empty()).then_some(Label { text, suffix })
    }
}

fn read_level(xml: &mut Xml) -> Result<Level> {
    let mut level = Level { start: 1, format: "decimal".to_string(), ..Level::default() };
    while let Some(e) = xml.next_child()? {
        if e.ns == Ns::W {
            match e.local() {
                "start" => level.start = e.int_val().and_then(|v| u32::try_from(v).ok()).unwrap_or(1),
                "numFmt" => level.format = e.attr("val").unwrap_or_else(|| "decimal".into()),
                "lvlText" => level.text = e.attr("val").unwrap_or_default(),
                "suff" => {
                    level.suffix = match e.attr("val").as_deref() {
                        Some("space") => Suffix::Space,
                        Some("nothing") => Suffix::Nothing,
                        _ => Suffix::Tab,
                    }
                }
                "isLgl" => level.legal = e.flag(),
                "lvlRestart" => level.never_restart = e.int_val() == Some(0),
                "pStyle" => level.style = e.attr("val"),
                _ => {}
            }
        }
        xml.skip()?;
    }
    Ok(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/><w:isLgl/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn counters_restart_below_and_continue_across_instances() {
        let mut n = Numbering::parse(NUMBERING, "numbering.xml").unwrap();
        let mut label = |num, lvl| n.next_label(num, lvl).map(|l| l.text);
        assert_eq!(label(1, 0).as_deref(), Some("一、"));
        assert_eq!(label(1, 1).as_deref(), Some("（一）"));
        assert_eq!(label(1, 1).as_deref(), Some("（二）"));
        assert_eq!(label(1, 2).as_deref(), Some("1.1"), "isLgl shows level 1 as decimal");
        assert_eq!(label(1, 0).as_deref(), Some("二、"));
        assert_eq!(label(1, 1).as_deref(), Some("（一）"), "restarts under a new parent");
        assert_eq!(label(2, 0).as_deref(), Some("五、"), "start override on first use");
        assert_eq!(label(2, 0).as_deref(), Some("六、"));
        assert_eq!(label(9, 0), None, "unknown list");
    }

    /// An instance that restarts a deeper level also sets the levels above
    /// it; the list's other instances count on from there (Word shows 2.3,
    /// then 2.99 in the restarting instance, then 2.100).
    #[test]
    fn a_restart_above_the_counted_level_carries_on() {
        let xml = NUMBERING.replace(
            r#"<w:num w:numId="2">"#,
            r#"<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride><w:lvlOverride w:ilvl="2"><w:startOverride w:val="99"/></w:lvlOverride></w:num><w:num w:numId="2">"#,
        );
        let mut n = Numbering::parse(&xml, "numbering.xml").unwrap();
        let mut label = |num, lvl| n.next_label(num, lvl).map(|l| l.text);
        assert_eq!(label(1, 0).as_deref(), Some("一、"));
        assert_eq!(label(1, 0).as_deref(), Some("二、"));
        assert_eq!(label(1, 2).as_deref(), Some("2.1"));
        assert_eq!(label(3, 2).as_deref(), Some("2.99"));
        assert_eq!(label(1, 2).as_deref(), Some("2.100"));
        assert_eq!(label(1, 0).as_deref(), Some("三、"));
    }
}
