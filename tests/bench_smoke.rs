//! The benchmark still works: the corpus generator makes a small, deterministic handbook with every
//! widget, and `handbook build --timings` builds it cleanly. Not a timed test.

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

use std::path::Path;
use std::process::Command;

const PAGES: usize = 80;

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_corpus_is_deterministic_and_has_every_widget() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"));
    gen_corpus::generate(PAGES, 7, &a).unwrap();
    gen_corpus::generate(PAGES, 7, &b).unwrap();
    gen_corpus::generate(PAGES, 8, &c).unwrap();
    let tree = read_tree(&a);
    assert_eq!(tree, read_tree(&b), "same seed, same corpus");
    assert_ne!(tree, read_tree(&c), "another seed, another corpus");
    let pages = tree.iter().filter(|(p, _)| p.ends_with(".md")).count();
    assert_eq!(pages, PAGES + gen_corpus::fixed_pages().len());
    let all: String = tree.iter().map(|(_, t)| String::from_utf8_lossy(t)).collect();
    for syntax in [
        "```checklist\nid: ",
        "```timeline\n- when: ",
        "```dos-and-donts\ndo:\n",
        "> [!NOTE]",
        "> [!CAUTION]",
        "\n>\n> — ",
        "\n- [ ] ",
        "\n|---|---|---|\n",
        "](../faq/",
        ".md#",
        "\ntags: [",
        "\noutcome: ",
        "\ncategory: ",
    ] {
        assert!(all.contains(syntax), "no {syntax:?} in the corpus");
    }
}

#[test]
fn the_corpus_builds_cleanly_with_timings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    gen_corpus::generate(PAGES, 1, &root).unwrap();
    let out = tmp.path().join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["build", "--timings", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "build failed:\n{stderr}");
    assert!(!stderr.contains("warning:"), "warnings:\n{stderr}");
    let built = PAGES + gen_corpus::fixed_pages().len();
    assert!(stderr.contains(&format!("built {built} pages")), "{stderr}");
    // scripts/bench.sh reads these lines.
    for stage in ["load", "parse", "render", "write", "lint"] {
        assert!(
            stderr.contains(&format!("timing: {stage} ")),
            "no `{stage}` timing:\n{stderr}"
        );
    }
    let html = read_tree(&out).iter().filter(|(p, _)| p.ends_with(".html")).count();
    assert!(html >= built, "{html} HTML files for {built} pages");
}

#[test]
fn a_second_run_replaces_only_a_corpus_it_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    gen_corpus::generate(5, 1, &dir).unwrap();
    gen_corpus::generate(3, 1, &dir).unwrap();
    let pages = read_tree(&dir).iter().filter(|(p, _)| p.ends_with(".md")).count();
    assert_eq!(pages, 3 + gen_corpus::fixed_pages().len());
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("keep.txt"), "mine").unwrap();
    assert!(gen_corpus::generate(5, 1, &other).is_err());
    assert_eq!(std::fs::read_to_string(other.join("keep.txt")).unwrap(), "mine");
}
