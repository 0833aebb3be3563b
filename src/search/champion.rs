//! Champion lists: for each term, the few pages it ranks highest. Their result cards ride in the
//! term's shard, so a one-word query shows its results without a second round of loads.
//!
//! Why that is enough: a one-word query scores a page by the best of its matching terms,
//! `weight(term) * idf(term) * impact`, ties going to the earlier page. A page in the top
//! `CHAMPIONS` is then among the champions of the term that scored it best, or `CHAMPIONS`
//! other pages would beat it on that term alone. Queries of several words may rank pages no
//! list holds; the reader loads those from the docs chunks.

use super::docs::Docs;
use super::document::Impact;
use super::shard::Line;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// As many as the header's search box shows.
pub const CHAMPIONS: usize = 8;

/// A term's best pages so far: impact descending, then doc ascending.
#[derive(Debug, Default)]
pub struct Champions(Vec<(u32, Impact)>);

impl Champions {
    /// Offers `doc`; docs must come ascending, so on equal impact the one already held wins.
    pub fn offer(&mut self, doc: u32, impact: Impact) {
        if self.0.len() == CHAMPIONS {
            if impact.impact <= self.0[CHAMPIONS - 1].1.impact {
                return;
            }
            self.0.pop();
        }
        let at = self.0.partition_point(|(_, held)| held.impact >= impact.impact);
        self.0.insert(at, (doc, impact));
    }

    pub fn list(&self) -> &[(u32, Impact)] {
        &self.0
    }
}

/// The cards of one shard: every champion of `terms` (each a list of `(doc, impact)`), pages
/// ascending, each with the sections (ascending) some champion points at. A section with no
/// excerpt brings the page's first section, whose excerpt a result shows instead.
pub fn cards(terms: &[&[(u32, Impact)]], docs: &Docs) -> Vec<(u32, Vec<u32>)> {
    let mut wanted: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for &(doc, impact) in terms.iter().flat_map(|t| t.iter()) {
        let sections = wanted.entry(doc).or_default();
        sections.push(impact.section);
        if docs.lacks_excerpt(doc, impact.section) {
            sections.push(0);
        }
    }
    wanted
        .into_iter()
        .map(|(doc, mut sections)| {
            sections.sort_unstable();
            sections.dedup();
            (doc, sections)
        })
        .collect()
}

/// Keeps the champions of the terms on the most pages (their queries have the most results to
/// choose from, scattered over the most docs chunks) while the cards they add to their shards
/// fit in `budget` bytes; the other terms' lists are emptied. A card a shard already carries
/// costs nothing more.
pub fn keep_within(lines: &mut [Line], shards: &[Range<usize>], docs: &Docs, mut budget: usize) {
    let mut carried: Vec<HashSet<(u32, u32)>> = vec![HashSet::new(); shards.len()];
    let mut by_pages: Vec<(usize, usize)> = shards
        .iter()
        .enumerate()
        .flat_map(|(shard, range)| range.clone().map(move |i| (i, shard)))
        .collect();
    by_pages.sort_by_key(|&(i, _)| std::cmp::Reverse(lines[i].docs));
    for (i, shard) in by_pages {
        let new: Vec<(u32, u32)> = lines[i]
            .champions
            .iter()
            .map(|&(doc, impact)| (doc, impact.section))
            .filter(|card| !carried[shard].contains(card))
            .collect();
        let cost: usize = new.iter().map(|&(doc, s)| docs.card_bytes(doc, s)).sum();
        if cost <= budget {
            budget -= cost;
            carried[shard].extend(new);
        } else {
            lines[i].champions = &[];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::{DocEntry, SectionEntry};

    fn docs_of(entries: &[DocEntry]) -> Docs {
        let mut docs = Docs::with_capacity(entries.len());
        for e in entries {
            docs.push(e);
        }
        docs.finish();
        docs
    }

    fn at(impact: u32) -> Impact {
        Impact { impact, section: 0 }
    }

    #[test]
    fn champions_keep_the_highest_impacts_and_the_earliest_on_ties() {
        let mut c = Champions::default();
        for (doc, impact) in [3, 9, 3, 15, 9, 1, 3, 9, 9, 3, 15, 2].into_iter().enumerate() {
            c.offer(doc as u32, at(impact));
        }
        let docs: Vec<u32> = c.list().iter().map(|&(d, _)| d).collect();
        assert_eq!(docs, [3, 10, 1, 4, 7, 8, 0, 2]);
    }

    #[test]
    fn the_budget_goes_to_the_terms_on_most_pages() {
        let section = SectionEntry(String::new(), String::new(), "x".repeat(1000));
        let entries: Vec<DocEntry> = (0..4)
            .map(|i| DocEntry(format!("p{i}.html"), "T".into(), 0, vec![section.clone()]))
            .collect();
        let (a, b, c) = ([(0, at(1)), (1, at(1))], [(2, at(1)), (3, at(1))], [(3, at(1))]);
        let line = |term, docs, champions| Line {
            term,
            code: "#".into(),
            docs,
            champions,
        };
        let mut lines = [line("a", 2, &a[..]), line("b", 9, &b[..]), line("c", 1, &c[..])];
        keep_within(&mut lines, &[0..1, 1..3], &docs_of(&entries), 3 * 1040);
        let kept: Vec<usize> = lines.iter().map(|l| l.champions.len()).collect();
        assert_eq!(
            kept,
            [0, 2, 1],
            "b (most pages) first; a no longer fits; c's card is b's"
        );
    }

    #[test]
    fn cards_hold_the_sections_champions_point_at() {
        let section = |id: &str, excerpt: &str| SectionEntry(id.into(), id.into(), excerpt.into());
        let page = |url: &str| {
            DocEntry(
                url.into(),
                "T".into(),
                1,
                vec![section("", "intro"), section("a", ""), section("b", "text b")],
            )
        };
        let entries = [page("p0.html"), page("p1.html")];
        let first: &[(u32, Impact)] = &[(1, Impact { impact: 9, section: 2 })];
        let second: &[(u32, Impact)] = &[(1, Impact { impact: 3, section: 1 })];
        assert_eq!(cards(&[first, second], &docs_of(&entries)), [(1, vec![0, 1, 2])]);
    }
}
