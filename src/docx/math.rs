//! Office Math (OMML, `m:oMath`) as one line of text that keeps the
//! structure: superscripts `a^2`, subscripts `a_i`, fractions `(a+b)/(2c)`,
//! roots `√(b^2-4ac)`, n-ary operators `∑_(i=1)^n a_i`, delimiters,
//! matrices `[a, b; c, d]`. SPEC.md ("Equations") states the notation.
//!
//! The equation is read into a small tree first, so a construct can look at
//! its arguments (a matrix alone inside brackets takes the brackets) before
//! it is written.

use super::xml::{Element, Node as XmlNode, Ns, Xml};
use crate::error::Result;

/// An OMML element: its local name, its `m:val` (for property elements),
/// its text (`m:t`, `w:t`) and children in order.
#[derive(Debug, Default)]
struct Node {
    name: String,
    val: Option<String>,
    text: String,
    children: Vec<Node>,
}

/// Reads the opened `m:oMath` or `m:oMathPara` and returns its linear form.
pub fn read(xml: &mut Xml, element: &Element) -> Result<String> {
    let node = parse(xml, element)?;
    Ok(render(&node))
}

/// WordprocessingML elements inside an equation that show nothing: run
/// properties and deleted text.
fn hidden(e: &Element) -> bool {
    e.ns == Ns::W && (e.local().ends_with("Pr") || matches!(e.local(), "del" | "moveFrom" | "delText" | "instrText"))
}

fn parse(xml: &mut Xml, element: &Element) -> Result<Node> {
    let mut node = Node { name: element.local().to_string(), val: element.attr("val"), ..Node::default() };
    let keeps_text = matches!(node.name.as_str(), "t");
    loop {
        match xml.next()? {
            XmlNode::Open(child) => {
                if hidden(&child) {
                    xml.skip()?;
                } else {
                    node.children.push(parse(xml, &child)?);
                }
            }
            XmlNode::Text(text) if keeps_text => node.text.push_str(&text),
            XmlNode::Text(_) => {}
            XmlNode::Close => return Ok(node),
        }
    }
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The rendered argument `name` ("e", "num", "sup", …), "" when absent.
    fn arg(&self, name: &str) -> String {
        self.child(name).map(render).unwrap_or_default()
    }

    /// A property of this construct: `<m:xPr><m:key m:val="…"/></m:xPr>`.
    /// `Some("")` when the property is set to nothing (`m:begChr m:val=""`).
    fn property(&self, key: &str) -> Option<&Node> {
        self.children.iter().filter(|c| c.name.ends_with("Pr")).find_map(|pr| pr.child(key))
    }

    fn character(&self, key: &str, default: &str) -> String {
        match self.property(key) {
            Some(p) => p.val.clone().unwrap_or_else(|| default.to_string()),
            None => default.to_string(),
        }
    }

    fn flag(&self, key: &str) -> bool {
        self.property(key).is_some_and(|p| !matches!(p.val.as_deref(), Some("0" | "off" | "false")))
    }
}

/// The default n-ary operator when `m:chr` is absent: the integral.
const DEFAULT_NARY: &str = "∫";
/// Combining marks for accents and bars.
const DEFAULT_ACCENT: &str = "\u{0302}";
const OVERLINE: &str = "\u{0305}";
const UNDERLINE: &str = "\u{0332}";
const DEFAULT_GROUP_CHAR: &str = "\u{23DF}";

