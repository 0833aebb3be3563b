//! Watching the handbook's sources: `content/`, `themes/`, `templates/`, `i18n/` and `handbook.yaml`, through
//! the OS's change notifications (inotify, FSEvents, …) so an edit is seen at once rather than at
//! the next poll. Paths are sorted into Markdown pages (rebuilt alone), content files (images,
//! PDFs) and everything else (a whole rebuild); editors' temporary files are ignored.

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// Folders of a handbook whose files feed the build.
pub const WATCHED_FOLDERS: &[&str] = &["content", "themes", "templates", "i18n"];

/// What a changed path is to the build.
#[derive(Debug, PartialEq, Eq)]
pub enum Touched {
    /// A Markdown file, by its path relative to `content/`.
    Page(String),
    /// A file of `content/` other than Markdown (an image, a PDF), by its path relative to
    /// `content/`: the whole site is rebuilt (pages may show its size) and pages using it reload.
    ContentFile(String),
    /// Configuration, templates or theme files: the whole site is rebuilt.
    Other,
    /// A watched folder appeared at the root and must be watched too.
    NewFolder(PathBuf),
}

/// Starts watching `root` (already canonical); each batch of changed paths goes to `tx`.
pub fn start(root: &Path, tx: Sender<Vec<PathBuf>>) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        let relevant = is_relevant(&event.kind);
        if relevant && !event.paths.is_empty() {
            let _ = tx.send(event.paths);
        }
    })?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for folder in WATCHED_FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(watcher)
}

/// Whether an event can mean new content. On Linux a write ends with "closed after writing", so
/// the writes and the creation before it are skipped: one save, one rebuild, and never a rebuild
/// of a half-written file. Elsewhere every change counts.
fn is_relevant(kind: &EventKind) -> bool {
    if cfg!(target_os = "linux") {
        matches!(
            kind,
            EventKind::Create(CreateKind::Folder)
                | EventKind::Modify(ModifyKind::Name(_))
                | EventKind::Remove(_)
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        )
    } else {
        matches!(kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
    }
}

/// Sorts a changed path; `None` for paths the build does not read.
pub fn classify(root: &Path, path: &Path) -> Option<Touched> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    if parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    match parts.as_slice() {
        [file] if file == crate::config::FILE_NAME => Some(Touched::Other),
        [folder] if WATCHED_FOLDERS.contains(&folder.as_str()) => Some(Touched::NewFolder(path.to_path_buf())),
        _ if is_temporary(name) => None,
        [folder, rest @ ..] if folder == "content" && name.ends_with(".md") => Some(Touched::Page(rest.join("/"))),
        [folder, rest @ ..] if folder == "content" => Some(Touched::ContentFile(rest.join("/"))),
        [folder, ..] if WATCHED_FOLDERS.contains(&folder.as_str()) => Some(Touched::Other),
        _ => None,
    }
}

/// Backup, swap and probe files that editors and tools (vim's `4913`, sed's `sedXXXXXX`) write
/// beside the real one. Folders match too (no extension): their files bring their own events.
fn is_temporary(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with('#')
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap"]
            .iter()
            .any(|e| name.ends_with(e))
        || !name.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_changed_paths() {
        let root = Path::new("/h");
        let c = |p: &str| classify(root, Path::new(p));
        assert_eq!(c("/h/content/faq/wait.md"), Some(Touched::Page("faq/wait.md".into())));
        assert_eq!(
            c("/h/content/images/a.png"),
            Some(Touched::ContentFile("images/a.png".into()))
        );
        assert_eq!(c("/h/handbook.yaml"), Some(Touched::Other));
        assert_eq!(c("/h/templates/page.html"), Some(Touched::Other));
        assert_eq!(c("/h/i18n/fr.yaml"), Some(Touched::Other));
        assert_eq!(c("/h/templates"), Some(Touched::NewFolder("/h/templates".into())));
        assert_eq!(c("/h/content/faq/.wait.md.swp"), None);
        assert_eq!(c("/h/content/faq/wait.md~"), None);
        assert_eq!(c("/h/content/faq/4913"), None);
        assert_eq!(c("/h/content/faq/sedAb12cd"), None);
        assert_eq!(c("/h/site/index.html"), None);
        assert_eq!(c("/elsewhere/x.md"), None);
    }
}
