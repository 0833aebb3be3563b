//! `check --external` against a local test server started here (no internet): broken, slow and
//! unreachable links are warnings at the link; answers that worked are cached; the CLI flag runs it.

use handbook::check::external::{self, ExternalOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Requests being answered now, and the most there have been at once.
type InFlight = Arc<Mutex<(usize, usize)>>;

/// A tiny HTTP server: `/ok` 200, `/moved` 301 to `/ok`, `/gone` 404, `/slow` answers after 3 s,
/// `/hold/…` after 200 ms. Returns its origin, the request paths it has seen and its `InFlight`.
fn server() -> (String, Arc<Mutex<Vec<String>>>, InFlight) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let in_flight = InFlight::default();
    let counter = in_flight.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (log, counter) = (log.clone(), counter.clone());
            std::thread::spawn(move || {
                if let Ok(mut n) = counter.lock() {
                    n.0 += 1;
                    n.1 = n.1.max(n.0);
                }
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap();
                let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                log.lock().unwrap().push(path.clone());
                let head = match path.as_str() {
                    "/ok" => "200 OK\r\nContent-Length: 2\r\n\r\nok".to_string(),
                    "/moved" => "301 Moved Permanently\r\nLocation: /ok\r\nContent-Length: 0\r\n\r\n".into(),
                    "/slow" => {
                        std::thread::sleep(Duration::from_secs(3));
                        "200 OK\r\nContent-Length: 0\r\n\r\n".into()
                    }
                    hold if hold.starts_with("/hold/") => {
                        std::thread::sleep(Duration::from_millis(200));
                        "200 OK\r\nContent-Length: 0\r\n\r\n".into()
                    }
                    _ => "404 Not Found\r\nContent-Length: 0\r\n\r\n".into(),
                };
                // Counted out before answering: once the answer is sent the client may ask its
                // next address, which must not find this one still counted.
                if let Ok(mut n) = counter.lock() {
                    n.0 -= 1;
                }
                // This server closes every connection, and says so: a client that pooled it
                // would send its next request into a closed socket and never reach us.
                let head = head.replacen("\r\n", "\r\nConnection: close\r\n", 1);
                let _ = write!(stream, "HTTP/1.1 {head}");
            });
        }
    });
    (origin, seen, in_flight)
}

fn handbook_with_links(root: &Path, origin: &str) {
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: Home\n---\nSee [the plan](articles/plan.md).\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/articles/plan.md"),
        format!(
            "---\ntitle: Plan\nsummary: A plan.\n---\nRead [this]({origin}/ok#part) and [that]({origin}/moved).\n\nNot [this]({origin}/gone), nor\n[slow]({origin}/slow), nor [closed](http://127.0.0.1:9/x).\n"
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("content/articles/later.md"),
        format!("---\ntitle: Later\nsummary: A draft.\ndraft: true\n---\n[draft link]({origin}/draft-only)\n"),
    )
    .unwrap();
}

fn options(root: &Path) -> ExternalOptions {
    ExternalOptions {
        timeout: Duration::from_millis(700),
        concurrency: 3,
        ..ExternalOptions::for_root(root)
    }
}

#[test]
fn broken_links_are_warnings_at_the_link_and_good_answers_are_cached() {
    let (origin, seen, _) = server();
    let tmp = tempfile::tempdir().unwrap();
    handbook_with_links(tmp.path(), &origin);
    let warnings = external::check(tmp.path(), false, &options(tmp.path()));
    let heads: Vec<String> = warnings
        .iter()
        .map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.col, d.message))
        .collect();
    assert_eq!(heads.len(), 3, "{heads:#?}");
    assert_eq!(
        heads[0],
        format!("content/articles/plan.md:7:5: external link answers 404 Not Found: {origin}/gone")
    );
    assert_eq!(
        heads[1],
        format!("content/articles/plan.md:8:1: external link did not answer within 0.7 s: {origin}/slow")
    );
    let closed_col = format!("[slow]({origin}/slow), nor [closed]").len() - "[closed]".len() + 1;
    assert!(
        heads[2].starts_with(&format!(
            "content/articles/plan.md:8:{closed_col}: external link could not be reached ("
        )),
        "{}",
        heads[2]
    );
    assert!(warnings.iter().all(|d| !d.is_error()));
    let first: Vec<String> = seen.lock().unwrap().clone();
    assert!(
        !first.contains(&"/draft-only".to_string()),
        "drafts are left out: {first:?}"
    );
    assert_eq!(
        first.iter().filter(|p| *p == "/ok").count(),
        2,
        "/ok and /moved's target: {first:?}"
    );

    // Cached under .handbook-cache/, never in content/: the next run asks only about the failures.
    let cache = std::fs::read_to_string(tmp.path().join(".handbook-cache/external-links.json")).unwrap();
    assert!(
        cache.contains(&format!("{origin}/ok\"")) && !cache.contains("/gone"),
        "{cache}"
    );
    seen.lock().unwrap().clear();
    let again = external::check(tmp.path(), false, &options(tmp.path()));
    assert_eq!(again.len(), 3);
    let mut second = seen.lock().unwrap().clone();
    second.sort();
    assert_eq!(second, ["/gone", "/slow"]);
    let drafts = external::check(tmp.path(), true, &options(tmp.path()));
    assert_eq!(drafts.len(), 4, "with --drafts the draft's link is checked too");
}

