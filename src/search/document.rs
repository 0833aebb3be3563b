//! One page -> what the index keeps of it: each term's weight (BM25F-like, field-weighted) and
//! best section, and the short excerpts that results show.

use super::scan::words;
use super::vocabulary::{self, PageTerms, Vocabulary};
use crate::page::Page;
use serde::Serialize;

/// How much one occurrence counts, by where it is.
const TITLE: f32 = 8.0;
const TAG: f32 = 4.0;
const HEADING: f32 = 3.0;
const SUMMARY: f32 = 2.0;
pub const BODY: f32 = 1.0;
/// Kind names ("FAQ", "Case study", "Étude de cas") are findable, but only just.
const KIND: f32 = 0.5;
/// Body text of the site's furniture pages (help and safety, linked from every page's bar):
/// their prose is lists of services and device notes whose everyday verbs ("call", "text",
/// "message") are the words readers use about their ex, so it outranked the page they meant.
/// Their titles, headings and summaries keep full weight, and help words show the help link.
pub const FURNITURE_BODY: f32 = 0.25;
/// A tag on more pages than this says less about each: its weight falls in proportion (the
/// handbook's "boundaries" is on 19 of 48 pages and outranked the page about boundaries).
pub const TAG_SPREAD: f32 = 4.0;

/// How much a page's body and each of its tags weigh, from where the page sits in the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub body: f32,
    /// One per `page.tags`, in order.
    pub tags: Vec<f32>,
}

impl Weights {
    /// `body` for the page's body; each tag by `pages_with(tag)`.
    pub fn of(page: &Page, body: f32, pages_with: impl Fn(&str) -> usize) -> Weights {
        let tags = page
            .tags
            .iter()
            .map(|t| TAG * (TAG_SPREAD / pages_with(t) as f32).min(1.0));
        Weights {
            body,
            tags: tags.collect(),
        }
    }
}
/// BM25 parameters: term-frequency saturation and length normalisation. K1 at 1.2 saturated
/// so soon that a title word (weight 8) scored barely above two mentions in the body, and pages
/// that merely used a word outranked the page named for it ("working with my ex"); 2.5 and 10
/// measured between and level with 5 on tests/search_relevance.json.
const K1: f32 = 5.0;
const B: f32 = 0.75;
/// Impacts are quantised to 1..=MAX_IMPACT: 15 levels rank as well as 44 did on the handbook's
/// relevance queries, and leave room to pack the section into the same digit.
pub const MAX_IMPACT: u32 = 15;
/// Characters of text kept per section for result snippets: about two lines of a result.
pub const EXCERPT_CHARS: usize = 110;

/// What results show of a section: `(heading id, heading text, excerpt)`; the first section
/// is the text before any heading (empty id and heading).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SectionEntry(pub String, pub String, pub String);

/// What results show of a page: `(url, title, kind number, sections)`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DocEntry(pub String, pub String, pub usize, pub Vec<SectionEntry>);

/// A page's terms before weighting: weighted frequency and where it is best found. Text comes
/// section by section, so evidence for a section arrives in one run.
#[derive(Debug, Default)]
pub struct TermStats {
    pub weight: f32,
    /// `(section, evidence)` of the best section so far and of the current one.
    best: (u32, f32),
    current: (u32, f32),
}

#[derive(Debug)]
pub struct Document {
    /// Each term once, weighed, grouped by the bucket it is merged in.
    pub terms: PageTerms,
    pub entry: DocEntry,
    /// Bytes of text indexed: title, summary, tags, case-study outcome and lessons, headings, body.
    pub text_bytes: usize,
}

/// A posting as the index stores it: doc-independent weight and best section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Impact {
    pub impact: u32,
    pub section: u32,
}

impl TermStats {
    fn add(&mut self, weight: f32, section: u32, evidence: f32) {
        self.weight += weight;
        if section == self.current.0 {
            self.current.1 += evidence;
        } else {
            self.settle();
            self.current = (section, evidence);
        }
    }

    fn settle(&mut self) {
        if self.current.1 > self.best.1 {
            self.best = self.current;
        }
    }

    /// The section with the most evidence; the earliest on a tie.
    fn best_section(&self) -> u32 {
        if self.current.1 > self.best.1 {
            self.current.0
        } else {
            self.best.0
        }
    }
}

