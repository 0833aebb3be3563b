//! Tokenising, case and accent folding, stop words and light English stemming: the one
//! specification that `themes/default/static/search.js` implements too (tests/search_vectors.json
//! proves they agree; a test checks the two share `FOLD` and `STOP_WORDS` letter for letter).
//!
//! The rules, in order: lower-case (Unicode); fold the letters in `FOLD`; drop combining marks
//! (U+0300–U+036F) and apostrophes (' ’ ʼ); split on anything that is neither Alphabetic nor a
//! Number (Unicode properties); drop words longer than `MAX_WORD` chars and stop words; stem.

use super::fnv::Fnv;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Accent folding, as `target=letters` groups: each letter is replaced by its group's target.
pub const FOLD: &str = "a=àáâãäåāăą c=çćĉċč d=ďđð e=èéêëēĕėęě g=ĝğġģ h=ĥħ i=ìíîïĩīĭįı j=ĵ k=ķ l=ĺļľŀł \
n=ñńņňŉ o=òóôõöøōŏő r=ŕŗř s=śŝşšſ t=ţťŧ u=ùúûüũūŭůűų w=ŵ y=ýÿŷ z=źżž ae=æ oe=œ ss=ß th=þ ij=ĳ";

/// Words too common to help a search, folded and without apostrophes.
pub const STOP_WORDS: &str = "a about also am an and are as at be been being but by can cant could couldnt did didnt \
do does doesnt dont for from had has have he her hers him his how i if im in into is isnt it its ive just me my \
of on or our ours she should so than that thats the their theirs them then there these they this those to too us \
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

/// Whether `word` (folded) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, BuildHasherDefault<Fnv>>> = OnceLock::new();
    word.len() <= 8 && SET.get_or_init(|| STOP_WORDS.split(' ').collect()).contains(word)
}

/// The folded words of `text`, stop words included, in order.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    split(&folded).map(str::to_string).collect()
}

fn split(folded: &str) -> impl Iterator<Item = &str> {
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

/// Calls `f` with each index term of `text`, in order; `tokens` without the allocations.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    for word in split(&folded).filter(|w| !is_stop_word(w)) {
        f(&stem(word));
    }
}

fn len(w: &str) -> usize {
    w.chars().count()
}

fn has_vowel(w: &str) -> bool {
    w.contains(['a', 'e', 'i', 'o', 'u', 'y'])
}

/// `w` without a final doubled consonant (other than l, s, z): "stopp" -> "stop".
fn undouble(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    let doubled = n >= 2 && b[n - 1] == b[n - 2] && b"bcdfghjkmnpqrtvwx".contains(&b[n - 1]);
    if doubled {
        w[..n - 1].to_string()
    } else {
        w.to_string()
    }
}

/// Light English stemming of one folded word: plurals, -ing, -ed, a final e, -ize as -ise.
/// Words of three letters or fewer are kept whole.
pub fn stem(word: &str) -> Cow<'_, str> {
    let untouched = !word.ends_with(['s', 'd', 'g', 'e', 'z']);
    if untouched || len(word) <= 3 {
        return Cow::Borrowed(word);
    }
    let mut w = word.to_string();
    if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with("ies") && len(&w) > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    if w.ends_with("ied") && len(&w) > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if let Some(s) = w.strip_suffix("ing").filter(|s| len(s) >= 3 && has_vowel(s)) {
        w = undouble(s);
    } else if let Some(s) = w.strip_suffix("ed").filter(|s| len(s) >= 3 && has_vowel(s)) {
        w = undouble(s);
    }
    if w.ends_with('e') && len(&w) > 3 {
        w.pop();
    }
    if let Some(s) = w.strip_suffix("iz") {
        w = format!("{s}is");
    }
    Cow::Owned(w)
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
