//! The OFD front end (GB/T 33190, China's fixed-layout format): the zip of
//! XML read into the same [`crate::pdf::page::PageContent`] the PDF
//! interpreter produces, then laid out, table-found, cleared of running
//! headers and assembled by the PDF front end's back half, page by page
//! ([`crate::pdf::assemble::Assembler`]), so both formats read alike.
//!
//! - `package`: the container, `OFD.xml`, `Document.xml`, locations
//! - `xml`: parts as element trees
//! - `resources`: fonts, drawing parameters, composite units
//! - `font`: advance widths (embedded metrics or the CJK/Latin rule)
//! - `page`: templates, layers, text, paths, images → page content
//! - `path`: `AbbreviatedData` → the PDF path builder → rulings
//! - `errors`: the front end's error wording
//!
//! Annotations (stamps, watermarks, links), signatures (electronic seals)
//! and attached files are not body text: they are named in diagnostics
//! (`ofd.annotations`, `ofd.signatures`, `ofd.attachments`), not read.

mod errors;
mod font;
pub mod package;
mod page;
mod path;
mod resources;
mod xml;

use crate::error::{ErrorCode, Result};
use crate::model::{Diagnostic, Fragments};
use crate::pdf::page::PageContent;
use package::{DocumentInfo, OfdPackage, resolve};
use resources::Resources;

/// Reads an OFD's fragments: each page interpreted and laid out in turn
/// (only its laid-out lines and tables are kept), then assembled as a PDF's
/// are. A damaged page is left out with a warning; a document without any
/// text is `no text layer`.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // the fuzz targets and examples
pub fn read(bytes: &[u8]) -> Result<Fragments> {
    read_traced(bytes, None)
}

/// [`read`], recording each page's layout into `trace` when one is given.
pub fn read_traced(bytes: &[u8], trace: Option<&mut crate::pdf::trace::Trace>) -> Result<Fragments> {
    let mut assembler = crate::pdf::assemble::Assembler::traced(trace);
    let diagnostics = each_page(bytes, |page| assembler.add(page))?;
    let total = assembler.pages();
    let mut fragments = crate::pdf::finish(assembler, diagnostics, "OFD", None)?;
    fragments.pages = Some(u32::try_from(total).unwrap_or(u32::MAX));
    Ok(fragments)
}

/// Every page's content (glyphs and rulings in points, y down) and the
/// diagnostics of reading them: what layout receives.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // tests/all/ofd.rs and examples/ofd_svg
pub fn pages(bytes: &[u8]) -> Result<(Vec<PageContent>, Vec<Diagnostic>)> {
    let mut pages = Vec::new();
    let diagnostics = each_page(bytes, |page| {
        pages.push(page);
        Ok(())
    })?;
    Ok((pages, diagnostics))
}

/// Hands every page's content to `take`, in order, and returns the
/// diagnostics of reading them.
fn each_page(bytes: &[u8], mut take: impl FnMut(PageContent) -> Result<()>) -> Result<Vec<Diagnostic>> {
    let mut package = OfdPackage::open(bytes)?;
    let documents = package.documents()?;
    let mut count = 0usize;
    let mut diagnostics = Vec::new();
    if documents.len() > 1 {
        diagnostics.push(Diagnostic::info(
            "ofd.documents",
            format!("the OFD holds {} documents; their pages are read one after another", documents.len()),
        ));
    }
    let total: usize = documents.iter().map(|d| d.pages.len()).sum();
    let mut unreadable = 0;
    for document in &documents {
        let mut resources = Resources::default();
        for location in &document.resources {
            resources.load(&mut package, location, &mut diagnostics);
        }
        let first_page = count;
        let mut ctx = page::Context::new(&mut package, document, resources);
        for page_ref in &document.pages {
            count += 1;
            let number = u32::try_from(count).unwrap_or(u32::MAX);
            match page::read(&mut ctx, &page_ref.content, number) {
                Ok((page, page_diagnostics)) => {
                    diagnostics.extend(page_diagnostics);
                    // A page printed sideways is turned upright, as for PDF.
                    let (page, turned) = crate::pdf::rotation::to_reading_orientation(page);
                    diagnostics.extend(turned);
                    take(page)?;
                }
                Err(e) if e.code == ErrorCode::Corrupt && total > 1 => {
                    unreadable += 1;
                    diagnostics.push(
                        Diagnostic::warning(
                            "ofd.page_unreadable",
                            format!("page {number} was left out: {}", e.message),
                        )
                        .on_page(Some(number)),
                    );
                    take(PageContent { number, ..Default::default() })?;
                }
                Err(e) => return Err(e),
            }
        }
        annotations(&mut package, document, first_page, &mut diagnostics);
        signatures(&mut package, document, &mut diagnostics);
        attachments(&mut package, document, &mut diagnostics);
    }
    if total > 0 && unreadable == total {
        return Err(errors::no_readable_page());
    }
    Ok(diagnostics)
}

