//! The page's author style sheets (`<style>` elements, and the archive's or
//! folder's `<link rel="stylesheet">` files) and the cascade of a property
//! for one element, as a browser resolves it: the declarations of the rules
//! whose selector matches, and of the element's `style` attribute, ordered
//! by `!important`, then inline over sheet, then selector specificity, then
//! source order (later wins); a value the reader does not accept (invalid
//! for the property) drops out, so the next declaration in that order wins.
//!
//! Parsing is cssparser's (the CSS Syntax tokenizer and rule/declaration
//! parser Servo and Firefox use). Selectors are matched here, for the
//! selectors style sheets of saved pages use: type, `*`, `.class`, `#id`,
//! attribute tests (`[a]`, `=`, `~=`, `|=`, `^=`, `$=`, `*=`, the `i` flag),
//! the combinators ` `, `>`, `+`, `~`, and the structural pseudo-classes
//! (`:first-child`, `:last-child`, `:only-child`, `…-of-type`, `:root`,
//! `:link`, `:any-link`). Pseudo-classes of interaction (`:hover`, `:focus`,
//! …) never match a page at rest. A selector with anything else
//! (`:not()`, `:nth-child()`, pseudo-elements) is not applied and counted
//! in [`StyleSheets::unread`]. Class and id match without regard to ASCII
//! case in a quirks-mode page (no doctype), as browsers do.
//!
//! `@media` blocks apply when a query is `all` or `screen` with no feature
//! test (the page as a browser shows it); other at-rules (`@import`,
//! `@supports`, `@font-face`, `@page`, …) are skipped.

use std::rc::Rc;

use cssparser::{
    AtRuleParser, CowRcStr, DeclarationParser, ParseError, Parser, ParserInput, ParserState, QualifiedRuleParser,
    RuleBodyItemParser, RuleBodyParser, StyleSheetParser, Token,
};
use markup5ever_rcdom::{Handle, NodeData};

use super::dom;

/// Compound selectors in one selector beyond which it is not applied (a
/// hostile sheet's selector of thousands of parts).
const MAX_COMPOUNDS: usize = 32;
/// `@media` blocks nested deeper than this are skipped.
const MAX_MEDIA_DEPTH: usize = 8;
/// Steps one selector may take to match one element (ancestors and siblings
/// tried by its combinators) before it is taken as not matching.
const MAX_MATCH_STEPS: u32 = 100_000;
/// Rules kept from a page's sheets; the rest are not applied.
pub const MAX_RULES: usize = 50_000;
/// Steps all selector matching of one page may take; past them no rule
/// matches any more ([`StyleSheets::exhausted`]): a hostile sheet of many
/// long descendant selectors over a deep page ends quickly.
const MAX_PAGE_MATCH_STEPS: u64 = 20_000_000;

/// One declaration: `property: value [!important]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The property's name, lower case.
    pub property: String,
    /// The value as written, without `!important`.
    pub value: String,
    pub important: bool,
}

/// The page's style rules, in source order.
#[derive(Debug, Default)]
pub struct StyleSheets {
    rules: Vec<Rule>,
    /// Selectors not applied (not understood here), with an example.
    pub unread: Vec<String>,
    /// Rules past [`MAX_RULES`], not applied.
    pub rules_dropped: usize,
    /// The page is in quirks mode: class and id match any ASCII case.
    quirks: bool,
    /// Matching steps taken on this page so far.
    steps: std::cell::Cell<u64>,
}

