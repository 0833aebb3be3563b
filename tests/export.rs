//! `handbook export` and `exports:` end to end on the repository's own handbook: the single
//! file's structure, links and CSP; the printable book through Chromium's PDF and pdftotext;
//! the EPUB's spine, navigation, links and images, and epubcheck; the downloads a build offers.

use handbook::export::ExportFormat;
use sha2::Digest;
use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn export(format: ExportFormat) -> String {
    let (bytes, _) = handbook::export_to(repo(), format, false).expect("the handbook exports");
    String::from_utf8(bytes).unwrap()
}

fn titles() -> Vec<(String, String)> {
    let (site, _) = handbook::load_site(repo(), false, &mut Default::default()).unwrap();
    site.pages
        .iter()
        .map(|p| (p.url.trim_end_matches(".html").to_string(), p.title.clone()))
        .collect()
}

/// Every value of `attr="…"` in `html`.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let v = &html[i + pat.len()..];
            &v[..v.find('"').unwrap()]
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_single_file_holds_every_page_at_its_address() {
    let html = export(ExportFormat::Html);
    let ids: std::collections::HashSet<String> = values(&html, "id").into_iter().map(unescape).collect();
    for (address, title) in titles() {
        assert!(ids.contains(&address), "no section #{address} ({title})");
    }
    assert!(ids.contains("search") && ids.contains("checklists") && ids.contains("tags/index"));
    // Every link stays in the file or leaves for another site: no file beside it is needed.
    for href in values(&html, "href").into_iter().map(unescape) {
        if let Some(id) = href.strip_prefix('#') {
            assert!(ids.contains(id), "link to #{id}, which the file lacks");
        } else {
            assert!(
                ["https://", "http://", "mailto:", "tel:", "sms:", "data:"]
                    .iter()
                    .any(|s| href.starts_with(s)),
                "link out of the file: {href}"
            );
        }
    }
    assert!(
        values(&html, "src").iter().all(|s| s.starts_with("data:")),
        "every image is in the file"
    );
    assert!(
        html.contains("href=\"#articles/writing-a-first-message\""),
        "relative .md links become in-file links"
    );
}

