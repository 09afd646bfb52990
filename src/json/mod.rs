//! The serializer: a converted document as the SPEC's "govdoc/1" JSON value,
//! and that value as canonical text (see [`canonical`]).

pub mod canonical;

use serde_json::{Value, json};

use crate::document::Document;

pub const SCHEMA: &str = "govdoc/1";

/// The document as the SPEC's top-level object, every key present.
pub fn to_value(document: &Document) -> Value {
    json!({
        "schema": SCHEMA,
        "source": document.source,
        "title": document.title,
        "blocks": document.blocks,
        "report": document.report,
        "diagnostics": document.diagnostics,
    })
}
