//! The fast path of `tokenize`'s rules: the words of a text found where they lie, each folded
//! without copying when it is already lower-case ASCII, and turned into its index term on demand.

use super::tokenize::{fold, is_stop, split, stem_in_place, MAX_WORD};

/// Room for the longest word: `MAX_WORD` chars of at most 4 bytes each.
const WORD_BYTES: usize = MAX_WORD * 4;

/// Calls `f` with each index term of `text`, in order.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = TermBuf::new();
    for_each_word(text, |w| {
        if let Some(t) = w.term(&mut buf) {
            f(t)
        }
    });
}

/// Room to stem a word in.
pub struct TermBuf([u8; WORD_BYTES]);

impl TermBuf {
    pub fn new() -> Self {
        TermBuf([0; WORD_BYTES])
    }
}

impl Default for TermBuf {
    fn default() -> Self {
        Self::new()
    }
}

/// A folded word of `for_each_word`, stop words included, before stemming.
pub struct Word<'a> {
    text: &'a str,
    chars: usize,
}

impl Word<'_> {
    pub fn text(&self) -> &str {
        self.text
    }

    /// The word's index term, stemmed in `buf`; `None` for a stop word.
    pub fn term<'b>(&self, buf: &'b mut TermBuf) -> Option<&'b str> {
        let word = self.text.as_bytes();
        if is_stop(word) {
            return None;
        }
        buf.0[..word.len()].copy_from_slice(word);
        let n = stem_in_place(&mut buf.0, word.len(), self.chars);
        std::str::from_utf8(&buf.0[..n]).ok()
    }
}

/// Calls `f` with each folded word of `text` of at most `MAX_WORD` chars, in order. A word of
/// lower-case ASCII letters and digits — most words — is handed over where it lies in `text`;
/// one with capitals or apostrophes is folded in a buffer; only a run holding other letters
/// goes through `fold`. Runs end at ASCII bytes that split words in every case, so run by run
/// gives what `fold` then `split` of the whole text gives — except for Σ, whose lower case
/// depends on the letters around it.
pub fn for_each_word(text: &str, mut f: impl FnMut(&Word)) {
    if text.contains('Σ') {
        return each_folded(&fold(text), &mut f);
    }
    let bytes = text.as_bytes();
    let mut scratch = String::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && CLASS[bytes[i] as usize] == SPLIT {
            i += 1;
        }
        let (start, mut n, mut ascii, mut clean) = (i, 0, true, true);
        loop {
            while i < bytes.len() && CLASS[bytes[i] as usize] == LETTER {
                clean &= !bytes[i].is_ascii_uppercase();
                n += 1;
                i += 1;
            }
            if i == bytes.len() || CLASS[bytes[i] as usize] == SPLIT {
                break;
            }
            clean = false;
            match apostrophe_len(&bytes[i..]) {
                0 => {
                    ascii = false;
                    i += 1;
                }
                k => i += k,
            }
        }
        let run = &text[start..i];
        if !ascii {
            each_folded(&fold(run), &mut f);
        } else if (1..=MAX_WORD).contains(&n) && clean {
            f(&Word { text: run, chars: n });
        } else if (1..=MAX_WORD).contains(&n) {
            scratch.clear();
            scratch.extend(run.chars().filter(|c| c.is_ascii()).map(|c| c.to_ascii_lowercase()));
            scratch.retain(|c| c != '\'');
            f(&Word {
                text: &scratch,
                chars: n,
            });
        }
    }
}

/// `f` of each word of `folded` text.
fn each_folded(folded: &str, f: &mut impl FnMut(&Word)) {
    for word in split(folded) {
        f(&Word {
            text: word,
            chars: word.chars().count(),
        });
    }
}

const SPLIT: u8 = 0;
const LETTER: u8 = 1;
/// Apostrophes and bytes of non-ASCII chars: looked at more closely.
const OTHER: u8 = 2;
/// The class of each byte: ASCII letters and digits, other ASCII (splits words), or other.
static CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        class[b] = if (b as u8).is_ascii_alphanumeric() {
            LETTER
        } else if b as u8 == b'\'' {
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