#[test]
fn the_single_files_csp_allows_exactly_its_own_scripts_and_style() {
    let html = export(ExportFormat::Html);
    let csp = unescape(
        values(&html, "content")
            .into_iter()
            .find(|v| v.contains("script-src"))
            .unwrap(),
    );
    assert!(
        !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    let hash = |text: &str| {
        let digest = sha2::Sha256::digest(text.as_bytes());
        format!("'sha256-{}'", base64(&digest))
    };
    let inner = |open: &str, close: &str| -> Vec<String> {
        html.split(open)
            .skip(1)
            .map(|s| s[..s.find(close).unwrap()].to_string())
            .collect()
    };
    let scripts = inner("<script>", "</script>");
    assert!(
        scripts.len() >= 4,
        "export, search, index and handbook scripts: {}",
        scripts.len()
    );
    for script in scripts.iter().chain(&inner("<style>", "</style>")) {
        assert!(
            csp.contains(&hash(script)),
            "an inline script or style is not in the CSP"
        );
    }
    assert!(!html.contains("<script src") && !html.contains("<link rel=\"stylesheet\""));
    assert!(
        html.contains("data-storage=\"handbook-file\""),
        "its checklist key is its own"
    );
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ABC[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// Chromium and pdftotext, or why the test cannot run (a failure under `CI=true`).
fn tools() -> bool {
    let have = Path::new("/usr/bin/chromium").is_file() && Command::new("pdftotext").arg("-v").output().is_ok();
    if !have && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the print test needs chromium and poppler-utils (pdftotext, pdfinfo)");
    }
    have
}

#[test]
fn the_printed_book_has_every_title_in_order_each_page_on_its_own_sheet() {
    if !tools() {
        eprintln!("SKIPPED: print test needs /usr/bin/chromium and pdftotext");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("print.html");
    let pdf = dir.path().join("print.pdf");
    std::fs::write(&html, export(ExportFormat::Print)).unwrap();
    let status = Command::new("/usr/bin/chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "chromium wrote no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let sheets: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let titles = titles();
    // After the contents, each title comes in reading order.
    let contents = text.find("Contents").expect("a table of contents");
    let mut at = contents + text[contents..].find(&titles.last().unwrap().1).unwrap();
    for (_, title) in &titles {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let found = text[at..]
            .find(&title)
            .unwrap_or_else(|| panic!("\"{title}\" missing or out of order"));
        at += found + title.len();
    }
    assert!(
        sheets >= titles.len() + 2,
        "{sheets} sheets for {} pages, a cover and contents",
        titles.len()
    );
    assert!(text.contains("(see “"), "links to pages name the page they lead to");
}

#[test]
fn a_build_offers_the_exports_on_a_read_offline_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hb");
    handbook::scaffold::init(&root, "2026-01-01").unwrap();
    let yaml = root.join("handbook.yaml");
    let mut config = std::fs::read_to_string(&yaml).unwrap();
    config.push_str("exports: [html, print, epub]\n");
    std::fs::write(&yaml, config).unwrap();
    let out = dir.path().join("site");
    handbook::build(&handbook::BuildOptions {
        root,
        out: out.clone(),
        drafts: false,
    })
    .unwrap();
    let file = std::fs::read_to_string(out.join("downloads/handbook.html")).unwrap();
    assert!(file.contains("class=\"export-page\""));
    assert!(out.join("downloads/print.html").is_file());
    let epub = std::fs::read(out.join("downloads/handbook.epub")).unwrap();
    assert!(epub.starts_with(b"PK\x03\x04"), "an EPUB is a zip");
    let page = std::fs::read_to_string(out.join("offline.html")).unwrap();
    let size = handbook::export::human_size(file.len());
    assert!(page.contains("href=\"downloads/handbook.html\" download>"), "{page}");
    assert!(page.contains(&format!("({size})")), "the size is shown: {size}");
    assert!(page.contains("may find it"), "the privacy note");
    assert!(page.contains("href=\"downloads/handbook.epub\" download>"), "{page}");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"offline.html\">Read offline</a>"));
}

/// The EPUB of the handbook at `root`, as its files in zip order: (name, bytes, stored).
fn epub_files(root: &Path) -> Vec<(String, Vec<u8>, bool)> {
    let (bytes, _) = handbook::export_to(root, ExportFormat::Epub, false).expect("the handbook exports");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
            let stored = file.compression() == zip::CompressionMethod::Stored;
            (file.name().to_string(), bytes, stored)
        })
        .collect()
}

/// `href` from the book's file `from` (both from the zip's root) resolved, and its fragment.
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop().expect("a link out of the book");
            }
            p => parts.push(p),
        }
    }
    (parts.join("/"), fragment)
}

