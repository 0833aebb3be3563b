//! Hostile and careless input against the whole program (issue 13): output folders that must not
//! be replaced, builds at once, swaps cut short, links out of the handbook, names that collide on
//! other systems, escapes in diagnostics, and many diagnostics on one huge line.

mod common;
use common::tree;
use std::path::Path;
use std::process::{Command, Output};

fn handbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const PAGE: &str = "---\ntitle: Space first\nsummary: Why space comes first\ntags: [space]\n---\nGive it time.\n";

/// A handbook with one article (plus `extra` pages) in a fresh temporary folder.
fn handbook_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "content/articles/space-first.md", PAGE);
    for (path, text) in extra {
        write(root.path(), path, text);
    }
    root
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(root: &Path, out: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    handbook(&args)
}

/// Item 1: the handbook's own folders, and folders above them, are never replaced, even with
/// --force; nothing in them changes.
#[test]
fn the_handbooks_own_folders_are_never_replaced() {
    let root = handbook_with(&[("templates/page.html", "{% extends \"base.html\" %}")]);
    let before = tree(root.path());
    for (out, what) in [
        (root.path().join("content"), "it is the handbook's content/ folder"),
        (root.path().to_path_buf(), "it is the handbook's root folder"),
        (root.path().join("."), "it is the handbook's root folder"),
        (root.path().join("templates"), "it is the handbook's templates/ folder"),
        (
            root.path().join("content/articles"),
            "it is inside the handbook's content/ folder",
        ),
        (root.path().join(".."), "it holds the handbook's root folder"),
    ] {
        for force in [&[][..], &["--force"][..]] {
            let result = build(root.path(), &out, force);
            assert_eq!(result.status.code(), Some(2), "{}: {}", out.display(), stderr(&result));
            assert!(stderr(&result).contains(what), "{}", stderr(&result));
            assert!(stderr(&result).contains("choose another --out"), "{}", stderr(&result));
        }
    }
    assert_eq!(tree(root.path()), before);
}

/// Item 1: a folder of someone's files is replaced only with --force; an output is marked.
#[test]
fn a_folder_of_other_files_is_replaced_only_when_forced() {
    let root = handbook_with(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let photos = elsewhere.path().join("photos");
    write(&photos, "holiday.jpg", "jpeg");
    let refused = build(root.path(), &photos, &[]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("pass --force to replace it"),
        "{}",
        stderr(&refused)
    );
    assert!(photos.join("holiday.jpg").exists());
    let forced = build(root.path(), &photos, &["--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(!photos.join("holiday.jpg").exists());
    assert!(photos.join(".handbook-build").is_file());
    let again = build(root.path(), &photos, &[]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "an output is replaced without --force: {}",
        stderr(&again)
    );
}

/// Item 2: while one build holds the output, another fails clearly and changes nothing.
#[test]
fn a_second_build_into_a_locked_output_fails_clearly() {
    let root = handbook_with(&[]);
    let out = root.path().join("site");
    assert_eq!(build(root.path(), &out, &[]).status.code(), Some(0));
    let before = tree(&out);
    let held = handbook::output::Claim::take(&out, &[], handbook::Overwrite::OutputsOnly).unwrap();
    let second = build(root.path(), &out, &[]);
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("another `handbook build` is writing this output folder right now"),
        "{}",
        stderr(&second)
    );
    assert_eq!(tree(&out), before);
    drop(held);
    assert_eq!(build(root.path(), &out, &[]).status.code(), Some(0));
}

/// Item 2: builds started together never publish a partial site: each succeeds or says another
/// build is writing, and what is left is a whole build.
#[test]
fn builds_started_together_never_publish_a_partial_site() {
    let root = tempfile::tempdir().unwrap();
    let para = "Space lets strong feelings settle before any decision is made. ".repeat(20);
    for i in 0..400 {
        let text = format!(
            "---\ntitle: Page {i}\nsummary: Page {i}\ntags: [t{}]\n---\n{para}\n",
            i % 10
        );
        write(root.path(), &format!("content/articles/p{i:03}.md"), &text);
    }
    let reference = tempfile::tempdir().unwrap();
    assert_eq!(
        build(root.path(), &reference.path().join("site"), &[]).status.code(),
        Some(0)
    );
    let expected = tree(&reference.path().join("site"));
    let out = root.path().join("site");
    for _ in 0..3 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_handbook"))
                .args(["build", "--root", root.path().to_str().unwrap()])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let result = child.wait_with_output().unwrap();
            let text = stderr(&result);
            assert!(
                result.status.success()
                    || (result.status.code() == Some(2) && text.contains("another `handbook build`")),
                "{text}"
            );
        }
        assert!(tree(&out) == expected, "the site left is not one whole build");
    }
}

