#!/usr/bin/env bash
# Build-speed benchmark: for each N, generates a corpus of N pages (examples/gen-corpus.rs) and
# measures, interleaved round by round so machine drift hits every command alike:
#   floor    `cp -r` of the handbook's source folder into a fresh folder
#   outcopy  `cp -r` of an already-built output folder of the same handbook (the floor for a tool
#            that writes the site: same files, same bytes, no work)
#   clean    `handbook build --timings` into a missing output folder
#   rebuild  the same build again over the existing output folder
# Reports per N the median wall time, pages per second, peak RSS (/usr/bin/time) and the median
# of each stage from `--timings`, each build as a multiple of both floors, and the largest HTML
# page of the output, as Markdown tables on stdout.
#
# Old copies and outputs are moved aside, not deleted, until the end: on ext4 without a journal
# (these machines) inodes freed within the last minutes make every file creation slow, so deleting
# 10,000 files inside the loop would slow whatever runs next.
#
# usage:   scripts/bench.sh [N ...]              (default: 1000 10000 100000)
# env:     BENCH_DIR  corpora and outputs        (default: target/bench)
#          RUNS       rounds per N               (default: 7 below 10,000 pages, 5 below 100,000, else 3)
#          SEED       corpus seed                (default: 1)
#          BASELINE   another handbook binary, measured in the same rounds (e.g. a copy built from main)
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
GEN=$PWD/target/release/examples/gen-corpus
# Each binary gives two rows: a clean build and a build over the existing output.
BINARIES=("$PWD/target/release/handbook")
VARIANTS=(clean rebuild)
if [ -n "${BASELINE:-}" ]; then
    BINARIES+=("$(realpath "$BASELINE")")
    VARIANTS+=(baseline-clean baseline-rebuild)
fi
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

TRASH=$BENCH_DIR/trash
rm -rf "$TRASH"
mkdir -p "$TRASH"
set_aside() { [ ! -e "$1" ] || mv "$1" "$(mktemp -d "$TRASH/XXXXXX")/"; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
now() { echo "${EPOCHREALTIME/,/.}"; }

# Runs "$@" under /usr/bin/time; appends "wall_s rss_kb cpu_s" to the file $RESULT; stderr to $LOG.
measure() {
    local start end
    start=$(now)
    if ! "$TIME" -o "$BENCH_DIR/rss" -f '%M %U %S' "$@" 2>"$LOG" >/dev/null; then
        echo "bench: failed: $*" >&2
        tail -n 30 "$LOG" >&2
        exit 1
    fi
    end=$(now)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}') $(tail -n 1 "$BENCH_DIR/rss" | awk '{print $1, $2 + $3}')" >>"$RESULT"
}

# Appends the `timing: STAGE N ms` lines of the log $1 to the file $2 as "stage ms".
keep_timings() { awk '$1 == "timing:" {print $2, $3}' "$1" >>"$2"; }

report() {
    local n=$1 dir=$2 pages floor
    pages=$(grep -o 'built [0-9]* pages' "$dir/clean.log" | awk '{print $2}')
    floor=$(cut -d' ' -f1 "$dir/floor" | median)
    echo
    echo "### $n generated pages ($pages pages built, $(du -sh "$dir/corpus/content" | cut -f1) of Markdown), median of $runs rounds"
    echo
    outcopy=$(cut -d' ' -f1 "$dir/outcopy" | median)
    echo "| what | wall (s) | × source floor | × output floor | pages/s | peak RSS (MB) | CPU user+sys (s) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for what in floor outcopy "${VARIANTS[@]}"; do
        local wall rss cpu
        wall=$(cut -d' ' -f1 "$dir/$what" | median)
        rss=$(cut -d' ' -f2 "$dir/$what" | median)
        cpu=$(cut -d' ' -f3 "$dir/$what" | median)
        awk -v w="$what" -v s="$wall" -v f="$floor" -v o="$outcopy" -v p="$pages" -v r="$rss" -v c="$cpu" 'BEGIN {
            name = (w == "floor") ? "floor: cp -r source" : (w == "outcopy") ? "floor: cp -r output" : "handbook build, " w
            floor = (w == "floor" || w == "outcopy")
            printf "| %s | %.3f | %.2f | %.2f | %s | %.0f | %.2f |\n", name, s, s / f, s / o, floor ? "–" : sprintf("%.0f", p / s), r / 1024, c }'
    done
    echo
    echo "Output: $(du -sh "$dir/site-ref" | cut -f1) in $(find "$dir/site-ref" -type f | wc -l) files; largest HTML page: $(largest_page "$dir/site-ref")."
    for what in "${VARIANTS[@]}"; do
        echo
        echo "| stage ($what) | median ms |"
        echo "|---|---:|"
        stage_medians "$dir/$what.stages" | awk '{printf "| %s | %s |\n", $1, $2}'
    done
}

# "N bytes (path)" of the largest .html file under $1.
largest_page() {
    find "$1" -name '*.html' -printf '%s %P\n' | sort -n | tail -n 1 | awk '{printf "%d bytes (%.1f KB, %s)", $1, $1 / 1024, $2}'
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
    rm -f "$dir"/floor "$dir"/outcopy "$dir"/*clean* "$dir"/*rebuild* "$dir"/*.stages
    for bin in "${BINARIES[@]}"; do
        LOG=$dir/warmup.log RESULT=/dev/null measure "$bin" build --root "$dir/corpus" --out "$dir/site"
    done
    # The output floor copies what this handbook's build writes, made once by the first binary.
    set_aside "$dir/site-ref"
    cp -r "$dir/site" "$dir/site-ref"
    for ((round = 1; round <= runs; round++)); do
        set_aside "$dir/copy"
        LOG=$dir/floor.log RESULT=$dir/floor measure cp -r "$dir/corpus" "$dir/copy"
        set_aside "$dir/outcopy-dir"
        LOG=$dir/floor.log RESULT=$dir/outcopy measure cp -r "$dir/site-ref" "$dir/outcopy-dir"
        for b in "${!BINARIES[@]}"; do
            local_clean=${VARIANTS[2 * b]} local_rebuild=${VARIANTS[2 * b + 1]}
            set_aside "$dir/site"
            LOG=$dir/clean.log RESULT=$dir/$local_clean measure "${BINARIES[b]}" build --root "$dir/corpus" --out "$dir/site" --timings
            keep_timings "$dir/clean.log" "$dir/$local_clean.stages"
            LOG=$dir/rebuild.log RESULT=$dir/$local_rebuild measure "${BINARIES[b]}" build --root "$dir/corpus" --out "$dir/site" --timings
            keep_timings "$dir/rebuild.log" "$dir/$local_rebuild.stages"
        done
    done
    report "$n" "$dir"
done
rm -rf "$TRASH"
