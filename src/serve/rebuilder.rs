//! The one owner of the `Site` while serving: waits for a burst of file changes to end, then
//! rebuilds from the files as they are now (so the preview always ends on the latest save), and
//! publishes what changed. Every rebuild runs under `catch_unwind`: a bug in the build becomes a
//! problem in the overlay, never a dead thread and a preview that silently stops updating.

use super::rebuild::{self, Live, Outcome};
use super::server::Shared;
use super::state::Publish;
use super::{watch, Event};
use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Quiet time that ends a burst of file events: an editor's save is often several writes.
const DEBOUNCE: Duration = Duration::from_millis(8);
/// Quiet time after an edit before the site-wide pages (tags, search, checklists) are refreshed.
const EXTRAS_AFTER: Duration = Duration::from_millis(300);

pub enum ToRebuilder {
    Paths(Vec<PathBuf>),
    Stop,
}

pub struct Rebuilder {
    pub root: PathBuf,
    pub drafts: bool,
    pub shared: Arc<Shared>,
    pub events: Sender<Event>,
    pub live: Option<Live>,
    /// The last whole rebuild failed (or none has run): only a whole one can make the site good.
    pub needs_full: bool,
    pub watcher: Option<notify::RecommendedWatcher>,
    /// The thread rendering the site-wide pages, if one was started.
    pub extras: Option<std::thread::JoinHandle<()>>,
}

/// Runs `work`, turning a panic into a located problem.
fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, Vec<Diagnostic>> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        vec![
            Diagnostic::error("handbook serve", 0, 0, format!("the rebuild crashed: {why}"))
                .hint("this is a bug in handbook; save again to retry, and please report it"),
        ]
    })
}

