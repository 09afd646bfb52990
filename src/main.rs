//! The `govdoc` command: argument parsing and printing over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;
use cli::convert;

/// The exit statuses, shown by `--help` of every subcommand.
const EXIT_STATUS_HELP: &str = "Exit status:
  0    every file converted (warnings are printed and do not fail, unless --strict)
  1    a file could not be converted, an output could not be written, or --strict and warnings
  2    usage error: bad arguments, several FILEs without -o DIR or --jsonl,
       a batch INPUT that is not a folder or .zip, a --summary folder that does not exist
  130  interrupted by Ctrl-C (a batch writes its logs and summary for the files done)

Output follows the data contract in SPEC.md (schema govdoc/1).";

/// Exit status for a file that could not be converted (usage errors are 2).
const EXIT_FAILED: u8 = 1;

#[derive(Parser)]
#[command(
    name = "govdoc",
    version,
    about = "Official Chinese government documents (DOCX, PDF, Markdown) to canonical JSON",
    after_help = EXIT_STATUS_HELP
)]
struct Cli {
    /// Print only errors: no warnings, progress or totals.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to read pages by OCR (Tesseract 5 with chi_sim, found on PATH):
    /// auto = pages without a text layer or with only unmapped characters;
    /// always = every page; never = a scan is an error `no text layer`.
    /// Default: $GOVDOC_OCR, else auto.
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    ocr: Option<OcrArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert documents to JSON: one FILE to stdout (or -o OUT.json), several
    /// FILEs to a folder (-o DIR) or to stdout as JSON Lines (--jsonl).
    #[command(after_help = EXIT_STATUS_HELP)]
    Convert {
        /// Documents to convert: DOCX, PDF or Markdown (.md, .markdown, .txt);
        /// the format is told from the content. `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// One FILE: write the JSON here (atomically); `-` is stdout. Several
        /// FILEs: an output folder (created if missing) that gets
        /// <file name>.json for each (a.pdf → DIR/a.pdf.json).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Write one compact JSON document per line on stdout (JSON Lines),
        /// for any number of FILEs.
        #[arg(long, conflicts_with_all = ["output", "compact"])]
        jsonl: bool,
        /// RFC 8785 canonical bytes instead of pretty JSON.
        #[arg(long)]
        compact: bool,
        /// Exit with status 1 when the conversion has warnings (the JSON is
        /// still written, so the warnings can be read in it).
        #[arg(long)]
        strict: bool,
    },
    /// Convert every document below a folder or inside a .zip, in parallel:
    /// OUTDIR/<relative path>.json each, failures in OUTDIR/errors.jsonl.
    #[command(after_help = EXIT_STATUS_HELP)]
    Batch {
        /// A folder (searched recursively, zips inside expanded) or a .zip;
        /// .docx, .pdf, .md and .txt (read as Markdown) are converted.
        #[arg(value_name = "INPUT")]
        input: PathBuf,
        /// The output folder.
        #[arg(short, long, value_name = "OUTDIR")]
        output: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
        jobs: Option<u32>,
        /// Convert again files whose output records the same source sha256.
        #[arg(long)]
        force: bool,
        /// One line per file.
        #[arg(long)]
        verbose: bool,
        /// Also write the summary CSV of the recognized reports here.
        #[arg(long, value_name = "stats.csv")]
        summary: Option<PathBuf>,
        /// Exit with status 1 when any output has warnings (they are listed
        /// in OUTDIR/warnings.jsonl; the outputs are still written).
        #[arg(long)]
        strict: bool,
        /// Also write the panel of the recognized reports here: one row per
        /// statistic (agency, year, template, source, key, value, unit), and
        /// the failed cross-year checks of each agency's consecutive years in
        /// <panel>-checks.csv beside it.
        #[arg(long, value_name = "panel.csv")]
        panel: Option<PathBuf>,
        /// Renamed agencies for the panel: lines `old name,new name`.
        #[arg(long, value_name = "FILE", requires = "panel")]
        aliases: Option<PathBuf>,
    },
    /// Compare two reports of one agency (documents or their JSON outputs):
    /// statistics side by side, text diffed, cross-year checks.
    #[command(after_help = EXIT_STATUS_HELP)]
    Compare {
        /// The earlier report (year N-1): any document govdoc reads, or its JSON output.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later report (year N).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Write the comparison JSON here (`-` is stdout, the default
        /// without --html).
        #[arg(short, long, value_name = "OUT.json")]
        output: Option<PathBuf>,
        /// Write a self-contained HTML page of the comparison here.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
        /// Renamed agencies: lines `old name,new name`.
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
    },
    /// Build the panel CSV from a folder of govdoc JSON outputs (a batch's
    /// OUTDIR): one row per statistic, cross-year checks in <panel>-checks.csv.
    #[command(after_help = EXIT_STATUS_HELP)]
    Panel {
        /// A folder of JSON outputs (searched recursively).
        #[arg(value_name = "DIR")]
        input: PathBuf,
        /// The panel CSV to write.
        #[arg(short, long, value_name = "panel.csv")]
        output: PathBuf,
        /// Renamed agencies: lines `old name,new name`.
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
    },
    /// Write one self-contained HTML page showing how a document was read:
    /// pages with glyphs, lines, rulings, table cells, removed furniture and
    /// diagnostics; the blocks beside them; the report with each value
    /// linked to its cell. Open it in any browser.
    Inspect {
        /// The document (PDF, OFD, DOCX or Markdown); `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the page (default FILE.html beside the input;
        /// standard input → stdout); `-` is stdout.
        #[arg(short, long, value_name = "OUT.html")]
        output: Option<PathBuf>,
        /// Draw each PDF page's rendering underneath (needs a govdoc built
        /// with the `render` feature; about 10× slower than without).
        #[arg(long)]
        render: bool,
    },
    /// Print a shell completion script, generated from these definitions:
    /// `govdoc completions bash > /etc/bash_completion.d/govdoc`.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions:
    /// `govdoc man > /usr/local/share/man/man1/govdoc.1`.
    Man,
    /// Convert every sample and compare with GOLDEN/<file name>.json.
    #[command(after_help = EXIT_STATUS_HELP)]
    Golden {
        /// The folder of sample documents (.docx, .pdf, .md directly in it).
        #[arg(value_name = "SAMPLES")]
        samples: PathBuf,
        /// The folder of expected outputs: GOLDEN/<sample file name>.json
        /// (samples/a.pdf → GOLDEN/a.pdf.json).
        #[arg(value_name = "GOLDEN")]
        golden: PathBuf,
        /// Rewrite the golden files (refused when CI is set).
        #[arg(long)]
        bless: bool,
    },
}

