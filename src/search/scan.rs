//! The fast path of `tokenize`'s rules: the words of a text found where they lie, each folded
//! without copying when it is already lower-case ASCII and hashed as it is scanned, and turned
//! into its index term on demand.

use super::fnv;
use super::tokenize::{fold, is_stop, split, stem_end, MAX_WORD};

/// Calls `f` with each index term of `text`, in order.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = TermBuf::new();
    for_each_word(text, |w| {
        if let Some(t) = w.term(&mut buf) {
            f(t)
        }
    });
}

/// Room for the few stems that are not a prefix of their word ("replies" -> "reply").
#[derive(Default)]
pub struct TermBuf(String);

impl TermBuf {
    pub fn new() -> Self {
        TermBuf(String::with_capacity(MAX_WORD * 4))
    }
}

/// A folded word of `for_each_word`, stop words included, before stemming.
pub struct Word<'a> {
    text: &'a str,
    chars: usize,
    hash: u64,
}

impl<'a> Word<'a> {
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// `fnv::hash` of `text`.
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The word's index term: a prefix of the word, or built in `buf`; `None` for a stop word.
    pub fn term<'b>(&self, buf: &'b mut TermBuf) -> Option<&'b str>
    where
        'a: 'b,
    {
        if is_stop(self.text, self.hash) {
            return None;
        }
        match stem_end(self.text.as_bytes(), self.chars) {
            (n, None) => Some(&self.text[..n]),
            (n, Some(last)) => {
                buf.0.clear();
                buf.0.push_str(&self.text[..n - 1]);
                buf.0.push(last as char);
                Some(&buf.0)
            }
        }
    }
}

/// Calls `f` with each folded word of `text` of at most `MAX_WORD` chars, in order. A word of
/// lower-case ASCII letters and digits — most words — is handed over where it lies in `text`;
/// one with capitals or apostrophes is folded in a buffer; only a run holding other letters
/// goes through `fold`. Runs end at ASCII bytes that split words in every case, so run by run
/// gives what `fold` then `split` of the whole text gives — except for Σ, whose lower case
/// depends on the letters around it.
pub fn for_each_word(text: &str, mut f: impl FnMut(&Word)) {
    if !text.is_ascii() && text.contains('Σ') {
        return each_folded(&fold(text), &mut f);
    }
    let bytes = text.as_bytes();
    let mut scratch = String::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && CLASS[bytes[i] as usize] == SPLIT {
            i += 1;
        }
        // `seen` gathers the classes of the run's bytes; `skipped` counts apostrophe bytes.
        let (start, mut seen, mut skipped, mut hash) = (i, 0, 0, fnv::START);
        loop {
            while i < bytes.len() && CLASS[bytes[i] as usize] & (LOWER | UPPER) != 0 {
                seen |= CLASS[bytes[i] as usize];
                // ASCII digits have the 0x20 bit set already, so this lower-cases letters only.
                hash = fnv::step(hash, bytes[i] | 0x20);
                i += 1;
            }
            if i == bytes.len() || CLASS[bytes[i] as usize] == SPLIT {
                break;
            }
            seen |= OTHER;
            match apostrophe_len(&bytes[i..]) {
                0 => {
                    seen |= NON_ASCII;
                    i += 1;
                }
                k => {
                    skipped += k;
                    i += k;
                }
            }
        }
        let run = &text[start..i];
        let n = i - start - skipped;
        if seen & NON_ASCII != 0 {
            each_folded(&fold(run), &mut f);
            continue;
        }
        if !(1..=MAX_WORD).contains(&n) {
            continue;
        }
        // One call of `f` in the loop, so that it can be inlined here.
        let text = if seen == LOWER {
            run
        } else {
            scratch.clear();
            scratch.extend(
                run.bytes()
                    .filter(|b| CLASS[*b as usize] & (LOWER | UPPER) != 0)
                    .map(|b| (b | 0x20) as char),
            );
            &scratch
        };
        f(&Word { text, chars: n, hash });
    }
}

/// `f` of each word of `folded` text.
fn each_folded(folded: &str, f: &mut dyn FnMut(&Word)) {
    for word in split(folded) {
        f(&Word {
            text: word,
            chars: word.chars().count(),
            hash: fnv::hash(word),
        });
    }
}

const SPLIT: u8 = 0;
/// Lower-case ASCII letters and digits.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
/// Apostrophes and bytes of non-ASCII chars: looked at more closely.
const OTHER: u8 = 4;
/// Not a class: what `seen` records for a run holding a non-ASCII char other than an apostrophe.
const NON_ASCII: u8 = 8;
/// The class of each byte: ASCII letters and digits, other ASCII (splits words), or other.
static CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c == b'\'' {
            OTHER
        } else {
            SPLIT
        };
        b += 1;
    }
    class
};

/// Bytes of the apostrophe (' ’ ʼ) at the start of `b`, or 0.
fn apostrophe_len(b: &[u8]) -> usize {
    match b {
        [b'\'', ..] => 1,
        [0xe2, 0x80, 0x99, ..] => 3,
        [0xca, 0xbc, ..] => 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word and its hash, as `for_each_word` gives them.
    fn scanned(text: &str) -> Vec<(String, usize, u64)> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push((w.text().to_string(), w.chars, w.hash())));
        out
    }

    #[test]
    fn scanning_agrees_with_fold_then_split() {
        let long = "Abc".repeat(11);
        for text in [
            "plain words here",
            "Capitals, DON'T and don’t and donʼt; 24/7 x9Z",
            "Café NAÏVE Œuvre Straße—«quoted» it's",
            "ΟΔΥΣΣΕΥΣ σοφός. A.Σ",
            "e\u{301}te\u{301} 'quoted' ''",
            &format!("{long} {long}x short"),
            "",
        ] {
            let folded = fold(text);
            let expected: Vec<(String, usize, u64)> = split(&folded)
                .map(|w| (w.to_string(), w.chars().count(), fnv::hash(w)))
                .collect();
            assert_eq!(scanned(text), expected, "{text:?}");
        }
    }

    #[test]
    fn terms_are_stems_without_stop_words() {
        let mut buf = TermBuf::new();
        let mut terms = Vec::new();
        for_each_word("The Replies were hoping, organized", |w| {
            terms.push(w.term(&mut buf).map(str::to_string))
        });
        let expected = [None, Some("reply"), None, Some("hop"), Some("organis")];
        assert_eq!(terms, expected.map(|t| t.map(str::to_string)));
    }
}