#[derive(Debug)]
struct Rule {
    selectors: Vec<Selector>,
    declarations: Vec<Declaration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
    NextSibling,
    LaterSibling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Structural {
    FirstChild,
    LastChild,
    OnlyChild,
    FirstOfType,
    LastOfType,
    OnlyOfType,
    Root,
    Link,
    /// A state of interaction: never true of a page at rest.
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum AttrTest {
    Exists,
    Equals(String),
    Word(String),
    DashPrefix(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
}

#[derive(Debug, Clone, Default)]
struct Compound {
    /// Type selector, lower case; `None` for `*` or none.
    element: Option<String>,
    ids: Vec<String>,
    classes: Vec<String>,
    /// (attribute name lower case, test, case-insensitive)
    attributes: Vec<(String, AttrTest, bool)>,
    structural: Vec<Structural>,
}

/// A complex selector: compounds left to right, `combinators[i]` between
/// compound `i` and `i + 1`.
#[derive(Debug, Clone)]
struct Selector {
    compounds: Vec<Compound>,
    combinators: Vec<Combinator>,
    /// (ids, classes + attributes + pseudo-classes, types)
    specificity: (u32, u32, u32),
}

impl StyleSheets {
    /// The rules of `sheets` (the texts of the page's style sheets, in the
    /// order the page uses them); `quirks` for a page without a doctype.
    pub fn parse<'a>(sheets: impl IntoIterator<Item = &'a str>, quirks: bool) -> StyleSheets {
        let mut out = StyleSheets { quirks, ..StyleSheets::default() };
        for sheet in sheets {
            let mut input = ParserInput::new(sheet);
            let mut parser = Parser::new(&mut input);
            let mut rules = SheetParser { out: &mut out, media_depth: 0 };
            for _ in StyleSheetParser::new(&mut parser, &mut rules) {}
        }
        out
    }

    /// The value `accept` reads from the winning declaration of `properties`
    /// for `node`, over its rules and its `style` attribute: the first, in
    /// cascade order, that `accept` takes (it returns `None` for a value
    /// invalid for the property, which a browser drops).
    pub fn cascade<T>(
        &self,
        node: &Handle,
        properties: &[&str],
        accept: impl Fn(&Declaration) -> Option<T>,
    ) -> Option<T> {
        // (important, inline, specificity, order)
        type Key = (bool, bool, (u32, u32, u32), usize);
        let mut candidates: Vec<(Key, Declaration)> = Vec::new();
        let mut order = 0;
        for rule in &self.rules {
            let wanted = rule.declarations.iter().any(|d| properties.contains(&d.property.as_str()));
            if !wanted {
                order += rule.declarations.len();
                continue;
            }
            let specificity = rule
                .selectors
                .iter()
                .filter(|s| self.matches(s, node))
                .map(|s| s.specificity)
                .max();
            for declaration in &rule.declarations {
                order += 1;
                if let Some(specificity) = specificity
                    && properties.contains(&declaration.property.as_str())
                {
                    candidates.push(((declaration.important, false, specificity, order), declaration.clone()));
                }
            }
        }
        if let Some(style) = dom::attr(node, "style") {
            for declaration in declarations(&style) {
                order += 1;
                if properties.contains(&declaration.property.as_str()) {
                    candidates.push(((declaration.important, true, (0, 0, 0), order), declaration));
                }
            }
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
        candidates.iter().find_map(|(_, declaration)| accept(declaration))
    }

    /// Whether matching stopped for the page's budget of steps: rules
    /// after that point were not applied.
    pub fn exhausted(&self) -> bool {
        self.steps.get() >= MAX_PAGE_MATCH_STEPS
    }

    fn matches(&self, selector: &Selector, node: &Handle) -> bool {
        if self.exhausted() {
            return false;
        }
        let mut steps = 0;
        let matched = self.matches_from(selector, selector.compounds.len() - 1, node, &mut steps);
        self.steps.set(self.steps.get() + u64::from(steps));
        matched
    }

    /// Whether compounds `..=last` of `selector` match with compound `last`
    /// on `node`. Recursion is bounded by [`MAX_COMPOUNDS`], work by
    /// [`MAX_MATCH_STEPS`].
    fn matches_from(&self, selector: &Selector, last: usize, node: &Handle, steps: &mut u32) -> bool {
        *steps += 1;
        if *steps > MAX_MATCH_STEPS || !self.compound_matches(&selector.compounds[last], node) {
            return false;
        }
        if last == 0 {
            return true;
        }
        let next = |n: &Handle| match selector.combinators[last - 1] {
            Combinator::Descendant | Combinator::Child => parent_element(n),
            Combinator::NextSibling | Combinator::LaterSibling => previous_sibling(n),
        };
        let mut candidate = next(node);
        while let Some(other) = candidate {
            if self.matches_from(selector, last - 1, &other, steps) {
                return true;
            }
            if matches!(selector.combinators[last - 1], Combinator::Child | Combinator::NextSibling)
                || *steps > MAX_MATCH_STEPS
            {
                return false;
            }
            candidate = next(&other);
        }
        false
    }

    fn compound_matches(&self, compound: &Compound, node: &Handle) -> bool {
        let Some(name) = dom::name(node) else {
            return false;
        };
        if compound.element.as_deref().is_some_and(|wanted| wanted != name) {
            return false;
        }
        let same = |a: &str, b: &str| if self.quirks { a.eq_ignore_ascii_case(b) } else { a == b };
        if !compound.ids.is_empty() {
            let id = dom::attr(node, "id").unwrap_or_default();
            if !compound.ids.iter().all(|wanted| same(wanted, &id)) {
                return false;
            }
        }
        if !compound.classes.is_empty() {
            let classes = dom::attr(node, "class").unwrap_or_default();
            let has = |wanted: &String| classes.split_ascii_whitespace().any(|c| same(c, wanted));
            if !compound.classes.iter().all(has) {
                return false;
            }
        }
        let attributes_match = compound.attributes.iter().all(|(attribute, test, ignore_case)| {
            let Some(value) = dom::attr(node, attribute) else {
                return false;
            };
            let (value, wanted) = match test {
                AttrTest::Exists => return true,
                AttrTest::Equals(w)
                | AttrTest::Word(w)
                | AttrTest::DashPrefix(w)
                | AttrTest::Prefix(w)
                | AttrTest::Suffix(w)
                | AttrTest::Contains(w) => {
                    if *ignore_case {
                        (value.to_ascii_lowercase(), w.to_ascii_lowercase())
                    } else {
                        (value, w.clone())
                    }
                }
            };
            match test {
                AttrTest::Exists => true,
                AttrTest::Equals(_) => value == wanted,
                AttrTest::Word(_) => value.split_ascii_whitespace().any(|w| w == wanted),
                AttrTest::DashPrefix(_) => value == wanted || value.starts_with(&format!("{wanted}-")),
                AttrTest::Prefix(_) => !wanted.is_empty() && value.starts_with(&wanted),
                AttrTest::Suffix(_) => !wanted.is_empty() && value.ends_with(&wanted),
                AttrTest::Contains(_) => !wanted.is_empty() && value.contains(&wanted),
            }
        });
        attributes_match && compound.structural.iter().all(|s| structural_matches(*s, node, name))
    }
}

fn structural_matches(test: Structural, node: &Handle, name: &str) -> bool {
    let siblings = || -> (Vec<Handle>, usize) {
        let Some(parent) = dom::parent(node) else {
            return (vec![node.clone()], 0);
        };
        let elements = dom::element_children(&parent);
        let at = elements.iter().position(|e| Rc::ptr_eq(e, node)).unwrap_or(0);
        (elements, at)
    };
    let of_type = || {
        let (elements, at) = siblings();
        let same: Vec<bool> = elements.iter().map(|e| dom::name(e) == Some(name)).collect();
        let before = same[..at].iter().filter(|&&s| s).count();
        let after = same[at + 1..].iter().filter(|&&s| s).count();
        (before, after)
    };
    match test {
        Structural::FirstChild => siblings().1 == 0,
        Structural::LastChild => {
            let (elements, at) = siblings();
            at + 1 == elements.len()
        }
        Structural::OnlyChild => siblings().0.len() == 1,
        Structural::FirstOfType => of_type().0 == 0,
        Structural::LastOfType => of_type().1 == 0,
        Structural::OnlyOfType => of_type() == (0, 0),
        Structural::Root => parent_element(node).is_none() && dom::parent(node).is_some(),
        Structural::Link => matches!(name, "a" | "area") && dom::attr(node, "href").is_some(),
        Structural::Never => false,
    }
}

/// The parent element; `None` at the root element.
pub fn parent_element(node: &Handle) -> Option<Handle> {
    dom::parent(node).filter(|p| matches!(p.data, NodeData::Element { .. }))
}

fn previous_sibling(node: &Handle) -> Option<Handle> {
    let parent = dom::parent(node)?;
    let elements = dom::element_children(&parent);
    let at = elements.iter().position(|e| Rc::ptr_eq(e, node))?;
    at.checked_sub(1).map(|i| elements[i].clone())
}

/// The declarations of a `style` attribute or a rule's block.
pub fn declarations(text: &str) -> Vec<Declaration> {
    let mut input = ParserInput::new(text);
    let mut parser = Parser::new(&mut input);
    let mut reader = DeclarationReader;
    RuleBodyParser::new(&mut parser, &mut reader).filter_map(|d| d.ok().flatten()).collect()
}

/// Reads a block's declarations; nested rules (CSS nesting) are skipped.
struct DeclarationReader;

impl<'i> DeclarationParser<'i> for DeclarationReader {
    type Declaration = Option<Declaration>;
    type Error = ();

    fn parse_value<'t>(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i, 't>,
        _: &ParserState,
    ) -> Result<Self::Declaration, ParseError<'i, ()>> {
        let start = input.position();
        let mut end = start;
        let mut important = false;
        loop {
            if input.try_parse(cssparser::parse_important).is_ok() {
                important = input.is_exhausted();
                if important {
                    break;
                }
            }
            if input.next().is_err() {
                break;
            }
            end = input.position();
        }
        let value = input.slice(start..end).trim().to_string();
        // A value with a custom property is known only after substitution.
        if value.to_ascii_lowercase().contains("var(") {
            return Ok(None);
        }
        Ok(Some(Declaration { property: name.to_ascii_lowercase(), value, important }))
    }
}

impl<'i> AtRuleParser<'i> for DeclarationReader {
    type Prelude = ();
    type AtRule = Option<Declaration>;
    type Error = ();
}

impl<'i> QualifiedRuleParser<'i> for DeclarationReader {
    type Prelude = ();
    type QualifiedRule = Option<Declaration>;
    type Error = ();

