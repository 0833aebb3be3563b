//! The index as files: postings encoded compactly, cut into term shards of about `SHARD_BYTES`
//! (each with the cards of its terms' champions, copied out of the docs chunks `docs.rs` writes,
//! `DOC_CHUNK` pages each), and a manifest naming the first term of every shard.
//!
//! Every file is a script calling `HandbookSearch.m` (manifest), `.t` (terms) or `.d` (docs), so
//! it loads by `<script>` from file:// where `fetch` cannot. A term shard is one string of
//! `term postings` lines joined by `!`, then an array of `champion::Card`s. Postings are
//! `(doc gap, section * MAX_IMPACT + impact - 1)` pairs of numbers in base 45 over `ALPHABET`:
//! digits 0..45 end a number, 45..90 continue it.

use super::champion;
use super::docs::{push_str_contents, Docs};
use super::document::{Impact, MAX_IMPACT};
use crate::output::OutputFile;
use serde::Serialize;
use std::cmp::Ordering;
use std::io::Write;
use std::ops::Range;

/// 90 printable ASCII characters that need no escaping in a JavaScript string (no `"`, `\`).
pub const ALPHABET: &[u8; 90] =
    b"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
const BASE: u32 = 45;
/// A term shard is closed once it holds this many bytes (a single term may exceed it).
pub const SHARD_BYTES: usize = 24 * 1024;
/// Pages per docs file: results load only the chunks of the pages they show.
pub const DOC_CHUNK: usize = 16;
pub const FOLDER: &str = "assets/search";

/// Appends `n` in the variable-length base-45 code, most significant digit first.
#[inline]
pub fn push_number(out: &mut String, n: u32) {
    if n < BASE {
        // Most gaps and every impact of sections 0..=2: one digit.
        out.push(ALPHABET[n as usize] as char);
    } else if n < BASE * BASE {
        // Sections up to 134 and gaps up to 2024.
        out.push(ALPHABET[(BASE + n / BASE) as usize] as char);
        out.push(ALPHABET[(n % BASE) as usize] as char);
    } else {
        push_long_number(out, n);
    }
}

fn push_long_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 8];
    let mut k = 0;
    loop {
        digits[k] = (n % BASE) as u8;
        k += 1;
        n /= BASE;
        if n == 0 {
            break;
        }
    }
    for &d in digits[1..k].iter().rev() {
        out.push(ALPHABET[(BASE as u8 + d) as usize] as char);
    }
    out.push(ALPHABET[digits[0] as usize] as char);
}

/// Reads the numbers `push_number` wrote (for tests and the Rust side of queries).
pub fn read_numbers(code: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut acc = 0;
    for b in code.bytes() {
        let d = ALPHABET.iter().position(|&a| a == b).unwrap_or(0) as u32;
        if d >= BASE {
            acc = acc * BASE + (d - BASE);
        } else {
            out.push(acc * BASE + d);
            acc = 0;
        }
    }
    out
}

/// Appends one posting: the gap from the doc after the previous one, then impact and section
/// as one number, `section * MAX_IMPACT + impact - 1`: one character while the section is 0..=2.
#[inline]
pub fn push_posting(out: &mut String, gap: u32, Impact { impact, section }: Impact) {
    push_number(out, gap);
    push_number(out, section * MAX_IMPACT + impact - 1);
}

/// One term's postings, docs ascending.
pub fn encode_postings(postings: &[(u32, Impact)]) -> String {
    let mut out = String::with_capacity(postings.len() * 3);
    let mut next = 0;
    for &(doc, impact) in postings {
        push_posting(&mut out, doc - next, impact);
        next = doc + 1;
    }
    out
}

/// The order JavaScript compares strings in (UTF-16 code units), so its binary search agrees.
pub fn js_order(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// One term as a shard holds it.
pub struct Line<'a> {
    pub term: &'a str,
    /// Encoded postings.
    pub code: String,
    /// How many pages it is on.
    pub docs: u32,
    pub champions: &'a [(u32, Impact)],
}

/// Lines in `js_order` cut into shards of about `SHARD_BYTES`: each shard's lines. There is
/// always one shard, if empty.
pub fn shard_ranges(lines: &[Line]) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        bytes += usize::from(i > start) + line.term.len() + 1 + line.code.len();
        if bytes >= SHARD_BYTES || i + 1 == lines.len() {
            ranges.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if ranges.is_empty() {
        ranges.push(0..0);
    }
    ranges
}

/// The shards of `ranges` as files, and each shard's first term. Each line's code is freed once
/// its shard is written, so the codes are not held twice.
pub fn term_shards(lines: &mut [Line], ranges: &[Range<usize>], docs: &Docs) -> (Vec<OutputFile>, Vec<String>) {
    let mut cards = Vec::new();
    let files = ranges
        .iter()
        .enumerate()
        .map(|(n, range)| {
            let file = term_shard(n, &lines[range.clone()], docs, &mut cards);
            for line in &mut lines[range.clone()] {
                line.code = String::new();
            }
            file
        })
        .collect();
    let firsts = ranges
        .iter()
        .enumerate()
        .map(|(n, range)| match n {
            0 => String::new(),
            _ => lines[range.start].term.to_string(),
        })
        .collect();
    (files, firsts)
}

