//! `check --external` against a local test server started here (no internet): broken, slow and
//! unreachable links are warnings at the link; answers that worked are cached; the CLI flag runs it.

use handbook::check::external::{self, ExternalOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A tiny HTTP server: `/ok` 200, `/moved` 301 to `/ok`, `/gone` 404, `/slow` answers after 3 s.
/// Returns its origin and the request paths it has seen.
fn server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let log = log.clone();
            std::thread::spawn(move || {
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
                    _ => "404 Not Found\r\nContent-Length: 0\r\n\r\n".into(),
                };
                let _ = write!(stream, "HTTP/1.1 {head}");
            });
        }
    });
    (origin, seen)
}

fn handbook_with_links(root: &Path, origin: &str) {
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(root.join("content/_index.md"), "---\ntitle: Home\n---\nSee [the plan](articles/plan.md).\n").unwrap();
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
    let (origin, seen) = server();
    let tmp = tempfile::tempdir().unwrap();
    handbook_with_links(tmp.path(), &origin);
    let warnings = external::check(tmp.path(), false, &options(tmp.path()));
    let heads: Vec<String> = warnings
        .iter()
        .map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.col, d.message))
        .collect();
    assert_eq!(heads.len(), 3, "{heads:#?}");
    assert_eq!(heads[0], format!("content/articles/plan.md:7:5: external link answers 404 Not Found: {origin}/gone"));
    assert_eq!(heads[1], format!("content/articles/plan.md:8:1: external link did not answer within 0.7 s: {origin}/slow"));
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
    assert!(!first.contains(&"/draft-only".to_string()), "drafts are left out: {first:?}");
    assert_eq!(first.iter().filter(|p| *p == "/ok").count(), 2, "/ok and /moved's target: {first:?}");

    // Cached under .handbook-cache/, never in content/: the next run asks only about the failures.
    let cache = std::fs::read_to_string(tmp.path().join(".handbook-cache/external-links.json")).unwrap();
    assert!(cache.contains(&format!("{origin}/ok\"")) && !cache.contains("/gone"), "{cache}");
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
    let (origin, _seen) = server();
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
