//! The editor's workflow end to end: `new` -> `check` -> `build`, `init`, the lint fixtures
//! (tests/fixtures/lint-*, each with its exact `expected.txt`; `BLESS=1` re-blesses), `check
//! --format json`, and `serve`: pages, live reload, the problems overlay, recovery, refused paths.

use handbook::diagnostic::Diagnostic;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The day the lint fixtures are checked on, so their review warnings never age.
const TODAY: &str = "2026-12-06";

fn handbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn rendered(problems: &[Diagnostic]) -> String {
    problems.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
}

/// A new handbook from `init` in a temporary folder.
fn new_handbook() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hb");
    let out = handbook(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (tmp, root)
}

#[test]
fn lint_fixtures_report_exactly_their_expected_diagnostics() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("lint-"))
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "lint fixtures missing: {dirs:?}");
    for dir in dirs {
        let got = rendered(&handbook::check::check_on(&dir, false, TODAY));
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(got, expected, "{}", dir.display());
        assert!(!got.is_empty(), "{} reports nothing", dir.display());
    }
}

#[test]
fn a_link_to_a_draft_warns_when_drafts_are_built() {
    let got = rendered(&handbook::check::check_on(&fixture("lint-draft-link"), true, TODAY));
    assert_eq!(
        got,
        "content/articles/a.md:7:6: warning: links to a draft: articles/b.md is marked `draft: true`\n  |\n7 | Read [the draft](b.md) next.\n  |      ^ drafts are left out of a build without --drafts: publish it or remove the link\n"
    );
}

