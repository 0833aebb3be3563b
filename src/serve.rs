//! `handbook serve`: a preview on 127.0.0.1 with live reload. Threads talk only by messages: the
//! hub owns the served files and the open event streams; the rebuilder owns the `Site` and
//! rebuilds what each edit touches; one short-lived thread serves each connection. The built
//! site lives in memory: nothing is written, least of all the handbook's `site/`.

mod http;
mod rebuild;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use http::Target;
use rebuild::{Live, Outcome};
use std::collections::{BTreeSet, HashMap};
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use http::{content_type, route};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 4000;
/// Ports tried after a taken one before giving up.
const PORT_TRIES: u16 = 50;
/// Quiet time that ends a burst of file events: an editor's save is often several writes.
const DEBOUNCE: Duration = Duration::from_millis(8);
/// Quiet time after an edit before the site-wide pages (tags, search, checklists) are refreshed.
const EXTRAS_AFTER: Duration = Duration::from_millis(300);
/// How often an idle event stream is written to, so closed pages are noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 asks the OS for any free port.
    pub port: u16,
    pub drafts: bool,
}

/// What the server reports as it runs; `main` prints these.
#[derive(Debug)]
pub enum Event {
    /// The whole site was built (at start, or after a template or configuration change).
    Built {
        pages: usize,
        elapsed: Duration,
    },
    /// An edit was rebuilt: `rendered` pages re-rendered; the edited pages were served after
    /// `edited`, every page after `elapsed` (both from the first file event).
    Rebuilt {
        rendered: usize,
        edited: Duration,
        elapsed: Duration,
    },
    /// The sources have errors; the last good pages stay served and the browser shows these.
    Failed(Vec<Diagnostic>),
    /// Changes can no longer be watched; the preview keeps serving what it has.
    WatchFailed(String),
    Stopped,
}

pub struct Server {
    pub addr: SocketAddr,
    /// The port asked for, when it was taken and another was used.
    pub port_taken: Option<u16>,
    pub events: Receiver<Event>,
    stopper: Stopper,
}

/// Stops a running server from another thread (e.g. on Ctrl-C).
#[derive(Clone)]
pub struct Stopper {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    hub: Sender<ToHub>,
    rebuilder: Sender<ToRebuilder>,
}

impl Stopper {
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = self.rebuilder.send(ToRebuilder::Stop);
        let _ = self.hub.send(ToHub::Stop);
        // Wakes the accepting thread so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

impl Server {
    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }
}

enum ToHub {
    Get {
        path: String,
        reply: Sender<Reply>,
    },
    Subscribe(Sender<(&'static str, String)>),
    Files {
        files: Vec<OutputFile>,
        full: bool,
        reload: bool,
    },
    Failed(String),
    Stop,
}

enum Reply {
    Found(Arc<Vec<u8>>),
    Missing(Option<Arc<Vec<u8>>>),
    /// No site yet: the first build is running, or failed.
    NoSite,
}

enum ToRebuilder {
    Paths(Vec<PathBuf>),
    Stop,
}

/// Binds the port, then builds and serves the handbook at `options.root` until stopped.
pub fn start(options: &ServeOptions) -> io::Result<Server> {
    let root = options.root.canonicalize()?;
    let (listener, port_taken) = bind(options.port)?;
    let addr = listener.local_addr()?;
    let (events_tx, events) = mpsc::channel();
    let (hub_tx, hub_rx) = mpsc::channel();
    let (rebuild_tx, rebuild_rx) = mpsc::channel();
    let stopping = Arc::new(AtomicBool::new(false));
    let watch_tx = rebuild_tx.clone();
    let (paths_tx, paths_rx) = mpsc::channel::<Vec<PathBuf>>();
    std::thread::spawn(move || {
        for paths in paths_rx {
            if watch_tx.send(ToRebuilder::Paths(paths)).is_err() {
                break;
            }
        }
    });
    let watcher = watch::start(&root, paths_tx);
    if let Err(e) = &watcher {
        let _ = events_tx.send(Event::WatchFailed(e.to_string()));
    }
    let rebuilder = Rebuilder {
        root,
        drafts: options.drafts,
        hub: hub_tx.clone(),
        events: events_tx.clone(),
        live: None,
        needs_full: true,
        watcher: watcher.ok(),
        extras: None,
    };
    std::thread::spawn(move || rebuilder.run(rebuild_rx));
    std::thread::spawn(move || hub(hub_rx, events_tx));
    let accept_hub = hub_tx.clone();
    let accept_stopping = stopping.clone();
    std::thread::spawn(move || accept(listener, accept_hub, accept_stopping));
    Ok(Server {
        addr,
        port_taken,
        events,
        stopper: Stopper {
            addr,
            stopping,
            hub: hub_tx,
            rebuilder: rebuild_tx,
        },
    })
}

/// Binds 127.0.0.1:`port`, or the next free port if it is taken.
fn bind(port: u16) -> io::Result<(TcpListener, Option<u16>)> {
    let mut last = None;
    for candidate in (0..PORT_TRIES).map_while(|i| port.checked_add(i)) {
        match TcpListener::bind(("127.0.0.1", candidate)) {
            Ok(listener) => return Ok((listener, (candidate != port).then_some(port))),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && port != 0 => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::AddrInUse, "no free port")))
}

fn accept(listener: TcpListener, hub: Sender<ToHub>, stopping: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let hub = hub.clone();
        std::thread::spawn(move || {
            let _ = connection(&stream, &hub);
        });
    }
}

