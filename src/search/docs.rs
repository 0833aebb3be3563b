//! The docs chunks, written as pages are read: each page's entry is JSON once, in its chunk's
//! bytes, and only where its parts lie there is kept, so a term shard copies a champion's card
//! out of the chunk instead of the index holding every page's excerpts twice until the end.
//!
//! A chunk is `HandbookSearch.d(n,[entry,…]);` where an entry is the JSON of a `DocEntry`:
//! `["url","title",kind,[["heading id","heading","excerpt"],…]]`.

use super::document::DocEntry;
use super::shard::{DOC_CHUNK, FOLDER};
use crate::output::OutputFile;
use std::io::Write;

/// Where a page's entry lies in its chunk.
struct PageAt {
    /// Byte range of `"url","title",kind`.
    head: (u32, u32),
    /// Bytes of url and title as text, unescaped.
    text: u32,
    /// Index of its first section in `Docs::sections`.
    first: u32,
}

/// Where a section lies in its page's chunk.
struct SectionAt {
    /// Byte range of `"heading id","heading","excerpt"`.
    json: (u32, u32),
    /// Bytes of its three texts, unescaped.
    text: u32,
    no_excerpt: bool,
}

/// Docs chunks being written, and closed.
pub struct Docs {
    files: Vec<OutputFile>,
    open: Vec<u8>,
    pages: Vec<PageAt>,
    sections: Vec<SectionAt>,
}

impl Docs {
    pub fn with_capacity(pages: usize) -> Docs {
        Docs {
            files: Vec::with_capacity(pages.div_ceil(DOC_CHUNK)),
            open: Vec::new(),
            pages: Vec::with_capacity(pages),
            sections: Vec::with_capacity(pages * 4),
        }
    }

    /// Appends the next page's entry, closing its chunk once full.
    pub fn push(&mut self, DocEntry(url, title, kind, sections): &DocEntry) {
        let out = &mut self.open;
        if self.pages.len().is_multiple_of(DOC_CHUNK) {
            // Chunks of one handbook are about the same size: room for the last one's and a
            // little more, so few chunks grow (and hold up to twice what they need).
            let last = self.files.last().map_or(DOC_CHUNK * 1024, |f| f.bytes.len());
            out.reserve(last + last / 8);
            let _ = write!(out, "HandbookSearch.d({},[", self.pages.len() / DOC_CHUNK);
        } else {
            out.push(b',');
        }
        out.push(b'[');
        let start = out.len() as u32;
        push_str(out, url);
        out.push(b',');
        push_str(out, title);
        out.push(b',');
        push_uint(out, *kind);
        self.pages.push(PageAt {
            head: (start, out.len() as u32),
            text: (url.len() + title.len()) as u32,
            first: self.sections.len() as u32,
        });
        out.extend_from_slice(b",[");
        for (i, s) in sections.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
            let start = out.len() as u32;
            for (j, text) in [&s.0, &s.1, &s.2].into_iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                push_str(out, text);
            }
            self.sections.push(SectionAt {
                json: (start, out.len() as u32),
                text: (s.0.len() + s.1.len() + s.2.len()) as u32,
                no_excerpt: s.2.is_empty(),
            });
            out.push(b']');
        }
        out.extend_from_slice(b"]]");
        if self.pages.len().is_multiple_of(DOC_CHUNK) {
            self.close();
        }
    }

    fn close(&mut self) {
        self.open.extend_from_slice(b"]);\n");
        let n = self.files.len();
        let mut bytes = std::mem::take(&mut self.open);
        if bytes.capacity() > bytes.len() + bytes.len() / 4 {
            // It grew: keep only what it needs (an allocator may keep a block shrunk in place).
            bytes = bytes.as_slice().to_vec();
        }
        self.files.push(OutputFile::new(format!("{FOLDER}/d{n}.js"), bytes));
    }

    /// Closes the last chunk.
    pub fn finish(&mut self) {
        if !self.open.is_empty() {
            self.close();
        }
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// The chunk files; `finish` first.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.files
    }

    fn sections_of(&self, doc: u32) -> &[SectionAt] {
        let first = self.pages[doc as usize].first as usize;
        let end = self
            .pages
            .get(doc as usize + 1)
            .map_or(self.sections.len(), |p| p.first as usize);
        &self.sections[first..end]
    }

    /// Whether `doc` has `section` and it has no excerpt.
    pub fn lacks_excerpt(&self, doc: u32, section: u32) -> bool {
        self.sections_of(doc)
            .get(section as usize)
            .is_some_and(|s| s.no_excerpt)
    }

    /// About the bytes a card of `doc` and `section` adds to a shard.
    pub fn card_bytes(&self, doc: u32, section: u32) -> usize {
        let s = self.sections_of(doc).get(section as usize).map_or(0, |s| s.text);
        (self.pages[doc as usize].text + s) as usize + 24
    }

    /// Appends the card of `doc` with `sections` (ascending; ones it lacks are left out):
    /// `[doc,"url","title",kind,[[section,"heading id","heading","excerpt"],…]]`. Closed chunks only.
    pub fn push_card(&self, out: &mut Vec<u8>, doc: u32, sections: &[u32]) {
        let chunk = &self.files[doc as usize / DOC_CHUNK].bytes;
        let page = &self.pages[doc as usize];
        out.push(b'[');
        push_uint(out, doc as usize);
        out.push(b',');
        out.extend_from_slice(&chunk[page.head.0 as usize..page.head.1 as usize]);
        out.extend_from_slice(b",[");
        let all = self.sections_of(doc);
        let mut first = true;
        for &s in sections {
            let Some(at) = all.get(s as usize) else { continue };
            if !first {
                out.push(b',');
            }
            first = false;
            out.push(b'[');
            push_uint(out, s as usize);
            out.push(b',');
            out.extend_from_slice(&chunk[at.json.0 as usize..at.json.1 as usize]);
            out.push(b']');
        }
        out.extend_from_slice(b"]]");
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_str_contents(out, s);
    out.push(b'"');
}