    fn parse_prelude<'t>(&mut self, input: &mut Parser<'i, 't>) -> Result<(), ParseError<'i, ()>> {
        while input.next().is_ok() {}
        Ok(())
    }

    fn parse_block<'t>(
        &mut self,
        _: (),
        _: &ParserState,
        _: &mut Parser<'i, 't>,
    ) -> Result<Option<Declaration>, ParseError<'i, ()>> {
        Ok(None)
    }
}

impl<'i> RuleBodyItemParser<'i, Option<Declaration>, ()> for DeclarationReader {
    fn parse_declarations(&self) -> bool {
        true
    }

    fn parse_qualified(&self) -> bool {
        true
    }
}

/// Reads a sheet's rules into [`StyleSheets`].
struct SheetParser<'s> {
    out: &'s mut StyleSheets,
    media_depth: usize,
}

/// A rule's prelude: its selectors, and the text of those not understood.
type Prelude = (Vec<Selector>, Vec<String>);

impl<'i> QualifiedRuleParser<'i> for SheetParser<'_> {
    type Prelude = Prelude;
    type QualifiedRule = ();
    type Error = ();

    fn parse_prelude<'t>(&mut self, input: &mut Parser<'i, 't>) -> Result<Prelude, ParseError<'i, ()>> {
        let mut selectors = Vec::new();
        let mut unread = Vec::new();
        loop {
            let start = input.position();
            let selector = input.parse_until_before(cssparser::Delimiter::Comma, |input| {
                Ok::<_, ParseError<'i, ()>>(selector(input))
            });
            let text = input.slice_from(start).trim().to_string();
            match selector {
                Ok(Some(selector)) => selectors.push(selector),
                _ => unread.push(text),
            }
            if input.next().is_err() {
                break;
            }
        }
        Ok((selectors, unread))
    }

    fn parse_block<'t>(
        &mut self,
        (selectors, unread): Prelude,
        _: &ParserState,
        input: &mut Parser<'i, 't>,
    ) -> Result<(), ParseError<'i, ()>> {
        let mut reader = DeclarationReader;
        let declarations: Vec<Declaration> =
            RuleBodyParser::new(input, &mut reader).filter_map(|d| d.ok().flatten()).collect();
        if declarations.is_empty() {
            return Ok(());
        }
        if self.out.rules.len() >= MAX_RULES {
            self.out.rules_dropped += 1;
            return Ok(());
        }
        // Only what is applied is worth a note: a rule that sets something.
        self.out.unread.extend(unread);
        if !selectors.is_empty() {
            self.out.rules.push(Rule { selectors, declarations });
        }
        Ok(())
    }
}

