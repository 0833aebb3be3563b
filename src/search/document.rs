//! One page -> what the index keeps of it: each term's weight (BM25F-like, field-weighted) and
//! best section, and the short excerpts that results show.

use super::fnv::FnvMap;
use super::tokenize::for_each_token;
use crate::page::Page;
use serde::Serialize;

/// How much one occurrence counts, by where it is.
const TITLE: f32 = 8.0;
const TAG: f32 = 4.0;
const HEADING: f32 = 3.0;
const SUMMARY: f32 = 2.0;
const BODY: f32 = 1.0;
/// Kind labels ("FAQ", "Case study") are findable, but only just.
const KIND: f32 = 0.5;
/// BM25 parameters: term-frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Impacts are quantised to 1..=MAX_IMPACT (one digit of the posting alphabet).
pub const MAX_IMPACT: u32 = 44;
/// Characters of text kept per section for result snippets.
pub const EXCERPT_CHARS: usize = 150;

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
    /// Each term once, in no particular order.
    pub terms: Vec<(String, TermStats)>,
    /// Body length in terms, for length normalisation.
    pub length: usize,
    pub entry: DocEntry,
    /// Bytes of text indexed: title, summary, tags, headings, body.
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

/// Reads one page. `kind` is the number of the page's kind label in the manifest.
pub fn read(page: &Page, kind: usize) -> Document {
    let mut terms: FnvMap<String, TermStats> = FnvMap::default();
    let mut add = |text: &str, weight: f32, section: u32, evidence: f32| {
        let mut n = 0;
        for_each_token(text, |t| {
            n += 1;
            match terms.get_mut(t) {
                Some(stats) => stats.add(weight, section, evidence),
                None => {
                    let mut stats = TermStats::default();
                    stats.add(weight, section, evidence);
                    terms.insert(t.to_string(), stats);
                }
            }
        });
        n
    };
    let mut section_text: Vec<String> = vec![String::new(); page.body.headings.len() + 1];
    for block in &page.body.text {
        if let Some(s) = section_text.get_mut(block.heading.map_or(0, |h| h + 1)) {
            s.push_str(&block.text);
            s.push(' ');
        }
    }
    let mut text_bytes = page.title.len() + section_text.iter().map(String::len).sum::<usize>();
    add(&page.title, TITLE, 0, 0.5);
    add(page.kind.label(), KIND, 0, 0.0);
    for tag in &page.tags {
        add(tag, TAG, 0, 0.5);
        text_bytes += tag.len();
    }
    if let Some(summary) = &page.summary {
        add(summary, SUMMARY, 0, 1.0);
        text_bytes += summary.len();
    }
    if let Some(cs) = &page.case_study {
        add(&cs.outcome, BODY, 0, BODY);
        for lesson in &cs.lessons {
            add(lesson, BODY, 0, BODY);
        }
    }
    let mut length = add(&section_text[0], BODY, 0, BODY);
    for (h, heading) in page.body.headings.iter().enumerate() {
        add(&heading.text, HEADING, h as u32 + 1, HEADING);
        text_bytes += heading.text.len();
        length += add(&section_text[h + 1], BODY, h as u32 + 1, BODY);
    }
    let entry = DocEntry(
        page.url.clone(),
        page.title.clone(),
        kind,
        sections(page, &section_text),
    );
    Document {
        terms: terms.into_iter().collect(),
        length,
        entry,
        text_bytes,
    }
}

fn sections(page: &Page, section_text: &[String]) -> Vec<SectionEntry> {
    let intro = match &page.summary {
        Some(s) if !s.trim().is_empty() => excerpt(s),
        _ => excerpt(&section_text[0]),
    };
    let mut out = vec![SectionEntry(String::new(), String::new(), intro)];
    for (h, heading) in page.body.headings.iter().enumerate() {
        out.push(SectionEntry(
            heading.id.clone(),
            heading.text.clone(),
            excerpt(&section_text[h + 1]),
        ));
    }
    out
}

/// The first `EXCERPT_CHARS` or so of `text`, whitespace collapsed, cut at a word boundary.
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() > EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// BM25 term weight of `stats` in a document of `length` terms, quantised.
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
        let e = excerpt(&long);
        assert!(e.ends_with('…'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt("  short\n text "), "short text");
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