/// Shard `n`: its lines joined by `!` as one JSON string, then the cards of their champions.
/// `cards` is room to write them in first, so the file is allocated once at its size.
fn term_shard(n: usize, lines: &[Line], docs: &Docs, cards: &mut Vec<u8>) -> OutputFile {
    let champions: Vec<&[(u32, Impact)]> = lines.iter().map(|l| l.champions).collect();
    cards.clear();
    cards.push(b'[');
    for (i, (doc, sections)) in champion::cards(&champions, docs).iter().enumerate() {
        if i > 0 {
            cards.push(b',');
        }
        docs.push_card(cards, *doc, sections);
    }
    cards.push(b']');
    let body: usize = lines.iter().map(|l| l.term.len() + l.code.len() + 2).sum();
    let mut out = Vec::with_capacity(body + cards.len() + 32);
    let _ = write!(out, "HandbookSearch.t({n},\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push(b'!');
        }
        push_str_contents(&mut out, line.term);
        out.push(b' ');
        // The alphabet needs no escaping.
        out.extend_from_slice(line.code.as_bytes());
    }
    out.extend_from_slice(b"\",");
    out.extend_from_slice(cards);
    out.extend_from_slice(b");\n");
    OutputFile::new(format!("{FOLDER}/t{n}.js"), out)
}

#[derive(Serialize)]
pub struct Manifest<'a> {
    pub v: u32,
    pub docs: usize,
    pub chunk: usize,
    pub kinds: &'a [&'a str],
    pub shards: &'a [String],
    /// The page crisis words lead to: `[url, title]`, and those words as phrases.
    pub help: Option<(&'a str, &'a str)>,
    pub help_terms: &'a [Vec<String>],
    pub synonyms: &'a [Vec<Vec<String>>],
    /// What "no results" offers instead: `[title, url]` of each section and the main topics.
    pub sections: &'a [(&'a str, &'a str)],
    pub topics: &'a [(&'a str, String)],
    /// The language whose search rules made the terms, if not English (see `language`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

pub fn manifest(m: &Manifest) -> OutputFile {
    let json = serde_json::to_string(m).unwrap_or_default();
    OutputFile::new(format!("{FOLDER}/index.js"), format!("HandbookSearch.m({json});\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::{DocEntry, SectionEntry};

    #[test]
    fn numbers_round_trip() {
        let mut code = String::new();
        let numbers = [0, 1, 44, 45, 2024, 2025, 91124, 91125, 9_999_999];
        for n in numbers {
            push_number(&mut code, n);
        }
        assert_eq!(read_numbers(&code), numbers);
        let mut one = String::new();
        push_number(&mut one, 44);
        assert_eq!(one.len(), 1);
        push_number(&mut one, 45);
        assert_eq!(one.len(), 3);
    }

    #[test]
    fn postings_are_gaps() {
        let p = |impact, section| Impact { impact, section };
        let code = encode_postings(&[(3, p(10, 0)), (4, p(15, 2)), (40, p(1, 0))]);
        assert_eq!(read_numbers(&code), [3, 9, 0, 44, 35, 0]);
        assert_eq!(
            code.len(),
            6,
            "gaps under 45 and sections 0..=2 take one character each"
        );
    }

    #[test]
    fn shards_split_by_size_and_name_their_first_term() {
        let big = "#".repeat(SHARD_BYTES);
        let mut lines: Vec<Line> = ["apple", "berry", "cherry"]
            .iter()
            .map(|t| Line {
                term: t,
                code: if *t == "berry" { big.clone() } else { "#".into() },
                docs: 1,
                champions: &[],
            })
            .collect();
        let ranges = shard_ranges(&lines);
        assert_eq!(ranges, [0..2, 2..3]);
        let (files, firsts) = term_shards(&mut lines, &ranges, &Docs::with_capacity(0));
        assert_eq!(firsts, ["", "cherry"]);
        assert_eq!(files.len(), 2);
        assert!(String::from_utf8_lossy(&files[0].bytes).starts_with("HandbookSearch.t(0,\"apple #!berry ##"));
        assert_eq!(files[1].path, "assets/search/t1.js");
        assert_eq!(
            String::from_utf8_lossy(&files[1].bytes),
            "HandbookSearch.t(1,\"cherry #\",[]);\n"
        );
    }

    #[test]
    fn a_shard_carries_the_cards_of_its_terms_champions() {
        let section = SectionEntry(String::new(), String::new(), "text".into());
        let mut docs = Docs::with_capacity(4);
        for i in 0..4 {
            docs.push(&DocEntry(format!("p{i}.html"), "T".into(), 0, vec![section.clone()]));
        }
        docs.finish();
        let one = Impact { impact: 1, section: 0 };
        let line = |term, champions| Line {
            term,
            code: "#".into(),
            docs: 2,
            champions,
        };
        let (a, b) = ([(3, one), (1, one)], [(1, one)]);
        let mut lines = [line("a", &a[..]), line("b", &b[..]), line("c", &[])];
        let ranges = shard_ranges(&lines);
        let (files, _) = term_shards(&mut lines, &ranges, &docs);
        assert_eq!(
            String::from_utf8_lossy(&files[0].bytes),
            "HandbookSearch.t(0,\"a #!b #!c #\",[[1,\"p1.html\",\"T\",0,[[0,\"\",\"\",\"text\"]]],[3,\"p3.html\",\"T\",0,[[0,\"\",\"\",\"text\"]]]]);\n"
        );
    }

    #[test]
    fn sorts_like_javascript() {
        assert_eq!(js_order("\u{ffff}", "\u{10000}"), Ordering::Greater);
        assert_eq!(js_order("ab", "b"), Ordering::Less);
    }
}