fn render(node: &Node) -> String {
    let n = node;
    match n.name.as_str() {
        // Invisible operators (function application, invisible times,
        // separator, plus) mark structure Word does not draw.
        "t" => n.text.chars().filter(|c| !('\u{2061}'..='\u{2064}').contains(c)).collect(),
        // A phantom that is not shown only takes up space.
        "phant" if n.property("show").is_some_and(|p| matches!(p.val.as_deref(), Some("0" | "off" | "false"))) => {
            String::new()
        }
        name if name.ends_with("Pr") => String::new(),
        "f" => {
            let (num, den) = (n.arg("num"), n.arg("den"));
            if n.property("type").and_then(|t| t.val.as_deref()) == Some("noBar") {
                format!("({num}¦{den})")
            } else {
                format!("{}/{}", group(&num), group(&den))
            }
        }
        "sSup" => format!("{}^{}", group(&n.arg("e")), group(&n.arg("sup"))),
        "sSub" => format!("{}_{}", group(&n.arg("e")), group(&n.arg("sub"))),
        "sSubSup" => format!("{}_{}^{}", group(&n.arg("e")), group(&n.arg("sub")), group(&n.arg("sup"))),
        "sPre" => format!("_{}^{}{}", group(&n.arg("sub")), group(&n.arg("sup")), group(&n.arg("e"))),
        "rad" => {
            let degree = if n.flag("degHide") { String::new() } else { n.arg("deg") };
            let radicand = group(&n.arg("e"));
            match degree.trim() {
                "" | "2" => format!("√{radicand}"),
                "3" => format!("∛{radicand}"),
                "4" => format!("∜{radicand}"),
                d => format!("√[{d}]{radicand}"),
            }
        }
        "nary" => {
            let mut out = n.character("chr", DEFAULT_NARY);
            let (sub, sup) = (n.arg("sub"), n.arg("sup"));
            if !n.flag("subHide") && !sub.is_empty() {
                out.push('_');
                out.push_str(&group(&sub));
            }
            if !n.flag("supHide") && !sup.is_empty() {
                out.push('^');
                out.push_str(&group(&sup));
            }
            out.push(' ');
            out.push_str(&operand(&n.arg("e")));
            out
        }
        "d" => {
            let (open, close, separator) =
                (n.character("begChr", "("), n.character("endChr", ")"), n.character("sepChr", "|"));
            let args: Vec<&Node> = n.children.iter().filter(|c| c.name == "e").collect();
            // A matrix alone in brackets takes those brackets instead of its own.
            if let [only] = args.as_slice()
                && let [matrix] = only.children.as_slice()
                    && matrix.name == "m" {
                        return format!("{open}{}{close}", matrix_rows(matrix));
                    }
            let inner: Vec<String> = args.iter().map(|e| render(e)).collect();
            format!("{open}{}{close}", inner.join(&separator))
        }
        "m" => format!("[{}]", matrix_rows(n)),
        "eqArr" => n.children.iter().filter(|c| c.name == "e").map(render).collect::<Vec<_>>().join("; "),
        "func" => {
            let (name, argument) = (n.arg("fName"), n.arg("e"));
            if argument.starts_with(['(', '[', '{']) {
                format!("{name}{argument}")
            } else {
                format!("{name} {argument}")
            }
        }
        "limLow" => format!("{}_{}", n.arg("e"), group(&n.arg("lim"))),
        "limUpp" => format!("{}^{}", n.arg("e"), group(&n.arg("lim"))),
        "acc" => format!("{}{}", group(&n.arg("e")), n.character("chr", DEFAULT_ACCENT)),
        "bar" => {
            let mark =
                if n.property("pos").and_then(|p| p.val.as_deref()) == Some("bot") { UNDERLINE } else { OVERLINE };
            format!("{}{mark}", group(&n.arg("e")))
        }
        "groupChr" => format!("{}{}", group(&n.arg("e")), n.character("chr", DEFAULT_GROUP_CHAR)),
        "oMathPara" => n.children.iter().filter(|c| c.name == "oMath").map(render).collect::<Vec<_>>().join("\n"),
        // oMath, r, e, num, den, sub, sup, deg, lim, fName, box, borderBox,
        // phant, and WordprocessingML wrappers (w:r, w:ins): their content in order.
        _ => sequence(&n.children),
    }
}

/// Constructs that end in a script or operand a following letter would run
/// into: `a_j^i v^j`, not `a_j^iv^j`.
fn ends_in_script(node: &Node) -> bool {
    matches!(node.name.as_str(), "sSup" | "sSub" | "sSubSup" | "nary" | "limLow" | "limUpp")
}

/// Siblings in order, a space after a script that a letter or digit follows.
fn sequence(children: &[Node]) -> String {
    let mut out = String::new();
    let mut after_script = false;
    for child in children {
        let text = render(child);
        if after_script && text.starts_with(|c: char| c.is_alphanumeric()) {
            out.push(' ');
        }
        if !text.is_empty() {
            after_script = ends_in_script(child);
        }
        out.push_str(&text);
    }
    out
}

/// The operand of an n-ary operator: bracketed only when it has an
/// operator outside brackets (`∑ a_i`, `∑ (a_i+b_i)`).
fn operand(s: &str) -> String {
    let t = s.trim();
    let mut depth = 0i32;
    let has_operator = t.chars().any(|c| {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && "+-−±∓=<>≤≥≠≈,;".contains(c)
    });
    if has_operator { format!("({t})") } else { t.to_string() }
}

/// A matrix's rows separated by "; ", cells by ", ".
fn matrix_rows(matrix: &Node) -> String {
    let rows: Vec<String> = matrix
        .children
        .iter()
        .filter(|r| r.name == "mr")
        .map(|row| row.children.iter().filter(|c| c.name == "e").map(render).collect::<Vec<_>>().join(", "))
        .collect();
    rows.join("; ")
}

/// `s` as an operand of ^, _, / or √: as it is when it is one symbol, a
/// number or already bracketed; otherwise in parentheses.
fn group(s: &str) -> String {
    let t = s.trim();
    if is_atom(t) { t.to_string() } else { format!("({t})") }
}

fn is_atom(t: &str) -> bool {
    let base: Vec<char> = t.chars().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).collect();
    base.len() <= 1 || base.iter().all(|c| c.is_ascii_digit() || *c == '.') || enclosed(&base)
}

