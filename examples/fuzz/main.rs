//! `cargo run --release --example fuzz -- SECONDS [SEED]`: fuzzes every entry point in `TARGETS`
//! for SECONDS, prints inputs per second and what it found, and writes each input that crashed,
//! hung or blew up to `target/fuzz-findings/`. Exit 1 if anything was found.

mod engine;

use std::path::Path;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: engine::CountingAlloc = engine::CountingAlloc;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = match args.first().map(|s| s.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: cargo run --release --example fuzz -- SECONDS [SEED]");
            return std::process::ExitCode::from(2);
        }
    };
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    // Panics are findings, reported below; the default hook would print each one as it happens.
    std::panic::set_hook(Box::new(|_| {}));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = engine::Plan {
        seed,
        max_inputs: usize::MAX,
        duration: Duration::from_secs(seconds),
        hang_after: Duration::from_secs(10),
        weights: vec![20, 10, 1, 20],
    };
    eprintln!("fuzzing for {seconds} s, seed {seed}");
    let summary = engine::run(&plan, repo);
    let secs = summary.elapsed.as_secs_f64();
    println!(
        "{} inputs in {secs:.1} s ({:.0} inputs/s): {}",
        summary.inputs,
        summary.inputs as f64 / secs,
        summary
            .per_target
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("{} findings", summary.findings.len());
    if summary.findings.is_empty() {
        return std::process::ExitCode::SUCCESS;
    }
    let saved = engine::save(&summary.findings, &repo.join("target/fuzz-findings")).unwrap_or_default();
    for (f, path) in summary
        .findings
        .iter()
        .zip(saved.iter().map(Some).chain(std::iter::repeat(None)))
    {
        let shown = path.map(|p| p.display().to_string()).unwrap_or_default();
        println!("{} {}: {} ({shown})", f.target.name(), f.kind, f.detail);
    }
    std::process::ExitCode::from(1)
}
