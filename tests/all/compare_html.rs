//! The comparison page in a real browser: headless Chromium loads it
//! (`--dump-dom`, `--screenshot`) with its console logged to stderr
//! (`--enable-logging=stderr --v=0`, where each console message and each
//! uncaught error is a `…:CONSOLE…` line). Checked: a probe page with a
//! console error IS seen that way (so the check can fail); the comparison
//! page logs no console message and no failed load, its DOM holds the
//! failed checks and the marked text changes, it asks for nothing over the
//! network, and the screenshot is a real image. Skipped, with a printed
//! message, when no Chromium is installed (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use govdoc::compare::{self, Aliases};

/// Longest a headless Chromium run may take on a busy machine.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs Chromium headless on `page` with `args`; (stdout, stderr).
fn run(browser: &str, profile: &Path, page: &Path, args: &[String]) -> (String, String) {
    let dir = profile.parent().unwrap();
    let (out_path, err_path) = (dir.join("stdout.txt"), dir.join("stderr.txt"));
    let mut child = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in {CHROMIUM_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (std::fs::read_to_string(out_path).unwrap(), std::fs::read_to_string(err_path).unwrap())
}

fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE") || l.contains("net::ERR_")).collect()
}

fn golden(name: &str) -> compare::Loaded {
    let path = PathBuf::from("golden").join(name);
    let value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    compare::load::from_json(&value, name).unwrap()
}

#[test]
fn the_comparison_page_renders_in_headless_chromium_without_console_errors() {
    let comparison = compare::compare(
        &golden("series-2021.pdf.json"),
        &golden("series-2022.pdf.json"),
        &Aliases::read(Path::new("samples/series-aliases.csv")).unwrap(),
    );
    let html = compare::html::render(&comparison);
    // Self-contained: no script, no external resource.
    for needle in ["<script", "src=", "href=", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(needle), "the page refers to {needle}");
    }
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no chromium on this machine; install it (apt-get install -y chromium) to test the HTML page"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("compare.html");
    std::fs::write(&page, &html).unwrap();
    let profile = dir.path().join("profile");

    // The probe: a console error must show in the log, or the check below means nothing.
    let probe = dir.path().join("probe.html");
    std::fs::write(&probe, "<!DOCTYPE html><p>probe</p><script>console.error('govdoc-probe')</script>").unwrap();
    let (_, stderr) = run(browser, &profile, &probe, &["--dump-dom".into()]);
    assert!(
        console_lines(&stderr).iter().any(|l| l.contains("govdoc-probe")),
        "chromium's console log is not on stderr; the check cannot work:\n{stderr}"
    );

    let (dom, stderr) = run(browser, &profile, &page, &["--dump-dom".into()]);
    assert!(console_lines(&stderr).is_empty(), "console messages: {:?}", console_lines(&stderr));
    for needle in [
        "cross.carried_over",
        "narrative.litigation",
        "宁川县自然资源局 2021 → 宁川县自然资源局 2022",
        "<del>",
        "<ins>",
        "<table>",
    ] {
        assert!(dom.contains(needle), "the rendered page lacks {needle}");
    }

    let shot = dir.path().join("compare.png");
    let (_, stderr) =
        run(browser, &profile, &page, &[format!("--screenshot={}", shot.display()), "--window-size=1200,1600".into()]);
    assert!(console_lines(&stderr).is_empty(), "console messages: {:?}", console_lines(&stderr));
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "{} bytes", png.len());
}

/// The statistics grid names rows and columns as the templates do, the key
/// as the tooltip: the new report's template first (2021: 行政规范性文件,
/// where 2019 lists 规范性文件 first), the old one's for the keys only it
/// has (2019: 其他对外管理服务事项, 本年新制作数量), both for a column
/// whose old-only values the old template names otherwise.
#[test]
fn the_statistics_grid_names_rows_and_columns_by_the_template_labels() {
    let aliases = Aliases::read(Path::new("samples/series-aliases.csv")).unwrap();
    let html = compare::html::render(&compare::compare(
        &golden("series-2021.pdf.json"),
        &golden("series-2022.pdf.json"),
        &aliases,
    ));
    let statistics = &html[html.find("id=\"statistics\"").unwrap()..html.find("id=\"text\"").unwrap()];
    for needle in [
        "<th title=\"natural_person\">自然人</th>",
        "<th title=\"total\">总计</th>",
        "<th class=\"row\" title=\"results.granted\">予以公开</th>",
        "<th class=\"row\" title=\"results.withheld.state_secret\">不予公开 · 属于国家秘密</th>",
        "<th class=\"row\" title=\"review\">行政复议</th>",
        "<th title=\"upheld\">结果维持</th>",
        "<th class=\"row\" title=\"rules\">规章</th>",
    ] {
        assert!(statistics.contains(needle), "the statistics lack {needle}");
    }
    for key in ["natural_person", "results.granted"] {
        assert!(!statistics.contains(&format!(">{key}<")), "{key} shown as a name");
    }

    let html = compare::html::render(&compare::compare(
        &golden("series-2020.pdf.json"),
        &golden("series-2021.pdf.json"),
        &aliases,
    ));
    let statistics = &html[html.find("id=\"statistics\"").unwrap()..html.find("id=\"text\"").unwrap()];
    for needle in [
        "<th class=\"row\" title=\"normative_documents\">行政规范性文件</th>",
        "<th class=\"row\" title=\"other_services\">其他对外管理服务事项</th>",
        "<th title=\"made\">本年新制作数量</th>",
        "<th title=\"issued\">本年制发件数</th>",
        // One key, two meanings: the 2021 fees' amount, the 2019 procurement's.
        "<th title=\"amount\">本年收费金额（单位：万元） / 采购总金额</th>",
        "<th class=\"row\" title=\"results.other.no_correction\">",
    ] {
        assert!(statistics.contains(needle), "the 2019 → 2021 statistics lack {needle}");
    }
    // Every header of the grids is named by a template.
    assert_eq!(statistics.matches("<th>").count(), statistics.matches("<th>项目</th>").count());
}
