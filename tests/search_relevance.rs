//! Relevance over the real handbook: each query of tests/search_relevance.json, typed as a reader
//! would, must find its page in the top 3 for at least 90% of them, and first for at least 70%
//! (a "Get help now" result, shown first for crisis words, counts as first only where it is the page
//! a query expects). The queries run through
//! search-engine.js itself in node (tests/browser/search-query.mjs), so the ranking tested is the one
//! readers get; the index is the one `handbook::build` writes. The help page, shown first, is not
//! listed again below it.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The real handbook, built once for every test here.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            assert!(root().join("content").is_dir(), "the handbook's content/ is missing");
            let tmp = tempfile::tempdir().unwrap();
            let out = tmp.path().join("site");
            handbook::build(&handbook::BuildOptions {
                root: root().to_path_buf(),
                out: out.clone(),
                drafts: false,
            })
            .unwrap_or_else(|e| panic!("the handbook does not build: {e:?}"));
            (tmp, out)
        })
        .1
}

/// search-query.mjs's results for `args` (a queries file, or `-q QUERY`) over the built site.
fn search(args: &[&std::ffi::OsStr]) -> Vec<Value> {
    let output = Command::new("node")
        .arg(root().join("tests/browser/search-query.mjs"))
        .arg(site())
        .args(args)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    results.as_array().unwrap().clone()
}

#[test]
fn readers_find_the_page_they_need() {
    let queries = root().join("tests/search_relevance.json");
    let results = search(&[queries.as_os_str()]);
    assert!(results.len() >= 100);
    let mut first = 0;
    let mut misses = Vec::new();
    for r in &results {
        let top: Vec<&str> = r["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect();
        let expect = r["expect"].as_str().unwrap();
        first += usize::from(top.first().and_then(|u| u.split('#').next()) == Some(expect));
        if !top.iter().take(3).any(|u| u.split('#').next() == Some(expect)) {
            misses.push(format!("{:?} wants {expect}, got {top:?}", r["q"]));
        }
    }
    // The help page, shown first for crisis words, is not listed again below itself.
    let twice: Vec<&Value> = results
        .iter()
        .filter(|r| {
            let top = r["top"].as_array().unwrap();
            r["help"].is_string()
                && top[1..]
                    .iter()
                    .any(|u| u.as_str().unwrap().split('#').next() == r["help"].as_str())
        })
        .map(|r| &r["q"])
        .collect();
    assert!(twice.is_empty(), "the help page is listed twice for {twice:?}");
    let found = results.len() - misses.len();
    // The figures README quotes, shown even when the test passes (libtest captures `eprintln!`).
    let _ = writeln!(
        std::io::stderr(),
        "search relevance: {found} of {} in the top 3, {first} first; misses:\n{}",
        results.len(),
        misses.join("\n")
    );
    assert!(
        found * 10 >= results.len() * 9,
        "{found} of {} queries found their page in the top 3:\n{}",
        results.len(),
        misses.join("\n")
    );
    assert!(
        first * 10 >= results.len() * 7,
        "{first} of {} queries found their page first",
        results.len()
    );
}

/// Get help now shows for a crisis phrase typed with its small words ("I can't go on", "he
/// hit me"), but not for the common word such a phrase would leave without them ("let go").
#[test]
fn help_shows_for_crisis_phrases_not_their_common_words() {
    let helped = |q: &str| search(&["-q".as_ref(), q.as_ref()])[0]["help"].is_string();
    for q in [
        "i can't go on",
        "i cant go on",
        "he hit me",
        "someone is following me",
        "i want to die",
        "scared",
    ] {
        assert!(helped(q), "{q:?} does not show Get help now");
    }
    for q in ["let go", "go", "follow up", "hit", "should i go back"] {
        assert!(!helped(q), "{q:?} shows Get help now");
    }
}
