//! PDF files written byte by byte for the targets that wrap their input in
//! one (`pdf_content`, `ocr`). Its own file so that
//! tests/fuzz_regressions.rs builds the same files from the saved inputs.

/// A stream object's body: `<< {dict}/Length n >>` and the stream.
pub fn stream_object(dict: &str, stream: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict}/Length {} >>\nstream\n", stream.len()).into_bytes();
    body.extend_from_slice(stream);
    body.extend_from_slice(b"\nendstream");
    body
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with its
/// cross-reference table.
pub fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for body in objects {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).as_bytes(),
    );
    out
}
