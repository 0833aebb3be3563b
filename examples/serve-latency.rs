//! Edit-to-reload latency of `handbook serve`: starts the server on a handbook, listens to its
//! event stream as an open page does, then edits one page N times and times, from each file
//! write, (1) the `change` event naming the page reaching it and (2) the page's new HTML fetched,
//! which is what a browser does on reload. Run on a release build:
//!
//! ```text
//! cargo build --release
//! cargo run --release --example serve-latency -- ROOT content/faq/f1.md 30 [PAUSE_MS=600]
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(page)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: serve-latency ROOT content/<section>/<page>.md [EDITS] [PAUSE_MS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20);
    // Pause between saves, so each edit's follow-up renders (section index…) are done, as between
    // an editor's saves.
    let pause = Duration::from_millis(args.get(4).and_then(|n| n.parse().ok()).unwrap_or(600));
    let exe = std::env::var("HANDBOOK").map(PathBuf::from).unwrap_or_else(|_| {
        let me = std::env::current_exe().unwrap();
        me.parent().unwrap().parent().unwrap().join("handbook")
    });
    let mut child = Command::new(&exe)
        .args(["serve", "--port", "0", "--root", root])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
    let stdout = child.stdout.take().unwrap();
    let child = KillOnDrop(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim_start_matches("serving http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let url = page_url(page);
    let started = Instant::now();
    while get(&addr, "/").0 == 503 {
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!(
        "first build served after {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mut events = subscribe(&addr);
    let path = PathBuf::from(root).join(page);
    let original = std::fs::read_to_string(&path).unwrap();
    let (mut to_event, mut to_html) = (Vec::new(), Vec::new());
    for n in 0..edits {
        let marker = format!("latency-marker-{n}");
        let text = format!("{original}\nEdited: {marker}.\n");
        let t0 = Instant::now();
        std::fs::write(&path, text).unwrap();
        // A save can reach the server as two bursts of file events (and so two reloads); the
        // one that counts is the first after which the new HTML is served.
        loop {
            wait_for(&mut events, "change", &url);
            let at_event = t0.elapsed();
            if get(&addr, &url).1.contains(&marker) {
                to_event.push(at_event);
                to_html.push(t0.elapsed());
                break;
            }
        }
        std::thread::sleep(pause);
    }
    std::fs::write(&path, original).unwrap();
    wait_for(&mut events, "change", &url);
    drop(child);
    report("write -> change event", &mut to_event);
    report("write -> new HTML fetched", &mut to_html);
}

/// The server is stopped however the harness ends, a failed assertion included.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `content/faq/x.md` -> `/faq/x.html` (top-level and section pages as the build names them).
fn page_url(page: &str) -> String {
    let rel = page.trim_start_matches("content/").trim_end_matches(".md");
    match rel.rsplit_once('/') {
        Some((section, "_index")) => format!("/{section}/index.html"),
        _ if rel == "_index" => "/index.html".into(),
        _ => format!("/{rel}.html"),
    }
}

fn get(addr: &str, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

fn subscribe(addr: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET /__handbook/events HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    BufReader::new(stream)
}

/// Waits for a `name` event whose data names `url` (or `*`: everything changed).
fn wait_for(events: &mut BufReader<TcpStream>, name: &str, url: &str) {
    let want = format!("event: {name}\n");
    let (quoted, all) = (format!("\"{url}\""), "data: \"*\"");
    let mut line = String::new();
    let mut in_event = false;
    loop {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "event stream closed");
        if line.starts_with("event: ") {
            in_event = line == want;
        } else if in_event && (line.contains(&quoted) || line.trim_end() == all) {
            return;
        } else if line.starts_with("data: {\"problems\"") {
            panic!("the server reported problems: {line}");
        }
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what:<28} median {:6.1} ms   p95 {:6.1} ms   max {:6.1} ms   (n={})",
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(times[times.len() - 1]),
        times.len()
    );
}