#[test]
fn the_epub_holds_every_page_in_reading_order_and_its_links_resolve_inside_it() {
    let files = epub_files(repo());
    assert_eq!(files[0].0, "mimetype", "the mimetype comes first");
    assert!(files[0].2, "and is stored uncompressed");
    assert_eq!(files[0].1, b"application/epub+zip");
    assert!(files.iter().any(|f| f.0 == "META-INF/container.xml"));
    let text = |name: &str| {
        let file = files
            .iter()
            .find(|f| f.0 == name)
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(file.1.clone()).unwrap()
    };
    let expected: Vec<String> = titles().iter().map(|(a, _)| format!("{a}.xhtml")).collect();
    // The spine: the contents, then every page in reading order.
    let package = text("OEBPS/package.opf");
    let ids = values(&package, "id");
    let hrefs = values(&package, "href");
    let spine: Vec<&str> = values(&package, "idref")
        .iter()
        .map(|r| hrefs[ids.iter().skip(1).position(|i| i == r).unwrap()])
        .collect();
    assert_eq!(spine[0], "nav.xhtml");
    assert_eq!(spine[1..].iter().map(|s| unescape(s)).collect::<Vec<_>>(), expected);
    assert!(package.contains("<dc:language>en</dc:language>") && package.contains("urn:uuid:"));
    assert!(package.contains("<meta property=\"dcterms:modified\">20"));
    // The navigation document lists the same pages in the same order.
    let nav: Vec<String> = values(&text("OEBPS/nav.xhtml"), "href")
        .into_iter()
        .filter(|h| h.ends_with(".xhtml"))
        .map(unescape)
        .collect();
    assert_eq!(nav, expected);
    // Every link inside the book reaches a file of it, and an id in that file.
    for (name, _, _) in files.iter().filter(|f| f.0.ends_with(".xhtml")) {
        let page = text(name);
        for href in values(&page, "href")
            .into_iter()
            .chain(values(&page, "src"))
            .map(unescape)
        {
            if ["https://", "http://", "mailto:", "tel:"]
                .iter()
                .any(|s| href.starts_with(s))
            {
                continue;
            }
            let (file, fragment) = resolve(name, &href);
            let target = files.iter().find(|f| f.0 == file);
            assert!(target.is_some(), "{name}: {href} is not in the book");
            if let Some(id) = fragment {
                let target = String::from_utf8_lossy(&target.unwrap().1).into_owned();
                assert!(target.contains(&format!(" id=\"{id}\"")), "{name}: {href} has no #{id}");
            }
        }
    }
    let plan = text("OEBPS/articles/month-by-month-plan.xhtml");
    assert!(
        plan.contains("<span class=\"box\" aria-hidden=\"true\">\u{2610}</span>"),
        "checklists have boxes"
    );
    assert!(
        !plan.contains("<input") && !plan.contains("<button"),
        "and nothing to press"
    );
    assert!(plan.contains("class=\"timeline\""));
}

#[test]
fn the_epub_carries_its_images_and_is_the_same_every_time() {
    let root = repo().join("tests/fixtures/browser-site");
    let files = epub_files(&root);
    let package = unescape(&String::from_utf8_lossy(
        &files.iter().find(|f| f.0 == "OEBPS/package.opf").unwrap().1,
    ));
    for image in ["images/calendar.png", "articles/images/three-months.png"] {
        let name = format!("OEBPS/{image}");
        let file = files
            .iter()
            .find(|f| f.0 == name)
            .unwrap_or_else(|| panic!("no {name}"));
        assert_eq!(file.1, std::fs::read(root.join("content").join(image)).unwrap());
        assert!(
            package.contains(&format!("href=\"{image}\" media-type=\"image/png\"")),
            "{image} in the manifest"
        );
    }
    let once = handbook::export_to(&root, ExportFormat::Epub, false).unwrap().0;
    let again = handbook::export_to(&root, ExportFormat::Epub, false).unwrap().0;
    assert!(once == again, "two exports differ");
}

/// epubcheck's jar, or why the test cannot run (a failure under `CI=true`).
fn epubcheck() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("epubcheck"))
        .find(|p| p.is_file());
    if found.is_none() && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the EPUB test needs epubcheck (Debian package `epubcheck`)");
    }
    found
}

#[test]
fn the_epub_passes_epubcheck_without_errors_or_warnings() {
    let Some(jar) = epubcheck() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"\nSKIPPED: epubcheck is not on PATH; the EPUB was not validated\n",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for root in [repo().to_path_buf(), repo().join("tests/fixtures/browser-site")] {
        let (bytes, _) = handbook::export_to(&root, ExportFormat::Epub, false).unwrap();
        let file = dir.path().join("book.epub");
        std::fs::write(&file, bytes).unwrap();
        // Debian's /usr/bin/epubcheck is the jar itself: run by java, it needs no binfmt.
        let out = Command::new("java").arg("-jar").arg(&jar).arg(&file).output().unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && report.contains("0 fatals / 0 errors / 0 warnings"),
            "{}: {report}",
            root.display()
        );
    }
}

/// Calibre's `ebook-convert`, a real e-book reader's engine, when it is installed (in CI it must be).
fn ebook_convert() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("ebook-convert"))
        .find(|p| p.is_file());
    if found.is_none() && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the EPUB reader test needs Calibre's ebook-convert (Debian package `calibre`)");
    }
    found
}

