//! Tokenising, case and accent folding, stop words and light English stemming: the one
//! specification that `themes/default/static/search-engine.js` implements too (tests/search_vectors.json
//! proves they agree; a test checks the two share `FOLD` and `STOP_WORDS` letter for letter).
//!
//! The rules, in order: lower-case (Unicode); fold the letters in `FOLD`; drop combining marks
//! (U+0300–U+036F) and apostrophes (' ’ ʼ); split on anything that is neither Alphabetic nor a
//! Number (Unicode properties); drop words longer than `MAX_WORD` chars and stop words; stem.

use super::hash;
pub use super::scan::{for_each_token, for_each_word, TermBuf, Word};
use super::table::same;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Accent folding, as `target=letters` groups: each letter is replaced by its group's target.
pub const FOLD: &str = "a=àáâãäåāăą c=çćĉċč d=ďđð e=èéêëēĕėęě g=ĝğġģ h=ĥħ i=ìíîïĩīĭįı j=ĵ k=ķ l=ĺļľŀł \
n=ñńņňŉ o=òóôõöøōŏő r=ŕŗř s=śŝşšſ t=ţťŧ u=ùúûüũūŭůűų w=ŵ y=ýÿŷ z=źżž ae=æ oe=œ ss=ß th=þ ij=ĳ";

/// Words too common to help a search, folded and without apostrophes.
pub const STOP_WORDS: &str = "a about also am an and are as at be been being but by can cant could couldnt did didnt \
do does doesnt dont for from had has have he her hers him his how i if im in into is isnt it its ive just me much my \
of on or our ours really she should so than that thats the their theirs them then there these they this those to too us \
very was wasnt we were what when where which who whom will with wont would wouldnt you youre your yours";

/// Longer "words" are identifiers or noise, not something a reader types.
pub const MAX_WORD: usize = 32;

/// The folded form of one lower-case char, if `FOLD` names it.
fn fold_char(c: char) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for (target, letters) in FOLD.split(' ').filter_map(|g| g.split_once('=')) {
            table.extend(letters.chars().map(|c| (c, target)));
        }
        table
    });
    table.get(&c).copied()
}

/// Lower-cased, accent-folded text with apostrophes and combining marks removed.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        let mut out = text.to_ascii_lowercase();
        out.retain(|c| c != '\'');
        return out;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(target) = fold_char(c) {
            out.push_str(target);
        } else if !matches!(c, '\u{300}'..='\u{36f}' | '\u{2019}' | '\u{2bc}') {
            out.push(c);
        }
    }
    out.retain(|c| c != '\'');
    out
}

/// Slots in the table of stop words: a power of two, over twice as many as there are words.
const STOP_SLOTS: usize = 256;

/// Whether a folded word whose `hash::hash` is `hash` is a stop word: one probe, usually, of an
/// open-addressing table of the stop words by hash.
pub(super) fn is_stop(word: &str, hash: u64) -> bool {
    static TABLE: OnceLock<[(u64, &str); STOP_SLOTS]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [(0, ""); STOP_SLOTS];
        for w in STOP_WORDS.split(' ') {
            let h = hash::hash(w);
            let mut at = h as usize % STOP_SLOTS;
            while !table[at].1.is_empty() {
                at = (at + 1) % STOP_SLOTS;
            }
            table[at] = (h, w);
        }
        table
    });
    let mut at = hash as usize % STOP_SLOTS;
    loop {
        match table[at] {
            (_, "") => return false,
            (h, w) if h == hash && same(w.as_bytes(), word.as_bytes()) => return true,
            _ => at = (at + 1) % STOP_SLOTS,
        }
    }
}

/// The folded words of `text`, stop words included, in order.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    split(&folded).map(str::to_string).collect()
}

pub(super) fn split(folded: &str) -> impl Iterator<Item = &str> {
    let ascii = folded.is_ascii();
    folded
        .split(move |c: char| {
            if ascii || c.is_ascii() {
                !c.is_ascii_alphanumeric()
            } else {
                !(c.is_alphabetic() || c.is_numeric())
            }
        })
        .filter(|w| !w.is_empty() && (w.len() <= MAX_WORD || w.chars().count() <= MAX_WORD))
}

/// The index terms of `text`: folded words, stop words dropped, stemmed.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_string()));
    out
}

