//! Paragraph properties (`w:pPr`) and the styles that carry them
//! (styles.xml): heading levels, automatic numbering, alignment, indent.
//!
//! WPS and Chinese Word give styles ids like "1", "2", "a3", so a heading
//! style is recognized by its name ("heading 1", "标题 1") or its outline
//! level, following `w:basedOn` inheritance.

use std::collections::HashMap;

use super::xml::{Ns, Xml};
use crate::error::Result;

/// A reference to automatic numbering: `w:numPr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberingRef {
    pub num_id: u32,
    pub level: Option<u8>,
}

/// The paragraph properties govdoc uses, each `None` when not set here (so a
/// style chain can fill it in).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParagraphProperties {
    pub style_id: Option<String>,
    pub numbering: Option<NumberingRef>,
    /// `w:outlineLvl`, 0-based; 9 means body text.
    pub outline_level: Option<u8>,
    pub centered: Option<bool>,
    pub indented: Option<bool>,
    pub page_break_before: Option<bool>,
    /// The paragraph ends a section (`w:sectPr` inside `w:pPr`).
    pub ends_section: bool,
}

impl ParagraphProperties {
    /// Reads the children of an opened `w:pPr`.
    pub fn read(xml: &mut Xml) -> Result<Self> {
        let mut p = ParagraphProperties::default();
        while let Some(e) = xml.next_child()? {
            if e.ns != Ns::W {
                xml.skip()?;
                continue;
            }
            match e.local() {
                "pStyle" => p.style_id = e.attr("val"),
                "numPr" => {
                    let mut num_id = None;
                    let mut level = None;
                    while let Some(c) = xml.next_child()? {
                        match c.local() {
                            "numId" => num_id = c.int_val(),
                            "ilvl" => level = c.int_val(),
                            _ => {}
                        }
                        xml.skip()?;
                    }
                    // numId 0 explicitly removes numbering inherited from a style.
                    p.numbering = num_id.and_then(|id| u32::try_from(id).ok()).map(|num_id| NumberingRef {
                        num_id,
                        level: level.and_then(|l| u8::try_from(l).ok()).filter(|&l| l < 9),
                    });
                    continue;
                }
                "outlineLvl" => p.outline_level = e.int_val().and_then(|v| u8::try_from(v).ok()),
                "jc" => p.centered = Some(e.attr("val").as_deref() == Some("center")),
                "ind" => {
                    let positive = |name: &str| e.attr(name).and_then(|v| v.parse::<f64>().ok()).map(|v| v > 0.0);
                    let first = positive("firstLineChars").or_else(|| positive("firstLine"));
                    let hanging = positive("hangingChars").or_else(|| positive("hanging")).unwrap_or(false);
                    if let Some(first) = first {
                        p.indented = Some(first && !hanging);
                    } else if hanging {
                        p.indented = Some(false);
                    }
                }
                "pageBreakBefore" => p.page_break_before = Some(e.flag()),
                "sectPr" => p.ends_section = true,
                _ => {}
            }
            xml.skip()?;
        }
        Ok(p)
    }

    /// These properties with every unset one taken from `base`.
    fn or(mut self, base: &ParagraphProperties) -> Self {
        self.numbering = self.numbering.or(base.numbering);
        self.outline_level = self.outline_level.or(base.outline_level);
        self.centered = self.centered.or(base.centered);
        self.indented = self.indented.or(base.indented);
        self.page_break_before = self.page_break_before.or(base.page_break_before);
        self
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    properties: ParagraphProperties,
}

/// Paragraph properties after the style chain is applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effective {
    pub properties: ParagraphProperties,
    /// 1-based heading level from a heading style's name or an outline level.
    pub heading_level: Option<u8>,
    /// The style is the document title style ("Title", "标题").
    pub title_style: bool,
    /// The style marks a line that goes with the title but is not part of
    /// it: subtitle, author, date, abstract (see [`is_front_matter_name`]).
    pub front_matter: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// Styles can inherit in a cycle in broken files; chains stop here.
const MAX_CHAIN: usize = 16;

impl Styles {
    pub fn parse(text: &str, part: &str) -> Result<Styles> {
        let mut styles = Styles::default();
        let mut xml = Xml::new(text, part);
        xml.root()?;
        while let Some(e) = xml.next_child()? {
            if !(e.is(Ns::W, "style") && e.attr("type").as_deref().unwrap_or("paragraph") == "paragraph") {
                xml.skip()?;
                continue;
            }
            let id = e.attr("styleId").unwrap_or_default();
            if e.attr("default").is_some_and(|v| v == "1" || v == "true" || v == "on") {
                styles.default_paragraph = Some(id.clone());
            }
            let mut style = Style::default();
            while let Some(c) = xml.next_child()? {
                match (c.ns, c.local()) {
                    (Ns::W, "name") => style.name = c.attr("val").unwrap_or_default(),
                    (Ns::W, "basedOn") => style.based_on = c.attr("val"),
                    (Ns::W, "pPr") => {
                        style.properties = ParagraphProperties::read(&mut xml)?;
                        continue;
                    }
                    _ => {}
                }
                xml.skip()?;
            }
            styles.by_id.insert(id, style);
        }
        Ok(styles)
    }

