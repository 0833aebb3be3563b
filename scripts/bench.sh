#!/usr/bin/env bash
# Build-speed benchmark: for each N, generates a corpus of N pages (examples/gen-corpus.rs) and
# measures, interleaved round by round so machine drift hits every command alike:
#   floor    `cp -r` of the handbook's source folder into a fresh folder
#   clean    `handbook build --timings` into a missing output folder
#   rebuild  the same build again over the existing output folder
# Reports per N the median wall time, pages per second, peak RSS (/usr/bin/time) and the median
# of each stage from `--timings`, as Markdown tables on stdout.
#
# usage:   scripts/bench.sh [N ...]              (default: 1000 10000 100000)
# env:     BENCH_DIR  corpora and outputs        (default: target/bench)
#          RUNS       rounds per N               (default: 7 below 10,000 pages, 5 below 100,000, else 3)
#          SEED       corpus seed                (default: 1)
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-target/bench}
SEED=${SEED:-1}
USER_RUNS=${RUNS:-}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME missing (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet --bin handbook --example gen-corpus
HANDBOOK=$PWD/target/release/handbook
GEN=$PWD/target/release/examples/gen-corpus
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
now() { echo "${EPOCHREALTIME/,/.}"; }

# Runs "$@" under /usr/bin/time; appends "seconds rss_kb" to the file $RESULT; stderr to $LOG.
measure() {
    local start end
    start=$(now)
    if ! "$TIME" -o "$BENCH_DIR/rss" -f '%M' "$@" 2>"$LOG" >/dev/null; then
        echo "bench: failed: $*" >&2
        tail -n 30 "$LOG" >&2
        exit 1
    fi
    end=$(now)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}') $(tail -n 1 "$BENCH_DIR/rss")" >>"$RESULT"
}

# Appends the `timing: STAGE N ms` lines of the log $1 to the file $2 as "stage ms".
keep_timings() { awk '$1 == "timing:" {print $2, $3}' "$1" >>"$2"; }

report() {
    local n=$1 dir=$2 pages
    pages=$(grep -o 'built [0-9]* pages' "$dir/clean.log" | awk '{print $2}')
    echo
    echo "### $n generated pages ($pages pages built, $(du -sh "$dir/corpus/content" | cut -f1) of Markdown), median of $runs rounds"
    echo
    echo "| what | wall (s) | × floor | pages/s | peak RSS (MB) |"
    echo "|---|---:|---:|---:|---:|"
    local floor
    floor=$(cut -d' ' -f1 "$dir/floor" | median)
    for what in floor clean rebuild; do
        local wall rss
        wall=$(cut -d' ' -f1 "$dir/$what" | median)
        rss=$(cut -d' ' -f2 "$dir/$what" | median)
        awk -v w="$what" -v s="$wall" -v f="$floor" -v p="$pages" -v r="$rss" 'BEGIN {
            name = (w == "floor") ? "floor: cp -r source" : (w == "clean") ? "handbook build, clean" : "handbook build, over existing output"
            printf "| %s | %.3f | %.2f | %s | %.0f |\n", name, s, s / f, (w == "floor") ? "–" : sprintf("%.0f", p / s), r / 1024 }'
    done
    echo
    echo "| stage (clean build) | median ms | | stage (rebuild) | median ms |"
    echo "|---|---:|---|---|---:|"
    paste -d' ' <(stage_medians "$dir/clean.stages") <(stage_medians "$dir/rebuild.stages") |
        awk '{printf "| %s | %s | | %s | %s |\n", $1, $2, $3, $4}'
}

# "stage median_ms" per stage, in the order the tool prints them.
stage_medians() {
    local file=$1
    awk '!seen[$1]++ {print $1}' "$file" | while read -r stage; do
        echo "$stage $(awk -v s="$stage" '$1 == s {print $2}' "$file" | median)"
    done
}

echo "## handbook build benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git rev-parse --short HEAD)"
for n in "${SIZES[@]}"; do
    dir=$BENCH_DIR/n$n
    mkdir -p "$dir"
    if [ "$(cat "$dir/corpus/.gen-corpus" 2>/dev/null)" != "$n $SEED" ]; then
        "$GEN" "$n" "$dir/corpus" --seed "$SEED" 2>/dev/null
    fi
    runs=${USER_RUNS:-$([ "$n" -lt 10000 ] && echo 7 || ([ "$n" -lt 100000 ] && echo 5 || echo 3))}
    rm -f "$dir"/floor "$dir"/clean "$dir"/rebuild "$dir"/*.stages
    LOG=$dir/warmup.log RESULT=/dev/null measure "$HANDBOOK" build --root "$dir/corpus" --out "$dir/site"
    for ((round = 1; round <= runs; round++)); do
        rm -rf "$dir/copy"
        LOG=$dir/floor.log RESULT=$dir/floor measure cp -r "$dir/corpus" "$dir/copy"
        rm -rf "$dir/site"
        LOG=$dir/clean.log RESULT=$dir/clean measure "$HANDBOOK" build --root "$dir/corpus" --out "$dir/site" --timings
        keep_timings "$dir/clean.log" "$dir/clean.stages"
        LOG=$dir/rebuild.log RESULT=$dir/rebuild measure "$HANDBOOK" build --root "$dir/corpus" --out "$dir/site" --timings
        keep_timings "$dir/rebuild.log" "$dir/rebuild.stages"
    done
    rm -rf "$dir/copy"
    report "$n" "$dir"
done
