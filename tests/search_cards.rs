//! Champion cards: on a generated handbook of several term shards, a one-word query on words
//! most pages use shows its results from the term shards alone (no docs chunk loaded), and
//! every query — one word, a prefix, several words, a rare word — shows exactly what it shows
//! when every result comes from the docs chunks. Runs search.js in node
//! (tests/browser/search-cards.mjs) over the index `handbook::build` writes.

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn one_word_queries_need_no_second_round_and_cards_match_the_docs_chunks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let (source, out) = (tmp.path().join("source"), tmp.path().join("site"));
    gen_corpus::generate(400, 1, &source).unwrap();
    handbook::build(&handbook::BuildOptions {
        root: source,
        out: out.clone(),
        drafts: false,
    })
    .unwrap_or_else(|e| panic!("the corpus does not build: {e:?}"));
    let shards = std::fs::read_dir(out.join("assets/search"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with('t'))
        .count();
    assert!(shards >= 4, "want an index of several term shards, got {shards}");

    let common = ["week", "month", "contact", "trust", "tru"];
    let others = [
        "trust after",
        "month week",
        "therapy",
        "relationship",
        "hel",
        "theraphy",
    ];
    let output = Command::new("node")
        .arg(root.join("tests/browser/search-cards.mjs"))
        .arg(&out)
        .args(common.iter().chain(&others))
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let runs: Value = serde_json::from_slice(&output.stdout).unwrap();
    for run in runs.as_array().unwrap() {
        let q = run["q"].as_str().unwrap();
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{q:?} finds nothing");
        assert_eq!(
            run["results"], run["fromChunks"],
            "{q:?} shows other results from cards than from docs chunks"
        );
        let chunks: Vec<&str> = run["loaded"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f.as_str().filter(|f| f.starts_with('d')))
            .collect();
        if common.contains(&q) {
            assert_eq!(results.len(), 8, "{q:?}");
            assert!(chunks.is_empty(), "{q:?} loaded docs chunks {chunks:?}");
        }
    }
}
