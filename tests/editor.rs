//! The editor's workflow end to end: `new` -> `check` -> `build`, `init`, the lint fixtures
//! (tests/fixtures/lint-*, each with its exact `expected.txt`; `BLESS=1` re-blesses), `check
//! --format json`. (`serve` has its own tests: tests/serve*.rs.)

mod common;

use handbook::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day the lint fixtures are checked on, so their review warnings never age.
const TODAY: &str = "2026-12-06";

fn handbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn rendered(problems: &[Diagnostic]) -> String {
    problems.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
}

/// A new handbook from `init` in a temporary folder.
fn new_handbook() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hb");
    let out = handbook(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (tmp, root)
}

#[test]
fn lint_fixtures_report_exactly_their_expected_diagnostics() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("lint-"))
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "lint fixtures missing: {dirs:?}");
    for dir in dirs {
        let got = rendered(&handbook::check::check_on(&dir, false, TODAY));
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(got, expected, "{}", dir.display());
        assert!(!got.is_empty(), "{} reports nothing", dir.display());
    }
}

#[test]
fn a_link_to_a_draft_warns_when_drafts_are_built() {
    let got = rendered(&handbook::check::check_on(&fixture("lint-draft-link"), true, TODAY));
    assert_eq!(
        got,
        "content/articles/a.md:7:6: warning: links to a draft: articles/b.md is marked `draft: true`\n  |\n7 | Read [the draft](b.md) next.\n  |      ^ drafts are left out of a build without --drafts: publish it or remove the link\n"
    );
}