/// Reads one page with what `vocabulary` already knows of its words. `kind` is the number of
/// the page's kind label in the manifest. The body is read block by block where it lies;
/// blocks come in document order, so each heading's text is read just before the first block
/// of its section.
/// `kind` numbers the page's kind among the manifest's; `kind_name` is its name in the
/// handbook's language, findable like the page's words.
pub fn read(
    page: &Page,
    (kind, kind_name): (usize, &str),
    vocabulary: &mut Vocabulary,
    average: f32,
    weights: &Weights,
) -> Document {
    let blocks = &page.body.text;
    let headings = &page.body.headings;
    let mut found = vocabulary::Reading::default();
    let mut text_bytes = 0;
    let rules = vocabulary.rules;
    let mut add = |text: &str, weight: f32, section: u32, evidence: f32| {
        if weight != KIND {
            text_bytes += text.len();
        }
        for word in words(&rules.prepare(text)) {
            if let Some(stats) = vocabulary.stats(&mut found, &word) {
                stats.add(weight, section, evidence);
            }
        }
    };
    add(&page.title, TITLE, 0, 0.5);
    add(kind_name, KIND, 0, 0.0);
    // Keywords are search-only tags: words readers use that the page's prose does not.
    for (tag, weight) in page.tags.iter().zip(&weights.tags) {
        add(tag, *weight, 0, 0.5);
    }
    for keyword in &page.keywords {
        add(keyword, TAG, 0, 0.5);
    }
    if let Some(summary) = &page.summary {
        add(summary, SUMMARY, 0, 1.0);
    }
    if let Some(cs) = &page.case_study {
        add(&cs.outcome, BODY, 0, BODY);
        for lesson in &cs.lessons {
            add(lesson, BODY, 0, BODY);
        }
    }
    let mut next = 0;
    for block in blocks {
        let section = block.heading.map_or(0, |h| h + 1);
        while next < section.min(headings.len()) {
            add(&headings[next].text, HEADING, next as u32 + 1, HEADING);
            next += 1;
        }
        add(&block.text, weights.body, section as u32, weights.body);
    }
    for (h, heading) in headings.iter().enumerate().skip(next) {
        add(&heading.text, HEADING, h as u32 + 1, HEADING);
    }
    let entry = DocEntry(page.url.clone(), page.title.clone(), kind, sections(page));
    Document {
        terms: vocabulary.finish(found, |stats| impact(stats, page.body.words, average)),
        entry,
        text_bytes,
    }
}

fn sections(page: &Page) -> Vec<SectionEntry> {
    let section_text = |s: usize| {
        let blocks = page
            .body
            .text
            .iter()
            .filter(move |b| b.heading.map_or(0, |h| h + 1) == s);
        blocks.map(|b| b.text.as_str())
    };
    let intro = match &page.summary {
        Some(s) if !s.trim().is_empty() => excerpt([s.as_str()]),
        _ => excerpt(section_text(0)),
    };
    let mut out = vec![SectionEntry(String::new(), String::new(), intro)];
    for (h, heading) in page.body.headings.iter().enumerate() {
        out.push(SectionEntry(
            heading.id.clone(),
            heading.text.clone(),
            excerpt(section_text(h + 1)),
        ));
    }
    out
}

/// The first `EXCERPT_CHARS` or so of `texts` (one after another), whitespace collapsed, cut at
/// a word boundary.
pub fn excerpt<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    // Room for an ASCII excerpt, so it is allocated once.
    let mut out = String::with_capacity(EXCERPT_CHARS + '…'.len_utf8());
    let mut chars = 0;
    for text in texts {
        // Words one space apart are copied as one run, not word by word.
        let mut run: Option<(usize, usize)> = None;
        let mut at = 0;
        while let Some((start, end, n)) = next_word(text, at) {
            if chars + n > EXCERPT_CHARS {
                if let Some((from, to)) = run {
                    out.push_str(&text[from..to]);
                }
                out.push('…');
                return out;
            }
            run = match run {
                Some((from, to)) if start == to + 1 && text.as_bytes()[to] == b' ' => Some((from, end)),
                _ => {
                    if let Some((from, to)) = run {
                        out.push_str(&text[from..to]);
                    }
                    if chars > 0 {
                        out.push(' ');
                    }
                    Some((start, end))
                }
            };
            chars += n + usize::from(chars > 0);
            at = end;
        }
        if let Some((from, to)) = run {
            out.push_str(&text[from..to]);
        }
    }
    out
}

/// The first word of `text[from..]` as `split_whitespace` finds it: its start, its end and its
/// length in chars.
fn next_word(text: &str, from: usize) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = from;
    let start = loop {
        let b = *bytes.get(i)?;
        if ascii_space(b) {
            i += 1;
        } else if b < 0x80 {
            break i;
        } else {
            match word_char(text, i) {
                Ok(_) => break i,
                Err(k) => i += k,
            }
        }
    };
    let mut n = 0;
    loop {
        let plain = printable_ascii(&bytes[i..]);
        (i, n) = (i + plain, n + plain);
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 {
            if ascii_space(b) {
                break;
            }
            i += 1;
        } else {
            match word_char(text, i) {
                Ok(k) => i += k,
                Err(_) => break,
            }
        }
        n += 1;
    }
    Some((start, i, n))
}

