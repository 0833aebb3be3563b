//! A set of terms, each once, with a value: their text packed into one `String` and found again
//! through an open-addressing table of their hashes, so a table allocates as it grows, not per
//! term. The index's merged postings and a reading task's vocabulary are such tables.

use super::hash;

#[derive(Debug)]
pub struct Terms<V> {
    /// The text of every term, one after another.
    text: String,
    /// `(hash, start, len, value)` of each term, in first-seen order.
    entries: Vec<(u64, u32, u32, V)>,
    /// Index + 1 into `entries`, 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
}

impl<V: Default> Default for Terms<V> {
    fn default() -> Self {
        Terms::with_capacity(1024)
    }
}

impl<V: Default> Terms<V> {
    /// Room for about `expected` terms before the table grows.
    pub fn with_capacity(expected: usize) -> Self {
        Terms {
            text: String::with_capacity(expected * 8),
            entries: Vec::with_capacity(expected),
            slots: vec![0; (expected * 2).next_power_of_two().max(16)],
        }
    }

    /// `entry` of a term whose `hash::hash` is known.
    #[inline]
    pub fn entry_hashed(&mut self, hash: u64, term: &str) -> &mut V {
        let i = self.index_hashed(hash, term);
        &mut self.entries[i].3
    }

    /// The number of `term` in first-seen order, inserted as `V::default()` the first time.
    pub fn index(&mut self, term: &str) -> usize {
        self.index_hashed(hash::hash(term), term)
    }

    #[inline]
    fn index_hashed(&mut self, hash: u64, term: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.slots[at] {
                0 => break,
                i => {
                    let (h, start, len, _) = self.entries[i as usize - 1];
                    if h == hash
                        && same(
                            &self.text.as_bytes()[start as usize..(start + len) as usize],
                            term.as_bytes(),
                        )
                    {
                        return i as usize - 1;
                    }
                }
            }
            at = (at + 1) & mask;
        }
        self.insert(at, hash, term)
    }

    fn insert(&mut self, at: usize, hash: u64, term: &str) -> usize {
        self.slots[at] = self.entries.len() as u32 + 1;
        self.entries
            .push((hash, self.text.len() as u32, term.len() as u32, V::default()));
        self.text.push_str(term);
        if self.entries.len() * 2 > self.slots.len() {
            self.grow();
        }
        self.entries.len() - 1
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (i, (hash, ..)) in self.entries.iter().enumerate() {
            let mut at = *hash as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = i as u32 + 1;
        }
        self.slots = slots;
    }
}

/// Whether `a` and `b` hold the same bytes. Terms are short, so most are compared with two
/// loads each rather than by a call to `memcmp`.
#[inline]
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => load8(a, 0) == load8(b, 0) && load8(a, n - 8) == load8(b, n - 8),
        4..=7 => load4(a, 0) == load4(b, 0) && load4(a, n - 4) == load4(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

fn load8(s: &[u8], at: usize) -> u64 {
    let mut b = [0; 8];
    b.copy_from_slice(&s[at..at + 8]);
    u64::from_le_bytes(b)
}

fn load4(s: &[u8], at: usize) -> u32 {
    let mut b = [0; 4];
    b.copy_from_slice(&s[at..at + 4]);
    u32::from_le_bytes(b)
}

impl<V> Terms<V> {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The value of the `i`th term seen.
    pub fn value_mut(&mut self, i: usize) -> &mut V {
        &mut self.entries[i].3
    }

    /// `(hash, term, value)` of the `i`th term seen.
    pub fn get(&self, i: usize) -> (u64, &str, &V) {
        let (h, s, l, v) = &self.entries[i];
        (*h, &self.text[*s as usize..(*s + *l) as usize], v)
    }

    /// `(hash, term, value)` of every term, in first-seen order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &str, &V)> {
        (0..self.entries.len()).map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_term_again_as_it_grows() {
        let mut terms: Terms<u32> = Terms::with_capacity(1);
        for round in 0..3 {
            for i in 0..100 {
                let term = format!("t{i}");
                *terms.entry_hashed(hash::hash(&term), &term) += 1;
            }
            assert_eq!(terms.len(), 100, "round {round}");
        }
        assert!(terms.iter().all(|(h, t, v)| *v == 3 && h == hash::hash(t)));
        assert_eq!(terms.iter().next().map(|(_, t, _)| t), Some("t0"));
    }
}
