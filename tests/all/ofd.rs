//! The OFD front end on real files: the 45 OFD files of ofdrw's test suite
//! (`../shared/corpora/ofd`) and a construction permit from a government
//! portal. Every file converts or fails with the code its content calls for;
//! the text read is the text the pages' `TextCode` elements hold (nothing
//! invented); phrases checked by eye against drawings of the page geometry
//! (`cargo run --example ofd_svg`) come out whole. Skipped, with a message,
//! when the corpus folder is missing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use govdoc::model::Block;

use crate::common;
use common::{RawEntry, raw_zip};

const CORPUS: &str = "../shared/corpora/ofd";
const PERMIT: &str = "../shared/corpora/gov-cn/sample_construction-permit_zsbk.ofd";

/// Files that cannot convert, with the reason seen in the file.
const FAILURES: [(&str, &str); 6] = [
    // 0 bytes in ofdrw's repository.
    ("ofdrw-layout__helloworld.ofd", "corrupt"),
    // Pages of drawn rectangles only (ofdrw's drawing tests): no text.
    ("ofdrw-converter__V4RideRight.ofd", "no text layer"),
    ("ofdrw-converter__h.ofd", "no text layer"),
    ("ofdrw-layout__Page5.ofd", "no text layer"),
    ("ofdrw-sign__VPage7.ofd", "no text layer"),
    // Two pages that are each one JPEG: a scan.
    ("ofdrw-converter__containsJPEG.ofd", "no text layer"),
];

/// Phrases that must appear whole (white space removed), by file.
const PHRASES: [(&str, &[&str]); 8] = [
    ("ofdrw-reader__helloworld.ofd", &["你好呀，OFDReader&Writer！"]),
    ("ofdrw-converter__999.ofd", &["财天下科技有限公司", "北京市海淀区颐和园西路一亩园11号", "壹万零陆佰圆整"]),
    ("ofdrw-crypto__hello.ofd", &["拿来主义", "中国一向是所谓“闭关主义”，自己不去，别人也不许来。"]),
    ("ofdrw-sign__doc1File.ofd", &["十年生死两茫茫，不思量，自难忘。"]),
    // Text inside composite graphic units (DocumentRes.xml).
    ("ofdrw-converter__y.ofd", &["数字档案室建设是《关于加强和改进新形势下档案工作的意见》"]),
    // Invoice labels in a background template, values on the page.
    ("ofdrw-layout__keyword2.ofd", &["江苏增值税电子普通发票"]),
    ("ofdrw-reader__helloworld_with_pageblock.ofd", &["你好呀，OFDReader&Writer！"]),
    ("sample_construction-permit_zsbk.ofd", &["建筑工程施工许可证", "根据《中华人民共和国建筑法》第八条规定，经审"]),
];

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn corpus_files() -> Option<Vec<PathBuf>> {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        println!("skipped: the OFD corpus {CORPUS} is missing");
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ofd"))
        .collect();
    if Path::new(PERMIT).is_file() {
        files.push(PathBuf::from(PERMIT));
    }
    files.sort();
    Some(files)
}

/// All text of the output: blocks and cells, white space removed.
fn output_text(output: &govdoc::Output) -> String {
    let mut text = String::new();
    for block in &output.document.blocks {
        match block {
            Block::Table(t) => t.cells.iter().for_each(|c| text.push_str(&squeeze(&c.text))),
            other => {
                let value = serde_json::to_value(other).unwrap_or_default();
                text.push_str(&squeeze(value["text"].as_str().unwrap_or("")));
            }
        }
    }
    text
}

/// Every character any `TextCode` in the container holds (the oracle: the
/// output may only hold these).
fn textcode_chars(path: &Path) -> HashSet<char> {
    let re = regex::Regex::new(r"(?s)<(?:\w+:)?TextCode\b[^>]*>(.*?)</(?:\w+:)?TextCode>").unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut chars = HashSet::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if !file.name().map(|n| n.to_ascii_lowercase().ends_with(".xml")).unwrap_or(false) {
            continue;
        }
        let mut text = String::new();
        if std::io::Read::read_to_string(&mut file, &mut text).is_err() {
            continue;
        }
        for m in re.captures_iter(&text) {
            let raw = m[1].replace("<![CDATA[", "").replace("]]>", "");
            let unescaped = raw
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            chars.extend(unescaped.chars());
        }
    }
    chars
}

