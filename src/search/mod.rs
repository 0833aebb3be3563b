//! The search index, built from the parsed text of every page -> more `OutputFile`s under
//! `assets/search/`, read by `themes/default/static/search.js`.

pub mod document;
mod fnv;
mod scan;
pub mod shard;
mod table;
pub mod tokenize;

use crate::output::OutputFile;
use crate::page::Kind;
use crate::site::Site;
use document::{Document, Impact};
use rayon::prelude::*;
use table::Terms;

/// Kind labels by number, as docs files refer to them.
const KINDS: [Kind; 6] = [
    Kind::Article,
    Kind::Faq,
    Kind::CaseStudy,
    Kind::Standalone,
    Kind::Section,
    Kind::Home,
];

/// The search index of `site` as JavaScript files loaded by `<script>` tags.
pub fn index(site: &Site) -> Vec<OutputFile> {
    build(site).files
}

/// The index files and the size of the text they index.
pub struct Built {
    pub files: Vec<OutputFile>,
    pub text_bytes: usize,
}

pub fn build(site: &Site) -> Built {
    let documents: Vec<Document> = site
        .pages
        .par_iter()
        .map(|p| document::read(p, KINDS.iter().position(|k| *k == p.kind).unwrap_or(0)))
        .collect();
    let average = documents.iter().map(|d| d.length).sum::<usize>() as f32 / documents.len().max(1) as f32;
    let merged = postings(&documents, average);
    let (mut files, firsts) = shard::term_shards(&lines(&merged));
    let text_bytes = documents.iter().map(|d| d.text_bytes).sum();
    let docs = documents.len();
    let entries: Vec<_> = documents.into_iter().map(|d| d.entry).collect();
    files.extend(shard::doc_chunks(&entries));
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.label()).collect();
    files.push(shard::manifest(&shard::Manifest {
        v: 1,
        docs,
        chunk: shard::DOC_CHUNK,
        kinds: &kinds,
        shards: &firsts,
    }));
    Built { files, text_bytes }
}

/// Terms are merged in this many groups by hash, one group per task.
const BUCKETS: usize = 16;

fn bucket(hash: u64) -> usize {
    (hash >> 60) as usize
}

/// One page's postings, weighted and grouped by bucket, so merging a bucket reads each page's
/// share of it in one contiguous run.
struct Grouped<'a> {
    postings: Vec<(u64, &'a str, Impact)>,
    starts: [u32; BUCKETS + 1],
}

/// Every term's postings, encoded. Each page's postings are weighted and grouped by hash
/// bucket in parallel; then each bucket, in parallel, walks the pages in order and appends to
/// its terms' codes, so every list is encoded docs ascending as it grows.
fn postings(documents: &[Document], average: f32) -> Vec<Terms<Postings>> {
    let grouped: Vec<Grouped> = documents.par_iter().map(|d| group(d, average)).collect();
    (0..BUCKETS)
        .into_par_iter()
        .map(|b| {
            let mut table: Terms<Postings> = Terms::with_capacity(4096);
            for (doc, g) in grouped.iter().enumerate() {
                for &(hash, term, impact) in &g.postings[g.starts[b] as usize..g.starts[b + 1] as usize] {
                    table.entry_hashed(hash, term).push(doc as u32, impact);
                }
            }
            table
        })
        .collect()
}

/// `(term, code)` of every term in `merged`, in `js_order`.
fn lines(merged: &[Terms<Postings>]) -> Vec<(&str, &str)> {
    let mut lines: Vec<(&str, &str)> = merged
        .iter()
        .flat_map(|t| t.iter().map(|(_, term, p)| (term, p.code.as_str())))
        .collect();
    lines.par_sort_unstable_by(|a, b| shard::js_order(a.0, b.0));
    lines
}

/// One term's postings list, encoded as it grows.
#[derive(Default)]
struct Postings {
    /// The doc after the last one added: gaps count from it.
    next: u32,
    code: String,
}

impl Postings {
    fn push(&mut self, doc: u32, impact: Impact) {
        shard::push_posting(&mut self.code, doc - self.next, impact);
        self.next = doc + 1;
    }
}

fn group(d: &Document, average: f32) -> Grouped<'_> {
    let mut starts = [0u32; BUCKETS + 1];
    for (hash, ..) in d.terms.iter() {
        starts[bucket(hash) + 1] += 1;
    }
    for b in 0..BUCKETS {
        starts[b + 1] += starts[b];
    }
    let mut next = starts;
    let blank = (0, "", Impact { impact: 0, section: 0 });
    let mut postings = vec![blank; d.terms.len()];
    for (hash, term, stats) in d.terms.iter() {
        let b = bucket(hash);
        postings[next[b] as usize] = (hash, term, document::impact(stats, d.length, average));
        next[b] += 1;
    }
    Grouped { postings, starts }
}
