//! The PDF front end: our own content interpreter and font decoding on top of
//! lopdf's objects and streams, then layout (characters → lines →
//! paragraphs) and the ruling-line table finder.
//!
//! `page` holds the data between the interpreter and layout; see its docs
//! for the coordinate convention.

pub mod page;
