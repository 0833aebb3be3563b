//! The preview's HTTP side, on hyper and tokio: a bounded number of connections, a cap on the
//! size of a request head and on the time to send it, answers decided by `decide`, and event
//! streams that end when their page goes.

use super::decide::{decide, Decision, RequestHead};
use super::http;
use super::state::{Found, State};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Empty, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, ETAG, HOST, IF_NONE_MATCH, LOCATION};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{mpsc, watch, Semaphore};

/// Connections served at once; more wait to be accepted. A browser opens about six.
pub const MAX_CONNECTIONS: usize = 128;
/// The largest request head read (hyper answers 431 past it); hyper's floor is 8 KiB.
pub const MAX_HEAD: usize = 16 * 1024;
/// Time allowed to send a request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How often every event stream is written to, so a stream whose page has gone ends.
const KEEPALIVE: Duration = Duration::from_secs(10);

type Reply = Response<BoxBody<Bytes, Infallible>>;

/// What every connection shares.
pub struct Shared {
    pub state: Mutex<State>,
    pub port: u16,
}

impl Shared {
    pub fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the maps half-updated in a way that
        // matters more than stopping the preview would.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Accepts and serves connections until `stop` turns true.
pub async fn run(listener: std::net::TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let Ok(listener) = listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    else {
        return;
    };
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let ping_shared = shared.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(KEEPALIVE);
        loop {
            every.tick().await;
            ping_shared.state().ping();
        }
    });
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = stop.changed() => return,
        };
        let Ok(slot) = slot else { return };
        let tcp = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
        };
        let Ok((tcp, _)) = tcp else {
            // Out of file descriptors, say: wait rather than spin; the server stays up.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let service = hyper::service::service_fn(move |request| {
                let reply = answer(&shared, &request);
                async move { Ok::<_, Infallible>(reply) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(tcp), service)
                .await;
        });
    }
}

/// The answer to one request.
fn answer(shared: &Shared, request: &Request<Incoming>) -> Reply {
    let target = request.uri().path_and_query().map_or("", |p| p.as_str());
    // hyper accepts absolute-form targets; only origin-form ones name a file here.
    let target = if request.uri().scheme().is_some() { "" } else { target };
    let head = RequestHead {
        method: request.method().as_str(),
        target,
        host: request.headers().get(HOST).map(HeaderValue::as_bytes),
    };
    match decide(&head, shared.port) {
        Decision::WrongHost => text(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview answers only to localhost, 127.0.0.1 and [::1] with its port\n",
        ),
        Decision::MethodNotAllowed => {
            let mut reply = text(StatusCode::METHOD_NOT_ALLOWED, "GET or HEAD only\n");
            reply
                .headers_mut()
                .insert("Allow", HeaderValue::from_static("GET, HEAD"));
            reply
        }
        Decision::Refused => text(StatusCode::BAD_REQUEST, "refused\n"),
        Decision::Script { head } => body(
            StatusCode::OK,
            "reload.js",
            include_bytes!("reload.js").as_slice().into(),
            head,
        ),
        Decision::Events { since } => events(shared.state().subscribe(since)),
        Decision::Folder { location } => {
            let index = format!("{}index.html", location.trim_start_matches('/'));
            let found = shared.state().find(&index);
            match found {
                Found::File(_) | Found::Moved(_) => redirect(StatusCode::MOVED_PERMANENTLY, &location),
                _ => file(shared, &index, false),
            }
        }
        Decision::File { path, head } => {
            let reply = file(shared, &path, head);
            revalidated(reply, request.headers().get(IF_NONE_MATCH))
        }
    }
}

/// Site files other than pages carry a validator, so a page that reloads asks again for its
/// stylesheet, scripts and search index and gets "304 Not Modified" for those that did not
/// change, instead of their bytes (`no-cache`: always asked again, never used stale).
fn validated(mut reply: Reply, bytes: &[u8]) -> Reply {
    let tag = format!("\"{:016x}\"", fingerprint(bytes));
    let headers = reply.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(ETAG, value);
    }
    reply
}

