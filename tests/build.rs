//! The build as a whole: the command line's exit codes, determinism, atomic replacement of the
//! output folder, drafts, template overrides, and the real handbook in content/ and site/.

mod common;
use common::tree;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn handbook(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .output()
        .unwrap()
}

fn build_into(root: &Path, out: &Path) -> Result<handbook::BuildReport, handbook::Error> {
    handbook::build(&handbook::BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        drafts: false,
    })
}

#[test]
fn exit_codes_are_0_1_and_2() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let ok = handbook(&[
        "build",
        "--root",
        fixture("sites/basic").to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let bad = handbook(&[
        "build",
        "--root",
        fixture("invalid/unknown-key").to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.starts_with("content/articles/space-first.md:4:1: error: unknown front matter key \"tgas\""),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
    let usage = handbook(&["build", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2));
    let blocked = out.path().join("file");
    std::fs::write(&blocked, "a file where a folder should be").unwrap();
    let io = handbook(&[
        "build",
        "--root",
        fixture("sites/basic").to_str().unwrap(),
        "--out",
        blocked.join("site").to_str().unwrap(),
    ]);
    assert_eq!(io.status.code(), Some(2), "{}", String::from_utf8_lossy(&io.stderr));
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_into(&repo(), &a.path().join("site")).unwrap();
    build_into(&repo(), &b.path().join("site")).unwrap();
    let (ta, tb) = (tree(&a.path().join("site")), tree(&b.path().join("site")));
    assert!(
        ta.len() > 30,
        "the real handbook has more than 30 files, got {}",
        ta.len()
    );
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&fixture("sites/basic"), root.path());
    let out = root.path().join("site");
    build_into(root.path(), &out).unwrap();
    let before = tree(&out);
    std::fs::write(
        root.path().join("content/articles/plan.md"),
        "---\ntitle: [broken\n---\n",
    )
    .unwrap();
    assert!(matches!(
        build_into(root.path(), &out),
        Err(handbook::Error::Content(_))
    ));
    assert_eq!(tree(&out), before);
    let siblings: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !siblings.iter().any(|n| n.starts_with(".site.")),
        "temporary folder left behind: {siblings:?}"
    );
}

#[test]
fn a_build_killed_midway_leaves_the_previous_site_untouched() {
    let root = tempfile::tempdir().unwrap();
    let articles = root.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let para = "Space lets strong feelings settle before any decision is made. ".repeat(40);
    for i in 0..1200 {
        let text = format!("---\ntitle: Page {i}\nsummary: Page number {i}\ntags: [t{}]\n---\n## Part one\n\n{para}\n\n## Part two\n\n{para}\n", i % 20);
        std::fs::write(articles.join(format!("p{i:04}.md")), text).unwrap();
    }
    let out = root.path().join("site");
    build_into(root.path(), &out).unwrap();
    let before = tree(&out);
    for delay_ms in [5u64, 40, 150] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["build", "--root", root.path().to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            tree(&out) == before,
            "site/ changed after a build was killed at {delay_ms} ms"
        );
    }
    build_into(root.path(), &out).unwrap();
    let leftovers: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site."))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the next build removes what a killed one left: {leftovers:?}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let out = tempfile::tempdir().unwrap();
    build_into(&fixture("sites/basic"), &out.path().join("a")).unwrap();
    assert!(!out.path().join("a/articles/draft-notes.html").exists());
    let options = handbook::BuildOptions {
        root: fixture("sites/basic"),
        out: out.path().join("b"),
        drafts: true,
    };
    handbook::build(&options).unwrap();
    assert!(out.path().join("b/articles/draft-notes.html").exists());
}

#[test]
fn a_handbooks_templates_override_the_theme() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&fixture("sites/basic"), root.path());
    std::fs::create_dir_all(root.path().join("templates")).unwrap();
    // A base template must still offer the blocks the page templates fill.
    let base = "OVERRIDDEN {{ page.title }}{% block title %}{% endblock title %}{% block main %}{% endblock main %}";
    std::fs::write(root.path().join("templates/base.html"), base).unwrap();
    let out = root.path().join("site");
    build_into(root.path(), &out).unwrap();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.starts_with("OVERRIDDEN Welcome"), "{home}");
}

#[test]
fn a_handbooks_own_strings_reach_the_words_widgets_write() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&fixture("sites/basic"), root.path());
    std::fs::create_dir_all(root.path().join("i18n")).unwrap();
    std::fs::write(root.path().join("i18n/en.yaml"), "callout_tip: Good to know\n").unwrap();
    let page = root.path().join("content/articles/waiting.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n> [!TIP]\n> Rest first.\n")).unwrap();
    let wanted = "<p class=\"callout-title\">Good to know</p>";
    // The build renders pages through the theme's tables; `check` and exports load the site.
    let out = root.path().join("site");
    build_into(root.path(), &out).unwrap();
    let built = std::fs::read_to_string(out.join("articles/waiting.html")).unwrap();
    assert!(built.contains(wanted), "{built}");
    let (site, _) = handbook::load_site(root.path(), false, &mut handbook::Timings::default()).unwrap();
    let loaded = site.pages.iter().find(|p| p.source == "articles/waiting.md").unwrap();
    assert!(loaded.body.html.contains(wanted), "{}", loaded.body.html);
}

#[test]
fn the_real_handbook_builds_with_no_errors_or_warnings() {
    let mut timings = handbook::Timings::default();
    let result = handbook::load_site(&repo(), false, &mut timings);
    let (site, warnings) = result.unwrap_or_else(|problems| {
        panic!("{}", problems.iter().map(|d| d.render()).collect::<String>());
    });
    assert!(
        warnings.is_empty(),
        "{}",
        warnings.iter().map(|d| d.render()).collect::<String>()
    );
    assert!(site.pages.len() >= 30);
}

#[test]
fn committed_site_is_a_fresh_build_of_content() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), &out.path().join("site")).unwrap();
    let fresh = tree(&out.path().join("site"));
    let committed = tree(&repo().join("site"));
    let stale: Vec<&String> = fresh.keys().filter(|k| committed.get(*k) != fresh.get(*k)).collect();
    let extra: Vec<&String> = committed.keys().filter(|k| !fresh.contains_key(*k)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "site/ is stale; run `cargo run --release -- build` and commit site/.\nchanged or missing: {stale:?}\nno longer built: {extra:?}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("expected") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
