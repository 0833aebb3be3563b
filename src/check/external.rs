//! `check --external`: the http(s) links of every page fetched, a few at a time, each with a
//! timeout; addresses that answered are remembered in a cache file for a day, so the next run
//! asks only about links that are new or failed.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::CONTENT_PREFIX;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where the cache lives, relative to the handbook's root: beside `handbook.yaml`, never in
/// `content/` (it is not content) nor in the output folder (a build replaces that whole).
pub const CACHE_FILE: &str = ".handbook-cache/external-links.json";

#[derive(Clone, Debug)]
pub struct ExternalOptions {
    /// How long one address may take to answer, redirects included.
    pub timeout: Duration,
    /// Addresses asked at once.
    pub concurrency: usize,
    /// The cache file; `None` asks about every address.
    pub cache: Option<PathBuf>,
    /// How long an address that answered is trusted without asking again.
    pub max_age: Duration,
}

impl ExternalOptions {
    /// 10 s per address, 8 at once, the cache at `root/.handbook-cache/`, trusted for a day.
    pub fn for_root(root: &Path) -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            cache: Some(root.join(CACHE_FILE)),
            max_age: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// An http(s) link and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    /// Source path relative to `content/`.
    pub source: String,
    pub line: usize,
    pub col: usize,
}

/// Checks every http(s) link of the handbook at `root` (drafts only with `drafts`): a warning at
/// each link whose address fails, sorted, with its source line.
pub fn check(root: &Path, drafts: bool, options: &ExternalOptions) -> Vec<Diagnostic> {
    let (sources, _) = crate::source::load(&root.join("content"), CONTENT_PREFIX);
    let skipped = if drafts {
        BTreeSet::new()
    } else {
        super::draft_sources(&sources.files)
    };
    let files: Vec<&SourceFile> = sources
        .files
        .iter()
        .filter(|f| !skipped.contains(f.rel_path.as_str()))
        .collect();
    let found: Vec<ExternalLink> = files.iter().flat_map(|f| links(f)).collect();
    let addresses: BTreeSet<&str> = found.iter().map(|l| address(&l.url)).collect();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut cache = options.cache.as_deref().map(read_cache).unwrap_or_default();
    let fresh = |url: &str| {
        cache
            .get(url)
            .is_some_and(|&at| now.saturating_sub(at) < options.max_age.as_secs())
    };
    let asked: Vec<&str> = addresses.into_iter().filter(|a| !fresh(a)).collect();
    let answers = fetch_all(&asked, options);
    let mut out = Vec::new();
    for (url, answer) in asked.iter().zip(&answers) {
        match answer {
            Ok(()) => {
                cache.insert(url.to_string(), now);
            }
            Err((message, hint)) => {
                cache.remove(*url);
                for link in found.iter().filter(|l| address(&l.url) == *url) {
                    let path = format!("{CONTENT_PREFIX}{}", link.source);
                    let mut d =
                        Diagnostic::warning(path, link.line, link.col, format!("external link {message}: {url}"))
                            .hint(hint.as_str());
                    if let Some(file) = files.iter().find(|f| f.rel_path == link.source) {
                        d.attach_source(&file.text);
                    }
                    out.push(d);
                }
            }
        }
    }
    if let Some(path) = &options.cache {
        if let Err(e) = write_cache(path, &cache) {
            out.push(
                Diagnostic::warning(CACHE_FILE, 0, 0, format!("the link cache could not be saved: {e}"))
                    .hint("every link will be asked about again next time"),
            );
        }
    }
    crate::diagnostic::sort(&mut out);
    out
}

/// Fenced blocks that are widgets: YAML whose values are Markdown, so they hold links too.
const WIDGETS: &[&str] = &[
    "checklist",
    "timeline",
    "dos-and-donts",
    "help-services",
    "safety-callout",
];

/// The http(s) links, images and bare addresses of one source file, widget blocks included, each
/// at the line and column where its Markdown starts.
pub fn links(file: &SourceFile) -> Vec<ExternalLink> {
    let Ok(split) = crate::frontmatter::split(&file.text, &file.rel_path) else {
        return Vec::new();
    };
    let body = split.body;
    let mut found = Vec::new();
    find(body, true, &mut found);
    found
        .into_iter()
        .filter(|(_, url)| {
            let lower = url.to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://")
        })
        .map(|(at, url)| {
            let before = &body[..at.min(body.len())];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            ExternalLink {
                url,
                source: file.rel_path.clone(),
                line: split.body_line + before.matches('\n').count(),
                col: before[line_start..].chars().count() + 1,
            }
        })
        .collect()
}

