//! The errors the OFD front end raises, worded once: what happened to the
//! file and what the user can do about it.

use crate::error::{Error, ErrorCode};

/// GM/T 0099 encryption (an `Encryptions.xml` entry or element).
pub fn encrypted() -> Error {
    Error::new(
        ErrorCode::Encrypted,
        "the OFD is encrypted (GM/T 0099: its pages are ciphertext); open it in an OFD reader with the key and export an unprotected copy",
    )
}

/// Every page failed to read.
pub fn no_readable_page() -> Error {
    Error::corrupt("no page of the OFD could be read; the file is damaged — export it again")
}

/// A page's content file named by Document.xml is absent.
pub fn missing_page(location: &str) -> Error {
    Error::corrupt(format!("the page content {location} is missing from the OFD container"))
}
