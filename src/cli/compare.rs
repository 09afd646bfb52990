//! `govdoc compare OLD NEW`: the comparison as JSON (stdout or `-o`) and/or
//! an HTML page (`--html`); each failed cross-year check also on stderr.
//! And `govdoc panel`/`batch --panel`: the panel CSV and its checks table.

use std::path::Path;
use std::process::ExitCode;

use govdoc::batch::panel::{self, Panel};
use govdoc::compare::{self, Aliases};

const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Reads the alias file, if one is given; a bad file is a usage error.
pub fn aliases(path: Option<&Path>) -> Result<Aliases, ExitCode> {
    match path {
        None => Ok(Aliases::default()),
        Some(p) => Aliases::read(p).map_err(|e| {
            eprintln!("govdoc: error: {e}");
            ExitCode::from(EXIT_USAGE)
        }),
    }
}

/// Runs `govdoc compare`.
pub fn run(
    old: &Path,
    new: &Path,
    output: Option<&Path>,
    html: Option<&Path>,
    aliases: &Aliases,
    quiet: bool,
) -> ExitCode {
    let mut loaded = Vec::new();
    for path in [old, new] {
        match compare::load(path) {
            Ok(l) => loaded.push(l),
            Err(e) => {
                eprintln!("govdoc: error: {e}");
                return ExitCode::from(EXIT_FAILED);
            }
        }
    }
    let comparison = compare::compare(&loaded[0], &loaded[1], aliases);
    if !quiet {
        for f in &comparison.checks.failed {
            let level = match f.level {
                compare::checks::Level::Error => "check failed",
                compare::checks::Level::Warning => "warning",
            };
            eprintln!("govdoc: {level}: {}: {}", f.rule, f.message);
        }
    }
    let json = comparison.to_pretty_json();
    let mut status = ExitCode::SUCCESS;
    if let Some(path) = html
        && let Err(message) = super::convert::write_file(path, compare::html::render(&comparison).as_bytes())
    {
        eprintln!("govdoc: error: {message}");
        status = ExitCode::from(EXIT_FAILED);
    }
    let written = match output {
        Some(path) if path.as_os_str() != super::convert::STDIO => super::convert::write_file(path, json.as_bytes()),
        Some(_) => super::convert::write_stdout(json.as_bytes()),
        None if html.is_none() => super::convert::write_stdout(json.as_bytes()),
        None => Ok(()),
    };
    if let Err(message) = written {
        eprintln!("govdoc: error: {message}");
        status = ExitCode::from(EXIT_FAILED);
    }
    if !quiet && (html.is_some() || output.is_some_and(|p| p.as_os_str() != super::convert::STDIO)) {
        let s = &comparison.summary;
        println!(
            "statistics: {} changed, {} unchanged, {} without counterpart; paragraphs: {} unchanged, {} changed, {} added, {} removed; cross-year checks: {} run, {} failed",
            s.statistics.changed,
            s.statistics.same,
            s.statistics.old_only + s.statistics.new_only,
            s.paragraphs_same,
            s.paragraphs_changed,
            s.paragraphs_added,
            s.paragraphs_removed,
            comparison.checks.run,
            comparison.checks.failed.len()
        );
    }
    status
}

/// Writes the panel CSV and its checks table beside it, and prints what it
/// holds (unless `quiet`). Errors are messages for the caller to print.
pub fn write_panel(panel: &Panel, path: &Path, unreadable: &[String], quiet: bool) -> Result<(), String> {
    let mut csv = Vec::new();
    panel::write_csv(panel, &mut csv, true)
        .map_err(|e| format!("{}: the panel cannot be made ({e})", path.display()))?;
    govdoc::write_atomically(path, &csv).map_err(|e| super::output_error(path, "the panel", &e))?;
    let checks_path = panel::checks_path(path);
    let mut checks = Vec::new();
    panel::write_checks_csv(panel, &mut checks, true)
        .map_err(|e| format!("{}: the checks table cannot be made ({e})", checks_path.display()))?;
    govdoc::write_atomically(&checks_path, &checks)
        .map_err(|e| super::output_error(&checks_path, "the panel checks", &e))?;
    for line in unreadable {
        eprintln!("govdoc: warning: panel: {line}");
    }
    if quiet {
        return Ok(());
    }
    for source in &panel.unplaced {
        eprintln!("govdoc: warning: panel: {source}: the title names no agency or no year; left out of the panel");
    }
    for d in panel.duplicates.iter().filter(|d| !d.same_values) {
        eprintln!(
            "govdoc: warning: panel: {} {}: {} reports with different values ({}); the first is paired with the years around it",
            d.agency,
            d.year,
            d.sources.len(),
            d.sources.join(", ")
        );
    }
    let copies = panel.duplicates.iter().filter(|d| d.same_values).count();
    if copies > 0 {
        println!(
            "panel: {copies} agency-year(s) have the same report in several files (each file has its rows; the first file is paired)"
        );
    }
    println!(
        "panel: {} report(s) of {} agenc(ies) in {}; {} consecutive pair(s), {} cross-year check(s) run, {} failed{}",
        panel.entries.len(),
        panel.agencies,
        path.display(),
        panel.pairs.len(),
        panel.pairs.iter().map(|p| p.run).sum::<usize>(),
        panel.failed_checks(),
        if panel.failed_checks() > 0 { format!(" (see {})", checks_path.display()) } else { String::new() }
    );
    for pair in &panel.pairs {
        for f in &pair.failed {
            println!("  {} {}→{}: {}: {}", pair.agency, pair.old.0, pair.new.0, f.rule, f.message);
        }
    }
    Ok(())
}

/// `govdoc panel DIR -o panel.csv`: a panel from a folder of JSON outputs.
pub fn panel_from_folder(dir: &Path, output: &Path, aliases: &Aliases, quiet: bool) -> ExitCode {
    let (entries, unreadable) = match panel::entries_from_folder(dir) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("govdoc: error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let panel = panel::build(entries, aliases);
    match write_panel(&panel, output, &unreadable, quiet) {
        Ok(()) if unreadable.is_empty() => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(EXIT_FAILED),
        Err(e) => {
            eprintln!("govdoc: error: {e}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}