#[test]
fn new_then_check_then_build() {
    let (_tmp, root) = new_handbook();
    let r = root.to_str().unwrap();
    let out = handbook(&["new", "faq", "Can I text them on their birthday?", "--root", r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = text(&out.stdout).trim().to_string();
    assert!(
        path.ends_with("content/faq/can-i-text-them-on-their-birthday.md"),
        "{path}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("---\ntitle: \"Can I text them on their birthday?\"\nsummary: \"TODO:"),
        "{written}"
    );
    let again = handbook(&["new", "faq", "Can I text them on their birthday?", "--root", r]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists; not overwriting it"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    for kind in ["article", "case-study"] {
        assert!(handbook(&["new", kind, "A fresh look", "--root", r]).status.success());
    }
    let check = handbook(&["check", "--root", r]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let report = text(&check.stderr);
    assert!(
        report.contains("content/faq/can-i-text-them-on-their-birthday.md:3:1: warning: summary is a placeholder\n")
    );
    assert!(report.contains("content/case-studies/a-fresh-look.md:5:1: warning: outcome is a placeholder\n"));
    assert!(report.ends_with("check: 0 errors, 8 warnings\n"), "{report}");
    assert_eq!(
        handbook(&["check", "--root", r, "--deny-warnings"]).status.code(),
        Some(1)
    );
    let build = handbook(&["build", "--root", r]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(root.join("site/faq/can-i-text-them-on-their-birthday.html").is_file());
    assert!(root.join("site/articles/a-fresh-look.html").is_file());
}

#[test]
fn init_gives_a_handbook_that_builds_and_checks_clean() {
    let (_tmp, root) = new_handbook();
    for file in [
        "handbook.yaml",
        "EDITING.md",
        "content/get-help.md",
        "content/staying-safe.md",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    assert_eq!(rendered(&handbook::check::check(&root, false)), "");
    let build = handbook(&["build", "--root", root.to_str().unwrap()]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    for page in [
        "index.html",
        "articles/getting-started.html",
        "faq/how-long-does-it-take.html",
        "case-studies/a-fresh-start.html",
        "get-help.html",
        "staying-safe.html",
    ] {
        assert!(root.join("site").join(page).is_file(), "{page}");
    }
    let again = handbook(&["init", root.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn check_prints_json_for_tools() {
    let out = handbook(&[
        "check",
        "--root",
        fixture("lint-todo").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 2);
    let first = &report["diagnostics"][0];
    assert_eq!(first["path"], "content/articles/a.md");
    assert_eq!((first["line"].as_u64(), first["col"].as_u64()), (Some(7), Some(22)));
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["message"], "leftover \"TK\" marker");
    assert_eq!(first["hint"], "finish the text, then remove the marker");
    let errors = handbook(&[
        "check",
        "--root",
        fixture("lint-empty-checklist").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(errors.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&errors.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["severity"], "error");
}

#[test]
fn usage_and_io_problems_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let r = tmp.path().to_str().unwrap();
    let out = handbook(&["new", "article", "X", "--root", r]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("has no content/ folder"));
    assert_eq!(
        handbook(&["check", "--root", &format!("{r}/missing")]).status.code(),
        Some(2)
    );
    assert_eq!(handbook(&["new", "poem", "X", "--root", r]).status.code(), Some(2));
    assert_eq!(handbook(&["serve", "--root", r, "--port", "0"]).status.code(), Some(2));
}

#[test]
fn check_prints_warnings_beside_errors_and_build_counts_its_warnings() {
    let (_tmp, root) = new_handbook();
    let r = root.to_str().unwrap();
    let out = handbook(&["new", "article", "Second thoughts", "--root", r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = handbook(&["build", "--root", r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("warning: summary is a placeholder"), "{stderr}");
    assert!(stderr.contains(" warnings\n"), "{stderr}");
    let faq = root.join("content/faq/how-long-does-it-take.md");
    let broken = std::fs::read_to_string(&faq).unwrap().replacen("title:", "titel:", 1);
    std::fs::write(&faq, broken).unwrap();
    let out = handbook(&["check", "--root", r]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error: unknown front matter key \"titel\""), "{stderr}");
    assert!(
        stderr.contains("content/articles/second-thoughts.md:3:1: warning: summary is a placeholder"),
        "{stderr}"
    );
    assert!(!stderr.contains("missing page"), "{stderr}");
}

#[test]
fn report_lists_every_page_as_table_csv_and_json() {
    let (_tmp, root) = new_handbook();
    let r = root.to_str().unwrap();
    let out = handbook(&["report", "--root", r, "--format", "json", "--sort", "words"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 9, "{rows:?}");
    let words: Vec<u64> = rows.iter().map(|r| r["words"].as_u64().unwrap()).collect();
    assert!(words.windows(2).all(|w| w[0] >= w[1]), "{words:?}");
    let help = rows.iter().find(|r| r["source"] == "get-help.md").unwrap();
    assert_eq!(help["days_since_review"], 0);
    assert!(help["inbound"].as_u64().unwrap() >= 1, "{help}");
    let csv = text(&handbook(&["report", "--root", r, "--format", "csv"]).stdout);
    assert!(
        csv.starts_with("source,kind,title,words,minutes,grade,reviewed,days,in,out\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 10);
    // Everything was reviewed today, so nothing is stale.
    let stale = text(&handbook(&["report", "--root", r, "--stale", "30"]).stdout);
    assert_eq!(stale.lines().count(), 1, "{stale}");
}

/// `build` lints each page from its source read again one at a time (not every source at once):
/// the same warning as `check`, with its line shown.
#[test]
fn build_lints_each_page_as_check_does() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("site");
    let root = fixture("lint-draft-link");
    let args = [
        "build",
        "--drafts",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let built = handbook(&args);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let stderr = text(&built.stderr);
    assert!(
        stderr.contains("content/articles/a.md:7:6: warning: links to a draft: articles/b.md is marked `draft: true`"),
        "{stderr}"
    );
    assert!(stderr.contains("7 | Read [the draft](b.md) next."), "{stderr}");
}

/// A further language's pages are linted by `build` too, each warning naming its own file.
#[test]
fn build_lints_a_further_language_s_pages() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("site");
    let root = fixture("lint-translation");
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let built = handbook(&args);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let stderr = text(&built.stderr);
    assert!(
        stderr.contains("content/fr/articles/a.md:7:19: warning: leftover \"TK\" marker"),
        "{stderr}"
    );
    assert!(stderr.contains("7 | Appelez le numéro TK."), "{stderr}");
}

/// A copy of the multilingual fixture's sources (English, French under content/fr/).
fn multilingual_handbook() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture("sites/multilingual");
    common::copy_sources(&fixture, tmp.path());
    let root = tmp.path().to_path_buf();
    (tmp, root)
}

/// `new --language fr` writes under content/fr/ (never over a page); an unknown language names
/// the configured ones; `report` lists every language's pages, a translation by its path.
#[test]
fn new_and_report_cover_every_language() {
    let (_tmp, root) = multilingual_handbook();
    let r = root.to_str().unwrap();
    let new = |lang: &str, slug: &str| {
        handbook(&[
            "new",
            "article",
            "Écrire un message",
            "--slug",
            slug,
            "--language",
            lang,
            "--root",
            r,
        ])
    };
    let out = new("fr", "what-to-write");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = text(&out.stdout).trim().to_string();
    assert!(path.ends_with("content/fr/articles/what-to-write.md"), "{path}");
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("title: \"Écrire un message\""));
    let again = new("fr", "taking-space");
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists; not overwriting it"),
        "{}",
        text(&again.stderr)
    );
    // The handbook's own language writes under content/ itself.
    let own = new("en", "a-message");
    assert!(
        text(&own.stdout).trim().ends_with("content/articles/a-message.md"),
        "{}",
        text(&own.stderr)
    );
    let unknown = new("de", "x");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr)
            .contains("no language \"de\" in handbook.yaml: the handbook has en (content/), fr (content/fr/)"),
        "{}",
        text(&unknown.stderr)
    );
    assert!(!root.join("content/de").exists());

    let csv = text(&handbook(&["report", "--root", r, "--format", "csv"]).stdout);
    let sources: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    for source in [
        "articles/taking-space.md",
        "fr/articles/taking-space.md",
        "fr/articles/what-to-write.md",
        "fr/aide.md",
    ] {
        assert!(sources.contains(&source), "{source} in {csv}");
    }
}

#[test]
fn a_root_that_is_no_folder_is_a_usage_error_naming_it() {
    let temp = tempfile::tempdir().unwrap();
    let gone = temp.path().join("handbok");
    let out = temp.path().join("out");
    let (gone_s, out_s) = (gone.to_str().unwrap(), out.to_str().unwrap());
    let expected = format!("error: {gone_s} is not a folder; check the path given to --root\n");
    for args in [
        vec!["build", "--root", gone_s, "--out", out_s],
        vec!["check", "--root", gone_s],
        vec!["report", "--root", gone_s],
        vec!["export", "--format", "html", "--root", gone_s, "--out", out_s],
    ] {
        let o = handbook(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&o.stderr), expected, "{args:?}");
        assert!(!out.exists(), "{args:?} wrote {out_s}");
    }
}
