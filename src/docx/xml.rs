//! A small cursor over quick-xml's namespace-aware reader, shaped for
//! recursive descent: open an element, walk its children, skip what is not
//! needed. Elements are matched by namespace and local name, so documents that
//! bind WordprocessingML to a prefix other than `w:` read the same. Malformed
//! or truncated XML is a `corrupt` error; nesting past a limit is `too large`.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::error::{Error, Result};

/// Deeper nesting than this is refused: no real document comes close, and the
/// walker recurses once per level.
pub const MAX_DEPTH: usize = 256;

/// The namespaces the DOCX walker tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML, transitional or strict.
    W,
    /// Office Math.
    M,
    /// Markup Compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships.
    Rel,
    Other,
}

impl Ns {
    fn of(uri: &str) -> Ns {
        match uri {
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            "http://schemas.openxmlformats.org/officeDocument/2006/math"
            | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
            "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rel,
            _ => Ns::Other,
        }
    }
}

/// An opened element.
pub struct Element<'i> {
    pub ns: Ns,
    start: BytesStart<'i>,
}

impl Element<'_> {
    pub fn local(&self) -> &str {
        let name = self.start.name().0;
        name.rsplit_once(':').map_or(name, |(_, local)| local)
    }

    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local() == local
    }

    /// The value of the attribute with this local name (`w:val` → "val"),
    /// whatever its prefix.
    pub fn attr(&self, local: &str) -> Option<String> {
        self.start.attributes().with_checks(false).flatten().find_map(|a| {
            let key = a.key.0;
            let key_local = key.rsplit_once(':').map_or(key, |(_, l)| l);
            (key_local == local && !key.starts_with("xmlns")).then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| a.value.into_owned())
            })
        })
    }

    /// Every attribute as (local name, value), namespace declarations left out.
    pub fn attributes(&self) -> Vec<(String, String)> {
        self.start
            .attributes()
            .with_checks(false)
            .flatten()
            .filter(|a| !a.key.0.starts_with("xmlns"))
            .map(|a| {
                let key = a.key.0;
                let local = key.rsplit_once(':').map_or(key, |(_, l)| l).to_string();
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| a.value.clone().into_owned());
                (local, value)
            })
            .collect()
    }

    /// An on/off property (`<w:tblHeader/>`, `w:val="true"|"1"|"on"`).
    pub fn flag(&self) -> bool {
        !matches!(self.attr("val").as_deref(), Some("false" | "0" | "off" | "none"))
    }

    /// A numeric `w:val`.
    pub fn int_val(&self) -> Option<i64> {
        self.int_val_of("val")
    }

    /// A numeric attribute (`w:ilvl`, `w:numId`, …), parsed as `T`.
    pub fn int_val_of<T: std::str::FromStr>(&self, attr: &str) -> Option<T> {
        self.attr(attr)?.trim().parse().ok()
    }
}

/// What the cursor found next inside the current element.
pub enum Node<'i> {
    Open(Element<'i>),
    Text(Cow<'i, str>),
    /// The current element ended.
    Close,
}

pub struct Xml<'i> {
    reader: NsReader<&'i [u8]>,
    depth: usize,
    part: &'i str,
}

impl<'i> Xml<'i> {
    pub fn new(text: &'i str, part: &'i str) -> Self {
        let mut reader = NsReader::from_str(text);
        reader.config_mut().expand_empty_elements = true;
        Xml { reader, depth: 0, part }
    }

    /// The name of the part being read.
    pub fn part(&self) -> &'i str {
        self.part
    }

    fn corrupt(&self, what: impl std::fmt::Display) -> Error {
        Error::corrupt(format!(
            "{} is not well-formed XML ({what}, near byte {}); the file is damaged or was truncated — re-export it from the office program",
            self.part,
            self.reader.buffer_position()
        ))
    }

    /// The next node inside the current element. The end of the input inside
    /// an element is a truncated part.
    pub fn next(&mut self) -> Result<Node<'i>> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((ResolveResult::Bound(ns), event)) => (Ns::of(ns.0), event),
                Ok((_, event)) => (Ns::Other, event),
                Err(e) => return Err(self.corrupt(e)),
            };
            match event {
                Event::Start(start) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(Error::too_large(format!(
                            "{} nests elements deeper than {MAX_DEPTH} levels",
                            self.part
                        )));
                    }
                    return Ok(Node::Open(Element { ns, start }));
                }
                Event::End(_) => {
                    if self.depth == 0 {
                        return Err(self.corrupt("unexpected end tag"));
                    }
                    self.depth -= 1;
                    return Ok(Node::Close);
                }
                Event::Text(t) => return Ok(Node::Text(t.xml10_content())),
                Event::CData(t) => {
                    return Ok(Node::Text(t.into_inner()));
                }
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match &*r {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            other => return Err(self.corrupt(format!("undefined entity &{other};"))),
                        },
                        Err(e) => return Err(self.corrupt(e)),
                    };
                    return Ok(Node::Text(Cow::Owned(c.to_string())));
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.corrupt("the part ends inside an element"));
                    }
                    // Only the document level asks past the root; report it as its end.
                    return Ok(Node::Close);
                }
                Event::Empty(_) => unreachable!("expand_empty_elements is on"),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    /// The next child element of the current element, skipping text;
    /// `None` when the current element closes.
    pub fn next_child(&mut self) -> Result<Option<Element<'i>>> {
        loop {
            match self.next()? {
                Node::Open(e) => return Ok(Some(e)),
                Node::Text(_) => {}
                Node::Close => return Ok(None),
            }
        }
    }

    /// Skips the rest of the current element, children included.
    pub fn skip(&mut self) -> Result<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Node::Open(_) => depth += 1,
                Node::Close => depth -= 1,
                Node::Text(_) => {}
            }
        }
        Ok(())
    }

    /// The text content of the current element (children's text included),
    /// consuming it.
    pub fn text(&mut self) -> Result<String> {
        let mut out = String::new();
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Node::Open(_) => depth += 1,
                Node::Close => depth -= 1,
                Node::Text(t) => out.push_str(&t),
            }
        }
        Ok(out)
    }

    /// Moves to the document's root element.
    pub fn root(&mut self) -> Result<Element<'i>> {
        match self.next_child()? {
            Some(e) => Ok(e),
            None => Err(self.corrupt("no root element")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_are_resolved_whatever_the_prefix() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:t a="1">a&amp;b&#x4E00;</x:t></x:document>"#;
        let mut x = Xml::new(xml, "test.xml");
        let root = x.root().unwrap();
        assert!(root.is(Ns::W, "document"));
        let t = x.next_child().unwrap().unwrap();
        assert!(t.is(Ns::W, "t"));
        assert_eq!(t.attr("a").as_deref(), Some("1"));
        assert_eq!(x.text().unwrap(), "a&b一");
    }

    #[test]
    fn truncated_and_malformed_xml_is_corrupt() {
        for bad in ["<a><b>text", "<a><b></a>", "<a>&bogus;</a>", ""] {
            let mut x = Xml::new(bad, "word/document.xml");
            let result = (|| {
                x.root()?;
                x.skip()
            })();
            let err = result.expect_err(bad);
            assert_eq!(err.code, crate::error::ErrorCode::Corrupt, "{bad}: {err}");
        }
    }

    #[test]
    fn deep_nesting_is_too_large() {
        let xml = "<a>".repeat(MAX_DEPTH + 10);
        let mut x = Xml::new(&xml, "p.xml");
        let err = (|| {
            x.root()?;
            x.skip()
        })()
        .unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::TooLarge);
    }
}
