//! How a reader is shown an index term: terms are stems ("retomb" of "retomber"), so a
//! did-you-mean names a word that maps to the term instead. Beside term shard `n`, `w<n>.js`
//! holds one word per term of the shard (`""` where the term is a word itself), loaded only
//! when a corrected term is not in the results' own text (see search-engine.js `shownAs`).

use super::shard::{Line, FOLDER};
use crate::output::OutputFile;
use std::collections::HashMap;
use std::ops::Range;

/// Term -> the word shown for it.
pub type Spellings = HashMap<String, String>;

/// Keeps `word` for `term` if it is the better one: the shortest word met, then the first
/// A–Z, so the choice does not depend on which task read which page first.
pub fn keep(spellings: &mut Spellings, term: &str, word: &str) {
    match spellings.get_mut(term) {
        Some(kept) if (word.len(), word) < (kept.len(), kept.as_str()) => *kept = word.to_string(),
        Some(_) => {}
        None => {
            spellings.insert(term.to_string(), word.to_string());
        }
    }
}

/// The spellings of every reading task, merged by the same rule.
pub fn merge(all: impl IntoIterator<Item = Spellings>) -> Spellings {
    let mut out = Spellings::new();
    for spellings in all {
        for (term, word) in spellings {
            keep(&mut out, &term, &word);
        }
    }
    out
}

/// `w<n>.js` for each shard `n` of `lines` (cut at `ranges`): its terms' words joined by `!`.
pub fn files(lines: &[Line], ranges: &[Range<usize>], spellings: &Spellings) -> Vec<OutputFile> {
    ranges
        .iter()
        .enumerate()
        .map(|(n, range)| {
            let words: Vec<&str> = lines[range.clone()]
                .iter()
                .map(|l| match spellings.get(l.term) {
                    Some(word) if word != l.term => word.as_str(),
                    _ => "",
                })
                .collect();
            let text = serde_json::to_string(&words.join("!")).unwrap_or_default();
            OutputFile::new(format!("{FOLDER}/w{n}.js"), format!("HandbookSearch.w({n},{text});\n"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_word_then_the_first_wins_in_any_order() {
        let mut a = Spellings::new();
        keep(&mut a, "retomb", "retombees");
        keep(&mut a, "retomb", "retomber");
        keep(&mut a, "retomb", "retombee");
        let mut b = Spellings::new();
        keep(&mut b, "retomb", "retombee");
        keep(&mut b, "retomb", "retomber");
        assert_eq!(merge([a.clone(), b.clone()]), merge([b, a.clone()]));
        assert_eq!(merge([a])["retomb"], "retombee");
    }

    #[test]
    fn each_shard_gets_its_terms_words_in_order() {
        let line = |term| Line {
            term,
            code: String::new(),
            docs: 1,
            champions: &[],
        };
        let lines = [line("ex"), line("retomb"), line("z\"q")];
        let spellings: Spellings = [("retomb", "retomber"), ("ex", "ex"), ("z\"q", "z\"qs")]
            .into_iter()
            .map(|(t, w)| (t.to_string(), w.to_string()))
            .collect();
        let files = files(&lines, &[0..2, 2..3], &spellings);
        assert_eq!(files[0].path, "assets/search/w0.js");
        assert_eq!(
            String::from_utf8_lossy(&files[0].bytes),
            "HandbookSearch.w(0,\"!retomber\");\n"
        );
        assert_eq!(
            String::from_utf8_lossy(&files[1].bytes),
            "HandbookSearch.w(1,\"z\\\"qs\");\n"
        );
    }
}
