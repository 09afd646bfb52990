#![no_main]
//! The CMap parser, then lookups of codes split by its own codespace.
use libfuzzer_sys::fuzz_target;
use govdoc::pdf::font::cmap::CMap;

fuzz_target!(|data: &[u8]| {
    let cmap = CMap::parse(data);
    let mut rest = data;
    let mut steps = 0;
    while let Some((code, len)) = cmap.codespace.next_code(rest) {
        let _ = cmap.unicode(code);
        let _ = cmap.cid(code, len as u8);
        rest = &rest[len.max(1).min(rest.len())..];
        steps += 1;
        if rest.is_empty() || steps > 10_000 {
            break;
        }
    }
});
