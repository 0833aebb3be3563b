//! A short, deterministic slice of the fuzz harness (`examples/fuzz`): a fixed seed and a fixed
//! number of inputs through every target, none of which may panic, hang or blow up.

#[path = "../examples/fuzz/engine.rs"]
mod engine;

use std::time::Duration;

#[global_allocator]
static ALLOCATOR: engine::CountingAlloc = engine::CountingAlloc;

#[test]
fn a_fixed_slice_of_fuzzing_finds_nothing() {
    std::panic::set_hook(Box::new(|_| {}));
    let plan = engine::Plan {
        seed: 20_240_613,
        max_inputs: 3_000,
        duration: Duration::MAX,
        // A watchdog against a real hang, not a measure of speed: debug builds on a busy
        // machine are slow.
        hang_after: Duration::from_secs(120),
        weights: vec![40, 20, 1, 40],
    };
    let summary = engine::run(&plan, std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    let _ = std::panic::take_hook();
    assert_eq!(summary.inputs, 3_000);
    assert!(
        summary.per_target.iter().all(|(_, n)| *n > 0),
        "{:?}",
        summary.per_target
    );
    let found: Vec<String> = summary
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}: {}\n--- input:\n{}",
                f.target.name(),
                f.kind,
                f.detail,
                f.input.chars().take(2000).collect::<String>()
            )
        })
        .collect();
    if !found.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings");
        let saved = engine::save(&summary.findings, &dir).unwrap_or_default();
        panic!("{}\n\ninputs saved: {saved:?}", found.join("\n\n"));
    }
}
