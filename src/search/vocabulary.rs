//! What a reading task keeps from page to page: every word it has met, mapped to its index term
//! (or marked a stop word), so a word is checked against the stop words and stemmed once per
//! task instead of once per page; and a page's terms as they are found.

use super::document::{Impact, TermStats};
use super::hash;
use super::language::Rules;
use super::spelling::{self, Spellings, Spot};
use super::table::Terms;
use super::tokenize::{TermBuf, Word};
use super::{bucket, BUCKETS};

/// A task forgets what it learnt past this many words, so memory stays bounded on a handbook
/// with many one-off words (numbers, names).
const MAX_WORDS: usize = 1 << 16;

/// What a word maps to when it is a stop word.
const STOP: u32 = u32::MAX;

#[derive(Default)]
pub struct Vocabulary {
    /// Words of at most 16 bytes, by `Word::key`.
    short: ShortWords,
    /// Longer words -> term number + 1, or `STOP`; 0 only while being filled.
    words: Terms<u32>,
    /// Each term's text and hash, by number, and where in `spelled` its shown word lies.
    terms: Terms<Spot>,
    /// The words shown for terms (`spelling`), one after another.
    spelled: String,
    /// Term number -> its position + 1 in the page being read, or 0.
    on_page: Vec<u32>,
    buf: TermBuf,
    /// The handbook language's rules for turning a word into its term.
    pub rules: Rules,
    /// The words shown for the terms of words forgotten so far.
    spellings: Spellings,
}

/// A page's terms, each once, weighted, and grouped by the bucket they are merged in.
#[derive(Debug, Default)]
pub struct PageTerms {
    /// Every term's text, one after another.
    text: String,
    /// `(hash, start, len, impact)` of each term, bucket by bucket.
    list: Vec<(u64, u32, u32, Impact)>,
    /// Where each bucket's terms start in `list`, and where the last bucket's end.
    starts: [u32; BUCKETS + 1],
}

impl PageTerms {
    /// `(hash, term, impact)` of the terms in bucket `b`.
    pub fn bucket(&self, b: usize) -> impl Iterator<Item = (u64, &str, Impact)> {
        let list = &self.list[self.starts[b] as usize..self.starts[b + 1] as usize];
        list.iter()
            .map(|(h, s, l, v)| (*h, &self.text[*s as usize..(*s + *l) as usize], *v))
    }

    /// `(hash, term, impact)` of every term.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (u64, &str, Impact)> {
        (0..BUCKETS).flat_map(|b| self.bucket(b))
    }
}

/// A page being read: its terms' numbers in `Vocabulary` and their stats, in first-seen order.
#[derive(Default)]
pub struct Reading {
    found: Vec<(u32, TermStats)>,
}

impl Vocabulary {
    pub fn with_rules(rules: Rules) -> Self {
        Vocabulary {
            rules,
            ..Vocabulary::default()
        }
    }

    /// The stats of `word`'s term on `page`, or `None` for a stop word.
    #[inline(always)]
    pub fn stats<'p>(&mut self, page: &'p mut Reading, word: &Word) -> Option<&'p mut TermStats> {
        let known = match word.key() {
            0 => self.long_word(word),
            key => match self.short.get(key, word.hash()) {
                0 => self.short_word(key, word),
                known => known,
            },
        };
        if known == STOP {
            return None;
        }
        let n = known as usize - 1;
        let at = &mut self.on_page[n];
        if *at == 0 {
            page.found.push((n as u32, TermStats::default()));
            *at = page.found.len() as u32;
        }
        Some(&mut page.found[*at as usize - 1].1)
    }

    /// What a word of over 16 bytes maps to.
    #[cold]
    fn long_word(&mut self, word: &Word) -> u32 {
        let known = *self.words.entry_hashed(word.hash(), word.text());
        if known != 0 {
            return known;
        }
        let learnt = self.learn(word);
        *self.words.entry_hashed(word.hash(), word.text()) = learnt;
        learnt
    }

    /// What a short word met for the first time maps to, remembered.
    #[cold]
    fn short_word(&mut self, key: u128, word: &Word) -> u32 {
        let learnt = self.learn(word);
        self.short.insert(key, word.hash(), learnt);
        learnt
    }

    /// Term number + 1 of a word met for the first time, or `STOP`.
    fn learn(&mut self, word: &Word) -> u32 {
        let Some(term) = self.rules.term(word, &mut self.buf) else {
            return STOP;
        };
        let n = self.terms.index(term);
        spelling::keep_in(&mut self.spelled, self.terms.value_mut(n), word.text());
        if n == self.on_page.len() {
            self.on_page.push(0);
        }
        n as u32 + 1
    }

    /// The word shown for every term met so far; the vocabulary keeps its words and terms.
    pub fn take_spellings(&mut self) -> Spellings {
        for i in 0..self.terms.len() {
            let (hash, term, spot) = self.terms.get(i);
            self.spellings.keep(hash, term, spelling::word_at(&self.spelled, *spot));
        }
        std::mem::take(&mut self.spellings)
    }

    /// The terms of a page read, with their text, weighed by `weigh`; ready for the next page.
    pub fn finish(&mut self, page: Reading, weigh: impl Fn(&TermStats) -> Impact) -> PageTerms {
        let mut starts = [0u32; BUCKETS + 1];
        for (n, _) in &page.found {
            starts[bucket(self.terms.get(*n as usize).0) + 1] += 1;
        }
        for b in 0..BUCKETS {
            starts[b + 1] += starts[b];
        }
        let mut next = starts;
        let mut out = PageTerms {
            text: String::with_capacity(page.found.len() * 8),
            list: vec![(0, 0, 0, Impact { impact: 0, section: 0 }); page.found.len()],
            starts,
        };
        for (n, stats) in page.found {
            self.on_page[n as usize] = 0;
            let (hash, term, _) = self.terms.get(n as usize);
            let at = &mut next[bucket(hash)];
            out.list[*at as usize] = (hash, out.text.len() as u32, term.len() as u32, weigh(&stats));
            *at += 1;
            out.text.push_str(term);
        }
        if self.short.len + self.words.len() > MAX_WORDS {
            let spellings = self.take_spellings();
            *self = Vocabulary::with_rules(self.rules);
            self.spellings = spellings;
        }
        out
    }
}