/// Serves one request.
fn connection(stream: &TcpStream, hub: &Sender<ToHub>) -> io::Result<()> {
    let target = http::read_request(stream)?;
    let get = |path: String| -> Option<Reply> {
        let (reply, answer) = mpsc::channel();
        hub.send(ToHub::Get { path, reply }).ok()?;
        answer.recv().ok()
    };
    match target {
        Target::Script => http::respond(
            stream,
            "200 OK",
            &[("Content-Type", http::content_type("reload.js"))],
            include_bytes!("serve/reload.js"),
            false,
        ),
        Target::Events => events(stream, hub),
        Target::Refused => http::respond(
            stream,
            "400 Bad Request",
            &[("Content-Type", "text/plain")],
            b"refused\n",
            false,
        ),
        Target::MethodNotAllowed => http::respond(
            stream,
            "405 Method Not Allowed",
            &[("Allow", "GET, HEAD"), ("Content-Type", "text/plain")],
            b"GET or HEAD only\n",
            false,
        ),
        Target::Folder { location } => {
            let index = format!("{}index.html", location.trim_start_matches('/'));
            match get(index) {
                Some(Reply::Found(_)) => {
                    http::respond(stream, "301 Moved Permanently", &[("Location", &location)], b"", false)
                }
                reply => page(stream, "404", reply, false),
            }
        }
        Target::File { path, head } => page(stream, &path, get(path.clone()), head),
    }
}

/// Sends a site file (HTML with the reload script put in), the 404 page, or a placeholder page.
fn page(stream: &TcpStream, path: &str, reply: Option<Reply>, head: bool) -> io::Result<()> {
    let (status, path, bytes) = match reply {
        Some(Reply::Found(bytes)) => ("200 OK", path, bytes),
        Some(Reply::Missing(Some(page404))) => ("404 Not Found", "404.html", page404),
        Some(Reply::Missing(None)) => (
            "404 Not Found",
            "404.html",
            Arc::new(placeholder("Not found").into_bytes()),
        ),
        Some(Reply::NoSite) | None => (
            "503 Service Unavailable",
            "503.html",
            Arc::new(placeholder("The handbook is being built, or has problems").into_bytes()),
        ),
    };
    let content_type = http::content_type(path);
    if path.ends_with(".html") {
        http::respond(
            stream,
            status,
            &[("Content-Type", content_type)],
            &http::inject_reload(&bytes),
            head,
        )
    } else {
        http::respond(stream, status, &[("Content-Type", content_type)], &bytes, head)
    }
}

fn placeholder(title: &str) -> String {
    format!("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1></body></html>\n")
}

