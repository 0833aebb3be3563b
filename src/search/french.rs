//! French search terms: elisions, French stop words and a light French stemmer — the one
//! specification that `themes/default/static/search-fr.js` implements too
//! (tests/search_vectors.json, under "french", proves they agree).
//!
//! `tokens(text)`, in order:
//! 1. lower-case; ’ and ʼ become '.
//! 2. elisions: `l' qu' d' j' n' s' c' m' t'` at the start of a word (after a char that is
//!    neither a letter nor a digit, or at the start) are dropped with their apostrophe:
//!    `l'ex` -> `ex`, `qu'il` -> `il`. Inside a word nothing is dropped: `aujourd'hui` stays one
//!    word (`aujourdhui` once folded).
//! 3. fold, split and limit length exactly as the English tokenizer does (`tokenize::fold`).
//! 4. drop the words of `STOP_WORDS`.
//! 5. `stem` each word.
//!
//! `stem(word)` of a folded word (no accents); words of three chars or fewer stay whole, and no
//! rule leaves fewer than three chars:
//! a. verb endings, the first that fits: `aient ait ez er` is removed
//!    (`aimaient`, `aimait`, `aimez`, `aimer` -> `aim`); if one was removed, go to d.
//! b. plural: a final `aux` becomes `al` (`journaux` -> `journal`); else a final `s` or `x`
//!    is removed.
//! c. feminine and adverb endings, the first that fits: `ement` is removed (`doucement` ->
//!    `douc`), `euse` becomes `eu` (`heureuse` -> `heureu`, like `heureux`), `ive` becomes `if`
//!    (`active` -> `actif`), `ere` is removed (`premiere` -> `premi`, like `premier`), `ee` is
//!    removed (`aimee` -> `aim`).
//! d. a final `e` is removed (`rupture` -> `ruptur`).

use super::tokenize::{fold, MAX_WORD};

/// French words too common to help a search, folded.
pub const STOP_WORDS: &str = "a ai au aux avec avez c car ce ces cet cette d dans de des donc du elle elles en est \
et etre il ils j je l la le les leur leurs lui m ma mais me mes mon n ne ni nos notre nous on ont ou par pas pour \
qu que qui s sa se ses si son sont sur t ta te tes ton tu un une vos votre vous y";

/// Elided words, dropped with their apostrophe at the start of a word.
const ELISIONS: &[&str] = &["qu", "l", "d", "j", "n", "s", "c", "m", "t"];

/// The index terms of French `text` (see the module's comment).
pub fn tokens(text: &str) -> Vec<String> {
    fold(&elide(text))
        .split(|c: char| !(c.is_alphabetic() || c.is_numeric()))
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD)
        .filter(|w| !is_stop(w))
        .map(stem)
        .collect()
}

/// Steps 1 and 2: `text` lower-cased, its elided words dropped.
pub fn elide(text: &str) -> String {
    drop_elisions(&text.to_lowercase().replace(['\u{2019}', '\u{2bc}'], "'"))
}

/// Whether a folded word is a French stop word.
pub fn is_stop(word: &str) -> bool {
    STOP_WORDS.split(' ').any(|s| s == word)
}

/// `text` without the elided words at the start of its words.
fn drop_elisions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut at_start = true;
    while let Some(c) = rest.chars().next() {
        if at_start {
            if let Some(e) = ELISIONS.iter().find(|e| rest.starts_with(&format!("{e}'"))) {
                rest = &rest[e.len() + 1..];
                // One elision per word, as search-fr.js's pattern finds them: `l'd'x` keeps `d'`.
                at_start = false;
                continue;
            }
        }
        at_start = !(c.is_alphabetic() || c.is_numeric());
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The light French stem of one folded word (see the module's comment).
pub fn stem(word: &str) -> String {
    let chars = |s: &str| s.chars().count();
    if chars(word) <= 3 {
        return word.to_string();
    }
    // Cuts `end` off `w`, putting `with` in its place, if at least three chars remain.
    let swap = |w: &str, end: &str, with: &str| -> Option<String> {
        let stem = w.strip_suffix(end)?;
        (chars(stem) >= 3).then(|| format!("{stem}{with}"))
    };
    let mut w = word.to_string();
    if let Some(s) = ["aient", "ait", "ez", "er"].iter().find_map(|e| swap(&w, e, "")) {
        w = s;
    } else {
        if let Some(s) = swap(&w, "aux", "al")
            .or_else(|| swap(&w, "s", ""))
            .or_else(|| swap(&w, "x", ""))
        {
            w = s;
        }
        let rules = [("ement", ""), ("euse", "eu"), ("ive", "if"), ("ere", ""), ("ee", "")];
        if let Some(s) = rules.iter().find_map(|(e, with)| swap(&w, e, with)) {
            w = s;
        }
    }
    if chars(&w) > 3 {
        if let Some(s) = w.strip_suffix('e') {
            w = s.to_string();
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plural_an_accent_and_a_feminine_meet_their_word() {
        assert_eq!(tokens("Émotions"), tokens("emotion"));
        assert_eq!(tokens("les ruptures"), tokens("la rupture"));
        assert_eq!(tokens("heureuse"), tokens("heureux"));
        assert_eq!(tokens("aimée"), tokens("aimer"));
        assert_eq!(tokens("journaux"), tokens("journal"));
        assert_eq!(tokens("première"), tokens("premier"));
    }

    #[test]
    fn elisions_go_but_aujourdhui_stays_whole() {
        assert_eq!(tokens("L’ex qu'il aime aujourd'hui"), ["ex", "aim", "aujourdhui"]);
        assert_eq!(tokens("d'abord, j'attends"), ["abord", "attend"]);
        assert_eq!(tokens("l'd'x"), ["dx"]);
    }
}
