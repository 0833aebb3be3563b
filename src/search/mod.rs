//! The search index, built from the parsed text of every page -> more `OutputFile`s under
//! `assets/search/`, read by `themes/default/static/search-engine.js`.

mod champion;
mod docs;
pub mod document;
pub mod french;
mod hash;
pub mod language;
mod runs;
mod scan;
pub mod shard;
mod spelling;
mod table;
pub mod terms;
pub mod tokenize;
mod vocabulary;

use crate::output::OutputFile;
use crate::page::{Kind, Page};
use crate::site::Site;
use champion::Champions;
use docs::Docs;
use document::{Document, Impact, Weights};
use rayon::prelude::*;
use std::collections::HashMap;
use table::Terms;
use vocabulary::Vocabulary;

/// Kind labels by number, as docs files refer to them.
const KINDS: [Kind; 6] = [
    Kind::Article,
    Kind::Faq,
    Kind::CaseStudy,
    Kind::Standalone,
    Kind::Section,
    Kind::Home,
];

/// The search index of `site` as JavaScript files loaded by `<script>` tags; results name their
/// pages' kinds in `strings`' language.
pub fn index(site: &Site, strings: &crate::i18n::Strings) -> Vec<OutputFile> {
    build(site, strings).files
}

/// The index files and the size of the text they index.
pub struct Built {
    pub files: Vec<OutputFile>,
    pub text_bytes: usize,
}

pub fn build(site: &Site, strings: &crate::i18n::Strings) -> Built {
    build_in_batches(site, BATCH, &kind_names(strings))
}

/// The name of each of `KINDS` in `strings`' language.
fn kind_names(strings: &crate::i18n::Strings) -> Vec<String> {
    KINDS.iter().map(|k| strings.kind(k.label())).collect()
}

fn build_in_batches(site: &Site, batch_size: usize, kinds: &[String]) -> Built {
    // Length normalisation counts a page's words (known from the Markdown stage), so every
    // weight can be final the moment its page is read.
    let average = site.pages.iter().map(|p| p.body.words).sum::<usize>() as f32 / site.pages.len().max(1) as f32;
    let mut merged: Vec<Terms<Postings>> = (0..BUCKETS).map(|_| Terms::with_capacity(256)).collect();
    let mut docs = Docs::with_capacity(site.pages.len());
    let mut text_bytes = 0;
    let rules = language::Rules::of(&site.config.language);
    let mut vocabularies: Vec<Vocabulary> = (0..READERS).map(|_| Vocabulary::with_rules(rules)).collect();
    let tag_pages = tag_pages(site);
    let weights = |p: &Page| weights(site, &tag_pages, p);
    for (n, batch) in site.pages.chunks(batch_size).enumerate() {
        let documents: Vec<Document> = batch
            .par_chunks(batch.len().div_ceil(READERS))
            .zip(vocabularies.par_iter_mut())
            .flat_map_iter(|(pages, vocabulary)| {
                pages.iter().map(|p| {
                    let kind = KINDS.iter().position(|k| *k == p.kind).unwrap_or(0);
                    document::read(p, (kind, &kinds[kind]), vocabulary, average, &weights(p))
                })
            })
            .collect();
        add_postings(&mut merged, &documents, (n * batch_size, site.pages.len()));
        text_bytes += documents.iter().map(|d| d.text_bytes).sum::<usize>();
        for d in &documents {
            docs.push(&d.entry);
        }
    }
    docs.finish();
    let mut spellings = spelling::Spellings::merge(vocabularies.iter_mut().map(Vocabulary::take_spellings));
    let codes = take_codes(&mut merged);
    let mut lines = lines(&merged, codes);
    let shards = shard::shard_ranges(&lines);
    let card_budget = (text_bytes * CARD_PERCENT / 100).max(CARD_FLOOR);
    champion::keep_within(&mut lines, &shards, &docs, card_budget);
    let (mut files, firsts) = shard::term_shards(&mut lines, &shards, &docs);
    files.extend(spelling::files(&lines, &shards, &mut spellings));
    let pages = docs.len();
    files.extend(docs.into_files());
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    let config = &site.config;
    let help = site.pages.iter().find(|p| p.source == config.help_page);
    let sections: Vec<(&str, &str)> = site
        .sections
        .iter()
        .map(|s| (site.pages[s.index].title.as_str(), site.pages[s.index].url.as_str()))
        .collect();
    files.push(shard::manifest(&shard::Manifest {
        v: 2,
        docs: pages,
        chunk: shard::DOC_CHUNK,
        kinds: &kinds,
        shards: &firsts,
        help: help.map(|p| (p.url.as_str(), p.title.as_str())),
        help_terms: &terms::help_terms_in(&config.search, &config.language),
        synonyms: &terms::synonyms(&config.search, rules),
        sections: &sections,
        topics: &topics(site),
        lang: language::Rules::manifest_lang(&config.language),
    }));
    Built { files, text_bytes }
}