/// Appends `n` in decimal.
pub fn push_uint(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `push_str` without the quotes.
pub fn push_str_contents(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    loop {
        let n = plain_prefix(rest);
        out.extend_from_slice(&rest[..n]);
        let Some(&b) = rest.get(n) else { return };
        let short = match b {
            0x08 => b'b',
            0x09 => b't',
            0x0a => b'n',
            0x0c => b'f',
            0x0d => b'r',
            b'"' | b'\\' => b,
            _ => b'u',
        };
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xf) as usize]]);
        }
        rest = &rest[n + 1..];
    }
}

/// How many bytes `bytes` starts with that JSON leaves as they are: all but controls, `"` and
/// `\`. Text rarely has any, so eight bytes are checked at a time.
fn plain_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let mut i = 0;
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7],
        ]);
        let (quote, backslash) = (x ^ (ONES * b'"' as u64), x ^ (ONES * b'\\' as u64));
        // A byte below 0x20, or a zero byte in `quote` or `backslash`, sets its high bit here.
        let found =
            (x.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES)) & !x & HIGHS;
        if found != 0 {
            break;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .unwrap_or(bytes.len() - i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::SectionEntry;

    #[test]
    fn numbers_are_decimal() {
        let mut out = Vec::new();
        for n in [0, 7, 10, 1234567, usize::MAX] {
            push_uint(&mut out, n);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("0 7 10 1234567 {} ", usize::MAX)
        );
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..0x80).map(char::from).chain("é\u{2028}€".chars()).collect();
        let mut cases = vec![String::new(), "plain".into(), "a \"quoted\" \\ path\n".into(), all];
        // Each byte that needs escaping at each place of a text read eight bytes at a time.
        for at in 0..20 {
            for c in ['"', '\\', '\u{1f}', '\n', '\u{0}'] {
                let mut s: Vec<char> = "abcdefghijklmnopqrsé".chars().collect();
                s[at] = c;
                cases.push(s.into_iter().collect());
            }
        }
        for s in &cases {
            let mut out = Vec::new();
            push_str(&mut out, s);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(s).unwrap());
        }
    }

    fn entry(i: usize) -> DocEntry {
        let section = |id: &str, excerpt: &str| SectionEntry(id.into(), format!("“{id}”"), excerpt.into());
        DocEntry(
            format!("p{i}.html"),
            format!("Page \"{i}\""),
            i % 3,
            vec![section("", "intro\t"), section("a", ""), section("b", "text b")],
        )
    }

    #[test]
    fn chunks_are_the_json_of_their_entries() {
        let entries: Vec<DocEntry> = (0..DOC_CHUNK + 2).map(entry).collect();
        let mut docs = Docs::with_capacity(entries.len());
        for e in &entries {
            docs.push(e);
        }
        docs.finish();
        assert_eq!(docs.len(), DOC_CHUNK + 2);
        assert!(docs.lacks_excerpt(17, 1) && !docs.lacks_excerpt(17, 2) && !docs.lacks_excerpt(17, 3));
        assert_eq!(
            docs.card_bytes(17, 1),
            "p17.html".len() + "Page \"17\"".len() + 1 + 7 + 24
        );
        let mut card = Vec::new();
        docs.push_card(&mut card, 17, &[0, 2, 5]);
        let (_, _, kind, s) = (&entries[17].0, &entries[17].1, entries[17].2, &entries[17].3);
        let want = serde_json::json!([
            17,
            "p17.html",
            "Page \"17\"",
            kind,
            [[0, "", s[0].1, s[0].2], [2, "b", s[2].1, "text b"]]
        ]);
        assert_eq!(String::from_utf8(card).unwrap(), want.to_string());
        let files = docs.into_files();
        let want = |n: usize, e: &[DocEntry]| format!("HandbookSearch.d({n},{});\n", serde_json::to_string(e).unwrap());
        assert_eq!(files[0].path, "assets/search/d0.js");
        assert_eq!(String::from_utf8_lossy(&files[0].bytes), want(0, &entries[..DOC_CHUNK]));
        assert_eq!(String::from_utf8_lossy(&files[1].bytes), want(1, &entries[DOC_CHUNK..]));
        assert_eq!(files.len(), 2);
    }
}
