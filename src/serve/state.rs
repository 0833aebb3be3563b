//! What the preview serves right now: the built files in memory, a generation counter that goes
//! up with every change, when each file last changed, pages that moved or were deleted, the
//! current problems, and the open event streams. Rebuilds publish here; requests read here.

use crate::output::OutputFile;
use bytes::Bytes;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tokio::sync::mpsc;

/// Events queued for one stream before it counts as stalled and is dropped.
const STREAM_QUEUE: usize = 64;

/// A page of the site as far as following it across a rebuild needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageAddress {
    /// Output path (`faq/x.html`).
    pub path: String,
    /// Source path (`faq/x.md`).
    pub source: String,
    pub title: String,
}

/// Files to serve from now on.
pub struct Publish {
    pub files: Vec<OutputFile>,
    /// The files are the whole site: any other file is gone.
    pub whole: Option<Vec<PageAddress>>,
    /// The site is good again: problems shown so far are cleared.
    pub good: bool,
}

/// What a request for a site path finds.
pub enum Found {
    File(Bytes),
    /// A page that was renamed: its new path.
    Moved(String),
    /// A page whose source file was deleted.
    Deleted(String),
    /// Nothing here; the 404 page if the site has one.
    Missing(Option<Bytes>),
    /// No site has been built yet.
    NoSite,
}

#[derive(Default)]
pub struct State {
    files: HashMap<String, Bytes>,
    pages: Vec<PageAddress>,
    generation: u64,
    changed_at: HashMap<String, u64>,
    moved: BTreeMap<String, String>,
    deleted: BTreeMap<String, String>,
    /// The problems (`problems`, `errors`, `warnings`), while there are any.
    problems: Option<serde_json::Value>,
    /// The warnings of the last good build (`warnings`, `count`), once one has been made.
    warnings: Option<serde_json::Value>,
    streams: Vec<mpsc::Sender<Bytes>>,
    /// The interface strings in the site's language, once a site has been built.
    strings: Option<std::sync::Arc<crate::i18n::Strings>>,
}

impl State {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The preview's words: in the language of the last site built, else English.
    pub fn strings(&self) -> std::sync::Arc<crate::i18n::Strings> {
        self.strings
            .clone()
            .unwrap_or_else(|| std::sync::Arc::new(crate::i18n::Strings::english()))
    }

    /// The language the preview speaks from now on.
    pub fn speak(&mut self, strings: crate::i18n::Strings) {
        self.strings = Some(std::sync::Arc::new(strings));
    }

    pub fn has_site(&self) -> bool {
        !self.files.is_empty()
    }

    pub fn find(&self, path: &str) -> Found {
        if let Some(bytes) = self.files.get(path) {
            return Found::File(bytes.clone());
        }
        if let Some(to) = self.moved.get(path) {
            return Found::Moved(to.clone());
        }
        if let Some(source) = self.deleted.get(path) {
            return Found::Deleted(source.clone());
        }
        if self.files.is_empty() {
            return Found::NoSite;
        }
        Found::Missing(self.files.get("404.html").cloned())
    }

    /// Serves `update`'s files and tells every open page which paths changed.
    pub fn publish(&mut self, update: Publish) {
        self.generation += 1;
        let generation = self.generation;
        let mut changed = BTreeSet::new();
        let whole = update.whole.is_some();
        if let Some(pages) = update.whole {
            let kept: BTreeSet<&str> = update.files.iter().map(|f| f.path.as_str()).collect();
            let gone: Vec<String> = self
                .files
                .keys()
                .filter(|p| !kept.contains(p.as_str()))
                .cloned()
                .collect();
            for path in gone {
                self.files.remove(&path);
                changed.insert(path);
            }
            self.follow(&pages);
            self.pages = pages;
        }
        for file in update.files {
            if self.files.get(&file.path).is_some_and(|old| old[..] == file.bytes[..]) {
                continue;
            }
            self.moved.remove(&file.path);
            self.deleted.remove(&file.path);
            changed.insert(file.path.clone());
            self.files.insert(file.path, Bytes::from(file.bytes));
        }
        for path in &changed {
            self.changed_at.insert(path.clone(), generation);
        }
        if update.good {
            self.problems = None;
        }
        let message = change_event(generation, &changed, self.problems.is_none(), whole);
        self.streams.retain(|s| s.try_send(message.clone()).is_ok());
    }

    /// The site's pages after an incremental rebuild, which may add pages but neither moves
    /// nor removes any: so a page added then deleted is followed as deleted.
    pub fn know(&mut self, pages: Vec<PageAddress>) {
        self.pages = pages;
    }

