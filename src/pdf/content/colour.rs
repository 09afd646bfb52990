//! Colour spaces, only as far as one question needs: does this colour leave
//! ink on white paper? A table drawn in a spot colour (`/CS0 CS 1 SCN` in a
//! Separation space is full ink) or with white lines over shaded cells is
//! read only if white is told from ink in every space:
//!
//! - DeviceGray, CalGray: 1 is white; DeviceRGB, CalRGB, Lab (L = 100 with
//!   a = b = 0 counts as white only when given as 100 0 0): every component 1;
//!   DeviceCMYK: every component 0.
//! - Separation and DeviceN: components are tints, 0 is no ink, 1 full ink
//!   (a tint space named /None paints nothing; /All is registration ink).
//! - ICCBased: as the device space of its component count (N).
//! - Indexed: white when the lookup entry is white in the base space.
//! - Pattern and anything unknown: ink.

use lopdf::{Dictionary, Object};

use crate::pdf::document::PdfDocument;

/// A colour component at least this close to its white value is white.
const WHITE_EPSILON: f32 = 0.01;
/// How deep colour-space definitions may nest (Indexed over ICCBased …).
const MAX_DEPTH: usize = 4;

/// What the interpreter keeps of a colour space.
#[derive(Debug, Clone, PartialEq)]
pub enum Space {
    Gray,
    Rgb,
    Cmyk,
    Lab,
    /// Separation or DeviceN: tints.
    Tint,
    /// A Separation named /None: never any ink.
    NoInk,
    /// Indexed: the base space and the lookup table's bytes.
    Indexed(Box<Space>, Vec<u8>),
    /// Pattern or a space we do not know: counted as ink.
    Other,
}

impl Space {
    /// The space `cs`/`CS` selects: a device family name, or an entry of
    /// the resources' /ColorSpace dictionary.
    pub fn from_name(pdf: &PdfDocument, resources: Option<&Dictionary>, name: &[u8]) -> Space {
        if let Some(space) = device(name) {
            return space;
        }
        let entry =
            resources.and_then(|r| pdf.get(r, b"ColorSpace")).and_then(|o| pdf.dict(o)).and_then(|d| pdf.get(d, name));
        entry.map_or(Space::Other, |o| Space::from_object(pdf, o, 0))
    }

    fn from_object(pdf: &PdfDocument, obj: &Object, depth: usize) -> Space {
        if depth > MAX_DEPTH {
            return Space::Other;
        }
        let Some(obj) = pdf.resolve(obj) else { return Space::Other };
        if let Some(name) = pdf.name(obj) {
            return device(name).unwrap_or(Space::Other);
        }
        let Object::Array(items) = obj else { return Space::Other };
        let Some(family) = items.first().and_then(|o| pdf.name(o)) else { return Space::Other };
        match family {
            b"Separation" => match items.get(1).and_then(|o| pdf.name(o)) {
                Some(b"None") => Space::NoInk,
                _ => Space::Tint,
            },
            b"DeviceN" => Space::Tint,
            b"ICCBased" => {
                let n =
                    items.get(1).and_then(|o| pdf.dict(o)).and_then(|d| pdf.get(d, b"N")).and_then(|o| pdf.number(o));
                match n.map(|n| n.round() as i64) {
                    Some(1) => Space::Gray,
                    Some(3) => Space::Rgb,
                    Some(4) => Space::Cmyk,
                    _ => Space::Other,
                }
            }
            b"CalGray" => Space::Gray,
            b"CalRGB" => Space::Rgb,
            b"Lab" => Space::Lab,
            b"Indexed" | b"I" => {
                let base = items.get(1).map_or(Space::Other, |o| Space::from_object(pdf, o, depth + 1));
                let lookup = match items.get(3).and_then(|o| pdf.resolve(o)) {
                    Some(Object::String(bytes, _)) => bytes.clone(),
                    Some(Object::Stream(s)) => pdf.stream_data(s).unwrap_or_default(),
                    _ => Vec::new(),
                };
                Space::Indexed(Box::new(base), lookup)
            }
            _ => Space::Other,
        }
    }

    /// Components of this space's base colour count (for Indexed lookups).
    fn components(&self) -> Option<usize> {
        match self {
            Space::Gray => Some(1),
            Space::Rgb | Space::Lab => Some(3),
            Space::Cmyk => Some(4),
            _ => None,
        }
    }

    /// Whether `values` in this space paint white (or nothing): invisible on
    /// paper. Too few values count as ink.
    pub fn is_white(&self, values: &[f32]) -> bool {
        let near = |v: f32, white: f32| (v - white).abs() <= WHITE_EPSILON;
        match self {
            Space::Gray => values.len() == 1 && near(values[0], 1.0),
            Space::Rgb => values.len() == 3 && values.iter().all(|&v| near(v, 1.0)),
            Space::Cmyk => values.len() == 4 && values.iter().all(|&v| near(v, 0.0)),
            Space::Lab => values.len() == 3 && near(values[0], 100.0) && near(values[1], 0.0) && near(values[2], 0.0),
            Space::Tint => !values.is_empty() && values.iter().all(|&v| v <= WHITE_EPSILON),
            Space::NoInk => true,
            Space::Indexed(base, lookup) => {
                let (Some(n), Some(&index)) = (base.components(), values.first()) else { return false };
                let at = (index.max(0.0).round() as usize).saturating_mul(n);
                let Some(bytes) = lookup.get(at..at + n) else { return false };
                let colour: Vec<f32> = match **base {
                    // Lab lookups are scaled into the ranges; treat as ink.
                    Space::Lab => return false,
                    _ => bytes.iter().map(|&b| f32::from(b) / 255.0).collect(),
                };
                base.is_white(&colour)
            }
            Space::Other => false,
        }
    }
}

/// The device families by name (also as `cs` operands).
fn device(name: &[u8]) -> Option<Space> {
    match name {
        b"DeviceGray" | b"G" | b"CalGray" => Some(Space::Gray),
        b"DeviceRGB" | b"RGB" | b"CalRGB" => Some(Space::Rgb),
        b"DeviceCMYK" | b"CMYK" => Some(Space::Cmyk),
        b"Pattern" => Some(Space::Other),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_in_each_space() {
        assert!(Space::Gray.is_white(&[1.0]));
        assert!(!Space::Gray.is_white(&[0.5]));
        assert!(Space::Rgb.is_white(&[1.0, 1.0, 1.0]));
        assert!(!Space::Rgb.is_white(&[1.0, 1.0, 0.0]));
        assert!(Space::Cmyk.is_white(&[0.0, 0.0, 0.0, 0.0]));
        assert!(!Space::Cmyk.is_white(&[0.0, 0.0, 0.0, 1.0]));
        // A spot colour at full tint is full ink, not white.
        assert!(!Space::Tint.is_white(&[1.0]));
        assert!(Space::Tint.is_white(&[0.0]));
        assert!(!Space::Tint.is_white(&[0.0, 0.3]));
        assert!(Space::NoInk.is_white(&[1.0]));
        assert!(!Space::Other.is_white(&[1.0]));
        assert!(Space::Lab.is_white(&[100.0, 0.0, 0.0]));
        let indexed = Space::Indexed(Box::new(Space::Rgb), vec![0, 0, 0, 255, 255, 255]);
        assert!(!indexed.is_white(&[0.0]));
        assert!(indexed.is_white(&[1.0]));
        assert!(!indexed.is_white(&[7.0]));
    }
}