/// How many bytes `bytes` starts with in `!`..=`~` (and DEL): one char each, none whitespace.
/// Words are mostly such bytes, so eight are checked at a time.
fn printable_ascii(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut i = 0;
    while let Some(b) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        // The high bit of each byte below `!` or above DEL; the lowest one set is exact.
        let stop = (x.wrapping_sub(ONES * 0x21) | x) & (ONES << 7);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|b| !(0x21..0x80).contains(b))
        .unwrap_or(bytes.len() - i)
}

/// Whether `b` is ASCII whitespace as `char::is_whitespace` has it: space and `\t`..=`\r`.
#[inline(always)]
fn ascii_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') <= b'\r' - b'\t'
}

/// The length in bytes of the char at byte `i` of `text`: `Ok` if it belongs to a word, `Err`
/// if it is whitespace. ASCII is classed without decoding a char.
#[inline(always)]
fn word_char(text: &str, i: usize) -> Result<usize, usize> {
    match text.as_bytes()[i] {
        b' ' | b'\t'..=b'\r' => Err(1),
        0..=0x7f => Ok(1),
        _ => match text[i..].chars().next() {
            Some(c) if c.is_whitespace() => Err(c.len_utf8()),
            c => Ok(c.map_or(1, char::len_utf8)),
        },
    }
}

/// BM25 term weight of `stats` in a document of `length` words, quantised.
pub fn impact(stats: &TermStats, length: usize, average: f32) -> Impact {
    let norm = 1.0 - B + B * (length as f32 / average.max(1.0));
    let tf = stats.weight * (K1 + 1.0) / (stats.weight + K1 * norm);
    let level = (tf / (K1 + 1.0) * MAX_IMPACT as f32).round() as u32;
    Impact {
        impact: level.clamp(1, MAX_IMPACT),
        section: stats.best_section(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        let long = "word ".repeat(100);
        let e = excerpt([long.as_str()]);
        assert!(e.ends_with('…'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt(["  short\n text ", "more"]), "short text more");
    }

    /// `excerpt` as words of `split_whitespace`, the plain way.
    fn plain_excerpt(texts: &[&str]) -> String {
        let mut out = String::new();
        let mut chars = 0;
        for word in texts.iter().flat_map(|t| t.split_whitespace()) {
            let n = word.chars().count();
            if chars + n > EXCERPT_CHARS {
                out.push('…');
                break;
            }
            if !out.is_empty() {
                out.push(' ');
                chars += 1;
            }
            out.push_str(word);
            chars += n;
        }
        out
    }

    #[test]
    fn excerpts_split_as_split_whitespace_does() {
        let (a, b, e) = ("a".repeat(50), "b".repeat(60), "é".repeat(EXCERPT_CHARS));
        let (words, mixed) = ("word ".repeat(40), "one two  three\tfour é five  ".repeat(8));
        let cases: [&[&str]; 12] = [
            &[&words],
            &[&mixed],
            &["lead ", &words],
            &["a b", "c d ", " e f", &mixed],
            &["a\u{a0}b\u{3000}c\u{1f}d\r\ne\u{85}été\u{2009}x"],
            &["ab", &e],
            &[" ", "", "\t"],
            &[&a, &b],
            &[&a, &b, "c"],
            &[&format!("{a} {b}")],
            &[&format!("{a}{b}"), "c"],
            &["tail", "  head ", "x"],
        ];
        for texts in cases {
            assert_eq!(excerpt(texts.iter().copied()), plain_excerpt(texts), "{texts:?}");
        }
    }

    #[test]
    fn printable_ascii_stops_at_the_first_other_byte() {
        for at in 0..20 {
            for stop in [b' ', b'\n', 0, 0x1f, 0x80, 0xc3] {
                let mut bytes = b"abcdefghijklmnopqrst".to_vec();
                bytes[at] = stop;
                assert_eq!(printable_ascii(&bytes), at, "{stop:#x} at {at}");
            }
        }
        assert_eq!(printable_ascii(b"~!\x7fxyz0123456789"), 16);
    }

    #[test]
    fn title_outweighs_body() {
        let mut title = TermStats::default();
        title.add(TITLE, 0, 0.5);
        let mut body = TermStats::default();
        body.add(BODY, 2, BODY);
        body.add(BODY, 3, BODY * 2.0);
        assert!(impact(&title, 100, 100.0).impact > impact(&body, 100, 100.0).impact);
        assert_eq!(impact(&body, 100, 100.0).section, 3);
    }
}
