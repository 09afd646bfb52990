//! Flate data inflated as far as it goes. A damaged deflate stream (a bad
//! distance code, a block cut short) still holds everything that inflated
//! before the error; poppler and pdf.js keep those bytes, and so does this
//! reader: the page's text up to the damage is shown, and the caller says
//! how much was read in a `pdf.damaged` warning.

use flate2::{Decompress, FlushDecompress, Status};

/// Output grown by at most this much per call, so no more is allocated
/// than the data needs (a bomb is caught by the limit, not by memory).
const CHUNK: usize = 64 << 10;
/// An error within this many bytes of the input's end lies in the zlib
/// trailer (the Adler-32 checksum): every byte of data was inflated.
const TRAILER_BYTES: usize = 4;

/// What a damaged stream gave before its error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Compressed bytes read before the error, and the stream's length.
    pub read: usize,
    pub total: usize,
    /// Bytes inflated before the error (kept).
    pub kept: usize,
    /// The decoder's word for the damage ("invalid distance too far back").
    pub error: String,
}

impl Cut {
    /// "damaged at byte 256 of 881 (invalid distance too far back): the 295
    /// bytes inflated before the damage were kept, the rest is lost".
    pub fn describe(&self) -> String {
        format!(
            "a Flate stream is damaged at byte {} of {} ({}): the {} byte(s) inflated before the damage were kept, the rest is lost",
            self.read, self.total, self.error, self.kept
        )
    }
}

/// The stream inflated, and where it broke off if it is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inflated {
    pub data: Vec<u8>,
    pub cut: Option<Cut>,
}

/// The inflated data would be longer than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OverLimit;

/// Inflates zlib data, keeping what comes out before any error. Data whose
/// zlib header is damaged is read as raw deflate after the two header bytes
/// (as lopdf does). Data that just ends (no end-of-stream block) is taken as
/// it is: nothing after it was there to lose.
pub(crate) fn inflate(input: &[u8], limit: usize) -> Result<Inflated, OverLimit> {
    let zlib = run(Decompress::new(true), input, limit)?;
    if zlib.cut.is_some() && zlib.data.is_empty() && input.len() > 2 {
        let raw = run(Decompress::new(false), &input[2..], limit)?;
        if !raw.data.is_empty() {
            let cut = raw.cut.map(|c| Cut { read: c.read + 2, total: input.len(), ..c });
            return Ok(Inflated { data: raw.data, cut });
        }
    }
    Ok(zlib)
}

fn run(mut decoder: Decompress, input: &[u8], limit: usize) -> Result<Inflated, OverLimit> {
    let mut data: Vec<u8> = Vec::new();
    loop {
        let read = usize::try_from(decoder.total_in()).unwrap_or(usize::MAX).min(input.len());
        let written = data.len();
        // One byte past the limit tells "over" from "exactly at it".
        let room = limit.saturating_add(1).saturating_sub(written).min(CHUNK);
        if room == 0 {
            return Err(OverLimit);
        }
        data.reserve(room);
        match decoder.decompress_vec(&input[read..], &mut data, FlushDecompress::None) {
            Ok(Status::StreamEnd) => break,
            Ok(_) => {
                let now_read = usize::try_from(decoder.total_in()).unwrap_or(usize::MAX);
                if now_read == read && data.len() == written && data.len() < data.capacity() {
                    break; // no progress with room to spare: the input ended
                }
            }
            Err(e) => {
                let read = usize::try_from(decoder.total_in()).unwrap_or(usize::MAX).min(input.len());
                if read + TRAILER_BYTES >= input.len() && !data.is_empty() {
                    break; // a bad checksum: the data itself is whole
                }
                // zlib-rs names some damage only by the state it left
                // ("repeated call with bad state"): that says nothing of the data.
                let error = match e.message() {
                    Some(m) if !m.contains("bad state") => m.to_string(),
                    _ => "corrupt deflate data".to_string(),
                };
                if data.len() > limit {
                    return Err(OverLimit);
                }
                let kept = data.len();
                return Ok(Inflated { data, cut: Some(Cut { read, total: input.len(), kept, error }) });
            }
        }
    }
    if data.len() > limit {
        return Err(OverLimit);
    }
    Ok(Inflated { data, cut: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::ZlibEncoder};
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).expect("in memory");
        e.finish().expect("in memory")
    }

    /// Text that deflates into back-references (so a damaged byte late in
    /// the data breaks a distance, as in real damaged streams).
    fn page_text() -> Vec<u8> {
        (0..400).map(|k| format!("BT /F1 12 Tf 72 {} Td (Line {k} of the page) Tj ET\n", 700 - k)).collect::<String>().into_bytes()
    }

    #[test]
    fn whole_data_inflates_without_a_cut() {
        let text = page_text();
        let got = inflate(&deflate(&text), 1 << 20).expect("under the limit");
        assert_eq!(got, Inflated { data: text, cut: None });
    }

    #[test]
    fn damaged_data_keeps_what_inflated_before_the_damage() {
        // Two deflate blocks, the second one's header damaged into the
        // reserved block type 3: inflating stops where it starts.
        let text = page_text();
        let half = text.len() / 2;
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(&text[..half]).expect("in memory");
        e.flush().expect("in memory"); // a sync flush: the next block starts on a byte
        let at = e.get_ref().len();
        e.write_all(&text[half..]).expect("in memory");
        let mut z = e.finish().expect("in memory");
        z[at] = 0x06; // BFINAL 0, BTYPE 11
        let got = inflate(&z, 1 << 20).expect("under the limit");
        assert_eq!(got.data, &text[..half], "what inflated before the damage, all of it");
        let cut = got.cut.expect("the damage is reported");
        assert_eq!((cut.read, cut.total, cut.kept), (at + 1, z.len(), half));
        assert_eq!(
            cut.describe(),
            format!(
                "a Flate stream is damaged at byte {} of {} (invalid block type): the {half} byte(s) inflated before the damage were kept, the rest is lost",
                at + 1,
                z.len()
            )
        );
    }

    #[test]
    fn a_bad_checksum_or_a_missing_end_loses_nothing() {
        let text = page_text();
        let mut z = deflate(&text);
        let n = z.len();
        z[n - 1] ^= 0x55; // Adler-32 wrong
        assert_eq!(inflate(&z, 1 << 20).expect("under the limit"), Inflated { data: text.clone(), cut: None });
        z.truncate(n - 4); // no checksum at all
        assert_eq!(inflate(&z, 1 << 20).expect("under the limit"), Inflated { data: text, cut: None });
    }

    #[test]
    fn a_bad_zlib_header_is_read_as_raw_deflate_and_garbage_gives_nothing() {
        let text = page_text();
        let mut z = deflate(&text);
        z[0] = 0x00; // not a zlib header
        assert_eq!(inflate(&z, 1 << 20).expect("under the limit").data, text);
        let garbage = inflate(b"not compressed at all", 1 << 20).expect("under the limit");
        assert!(garbage.data.is_empty() && garbage.cut.is_some(), "{garbage:?}");
    }

    #[test]
    fn output_past_the_limit_is_refused() {
        let zeros = deflate(&vec![0u8; 1 << 20]);
        assert_eq!(inflate(&zeros, 1000), Err(OverLimit));
        assert_eq!(inflate(&zeros, 1 << 20).expect("exactly at the limit").data.len(), 1 << 20);
    }
}