/// How many pages carry each tag.
fn tag_pages(site: &Site) -> HashMap<&str, usize> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for tag in site.pages.iter().flat_map(|p| &p.tags) {
        *count.entry(tag.as_str()).or_default() += 1;
    }
    count
}

/// What `page`'s body and tags weigh: the help and safety pages' body less (see
/// `document::FURNITURE_BODY`), tags on many pages less.
fn weights(site: &Site, tag_pages: &HashMap<&str, usize>, page: &Page) -> Weights {
    let config = &site.config;
    let furniture = page.source == config.help_page || page.source == config.safety_page;
    let body = if furniture {
        document::FURNITURE_BODY
    } else {
        document::BODY
    };
    Weights::of(page, body, |t| tag_pages.get(t).copied().unwrap_or(1))
}

/// Topics "no results" offers: the tags on most pages, at most `TOPICS`, by name.
fn topics(site: &Site) -> Vec<(&str, String)> {
    let mut tags: Vec<&crate::site::Tag> = site.tags.iter().collect();
    tags.sort_by(|a, b| b.pages.len().cmp(&a.pages.len()).then(a.name.cmp(&b.name)));
    tags.truncate(TOPICS);
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    tags.iter()
        .map(|t| (t.name.as_str(), format!("tags/{}.html", t.slug)))
        .collect()
}

const TOPICS: usize = 20;

/// Each batch is read by this many tasks, each with its own `Vocabulary`, kept from batch to
/// batch: a few more tasks than cores, so that a core busy rendering holds up little.
const READERS: usize = 4;

/// Pages are read this many at a time and merged into the index before the next batch, so
/// only one batch's term tables are ever held: memory follows the index, not the handbook.
const BATCH: usize = 128;

/// Champions' cards may add this share of the indexed text to the index, or `CARD_FLOOR` bytes
/// for a small handbook, whose cards cost little and spare readers a second round of loads.
const CARD_PERCENT: usize = 3;
const CARD_FLOOR: usize = 64 * 1024;

/// Terms are merged in this many groups by hash, one group per task.
const BUCKETS: usize = 16;

fn bucket(hash: u64) -> usize {
    (hash >> 60) as usize
}

/// Appends the postings of `documents` (docs `first`, `first + 1`, … of `pages`) to `merged`.
/// Each bucket, in parallel, walks the pages in order and appends to its terms' codes, so every
/// list is encoded docs ascending as it grows; a page's terms come grouped by bucket, so a
/// bucket reads each page's share of it in one run.
fn add_postings(merged: &mut [Terms<Postings>], documents: &[Document], (first, pages): (usize, usize)) {
    merged.par_iter_mut().enumerate().for_each(|(b, table)| {
        for (i, d) in documents.iter().enumerate() {
            for (hash, term, impact) in d.terms.bucket(b) {
                table
                    .entry_hashed(hash, term)
                    .push((first + i) as u32, impact, pages as u32);
            }
        }
    });
}

/// Every term's code, taken out of `merged` so each can be freed once its shard is written.
fn take_codes(merged: &mut [Terms<Postings>]) -> Vec<String> {
    let mut codes = Vec::with_capacity(merged.iter().map(|t| t.len()).sum());
    for table in merged {
        codes.extend((0..table.len()).map(|i| std::mem::take(&mut table.value_mut(i).code)));
    }
    codes
}

/// Every term in `merged`, with its code from `codes` (in `take_codes` order), in `js_order`.
fn lines(merged: &[Terms<Postings>], codes: Vec<String>) -> Vec<shard::Line<'_>> {
    let mut lines: Vec<shard::Line> = merged
        .iter()
        .flat_map(|t| t.iter())
        .zip(codes)
        .map(|((_, term, p), code)| shard::Line {
            term,
            code,
            docs: p.docs,
            champions: p.champions.list(),
        })
        .collect();
    lines.par_sort_unstable_by(|a, b| shard::js_order(a.term, b.term));
    lines
}

/// The most bytes one posting takes: two numbers of at most eight digits.
const MAX_POSTING: usize = 16;

/// One term's postings list, encoded as it grows, and its champions.
#[derive(Default)]
struct Postings {
    /// The doc after the last one added: gaps count from it.
    next: u32,
    docs: u32,
    code: String,
    champions: Champions,
}