/// The whole of `chars` is one bracketed group: "(x+1)", "[a, b]", not "(a)(b)".
fn enclosed(chars: &[char]) -> bool {
    let [first, .., last] = *chars else {
        return false;
    };
    let close = match first {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '|' | '‖' => return first == last && !chars[1..chars.len() - 1].contains(&first),
        _ => return false,
    };
    if last != close {
        return false;
    }
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        if c == first {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 && i + 1 < chars.len() {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";

    fn linear(inner: &str) -> String {
        let text = format!(r#"<m:oMath xmlns:m="{M}">{inner}</m:oMath>"#);
        let mut xml = Xml::new(&text, "test.xml");
        let root = xml.root().unwrap();
        read(&mut xml, &root).unwrap()
    }

    fn r(t: &str) -> String {
        format!("<m:r><m:t>{t}</m:t></m:r>")
    }

    fn sup(base: &str, exp: &str) -> String {
        format!("<m:sSup><m:e>{}</m:e><m:sup>{}</m:sup></m:sSup>", r(base), r(exp))
    }

    #[test]
    fn pythagoras_and_the_quadratic_formula() {
        assert_eq!(
            linear(&format!("{}{}{}{}{}", sup("a", "2"), r("+"), sup("b", "2"), r("="), sup("c", "2"))),
            "a^2+b^2=c^2"
        );
        let root = format!(
            "<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>{}{}</m:e></m:rad>",
            sup("b", "2"),
            r("-4ac")
        );
        let fraction = format!("<m:f><m:num>{}{}</m:num><m:den>{}</m:den></m:f>", r("-b±"), root, r("2a"));
        assert_eq!(linear(&fraction), "(-b±√(b^2-4ac))/(2a)");
    }

    #[test]
    fn subscripts_sums_delimiters_and_matrices() {
        let sum = format!(
            "<m:nary><m:naryPr><m:chr m:val=\"∑\"/></m:naryPr><m:sub>{}</m:sub><m:sup>{}</m:sup><m:e><m:sSub><m:e>{}</m:e><m:sub>{}</m:sub></m:sSub></m:e></m:nary>",
            r("i=1"),
            r("n"),
            r("a"),
            r("i")
        );
        assert_eq!(linear(&sum), "∑_(i=1)^n a_i");
        let matrix = format!(
            "<m:d><m:dPr><m:begChr m:val=\"[\"/><m:endChr m:val=\"]\"/></m:dPr><m:e><m:m><m:mr><m:e>{}</m:e><m:e>{}</m:e></m:mr><m:mr><m:e>{}</m:e><m:e>{}</m:e></m:mr></m:m></m:e></m:d>",
            r("1"),
            r("0"),
            r("0"),
            r("1")
        );
        assert_eq!(linear(&matrix), "[1, 0; 0, 1]");
        let pair = format!("<m:d><m:e>{}</m:e><m:e>{}</m:e></m:d>", r("x"), r("y"));
        assert_eq!(linear(&pair), "(x|y)");
        let squared =
            format!("<m:sSup><m:e><m:d><m:e>{}</m:e></m:d></m:e><m:sup>{}</m:sup></m:sSup>", r("x+1"), r("2"));
        assert_eq!(linear(&squared), "(x+1)^2");
    }

    #[test]
    fn scripts_do_not_run_into_what_follows() {
        let sub_sup =
            format!("<m:sSubSup><m:e>{}</m:e><m:sub>{}</m:sub><m:sup>{}</m:sup></m:sSubSup>", r("a"), r("j"), r("i"));
        assert_eq!(linear(&format!("{sub_sup}{}", sup("v", "j"))), "a_j^i v^j");
        assert_eq!(linear(&format!("{}{}", sup("x", "2"), r("+1"))), "x^2+1");
    }

    #[test]
    fn invisible_operators_and_hidden_phantoms_show_nothing() {
        assert_eq!(linear(&format!("{}{}", r("sin\u{2061}"), r("x\u{2062}y"))), "sinxy");
        let hidden = format!("<m:phant><m:phantPr><m:show m:val=\"0\"/></m:phantPr><m:e>{}</m:e></m:phant>", r("z"));
        assert_eq!(linear(&format!("{}{hidden}", r("a"))), "a");
    }

    #[test]
    fn grouping_only_where_needed() {
        assert_eq!(operand("a_i"), "a_i");
        assert_eq!(operand("x_i+y_i"), "(x_i+y_i)");
        assert_eq!(operand("(x+y)"), "(x+y)");
        assert_eq!(group("x"), "x");
        assert_eq!(group("10"), "10");
        assert_eq!(group("(a)(b)"), "((a)(b))");
        assert_eq!(group("2n"), "(2n)");
        assert_eq!(group("x\u{0302}"), "x\u{0302}");
    }
}
