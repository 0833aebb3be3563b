//! `handbook serve` over HTTP: pages with the reload script, refused paths and hosts, limits,
//! change events, problems and recovery, renamed and deleted pages, content files, stylesheet
//! changes, never-stale rebuilds and an exact `--port`.

mod common;

mod serve_support;

use serve_support::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn serve_previews_reloads_shows_problems_and_recovers() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();

    let (status, head, body) = server.get("/faq/how-long-does-it-take.html");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(body.contains("<script src=\"/__handbook/reload.js\" data-generation=\""));
    assert!(body.contains("connect-src 'self'"));
    assert!(!root.join("site").exists(), "serve wrote site/");
    let (status, head, body) = server.get("/__handbook/reload.js");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/javascript; charset=utf-8"));
    assert!(body.contains("new EventSource(\"/__handbook/events?since=\""));
    let (status, head, _) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css; charset=utf-8"), "{head}");
    let (status, head, _) = server.get("/faq");
    assert_eq!(status, 301);
    assert!(head.contains("location: /faq/"));
    for bad in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "//etc/passwd",
    ] {
        let (status, _, body) = server.get(bad);
        assert_eq!(status, 400, "{bad}");
        assert!(!body.contains("[package]"), "{bad}");
    }

    let page = root.join("content/faq/how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let mut events = server.events(Some(server.generation_of("/")));
    std::fs::write(
        &page,
        good.replace("There is no fixed timetable.", "Edited while serving."),
    )
    .unwrap();
    changed_to(
        &mut events,
        &server,
        "/faq/how-long-does-it-take.html",
        "Edited while serving.",
    );

    std::fs::write(&page, "---\ntitle: [unclosed\n---\n").unwrap();
    let problems: serde_json::Value = serde_json::from_str(&next_event(&mut events, "problems")).unwrap();
    assert_eq!(problems["served"], true);
    assert!(problems["problems"][0]
        .as_str()
        .unwrap()
        .starts_with("content/faq/how-long-does-it-take.md:2:8: error:"));
    let (status, _, body) = server.get("/faq/how-long-does-it-take.html");
    assert_eq!(status, 200);
    assert!(body.contains("Edited while serving."), "the last good page is served");
    let mut late = server.events(None);
    assert!(
        next_event(&mut late, "problems").contains("content/faq/how-long-does-it-take.md:2:8: error:"),
        "a page opened later sees the problems"
    );

    std::fs::write(&page, good.replace("There is no fixed timetable.", "Fixed.")).unwrap();
    changed_to(&mut events, &server, "/faq/how-long-does-it-take.html", "Fixed.");
    let added = root.join("content/faq/a-new-question.md");
    std::fs::write(
        &added,
        "---\ntitle: A new question?\nsummary: A new answer.\n---\n\nBody.\n",
    )
    .unwrap();
    changed_to(&mut events, &server, "/faq/a-new-question.html", "A new question?");
    let index = changed_to(&mut events, &server, "/faq/index.html", "A new question?");
    assert!(index.contains("How long does it take?"), "the section index lists both");

    let out = server.stop();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(text(&out.stderr).ends_with("stopped\n"), "{}", text(&out.stderr));
}

