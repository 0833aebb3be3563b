//! The preview's HTTP/1.1, just enough of it: GET and HEAD, one request per connection, request
//! paths checked so nothing outside the built site can be named, content types, and the reload
//! script put into served HTML pages (never into the built site).

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Where served pages load the reload script from; outside any path the build writes.
pub const RELOAD_SCRIPT: &str = "/__handbook/reload.js";
/// The server-sent events stream that tells pages to reload or show problems.
pub const EVENTS: &str = "/__handbook/events";
/// Request heads larger than this are refused.
const MAX_HEAD: usize = 16 * 1024;

/// What a client asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path relative to the site root (`index.html`, `faq/x.html`).
    File {
        path: String,
        head: bool,
    },
    /// A folder asked for without its trailing slash: redirect so relative links resolve.
    Folder {
        location: String,
    },
    Script,
    Events,
    /// A path that tries to leave the site, or is not a path at all.
    Refused,
    MethodNotAllowed,
}

/// Reads the request head from `stream` and decides what it asks for.
pub fn read_request(stream: &TcpStream) -> io::Result<Target> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut total = request_line.len();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        total += line.len();
        if total > MAX_HEAD {
            return Ok(Target::Refused);
        }
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(Target::Refused);
    };
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Ok(Target::MethodNotAllowed),
    };
    Ok(route(target, head))
}

/// Maps a request target to what it names. Only `/`-rooted paths whose decoded segments are plain
/// names are served: `..`, `.`, encoded slashes or backslashes, NUL and absolute-form targets are
/// refused before anything is looked up.
pub fn route(target: &str, head: bool) -> Target {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') || raw.starts_with("//") {
        return Target::Refused;
    }
    match raw {
        RELOAD_SCRIPT => return Target::Script,
        EVENTS => return Target::Events,
        _ => {}
    }
    let mut segments = Vec::new();
    for segment in raw[1..].split('/') {
        let Some(name) = percent_decode(segment) else {
            return Target::Refused;
        };
        if name == "." || name == ".." || name.contains(['/', '\\', '\0']) || name.contains(':') {
            return Target::Refused;
        }
        segments.push(name);
    }
    let last_empty = segments.last().is_some_and(|s| s.is_empty());
    if segments[..segments.len() - 1].iter().any(String::is_empty) {
        return Target::Refused;
    }
    let mut path = segments.join("/");
    if last_empty {
        path.push_str("index.html");
    } else if !segments.last().is_some_and(|s| s.contains('.')) {
        return Target::Folder {
            location: format!("{raw}/"),
        };
    }
    Target::File { path, head }
}

/// `%XX` decoding; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// A served copy of an HTML page: the reload script before `</body>`, and `connect-src 'self'`
/// in its Content-Security-Policy so the script may open the event stream.
pub fn inject_reload(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let tag = format!("<script src=\"{RELOAD_SCRIPT}\" defer></script>");
    let mut out = match text.rfind("</body>") {
        Some(at) => format!("{}{tag}\n{}", &text[..at], &text[at..]),
        None => format!("{text}{tag}\n"),
    };
    let csp = "http-equiv=\"Content-Security-Policy\" content=\"";
    if let Some(at) = out.find(csp) {
        let start = at + csp.len();
        let end = out[start..].find('"').map_or(out.len(), |e| start + e);
        if !out[start..end].contains("connect-src") {
            out.insert_str(start, "connect-src 'self'; ");
        }
    }
    out.into_bytes()
}

/// Writes a whole response and closes the exchange.
pub fn respond(
    mut stream: &TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head: bool,
) -> io::Result<()> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");
    stream.write_all(out.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Starts a server-sent events stream; events follow with `send_event`.
pub fn start_events(mut stream: &TcpStream) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()
}

/// One server-sent event; `data` may span lines.
pub fn send_event(mut stream: &TcpStream, event: &str, data: &str) -> io::Result<()> {
    let mut out = format!("event: {event}\n");
    for line in data.lines() {
        out.push_str(&format!("data: {line}\n"));
    }
    out.push('\n');
    stream.write_all(out.as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Target {
        Target::File {
            path: path.into(),
            head: false,
        }
    }

    #[test]
    fn routes_site_paths() {
        assert_eq!(route("/", false), file("index.html"));
        assert_eq!(route("/faq/wait.html?x=1#a", false), file("faq/wait.html"));
        assert_eq!(route("/faq/", false), file("faq/index.html"));
        assert_eq!(route("/case%20studies/a.html", false), file("case studies/a.html"));
        assert_eq!(
            route("/faq", false),
            Target::Folder {
                location: "/faq/".into()
            }
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/",
            "/..%2fCargo.toml",
            "/a/..%5c..%5cCargo.toml",
            "//etc/passwd",
            "http://127.0.0.1/index.html",
            "/C:/Windows",
            "/a/./b.html",
            "/a//b.html",
            "/%zz",
            "/%00.html",
        ] {
            assert_eq!(route(bad, false), Target::Refused, "{bad}");
        }
    }

    #[test]
    fn injects_script_and_connect_src() {
        let html = br#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'"><body>x</body>"#;
        let out = String::from_utf8(inject_reload(html)).unwrap();
        assert_eq!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'self'; default-src 'self'\"><body>x<script src=\"/__handbook/reload.js\" defer></script>\n</body>"
        );
    }

    #[test]
    fn knows_content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("assets/y.svg"), "image/svg+xml");
        assert_eq!(content_type("z"), "application/octet-stream");
    }
}