/// Annotations per page, by type: noted, not read (a `Watermark` or `Stamp`
/// is not the document's text).
fn annotations(package: &mut OfdPackage<'_>, document: &DocumentInfo, first_page: usize, out: &mut Vec<Diagnostic>) {
    let Some(location) = &document.annotations else { return };
    let list = match package.xml(location) {
        Ok(Some(list)) => list,
        Ok(None) => {
            let message =
                format!("Document.xml names the annotation list {location}, which is missing; no annotation was read");
            out.push(Diagnostic::warning("ofd.annotations", message));
            return;
        }
        Err(e) => {
            let message = format!("the annotation list {location} could not be read ({})", e.message);
            out.push(Diagnostic::warning("ofd.annotations", message));
            return;
        }
    };
    for page in list.children_named("Page") {
        let Some(file) = page.child_text("FileLoc") else { continue };
        let index = document.pages.iter().position(|p| Some(p.id.as_str()) == page.attr("PageID").map(str::trim));
        let number = index.map(|i| u32::try_from(first_page + i + 1).unwrap_or(u32::MAX));
        let annots = match package.xml(&resolve(location, file)) {
            Ok(Some(node)) => node,
            _ => continue,
        };
        let mut kinds: Vec<String> =
            annots.children_named("Annot").map(|a| a.attr("Type").unwrap_or("?").to_string()).collect();
        if kinds.is_empty() {
            continue;
        }
        let count = kinds.len();
        kinds.sort();
        kinds.dedup();
        out.push(
            Diagnostic::info(
                "ofd.annotations",
                format!("{count} annotation(s) ({}) were left out: they are not the document's text", kinds.join(", ")),
            )
            .on_page(number),
        );
    }
}

/// Attached files (an e-invoice's original XML, a picture): named, not read.
fn attachments(package: &mut OfdPackage<'_>, document: &DocumentInfo, out: &mut Vec<Diagnostic>) {
    let Some(location) = &document.attachments else { return };
    let names: Vec<String> = match package.xml(location) {
        Ok(Some(list)) => list
            .children_named("Attachment")
            .map(|a| {
                let name = a.attr("Name").unwrap_or("").trim();
                let format = a.attr("Format").map(|f| format!(".{}", f.trim())).unwrap_or_default();
                format!("{name}{format}")
            })
            .collect(),
        _ => {
            out.push(Diagnostic::warning(
                "ofd.attachments",
                format!("the attachment list {location} could not be read"),
            ));
            return;
        }
    };
    if !names.is_empty() {
        out.push(Diagnostic::info(
            "ofd.attachments",
            format!("{} attached file(s) were not read: {}", names.len(), names.join(", ")),
        ));
    }
}

/// Electronic signatures and seals: noted; their seal images are not text and
/// their validity is not checked.
fn signatures(package: &mut OfdPackage<'_>, document: &DocumentInfo, out: &mut Vec<Diagnostic>) {
    let Some(location) = &document.signatures else { return };
    let count = match package.xml(location) {
        Ok(Some(list)) => list.children_named("Signature").count(),
        _ => {
            out.push(Diagnostic::warning("ofd.signatures", format!("the signature list {location} could not be read")));
            return;
        }
    };
    if count > 0 {
        out.push(Diagnostic::info(
            "ofd.signatures",
            format!("the OFD carries {count} electronic signature(s) or seal(s); seals are images, not text, and signatures were not verified"),
        ));
    }
}