/// "304 Not Modified" (no body) for a 200 whose validator the browser already holds.
fn revalidated(reply: Reply, if_none_match: Option<&HeaderValue>) -> Reply {
    let (Some(tag), Some(held)) = (reply.headers().get(ETAG), if_none_match) else {
        return reply;
    };
    let held = held.to_str().unwrap_or("");
    let matches = held.split(',').any(|h| {
        let h = h.trim();
        h == "*" || h.trim_start_matches("W/") == tag.to_str().unwrap_or("-")
    });
    if reply.status() != StatusCode::OK || !matches {
        return reply;
    }
    let (mut parts, _) = reply.into_parts();
    parts.status = StatusCode::NOT_MODIFIED;
    parts.headers.remove(hyper::header::CONTENT_LENGTH);
    Response::from_parts(parts, Empty::new().boxed())
}

/// A content hash for validators: FNV-1a, fast and stable across runs of the preview.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A site file (HTML with the reload script put in), a redirect to where a renamed page went, or
/// the 404, deleted and placeholder pages.
fn file(shared: &Shared, path: &str, head: bool) -> Reply {
    let (found, generation, has_site, strings) = {
        let state = shared.state();
        (state.find(path), state.generation(), state.has_site(), state.strings())
    };
    let page = |status, bytes: &[u8]| {
        let served = http::inject_reload(bytes, generation, &strings.serve_json());
        body(status, "page.html", served.into(), head)
    };
    let word = |key: &str| strings.word(key).to_string();
    match found {
        Found::File(bytes) if path.ends_with(".html") => page(StatusCode::OK, &bytes),
        Found::File(bytes) => validated(body(StatusCode::OK, path, bytes.clone(), head), &bytes),
        Found::Moved(to) => redirect(StatusCode::TEMPORARY_REDIRECT, &format!("/{to}")),
        Found::Deleted(source) => page(
            StatusCode::NOT_FOUND,
            http::placeholder(
                &strings,
                &word("serve_deleted"),
                &word("serve_deleted_text").replace("{source}", &format!("content/{source}")),
            )
            .as_bytes(),
        ),
        // A content file no page uses is missing too: `build` would not publish it.
        Found::Missing(Some(page404)) => page(StatusCode::NOT_FOUND, &http::root_relative(&page404)),
        Found::Missing(None) => page(
            StatusCode::NOT_FOUND,
            http::placeholder(&strings, &word("not_found"), &word("not_found_lede")).as_bytes(),
        ),
        Found::NoSite => {
            let why = if has_site {
                String::new()
            } else {
                word("serve_never_built")
            };
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                http::placeholder(&strings, &word("serve_building"), &why).as_bytes(),
            )
        }
    }
}

fn body(status: StatusCode, name: &str, bytes: Bytes, head: bool) -> Reply {
    let length = bytes.len();
    let content: BoxBody<Bytes, Infallible> = if head {
        Empty::new().boxed()
    } else {
        Full::new(bytes).boxed()
    };
    let mut reply = Response::new(content);
    *reply.status_mut() = status;
    let headers = reply.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(http::content_type(name)));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("X-Content-Type-Options", HeaderValue::from_static("nosniff"));
    if head {
        headers.insert(hyper::header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    reply
}

fn text(status: StatusCode, message: &'static str) -> Reply {
    body(status, "message.txt", Bytes::from_static(message.as_bytes()), false)
}

fn redirect(status: StatusCode, location: &str) -> Reply {
    let mut reply = body(status, "redirect.txt", Bytes::new(), false);
    if let Ok(value) = HeaderValue::from_str(location) {
        reply.headers_mut().insert(LOCATION, value);
    }
    reply
}

/// A server-sent events stream; it ends when its page goes (the next write fails and the state
/// drops its sender) or the server stops.
fn events(rx: mpsc::Receiver<Bytes>) -> Reply {
    let mut reply = Response::new(EventStream(rx).boxed());
    let headers = reply.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    reply
}

struct EventStream(mpsc::Receiver<Bytes>);

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|event| event.map(|bytes| Ok(Frame::data(bytes))))
    }
}
