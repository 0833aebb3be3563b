//! The search index, built from the parsed text of every page -> more `OutputFile`s under
//! `assets/search/`, read by `themes/default/static/search.js`.

pub mod document;
mod fnv;
pub mod shard;
pub mod tokenize;

use crate::output::OutputFile;
use crate::page::Kind;
use crate::site::Site;
use document::{Document, Impact};
use rayon::prelude::*;

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
    let lines = postings(&documents, average);
    let (mut files, firsts) = shard::term_shards(&lines);
    let entries: Vec<_> = documents.iter().map(|d| d.entry.clone()).collect();
    files.extend(shard::doc_chunks(&entries));
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.label()).collect();
    files.push(shard::manifest(&shard::Manifest {
        v: 1,
        docs: documents.len(),
        chunk: shard::DOC_CHUNK,
        kinds: &kinds,
        shards: &firsts,
    }));
    Built {
        files,
        text_bytes: documents.iter().map(|d| d.text_bytes).sum(),
    }
}

/// One posting on its way into a list: the term's hash sorts postings into runs of one term.
struct Posting {
    /// Two independent 64-bit hashes of the term: equal pairs are, for all purposes, equal terms.
    hash: (u64, u64),
    doc: u32,
    /// Index of the term in its document's `terms`.
    at: u32,
    impact: Impact,
}

/// Every term's postings, encoded: `(term, code)` lines in `js_order`. Postings are sorted by
/// (term hash, doc) in parallel, so each term's list comes out as one run, docs ascending; no
/// table of terms is probed seven million times.
fn postings(documents: &[Document], average: f32) -> Vec<(String, String)> {
    let mut all: Vec<Posting> = documents
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, d)| {
            d.terms.iter().enumerate().map(move |(at, (term, stats))| Posting {
                hash: (fnv::hash(term), fnv::polynomial(term)),
                doc: doc as u32,
                at: at as u32,
                impact: document::impact(stats, d.length, average),
            })
        })
        .collect();
    all.par_sort_unstable_by_key(|p| (p.hash, p.doc));
    let term = |p: &Posting| documents[p.doc as usize].terms[p.at as usize].0.as_str();
    let mut runs: Vec<(&str, &[Posting])> = Vec::new();
    let mut rest = all.as_slice();
    while !rest.is_empty() {
        let n = rest.iter().take_while(|p| p.hash == rest[0].hash).count();
        runs.push((term(&rest[0]), &rest[..n]));
        rest = &rest[n..];
    }
    runs.par_sort_unstable_by(|a, b| shard::js_order(a.0, b.0));
    runs.par_iter()
        .map(|(t, run)| {
            let list: Vec<(u32, Impact)> = run.iter().map(|p| (p.doc, p.impact)).collect();
            (t.to_string(), shard::encode_postings(&list))
        })
        .collect()
}