#[test]
fn only_this_preview_is_answered_and_heads_are_bounded() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in ["evil.example", "evil.example:80", "127.0.0.1", "localhost.evil.example"] {
        let raw = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(server.request(&raw).0, 421, "{host}");
    }
    assert_eq!(server.request("GET / HTTP/1.0\r\n\r\n").0, 421, "no Host");
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        let raw = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(server.request(&raw).0, 200, "{host}");
    }
    let raw = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        server.addr
    );
    let (status, head, _) = server.request(&raw);
    assert_eq!(status, 405);
    assert!(head.contains("allow: GET, HEAD"));

    // A 1 MB request line is cut off at the head limit, not read whole.
    let long = format!("GET /{} HTTP/1.1\r\nHost: {}\r\n\r\n", "a".repeat(1 << 20), server.addr);
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = stream.write_all(long.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    assert!(
        text(&answer).starts_with("HTTP/1.1 431") || answer.is_empty(),
        "{}",
        text(&answer[..answer.len().min(200)])
    );

    // Event streams opened and dropped by the thousand leave the server answering.
    for _ in 0..1000 {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        let _ = write!(s, "GET /__handbook/events HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
    }
    // More connections than the server takes at once, held open: it still answers after they go.
    let held: Vec<TcpStream> = (0..handbook::serve::MAX_CONNECTIONS + 50)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    drop(held);
    let start = Instant::now();
    assert_eq!(server.get("/").0, 200);
    assert!(start.elapsed() < Duration::from_secs(8), "{:?}", start.elapsed());
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap_or_default();
    let threads: usize = status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .map_or(0, |n| n.trim().parse().unwrap());
    assert!(threads < 30, "{threads} threads");
}

#[test]
fn renamed_pages_redirect_deleted_pages_say_so_and_content_files_are_served() {
    let (_tmp, root) = new_handbook();
    let faq = root.join("content/faq");
    // A page no other page links to, so renaming it breaks no link.
    std::fs::write(
        faq.join("lonely.md"),
        "---\ntitle: A lonely question?\nsummary: Yes.\n---\n\nBody.\n",
    )
    .unwrap();
    std::fs::write(root.join("content/faq/picture.png"), b"\x89PNG first").unwrap();
    // Served because a page shows it, as the build publishes it.
    std::fs::write(
        faq.join("pictured.md"),
        "---\ntitle: A pictured question?\nsummary: Yes.\n---\n\n![A picture](picture.png)\n",
    )
    .unwrap();
    let server = Serve::start(&root);
    server.wait_ready();
    let (status, head, body) = server.get("/faq/picture.png");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: image/png"), "{head}");
    assert_eq!(body, "\u{fffd}PNG first");
    let mut events = server.events(Some(server.generation_of("/")));
    std::fs::write(root.join("content/faq/picture.png"), b"\x89PNG second").unwrap();
    while !next_change(&mut events).contains(&"/faq/picture.png".to_string()) {}
    assert!(server.get("/faq/picture.png").2.ends_with("second"));

    std::fs::rename(faq.join("lonely.md"), faq.join("how-long.md")).unwrap();
    while server.get("/faq/how-long.html").0 != 200 {
        next_change(&mut events);
    }
    let (status, head, _) = server.get("/faq/lonely.html");
    assert_eq!(status, 307);
    assert!(head.contains("location: /faq/how-long.html"), "{head}");
    std::fs::remove_file(faq.join("how-long.md")).unwrap();
    while !next_change(&mut events).contains(&"/faq/how-long.html".to_string()) {}
    let (status, _, body) = server.get("/faq/how-long.html");
    assert_eq!(status, 404);
    assert!(body.contains("This page was deleted"), "{body}");
    assert!(body.contains("content/faq/how-long.md"), "{body}");
    assert!(
        body.contains("/__handbook/reload.js"),
        "the message page keeps listening"
    );

    // A page added by an incremental rebuild, then deleted, says so too.
    std::fs::write(
        faq.join("fresh.md"),
        "---\ntitle: A fresh question?\nsummary: Yes.\n---\n\nBody.\n",
    )
    .unwrap();
    while server.get("/faq/fresh.html").0 != 200 {
        next_change(&mut events);
    }
    std::fs::remove_file(faq.join("fresh.md")).unwrap();
    while !next_change(&mut events).contains(&"/faq/fresh.html".to_string()) {}
    let (status, _, body) = server.get("/faq/fresh.html");
    assert_eq!(status, 404);
    assert!(body.contains("This page was deleted"), "{body}");
    assert!(body.contains("content/faq/fresh.md"), "{body}");
}

#[test]
fn the_404_page_links_from_the_root_at_any_depth() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();
    for target in ["/nope.html", "/a/nope.html", "/a/b/c/nope.html"] {
        let (status, _, body) = server.get(target);
        assert_eq!(status, 404, "{target}");
        // Self-contained (styles and script inline, allowed by hash), so no depth can break it.
        assert!(body.contains("<style>"), "{target}: {body}");
        assert!(body.contains("Exit this page"), "{target}");
        assert!(
            !body.contains("href=\"assets/") && !body.contains("src=\"assets/"),
            "{target}"
        );
    }
}

#[test]
fn a_stylesheet_change_names_only_the_stylesheet() {
    let (_tmp, root) = new_handbook();
    let theme = root.join("themes/mine/static");
    std::fs::create_dir_all(&theme).unwrap();
    let css = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/style.css")).unwrap();
    std::fs::write(theme.join("style.css"), &css).unwrap();
    let config = root.join("handbook.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{yaml}theme: themes/mine\n")).unwrap();
    let server = Serve::start(&root);
    server.wait_ready();
    let mut events = server.events(Some(server.generation_of("/")));
    let mut edited = css.clone();
    edited.extend_from_slice(b"\nbody { outline: 1px solid red; }\n");
    std::fs::write(theme.join("style.css"), &edited).unwrap();
    // The 404 page carries the stylesheet inline, so it changes too; no other page does.
    assert_eq!(
        next_change(&mut events),
        vec!["/404.html".to_string(), "/assets/style.css".to_string()]
    );
}