impl<'i> AtRuleParser<'i> for SheetParser<'_> {
    /// Whether the block's rules apply.
    type Prelude = bool;
    type AtRule = ();
    type Error = ();

    fn parse_prelude<'t>(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i, 't>,
    ) -> Result<bool, ParseError<'i, ()>> {
        let start = input.position();
        while input.next().is_ok() {}
        let applies =
            name.eq_ignore_ascii_case("media") && media_applies(input.slice_from(start)) && self.media_depth < MAX_MEDIA_DEPTH;
        Ok(applies)
    }

    fn rule_without_block(&mut self, _: bool, _: &ParserState) -> Result<(), ()> {
        Ok(())
    }

    fn parse_block<'t>(&mut self, applies: bool, _: &ParserState, input: &mut Parser<'i, 't>) -> Result<(), ParseError<'i, ()>> {
        if applies {
            let mut nested = SheetParser { out: &mut *self.out, media_depth: self.media_depth + 1 };
            for _ in StyleSheetParser::new(input, &mut nested) {}
        }
        Ok(())
    }
}

/// Whether a media query list (the text after `@media`, or a `media`
/// attribute) holds a query true of a screen with no feature tested: empty,
/// `all`, `screen`, `only screen`.
pub fn media_applies(query_list: &str) -> bool {
    let query_list = query_list.trim();
    query_list.is_empty()
        || query_list.split(',').any(|query| {
            let words: Vec<String> = query.split_whitespace().map(str::to_ascii_lowercase).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            matches!(words.as_slice(), ["all" | "screen"] | ["only", "all" | "screen"])
        })
}