/// `--ocr`'s values.
#[derive(Clone, Copy, clap::ValueEnum)]
enum OcrArg {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `GOVDOC_OCR` sets the default for runs driven by scripts (the corpora
    // ratchet measures the text layer alone with `never`).
    let from_env = std::env::var("GOVDOC_OCR").ok().and_then(|v| match v.as_str() {
        "auto" => Some(OcrArg::Auto),
        "always" => Some(OcrArg::Always),
        "never" => Some(OcrArg::Never),
        _ => None,
    });
    govdoc::set_ocr_mode(match cli.ocr.or(from_env).unwrap_or(OcrArg::Auto) {
        OcrArg::Auto => govdoc::OcrMode::Auto,
        OcrArg::Always => govdoc::OcrMode::Always,
        OcrArg::Never => govdoc::OcrMode::Never,
    });
    match cli.command {
        Command::Convert { files, output, jsonl, compact, strict } => {
            let style = if jsonl {
                convert::Style::JsonLines
            } else if compact {
                convert::Style::Compact
            } else {
                convert::Style::Pretty
            };
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            // One file needs no handler (Ctrl-C ends it and the atomic write
            // leaves no half file); the handler's thread costs every run.
            if files.len() > 1 {
                install_interrupt_handler(&stop);
            }
            convert::run(&files, output.as_deref(), style, strict, cli.quiet, &stop)
        }
        Command::Batch { input, output, jobs, force, verbose, summary, strict, panel, aliases } => {
            let aliases = match cli::compare::aliases(aliases.as_deref()) {
                Ok(a) => a,
                Err(status) => return status,
            };
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            install_interrupt_handler(&stop);
            let options = govdoc::batch::Options {
                jobs: jobs.map(|j| j as usize),
                force,
                collect_reports: summary.is_some() || panel.is_some(),
                stop: Some(stop),
                ..Default::default()
            };
            let outputs = Outputs { summary: summary.as_deref(), panel: panel.as_deref(), aliases: &aliases };
            batch(&input, &output, &options, verbose && !cli.quiet, cli.quiet, &outputs, strict)
        }
        Command::Compare { old, new, output, html, aliases } => match cli::compare::aliases(aliases.as_deref()) {
            Ok(aliases) => cli::compare::run(&old, &new, output.as_deref(), html.as_deref(), &aliases, cli.quiet),
            Err(status) => status,
        },
        Command::Panel { input, output, aliases } => match cli::compare::aliases(aliases.as_deref()) {
            Ok(aliases) => cli::compare::panel_from_folder(&input, &output, &aliases, cli.quiet),
            Err(status) => status,
        },
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Into memory first: the generator panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "govdoc", &mut script);
            print_generated(&script)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            if let Err(e) = clap_mangen::Man::new(command).render(&mut page) {
                eprintln!("govdoc: error: the man page cannot be made ({e})");
                return ExitCode::from(EXIT_FAILED);
            }
            print_generated(&page)
        }
        Command::Inspect { file, output, render } => cli::inspect::run(&file, output.as_deref(), render, cli.quiet),
        Command::Golden { samples, golden, bless } => check_golden(&samples, &golden, bless, cli.quiet),
    }
}

