//! `handbook report`: the content inventory — every page with its kind, title, words, reading
//! time and grade, review date and age, and links in and out — as a table, CSV or JSON.

use crate::page::Kind;
use crate::site::Site;
use crate::source::SourceFile;
use serde::Serialize;
use std::collections::HashMap;

/// One page of the inventory.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub source: String,
    pub kind: Kind,
    pub title: String,
    pub words: usize,
    pub reading_minutes: u32,
    /// Flesch–Kincaid grade, one decimal; `None` for a page without prose.
    pub grade: Option<f64>,
    pub reviewed: Option<String>,
    pub days_since_review: Option<i64>,
    /// Other pages that link to this one (body links and `related:`).
    pub inbound: usize,
    /// Other pages this one links to.
    pub outbound: usize,
}

/// What the inventory may be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Source,
    Title,
    Words,
    Grade,
    Review,
    Inbound,
}

/// The inventory of `site` on day `today` (days since 1970), `files` its sources, in source order.
pub fn rows(site: &Site, files: &[SourceFile], today: i64) -> Vec<Row> {
    let by_rel: HashMap<&str, &SourceFile> = files.iter().map(|f| (f.rel_path.as_str(), f)).collect();
    let targets = |p: &crate::page::Page| {
        let mut t: Vec<String> = p.body.links.iter().map(|l| l.target.clone()).collect();
        t.extend(p.related_sources.iter().cloned());
        t.retain(|x| x != &p.source);
        t.sort();
        t.dedup();
        t
    };
    let out_links: Vec<Vec<String>> = site.pages.iter().map(targets).collect();
    let mut rows: Vec<Row> = site
        .pages
        .iter()
        .zip(&out_links)
        .filter(|(p, _)| by_rel.contains_key(p.source.as_str()))
        .map(|(p, out)| {
            let sentences = crate::check::governance::page_sentences(by_rel[p.source.as_str()]);
            let grade = crate::readability::grade(&sentences).map(|g| (g * 10.0).round() / 10.0);
            let reviewed_day = p.reviewed.as_deref().and_then(crate::parse::day_number);
            Row {
                source: p.source.clone(),
                kind: p.kind,
                title: p.title.clone(),
                words: p.body.words,
                reading_minutes: p.reading_minutes,
                grade,
                reviewed: p.reviewed.clone(),
                days_since_review: reviewed_day.map(|d| today - d),
                inbound: out_links.iter().filter(|o| o.contains(&p.source)).count(),
                outbound: out.len(),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.source.cmp(&b.source));
    rows
}

/// The inventory of the handbook at `root` on `today` (`YYYY-MM-DD`), every language's pages
/// (a further language's sources named from `content/`: `fr/articles/…`); its errors if it
/// does not load.
pub fn inventory(root: &std::path::Path, today: &str) -> Result<Vec<Row>, Vec<crate::diagnostic::Diagnostic>> {
    let (editions, _) = crate::load_editions(root, false, &mut crate::Timings::default())?;
    let today = crate::parse::day_number(today).unwrap_or(0);
    let mut all = Vec::new();
    for (edition, site) in &editions {
        let prefix = edition.content_prefix();
        let (sources, _) = crate::source::load(&root.join(&prefix), &prefix);
        let folder = edition.out_prefix();
        all.extend(rows(site, &sources.files, today).into_iter().map(|mut row| {
            row.source.insert_str(0, &folder);
            row
        }));
    }
    all.sort_by(|a, b| a.source.cmp(&b.source));
    Ok(all)
}

/// Pages never reviewed or reviewed more than `days` ago.
pub fn stale(rows: Vec<Row>, days: i64) -> Vec<Row> {
    rows.into_iter()
        .filter(|r| r.days_since_review.is_none_or(|d| d > days))
        .collect()
}

/// Sorts the rows: numbers largest first (never-reviewed pages first for `Review`), text A–Z.
pub fn sort(rows: &mut [Row], by: SortBy) {
    match by {
        SortBy::Source => rows.sort_by(|a, b| a.source.cmp(&b.source)),
        SortBy::Title => rows.sort_by_key(|r| r.title.to_lowercase()),
        SortBy::Words => rows.sort_by_key(|r| std::cmp::Reverse(r.words)),
        SortBy::Grade => rows.sort_by(|a, b| b.grade.unwrap_or(0.0).total_cmp(&a.grade.unwrap_or(0.0))),
        SortBy::Review => rows.sort_by_key(|r| std::cmp::Reverse(r.days_since_review.unwrap_or(i64::MAX))),
        SortBy::Inbound => rows.sort_by_key(|r| std::cmp::Reverse(r.inbound)),
    }
}

const HEADERS: [&str; 10] = [
    "source", "kind", "title", "words", "minutes", "grade", "reviewed", "days", "in", "out",
];

fn cells(r: &Row) -> [String; 10] {
    let opt = |o: Option<String>| o.unwrap_or_default();
    [
        r.source.clone(),
        r.kind.label().to_string(),
        r.title.clone(),
        r.words.to_string(),
        r.reading_minutes.to_string(),
        opt(r.grade.map(|g| format!("{g:.1}"))),
        opt(r.reviewed.clone()),
        opt(r.days_since_review.map(|d| d.to_string())),
        r.inbound.to_string(),
        r.outbound.to_string(),
    ]
}

/// CSV (RFC 4180): a header line, then one line per page; fields with `,`, `"` or a line break
/// are quoted.
pub fn csv(rows: &[Row]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = HEADERS.join(",") + "\n";
    for r in rows {
        out.push_str(&cells(r).iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// A table for the terminal, columns padded to their widest cell, titles cut at 40 characters.
pub fn table(rows: &[Row]) -> String {
    let mut lines: Vec<Vec<String>> = vec![HEADERS.iter().map(|h| h.to_string()).collect()];
    for r in rows {
        let mut c = cells(r).to_vec();
        if c[2].chars().count() > 40 {
            c[2] = c[2].chars().take(39).collect::<String>() + "…";
        }
        lines.push(c);
    }
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|i| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0))
        .collect();
    let numeric = |i: usize| i >= 3 && i != 6;
    lines
        .iter()
        .map(|l| {
            let padded: Vec<String> = l
                .iter()
                .enumerate()
                .map(|(i, c)| match numeric(i) {
                    true => format!("{c:>w$}", w = widths[i]),
                    false => format!("{c:<w$}", w = widths[i]),
                })
                .collect();
            padded.join("  ").trim_end().to_string() + "\n"
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(source: &str, title: &str, days: Option<i64>) -> Row {
        Row {
            source: source.into(),
            kind: Kind::Article,
            title: title.into(),
            words: 120,
            reading_minutes: 1,
            grade: Some(5.3),
            reviewed: days.map(|_| "2026-01-01".into()),
            days_since_review: days,
            inbound: 2,
            outbound: 3,
        }
    }

    #[test]
    fn csv_quotes_what_it_must() {
        let got = csv(&[row("articles/a.md", "Wait, \"then\" act", Some(10))]);
        assert_eq!(
            got,
            "source,kind,title,words,minutes,grade,reviewed,days,in,out\narticles/a.md,Article,\"Wait, \"\"then\"\" act\",120,1,5.3,2026-01-01,10,2,3\n"
        );
    }

    #[test]
    fn stale_keeps_old_and_never_reviewed_pages_and_sorts_them_first() {
        let rows = vec![
            row("a.md", "A", Some(10)),
            row("b.md", "B", None),
            row("c.md", "C", Some(400)),
        ];
        let mut old = stale(rows, 365);
        sort(&mut old, SortBy::Review);
        let sources: Vec<&str> = old.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(sources, ["b.md", "c.md"]);
        let t = table(&old);
        assert!(
            t.starts_with("source  kind     title  words  minutes  grade  reviewed    days  in  out\n"),
            "{t}"
        );
    }
}