#[test]
fn calibre_reads_the_epub_and_finds_every_page() {
    let Some(convert) = ebook_convert() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"\nSKIPPED: ebook-convert is not on PATH; the EPUB was not opened in a reader\n",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = handbook::export_to(repo(), ExportFormat::Epub, false).unwrap();
    let book = dir.path().join("book.epub");
    std::fs::write(&book, bytes).unwrap();
    let text = dir.path().join("book.txt");
    let out = Command::new(convert).arg(&book).arg(&text).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&text).unwrap();
    let site = handbook::load_site(repo(), false, &mut Default::default()).unwrap().0;
    for page in &site.pages {
        assert!(
            text.contains(page.title.as_str()),
            "Calibre's text lacks \"{}\"",
            page.title
        );
    }
}

/// A copy of the multilingual fixture (English, French in content/fr/) in a temporary folder,
/// with `extra` added to its handbook.yaml and an image on the French page.
fn multilingual(extra: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hb");
    let fixture = repo().join("tests/fixtures/sites/multilingual");
    for entry in walkdir::WalkDir::new(&fixture).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&fixture).unwrap();
        if rel.starts_with("expected") {
            continue;
        }
        let target = root.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let yaml = root.join("handbook.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + extra;
    std::fs::write(&yaml, config).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/lint-image-alt/content/articles/diagram.png"),
        root.join("content/fr/articles/schema.png"),
    )
    .unwrap();
    let page = root.join("content/fr/articles/taking-space.md");
    let text = std::fs::read_to_string(&page).unwrap() + "\n![un schéma](schema.png)\n";
    std::fs::write(&page, text).unwrap();
    (dir, root)
}

#[test]
fn a_multilingual_build_offers_each_language_its_own_exports() {
    let (dir, root) = multilingual("exports: [html, epub]\n");
    let out = dir.path().join("site");
    handbook::build(&handbook::BuildOptions {
        root,
        out: out.clone(),
        drafts: false,
    })
    .unwrap();
    let english = std::fs::read_to_string(out.join("downloads/handbook.html")).unwrap();
    assert!(english.contains("<html lang=\"en\"") && english.contains("Little handbook"));
    assert!(!english.contains("Prendre du recul"), "only the English pages");
    let french = std::fs::read_to_string(out.join("fr/downloads/handbook.html")).unwrap();
    assert!(french.contains("<html lang=\"fr\""), "{}", &french[..300]);
    assert!(french.contains("Petit guide") && french.contains("Prendre du recul"));
    assert!(!french.contains("What to write"), "only the French pages");
    assert!(
        french.contains("src=\"data:image/png;base64,"),
        "the French page's own image is inlined"
    );
    assert!(out.join("fr/downloads/handbook.epub").is_file());
    let page = std::fs::read_to_string(out.join("fr/offline.html")).unwrap();
    assert!(page.contains("href=\"downloads/handbook.html\" download>"), "{page}");
    let home = std::fs::read_to_string(out.join("fr/index.html")).unwrap();
    assert!(home.contains("href=\"offline.html\">"), "linked from the French pages");
}

#[test]
fn export_writes_a_further_language_to_its_own_file() {
    let (dir, root) = multilingual("");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(args)
            .arg("--root")
            .arg(&root)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let done = run(&["export", "--format", "html", "--language", "fr"]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let french = std::fs::read_to_string(dir.path().join("handbook.fr.html")).unwrap();
    assert!(french.contains("<html lang=\"fr\"") && french.contains("Prendre du recul"));
    assert!(
        !dir.path().join("handbook.html").exists(),
        "the default language's file is left alone"
    );
    let done = run(&["export", "--format", "html"]);
    assert!(done.status.success());
    let english = std::fs::read_to_string(dir.path().join("handbook.html")).unwrap();
    assert!(english.contains("<html lang=\"en\"") && !english.contains("Prendre du recul"));
    let unknown = run(&["export", "--format", "html", "--language", "de"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no language \"de\" in `languages:`"));
}
