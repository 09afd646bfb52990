//! Resource files (`PublicRes.xml`, `DocumentRes.xml`, a page's `PageRes`):
//! fonts, drawing parameters (`DrawParam`: line width and colours an object
//! inherits) and composite graphic units (`CompositeGraphicUnit`: reusable
//! drawings placed by `CompositeObject`). Resource IDs are unique in a
//! document, so one table serves every page. Colour spaces, multimedia and
//! shadings are not needed for text and rulings and are not kept.

use std::collections::HashMap;
use std::rc::Rc;

use super::font::{OfdFont, name_says_bold};
use super::package::{OfdPackage, resolve};
use super::xml::Node;
use crate::model::Diagnostic;

/// A drawing parameter: what objects naming it inherit.
#[derive(Debug, Clone, Default)]
pub struct DrawParam {
    pub line_width: Option<f32>,
    pub fill: Option<Node>,
    pub stroke: Option<Node>,
    /// The parameter this one refines (`Relative`).
    pub relative: Option<String>,
}

#[derive(Debug, Default)]
pub struct Resources {
    pub fonts: HashMap<String, OfdFont>,
    pub draw_params: HashMap<String, DrawParam>,
    /// Composite graphic units: their `Content` element.
    pub composites: HashMap<String, Rc<Node>>,
    /// Resource files already loaded.
    loaded: Vec<String>,
}

impl Resources {
    /// Loads the resource file at `location` once; a missing or damaged one
    /// costs its fonts and parameters (a warning), not the document.
    pub fn load(&mut self, package: &mut OfdPackage<'_>, location: &str, diagnostics: &mut Vec<Diagnostic>) {
        if self.loaded.iter().any(|l| l.eq_ignore_ascii_case(location)) {
            return;
        }
        self.loaded.push(location.to_string());
        let root = match package.xml(location) {
            Ok(Some(root)) => root,
            Ok(None) => {
                diagnostics.push(Diagnostic::warning(
                    "ofd.resource_missing",
                    format!("the resource file {location} is missing; its fonts are read by name only"),
                ));
                return;
            }
            Err(e) => {
                diagnostics.push(Diagnostic::warning(
                    "ofd.resource_damaged",
                    format!(
                        "the resource file {location} could not be read ({}); its fonts are read by name only",
                        e.message
                    ),
                ));
                return;
            }
        };
        // Files the resources name live under BaseLoc, itself relative to
        // the resource file.
        let base = match root.attr("BaseLoc") {
            Some(b) if !b.trim().is_empty() => resolve(location, &format!("{}/x", b.trim().trim_end_matches('/'))),
            _ => location.to_string(),
        };
        for group in &root.children {
            for item in &group.children {
                let Some(id) = item.attr("ID").map(|s| s.trim().to_string()) else { continue };
                match item.name.as_str() {
                    "Font" => {
                        let name = item.attr("FontName").or(item.attr("FamilyName")).unwrap_or("").trim().to_string();
                        let bold = item.flag("Bold").unwrap_or(false) || name_says_bold(&name);
                        let file = item.child_text("FontFile").map(|f| find(package, &base, location, f));
                        self.fonts.insert(id, OfdFont::new(name, bold, file));
                    }
                    "DrawParam" => {
                        let param = DrawParam {
                            line_width: item.num("LineWidth"),
                            fill: item.child("FillColor").cloned(),
                            stroke: item.child("StrokeColor").cloned(),
                            relative: item.attr("Relative").map(|r| r.trim().to_string()),
                        };
                        self.draw_params.insert(id, param);
                    }
                    "CompositeGraphicUnit" => {
                        if let Some(content) = item.child("Content") {
                            self.composites.insert(id, Rc::new(content.clone()));
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A font by ID, its embedded file read on first use.
    pub fn font(&mut self, package: &mut OfdPackage<'_>, id: &str) -> Option<&mut OfdFont> {
        let font = self.fonts.get_mut(id)?;
        if font.needs_data() {
            let bytes = font.file.as_deref().and_then(|f| package.bytes(f).ok().flatten());
            font.set_data(bytes);
        }
        Some(font)
    }

    /// A drawing parameter's chain, nearest first (cycles cut).
    pub fn draw_param_chain(&self, id: Option<&str>) -> Vec<&DrawParam> {
        let mut chain = Vec::new();
        let mut next = id.map(str::to_string);
        while let Some(id) = next {
            let Some(p) = self.draw_params.get(&id) else { break };
            if chain.len() >= 16 || chain.iter().any(|q: &&DrawParam| std::ptr::eq(*q, p)) {
                break;
            }
            chain.push(p);
            next = p.relative.clone();
        }
        chain
    }
}

/// Where a file a resource names is: under BaseLoc as the standard says,
/// else beside the resource file or from the root, as some producers write it.
fn find(package: &OfdPackage<'_>, base: &str, location: &str, file: &str) -> String {
    let candidates = [resolve(base, file), resolve(location, file), resolve("", file)];
    candidates.iter().find(|c| package.has(c)).cloned().unwrap_or_else(|| candidates[0].clone())
}
