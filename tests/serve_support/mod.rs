//! A `handbook serve` child process and a small raw HTTP client for the serve tests: requests
//! are sent exactly as written (no client-side normalisation), event streams read as events.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn handbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .output()
        .unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new handbook from `init` in a temporary folder.
pub fn new_handbook() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hb");
    let out = handbook(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (tmp, root)
}

/// A `handbook serve` child, killed when dropped if still running.
pub struct Serve {
    pub child: Child,
    pub addr: String,
}

impl Serve {
    pub fn start(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .strip_prefix("serving http://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        Serve { child, addr }
    }

    /// Sends `target` with this server's own Host; status, head, body.
    pub fn get(&self, target: &str) -> (u16, String, String) {
        self.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    /// Sends `raw` as it is and reads the answer until the server closes.
    pub fn request(&self, raw: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = text(&response);
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    /// Waits (up to 20 s) for the site to be built.
    pub fn wait_ready(&self) {
        let start = Instant::now();
        while self.get("/").0 == 503 {
            assert!(start.elapsed() < Duration::from_secs(20), "site never built");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The generation a page was served at (from its reload script tag).
    pub fn generation_of(&self, target: &str) -> u64 {
        let (_, _, body) = self.get(target);
        let at = body.find("data-generation=\"").expect("no reload script") + 17;
        body[at..].split('"').next().unwrap().parse().unwrap()
    }

    /// An event stream, as a page served at generation `since` opens it. HTTP/1.0 so the body is
    /// not chunked and reads as plain lines.
    pub fn events(&self, since: Option<u64>) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        let query = since.map(|g| format!("?since={g}")).unwrap_or_default();
        write!(
            stream,
            "GET /__handbook/events{query} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(
            line.starts_with("HTTP/1.0 200 OK") || line.starts_with("HTTP/1.1 200 OK"),
            "{line}"
        );
        while line != "\r\n" {
            line.clear();
            reader.read_line(&mut line).unwrap();
        }
        reader
    }

    /// Stops the server with Ctrl-C (SIGINT) and waits for it.
    pub fn stop(mut self) -> Output {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        let child = std::mem::replace(&mut self.child, Command::new("true").spawn().unwrap());
        child.wait_with_output().unwrap()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The next event of `name` on the stream and its data (lines joined), skipping others.
pub fn next_event(events: &mut BufReader<TcpStream>, name: &str) -> String {
    let mut current = String::new();
    let mut data = Vec::new();
    loop {
        let mut line = String::new();
        assert!(events.read_line(&mut line).unwrap() > 0, "stream closed");
        let line = line.trim_end_matches('\n');
        if let Some(event) = line.strip_prefix("event: ") {
            current = event.to_string();
            data.clear();
        } else if let Some(d) = line.strip_prefix("data: ") {
            data.push(d.to_string());
        } else if line.is_empty() {
            if current == name {
                return data.join("\n");
            }
            current.clear();
        }
    }
}

/// Waits for a `change` event naming `url` after which `url` serves `needle`. An event left from
/// an earlier edit may come first: it is skipped.
pub fn changed_to(events: &mut BufReader<TcpStream>, server: &Serve, url: &str, needle: &str) -> String {
    loop {
        let change: serde_json::Value = serde_json::from_str(&next_event(events, "change")).unwrap();
        if change["changed"].as_array().unwrap().iter().any(|u| u == url) {
            let (status, _, body) = server.get(url);
            if status == 200 && body.contains(needle) {
                return body;
            }
        }
    }
}

/// The next `change` event's changed paths.
pub fn next_change(events: &mut BufReader<TcpStream>) -> Vec<String> {
    let change: serde_json::Value = serde_json::from_str(&next_event(events, "change")).unwrap();
    change["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}
