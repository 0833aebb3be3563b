//! Where the words of a text lie: runs of word bytes, found a 64-byte block at a time from bit
//! masks of the block's letters and digits (SSE2 on x86_64, a plain loop elsewhere).

/// The runs of word bytes of a text as `(start, end, odd)`, `odd` if the run holds apostrophes
/// or non-ASCII bytes. Bytes are classed a block of 64 at a time (see `classify`).
pub struct Runs<'a> {
    bytes: &'a [u8],
    /// Where the current block starts.
    base: usize,
    /// The current block's word bytes not yet handed out, and its `other` bytes.
    rest: u64,
    other: u64,
    /// A run that reached the end of a block: where it starts and whether it holds `other` bytes.
    open: Option<(usize, bool)>,
}

impl<'a> Runs<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        let (alnum, other) = match bytes.is_empty() {
            true => (0, 0),
            false => classify(bytes, 0),
        };
        Runs {
            bytes,
            base: 0,
            rest: alnum | other,
            other,
            open: None,
        }
    }
}

impl Iterator for Runs<'_> {
    type Item = (usize, usize, bool);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.rest != 0 {
                let start = self.rest.trailing_zeros() as usize;
                let len = (!(self.rest >> start)).trailing_zeros() as usize;
                if start + len < 64 {
                    self.rest &= !low_bits(start + len);
                    let odd = self.other & (low_bits(len) << start) != 0;
                    return Some((self.base + start, self.base + start + len, odd));
                }
                self.open = Some((self.base + start, self.other >> start != 0));
                self.rest = 0;
            }
            self.base += 64;
            if self.base >= self.bytes.len() {
                let end = self.bytes.len();
                return self.open.take().map(|(start, odd)| (start, end, odd));
            }
            let (alnum, other) = classify(self.bytes, self.base);
            (self.rest, self.other) = (alnum | other, other);
            if let Some((start, odd)) = self.open {
                let len = (!self.rest).trailing_zeros() as usize;
                if len == 64 {
                    self.open = Some((start, odd || other != 0));
                    self.rest = 0;
                    continue;
                }
                self.open = None;
                self.rest &= !low_bits(len);
                return Some((start, self.base + len, odd || other & low_bits(len) != 0));
            }
        }
    }
}

/// The lowest `n` bits set, `n` < 64.
#[inline]
fn low_bits(n: usize) -> u64 {
    (1u64 << n) - 1
}

/// Bit masks of the 64 bytes of `bytes` from `base` (zero past the end): ASCII letters and
/// digits, and `other` bytes (apostrophes and bytes of non-ASCII chars). Every other byte is
/// ASCII that splits words.
#[inline(always)]
fn classify(bytes: &[u8], base: usize) -> (u64, u64) {
    if base + 64 <= bytes.len() {
        classify64(&bytes[base..base + 64])
    } else {
        let mut block = [0u8; 64];
        block[..bytes.len() - base].copy_from_slice(&bytes[base..]);
        classify64(&block)
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn classify64(block: &[u8]) -> (u64, u64) {
    use std::arch::x86_64::*;
    assert!(block.len() >= 64);
    let (mut alnum, mut other) = (0u64, 0u64);
    // SAFETY: SSE2 is part of x86_64, and the four 16-byte loads lie within `block` (asserted).
    unsafe {
        let set = |b: u8| _mm_set1_epi8(b as i8);
        for j in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * j) as *const __m128i);
            // A byte in lo..=hi, shifted to start at -128, is below -128 + (hi - lo + 1) as i8.
            let letter = _mm_cmplt_epi8(
                _mm_add_epi8(_mm_or_si128(v, set(0x20)), set(0x80 - b'a')),
                set(0x80 + 26),
            );
            let digit = _mm_cmplt_epi8(_mm_add_epi8(v, set(0x80 - b'0')), set(0x80 + 10));
            let odd = _mm_or_si128(v, _mm_cmpeq_epi8(v, set(b'\'')));
            alnum |= (_mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16 as u64) << (16 * j);
            other |= (_mm_movemask_epi8(odd) as u16 as u64) << (16 * j);
        }
    }
    (alnum, other)
}

#[cfg(not(target_arch = "x86_64"))]
fn classify64(block: &[u8]) -> (u64, u64) {
    classify64_plain(block)
}

/// `classify64` a byte at a time: what other machines run, and what the SSE2 version is
/// checked against.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn classify64_plain(block: &[u8]) -> (u64, u64) {
    let (mut alnum, mut other) = (0u64, 0u64);
    for (i, &b) in block[..64].iter().enumerate() {
        alnum |= (b.is_ascii_alphanumeric() as u64) << i;
        other |= ((b >= 0x80 || b == b'\'') as u64) << i;
    }
    (alnum, other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_classed_as_the_plain_loop_classes_it() {
        for first in (0..=255u8).step_by(64) {
            let block: Vec<u8> = (0..64).map(|i| first.wrapping_add(i)).collect();
            assert_eq!(classify64(&block), classify64_plain(&block), "bytes from {first}");
        }
        let mut block = [b' '; 64];
        block[..16].copy_from_slice(b"Ab9 '\xc3\xa9-_.zZ0\x7f\x80\xff");
        let (alnum, other) = classify64_plain(&block);
        assert_eq!((alnum & 0xff, other & 0xff), (0b0000_0111, 0b0111_0000));
    }

    #[test]
    fn runs_cross_block_edges() {
        let text = format!("{} ab{}cd e", " ".repeat(62), "x".repeat(70));
        let runs: Vec<(usize, usize, bool)> = Runs::new(text.as_bytes()).collect();
        assert_eq!(runs, [(63, 137, false), (138, 139, false)]);
    }
}
