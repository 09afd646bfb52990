//! The PDF front end: our own content interpreter and font decoding on top of
//! lopdf's objects and streams, then layout (characters → lines →
//! paragraphs) and the ruling-line table finder.
//!
//! - `document`: loading, decryption, page tree, page boxes, resource limits
//! - `font`: fonts → Unicode and advance widths (ToUnicode, predefined CJK
//!   CMaps, embedded font cmaps, simple encodings)
//! - `content`: the content-stream interpreter → [`page::PageContent`]
//! - `page`: the data between the interpreter and layout
//! - `tables`: ruling lines → table grids, characters into cells
//! - `layout`: characters outside tables → lines → paragraphs
//! - `furniture`: running headers, footers and page numbers removed

pub mod content;
pub mod document;
pub mod font;
pub mod furniture;
pub mod layout;
pub mod page;
pub mod tables;