    /// The style chain of `style_id` (or of the default paragraph style),
    /// most derived first.
    fn chain<'s>(&'s self, style_id: Option<&'s str>) -> Vec<(&'s str, &'s Style)> {
        let mut chain = Vec::new();
        let mut next = style_id.or(self.default_paragraph.as_deref());
        while let Some(id) = next {
            let Some(style) = self.by_id.get(id) else { break };
            if chain.len() >= MAX_CHAIN || chain.iter().any(|&(seen, _)| seen == id) {
                break;
            }
            chain.push((id, style));
            next = style.based_on.as_deref();
        }
        chain
    }

    /// `direct` properties completed from the paragraph's style chain.
    pub fn effective(&self, direct: &ParagraphProperties) -> Effective {
        let chain = self.chain(direct.style_id.as_deref());
        let mut properties = direct.clone();
        let mut heading_level = direct.outline_level.map(|l| l + 1);
        let mut title_style = false;
        let mut front_matter = false;
        for (_, style) in &chain {
            properties = properties.or(&style.properties);
            if heading_level.is_none() {
                heading_level =
                    style.properties.outline_level.map(|l| l + 1).or_else(|| heading_level_from_name(&style.name));
            }
            title_style |= is_title_name(&style.name);
            front_matter |= is_front_matter_name(&style.name);
        }
        Effective {
            properties,
            heading_level: heading_level.filter(|&l| (1..=9).contains(&l)),
            title_style: title_style && !front_matter,
            front_matter,
        }
    }

    /// The style id whose chain carries `numbering` — needed to find the
    /// numbering level a style is linked to (`w:pStyle` inside `w:lvl`).
    pub fn numbering_style(&self, direct: &ParagraphProperties) -> Option<String> {
        self.chain(direct.style_id.as_deref())
            .into_iter()
            .find(|(_, s)| s.properties.numbering.is_some())
            .map(|(id, _)| id.to_string())
    }
}

/// "heading 1", "Heading 2", "标题 3", "标题3" → the level.
fn heading_level_from_name(name: &str) -> Option<u8> {
    let name = name.trim().to_lowercase();
    let rest = name.strip_prefix("heading").or_else(|| name.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

fn is_title_name(name: &str) -> bool {
    matches!(name.trim().to_lowercase().as_str(), "title" | "标题")
}

/// Word's and pandoc's styles for the lines under a title: "Subtitle",
/// "Author", "Date", "Abstract", "Abstract Title" (and the Chinese names
/// Word gives them).
fn is_front_matter_name(name: &str) -> bool {
    matches!(
        name.trim().to_lowercase().as_str(),
        "subtitle" | "副标题" | "author" | "作者" | "date" | "日期" | "abstract" | "abstract title" | "摘要"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>
        <w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
        <w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 3"/></w:style>
      <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="报告小标题"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="a6"><w:name w:val="继承标题"/><w:basedOn w:val="1"/></w:style>
      <w:style w:type="paragraph" w:styleId="t"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="st"><w:name w:val="Subtitle"/><w:basedOn w:val="t"/></w:style>
      <w:style w:type="paragraph" w:styleId="loop"><w:name w:val="loop"/><w:basedOn w:val="loop"/></w:style>
      <w:style w:type="character" w:styleId="c"><w:name w:val="heading 1 Char"/></w:style>
    </w:styles>"#;

    fn effective(styles: &Styles, id: Option<&str>) -> Effective {
        styles.effective(&ParagraphProperties { style_id: id.map(str::to_string), ..Default::default() })
    }

    #[test]
    fn heading_levels_by_name_outline_and_inheritance() {
        let styles = Styles::parse(STYLES, "styles.xml").unwrap();
        assert_eq!(effective(&styles, Some("1")).heading_level, Some(1));
        assert_eq!(effective(&styles, Some("a3")).heading_level, Some(3));
        assert_eq!(effective(&styles, Some("a5")).heading_level, Some(2));
        assert_eq!(effective(&styles, Some("a6")).heading_level, Some(1));
        assert_eq!(effective(&styles, None).heading_level, None);
        assert_eq!(effective(&styles, Some("loop")).heading_level, None);
        let title = effective(&styles, Some("t"));
        assert!(title.title_style);
        assert_eq!(title.properties.centered, Some(true));
        let subtitle = effective(&styles, Some("st"));
        assert!(subtitle.front_matter && !subtitle.title_style, "a subtitle based on Title is not the title");
    }

    #[test]
    fn indent_is_inherited_and_overridden() {
        let styles = Styles::parse(STYLES, "styles.xml").unwrap();
        assert_eq!(effective(&styles, None).properties.indented, Some(true));
        assert_eq!(effective(&styles, Some("1")).properties.indented, Some(false));
        assert_eq!(effective(&styles, Some("a6")).properties.indented, Some(false));
    }
}
