//! How a reader is shown an index term: terms are stems ("retomb" of "retomber"), so a
//! did-you-mean names a word that maps to the term instead. Beside term shard `n`, `w<n>.js`
//! holds one word per term of the shard (`""` where the term is a word itself), loaded only
//! when a corrected term is not in the results' own text (see search-engine.js `shownAs`).

use super::hash;
use super::shard::{Line, FOLDER};
use super::table::Terms;
use crate::output::OutputFile;
use std::ops::Range;

/// Term -> the word shown for it, each word a `(start, len)` in one `String` (no allocation
/// per term: a reading task meets every term of the handbook).
#[derive(Default)]
pub struct Spellings {
    table: Terms<Spot>,
    text: String,
}

/// Where a word lies in its table's text; `len` 0 for none yet.
pub type Spot = (u32, u32);

impl Spellings {
    /// Keeps `word` for `term` (whose `hash::hash` is `hash`) if it is the better one.
    pub fn keep(&mut self, hash: u64, term: &str, word: &str) {
        let spot = self.table.entry_hashed(hash, term);
        keep_in(&mut self.text, spot, word);
    }

    /// The word kept for `term`, or `""`.
    fn get(&mut self, term: &str) -> &str {
        let spot = *self.table.entry_hashed(hash::hash(term), term);
        word_at(&self.text, spot)
    }

    /// The spellings of every reading task, merged by the same rule.
    pub fn merge(all: impl IntoIterator<Item = Spellings>) -> Spellings {
        let mut out = Spellings::default();
        for spellings in all {
            for (hash, term, spot) in spellings.table.iter() {
                out.keep(hash, term, word_at(&spellings.text, *spot));
            }
        }
        out
    }
}

/// The word at `spot` of `text`.
pub fn word_at(text: &str, spot: Spot) -> &str {
    &text[spot.0 as usize..(spot.0 + spot.1) as usize]
}

/// Makes `spot` name `word` (appended to `text`) if it is better than the word there: the
/// shortest met, then the first A–Z, so the choice does not depend on which task read which
/// page first.
#[inline]
pub fn keep_in(text: &mut String, spot: &mut Spot, word: &str) {
    let kept = word_at(text, *spot);
    if spot.1 == 0 || (word.len(), word) < (kept.len(), kept) {
        *spot = (text.len() as u32, word.len() as u32);
        text.push_str(word);
    }
}

/// `w<n>.js` for each shard `n` of `lines` (cut at `ranges`): its terms' words joined by `!`.
pub fn files(lines: &[Line], ranges: &[Range<usize>], spellings: &mut Spellings) -> Vec<OutputFile> {
    ranges
        .iter()
        .enumerate()
        .map(|(n, range)| {
            let mut words = String::new();
            for (i, line) in lines[range.clone()].iter().enumerate() {
                if i > 0 {
                    words.push('!');
                }
                let word = spellings.get(line.term);
                if word != line.term {
                    words.push_str(word);
                }
            }
            let text = serde_json::to_string(&words).unwrap_or_default();
            OutputFile::new(format!("{FOLDER}/w{n}.js"), format!("HandbookSearch.w({n},{text});\n"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(pairs: &[(&str, &str)]) -> Spellings {
        let mut out = Spellings::default();
        for (term, word) in pairs {
            out.keep(hash::hash(term), term, word);
        }
        out
    }

    #[test]
    fn the_shortest_word_then_the_first_wins_in_any_order() {
        let a = || spellings(&[("retomb", "retombees"), ("retomb", "retomber"), ("retomb", "retombee")]);
        let b = || spellings(&[("retomb", "retombee"), ("retomb", "retomber")]);
        assert_eq!(Spellings::merge([a(), b()]).get("retomb"), "retombee");
        assert_eq!(Spellings::merge([b(), a()]).get("retomb"), "retombee");
        assert_eq!(spellings(&[("retomb", "retomber")]).get("retomb"), "retomber");
        assert_eq!(spellings(&[]).get("retomb"), "");
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
        let mut spellings = spellings(&[("retomb", "retomber"), ("ex", "ex"), ("z\"q", "z\"qs")]);
        let files = files(&lines, &[0..2, 2..3], &mut spellings);
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