impl Postings {
    /// Adds `doc` of `pages`.
    fn push(&mut self, doc: u32, impact: Impact, pages: u32) {
        if self.code.capacity() - self.code.len() < MAX_POSTING {
            // Room for as many postings again as the term had per page so far, if that is
            // between an eighth more and twice as much: a term on pages throughout the handbook
            // ends with little room to spare, and none holds more than doubling would.
            let len = self.code.len();
            let ahead = (len as u64 * u64::from(pages - doc) / u64::from(doc + 1)) as usize;
            let least = len / 8 + MAX_POSTING;
            self.code.reserve_exact(ahead.clamp(least, len.max(least)));
        }
        shard::push_posting(&mut self.code, doc - self.next, impact);
        self.next = doc + 1;
        self.docs += 1;
        self.champions.offer(doc, impact);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TextBlock;
    use crate::render::tests::page;

    fn site_of(n: usize) -> Site {
        let pages = (0..n)
            .map(|i| {
                let mut p = page(Kind::Article, "articles", &format!("p{i}"));
                let text = format!("shared words here and a word only page{i} has, repeated page{i}");
                p.body.words = text.split(' ').count() + i;
                p.body.text = vec![TextBlock { heading: None, text }];
                p
            })
            .collect();
        Site {
            config: crate::config::Config::default(),
            pages,
            sections: Vec::new(),
            tags: Vec::new(),
            links: Vec::new(),
            files: Default::default(),
            translations: Default::default(),
        }
    }

    #[test]
    fn furniture_bodies_and_common_tags_weigh_less() {
        let mut site = site_of(10);
        site.pages[0].source = site.config.help_page.clone();
        site.pages[1].source = site.config.safety_page.clone();
        for (i, p) in site.pages.iter_mut().enumerate() {
            p.tags = if i < 8 {
                vec!["common".into(), format!("own{i}")]
            } else {
                vec!["common2".into()]
            };
        }
        let count = tag_pages(&site);
        let of = |i: usize| weights(&site, &count, &site.pages[i]);
        assert_eq!(of(0).body, document::FURNITURE_BODY);
        assert_eq!(of(1).body, document::FURNITURE_BODY);
        assert_eq!(of(2).body, document::BODY);
        // "common" is on 8 pages, twice TAG_SPREAD: half a tag's weight; "own2" on one: all of it.
        assert_eq!(of(2).tags, vec![of(8).tags[0] / 2.0, of(8).tags[0]]);
        const { assert!(document::FURNITURE_BODY < document::BODY) };
    }

    #[test]
    fn batches_number_pages_as_one_pass_would() {
        let site = site_of(7);
        let whole = build_in_batches(&site, 512, &kind_names(&crate::i18n::Strings::english()));
        for batch in [1, 2, 3] {
            let batched = build_in_batches(&site, batch, &kind_names(&crate::i18n::Strings::english()));
            assert_eq!(batched.files, whole.files, "batches of {batch}");
            assert_eq!(batched.text_bytes, whole.text_bytes);
        }
        assert!(whole
            .files
            .iter()
            .any(|f| String::from_utf8_lossy(&f.bytes).contains("page6")));
    }

    #[test]
    fn a_french_handbook_is_indexed_with_french_stems() {
        let mut site = site_of(2);
        site.config.language = "fr".into();
        site.pages[0].body.text[0].text = "Les ruptures et l’ex : des émotions, des journaux".into();
        site.pages[1].kind = crate::page::Kind::CaseStudy;
        let french = crate::widgets::Words::french_strings();
        let files = index(&site, &french);
        let file = |name: &str| {
            let f = files.iter().find(|f| f.path.ends_with(name)).expect(name);
            String::from_utf8_lossy(&f.bytes).into_owned()
        };
        let terms: Vec<String> = file("/t0.js")
            .split(['"', '!'])
            .filter_map(|l| l.split_once(' ').map(|(t, _)| t.to_string()))
            .collect();
        // "Étude de cas": a case study is found by its kind's French name, not its English one.
        for stem in ["ruptur", "ex", "emotion", "journal", "etud", "cas"] {
            assert!(terms.iter().any(|t| t == stem), "{stem} in {terms:?}");
        }
        for word in ["ruptures", "lex", "les", "des", "emotions", "study", "studi"] {
            assert!(!terms.iter().any(|t| t == word), "{word} in {terms:?}");
        }
        assert!(file("/index.js").contains(r#""lang":"fr""#));
        // Results name their kinds in the language.
        assert!(
            file("/index.js").contains(r#""kinds":["Article","FAQ","Étude de cas","Page","Rubrique","Accueil"]"#),
            "{}",
            file("/index.js")
        );
        site.config.language = "en".into();
        let english = crate::i18n::Strings::english();
        assert!(String::from_utf8_lossy(
            &index(&site, &english)[..]
                .iter()
                .find(|f| f.path.ends_with("/index.js"))
                .unwrap()
                .bytes
        )
        .contains(r#""kinds":["Article","FAQ","Case study","Page","Section","Home"]"#));
        assert!(!String::from_utf8_lossy(
            &index(&site, &english)
                .iter()
                .find(|f| f.path.ends_with("/index.js"))
                .unwrap()
                .bytes
        )
        .contains("lang"));
    }
}
