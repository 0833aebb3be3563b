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

/// `node --test` on `files`, `concurrency` files at a time, with the built sites in its environment.
fn node_test(files: &[PathBuf], concurrency: u32, sites: &[(&str, PathBuf)]) -> Command {
    let mut command = Command::new("node");
    command
        .arg("--test")
        .arg("--test-reporter=spec")
        // One test may not hang the rest.
        .arg("--test-timeout=180000")
        .arg(format!("--test-concurrency={concurrency}"))
        .args(files)
        .current_dir(repo())
        .envs(sites.iter().map(|(k, v)| (k, v)))
        .env("CHROMIUM_PATH", chromium())
        .env("HANDBOOK_BIN", env!("CARGO_BIN_EXE_handbook"));
    command
}

/// The test files of node's "failing tests" list when every failure there is a hang (a timeout,
/// a cancellation, harness.mjs's BROWSER HANG) rather than a failed check; otherwise `None`.
fn hung_files(output: &str) -> Option<Vec<PathBuf>> {
    let (_, failing) = output.split_once("✖ failing tests:")?;
    let mut files = Vec::new();
    for block in failing.split("\ntest at ").skip(1) {
        let location = block.lines().next()?;
        let file = location.split(".mjs:").next()?;
        let hang = ["timed out after", "was cancelled", "BROWSER HANG:"]
            .iter()
            .any(|marker| block.contains(marker));
        if !hang {
            return None;
        }
        let file = PathBuf::from(format!("{file}.mjs"));
        if !files.contains(&file) {
            files.push(file);
        }
    }
    (!files.is_empty()).then_some(files)
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

    let sites = [
        ("HANDBOOK_SITE_FIXTURE", fixture),
        ("HANDBOOK_SITE_FIXTURE_REORDERED", reordered),
        ("HANDBOOK_SITE_BOOK", book),
        ("HANDBOOK_SITE_PAGED", paged),
        ("HANDBOOK_SITE_REAL", real.unwrap_or_default()),
    ];
    // Two files at a time halve the wall time on two cores.
    let (mut ok, mut output) = run_node(&mut node_test(&test_files(), 2, &sites));
    if let Some(files) = hung_files(&output).filter(|_| !ok) {
        // Chromium itself sometimes stops answering on a loaded machine; a file that failed only
        // that way runs once more, alone. Any failed check is never run again.
        let (rerun_ok, rerun_output) = run_node(&mut node_test(&files, 1, &sites));
        output.push_str(&format!(
            "\nRERUN, alone, of the files where Chromium hung (not a failed check): {}\n{rerun_output}",
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        ok = rerun_ok;
    }
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

#[test]
fn only_files_that_hung_run_again() {
    let report = |blocks: &[&str]| format!("ℹ fail 1\n\n✖ failing tests:\n\n{}", blocks.join("\n\n"));
    let timeout = |file: &str| {
        format!(
            "test at tests/browser/{file}:1:1\n✖ /x/tests/browser/{file} (180113ms)\n  'test timed out after 180000ms'"
        )
    };
    let hang = "test at tests/browser/b.test.mjs:12:3\n✖ opens (30001ms)\n  BrowserHang: BROWSER HANG: Chromium did not open a page within 30 s";
    let failed = "test at tests/browser/a.test.mjs:3:1\n✖ fails (3ms)\n  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:";

    let files = |v: &[&str]| Some(v.iter().map(PathBuf::from).collect::<Vec<_>>());
    assert_eq!(
        hung_files(&report(&[&timeout("polish.test.mjs")])),
        files(&["tests/browser/polish.test.mjs"])
    );
    assert_eq!(
        hung_files(&report(&[hang, &timeout("b.test.mjs"), &timeout("c.test.mjs")])),
        files(&["tests/browser/b.test.mjs", "tests/browser/c.test.mjs"])
    );
    // A failed check anywhere means no second run at all.
    assert_eq!(hung_files(&report(&[failed, &timeout("a.test.mjs")])), None);
    assert_eq!(hung_files(&report(&[&timeout("b.test.mjs"), failed])), None);
    assert_eq!(hung_files("ℹ fail 0\n"), None);
    assert_eq!(hung_files(&report(&[])), None);
}
