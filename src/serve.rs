//! `handbook serve`: a preview on 127.0.0.1 with live reload. The rebuilder thread owns the `Site`
//! and rebuilds what each edit touches; the HTTP side (hyper on a small tokio runtime, its own
//! thread) answers from the shared state the rebuilder publishes to. The built site lives in
//! memory: nothing is written, least of all the handbook's `site/`.

mod decide;
mod editions;
mod http;
mod rebuild;
mod rebuilder;
mod server;
mod state;
mod watch;

use crate::diagnostic::Diagnostic;
use rebuilder::{Rebuilder, ToRebuilder};
use server::Shared;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use decide::{decide, Decision, RequestHead};
pub use http::content_type;
pub use server::{MAX_CONNECTIONS, MAX_HEAD};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 4000;
/// Ports tried after a taken default one before giving up.
const PORT_TRIES: u16 = 50;

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// `None`: the default port, or the next free one. `Some(0)`: any free port. `Some(n)`:
    /// exactly `n`, and an error if it is taken.
    pub port: Option<u16>,
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
    /// The sources have errors; the last good pages (if any) stay served and the browser shows these.
    Failed(Vec<Diagnostic>),
    /// Changes can no longer be watched; the preview keeps serving what it has.
    WatchFailed(String),
    Stopped,
}

pub struct Server {
    pub addr: SocketAddr,
    /// The default port, when it was taken and another was used.
    pub port_taken: Option<u16>,
    pub events: Receiver<Event>,
    stopper: Stopper,
}

/// Stops a running server from another thread (e.g. on Ctrl-C).
#[derive(Clone)]
pub struct Stopper {
    stop: Arc<tokio::sync::watch::Sender<bool>>,
    rebuilder: Sender<ToRebuilder>,
}

impl Stopper {
    pub fn stop(&self) {
        let _ = self.rebuilder.send(ToRebuilder::Stop);
        let _ = self.stop.send(true);
    }
}

impl Server {
    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }
}

/// Binds the port, then builds and serves the handbook at `options.root` until stopped.
pub fn start(options: &ServeOptions) -> io::Result<Server> {
    let root = options.root.canonicalize()?;
    let (listener, port_taken) = bind(options.port)?;
    let addr = listener.local_addr()?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let (events_tx, events) = mpsc::channel();
    let (rebuild_tx, rebuild_rx) = mpsc::channel();
    let shared = Arc::new(Shared {
        state: Mutex::new(state::State::default()),
        port: addr.port(),
    });
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
        shared: shared.clone(),
        events: events_tx.clone(),
        live: None,
        needs_full: true,
        watcher: watcher.ok(),
        extras: None,
    };
    std::thread::spawn(move || rebuilder.run(rebuild_rx));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    std::thread::spawn(move || {
        runtime.block_on(server::run(listener, shared, stop_rx));
        // Open connections (event streams above all) end with the runtime.
        runtime.shutdown_background();
        let _ = events_tx.send(Event::Stopped);
    });
    Ok(Server {
        addr,
        port_taken,
        events,
        stopper: Stopper {
            stop: Arc::new(stop_tx),
            rebuilder: rebuild_tx,
        },
    })
}

/// Binds 127.0.0.1 on the port asked for; with none asked for, on the default port or the next
/// free one after it.
fn bind(port: Option<u16>) -> io::Result<(TcpListener, Option<u16>)> {
    if let Some(port) = port {
        return TcpListener::bind(("127.0.0.1", port)).map(|l| (l, None));
    }
    let mut last = None;
    for candidate in (0..PORT_TRIES).map_while(|i| DEFAULT_PORT.checked_add(i)) {
        match TcpListener::bind(("127.0.0.1", candidate)) {
            Ok(listener) => return Ok((listener, (candidate != DEFAULT_PORT).then_some(DEFAULT_PORT))),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::AddrInUse, "no free port")))
}

/// The site root a path is served from, for messages.
pub fn url(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// Whether `root` looks like a handbook (has `content/`).
pub fn is_handbook(root: &Path) -> bool {
    root.join("content").is_dir()
}