    /// Records where the pages of the last site went: a page whose source is still there under
    /// another address, else the one page of the same title, else (one page gone, one new) that
    /// one moved; any other page that is gone was deleted.
    fn follow(&mut self, now: &[PageAddress]) {
        let old_paths: BTreeSet<&str> = self.pages.iter().map(|p| p.path.as_str()).collect();
        let new_paths: BTreeSet<&str> = now.iter().map(|p| p.path.as_str()).collect();
        let gone: Vec<&PageAddress> = self
            .pages
            .iter()
            .filter(|p| !new_paths.contains(p.path.as_str()))
            .collect();
        let added: Vec<&PageAddress> = now.iter().filter(|p| !old_paths.contains(p.path.as_str())).collect();
        let mut moves = Vec::new();
        let mut deletions = Vec::new();
        for old in &gone {
            let to = added
                .iter()
                .find(|new| new.source == old.source)
                .or_else(|| only(added.iter().filter(|new| new.title == old.title)))
                .or_else(|| (gone.len() == 1 && added.len() == 1).then(|| &added[0]));
            match to {
                Some(new) => moves.push((old.path.clone(), new.path.clone())),
                None => deletions.push((old.path.clone(), old.source.clone())),
            }
        }
        for (from, to) in moves {
            for target in self.moved.values_mut().filter(|t| **t == from) {
                *target = to.clone();
            }
            self.moved.insert(from, to);
        }
        for (path, source) in deletions {
            self.moved.retain(|_, to| *to != path);
            self.deleted.insert(path, source);
        }
    }

    /// Problems found by a rebuild: shown by every open page until a good one.
    pub fn fail(&mut self, problems: serde_json::Value) {
        let message = problems_event(&problems, self.has_site());
        self.streams.retain(|s| s.try_send(message.clone()).is_ok());
        self.problems = Some(problems);
    }

    /// The warnings of the site as it is now: told to every open page when they change.
    pub fn warn(&mut self, warnings: serde_json::Value) {
        if self.warnings.as_ref() == Some(&warnings) {
            return;
        }
        let message = warnings_event(&warnings);
        self.streams.retain(|s| s.try_send(message.clone()).is_ok());
        self.warnings = Some(warnings);
    }

    /// A new event stream for a page served at generation `since` (if it said): it is told at
    /// once what changed since then, and the problems if there are any.
    pub fn subscribe(&mut self, since: Option<u64>) -> mpsc::Receiver<Bytes> {
        let (tx, rx) = mpsc::channel(STREAM_QUEUE);
        let _ = tx.try_send(Bytes::from_static(b"retry: 500\n\n"));
        if let Some(since) = since.filter(|&s| s < self.generation) {
            let changed: BTreeSet<String> = self
                .changed_at
                .iter()
                .filter(|(_, &at)| at > since)
                .map(|(path, _)| path.clone())
                .collect();
            // What happened meanwhile is not known in detail: changed pages reload in full.
            let _ = tx.try_send(change_event(self.generation, &changed, self.problems.is_none(), true));
        }
        if let Some(warnings) = &self.warnings {
            let _ = tx.try_send(warnings_event(warnings));
        }
        if let Some(problems) = &self.problems {
            let _ = tx.try_send(problems_event(problems, self.has_site()));
        }
        self.streams.push(tx);
        rx
    }

    /// Writes a comment to every stream, so streams whose page has gone are noticed and dropped.
    pub fn ping(&mut self) {
        let ping = Bytes::from_static(b": ping\n\n");
        self.streams.retain(|s| s.try_send(ping.clone()).is_ok());
    }

    #[cfg(test)]
    fn streams(&self) -> usize {
        self.streams.len()
    }
}

fn only<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// `change`: the generation now, the paths (from the site root, `/faq/x.html`) changed since the
/// last one, whether the site is good, and whether the whole site was rebuilt (a template or the
/// configuration may have changed, so a changed page reloads in full rather than swapping its
/// content in place).
fn change_event(generation: u64, changed: &BTreeSet<String>, good: bool, whole: bool) -> Bytes {
    let paths: Vec<String> = changed.iter().map(|p| format!("/{p}")).collect();
    let data = serde_json::json!({ "generation": generation, "changed": paths, "good": good, "whole": whole });
    Bytes::from(format!("event: change\ndata: {data}\n\n"))
}

/// `problems`: each rendered as the terminal shows it, how many are errors and warnings, and
/// whether a good version is served.
fn problems_event(problems: &serde_json::Value, has_site: bool) -> Bytes {
    let mut data = problems.clone();
    data["served"] = has_site.into();
    Bytes::from(format!("event: problems\ndata: {data}\n\n"))
}

