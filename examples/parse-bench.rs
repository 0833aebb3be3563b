//! Measures the parse stage alone (front matter + Markdown + widgets) on one thread: CPU seconds
//! per pass over a handbook's sources, several passes. `cargo run --release --example parse-bench -- ROOT [PASSES]`

use std::time::Instant;

// The allocator of the real binary, so allocation costs are the build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| ".".into());
    let passes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let content = std::path::Path::new(&root).join("content");
    let (sources, _) = handbook::source::load(&content, handbook::CONTENT_PREFIX);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let mut cpu = Vec::new();
    let words = handbook::widgets::Words::english();
    for _ in 0..passes {
        // `parse` consumes its files; the copy is made before the clock starts.
        let files = sources.files.clone();
        let (start, wall) = (cpu_seconds(), Instant::now());
        let content_files = handbook::files::ContentFiles::read(&sources.assets);
        let (pages, problems) =
            pool.install(|| handbook::parse::parse(files, &content_files, handbook::CONTENT_PREFIX, false, &words));
        let spent = cpu_seconds() - start;
        println!(
            "{} pages, {} problems: {spent:.2} s CPU, {:.2} s wall",
            pages.len(),
            problems.len(),
            wall.elapsed().as_secs_f64()
        );
        cpu.push(spent);
        let (mut html, mut html_cap, mut text, mut text_cap, mut blocks) = (0, 0, 0, 0, 0);
        for page in &pages {
            html += page.body.html.len();
            html_cap += page.body.html.capacity();
            blocks += page.body.text.len();
            for block in &page.body.text {
                text += block.text.len();
                text_cap += block.text.capacity();
            }
        }
        let mb = |n: usize| n as f64 / 1e6;
        println!(
            "html {:.1} MB (capacity {:.1}), text {:.1} MB in {blocks} blocks (capacity {:.1})",
            mb(html),
            mb(html_cap),
            mb(text),
            mb(text_cap)
        );
    }
    cpu.sort_by(f64::total_cmp);
    println!("median {:.2} s CPU, min {:.2} s", cpu[cpu.len() / 2], cpu[0]);
}

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}
