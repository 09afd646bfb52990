#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The document budget convert_bytes runs under, so a blow-up the
    // budget misses shows as a timeout or RSS failure, not a slow pass.
    let _ = govdoc::budget::scope(govdoc::budget::Limits::default(), || govdoc::pdf::read(data));
});