/// Prints a generated completion script or man page.
fn print_generated(bytes: &[u8]) -> ExitCode {
    match convert::write_stdout(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("govdoc: error: {message}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// Exit status after Ctrl-C (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Ctrl-C during a batch or a `convert` of several files: the first stops it — files in progress finish
/// (so no temporary file is left), the logs and the summary CSV are written
/// for what was done — and the second exits at once.
fn install_interrupt_handler(stop: &std::sync::Arc<std::sync::atomic::AtomicBool>) {
    let stop = std::sync::Arc::clone(stop);
    let installed = ctrlc::set_handler(move || {
        if stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
            eprintln!("govdoc: interrupted again; stopping now");
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
        eprintln!("govdoc: interrupted; finishing the files in progress (Ctrl-C again to stop at once)");
    });
    if let Err(e) = installed {
        // The batch still runs; Ctrl-C then ends it the default way.
        eprintln!("govdoc: warning: Ctrl-C cannot be handled ({e}); it will stop the batch without a summary");
    }
}

/// What a batch writes besides its outputs.
struct Outputs<'a> {
    summary: Option<&'a std::path::Path>,
    panel: Option<&'a std::path::Path>,
    aliases: &'a govdoc::compare::Aliases,
}

/// `govdoc batch`: a progress bar on a terminal, a line per file with
/// `--verbose`, a summary at the end.
fn batch(
    input: &std::path::Path,
    outdir: &std::path::Path,
    options: &govdoc::batch::Options,
    verbose: bool,
    quiet: bool,
    outputs: &Outputs,
    strict: bool,
) -> ExitCode {
    let summary_csv = outputs.summary;
    for (path, option) in [(outputs.summary, "--summary"), (outputs.panel, "--panel")] {
        let Some(path) = path else { continue };
        // Found now, not after the whole batch has run.
        if let Err(message) = cli::summary_path_is_writable(path, outdir, option) {
            eprintln!("govdoc: error: {message}");
            return ExitCode::from(2);
        }
    }
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use govdoc::batch::{BatchError, Event, Status};
    use indicatif::{ProgressBar, ProgressStyle};

    let bar = if std::io::stderr().is_terminal() && !quiet { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files  {rate}  ETA {eta}  {msg}")
            .expect("a valid template")
            .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} files/s", state.per_sec());
            })
            .progress_chars("=> "),
    );
    let log = |line: String| if bar.is_hidden() { eprintln!("{line}") } else { bar.println(line) };
    let failures = AtomicUsize::new(0);
    let observer = |event: Event<'_>| match event {
        Event::Started { inputs, skipped } => {
            bar.set_length(inputs as u64);
            if verbose {
                for s in skipped {
                    log(format!("skipped    {}: {}", s.source, s.reason));
                }
            }
        }
        Event::Finished { source, status, warnings } => {
            if let Status::Failed(_) = status {
                let failed = failures.fetch_add(1, Ordering::Relaxed) + 1;
                bar.set_message(format!("{failed} failed"));
            }
            if verbose {
                log(match status {
                    Status::Converted if warnings > 0 => {
                        format!("warnings   {source}: converted with {warnings} warning(s), listed in warnings.jsonl")
                    }
                    Status::Converted => format!("converted  {source}"),
                    Status::Unchanged if warnings > 0 => format!("unchanged  {source} ({warnings} warning(s))"),
                    Status::Unchanged => format!("unchanged  {source}"),
                    Status::Failed(e) => format!("failed     {source}: {}: {}", e.code, e.message),
                });
            }
            bar.inc(1);
        }
    };
    let result = govdoc::batch::run(input, outdir, options, &observer);
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(BatchError::Usage(message)) => {
            eprintln!("govdoc: error: {message}");
            return ExitCode::from(2);
        }
        Err(BatchError::Output(message)) => {
            eprintln!("govdoc: error: {message}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let mut status = if summary.failed > 0 { ExitCode::from(EXIT_FAILED) } else { ExitCode::SUCCESS };
    if let Some(path) = summary_csv {
        let mut csv = Vec::new();
        let written = govdoc::report::summary::write_csv(&summary.reports, &mut csv, true)
            .and_then(|()| govdoc::write_atomically(path, &csv));
        if let Err(e) = written {
            eprintln!("govdoc: error: {}", cli::output_error(path, "the summary", &e));
            status = ExitCode::from(EXIT_FAILED);
        }
    }
    if let Some(path) = outputs.panel {
        let entries = govdoc::batch::panel::entries_from_reports(&summary.reports);
        let panel = govdoc::batch::panel::build(entries, outputs.aliases);
        if let Err(message) = cli::compare::write_panel(&panel, path, &[], quiet) {
            eprintln!("govdoc: error: {message}");
            status = ExitCode::from(EXIT_FAILED);
        }
    }
    if summary.not_started > 0 {
        eprintln!(
            "govdoc: error: interrupted: {} of {} file(s) done, {} not started; run the same command again to finish (done files are skipped)",
            summary.inputs(),
            summary.inputs() + summary.not_started,
            summary.not_started
        );
        status = ExitCode::from(EXIT_INTERRUPTED);
    }
    if quiet {
        if strict && summary.outputs_with_warnings > 0 && summary.not_started == 0 {
            status = ExitCode::from(EXIT_FAILED);
        }
        return status;
    }
    let failed = if summary.failed > 0 {
        format!("failed {} (see {})", summary.failed, summary.errors_path.display())
    } else {
        "failed 0".to_string()
    };
    let skipped_hint = if summary.skipped.is_empty() || verbose { "" } else { "; --verbose lists them" };
    let see_warnings = if summary.outputs_with_warnings > 0 {
        format!(" (see {})", summary.warnings_path.display())
    } else {
        String::new()
    };
    let unchanged_with_warnings = summary.outputs_with_warnings - summary.converted_with_warnings;
    let unchanged = if unchanged_with_warnings > 0 {
        format!("{} ({unchanged_with_warnings} with warnings)", summary.unchanged)
    } else {
        summary.unchanged.to_string()
    };
    println!(
        "converted {}, converted with warnings {}{see_warnings}, unchanged {unchanged}, skipped {} (not documents{skipped_hint}), {failed}",
        summary.converted,
        summary.converted_with_warnings,
        summary.skipped.len()
    );
    println!(
        "reports recognized {}, incomplete {}, with failed checks {}",
        summary.reports_recognized, summary.reports_incomplete, summary.reports_with_failed_checks
    );
    println!(
        "{} files in {:.1} s, {:.1} files/s",
        summary.inputs(),
        summary.elapsed.as_secs_f64(),
        summary.files_per_second()
    );
    if strict && summary.outputs_with_warnings > 0 && summary.not_started == 0 {
        eprintln!(
            "govdoc: error: --strict: {} output(s) have warnings (see {})",
            summary.outputs_with_warnings,
            summary.warnings_path.display()
        );
        status = ExitCode::from(EXIT_FAILED);
    }
    status
}

/// `govdoc golden`: a line per sample (with `--bless`, per golden file
/// written; with `--quiet`, per failing sample) and the totals.
fn check_golden(samples: &std::path::Path, golden: &std::path::Path, bless: bool, quiet: bool) -> ExitCode {
    if bless && let Err(e) = govdoc::golden::bless_allowed() {
        eprintln!("govdoc: error: {e}");
        return ExitCode::from(2);
    }
    let results = match govdoc::golden::check(samples, golden, bless) {
        Ok(results) => results,
        Err(e) => {
            eprintln!("govdoc: error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let failed = results.iter().filter(|r| !r.passed()).count();
    let blessed = results.iter().filter(|r| matches!(r.outcome, govdoc::golden::Outcome::Blessed)).count();
    for r in &results {
        let same = matches!(r.outcome, govdoc::golden::Outcome::Same);
        if !(r.passed() && (quiet || bless && same)) {
            println!("{r}");
        }
    }
    if !quiet {
        if bless {
            println!("{} sample(s), {blessed} golden file(s) rewritten, {failed} failing", results.len());
        } else {
            println!("{} sample(s), {failed} failing", results.len());
        }
    }
    if failed > 0 { ExitCode::from(EXIT_FAILED) } else { ExitCode::SUCCESS }
}
