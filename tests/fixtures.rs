//! Fixture sites: every folder under tests/fixtures/sites builds to exactly its `expected/`
//! (assets aside); every folder under tests/fixtures/invalid fails with exactly its
//! `expected.txt`. Run with `BLESS=1 cargo test --test fixtures` to re-bless after a deliberate change.

mod common;
use common::tree;
use handbook::diagnostic::Diagnostic;
use handbook::{BuildOptions, Error};
use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// The diagnostics of a failed build as the CLI prints them.
fn render_all(problems: &[Diagnostic]) -> String {
    problems.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
}

/// Builds `root` into a fresh temporary folder; the diagnostics text on failure.
fn build(root: &Path) -> (tempfile::TempDir, Result<handbook::BuildReport, String>) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: out.path().join("site"),
        drafts: false,
    };
    let result = handbook::build(&options).map_err(|e| match e {
        Error::Content(problems) => render_all(&problems),
        Error::Io(message) => format!("I/O: {message}"),
    });
    (out, result)
}

#[test]
fn invalid_fixtures_report_exactly_their_expected_diagnostics() {
    let mut mismatches = Vec::new();
    for dir in fixtures("invalid") {
        let (_out, result) = build(&dir);
        let actual = match result {
            Ok(_) => "(the build succeeded)\n".to_string(),
            Err(text) => text,
        };
        let expected_path = dir.join("expected.txt");
        if blessing() {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            mismatches.push(format!(
                "== {}\n-- expected:\n{expected}\n-- actual:\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "diagnostics differ (BLESS=1 to accept):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn site_fixtures_build_to_exactly_their_expected_output() {
    for dir in fixtures("sites") {
        let (out, result) = build(&dir);
        let report = result.unwrap_or_else(|text| panic!("{} failed to build:\n{text}", dir.display()));
        // The build's warnings (unused files, large images) are part of what a fixture expects.
        let warnings = render_all(&report.warnings);
        let warnings_path = dir.join("warnings.txt");
        if blessing() {
            std::fs::write(&warnings_path, &warnings).unwrap();
        }
        assert_eq!(
            warnings,
            std::fs::read_to_string(&warnings_path).unwrap_or_default(),
            "{}: warnings differ (BLESS=1 to accept)",
            dir.display()
        );
        let mut actual = tree(&out.path().join("site"));
        // The theme's assets, the default language's and each further language's copy.
        actual.retain(|path, _| !path.starts_with("assets/") && !path.starts_with("fr/assets/"));
        let expected_dir = dir.join("expected");
        if blessing() {
            let _ = std::fs::remove_dir_all(&expected_dir);
            for (path, bytes) in &actual {
                let target = expected_dir.join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(target, bytes).unwrap();
            }
            continue;
        }
        let expected = tree(&expected_dir);
        let missing: Vec<_> = expected.keys().filter(|k| !actual.contains_key(*k)).collect();
        let extra: Vec<_> = actual.keys().filter(|k| !expected.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, unexpected {extra:?}",
            dir.display()
        );
        for (path, bytes) in &actual {
            assert!(
                bytes == &expected[path],
                "{}: {path} differs from expected (BLESS=1 to accept):\n{}",
                dir.display(),
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

#[test]
fn a_huge_file_is_refused_with_its_size() {
    let root = tempfile::tempdir().unwrap();
    let articles = root.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let mut text = String::from("---\ntitle: Huge\nsummary: Ten megabytes\n---\n");
    while text.len() < 10_000_000 {
        text.push_str("All work and no play makes a very long page indeed.\n");
    }
    std::fs::write(articles.join("huge.md"), text).unwrap();
    let (_out, result) = build(root.path());
    assert_eq!(
        result.unwrap_err(),
        "content/articles/huge.md: error: file is 10.0 MB; a page may be at most 2 MB\n  = help: split it into several pages\n"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let root = tempfile::tempdir().unwrap();
    let articles = root.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("a.md"), "---\ntitle: A\nsummary: B\n---\nText\n").unwrap();
    std::os::unix::fs::symlink("..", articles.join("loop")).unwrap();
    let (_out, result) = build(root.path());
    assert_eq!(
        result.unwrap_err(),
        "content/articles/loop: error: symbolic link loop\n  = help: remove the link that points back to a parent folder\n"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_itself_or_to_a_deleted_file_is_a_broken_link_not_an_os_error() {
    let root = tempfile::tempdir().unwrap();
    let articles = root.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("a.md"), "---\ntitle: A\nsummary: B\n---\nText\n").unwrap();
    std::os::unix::fs::symlink("self.md", articles.join("self.md")).unwrap();
    std::os::unix::fs::symlink("deleted.md", articles.join("gone.md")).unwrap();
    let (_out, result) = build(root.path());
    let hint = "  = help: point the link at a file or folder that exists, or remove it\n";
    assert_eq!(
        result.unwrap_err(),
        format!(
            "content/articles/gone.md: error: broken symbolic link (No such file or directory (os error 2))\n{hint}\n\
             content/articles/self.md: error: broken symbolic link (Too many levels of symbolic links (os error 40))\n{hint}"
        )
    );
}

/// A page saved as UTF-16, or binary data named `.md`, is said to be so, not shown as noise.
#[test]
fn a_page_that_is_not_text_says_so() {
    let root = tempfile::tempdir().unwrap();
    let articles = root.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("---\ntitle: A\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(articles.join("notepad.md"), utf16).unwrap();
    std::fs::write(articles.join("photo.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let (_out, result) = build(root.path());
    assert_eq!(
        result.unwrap_err(),
        "content/articles/notepad.md: error: the file is saved as UTF-16, not UTF-8\n  = help: save it again choosing the encoding UTF-8\n\n\
         content/articles/photo.md: error: not a text file: it holds binary data\n  = help: a page must be text; if this is a picture or a document, give it its own extension (.png, .pdf)\n"
    );
}

/// A handbook in several languages has one sitemap: every language's pages, each translated
/// page with its alternates in every language, each alternate itself listed.
#[test]
fn a_multilingual_handbook_has_one_sitemap_with_alternates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/multilingual");
    let (tmp, report) = build(&root);
    report.unwrap();
    let out = tmp.path().join("site");
    assert!(!out.join("fr/sitemap.xml").exists(), "no sitemap per language");
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let between = |text: &str, open: &str, close: &str| -> Vec<String> {
        text.split(open)
            .skip(1)
            .map(|rest| rest.split(close).next().unwrap().to_string())
            .collect()
    };
    let locs = between(&xml, "<loc>", "</loc>");
    let base = "https://example.org/handbook/";
    assert!(locs.contains(&format!("{base}articles/what-to-write.html")));
    assert!(locs.contains(&format!("{base}fr/articles/prendre-du-recul.html")));
    let urls = between(&xml, "<url>", "</url>");
    let english = urls
        .iter()
        .find(|u| u.contains(&format!("<loc>{base}articles/taking-space.html<")))
        .unwrap();
    assert!(english.contains(&format!(
        "hreflang=\"fr\" href=\"{base}fr/articles/prendre-du-recul.html\""
    )));
    let french = urls
        .iter()
        .find(|u| u.contains("<loc>https://example.org/handbook/fr/articles/prendre"))
        .unwrap();
    assert!(french.contains(&format!("hreflang=\"en\" href=\"{base}articles/taking-space.html\"")));
    // Both name the default language's page for every other reader.
    for page in [english, french] {
        assert!(
            page.contains(&format!(
                "hreflang=\"x-default\" href=\"{base}articles/taking-space.html\""
            )),
            "{page}"
        );
    }
    let untranslated = urls.iter().find(|u| u.contains("what-to-write")).unwrap();
    assert!(
        !untranslated.contains("xhtml:link"),
        "a page in one language has no alternates"
    );
    for href in between(&xml, "href=\"", "\"") {
        assert!(locs.contains(&href), "{href} is an alternate but not listed");
    }
}