#[test]
fn the_preview_ends_on_the_last_of_fifty_quick_saves() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();
    let page = root.join("content/faq/how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    for n in 0..50 {
        std::fs::write(
            &page,
            good.replace("There is no fixed timetable.", &format!("Save number {n}.")),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(20 + (n * 7) % 41));
    }
    let saved = Instant::now();
    loop {
        if server
            .get("/faq/how-long-does-it-take.html")
            .2
            .contains("Save number 49.")
        {
            break;
        }
        assert!(
            saved.elapsed() < Duration::from_secs(1),
            "still not the last save after 1 s"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_broken_handbook_at_start_claims_no_last_good_version() {
    let (_tmp, root) = new_handbook();
    std::fs::write(
        root.join("content/faq/how-long-does-it-take.md"),
        "---\ntitle: [x\n---\n",
    )
    .unwrap();
    let server = Serve::start(&root);
    let mut events = server.events(None);
    let problems: serde_json::Value = serde_json::from_str(&next_event(&mut events, "problems")).unwrap();
    assert_eq!(problems["served"], false);
    let (status, _, body) = server.get("/");
    assert_eq!(status, 503);
    assert!(
        body.contains("No version of the handbook could be built yet."),
        "{body}"
    );
}

#[test]
fn an_explicit_port_that_is_taken_is_an_error() {
    let (_tmp, root) = new_handbook();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = handbook(&["serve", "--root", root.to_str().unwrap(), "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("cannot serve on 127.0.0.1:{port}")), "{err}");
    assert!(err.contains("--port"), "{err}");
}

/// The warnings of the site as it is now, from the stream: the newest `warnings` event after
/// which none follows within a second.
fn settled_warnings(events: &mut std::io::BufReader<TcpStream>) -> serde_json::Value {
    use std::io::BufRead;
    let mut last = next_event(events, "warnings");
    events.get_ref().set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let (mut current, mut line) = (String::new(), String::new());
    // Reading times out once the stream has been quiet (but for pings) for a second.
    while events.read_line(&mut line).is_ok_and(|n| n > 0) {
        let l = line.trim_end_matches('\n');
        if let Some(event) = l.strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = l.strip_prefix("data: ") {
            if current == "warnings" {
                last = data.to_string();
            }
        }
        line.clear();
    }
    events.get_ref().set_read_timeout(None).unwrap();
    serde_json::from_str(&last).unwrap()
}

#[test]
fn serve_tells_warnings_and_counts_them_beside_errors() {
    let (_tmp, root) = new_handbook();
    let page = root.join("content/faq/how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let marked = good.replace(
        "There is no fixed timetable.",
        "There is no fixed timetable. TODO check.",
    );
    assert_ne!(marked, good);
    std::fs::write(&page, &marked).unwrap();
    let server = Serve::start(&root);
    server.wait_ready();
    let mut events = server.events(None);
    let first = settled_warnings(&mut events);
    let list = first["warnings"].as_array().unwrap();
    assert_eq!(first["count"].as_u64().unwrap() as usize, list.len());
    let is_marker = |w: &serde_json::Value| {
        let w = w.as_str().unwrap();
        w.starts_with("content/faq/how-long-does-it-take.md:") && w.contains("warning: leftover \"TODO\" marker")
    };
    assert_eq!(list.iter().filter(|w| is_marker(w)).count(), 1, "{list:?}");

    // Fixed: once the edit settles, the warning is gone from the list and the count.
    std::fs::write(&page, &good).unwrap();
    let fixed = settled_warnings(&mut events);
    assert_eq!(fixed["count"].as_u64().unwrap() as usize, list.len() - 1, "{fixed}");
    assert!(!fixed["warnings"].as_array().unwrap().iter().any(is_marker));

    // Broken beside a warning: the problems event counts errors and warnings apart.
    std::fs::write(&page, marked.replacen("title:", "title: [unclosed\nsummary2:", 1)).unwrap();
    let problems: serde_json::Value = serde_json::from_str(&next_event(&mut events, "problems")).unwrap();
    let errors = problems["errors"].as_u64().unwrap();
    let warnings = problems["warnings"].as_u64().unwrap();
    assert!(errors >= 1, "{problems}");
    assert_eq!(errors + warnings, problems["problems"].as_array().unwrap().len() as u64);
}

#[test]
fn aliases_added_while_serving_redirect_and_collisions_are_problems() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();
    let page = root.join("content/faq/how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let mut events = server.events(Some(server.generation_of("/")));
    // A missing event fails the test instead of hanging it.
    events
        .get_ref()
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    std::fs::write(
        &page,
        good.replacen("---\n", "---\naliases: [faq/old-question.html]\n", 1),
    )
    .unwrap();
    let redirect = changed_to(&mut events, &server, "/faq/old-question.html", "has moved");
    assert!(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../faq/how-long-does-it-take.html\">"));

    // An alias that is another page's address is a problem, not a redirect over that page.
    std::fs::write(
        &page,
        good.replacen("---\n", "---\naliases: [articles/getting-started.html]\n", 1),
    )
    .unwrap();
    let problems = next_event(&mut events, "problems");
    let said = "alias \\\"articles/getting-started.html\\\" is the address of content/articles/getting-started.md";
    assert!(problems.contains(said), "{problems}");
    let (status, _, other) = server.get("/articles/getting-started.html");
    assert_eq!(status, 200);
    assert!(!other.contains("has moved"), "the other page is still served");
}

/// Every language is previewed: the French pages are served under fr/ with the French title
/// and the switcher, and an edit under content/fr/ reloads the French page.
#[test]
fn serve_previews_every_language_and_reloads_a_translation() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/multilingual");
    common::copy_sources(&fixture, tmp.path());
    // The handbook's own interface strings, edited below while serving.
    std::fs::create_dir(tmp.path().join("i18n")).unwrap();
    std::fs::write(tmp.path().join("i18n/fr.yaml"), "exit_this_page: Quitter cette page\n").unwrap();
    let server = Serve::start(tmp.path());
    server.wait_ready();
    let (status, _, body) = server.get("/fr/articles/prendre-du-recul.html");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"fr\""), "{body}");
    assert!(body.contains("<title>Prendre du recul · Petit guide</title>"), "{body}");
    assert!(
        body.contains("href=\"../../articles/taking-space.html\""),
        "the switcher: {body}"
    );
    assert!(body.contains("<script src=\"/__handbook/reload.js\""));
    let (status, _, body) = server.get("/fr/search.html");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"fr\""));
    let (status, _, body) = server.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(body.contains("<loc>https://example.org/handbook/fr/articles/prendre-du-recul.html</loc>"));

    let page = tmp.path().join("content/fr/articles/taking-space.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let mut events = server.events(Some(server.generation_of("/fr/index.html")));
    std::fs::write(&page, good.replace("Prendre du recul", "Prendre de la distance")).unwrap();
    let body = changed_to(
        &mut events,
        &server,
        "/fr/articles/prendre-du-recul.html",
        "Prendre de la distance",
    );
    assert!(body.contains("<title>Prendre de la distance · Petit guide</title>"));

    // A new page of the default language keeps every page's switcher (a whole rebuild).
    std::fs::write(
        tmp.path().join("content/articles/a-new-page.md"),
        "---\ntitle: A new page\nsummary: New.\n---\n\nBody.\n",
    )
    .unwrap();
    let body = changed_to(&mut events, &server, "/articles/a-new-page.html", "A new page");
    assert!(body.contains("<a href=\"../fr/index.html\" hreflang=\"fr\""), "{body}");
    let (_, _, body) = server.get("/articles/taking-space.html");
    assert!(
        body.contains("<a href=\"../fr/articles/prendre-du-recul.html\" hreflang=\"fr\""),
        "{body}"
    );

    // An edit to the handbook's i18n/ strings, French or English, rebuilds and reloads.
    std::fs::write(tmp.path().join("i18n/fr.yaml"), "exit_this_page: Partir vite\n").unwrap();
    changed_to(
        &mut events,
        &server,
        "/fr/articles/prendre-du-recul.html",
        ">Partir vite<",
    );
    std::fs::write(tmp.path().join("i18n/en.yaml"), "exit_this_page: Leave now\n").unwrap();
    changed_to(&mut events, &server, "/articles/taking-space.html", ">Leave now<");
    let out = server.stop();
    assert!(out.status.success(), "{:?}", out.status);
}