/// Every link destination in the Markdown `text`, by byte offset: links and images where they
/// start, bare addresses (linked as on GitHub) where they are written, and with `widgets` those
/// inside widget blocks.
fn find(text: &str, widgets: bool, out: &mut Vec<(usize, String)>) {
    // Inside a link, an image or code, text is never a bare address.
    let mut shielded = 0usize;
    // A run of text: the parser splits it at `_`, `(` and the like, and an address is read whole.
    let mut run: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        if !matches!(event, Event::Text(_)) {
            if let Some((at, joined)) = run.take() {
                bare(text, at, &joined, out);
            }
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                shielded += 1;
                out.push((range.start, dest_url.to_string()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                shielded += 1;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                if widgets && WIDGETS.contains(&lang.as_str()) {
                    widget(text, range, out);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => shielded = shielded.saturating_sub(1),
            Event::Text(t) if shielded == 0 => run.get_or_insert_with(|| (range.start, String::new())).1.push_str(&t),
            _ => {}
        }
    }
    if let Some((at, joined)) = run {
        bare(text, at, &joined, out);
    }
}

/// The bare addresses of a run of text that starts at byte `at` of `text`, each found again in
/// the source (escapes may make the two differ) to give its place.
fn bare(text: &str, at: usize, joined: &str, out: &mut Vec<(usize, String)>) {
    let mut from = at;
    for (i, len, dest) in crate::markdown::autolinks::bare(joined) {
        let written = &joined[i..i + len];
        let place = text[from..].find(written).map_or(at, |k| from + k);
        from = place + written.len().min(text.len() - place);
        out.push((place, dest));
    }
}

/// The links in the widget block at `block` of `text`: its lines are read as Markdown with their
/// indentation taken off (so YAML's nesting is not read as code), and each link is placed back at
/// its line and column in the block.
fn widget(text: &str, block: std::ops::Range<usize>, out: &mut Vec<(usize, String)>) {
    let source = &text[block.clone()];
    let Some(first) = source.find('\n') else { return };
    let mut flat = String::new();
    // (offset in `flat`, offset in `text`) where each line starts.
    let mut starts = Vec::new();
    let mut at = block.start + first + 1;
    for line in source[first + 1..].split_inclusive('\n') {
        let kept = line.trim_start_matches([' ', '\t']);
        starts.push((flat.len(), at + (line.len() - kept.len())));
        flat.push_str(kept);
        at += line.len();
    }
    let mut found = Vec::new();
    find(&flat, false, &mut found);
    for (offset, url) in found {
        let line = starts.partition_point(|&(f, _)| f <= offset).saturating_sub(1);
        let (flat_start, text_start) = starts.get(line).copied().unwrap_or((0, block.start));
        out.push((text_start + offset - flat_start, url));
    }
}

/// The address asked for: the link without its `#fragment`, which never reaches the server.
fn address(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

type Answer = Result<(), (String, String)>;

/// Asks about each address, `options.concurrency` at a time; the answers in the same order.
fn fetch_all(addresses: &[&str], options: &ExternalOptions) -> Vec<Answer> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("handbook-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let answers: Mutex<Vec<Option<Answer>>> = Mutex::new(vec![None; addresses.len()]);
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, addresses.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = addresses.get(i) else { break };
                let answer = fetch(&agent, url, options.timeout);
                answers.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(answer);
            });
        }
    });
    answers
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|a| a.unwrap_or(Ok(())))
        .collect()
}

/// One address: fine if it answers below 400 (after redirects) or 429 (busy, not broken).
fn fetch(agent: &ureq::Agent, url: &str, timeout: Duration) -> Answer {
    match agent.get(url).call() {
        Ok(response) => {
            let status = response.status();
            if status.as_u16() < 400 || status.as_u16() == 429 {
                return Ok(());
            }
            let reason = status.canonical_reason().unwrap_or("");
            Err((
                format!("answers {} {reason}", status.as_u16()).trim_end().to_string(),
                "open it in a browser; if the page moved, link to its new address".into(),
            ))
        }
        Err(ureq::Error::Timeout(_)) => Err((
            format!("did not answer within {} s", timeout.as_secs_f32()),
            "the site may be slow or down: try again later, or link elsewhere".into(),
        )),
        Err(e) => Err((
            format!("could not be reached ({e})"),
            "check the address; if it is right, the site may be down".into(),
        )),
    }
}

fn read_cache(path: &Path) -> BTreeMap<String, u64> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn write_cache(path: &Path, cache: &BTreeMap<String, u64>) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let text = serde_json::to_string_pretty(cache).map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_at_their_line_and_column() {
        let file = SourceFile {
            rel_path: "articles/a.md".into(),
            text: "---\ntitle: A\n---\nSee [one](https://example.org/a#x) and\n  <http://example.org/b>, [here](../b.md), ![i](https://example.org/i.png).\n".into(),
        };
        let found: Vec<(String, usize, usize)> = links(&file).into_iter().map(|l| (l.url, l.line, l.col)).collect();
        assert_eq!(
            found,
            [
                ("https://example.org/a#x".to_string(), 4, 5),
                ("http://example.org/b".to_string(), 5, 3),
                ("https://example.org/i.png".to_string(), 5, 44),
            ]
        );
        assert_eq!(address("https://example.org/a#x"), "https://example.org/a");
    }
}