/// An open-addressing table of `(key, value)` keyed by `Word::key`: a word is found by
/// comparing one number in the slot its hash picks, usually the first.
struct ShortWords {
    /// `(key, term number + 1 or STOP)`, the key in two halves (so a slot takes 24 bytes, not
    /// 32); key 0 marks an empty slot. A power of two long.
    slots: Vec<([u64; 2], u32)>,
    len: usize,
}

impl Default for ShortWords {
    fn default() -> Self {
        ShortWords {
            slots: vec![([0; 2], 0); 4096],
            len: 0,
        }
    }
}

impl ShortWords {
    /// The value of `key`, 0 if absent.
    #[inline]
    fn get(&self, key: u128, hash: u64) -> u32 {
        let (k0, k1) = (key as u64, (key >> 64) as u64);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let ([s0, s1], value) = self.slots[at];
            if (s0, s1) == (k0, k1) {
                return value;
            }
            if (s0, s1) == (0, 0) {
                return 0;
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `key`, which is absent.
    fn insert(&mut self, key: u128, hash: u64, value: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at].0 != [0; 2] {
            at = (at + 1) & mask;
        }
        self.slots[at] = ([key as u64, (key >> 64) as u64], value);
        self.len += 1;
    }

    fn grow(&mut self) {
        let bigger = vec![([0; 2], 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        let mask = self.slots.len() - 1;
        for (key, value) in old.into_iter().filter(|(key, _)| *key != [0; 2]) {
            let len = 16 - (key[0] as u128 | (key[1] as u128) << 64).leading_zeros() as usize / 8;
            let mut at = hash::short(key[0], key[1], len) as usize & mask;
            while self.slots[at].0 != [0; 2] {
                at = (at + 1) & mask;
            }
            self.slots[at] = (key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scan::words;

    /// Each term of `text` and its count, alphabetically.
    fn read(vocabulary: &mut Vocabulary, text: &str) -> Vec<(String, u32)> {
        let mut page = Reading::default();
        for word in words(text) {
            if let Some(stats) = vocabulary.stats(&mut page, &word) {
                stats.weight += 1.0;
            }
        }
        let terms = vocabulary.finish(page, |s| Impact {
            impact: s.weight as u32,
            section: 0,
        });
        let mut terms: Vec<(String, u32)> = terms.iter().map(|(_, t, i)| (t.to_string(), i.impact)).collect();
        terms.sort();
        terms
    }

    #[test]
    fn pages_count_their_own_terms() {
        let mut vocabulary = Vocabulary::default();
        let first = read(&mut vocabulary, "Hoping and hope, the replies; hope Misunderstandings");
        let long = "misunderstand".to_string();
        let expected = [("hop".to_string(), 3), (long.clone(), 1), ("reply".to_string(), 1)];
        assert_eq!(first, expected);
        let second = read(&mut vocabulary, "misunderstandings: replied to the reply, then hoping");
        assert_eq!(second, [("hop".to_string(), 1), (long, 1), ("reply".to_string(), 2)]);
    }

    #[test]
    fn terms_are_grouped_by_bucket() {
        let mut vocabulary = Vocabulary::default();
        let mut page = Reading::default();
        for word in words("one two three four five six seven eight nine ten eleven twelve") {
            vocabulary.stats(&mut page, &word);
        }
        let terms = vocabulary.finish(page, |_| Impact { impact: 1, section: 0 });
        let buckets: Vec<usize> = terms.iter().map(|(hash, ..)| bucket(hash)).collect();
        assert!(buckets.windows(2).all(|w| w[0] <= w[1]), "{buckets:?}");
        assert_eq!(buckets.len(), 12);
        for b in 0..BUCKETS {
            assert!(terms.bucket(b).all(|(hash, ..)| bucket(hash) == b));
        }
    }

    #[test]
    fn a_full_vocabulary_starts_again_between_pages() {
        let mut vocabulary = Vocabulary::default();
        let many: String = (0..MAX_WORDS + 10).map(|i| format!("w{i} ")).collect();
        assert_eq!(read(&mut vocabulary, &many).len(), MAX_WORDS + 10);
        assert_eq!(vocabulary.short.len + vocabulary.words.len(), 0);
        assert_eq!(read(&mut vocabulary, "w1 w1"), [("w1".to_string(), 2)]);
    }
}