/// Item 3: a build killed between the two renames of a swap leaves the old site under its
/// retired name; the next build, even a failing one, puts it back and says so truthfully.
#[test]
fn a_swap_cut_short_is_put_right_by_the_next_build() {
    let root = handbook_with(&[]);
    let out = root.path().join("site");
    assert_eq!(build(root.path(), &out, &[]).status.code(), Some(0));
    let before = tree(&out);
    std::fs::rename(&out, root.path().join(".site.old-12345-00000000000000ab")).unwrap();
    write(
        &root.path().join(".site.new-12345-00000000000000ab"),
        "index.html",
        "half",
    );
    write(root.path(), "content/articles/broken.md", "---\ntitle: [broken\n---\n");
    let failed = build(root.path(), &out, &[]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("the previous site was put back"),
        "{}",
        stderr(&failed)
    );
    assert!(stderr(&failed).contains("left as it was"), "{}", stderr(&failed));
    assert!(tree(&out) == before);
    let siblings: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site"))
        .collect();
    assert!(siblings.is_empty(), "{siblings:?}");
}

/// Item 3: "left as it was" is said only of a folder that is there.
#[test]
fn a_failed_first_build_says_nothing_was_written() {
    let root = handbook_with(&[("content/articles/broken.md", "---\ntitle: [broken\n---\n")]);
    let failed = build(root.path(), &root.path().join("site"), &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        stderr(&failed).contains("build failed: 1 error; nothing written"),
        "{}",
        stderr(&failed)
    );
}

/// Item 4: stale copies that an earlier build could not remove go at the next build.
#[test]
fn stale_copies_beside_the_output_are_removed_by_the_next_build() {
    let root = handbook_with(&[]);
    let out = root.path().join("site");
    assert_eq!(build(root.path(), &out, &[]).status.code(), Some(0));
    write(&root.path().join(".site.old-1-ff"), "index.html", "an old full copy");
    write(&root.path().join(".site.new-2-ee"), "index.html", "a killed build's");
    assert_eq!(build(root.path(), &out, &[]).status.code(), Some(0));
    assert!(!root.path().join(".site.old-1-ff").exists());
    assert!(!root.path().join(".site.new-2-ee").exists());
}

/// Item 5: valid YAML the fast reader does not handle goes to serde_yaml, not to a panic.
#[test]
fn a_trailing_comma_in_a_list_builds() {
    let root = handbook_with(&[(
        "content/articles/commas.md",
        "---\ntitle: Commas\nsummary: Trailing\ntags: [trust, money,]\n---\nText.\n",
    )]);
    let out = root.path().join("site");
    let result = build(root.path(), &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(out.join("tags/trust.html").is_file() && out.join("tags/money.html").is_file());
}

/// Item 6: thousands of errors on one huge line print a bounded report: a window of the line
/// each, at most 50 shown, then a count.
#[test]
fn many_errors_on_one_huge_line_print_a_bounded_report() {
    let links = "[a](#missing-anchor) ".repeat(4000);
    let root = handbook_with(&[(
        "content/articles/links.md",
        &format!("---\ntitle: Links\nsummary: Many\n---\n{links}\n"),
    )]);
    let mut timings = handbook::Timings::default();
    let problems = handbook::load_site(root.path(), false, &mut timings).unwrap_err();
    assert_eq!(problems.len(), 4000);
    assert!(problems
        .iter()
        .all(|d| d.source_line.as_ref().unwrap().chars().count() <= 122));
    let report = handbook::diagnostic::render_capped(&problems);
    assert_eq!(report.len(), 51);
    assert!(
        report[50].starts_with("content/articles/links.md: and 3950 more in this file"),
        "{}",
        report[50]
    );
    let bytes: usize = report.iter().map(String::len).sum();
    assert!(bytes < 51 * 600, "{bytes} bytes for 51 diagnostics");
    let cli = build(root.path(), &root.path().join("site"), &[]);
    assert!(cli.stderr.len() < 51 * 600, "{} bytes printed", cli.stderr.len());
}

/// Item 10: a link out of the handbook is refused by name and never read.
#[cfg(unix)]
#[test]
fn links_out_of_the_handbook_are_refused_unread() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "secret.md",
        "---\ntitle: SECRET-TITLE\nsummary: x\n---\nSECRET-BODY\n",
    );
    write(outside.path(), "base.html", "SECRET-TEMPLATE");
    let root = handbook_with(&[]);
    let link = |target: &Path, at: &str| std::os::unix::fs::symlink(target, root.path().join(at)).unwrap();
    link(Path::new("/proc/self/environ"), "content/articles/env.md");
    link(&outside.path().join("secret.md"), "content/articles/secret.md");
    link(outside.path(), "content/faq");
    std::fs::create_dir_all(root.path().join("templates")).unwrap();
    link(&outside.path().join("base.html"), "templates/base.html");
    let result = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["build", "--root", root.path().to_str().unwrap()])
        .env("HANDBOOK_TEST_SENTINEL", "SENTINEL-VALUE-7f3a")
        .output()
        .unwrap();
    let text = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");
    for named in ["content/articles/env.md", "content/articles/secret.md", "content/faq"] {
        assert!(
            text.contains(&format!("{named}: error: is a symbolic link to")) && text.contains("outside the handbook"),
            "{named} not refused:\n{text}"
        );
    }
    for secret in ["SENTINEL-VALUE-7f3a", "SECRET-TITLE", "SECRET-BODY", "SECRET-TEMPLATE"] {
        assert!(!text.contains(secret), "{secret} was read:\n{text}");
    }
    std::fs::remove_file(root.path().join("content/articles/env.md")).unwrap();
    std::fs::remove_file(root.path().join("content/articles/secret.md")).unwrap();
    std::fs::remove_file(root.path().join("content/faq")).unwrap();
    let result = build(root.path(), &root.path().join("site"), &[]);
    assert!(
        stderr(&result).contains("templates/base.html: error: is a symbolic link to a place outside the handbook"),
        "{}",
        stderr(&result)
    );
}