/// A server-sent events stream: `reload` after each good rebuild, `problems` after a bad one.
fn events(stream: &TcpStream, hub: &Sender<ToHub>) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    if hub.send(ToHub::Subscribe(tx)).is_err() {
        return Ok(());
    }
    http::start_events(stream)?;
    loop {
        match rx.recv_timeout(KEEPALIVE) {
            Ok((event, data)) => http::send_event(stream, event, &data)?,
            Err(RecvTimeoutError::Timeout) => http::send_event(stream, "ping", "")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// The one owner of the served files and the open event streams.
fn hub(rx: Receiver<ToHub>, events: Sender<Event>) {
    let mut files: HashMap<String, Arc<Vec<u8>>> = HashMap::new();
    let mut problems: Option<String> = None;
    let mut streams: Vec<Sender<(&'static str, String)>> = Vec::new();
    for message in rx {
        match message {
            ToHub::Get { path, reply } => {
                let answer = match files.get(&path) {
                    Some(bytes) => Reply::Found(bytes.clone()),
                    None if files.is_empty() => Reply::NoSite,
                    None => Reply::Missing(files.get("404.html").cloned()),
                };
                let _ = reply.send(answer);
            }
            ToHub::Subscribe(stream) => {
                if let Some(p) = &problems {
                    let _ = stream.send(("problems", p.clone()));
                }
                streams.push(stream);
            }
            ToHub::Files {
                files: new,
                full,
                reload,
            } => {
                if full {
                    files.clear();
                }
                // Which pages changed, so open pages that did not change stay as they are.
                let changed = if full {
                    "\"*\"".to_string()
                } else {
                    let urls: Vec<String> = new.iter().map(|f| format!("/{}", f.path)).collect();
                    serde_json::to_string(&urls).unwrap_or_default()
                };
                files.extend(new.into_iter().map(|f| (f.path, Arc::new(f.bytes))));
                if reload {
                    problems = None;
                    streams.retain(|s| s.send(("reload", changed.clone())).is_ok());
                }
            }
            ToHub::Failed(json) => {
                streams.retain(|s| s.send(("problems", json.clone())).is_ok());
                problems = Some(json);
            }
            ToHub::Stop => break,
        }
    }
    let _ = events.send(Event::Stopped);
}

/// The one owner of the `Site`: rebuilds after each burst of changes.
struct Rebuilder {
    root: PathBuf,
    drafts: bool,
    hub: Sender<ToHub>,
    events: Sender<Event>,
    live: Option<Live>,
    /// The last whole rebuild failed (or none has run): only a whole one can make the site good.
    needs_full: bool,
    watcher: Option<notify::RecommendedWatcher>,
    /// The thread rendering the site-wide pages, if one was started.
    extras: Option<std::thread::JoinHandle<()>>,
}

impl Rebuilder {
    fn run(mut self, rx: Receiver<ToRebuilder>) {
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
                Some(watch::Touched::Other) => other = true,
                None => {}
            }
        }
        if pages.is_empty() && !other {
            return false;
        }
        let outcome = match &mut self.live {
            Some(live) if !other && !self.needs_full => live.update(&pages),
            _ => None,
        };
        match outcome {
            None => {
                self.full(started);
                false
            }
            Some(Outcome::Failed(problems)) => {
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
        let mut rendered = 0;
        let mut in_place = started.elapsed();
        for (n, pages) in [edited, others].into_iter().enumerate() {
            match live.render(pages) {
                Ok(files) => {
                    rendered += files.len();
                    let _ = self.hub.send(ToHub::Files {
                        files,
                        full: false,
                        reload: true,
                    });
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

    fn full(&mut self, started: Instant) {
        match rebuild::full(&self.root, self.drafts) {
            Ok((live, files)) => {
                let pages = live.pages();
                self.live = Some(live);
                self.needs_full = false;
                let _ = self.hub.send(ToHub::Files {
                    files,
                    full: true,
                    reload: true,
                });
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

    /// Starts rendering the site-wide files on their own thread, so an edit meanwhile is not kept
    /// waiting; sent without a reload. False if the previous run is still going (try later).
    fn refresh_extras(&mut self) -> bool {
        if self.extras.as_ref().is_some_and(|t| !t.is_finished()) {
            return false;
        }
        let Some(live) = &self.live else { return true };
        let render = live.extras();
        let (hub, events) = (self.hub.clone(), self.events.clone());
        self.extras = Some(std::thread::spawn(move || match render() {
            Ok(files) => {
                let _ = hub.send(ToHub::Files {
                    files,
                    full: false,
                    reload: false,
                });
            }
            Err(problems) => {
                let _ = hub.send(ToHub::Failed(problems_json(&problems)));
                let _ = events.send(Event::Failed(problems));
            }
        }));
        true
    }

    fn failed(&self, problems: Vec<Diagnostic>) {
        let _ = self.hub.send(ToHub::Failed(problems_json(&problems)));
        let _ = self.events.send(Event::Failed(problems));
    }
}

/// The problems as the overlay shows them: each rendered as the terminal shows it.
fn problems_json(problems: &[Diagnostic]) -> String {
    let rendered: Vec<String> = problems.iter().map(Diagnostic::render).collect();
    serde_json::to_string(&rendered).unwrap_or_else(|_| "[]".into())
}

/// The site root a path is served from, for messages.
pub fn url(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// Whether `root` looks like a handbook (has `content/`).
pub fn is_handbook(root: &Path) -> bool {
    root.join("content").is_dir()
}