#[test]
fn every_real_ofd_converts_or_fails_with_the_right_code() {
    let Some(files) = corpus_files() else { return };
    assert!(files.len() >= 45, "only {} OFD files", files.len());
    let mut problems = Vec::new();
    let mut converted = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = FAILURES.iter().find(|(f, _)| *f == name).map(|(_, code)| *code);
        match (govdoc::convert_path(path), expected) {
            (Ok(output), None) => {
                converted += 1;
                assert_eq!(output.document.source.format, govdoc::model::Format::Ofd, "{name}");
                let text = output_text(&output);
                if text.is_empty() {
                    problems.push(format!("{name}: converted to no text"));
                }
                let allowed = textcode_chars(path);
                let invented: String = text.chars().filter(|c| !allowed.contains(c)).take(20).collect();
                if !invented.is_empty() {
                    problems.push(format!("{name}: characters no TextCode holds: {invented:?}"));
                }
                if let Some((_, phrases)) = PHRASES.iter().find(|(f, _)| *f == name) {
                    for phrase in *phrases {
                        if !text.contains(&squeeze(phrase)) {
                            problems.push(format!(
                                "{name}: {phrase:?} not found in {:?}",
                                text.chars().take(300).collect::<String>()
                            ));
                        }
                    }
                }
            }
            (Ok(_), Some(code)) => problems.push(format!("{name}: converted, expected {code}")),
            (Err(e), Some(code)) if e.code.as_str() == code => {}
            (Err(e), _) => problems.push(format!("{name}: {e}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(converted >= 39, "{converted} converted");
}

/// Ruled tables drawn as OFD path objects come out as tables: the permit's
/// project sheet and an e-invoice's seller block.
#[test]
fn ruled_tables_in_real_files() {
    let Some(_) = corpus_files() else { return };
    let cell_texts = |path: &str| -> Vec<Vec<String>> {
        let output = govdoc::convert_path(path).unwrap_or_else(|e| panic!("{e}"));
        output
            .document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.cells.iter().map(|c| squeeze(&c.text)).collect()),
                _ => None,
            })
            .collect()
    };
    if Path::new(PERMIT).is_file() {
        let tables = cell_texts(PERMIT);
        assert!(
            tables.iter().any(|t| t.windows(2).any(|w| w[0] == "合同工期" && w[1] == "2020年10月09日至2021年04月07日")),
            "{tables:?}"
        );
        assert!(tables.iter().any(|t| t.windows(2).any(|w| w[0] == "项目负责人" && w[1] == "林书成")), "{tables:?}");
    }
    let invoice = format!("{CORPUS}/ofdrw-converter__SignScaleError.ofd");
    let tables = cell_texts(&invoice);
    assert!(tables.iter().flatten().any(|c| c.contains("江苏中电创新环境科技有限公司")), "{tables:?}");
}

#[test]
fn seals_and_annotations_are_noted_not_read() {
    let Some(_) = corpus_files() else { return };
    let output = govdoc::convert_path(format!("{CORPUS}/ofdrw-converter__999.ofd")).unwrap();
    let codes: Vec<&str> = output.document.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"ofd.signatures"), "{codes:?}");
    assert!(codes.contains(&"ofd.annotations"), "{codes:?}");
}

#[test]
fn damaged_and_encrypted_containers() {
    let Some(_) = corpus_files() else { return };
    let bytes = std::fs::read(format!("{CORPUS}/ofdrw-reader__helloworld.ofd")).unwrap();
    // Truncated: the zip's central directory is gone.
    let err = govdoc::convert_bytes(&bytes[..bytes.len() / 2], "cut.ofd").unwrap_err();
    assert_eq!(err.code, govdoc::ErrorCode::Corrupt, "{err}");
    // GM/T 0099 encryption: an Encryptions.xml entry beside OFD.xml.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).unwrap();
        out.raw_copy_file(file).unwrap();
    }
    out.start_file("Encryptions.xml", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut out, b"<ofd:Encryptions xmlns:ofd=\"http://www.ofdspec.org/2016\"/>").unwrap();
    let encrypted = out.finish().unwrap().into_inner();
    let err = govdoc::convert_bytes(&encrypted, "locked.ofd").unwrap_err();
    assert_eq!(err.code, govdoc::ErrorCode::Encrypted, "{err}");
    // A page's XML cut short: the one page is unreadable.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).unwrap();
        if name.ends_with("Content.xml") {
            data.truncate(data.len() / 2);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    let damaged = out.finish().unwrap().into_inner();
    let err = govdoc::convert_bytes(&damaged, "damaged.ofd").unwrap_err();
    assert_eq!(err.code, govdoc::ErrorCode::Corrupt, "{err}");
}