/// `warnings`: the last good build's warnings, each rendered as the terminal shows it.
fn warnings_event(warnings: &serde_json::Value) -> Bytes {
    Bytes::from(format!("event: warnings\ndata: {warnings}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn page(path: &str, source: &str, title: &str) -> PageAddress {
        PageAddress {
            path: path.into(),
            source: source.into(),
            title: title.into(),
        }
    }

    fn whole(state: &mut State, files: &[(&str, &str)], pages: Vec<PageAddress>) {
        state.publish(Publish {
            files: files.iter().map(|(p, t)| file(p, t)).collect(),
            whole: Some(pages),
            good: true,
        });
    }

    fn text(event: Bytes) -> String {
        String::from_utf8(event.to_vec()).unwrap()
    }

    #[test]
    fn a_new_stream_hears_what_changed_since_its_page_was_served() {
        let mut state = State::default();
        whole(&mut state, &[("a.html", "1"), ("b.html", "1")], vec![]);
        let served_at = state.generation();
        state.publish(Publish {
            files: vec![file("a.html", "2"), file("b.html", "1")],
            whole: None,
            good: true,
        });
        let mut rx = state.subscribe(Some(served_at));
        assert_eq!(text(rx.try_recv().unwrap()), "retry: 500\n\n");
        assert_eq!(
            text(rx.try_recv().unwrap()),
            "event: change\ndata: {\"changed\":[\"/a.html\"],\"generation\":2,\"good\":true,\"whole\":true}\n\n"
        );
        let mut current = state.subscribe(Some(state.generation()));
        current.try_recv().unwrap();
        assert!(current.try_recv().is_err(), "nothing changed since");
    }

    #[test]
    fn renamed_pages_move_and_deleted_pages_say_so() {
        let mut state = State::default();
        let pages = vec![
            page("faq/a.html", "faq/a.md", "A?"),
            page("faq/b.html", "faq/b.md", "B?"),
        ];
        whole(&mut state, &[("faq/a.html", "a"), ("faq/b.html", "b")], pages);
        whole(
            &mut state,
            &[("faq/a2.html", "a")],
            vec![page("faq/a2.html", "faq/a2.md", "A?")],
        );
        assert!(matches!(state.find("faq/a.html"), Found::Moved(to) if to == "faq/a2.html"));
        assert!(matches!(state.find("faq/b.html"), Found::Deleted(s) if s == "faq/b.md"));
        assert!(matches!(state.find("faq/zzz.html"), Found::Missing(None)));
        // Renamed again: the first address follows to the newest.
        whole(
            &mut state,
            &[("faq/a3.html", "a")],
            vec![page("faq/a3.html", "faq/a3.md", "A 3?")],
        );
        assert!(matches!(state.find("faq/a.html"), Found::Moved(to) if to == "faq/a3.html"));
        // A page made again at an old address is served, not redirected.
        whole(
            &mut state,
            &[("faq/a.html", "new")],
            vec![page("faq/a.html", "faq/a.md", "New")],
        );
        assert!(matches!(state.find("faq/a.html"), Found::File(b) if &b[..] == b"new"));
    }

    #[test]
    fn problems_say_whether_a_good_version_is_served() {
        let mut state = State::default();
        let mut rx = state.subscribe(None);
        rx.try_recv().unwrap();
        state.fail(serde_json::json!({ "problems": ["x"], "errors": 1, "warnings": 0 }));
        assert_eq!(
            text(rx.try_recv().unwrap()),
            "event: problems\ndata: {\"errors\":1,\"problems\":[\"x\"],\"served\":false,\"warnings\":0}\n\n"
        );
        assert!(matches!(state.find("index.html"), Found::NoSite));
        whole(&mut state, &[("index.html", "i")], vec![]);
        state.fail(serde_json::json!({ "problems": ["y"] }));
        let mut late = state.subscribe(None);
        late.try_recv().unwrap();
        assert!(text(late.try_recv().unwrap()).contains("\"served\":true"));
    }

    #[test]
    fn warnings_are_told_when_they_change_and_to_every_new_page() {
        let mut state = State::default();
        let mut rx = state.subscribe(None);
        rx.try_recv().unwrap();
        let warnings = serde_json::json!({ "warnings": ["w"], "count": 1 });
        state.warn(warnings.clone());
        assert_eq!(
            text(rx.try_recv().unwrap()),
            "event: warnings\ndata: {\"count\":1,\"warnings\":[\"w\"]}\n\n"
        );
        state.warn(warnings);
        assert!(rx.try_recv().is_err(), "the same warnings are not told twice");
        let mut late = state.subscribe(None);
        late.try_recv().unwrap();
        assert!(text(late.try_recv().unwrap()).starts_with("event: warnings\n"));
    }

    #[test]
    fn streams_whose_page_is_gone_are_dropped() {
        let mut state = State::default();
        let rx = state.subscribe(None);
        let _kept = state.subscribe(None);
        drop(rx);
        state.ping();
        assert_eq!(state.streams(), 1);
    }
}