/// One complex selector, or `None` for one not understood here.
fn selector<'i>(input: &mut Parser<'i, '_>) -> Option<Selector> {
    let mut compounds = vec![Compound::default()];
    let mut combinators = Vec::new();
    // A combinator read after a compound, waiting for the next one; whether
    // any compound has started.
    let mut pending: Option<Combinator> = None;
    let mut started = false;
    let mut specificity = (0, 0, 0);
    loop {
        let token = match input.next_including_whitespace() {
            Ok(token) => token.clone(),
            Err(_) => break,
        };
        let combinator = match &token {
            Token::WhiteSpace(_) => Some(Combinator::Descendant),
            Token::Delim('>') => Some(Combinator::Child),
            Token::Delim('+') => Some(Combinator::NextSibling),
            Token::Delim('~') => Some(Combinator::LaterSibling),
            _ => None,
        };
        match combinator {
            // White space after a compound may be a descendant combinator,
            // or only space around an explicit one.
            Some(Combinator::Descendant) => {
                if started && pending.is_none() {
                    pending = Some(Combinator::Descendant);
                }
                continue;
            }
            Some(explicit) => {
                if !started || pending.is_some_and(|p| p != Combinator::Descendant) {
                    return None; // a leading combinator, or two in a row
                }
                pending = Some(explicit);
                continue;
            }
            None => {}
        }
        if let Some(combinator) = pending.take() {
            combinators.push(combinator);
            compounds.push(Compound::default());
            if compounds.len() > MAX_COMPOUNDS {
                return None;
            }
        }
        let compound = compounds.last_mut()?;
        let fresh = compound.element.is_none()
            && compound.ids.is_empty()
            && compound.classes.is_empty()
            && compound.attributes.is_empty()
            && compound.structural.is_empty();
        match token {
            Token::Ident(name) if fresh => {
                compound.element = Some(name.to_ascii_lowercase());
                specificity.2 += 1;
            }
            Token::Delim('*') if fresh => {}
            Token::IDHash(id) => {
                compound.ids.push(id.to_string());
                specificity.0 += 1;
            }
            Token::Delim('.') => match input.next_including_whitespace() {
                Ok(Token::Ident(class)) => {
                    compound.classes.push(class.to_string());
                    specificity.1 += 1;
                }
                _ => return None,
            },
            Token::SquareBracketBlock => {
                let test = input.parse_nested_block(|input| Ok::<_, ParseError<'i, ()>>(attribute(input))).ok()??;
                compound.attributes.push(test);
                specificity.1 += 1;
            }
            Token::Colon => {
                let test = match input.next_including_whitespace() {
                    Ok(Token::Ident(name)) => structural(name)?,
                    _ => return None, // a pseudo-element or a functional pseudo-class
                };
                compound.structural.push(test);
                specificity.1 += 1;
            }
            _ => return None,
        }
        started = true;
    }
    if !started || pending.is_some_and(|p| p != Combinator::Descendant) {
        return None;
    }
    Some(Selector { compounds, combinators, specificity })
}