/// Widths come from the embedded font when it maps the character: y.ofd
/// embeds full TrueType fonts, and Latin letters there are wider than the
/// 0.5 em rule (a `DeltaX` step only ever narrows a box).
#[test]
fn embedded_font_metrics_give_widths() {
    let Some(_) = corpus_files() else { return };
    let bytes = std::fs::read(format!("{CORPUS}/ofdrw-converter__y.ofd")).unwrap();
    let (pages, _) = govdoc::ofd::pages(&bytes).unwrap();
    let latin: Vec<f32> = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| g.text.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|g| g.rect.width() / g.size)
        .collect();
    assert!(!latin.is_empty());
    assert!(latin.iter().any(|w| *w > 0.52), "{latin:?}");
}

/// Damaged OFD parts, made deterministically from an OFD sample: every part
/// cut short or with bytes replaced by XML-significant ones or digits. Each
/// must convert or fail with a SPEC code — never panic, never `internal`.
#[test]
fn mutated_containers_never_panic() {
    let bytes = std::fs::read("samples/split-row.ofd").unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).unwrap();
        parts.push((name, data));
    }
    let pack = |parts: &[(String, Vec<u8>)]| {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in parts {
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut out, data).unwrap();
        }
        out.finish().unwrap().into_inner()
    };
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const SUBSTITUTES: &[u8] = b"<>/\"&=-9.0 gMLCBQA";
    let mut cases = 0;
    for k in 0..parts.len() {
        for round in 0..24 {
            let mut mutated = parts.clone();
            let data = &mut mutated[k].1;
            if data.is_empty() {
                continue;
            }
            if round % 4 == 0 {
                let at = (next() as usize) % data.len();
                data.truncate(at);
            } else {
                for _ in 0..=(round % 5) {
                    let at = (next() as usize) % data.len();
                    data[at] = SUBSTITUTES[(next() as usize) % SUBSTITUTES.len()];
                }
            }
            let input = pack(&mutated);
            let result = std::panic::catch_unwind(|| govdoc::convert_bytes(&input, "mutated.ofd"));
            match result {
                Err(_) => panic!("{} mutated (round {round}): panicked", parts[k].0),
                Ok(Err(e)) => assert_ne!(e.code, govdoc::ErrorCode::Internal, "{}: {e}", parts[k].0),
                Ok(Ok(_)) => {}
            }
            cases += 1;
        }
    }
    assert!(cases > 100, "{cases} cases");
}

/// `govdoc batch` converts OFD files found in a folder and inside a zip (a
/// GBK-named entry), telling them by content: one named `.pdf` too.
#[test]
fn batch_converts_ofd_in_folders_and_zips() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let ofd = std::fs::read("samples/seed-shishi-commerce-2019.ofd").unwrap();
    std::fs::write(input.join("report.ofd"), &ofd).unwrap();
    std::fs::write(input.join("misnamed.pdf"), &ofd).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("2019/报告.ofd", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, &ofd).unwrap();
    std::fs::write(input.join("archive.zip"), zip.finish().unwrap().into_inner()).unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_govdoc"))
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for name in ["report.ofd.json", "misnamed.pdf.json", "archive.zip/2019/报告.ofd.json"] {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap();
        assert_eq!(json["source"]["format"], "ofd", "{name}");
        assert!(!json["report"].is_null(), "{name}");
    }
}

