//! Measures the search index of a handbook: the text it indexes, the index's size on disk (term
//! shards, docs chunks, manifest), the biggest files, and the time to build it beside the time
//! of the rest of the build. `cargo run --release --example search-bench -- ROOT [RUNS]`: the
//! index is built RUNS times (default 1) and the fastest run counts, so a busy machine skews less.

use std::time::Instant;

// The allocator of the `handbook` binary, so that the figures are the build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let runs: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    let mut timings = handbook::Timings::default();
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let (site, _) = match handbook::load_site(std::path::Path::new(&root), false, &mut timings) {
        Ok(loaded) => loaded,
        Err(problems) => {
            for p in problems {
                eprintln!("{}", p.render());
            }
            std::process::exit(1);
        }
    };
    let loaded = start.elapsed();
    let theme = handbook::theme::load(std::path::Path::new(&root)).unwrap_or_else(|_| std::process::exit(2));
    let start = Instant::now();
    let rendered = handbook::render::render(&site, &theme).unwrap_or_default();
    let render = start.elapsed();
    let cpu_rest = cpu_seconds() - cpu_start;
    let strings = handbook::i18n::Strings::resolve(&theme.strings, &site.config.language).0;
    let (mut index, mut cpu_index, mut built) = (std::time::Duration::MAX, f64::MAX, None);
    for run in 0..runs.max(1) {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let this = handbook::search::build(&site, &strings);
        index = index.min(start.elapsed());
        cpu_index = cpu_index.min(cpu_seconds() - cpu_start);
        if runs > 1 {
            println!("index run {run}     {:.0} ms", start.elapsed().as_secs_f64() * 1e3);
        }
        built = Some(this);
    }
    let built = built.expect("one run at least");
    let size = |prefix: &str| -> (usize, usize) {
        let files: Vec<_> = built.files.iter().filter(|f| f.path.starts_with(prefix)).collect();
        (files.len(), files.iter().map(|f| f.bytes.len()).sum())
    };
    let total: usize = built.files.iter().map(|f| f.bytes.len()).sum();
    let (nt, bt) = size("assets/search/t");
    let (nd, bd) = size("assets/search/d");
    let (_, bm) = size("assets/search/index.js");
    let biggest = built.files.iter().map(|f| f.bytes.len()).max().unwrap_or(0);
    println!("pages            {}", site.pages.len());
    println!("text indexed     {} bytes", built.text_bytes);
    println!(
        "index            {} bytes in {} files = {:.1}% of the text",
        total,
        built.files.len(),
        100.0 * total as f64 / built.text_bytes.max(1) as f64
    );
    println!("  term shards    {bt} bytes in {nt} files");
    println!("  docs chunks    {bd} bytes in {nd} files");
    println!("  manifest       {bm} bytes; biggest file {biggest} bytes");
    println!("rendered         {} files", rendered.len());
    let rest = loaded + render;
    println!(
        "time             load+parse+link+render {:.0} ms, index {:.0} ms (+{:.0}%)",
        rest.as_secs_f64() * 1e3,
        index.as_secs_f64() * 1e3,
        100.0 * index.as_secs_f64() / rest.as_secs_f64()
    );
    println!(
        "cpu time         load+parse+link+render {:.0} ms, index {:.0} ms (+{:.0}%)",
        cpu_rest * 1e3,
        cpu_index * 1e3,
        100.0 * cpu_index / cpu_rest
    );
}

/// User + system CPU time of this process so far (Linux), so a busy machine does not skew the
/// comparison as wall-clock time does; 0 elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}