fn structural(name: &str) -> Option<Structural> {
    Some(match name.to_ascii_lowercase().as_str() {
        "first-child" => Structural::FirstChild,
        "last-child" => Structural::LastChild,
        "only-child" => Structural::OnlyChild,
        "first-of-type" => Structural::FirstOfType,
        "last-of-type" => Structural::LastOfType,
        "only-of-type" => Structural::OnlyOfType,
        "root" => Structural::Root,
        "link" | "any-link" => Structural::Link,
        "hover" | "active" | "focus" | "focus-visible" | "focus-within" | "visited" | "target" => Structural::Never,
        _ => return None,
    })
}

/// The inside of `[…]`: a name, then optionally an operator, a value and
/// the `i`/`s` flag.
fn attribute(input: &mut Parser<'_, '_>) -> Option<(String, AttrTest, bool)> {
    let name = match input.next() {
        Ok(Token::Ident(name)) => name.to_ascii_lowercase(),
        _ => return None,
    };
    let operator = match input.next() {
        Err(_) => return Some((name, AttrTest::Exists, false)),
        Ok(Token::Delim('=')) => '=',
        Ok(Token::IncludeMatch) => '~',
        Ok(Token::DashMatch) => '|',
        Ok(Token::PrefixMatch) => '^',
        Ok(Token::SuffixMatch) => '$',
        Ok(Token::SubstringMatch) => '*',
        _ => return None,
    };
    let value = match input.next() {
        Ok(Token::Ident(v) | Token::QuotedString(v)) => v.to_string(),
        _ => return None,
    };
    let ignore_case = match input.next() {
        Err(_) => false,
        Ok(Token::Ident(flag)) if flag.eq_ignore_ascii_case("i") => true,
        Ok(Token::Ident(flag)) if flag.eq_ignore_ascii_case("s") => false,
        _ => return None,
    };
    if input.next().is_ok() {
        return None;
    }
    let test = match operator {
        '=' => AttrTest::Equals(value),
        '~' => AttrTest::Word(value),
        '|' => AttrTest::DashPrefix(value),
        '^' => AttrTest::Prefix(value),
        '$' => AttrTest::Suffix(value),
        _ => AttrTest::Contains(value),
    };
    Some((name, test, ignore_case))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Handle {
        crate::html::parse::parse(html).dom.document
    }

    fn winner(sheets: &StyleSheets, node: &Handle, property: &str) -> Option<String> {
        sheets.cascade(node, &[property], |d| Some(d.value.clone()))
    }

    #[test]
    fn specificity_order_inline_and_important() {
        let doc = page(
            r#"<!DOCTYPE html><div class="a" id="x"><ol class="b c"><li>1</li><li style="color: green">2</li></ol></div>"#,
        );
        let li: Vec<Handle> = {
            let ol = dom::find(&doc, "ol").unwrap();
            dom::element_children(&ol)
        };
        let sheets = StyleSheets::parse(
            [
                "li { color: red } .a li { color: blue } ol > li { color: gray }",
                "#x li:first-child { color: teal } li:last-child { color: pink !important } li{color:black}",
            ],
            false,
        );
        // `#x li:first-child` (1,1,1) beats `.a li` (0,1,1) and `ol > li` (0,0,2).
        assert_eq!(winner(&sheets, &li[0], "color").as_deref(), Some("teal"));
        // !important in a sheet beats the inline style.
        assert_eq!(winner(&sheets, &li[1], "color").as_deref(), Some("pink"));
        // Same specificity: the later rule wins.
        let sheets = StyleSheets::parse(["ol li { color: red } OL LI { color: blue }"], false);
        assert_eq!(winner(&sheets, &li[0], "color").as_deref(), Some("blue"));
        // The inline style beats a sheet's normal declaration.
        assert_eq!(winner(&sheets, &li[1], "color").as_deref(), Some("green"));
        // An invalid value drops out: the next in cascade order wins.
        let sheets = StyleSheets::parse([".b li { color: 5 } li { color: red }"], false);
        let valid = |d: &Declaration| (d.value != "5").then(|| d.value.clone());
        assert_eq!(sheets.cascade(&li[0], &["color"], valid).as_deref(), Some("red"));
    }

    #[test]
    fn selectors_combinators_and_media() {
        let doc = page(r#"<p class=Note>x</p><ol><li>a</li></ol><ul><li lang="zh-CN">b</li></ul>"#);
        let li = dom::find(&doc, "ul").map(|ul| dom::element_children(&ul)[0].clone()).unwrap();
        let sheets = StyleSheets::parse(
            [r#"p.note + ol ~ ul > li[lang|="zh"] { color: red }
                @media print { li { color: blue !important } }
                @media screen, print { ul li { font-size: 1px } }
                li:hover, li::marker, li:not(.x) { color: green !important }"#],
            true,
        );
        // Quirks mode: `.note` matches class "Note".
        assert_eq!(winner(&sheets, &li, "color").as_deref(), Some("red"));
        assert_eq!(winner(&sheets, &li, "font-size").as_deref(), Some("1px"));
        assert_eq!(sheets.unread, ["li::marker", "li:not(.x)"]);
        let strict = StyleSheets::parse(["p.note + ol ~ ul > li { color: red }"], false);
        assert_eq!(winner(&strict, &li, "color"), None);
        let bad = StyleSheets::parse(["> li { color: red } li > > li { color: red } li >{color:red}"], false);
        assert!(bad.rules.is_empty(), "{:?}", bad.rules);
    }

    #[test]
    fn hostile_sheets_end_quickly() {
        let deep = "<div>".repeat(2000) + "<ol><li>x</li></ol>";
        let doc = page(&deep);
        let li = dom::find(&doc, "li").unwrap();
        let selector = "div ".repeat(30) + "span li";
        let sheet = format!("{selector} {{ color: red }}") + &"@media all {".repeat(100) + "li{color:blue}";
        let sheets = StyleSheets::parse([sheet.as_str()], false);
        let start = std::time::Instant::now();
        assert_eq!(winner(&sheets, &li, "color"), None);
        assert!(start.elapsed().as_secs() < 5);
        // Past the page's budget of steps, no rule matches any more.
        let sheets = StyleSheets::parse(["li { color: red }"], false);
        assert_eq!(winner(&sheets, &li, "color").as_deref(), Some("red"));
        sheets.steps.set(MAX_PAGE_MATCH_STEPS - 1);
        assert_eq!(winner(&sheets, &li, "color").as_deref(), Some("red"));
        assert!(sheets.exhausted());
        assert_eq!(winner(&sheets, &li, "color"), None);
    }
}
