//! FNV-1a, a fast hash for the index's term tables (keys are short, trusted strings; SipHash's
//! protection against chosen keys buys nothing here). Only lookups use it, never output order.
//! It goes byte by byte, so a scanner can hash a word in the same pass that finds it.

/// The hash of the empty string.
pub const START: u64 = 0xcbf2_9ce4_8422_2325;

/// The hash `h` of some bytes extended by `b`.
#[inline]
pub fn step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// The FNV-1a hash of `s`.
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(START, step)
}