/// Light English stemming of one folded word: plurals, -ing, -ed, a final e, -ize as -ise.
/// Words of three letters or fewer are kept whole.
pub fn stem(word: &str) -> Cow<'_, str> {
    match stem_end(word.as_bytes(), word.chars().count()) {
        (n, None) => Cow::Borrowed(&word[..n]),
        (n, Some(last)) => Cow::Owned(format!("{}{}", &word[..n - 1], last as char)),
    }
}

/// The stem of `w` (`chars` chars long) as `(n, last)`: its first `n` bytes, the last of them
/// replaced by `last` if given. Every rule looks at and cuts ASCII letters at the end, so `n`
/// never splits a char; once a letter is replaced no later rule applies.
pub(super) fn stem_end(w: &[u8], chars: usize) -> (usize, Option<u8>) {
    let mut n = w.len();
    let untouched = n == 0 || !matches!(w[n - 1], b's' | b'd' | b'g' | b'e' | b'z');
    if untouched || chars <= 3 {
        return (n, None);
    }
    // Every rule only removes ASCII letters, so chars and bytes shrink alike from here on.
    let mut chars = chars;
    let ends = |n: usize, s: &[u8]| w[..n].ends_with(s);
    let cut = |n: &mut usize, chars: &mut usize, k: usize| {
        *n -= k;
        *chars -= k;
    };
    if ends(n, b"sses") {
        cut(&mut n, &mut chars, 2);
    } else if ends(n, b"ies") && chars > 4 {
        return (n - 2, Some(b'y'));
    } else if ends(n, b"s") && !ends(n, b"ss") && !ends(n, b"us") && !ends(n, b"is") {
        cut(&mut n, &mut chars, 1);
    }
    if ends(n, b"ied") && chars > 4 {
        return (n - 2, Some(b'y'));
    } else if ends(n, b"ing") && chars - 3 >= 3 && has_vowel(&w[..n - 3]) {
        cut(&mut n, &mut chars, 3);
        undouble(w, &mut n, &mut chars);
    } else if ends(n, b"ed") && chars >= 5 && has_vowel(&w[..n - 2]) {
        cut(&mut n, &mut chars, 2);
        undouble(w, &mut n, &mut chars);
    }
    if ends(n, b"e") && chars > 3 {
        n -= 1;
    }
    if ends(n, b"iz") {
        return (n, Some(b's'));
    }
    (n, None)
}

fn has_vowel(w: &[u8]) -> bool {
    w.iter().any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// Drops a final doubled consonant (other than l, s, z): "stopp" -> "stop".
fn undouble(w: &[u8], n: &mut usize, chars: &mut usize) {
    if *n >= 2 && w[*n - 1] == w[*n - 2] && b"bcdfghjkmnpqrtvwx".contains(&w[*n - 1]) {
        *n -= 1;
        *chars -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(
            fold("Café NAÏVE Œuvre Straße didn’t"),
            "cafe naive oeuvre strasse didnt"
        );
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }

    #[test]
    fn splits_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("Co-parenting, 24/7: don't!"),
            ["co", "parenting", "24", "7", "dont"]
        );
        assert_eq!(words(&"x".repeat(40)), Vec::<String>::new());
    }

    #[test]
    fn drops_stop_words_and_stems() {
        assert_eq!(tokens("They didn't reply to my messages"), ["reply", "messag"]);
        assert_eq!(tokens("How long should I wait?"), ["long", "wait"]);
        let stop = |w: &str| is_stop(w, hash::hash(w));
        assert!(STOP_WORDS.split(' ').all(stop));
        assert!(!stop("ab") && !stop("abouts") && !stop("wouldntx") && !stop(""));
    }

    #[test]
    fn stems_lightly() {
        for (word, stemmed) in [
            ("therapy", "therapy"),
            ("therapies", "therapy"),
            ("replied", "reply"),
            ("replies", "reply"),
            ("replying", "reply"),
            ("hoping", "hop"),
            ("hope", "hop"),
            ("stopped", "stop"),
            ("calling", "call"),
            ("classes", "class"),
            ("apologize", "apologis"),
            ("apologising", "apologis"),
            ("boundaries", "boundary"),
            ("bus", "bus"),
            ("being", "being"),
            ("thing", "thing"),
        ] {
            assert_eq!(stem(word), stemmed, "{word}");
        }
    }
}