impl Rebuilder {
    pub fn run(mut self, rx: Receiver<ToRebuilder>) {
        self.full(Instant::now());
        let mut extras_due = false;
        loop {
            // Site-wide pages wait for a pause in editing, so they never delay an edited page.
            let first = if extras_due {
                match rx.recv_timeout(EXTRAS_AFTER) {
                    Err(RecvTimeoutError::Timeout) => {
                        extras_due = !self.refresh_extras();
                        continue;
                    }
                    other => other.ok(),
                }
            } else {
                rx.recv().ok()
            };
            let Some(ToRebuilder::Paths(mut paths)) = first else {
                return;
            };
            let started = Instant::now();
            // Every change that came meanwhile joins this rebuild: it reads the files as they
            // are now, so saves that came during the last one are never left out.
            loop {
                match rx.recv_timeout(DEBOUNCE) {
                    Ok(ToRebuilder::Paths(more)) => paths.extend(more),
                    Ok(ToRebuilder::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            extras_due |= self.changed(&paths, started);
        }
    }

    /// Rebuilds after the changes to `paths`; true if the site-wide pages are now out of date.
    fn changed(&mut self, paths: &[PathBuf], started: Instant) -> bool {
        let mut pages = BTreeSet::new();
        let mut other = false;
        for path in paths {
            match watch::classify(&self.root, path) {
                Some(watch::Touched::Page(rel)) if self.live.as_ref().is_some_and(|l| l.is_further(&rel)) => {
                    other = true
                }
                Some(watch::Touched::Page(rel)) => {
                    pages.insert(rel);
                }
                Some(watch::Touched::NewFolder(folder)) => {
                    if let Some(w) = &mut self.watcher {
                        use notify::Watcher as _;
                        let _ = w.watch(&folder, notify::RecursiveMode::Recursive);
                    }
                    other = true;
                }
                Some(watch::Touched::ContentFile(_)) => other = true,
                Some(watch::Touched::Other) => other = true,
                None => {}
            }
        }
        if pages.is_empty() && !other {
            return false;
        }
        let outcome = match &mut self.live {
            Some(live) if !other && !self.needs_full => {
                guarded(|| live.update(&pages)).unwrap_or_else(|p| Some(Outcome::Failed(p)))
            }
            _ => None,
        };
        match outcome {
            None => {
                self.full(started);
                false
            }
            Some(Outcome::Failed(problems)) => {
                // A crash may leave the site in memory half-changed: start again from disk.
                if problems.iter().any(|d| d.path == "handbook serve") {
                    self.needs_full = true;
                }
                self.failed(problems);
                false
            }
            Some(Outcome::Pages { edited, others }) => self.render_edit(&edited, &others, started),
        }
    }

    /// Renders and serves the edited pages first, so the editor's browser reloads while the pages
    /// that only show them (a long section index, say) are still rendering; then those.
    fn render_edit(&mut self, edited: &[usize], others: &[usize], started: Instant) -> bool {
        let Some(live) = &self.live else { return false };
        self.shared.state().know(live.addresses());
        let mut rendered = 0;
        let mut in_place = started.elapsed();
        for (n, pages) in [edited, others].into_iter().enumerate() {
            match guarded(|| live.render(pages)).and_then(|r| r) {
                Ok(files) => {
                    rendered += files.len();
                    self.publish(files, None, true);
                    if n == 0 {
                        in_place = started.elapsed();
                    }
                }
                Err(problems) => {
                    self.failed(problems);
                    return false;
                }
            }
        }
        let _ = self.events.send(Event::Rebuilt {
            rendered,
            edited: in_place,
            elapsed: started.elapsed(),
        });
        true
    }

    /// Builds the whole site. The content files it publishes are read afresh, so pages showing
    /// one that changed reload; a file no page uses is not served, as `build` does not publish it.
    fn full(&mut self, started: Instant) {
        let (root, drafts) = (self.root.clone(), self.drafts);
        match guarded(|| rebuild::full(&root, drafts)).and_then(|r| r) {
            Ok((live, files)) => {
                let pages = live.pages();
                let addresses = live.addresses();
                self.shared.state().speak(live.strings());
                self.live = Some(live);
                self.needs_full = false;
                self.publish(files, Some(addresses), true);
                let warnings = self.live.as_ref().map(|l| l.warnings()).map_or_else(Vec::new, |w| w());
                self.shared.state().warn(warnings_json(&warnings));
                let _ = self.events.send(Event::Built {
                    pages,
                    elapsed: started.elapsed(),
                });
            }
            Err(problems) => {
                self.needs_full = true;
                self.failed(problems);
            }
        }
    }

    fn publish(&self, files: Vec<OutputFile>, whole: Option<Vec<super::state::PageAddress>>, good: bool) {
        self.shared.state().publish(Publish { files, whole, good });
    }

    /// Starts rendering the site-wide files on their own thread, so an edit meanwhile is not kept
    /// waiting. False if the previous run is still going (try later).
    fn refresh_extras(&mut self) -> bool {
        if self.extras.as_ref().is_some_and(|t| !t.is_finished()) {
            return false;
        }
        let Some(live) = &self.live else { return true };
        let render = live.extras();
        let warnings = live.warnings();
        let (shared, events) = (self.shared.clone(), self.events.clone());
        self.extras = Some(std::thread::spawn(move || match guarded(render).and_then(|r| r) {
            Ok(files) => {
                shared.state().publish(Publish {
                    files,
                    whole: None,
                    good: false,
                });
                if let Ok(warnings) = guarded(warnings) {
                    shared.state().warn(warnings_json(&warnings));
                }
            }
            Err(problems) => {
                shared.state().fail(problems_json(&problems));
                let _ = events.send(Event::Failed(problems));
            }
        }));
        true
    }

    fn failed(&self, problems: Vec<Diagnostic>) {
        self.shared.state().fail(problems_json(&problems));
        let _ = self.events.send(Event::Failed(problems));
    }
}

/// The problems as the overlay shows them: each rendered as the terminal shows it, and how many
/// are errors and how many warnings.
fn problems_json(problems: &[Diagnostic]) -> serde_json::Value {
    let rendered: Vec<String> = problems.iter().map(Diagnostic::render).collect();
    let errors = problems.iter().filter(|d| d.is_error()).count();
    serde_json::json!({ "problems": rendered, "errors": errors, "warnings": problems.len() - errors })
}

/// The warnings of a good build as the page shows them.
pub fn warnings_json(warnings: &[Diagnostic]) -> serde_json::Value {
    let rendered: Vec<String> = warnings.iter().map(Diagnostic::render).collect();
    serde_json::json!({ "warnings": rendered, "count": rendered.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_rebuild_becomes_a_problem() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let caught = guarded(|| -> usize { panic!("index out of bounds") });
        std::panic::set_hook(hook);
        let problems = caught.unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
        assert_eq!(problems[0].message, "the rebuild crashed: index out of bounds");
        assert_eq!(guarded(|| 7), Ok(7));
    }
}
