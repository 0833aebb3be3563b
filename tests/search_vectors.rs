//! The shared tokeniser and stemmer vectors (tests/search_vectors.json) against the Rust side;
//! tests/browser/search-vectors.test.mjs runs the same file against search.js.

use handbook::search::tokenize::{stem, tokens, FOLD, STOP_WORDS};
use serde_json::Value;

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search_vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn tokens_match_the_shared_vectors() {
    let v = vectors();
    let cases = v["tokens"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let text = case["text"].as_str().unwrap();
        assert_eq!(tokens(text), strings(&case["tokens"]), "tokens of {text:?}");
    }
}

#[test]
fn stems_match_the_shared_vectors() {
    let v = vectors();
    let cases = v["stems"].as_array().unwrap();
    assert!(cases.len() >= 50);
    for case in cases {
        let word = case["word"].as_str().unwrap();
        assert_eq!(stem(word), case["stem"].as_str().unwrap(), "stem of {word:?}");
    }
}

/// The tables are data, so sharing them letter for letter keeps the two sides from drifting.
#[test]
fn search_js_carries_the_same_tables() {
    let js = include_str!("../themes/default/static/search-engine.js");
    let quoted = |name: &str| -> String {
        let start = js
            .find(&format!("var {name} = \""))
            .unwrap_or_else(|| panic!("no {name} in search-engine.js"))
            + name.len()
            + 8;
        js[start..start + js[start..].find('"').unwrap()].to_string()
    };
    assert_eq!(quoted("FOLD"), FOLD);
    assert_eq!(quoted("STOP"), STOP_WORDS);
}

#[test]
fn french_tokens_and_stems_match_the_shared_vectors() {
    use handbook::search::french;
    let v = vectors();
    let cases = v["french"]["tokens"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let text = case["text"].as_str().unwrap();
        assert_eq!(
            french::tokens(text),
            strings(&case["tokens"]),
            "French tokens of {text:?}"
        );
    }
    let cases = v["french"]["stems"].as_array().unwrap();
    assert!(cases.len() >= 25);
    for case in cases {
        let word = case["word"].as_str().unwrap();
        assert_eq!(
            french::stem(word),
            case["stem"].as_str().unwrap(),
            "French stem of {word:?}"
        );
    }
}