/// Item 10: links that stay inside the handbook still work.
#[cfg(unix)]
#[test]
fn links_inside_the_handbook_are_followed() {
    let root = handbook_with(&[("shared/kept.md", "---\ntitle: Kept\nsummary: Linked in\n---\nText.\n")]);
    std::os::unix::fs::symlink(
        root.path().join("shared/kept.md"),
        root.path().join("content/articles/kept.md"),
    )
    .unwrap();
    let result = build(root.path(), &root.path().join("site"), &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(root.path().join("site/articles/kept.html").is_file());
}

/// Item 11: a section folder's name is a slug.
#[test]
fn a_section_folder_must_be_a_slug() {
    let root = handbook_with(&[("content/javascript:alert(1)/x.md", "---\ntitle: X\n---\nText.\n")]);
    let result = build(root.path(), &root.path().join("site"), &[]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains(
            "content/javascript:alert(1)/x.md: error: the folder name \"javascript:alert(1)\" cannot be a section"
        ),
        "{}",
        stderr(&result)
    );
}

/// Item 13: a file name with line breaks and escapes cannot forge lines of the report, and the
/// JSON report stays one JSON document.
#[cfg(unix)]
#[test]
fn file_names_cannot_forge_report_lines() {
    let name = "x\n::error file=forged.md::forged\u{1b}[31m.md";
    let root = handbook_with(&[(
        &format!("content/articles/{name}"),
        "---\ntitle: X\nsummary: Y\ntgas: [z]\n---\n",
    )]);
    let result = build(root.path(), &root.path().join("site"), &[]);
    let text = stderr(&result);
    assert!(
        text.contains("content/articles/x\\n::error file=forged.md::forged\\u{1b}[31m.md:4:1: error"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("::error")), "{text}");
    assert!(!text.contains('\u{1b}'));
    let json = handbook(&["check", "--root", root.path().to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // check also lists the other pages' warnings: the error is the forged name's.
    let error = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(error["path"], format!("content/articles/{name}"));
}

/// Item 14: names that differ only by case or Unicode normalisation are refused.
#[test]
fn names_that_collide_elsewhere_are_refused() {
    let root = handbook_with(&[
        ("content/articles/Plan.md", "---\ntitle: Plan A\nsummary: One\n---\n"),
        ("content/articles/plan.md", "---\ntitle: Plan B\nsummary: Two\n---\n"),
        (
            "content/articles/caf\u{e9}.md",
            "---\ntitle: Cafe A\nsummary: One\n---\n",
        ),
        (
            "content/articles/cafe\u{301}.md",
            "---\ntitle: Cafe B\nsummary: Two\n---\n",
        ),
    ]);
    let result = build(root.path(), &root.path().join("site"), &[]);
    let text = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");
    assert!(text.contains("content/articles/plan.md: error: the name differs from content/articles/Plan.md only in upper and lower case"), "{text}");
    assert!(text.contains("only in how its accented letters are encoded"), "{text}");
}

/// `serve` started on a broken handbook says no version has built yet; it does not promise "the
/// last good pages", which do not exist.
#[test]
fn serve_started_broken_does_not_claim_a_last_good_version() {
    use std::io::{BufRead, BufReader};
    let root = handbook_with(&[("content/articles/open.md", "---\ntitle: Open\n\nNever closed.\n")]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", "0", "--root", root.path().to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        said.push_str(&line);
        said.push('\n');
        if line.contains("the browser shows these problems") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        said.contains("content/articles/open.md:1:1: error: front matter is not closed"),
        "{said}"
    );
    assert!(said.contains("no version of the handbook has built yet"), "{said}");
    assert!(!said.contains("last good"), "{said}");
}
