//! The fast path of `tokenize`'s rules: the words of a text found where they lie (`runs`), each
//! folded and hashed from two 8-byte loads when it is ASCII, and turned into its index term on
//! demand.

use super::hash;
use super::runs::Runs;
use super::tokenize::{fold, is_stop, split, stem_end, MAX_WORD};
use std::collections::VecDeque;

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

    /// `term`, held here.
    pub fn set(&mut self, term: &str) -> &str {
        self.0.clear();
        self.0.push_str(term);
        &self.0
    }
}

/// A folded word of `words`, stop words included, before stemming. A word of at most 16 bytes
/// is held in the word itself, so the scanner can fold it without a buffer.
pub struct Word {
    /// The word, if at most 16 bytes long, zero past its end.
    short: [u8; 16],
    /// The word, if longer (rare).
    long: String,
    len: usize,
    chars: usize,
    hash: u64,
}

impl Word {
    /// A word of `chars` chars whose `hash` is `hash::hash(text)`.
    fn new(text: &str, chars: usize, hash: u64) -> Self {
        let mut short = [0; 16];
        let long = match text.len() {
            0..=16 => {
                short[..text.len()].copy_from_slice(text.as_bytes());
                String::new()
            }
            _ => text.to_string(),
        };
        Word {
            short,
            long,
            len: text.len(),
            chars,
            hash,
        }
    }

    pub fn text(&self) -> &str {
        match self.len {
            0..=16 => std::str::from_utf8(&self.short[..self.len]).unwrap_or_default(),
            _ => &self.long,
        }
    }

    /// A word of at most 16 bytes as a number (little-endian, zero past the end), which names
    /// it as well as its text does, since no word holds a zero byte; 0 for a longer word.
    #[inline]
    pub fn key(&self) -> u128 {
        u128::from_le_bytes(self.short)
    }

    /// `hash::hash` of `text`.
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The word's index term: a prefix of the word, or built in `buf`; `None` for a stop word.
    pub fn term<'b>(&'b self, buf: &'b mut TermBuf) -> Option<&'b str> {
        let text = self.text();
        if is_stop(text, self.hash) {
            return None;
        }
        match stem_end(text.as_bytes(), self.chars) {
            (n, None) => Some(&text[..n]),
            (n, Some(last)) => {
                buf.0.clear();
                buf.0.push_str(&text[..n - 1]);
                buf.0.push(last as char);
                Some(&buf.0)
            }
        }
    }
}

/// Calls `f` with each word of `words(text)`.
pub fn for_each_word(text: &str, mut f: impl FnMut(&Word)) {
    for word in words(text) {
        f(&word);
    }
}

/// The folded words of `text` of at most `MAX_WORD` chars, in order, as `fold` then `split` of
/// the whole text would give them — except for Σ, whose lower case depends on the letters
/// around it. Runs of word bytes (`Runs`) are words: a run of ASCII letters and digits — most
/// words — is folded and hashed from two 8-byte loads; a run holding apostrophes or other
/// letters goes through `slow_run`.
pub fn words(text: &str) -> Words<'_> {
    if !text.is_ascii() && text.contains('Σ') {
        let mut pending = VecDeque::new();
        each_folded(&fold(text), &mut pending);
        return Words {
            text,
            runs: Runs::new(b""),
            pending,
        };
    }
    Words {
        text,
        runs: Runs::new(text.as_bytes()),
        pending: VecDeque::new(),
    }
}

/// The words of a text, as `words` finds them.
pub struct Words<'a> {
    text: &'a str,
    runs: Runs<'a>,
    /// Words of a run that went through `fold`, not yet handed out.
    pending: VecDeque<Word>,
}

impl Iterator for Words<'_> {
    type Item = Word;

    #[inline(always)]
    fn next(&mut self) -> Option<Word> {
        loop {
            if !self.pending.is_empty() {
                return self.pending.pop_front();
            }
            let (start, end, odd) = self.runs.next()?;
            if odd {
                slow_run(&self.text[start..end], &mut self.pending);
            } else if let Some(word) = ascii_word(self.text, start, end) {
                return Some(word);
            }
        }
    }
}

