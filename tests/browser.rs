//! Runs the real-browser suite (tests/browser/*.test.mjs: node's test runner driving headless
//! Chromium through playwright-core, axe-core audits) on the fixture site and the real handbook,
//! both built here into temp folders. Without Chromium or tests/browser/node_modules the test is
//! skipped loudly, or fails under `CI=true`.

use handbook::BuildOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than the whole suite takes on a loaded machine; a hung browser must not hang `cargo test`.
const SUITE_DEADLINE: Duration = Duration::from_secs(15 * 60);
/// Playwright 1.5x needs node 20.
const NODE_MAJOR: u32 = 20;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM_PATH").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// What the suite needs and this machine lacks, each with how to get it.
fn missing_tools() -> Vec<String> {
    let mut missing = Vec::new();
    let node = Command::new("node").arg("--version").output();
    let major = node.ok().filter(|o| o.status.success()).and_then(|o| {
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .trim_start_matches('v')
            .split('.')
            .next()?
            .parse::<u32>()
            .ok()
    });
    match major {
        None => missing.push(format!(
            "node {NODE_MAJOR} or later on PATH (apt-get install nodejs npm)"
        )),
        Some(m) if m < NODE_MAJOR => missing.push(format!("node {NODE_MAJOR} or later (found node {m})")),
        Some(_) => {}
    }
    if !chromium().is_file() {
        missing.push(format!(
            "Chromium at {} (apt-get install chromium, or set CHROMIUM_PATH)",
            chromium().display()
        ));
    }
    let modules = repo().join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "tests/browser/node_modules/{package} (npm ci --prefix tests/browser)"
            ));
        }
    }
    missing
}

fn build(root: &Path, out: &Path) -> PathBuf {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        drafts: false,
    };
    if let Err(e) = handbook::build(&options) {
        panic!("building {} for the browser tests failed: {e:?}", root.display());
    }
    out.to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(from).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn test_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/browser"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    files
}

/// Runs node until it exits or the deadline passes; returns its success and its output.
fn run_node(command: &mut Command) -> (bool, String) {
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(log.reopen().unwrap())
        .stderr(log.reopen().unwrap())
        .spawn()
        .expect("node starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > SUITE_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut output = std::fs::read_to_string(log.path()).unwrap_or_default();
    if status.is_none() {
        output.push_str(&format!("\nKILLED: the browser suite ran past {SUITE_DEADLINE:?}\n"));
    }
    (status.is_some_and(|s| s.success()), output)
}

#[test]
fn browser_suite() {
    let missing = missing_tools();
    if !missing.is_empty() {
        let message = format!("the browser tests need: {}", missing.join("; "));
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message}");
        }
        // Straight to the stderr handle: libtest captures `eprintln!` of passing tests.
        let _ = writeln!(
            std::io::stderr(),
            "\nSKIPPED: browser tests (tests/browser/) did not run: {message}\n"
        );
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let fixture_root = repo().join("tests/fixtures/browser-site");
    let fixture = build(&fixture_root, &temp.path().join("fixture"));
    let reordered_root = temp.path().join("reordered-src");
    copy_dir(&fixture_root, &reordered_root);
    copy_dir(&fixture_root.join("variants"), &reordered_root.join("content"));
    let reordered = build(&reordered_root, &temp.path().join("reordered"));
    let book = build(&repo().join("tests/fixtures/sites/book"), &temp.path().join("book"));
    let paged = build(&repo().join("tests/fixtures/sites/paged"), &temp.path().join("paged"));
    let real = repo()
        .join("content")
        .is_dir()
        .then(|| build(repo(), &temp.path().join("real")));

    let (ok, output) = run_node(
        Command::new("node")
            .arg("--test")
            .arg("--test-reporter=spec")
            // One test may not hang the rest; two files at a time halve the wall time on two cores.
            .arg("--test-timeout=180000")
            .arg("--test-concurrency=2")
            .args(test_files())
            .current_dir(repo())
            .env("HANDBOOK_SITE_FIXTURE", &fixture)
            .env("HANDBOOK_SITE_FIXTURE_REORDERED", &reordered)
            .env("HANDBOOK_SITE_BOOK", &book)
            .env("HANDBOOK_SITE_PAGED", &paged)
            .env("HANDBOOK_SITE_REAL", real.as_deref().unwrap_or(Path::new("")))
            .env("CHROMIUM_PATH", chromium())
            .env("HANDBOOK_BIN", env!("CARGO_BIN_EXE_handbook")),
    );
    println!("{output}");
    // node's closing counts, shown even when the test passes and libtest hides the report.
    let counts: Vec<&str> = output
        .lines()
        .filter_map(|l| l.strip_prefix("ℹ "))
        .filter(|l| {
            ["tests ", "pass ", "fail ", "skipped ", "duration_ms "]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .collect();
    let _ = writeln!(std::io::stderr(), "browser suite (node --test): {}", counts.join(", "));
    assert!(ok, "the browser suite failed (node's report above)");
}
