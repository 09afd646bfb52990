//! The legacy Word (.doc) front end on arbitrary bytes: must return Ok or
//! Err, never panic, hang or run out of memory (bogus piece tables, FKPs,
//! row definitions). Seeds: samples/*.doc and ../shared/corpora/docx/doc.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = govdoc::doc::read(data);
});
