//! The HTML and MHTML front end on arbitrary bytes: must return Ok or Err,
//! never panic, hang or run out of memory (deep nesting, absurd spans,
//! broken MIME). Seeds: samples/*.html and samples/*.mht.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = govdoc::html::read(data);
    let _ = govdoc::html::read_mhtml(data);
});
