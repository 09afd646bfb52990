//! The OFD front end on arbitrary bytes: must return Ok or Err, never panic,
//! hang or run out of memory. Seeds: samples/*.ofd and ../shared/corpora/ofd.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = govdoc::ofd::read(data);
});
