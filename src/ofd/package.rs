//! The OFD container (GB/T 33190 §7): the zip, its entry file `OFD.xml`, each
//! document's `Document.xml` (page list, page area, templates, resource
//! files, annotations) and how the locations inside them resolve.
//!
//! Zip entries are read through the DOCX front end's package reader, which
//! bounds every decompressed entry (zip bombs), maps password-protected
//! entries to `encrypted`, and decodes GBK or UTF-8 entry names. Locations are
//! resolved against the directory of the file that names them; an absolute
//! location (`/Doc_0/…`) starts at the container root. Names compare
//! case-insensitively, as real producers mix `Doc_0` and `DOC_0`.

use crate::docx::package::{Package, decode_xml, resolve_target};
use crate::error::{Error, Result};

use super::errors;
use super::xml::{self, Node};

/// Page size when neither the page nor the document gives one: A4 in mm.
pub const DEFAULT_PAGE_BOX: [f32; 4] = [0.0, 0.0, 210.0, 297.0];
/// Most pages read from one OFD (as for PDF).
pub const MAX_PAGES: usize = crate::pdf::document::MAX_PAGES;

pub struct OfdPackage<'a> {
    zip: Package<'a>,
}

/// A page as `Document.xml` lists it.
#[derive(Debug, Clone)]
pub struct PageRef {
    pub id: String,
    /// Resolved location of the page's content file.
    pub content: String,
}

/// A template page (`CommonData/TemplatePage`).
#[derive(Debug, Clone)]
pub struct TemplateRef {
    pub id: String,
    pub content: String,
    /// `Background` (the default), `Body` or `Foreground`.
    pub z_order: Option<String>,
}

/// One document of the container, its `Document.xml` read.
#[derive(Debug, Clone)]
pub struct DocumentInfo {
    /// The default physical box (x y w h, mm).
    pub page_box: [f32; 4],
    pub pages: Vec<PageRef>,
    pub templates: Vec<TemplateRef>,
    /// Resolved locations of `PublicRes` and `DocumentRes` files.
    pub resources: Vec<String>,
    pub annotations: Option<String>,
    pub attachments: Option<String>,
    /// Signature list (`DocBody/Signatures` in `OFD.xml`).
    pub signatures: Option<String>,
}

/// The directory part of a location ("" at the root).
pub fn dir_of(location: &str) -> &str {
    location.rsplit_once('/').map_or("", |(d, _)| d)
}

/// A location named inside the file at `from`, resolved.
pub fn resolve(from: &str, location: &str) -> String {
    resolve_target(dir_of(from), location.trim())
}

/// A box attribute or text: "x y w h".
pub fn parse_box(text: &str) -> Option<[f32; 4]> {
    let v: Vec<f32> = text.split_whitespace().map(|t| t.parse::<f32>()).collect::<std::result::Result<_, _>>().ok()?;
    match v.as_slice() {
        [x, y, w, h] if v.iter().all(|n| n.is_finite()) && *w > 0.0 && *h > 0.0 => Some([*x, *y, *w, *h]),
        _ => None,
    }
}

