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