/// The word `text[start..end]`, a run of ASCII letters and digits, folded; `None` if too long.
#[inline(always)]
fn ascii_word(text: &str, start: usize, end: usize) -> Option<Word> {
    let n = end - start;
    if n > 16 {
        if n > MAX_WORD {
            return None;
        }
        let lowered = text[start..end].to_ascii_lowercase();
        return Some(Word::new(&lowered, n, hash::hash(&lowered)));
    }
    let bytes = text.as_bytes();
    let mask = u128::MAX >> (128 - 8 * n);
    let key = match bytes.get(start..start + 16) {
        Some(b) => u128::from_le_bytes(b.try_into().unwrap_or_default()) & mask,
        None => {
            let (k0, k1) = hash::load16(&bytes[start..end]);
            k0 as u128 | (k1 as u128) << 64
        }
    };
    // Every byte is an ASCII letter or digit, and digits have the 0x20 bit already.
    let lowered = key | (LOWER_BITS & mask);
    Some(Word {
        short: lowered.to_le_bytes(),
        long: String::new(),
        len: n,
        chars: n,
        hash: hash::short(lowered as u64, (lowered >> 64) as u64, n),
    })
}

const LOWER_BITS: u128 = u128::from_le_bytes([0x20; 16]);

/// The words of a run with apostrophes or non-ASCII chars, onto `out`: apostrophes are
/// dropped; if it holds other non-ASCII chars, the run goes through `fold` and `split`.
#[cold]
fn slow_run(run: &str, out: &mut VecDeque<Word>) {
    let bytes = run.as_bytes();
    let mut i = 0;
    let mut word = String::new();
    while i < bytes.len() {
        match apostrophe_len(&bytes[i..]) {
            0 if bytes[i] < 0x80 => {
                word.push((bytes[i] | 0x20) as char);
                i += 1;
            }
            0 => return each_folded(&fold(run), out),
            k => i += k,
        }
    }
    let n = word.len();
    if (1..=MAX_WORD).contains(&n) {
        out.push_back(Word::new(&word, n, hash::hash(&word)));
    }
}

/// The words of `folded` text, onto `out`.
fn each_folded(folded: &str, out: &mut VecDeque<Word>) {
    out.extend(split(folded).map(|w| Word::new(w, w.chars().count(), hash::hash(w))));
}

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
        for_each_word(text, |w| {
            assert_eq!(w.key(), Word::new(w.text(), w.chars, w.hash()).key(), "{}", w.text());
            out.push((w.text().to_string(), w.chars, w.hash()))
        });
        out
    }

    /// What `scanned` must give: `fold` then `split` of the whole text.
    fn reference(text: &str) -> Vec<(String, usize, u64)> {
        split(&fold(text))
            .map(|w| (w.to_string(), w.chars().count(), hash::hash(w)))
            .collect()
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
            assert_eq!(scanned(text), reference(text), "{text:?}");
        }
    }

    /// Words at every offset from a 64-byte block's edge, runs longer than a block, odd runs
    /// across edges and a text that ends inside a word.
    #[test]
    fn scanning_agrees_across_block_edges() {
        let base = "Don’t Give-UP: naïve 24/7 hopes x9Z relationship's ".repeat(3)
            + &"y".repeat(70)
            + " Therapy ABCDEFGHIJKLMNOPQR café"
            + &"Q".repeat(17);
        for pad in 0..70 {
            let text = format!("{}{base}", " ".repeat(pad));
            assert_eq!(scanned(&text), reference(&text), "pad {pad}");
        }
    }

    /// Random texts from pieces that exercise every path: capitals, digits, apostrophes of
    /// three kinds, accented and other letters, combining marks, punctuation, long runs.
    #[test]
    fn scanning_agrees_on_random_texts() {
        let (short, long) = ("x".repeat(20), "Y".repeat(40));
        let pieces = [
            "a", "Be", "cd", "E", "0", "9", " ", "  ", "\n", ".", ",", "-", "'", "’", "ʼ", "é", "Ü", "ß", "ø", "σ",
            "ж", "\u{301}", "—", "“", "€", "😀", &short, &long,
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for round in 0..400 {
            let mut text = String::new();
            for _ in 0..(round % 90) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            assert_eq!(scanned(&text), reference(&text), "{text:?}");
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
