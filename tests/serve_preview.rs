//! `handbook serve` keeping a page cheap to refresh and true to the build: assets carry validators
//! (a reload revalidates them with 304s), change events say whether a changed page may swap its
//! content in place or must reload, warnings follow incremental edits, and content files are
//! served exactly when the build would publish them.

mod serve_support;

use serve_support::*;

/// The value of header `name` in a response head (names are lower case there).
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(": ")))
}

#[test]
fn assets_revalidate_and_pages_are_never_cached() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();
    let (status, head, css) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert_eq!(header(&head, "cache-control"), Some("no-cache"), "{head}");
    let tag = header(&head, "etag").expect("an ETag").to_string();
    assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
    let ask = |tags: &str| {
        server.request(&format!(
            "GET /assets/style.css HTTP/1.1\r\nHost: {}\r\nIf-None-Match: {tags}\r\nConnection: close\r\n\r\n",
            server.addr
        ))
    };
    let (status, head, body) = ask(&tag);
    assert_eq!(status, 304, "{head}");
    assert_eq!(body, "");
    assert_eq!(ask(&format!("\"other\", W/{tag}")).0, 304);
    let (status, _, body) = ask("\"other\"");
    assert_eq!(status, 200);
    assert_eq!(body, css);
    // Pages carry the generation they were served at: always sent whole.
    let (status, head, _) = server.get("/faq/how-long-does-it-take.html");
    assert_eq!(status, 200);
    assert_eq!(header(&head, "cache-control"), Some("no-store"), "{head}");
    assert_eq!(header(&head, "etag"), None);
}

#[test]
fn an_edit_swaps_in_place_and_a_whole_rebuild_reloads() {
    let (_tmp, root) = new_handbook();
    let server = Serve::start(&root);
    server.wait_ready();
    let mut events = server.events(Some(server.generation_of("/")));
    let url = "/faq/how-long-does-it-take.html";
    let page = root.join("content/faq/how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replace("There is no fixed timetable.", "Swapped.")).unwrap();
    let change = change_naming(&mut events, url);
    assert_eq!(change["whole"], false, "{change}");
    assert_eq!(change["good"], true, "{change}");

    let config = root.join("handbook.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("title: My handbook", "title: Our handbook")).unwrap();
    let change = change_naming(&mut events, url);
    assert_eq!(change["whole"], true, "{change}");
    assert!(server.get(url).2.contains("Our handbook"));
}

/// The next `change` event that names `url`.
fn change_naming(events: &mut std::io::BufReader<std::net::TcpStream>, url: &str) -> serde_json::Value {
    loop {
        let change: serde_json::Value = serde_json::from_str(&next_event(events, "change")).unwrap();
        if change["changed"].as_array().unwrap().iter().any(|u| u == url) {
            return change;
        }
    }
}

#[test]
fn content_files_are_served_only_while_a_page_uses_them() {
    let (_tmp, root) = new_handbook();
    let faq = root.join("content/faq");
    std::fs::write(faq.join("unused.pdf"), b"%PDF unused").unwrap();
    std::fs::write(faq.join("leaflet.pdf"), b"%PDF leaflet").unwrap();
    let page = faq.join("how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let linking = format!("{good}\nThe [leaflet](leaflet.pdf).\n");
    std::fs::write(&page, &linking).unwrap();
    let server = Serve::start(&root);
    server.wait_ready();
    let (status, head, body) = server.get("/faq/leaflet.pdf");
    assert_eq!((status, body.as_str()), (200, "%PDF leaflet"));
    assert!(head.contains("content-type: application/pdf"), "{head}");
    let (status, _, body) = server.get("/faq/unused.pdf");
    assert_eq!(status, 404, "build does not publish a file nothing uses: {body}");
    assert!(!body.contains("%PDF"));

    let mut events = server.events(Some(server.generation_of("/")));
    // An edit starts to use the file: it is served from then on; another stops: it is gone.
    std::fs::write(&page, format!("{linking}\nAnd [this one](unused.pdf).\n")).unwrap();
    while !next_change(&mut events).contains(&"/faq/unused.pdf".to_string()) {}
    let (status, _, body) = server.get("/faq/unused.pdf");
    assert_eq!((status, body.as_str()), (200, "%PDF unused"));
    std::fs::write(&page, &good).unwrap();
    while !next_change(&mut events).contains(&"/faq/leaflet.pdf".to_string()) {}
    assert_eq!(server.get("/faq/leaflet.pdf").0, 404);
    assert_eq!(server.get("/faq/unused.pdf").0, 404);
}

/// The warnings of the site once they settle: the newest `warnings` event after which none
/// follows within a second.
fn settled_warnings(events: &mut std::io::BufReader<std::net::TcpStream>) -> Vec<String> {
    let mut last = next_event(events, "warnings");
    events
        .get_ref()
        .set_read_timeout(Some(std::time::Duration::from_secs(1)))
        .unwrap();
    loop {
        let mut line = String::new();
        match std::io::BufRead::read_line(events, &mut line) {
            Ok(n) if n > 0 && line.starts_with("event: warnings") => {
                let mut data = String::new();
                std::io::BufRead::read_line(events, &mut data).unwrap();
                last = data.trim_start_matches("data: ").trim_end().to_string();
            }
            Ok(n) if n > 0 => {}
            _ => break,
        }
    }
    let value: serde_json::Value = serde_json::from_str(&last).unwrap();
    value["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn file_warnings_follow_incremental_edits() {
    let (_tmp, root) = new_handbook();
    let config = root.join("handbook.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{yaml}max_image_kb: 1\n")).unwrap();
    let faq = root.join("content/faq");
    std::fs::write(faq.join("big.png"), vec![0u8; 3000]).unwrap();
    let page = faq.join("how-long-does-it-take.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let showing = format!("{good}\n![A big picture](big.png)\n");
    let line = showing.lines().count();
    std::fs::write(&page, &showing).unwrap();
    let server = Serve::start(&root);
    server.wait_ready();
    let big = |warnings: &[String]| {
        warnings
            .iter()
            .filter(|w| w.contains("big.png is 3 KB"))
            .map(|w| w.split(": warning").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let at = |n: usize| vec![format!("content/faq/how-long-does-it-take.md:{n}:1")];
    assert_eq!(big(&settled_warnings(&mut server.events(None))), at(line));

    // Two lines added above the image: an incremental edit, and the warning moves with it.
    let mut events = server.events(Some(server.generation_of("/")));
    std::fs::write(&page, showing.replacen("\n\n", "\n\nA new paragraph.\n\n", 1)).unwrap();
    changed_to(
        &mut events,
        &server,
        "/faq/how-long-does-it-take.html",
        "A new paragraph.",
    );
    assert_eq!(big(&settled_warnings(&mut events)), at(line + 2));
}