impl<'a> OfdPackage<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self> {
        let zip = Package::open(bytes)?;
        // GM/T 0099-2020: an encrypted OFD carries Encryptions.xml beside
        // OFD.xml and replaces the protected files by ciphertext.
        if zip.has_part("Encryptions.xml") {
            return Err(errors::encrypted());
        }
        Ok(OfdPackage { zip })
    }

    pub fn has(&self, location: &str) -> bool {
        self.zip.has_part(location)
    }

    /// The bytes of an entry, `None` when the container lacks it.
    pub fn bytes(&mut self, location: &str) -> Result<Option<Vec<u8>>> {
        self.zip.read(location)
    }

    /// An XML part as a tree; a missing part is `None`.
    pub fn xml(&mut self, location: &str) -> Result<Option<Node>> {
        let Some(bytes) = self.zip.read(location)? else { return Ok(None) };
        let text = decode_xml(&bytes);
        xml::parse(&text, location).map(Some)
    }

    /// The documents `OFD.xml` names, each `Document.xml` read.
    pub fn documents(&mut self) -> Result<Vec<DocumentInfo>> {
        let root = self.xml("OFD.xml")?.ok_or_else(|| Error::corrupt("the OFD container has no OFD.xml"))?;
        if root.name != "OFD" {
            return Err(Error::corrupt(format!("OFD.xml has root element <{}>, not <ofd:OFD>", root.name)));
        }
        if root.children.iter().any(|c| c.name == "Encryptions") {
            return Err(errors::encrypted());
        }
        let mut documents = Vec::new();
        for body in root.children_named("DocBody") {
            let Some(doc_root) = body.child_text("DocRoot") else { continue };
            let location = resolve("OFD.xml", doc_root);
            let signatures = body.child_text("Signatures").map(|s| resolve("OFD.xml", s));
            documents.push(self.document(location, signatures)?);
        }
        if documents.is_empty() {
            return Err(Error::corrupt("OFD.xml names no document (DocBody/DocRoot); the file is damaged"));
        }
        Ok(documents)
    }

    fn document(&mut self, location: String, signatures: Option<String>) -> Result<DocumentInfo> {
        let doc = self
            .xml(&location)?
            .ok_or_else(|| Error::corrupt(format!("the document {location} that OFD.xml names is missing")))?;
        let common = doc.child("CommonData");
        let page_box = common
            .and_then(|c| c.child("PageArea"))
            .and_then(|a| a.child_text("PhysicalBox"))
            .and_then(parse_box)
            .unwrap_or(DEFAULT_PAGE_BOX);
        let mut resources = Vec::new();
        let mut templates = Vec::new();
        if let Some(common) = common {
            for c in &common.children {
                match c.name.as_str() {
                    "PublicRes" | "DocumentRes" if !c.text.trim().is_empty() => {
                        resources.push(resolve(&location, &c.text));
                    }
                    "TemplatePage" => {
                        if let (Some(id), Some(base)) = (c.attr("ID"), c.attr("BaseLoc")) {
                            templates.push(TemplateRef {
                                id: id.trim().to_string(),
                                content: resolve(&location, base),
                                z_order: c.attr("ZOrder").map(str::to_string),
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut pages = Vec::new();
        for page in doc.child("Pages").into_iter().flat_map(|p| p.children_named("Page")) {
            let Some(base) = page.attr("BaseLoc") else { continue };
            if pages.len() >= MAX_PAGES {
                return Err(Error::too_large(format!("the OFD has more than {MAX_PAGES} pages")));
            }
            pages.push(PageRef {
                id: page.attr("ID").unwrap_or("").trim().to_string(),
                content: resolve(&location, base),
            });
        }
        let annotations = doc.child_text("Annotations").map(|a| resolve(&location, a));
        let attachments = doc.child_text("Attachments").map(|a| resolve(&location, a));
        Ok(DocumentInfo { page_box, pages, templates, resources, annotations, attachments, signatures })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_relative_and_absolute() {
        assert_eq!(resolve("OFD.xml", "Doc_0/Document.xml"), "Doc_0/Document.xml");
        assert_eq!(resolve("OFD.xml", "/Doc_0/Signs/Signatures.xml"), "Doc_0/Signs/Signatures.xml");
        assert_eq!(resolve("Doc_0/Document.xml", "Pages/Page_0/Content.xml"), "Doc_0/Pages/Page_0/Content.xml");
        assert_eq!(resolve("Doc_0/Document.xml", "/Doc_0/Tpls/Tpl_0/Content.xml"), "Doc_0/Tpls/Tpl_0/Content.xml");
        assert_eq!(resolve("Doc_0/Res/x.xml", "../Pages/a.xml"), "Doc_0/Pages/a.xml");
    }

    #[test]
    fn boxes() {
        assert_eq!(parse_box("0 0 210 297"), Some([0.0, 0.0, 210.0, 297.0]));
        assert_eq!(parse_box("0 0 210"), None);
        assert_eq!(parse_box("0 0 0 297"), None);
        assert_eq!(parse_box("a b c d"), None);
    }
}
