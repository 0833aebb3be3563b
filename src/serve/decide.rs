//! What the preview answers to a request head, as a pure function: the Host check against DNS
//! rebinding, the methods served, and request paths checked so nothing outside the built site can
//! be named. The HTTP stack (hyper) parses; this decides. Unit tests and the fuzz harness drive it.

/// The parts of a request head the preview looks at.
#[derive(Clone, Debug, Default)]
pub struct RequestHead<'a> {
    pub method: &'a str,
    /// The request target as sent: origin-form (`/faq/x.html?q`) or anything else.
    pub target: &'a str,
    /// The `Host` header's bytes, if one was sent.
    pub host: Option<&'a [u8]>,
}

/// Where served pages load the reload script from; outside any path the build writes.
pub const RELOAD_SCRIPT: &str = "/__handbook/reload.js";
/// The server-sent events stream that tells pages what changed and what is wrong.
pub const EVENTS: &str = "/__handbook/events";

/// What to answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// A file of the site, by its path relative to the site root (`index.html`, `faq/x.html`).
    File {
        path: String,
        head: bool,
    },
    /// A folder asked for without its trailing slash: redirect so relative links resolve.
    Folder {
        location: String,
    },
    Script {
        head: bool,
    },
    /// The event stream; `since` is the generation of the page that opens it, if it said.
    Events {
        since: Option<u64>,
    },
    /// A path that tries to leave the site, or is not a path at all: 400.
    Refused,
    /// A `Host` that is not this preview (DNS rebinding, or a proxy): 421.
    WrongHost,
    MethodNotAllowed,
}

/// Decides what the request `head` sent to the preview on `port` asks for.
pub fn decide(head: &RequestHead, port: u16) -> Decision {
    if !head.host.is_some_and(|h| host_allowed(h, port)) {
        return Decision::WrongHost;
    }
    let is_head = match head.method {
        "GET" => false,
        "HEAD" => true,
        _ => return Decision::MethodNotAllowed,
    };
    let (path, query) = match head.target.split_once('?') {
        Some((path, query)) => (path, query),
        None => (head.target, ""),
    };
    let path = path.split('#').next().unwrap_or("");
    match path {
        RELOAD_SCRIPT => return Decision::Script { head: is_head },
        EVENTS if !is_head => {
            let since = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("since="))
                .and_then(|n| n.parse().ok());
            return Decision::Events { since };
        }
        _ => {}
    }
    route(path, is_head)
}

/// Only the names this preview is reached by, with its port: a page on another site that
/// rebinds its own name to 127.0.0.1 still sends its own name, and is refused.
fn host_allowed(host: &[u8], port: u16) -> bool {
    let Ok(host) = std::str::from_utf8(host) else {
        return false;
    };
    let host = host.trim();
    let (name, given) = match host.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (host, None),
    };
    let port_ok = given == Some(port) || (given.is_none() && !host.ends_with(':') && port == 80);
    port_ok && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]")
}

/// Maps a request path to what it names. Only `/`-rooted paths whose decoded segments are plain
/// names are served: `..`, `.`, encoded slashes or backslashes, NUL and absolute-form targets are
/// refused before anything is looked up.
fn route(raw: &str, head: bool) -> Decision {
    if !raw.starts_with('/') || raw.starts_with("//") {
        return Decision::Refused;
    }
    let mut segments = Vec::new();
    for segment in raw[1..].split('/') {
        let Some(name) = percent_decode(segment) else {
            return Decision::Refused;
        };
        if name == "." || name == ".." || name.contains(['/', '\\', '\0', ':']) {
            return Decision::Refused;
        }
        segments.push(name);
    }
    let last_empty = segments.last().is_some_and(|s| s.is_empty());
    if segments[..segments.len() - 1].iter().any(String::is_empty) {
        return Decision::Refused;
    }
    let mut path = segments.join("/");
    if last_empty {
        path.push_str("index.html");
    } else if !segments.last().is_some_and(|s| s.contains('.')) {
        return Decision::Folder {
            location: format!("{raw}/"),
        };
    }
    Decision::File { path, head }
}

/// `%XX` decoding; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: u16 = 4000;

    fn get(target: &str) -> Decision {
        let head = RequestHead {
            method: "GET",
            target,
            host: Some(b"127.0.0.1:4000"),
        };
        decide(&head, PORT)
    }

    fn file(path: &str) -> Decision {
        Decision::File {
            path: path.into(),
            head: false,
        }
    }

    #[test]
    fn routes_site_paths() {
        assert_eq!(get("/"), file("index.html"));
        assert_eq!(get("/faq/wait.html?x=1#a"), file("faq/wait.html"));
        assert_eq!(get("/faq/"), file("faq/index.html"));
        assert_eq!(get("/case%20studies/a.html"), file("case studies/a.html"));
        assert_eq!(
            get("/faq"),
            Decision::Folder {
                location: "/faq/".into()
            }
        );
        assert_eq!(get(RELOAD_SCRIPT), Decision::Script { head: false });
        assert_eq!(get("/__handbook/events"), Decision::Events { since: None });
        assert_eq!(get("/__handbook/events?since=12"), Decision::Events { since: Some(12) });
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
            "*",
            "",
            "/C:/Windows",
            "/a/./b.html",
            "/a//b.html",
            "/%zz",
            "/%+1.html",
            "/%00.html",
        ] {
            assert_eq!(get(bad), Decision::Refused, "{bad}");
        }
    }

    #[test]
    fn only_this_preview_host_is_answered() {
        let with = |host: Option<&'static [u8]>| {
            decide(
                &RequestHead {
                    method: "GET",
                    target: "/",
                    host,
                },
                PORT,
            )
        };
        for good in [
            &b"127.0.0.1:4000"[..],
            b"localhost:4000",
            b"LocalHost:4000",
            b"[::1]:4000",
        ] {
            assert_eq!(
                with(Some(good)),
                file("index.html"),
                "{}",
                String::from_utf8_lossy(good)
            );
        }
        for bad in [
            None,
            Some(&b"evil.example:4000"[..]),
            Some(b"127.0.0.1"),
            Some(b"127.0.0.1:4001"),
            Some(b"localhost.evil.example:4000"),
            Some(b"127.0.0.1:4000:4000"),
            Some(b"[::1]"),
            Some(b"\xff:4000"),
            Some(b""),
        ] {
            assert_eq!(with(bad), Decision::WrongHost, "{bad:?}");
        }
        let port80 = RequestHead {
            method: "GET",
            target: "/",
            host: Some(b"localhost"),
        };
        assert_eq!(decide(&port80, 80), file("index.html"));
    }

    #[test]
    fn serves_get_and_head_only() {
        let head = |method| RequestHead {
            method,
            target: "/",
            host: Some(b"localhost:4000"),
        };
        assert_eq!(
            decide(&head("HEAD"), PORT),
            Decision::File {
                path: "index.html".into(),
                head: true
            }
        );
        for method in ["POST", "PUT", "DELETE", "get", "CONNECT"] {
            assert_eq!(decide(&head(method), PORT), Decision::MethodNotAllowed, "{method}");
        }
    }
}