#[test]
fn new_then_check_then_build() {
    let (_tmp, root) = new_handbook();
    let r = root.to_str().unwrap();
    let out = handbook(&["new", "faq", "Can I text them on their birthday?", "--root", r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = text(&out.stdout).trim().to_string();
    assert!(
        path.ends_with("content/faq/can-i-text-them-on-their-birthday.md"),
        "{path}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("---\ntitle: \"Can I text them on their birthday?\"\nsummary: \"TODO:"),
        "{written}"
    );
    let again = handbook(&["new", "faq", "Can I text them on their birthday?", "--root", r]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists; not overwriting it"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    for kind in ["article", "case-study"] {
        assert!(handbook(&["new", kind, "A fresh look", "--root", r]).status.success());
    }
    let check = handbook(&["check", "--root", r]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let report = text(&check.stderr);
    assert!(
        report.contains("content/faq/can-i-text-them-on-their-birthday.md:3:1: warning: summary is a placeholder\n")
    );
    assert!(report.contains("content/case-studies/a-fresh-look.md:5:1: warning: outcome is a placeholder\n"));
    assert!(report.ends_with("check: 0 errors, 8 warnings\n"), "{report}");
    assert_eq!(
        handbook(&["check", "--root", r, "--deny-warnings"]).status.code(),
        Some(1)
    );
    let build = handbook(&["build", "--root", r]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(root.join("site/faq/can-i-text-them-on-their-birthday.html").is_file());
    assert!(root.join("site/articles/a-fresh-look.html").is_file());
}

#[test]
fn init_gives_a_handbook_that_builds_and_checks_clean() {
    let (_tmp, root) = new_handbook();
    for file in [
        "handbook.yaml",
        "EDITING.md",
        "content/get-help.md",
        "content/staying-safe.md",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    assert_eq!(rendered(&handbook::check::check(&root, false)), "");
    let build = handbook(&["build", "--root", root.to_str().unwrap()]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    for page in [
        "index.html",
        "articles/getting-started.html",
        "faq/how-long-does-it-take.html",
        "case-studies/a-fresh-start.html",
        "get-help.html",
        "staying-safe.html",
    ] {
        assert!(root.join("site").join(page).is_file(), "{page}");
    }
    let again = handbook(&["init", root.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn check_prints_json_for_tools() {
    let out = handbook(&[
        "check",
        "--root",
        fixture("lint-todo").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 2);
    let first = &report["diagnostics"][0];
    assert_eq!(first["path"], "content/articles/a.md");
    assert_eq!((first["line"].as_u64(), first["col"].as_u64()), (Some(7), Some(22)));
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["message"], "leftover \"TK\" marker");
    assert_eq!(first["hint"], "finish the text, then remove the marker");
    let errors = handbook(&[
        "check",
        "--root",
        fixture("lint-empty-checklist").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(errors.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&errors.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["severity"], "error");
}

#[test]
fn usage_and_io_problems_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let r = tmp.path().to_str().unwrap();
    let out = handbook(&["new", "article", "X", "--root", r]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("has no content/ folder"));
    assert_eq!(
        handbook(&["check", "--root", &format!("{r}/missing")]).status.code(),
        Some(2)
    );
    assert_eq!(handbook(&["new", "poem", "X", "--root", r]).status.code(), Some(2));
    assert_eq!(handbook(&["serve", "--root", r, "--port", "0"]).status.code(), Some(2));
}

/// A `handbook serve` child, stopped with Ctrl-C (SIGINT) when dropped if still running.
struct Serve {
    child: Child,
    addr: String,
}

impl Serve {
    fn start(root: &Path) -> Serve {
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

    /// Sends `target` exactly as given (no client-side normalisation); status, headers, body.
    fn get(&self, target: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = text(&response);
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head[9..12].parse().unwrap();
        (status, head.to_string(), body.to_string())
    }

    /// Waits (up to 10 s) for the site to be built.
    fn wait_ready(&self) {
        let start = Instant::now();
        while self.get("/").0 == 503 {
            assert!(start.elapsed() < Duration::from_secs(10), "site never built");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(stream, "GET /__handbook/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert_eq!(line, "HTTP/1.1 200 OK\r\n");
        while line != "\r\n" {
            line.clear();
            reader.read_line(&mut line).unwrap();
        }
        reader
    }

    fn stop(mut self) -> Output {
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

/// Waits for a `reload` event naming `url` (or `*`, a whole rebuild) after which `url` serves
/// `needle`. Reloads come in two steps (the edited pages, then the pages that show them), so an
/// event left from the previous edit may come first: it is skipped.
fn reloaded_with(events: &mut BufReader<TcpStream>, server: &Serve, url: &str, needle: &str) -> String {
    loop {
        let changed: serde_json::Value = serde_json::from_str(&next_event(events, "reload")).unwrap();
        let names = changed == "*" || changed.as_array().is_some_and(|urls| urls.iter().any(|u| u == url));
        if names {
            let (status, _, body) = server.get(url);
            if status == 200 && body.contains(needle) {
                return body;
            }
        }
    }
}

/// The 404 page a build of `root` writes.
fn handbook_404(root: &Path) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let built = handbook(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    std::fs::read(site.join("404.html")).unwrap()
}

/// The next event of `name` on the stream and its data (lines joined), skipping others.
fn next_event(events: &mut BufReader<TcpStream>, name: &str) -> String {
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
        } else if line.is_empty() && current == name {
            return data.join("\n");
        }
    }
}

#[test]
fn serve_previews_reloads_shows_problems_and_recovers() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();

    let (status, head, body) = server.get("/faq/how-long-does-it-take.html");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"), "{head}");
    assert!(body.contains("<script src=\"/__handbook/reload.js\" defer></script>"));
    assert!(body.contains("connect-src 'self'"));
    assert!(
        !std::fs::read_dir(&root)
            .unwrap()
            .any(|e| e.unwrap().file_name() == "site"),
        "serve wrote site/"
    );

    let (status, head, body) = server.get("/__handbook/reload.js");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/javascript; charset=utf-8"));
    assert!(body.contains("new EventSource(\"/__handbook/events\")"));
    let (status, head, _) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css; charset=utf-8"), "{head}");
    let (status, head, _) = server.get("/faq");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /faq/"));
    let (status, head, body) = server.get("/no-such-page.html");
    assert_eq!(status, 404);
    assert!(head.contains("text/html"));
    assert!(body.contains("/__handbook/reload.js"));
    let site_404 = String::from_utf8(handbook_404(&root)).unwrap();
    assert_eq!(
        body.replace("<script src=\"/__handbook/reload.js\" defer></script>\n", "")
            .replace("connect-src 'self'; ", ""),
        site_404,
        "the site's 404 page"
    );
    for bad in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "//etc/passwd",
        "http://evil/index.html",
    ] {
        let (status, _, body) = server.get(bad);
        assert_eq!(status, 400, "{bad}");
        assert!(!body.contains("[package]"), "{bad}");
    }

    let page = root.join("content/faq/how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let mut events = server.events();
    std::fs::write(
        &page,
        good.replace("There is no fixed timetable.", "Edited while serving."),
    )
    .unwrap();
    reloaded_with(
        &mut events,
        &server,
        "/faq/how-long-does-it-take.html",
        "Edited while serving.",
    );

    std::fs::write(&page, "---\ntitle: [unclosed\n---\n").unwrap();
    let problems = next_event(&mut events, "problems");
    let problems: Vec<String> = serde_json::from_str(&problems).unwrap();
    assert_eq!(
        problems,
        vec!["content/faq/how-long-does-it-take.md:2:8: error: \"title\" must be text, not a list\n  |\n2 | title: [unclosed\n  |        ^ text that starts with `[` or `{`, or contains `: `, must be in double quotes\n"]
    );
    let (status, _, body) = server.get("/faq/how-long-does-it-take.html");
    assert_eq!(status, 200);
    assert!(body.contains("Edited while serving."), "the last good page is served");
    let mut late = server.events();
    assert!(
        next_event(&mut late, "problems").contains("must be text, not a list"),
        "a page opened later sees the problems"
    );

    std::fs::write(&page, good.replace("There is no fixed timetable.", "Fixed.")).unwrap();
    reloaded_with(&mut events, &server, "/faq/how-long-does-it-take.html", "Fixed.");

    // A new page and a changed title take the slow path (link again); a deletion rebuilds all.
    let added = root.join("content/faq/a-new-question.md");
    std::fs::write(
        &added,
        "---\ntitle: A new question?\nsummary: A new answer.\n---\n\nBody.\n",
    )
    .unwrap();
    reloaded_with(&mut events, &server, "/faq/a-new-question.html", "A new question?");
    std::fs::write(
        &page,
        good.replace("title: How long does it take?", "title: How long, really?"),
    )
    .unwrap();
    reloaded_with(
        &mut events,
        &server,
        "/faq/how-long-does-it-take.html",
        "How long, really?",
    );
    let index = reloaded_with(&mut events, &server, "/faq/index.html", "How long, really?");
    assert!(index.contains("A new question?"), "the section index lists both");
    std::fs::remove_file(&added).unwrap();
    loop {
        if next_event(&mut events, "reload") == "\"*\"" {
            break;
        }
    }
    assert_eq!(server.get("/faq/a-new-question.html").0, 404);

    let out = server.stop();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(text(&out.stderr).ends_with("stopped\n"), "{}", text(&out.stderr));
}

#[test]
fn serve_serves_the_files_pages_use_and_reloads_when_one_changes() {
    let (_tmp, root) = new_handbook();
    std::fs::create_dir_all(root.join("content/files")).unwrap();
    std::fs::write(root.join("content/files/leaflet.pdf"), "%PDF first version").unwrap();
    std::fs::write(root.join("content/files/unused.pdf"), "%PDF nobody links here").unwrap();
    let home = root.join("content/_index.md");
    let text = std::fs::read_to_string(&home).unwrap();
    std::fs::write(&home, format!("{text}\nPrint [the leaflet](files/leaflet.pdf).\n")).unwrap();
    let server = Serve::start(&root);
    server.wait_ready();
    let (status, _, body) = server.get("/files/leaflet.pdf");
    assert_eq!((status, body.as_str()), (200, "%PDF first version"));
    assert_eq!(server.get("/files/unused.pdf").0, 404, "unused files are not published");
    let mut events = server.events();
    std::fs::write(root.join("content/files/leaflet.pdf"), "%PDF second version").unwrap();
    reloaded_with(&mut events, &server, "/files/leaflet.pdf", "second version");
}

#[test]
fn check_prints_warnings_beside_errors_and_build_counts_its_warnings() {
    let (_tmp, root) = new_handbook();
    let r = root.to_str().unwrap();
    let out = handbook(&["new", "article", "Second thoughts", "--root", r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = handbook(&["build", "--root", r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("warning: summary is a placeholder"), "{stderr}");
    assert!(stderr.contains(" warnings\n"), "{stderr}");
    let faq = root.join("content/faq/how-long-does-it-take.md");
    let broken = std::fs::read_to_string(&faq).unwrap().replacen("title:", "titel:", 1);
    std::fs::write(&faq, broken).unwrap();
    let out = handbook(&["check", "--root", r]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error: unknown front matter key \"titel\""), "{stderr}");
    assert!(
        stderr.contains("content/articles/second-thoughts.md:3:1: warning: summary is a placeholder"),
        "{stderr}"
    );
    assert!(!stderr.contains("missing page"), "{stderr}");
}

#[test]
fn report_lists_every_page_as_table_csv_and_json() {
    let (_tmp, root) = new_handbook();
    let r = root.to_str().unwrap();
    let out = handbook(&["report", "--root", r, "--format", "json", "--sort", "words"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 9, "{rows:?}");
    let words: Vec<u64> = rows.iter().map(|r| r["words"].as_u64().unwrap()).collect();
    assert!(words.windows(2).all(|w| w[0] >= w[1]), "{words:?}");
    let help = rows.iter().find(|r| r["source"] == "get-help.md").unwrap();
    assert_eq!(help["days_since_review"], 0);
    assert!(help["inbound"].as_u64().unwrap() >= 1, "{help}");
    let csv = text(&handbook(&["report", "--root", r, "--format", "csv"]).stdout);
    assert!(
        csv.starts_with("source,kind,title,words,minutes,grade,reviewed,days,in,out\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 10);
    // Everything was reviewed today, so nothing is stale.
    let stale = text(&handbook(&["report", "--root", r, "--stale", "30"]).stdout);
    assert_eq!(stale.lines().count(), 1, "{stale}");
}
