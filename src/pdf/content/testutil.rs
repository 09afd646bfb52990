//! Small PDFs built in memory with lopdf's writer, for the unit tests of the
//! interpreter and the fonts.

use lopdf::{Dictionary, Object, ObjectId, Stream, dictionary};

use crate::model::Diagnostic;
use crate::pdf::document::PdfDocument;
use crate::pdf::page::PageContent;

pub(crate) struct Builder {
    pub doc: lopdf::Document,
    /// Entries added to the catalog (an `/AcroForm`, say).
    pub catalog: Dictionary,
    pages_id: ObjectId,
    kids: Vec<Object>,
}

impl Builder {
    pub fn new() -> Builder {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        Builder { doc, catalog: Dictionary::new(), pages_id, kids: Vec::new() }
    }

    pub fn add(&mut self, obj: impl Into<Object>) -> ObjectId {
        self.doc.add_object(obj.into())
    }

    pub fn stream(&mut self, dict: Dictionary, content: &[u8]) -> ObjectId {
        self.add(Stream::new(dict, content.to_vec()))
    }

    /// A page 612 × 792 (unless `extra` says otherwise) showing `content`.
    pub fn page(&mut self, content: &[u8], resources: Dictionary, extra: Dictionary) {
        let contents = self.stream(Dictionary::new(), content);
        self.page_with(contents.into(), resources, extra);
    }

    /// A page whose `/Contents` is `contents` (a stream or an array of them).
    pub fn page_with(&mut self, contents: Object, resources: Dictionary, extra: Dictionary) {
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => contents,
            "Resources" => resources,
        };
        for (k, v) in extra.iter() {
            page.set(k.clone(), v.clone());
        }
        let id = self.add(page);
        self.kids.push(id.into());
    }

    pub fn bytes(mut self) -> Vec<u8> {
        let count = self.kids.len() as i64;
        let pages = dictionary! { "Type" => "Pages", "Kids" => self.kids.clone(), "Count" => count };
        self.doc.objects.insert(self.pages_id, Object::Dictionary(pages));
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => self.pages_id };
        for (k, v) in self.catalog.iter() {
            catalog.set(k.clone(), v.clone());
        }
        let catalog = self.add(catalog);
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).expect("lopdf writes");
        out
    }

    pub fn open(self) -> PdfDocument {
        PdfDocument::open(&self.bytes()).expect("test PDF opens")
    }

    /// Helvetica without /Widths (standard-14 metrics), WinAnsiEncoding.
    pub fn helvetica(&mut self) -> ObjectId {
        self.add(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
        })
    }

    /// reportlab's STSong-Light: Type0, not embedded, the given predefined CMap,
    /// Adobe-GB1, widths 500 for the proportional and half-width Latin CIDs
    /// (1–95, 814–907), 462 for the proportional digits (17–26), 1000 else.
    pub fn stsong(&mut self, cmap: &str) -> ObjectId {
        let descriptor = self.add(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "STSong-Light", "Flags" => 6,
            "Ascent" => 880, "Descent" => -120, "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
        });
        let cid_font = self.add(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2,
            },
            "FontDescriptor" => descriptor, "DW" => 1000,
            "W" => vec![
                1.into(), 95.into(), 500.into(), 17.into(), 26.into(), 462.into(), 814.into(), 907.into(), 500.into(),
            ],
        });
        self.add(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => format!("STSong-Light-{cmap}").as_str(),
            "Encoding" => cmap, "DescendantFonts" => vec![cid_font.into()],
        })
    }
}

pub(crate) fn fonts(entries: &[(&str, ObjectId)]) -> Dictionary {
    let mut fonts = Dictionary::new();
    for (name, id) in entries {
        fonts.set(*name, *id);
    }
    dictionary! { "Font" => fonts }
}

/// The first page of a one-page PDF with `content` and `resources`.
pub(crate) fn run_page(b: Builder, content: &[u8], resources: Dictionary) -> (PageContent, Vec<Diagnostic>) {
    let mut b = b;
    b.page(content, resources, Dictionary::new());
    b.open().page(0).expect("page interprets")
}

pub(crate) fn text(page: &PageContent) -> String {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// Rounds to 0.01 for comparisons.
pub(crate) fn r(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
