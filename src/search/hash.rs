//! The hash of the index's term tables: folded words and terms, short trusted strings (SipHash's
//! protection against chosen keys buys nothing here). Only lookups use it, never output order.
//! A word of up to 16 bytes is hashed from two 8-byte loads with one multiply, so a scanner
//! that has loaded a word to fold it has all but hashed it.

const SEED0: u64 = 0xa076_1d64_78bd_642f;
const SEED1: u64 = 0xe703_7ed1_a0b4_28db;

/// The high and low halves of the full product, folded: every input bit reaches the high bits
/// (which pick a merge bucket) and the low bits (which pick a table slot).
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let p = (a as u128).wrapping_mul(b as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

/// The hash of a string of `len` bytes, at most 16, given as its first 8 bytes and its next 8
/// (little-endian, zero past the end).
#[inline]
pub fn short(k0: u64, k1: u64, len: usize) -> u64 {
    mix(k0 ^ SEED0, k1 ^ SEED1 ^ (len as u64).wrapping_mul(SEED0))
}

/// `bytes` (at most 16) as two little-endian words, zero past the end.
#[inline]
pub fn load16(bytes: &[u8]) -> (u64, u64) {
    let mut b = [0u8; 16];
    b[..bytes.len()].copy_from_slice(bytes);
    let (lo, hi) = b.split_at(8);
    (
        u64::from_le_bytes(lo.try_into().unwrap_or_default()),
        u64::from_le_bytes(hi.try_into().unwrap_or_default()),
    )
}

/// The hash of `s`.
pub fn hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let (first, rest) = b.split_at(b.len().min(16));
    let (k0, k1) = load16(first);
    let mut h = short(k0, k1, b.len());
    for chunk in rest.chunks(16) {
        let (c0, c1) = load16(chunk);
        h = mix(c0 ^ h, c1 ^ SEED1);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_hash_alike_and_lengths_matter() {
        assert_eq!(hash("therapy"), hash(&String::from("therapy")));
        assert_ne!(hash("a"), hash("a\0"));
        assert_ne!(hash(&"x".repeat(16)), hash(&"x".repeat(17)));
        let (k0, k1) = load16(b"relationships");
        assert_eq!(short(k0, k1, 13), hash("relationships"));
    }

    #[test]
    fn high_bits_spread_over_buckets() {
        let mut seen = [0usize; 16];
        for i in 0..1600 {
            seen[(hash(&format!("w{i}")) >> 60) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| (50..150).contains(&n)), "{seen:?}");
    }
}