#[test]
fn the_cli_flag_prints_the_warnings_and_keeps_exit_code_zero() {
    let (origin, _, _) = server();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::write(
        tmp.path().join("content/_index.md"),
        format!("---\ntitle: Home\nsummary: Home.\nreviewed: 2026-01-01\n---\nOne [good]({origin}/ok) and one [bad]({origin}/gone) link.\n"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(args)
            .arg("--root")
            .arg(tmp.path())
            .output()
            .unwrap()
    };
    let plain = run(&["check"]);
    assert!(!String::from_utf8_lossy(&plain.stderr).contains("external link"));
    let out = run(&["check", "--external"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let col = format!("One [good]({origin}/ok) and one ").len() + 1;
    assert!(
        stderr.contains(&format!(
            "content/_index.md:6:{col}: warning: external link answers 404 Not Found: {origin}/gone"
        )),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(run(&["check", "--external", "--deny-warnings"]).status.code(), Some(1));
}

#[test]
fn no_more_addresses_are_asked_at_once_than_allowed() {
    let (origin, seen, in_flight) = server();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    let body: String = (0..12).map(|i| format!("[l{i}]({origin}/hold/{i})\n\n")).collect();
    std::fs::write(
        tmp.path().join("content/_index.md"),
        format!("---\ntitle: Home\n---\n{body}"),
    )
    .unwrap();
    // A busy machine may take longer than the usual 700 ms to answer a 200 ms hold.
    let opts = ExternalOptions {
        concurrency: 3,
        cache: None,
        timeout: Duration::from_secs(10),
        ..options(tmp.path())
    };
    let warnings = external::check(tmp.path(), false, &opts);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(seen.lock().unwrap().len(), 12);
    let most = in_flight.lock().unwrap().1;
    assert!((2..=3).contains(&most), "{most} at once");
}

#[test]
fn bare_addresses_and_links_inside_widgets_are_checked_at_their_place() {
    let (origin, seen, _) = server();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    let host = origin.trim_start_matches("http://");
    let body = format!(
        "See {origin}/bare-gone. And <{origin}/angle-gone>, not `{origin}/code-span`.\n\
         \n\
         ```checklist\n\
         id: ready\n\
         title: Ready\n\
         items:\n\
         \x20 - Read [the leaflet]({origin}/item-gone) first\n\
         \x20 - Then {origin}/ok and {origin}/item-bare-gone\n\
         ```\n\
         \n\
         ```timeline\n\
         - when: Later\n\
         \x20 title: Step\n\
         \x20 body: |\n\
         \x20   Ask [here]({origin}/body-gone).\n\
         ```\n\
         \n\
         ```\n\
         {origin}/plain-code-block\n\
         ```\n\
         \n\
         [Inside {host}/not-asked]({origin}/moved)\n"
    );
    std::fs::write(
        tmp.path().join("content/_index.md"),
        format!("---\ntitle: Home\n---\n{body}"),
    )
    .unwrap();
    let opts = ExternalOptions {
        cache: None,
        ..options(tmp.path())
    };
    let heads: Vec<String> = external::check(tmp.path(), false, &opts)
        .iter()
        .map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.col, d.message))
        .collect();
    let at = |line: usize, before: &str, path: &str| {
        format!(
            "content/_index.md:{line}:{}: external link answers 404 Not Found: {origin}{path}",
            before.chars().count() + 1
        )
    };
    assert_eq!(
        heads,
        [
            at(4, "See ", "/bare-gone"),
            at(4, &format!("See {origin}/bare-gone. And "), "/angle-gone"),
            at(10, "  - Read ", "/item-gone"),
            at(11, &format!("  - Then {origin}/ok and "), "/item-bare-gone"),
            at(18, "    Ask ", "/body-gone"),
        ]
    );
    let mut asked = seen.lock().unwrap().clone();
    asked.sort();
    assert_eq!(
        asked,
        [
            "/angle-gone",
            "/bare-gone",
            "/body-gone",
            "/item-bare-gone",
            "/item-gone",
            "/moved",
            "/ok",
            "/ok"
        ],
        "code and link text are not asked about"
    );
}