/// Entry names in GBK without the UTF-8 flag (zipped on Chinese Windows):
/// the page and resource file named in Chinese are found, and a zip bomb in
/// a page costs an error, not memory.
#[test]
fn gbk_entry_names_and_bombs() {
    const NS: &str = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;
    let ofd = format!(
        r#"<ofd:OFD {NS} Version="1.0"><ofd:DocBody><ofd:DocRoot>文档/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
    );
    let document = format!(
        r#"<ofd:Document {NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>公共资源.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="页面/第1页.xml"/></ofd:Pages></ofd:Document>"#
    );
    let res =
        format!(r#"<ofd:Res {NS}><ofd:Fonts><ofd:Font ID="2" FontName="黑体" Bold="true"/></ofd:Fonts></ofd:Res>"#);
    let page = format!(
        r#"<ofd:Page {NS}><ofd:Content><ofd:Layer ID="3"><ofd:TextObject ID="4" Boundary="20 20 100 10" Font="2" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 5 5">关于年度报告的通知</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#
    );
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let entries = |page_entry: RawEntry| {
        vec![
            RawEntry::stored(b"OFD.xml", false, ofd.as_bytes()),
            RawEntry::stored(&gbk("文档/Document.xml"), false, document.as_bytes()),
            RawEntry::stored(&gbk("文档/公共资源.xml"), false, res.as_bytes()),
            page_entry,
        ]
    };
    let bytes = raw_zip(&entries(RawEntry::stored(&gbk("文档/页面/第1页.xml"), false, page.as_bytes())));
    let output = govdoc::convert_bytes(&bytes, "gbk.ofd").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.document.source.format, govdoc::model::Format::Ofd);
    let json = output.to_json_value();
    assert!(json.to_string().contains("关于年度报告的通知"), "{json}");
    // A bomb that declares its size is refused before reading; one whose
    // header lies is stopped at the lie, as damage.
    for (declared, code) in [(300u32 << 20, govdoc::ErrorCode::TooLarge), (1000, govdoc::ErrorCode::Corrupt)] {
        let mut bomb = RawEntry::zero_bomb("x", 300 << 20, declared);
        bomb.name = gbk("文档/页面/第1页.xml");
        let err = govdoc::convert_bytes(&raw_zip(&entries(bomb)), "bomb.ofd").unwrap_err();
        assert_eq!(err.code, code, "{err}");
    }
}

/// Paths: stroked straight segments and thin filled rectangles are rulings,
/// the sides of a shaded area too, while white paint, a fill without a
/// colour, curves (a character's outline) and clip areas are not.
#[test]
fn path_objects_to_rulings() {
    const NS: &str = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;
    let page = format!(
        r#"<ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">
        <ofd:PathObject ID="2" Boundary="10 10 100 1"><ofd:AbbreviatedData>M 0 0.5 L 100 0.5</ofd:AbbreviatedData></ofd:PathObject>
        <ofd:PathObject ID="3" Boundary="10 20 100 0.3" Fill="true" Stroke="false"><ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 0.3 L 0 0.3 C</ofd:AbbreviatedData></ofd:PathObject>
        <ofd:PathObject ID="4" Boundary="10 30 100 10" Fill="true" Stroke="false"><ofd:FillColor Value="200 200 200"/><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 10 L 0 10 C</ofd:AbbreviatedData></ofd:PathObject>
        <ofd:PathObject ID="5" Boundary="10 50 100 1"><ofd:StrokeColor Value="255 255 255"/><ofd:AbbreviatedData>M 0 0.5 L 100 0.5</ofd:AbbreviatedData></ofd:PathObject>
        <ofd:PathObject ID="6" Boundary="10 60 100 10" Fill="true" Stroke="false"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 10 L 0 10 C</ofd:AbbreviatedData></ofd:PathObject>
        <ofd:PathObject ID="7" Boundary="10 80 10 10"><ofd:AbbreviatedData>M 0 0 L 10 0 B 10 5 5 10 0 10 C</ofd:AbbreviatedData></ofd:PathObject>
        <ofd:TextObject ID="8" Boundary="10 100 50 10" Font="9" Size="5"><ofd:TextCode X="0" Y="5">文字</ofd:TextCode></ofd:TextObject>
        </ofd:Layer></ofd:Content></ofd:Page>"#
    );
    let parts = [
        (
            "OFD.xml",
            format!(
                r#"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
            ),
        ),
        (
            "Doc_0/Document.xml",
            format!(
                r#"<ofd:Document {NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#
            ),
        ),
        ("Doc_0/Pages/Page_0/Content.xml", page),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in &parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let (pages, diagnostics) = govdoc::ofd::pages(&bytes).unwrap();
    let mm = 72.0 / 25.4;
    let rulings = &pages[0].rulings;
    // The stroked line (1), the thin fill (1) and the shaded area's sides (4).
    assert_eq!(rulings.len(), 6, "{rulings:?}");
    assert!((rulings[0].top - 10.5 * mm).abs() < 0.01 && (rulings[0].x1 - 110.0 * mm).abs() < 0.01);
    assert!((rulings[1].top - 20.15 * mm).abs() < 0.01, "{:?}", rulings[1]);
    assert!(rulings[2..].iter().all(|r| r.width == 0.0 && r.top >= 30.0 * mm - 0.01 && r.bottom <= 40.0 * mm + 0.01));
    // A4 by default, in points; the font the resources lack is named.
    assert!((pages[0].width - 595.28).abs() < 0.1 && (pages[0].height - 841.89).abs() < 0.1);
    assert_eq!(pages[0].glyphs.len(), 2);
    assert!(diagnostics.iter().any(|d| d.code == "ofd.font_missing"), "{diagnostics:?}");
}
