//! The integration tests as one test binary: each file of this folder is a
//! module, so `cargo test` compiles and links one program instead of one per
//! file (linking the library into each was most of the suite's build time).
//! Run one file's tests by its module name, one test by its path:
//!
//!     cargo test --test all golden::
//!     cargo test --test all cli::bad_inputs_get_their_error_code_and_a_message_naming_the_file
//!
//! tests/hostile is a binary of its own: it counts the heap with its own
//! global allocator, which other tests running beside it would disturb.

/// The batch_paths fuzz target's checks, for the regression inputs it found.
#[path = "../../fuzz/src/batch_paths.rs"]
mod batch_paths;
#[path = "../common/mod.rs"]
mod common;
/// The ocr fuzz target's checks, for the regression inputs it found.
#[path = "../../fuzz/src/ocr.rs"]
mod fuzz_ocr;
/// The PDF builder the ocr fuzz target's checks use.
#[path = "../../fuzz/src/pdf_bytes.rs"]
mod pdf_bytes;

mod agreement;
mod batch;
mod cli;
mod compare;
mod compare_cli;
mod compare_html;
mod doc_agreement;
mod doc_corpus;
mod fuzz_regressions;
mod golden;
mod html_agreement;
mod inspect;
mod ocr;
mod ofd;
mod ofd_agreement;
mod pdf_interpreter;
mod rebuild;
mod report;
