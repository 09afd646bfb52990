//! OFD parts as small element trees. OFD parts are short (a page, a resource
//! list) and are read by looking things up (a template by ID, a font by ID), so
//! a tree suits them better than a stream. Built on the DOCX front end's XML
//! cursor, which already turns malformed XML into `corrupt`, deep nesting into
//! `too large`, and reads any encoding the declaration names. Elements are
//! matched by local name: the OFD namespace is `http://www.ofdspec.org/2016`,
//! but real files also use other URIs or none (ofdrw's `namespace_no_std`).

use crate::docx::xml::{Node as Event, Xml};
use crate::error::{Error, Result};

/// Most elements one part may hold; a real page has a few thousand.
pub const MAX_ELEMENTS: usize = 500_000;

/// One element: local name, attributes, children and its own text.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub name: String,
    attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// The element's direct text, entities resolved, white space kept.
    pub text: String,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A numeric attribute; absent or unparsable is `None`.
    pub fn num(&self, name: &str) -> Option<f32> {
        self.attr(name)?.trim().parse::<f32>().ok().filter(|v| v.is_finite())
    }

    /// A boolean attribute (`true`/`false`, as xs:boolean allows `1`/`0`).
    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.attr(name)?.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Node> + 's {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of a child element (`<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>`).
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim()).filter(|t| !t.is_empty())
    }
}

/// Parses a part's text into its root element.
pub fn parse(text: &str, part: &str) -> Result<Node> {
    let mut xml = Xml::new(text, part);
    let root = xml.root()?;
    let mut count = 0usize;
    let node = Node { name: root.local().to_string(), attrs: root.attributes(), ..Default::default() };
    build(&mut xml, node, part, &mut count)
}

fn build(xml: &mut Xml<'_>, mut node: Node, part: &str, count: &mut usize) -> Result<Node> {
    loop {
        match xml.next()? {
            Event::Open(e) => {
                *count += 1;
                if *count > MAX_ELEMENTS {
                    return Err(Error::too_large(format!("{part} holds more than {MAX_ELEMENTS} elements")));
                }
                let child = Node { name: e.local().to_string(), attrs: e.attributes(), ..Default::default() };
                // Depth is bounded by the cursor (MAX_DEPTH), so recursion is too.
                node.children.push(build(xml, child, part, count)?);
            }
            Event::Text(t) => node.text.push_str(&t),
            Event::Close => return Ok(node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn elements_by_local_name_with_text_and_attributes() {
        let xml = r#"<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:TextCode X="1.5" Y="x">a &amp; b</ofd:TextCode><Other/></ofd:Page>"#;
        let root = parse(xml, "Content.xml").unwrap();
        assert_eq!(root.name, "Page");
        let code = root.child("TextCode").unwrap();
        assert_eq!(code.num("X"), Some(1.5));
        assert_eq!(code.num("Y"), None);
        assert_eq!(code.text, "a & b");
        assert!(root.child("Other").is_some());
        assert!(root.attr("ofd").is_none(), "namespace declarations are not attributes");
    }

    #[test]
    fn damaged_xml_is_corrupt() {
        let err = parse("<ofd:Page><ofd:Content>", "Doc_0/Pages/Page_0/Content.xml").unwrap_err();
        assert_eq!(err.code, ErrorCode::Corrupt);
        assert!(err.message.contains("Page_0"));
    }
}
