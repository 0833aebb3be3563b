#!/usr/bin/env bash
# Lighthouse, mobile preset (its default: a Moto G-class phone, slow 4G, 4× CPU slowdown), on one
# page of each kind of the built handbook, served on loopback, in Debian's Chromium. Not a CI
# test: scores move with the machine's load. Prints a Markdown table (performance score and the
# metrics it is made of, median of RUNS runs per page) and keeps each JSON report.
#
# usage:   scripts/lighthouse.sh [SITE]          (default: site/, the committed build)
# env:     RUNS      runs per page (default 3)
#          OUT       where the JSON reports go (default target/lighthouse)
#          KINDS     page kinds to run, space-separated (default: all of them)
# needs:   /usr/bin/chromium, python3, node; lighthouse is installed from scripts/lighthouse's
#          lock file on first use (npm ci; no browser download).
set -euo pipefail

cd "$(dirname "$0")/.."
SITE=$(realpath "${1:-site}")
RUNS=${RUNS:-3}
OUT=${OUT:-target/lighthouse}
CHROME=/usr/bin/chromium
[ -x "$CHROME" ] || { echo "lighthouse: $CHROME missing (apt-get install chromium)" >&2; exit 2; }
[ -d scripts/lighthouse/node_modules ] || npm ci --prefix scripts/lighthouse --silent
LH=$PWD/scripts/lighthouse/node_modules/.bin/lighthouse
mkdir -p "$OUT"

first() { find "$SITE/$1" -maxdepth 1 -name '*.html' ! -name 'index.html' ! -name 'page-*.html' -printf '%P\n' | sort | head -n 1; }
PAGES=(
    "home index.html"
    "section articles/index.html"
    "article articles/$(first articles)"
    "faq-index faq/index.html"
    "faq-entry faq/$(first faq)"
    "case-study case-studies/$(first case-studies)"
    "tags tags/index.html"
    "tag tags/$(first tags)"
    "search search.html"
    "checklists checklists.html"
)

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$PORT/index.html" >/dev/null && break
    sleep 0.1
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "## Lighthouse $("$LH" --version) (mobile preset), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1 /proc/loadavg), median of $RUNS runs"
echo
echo "| page kind | page | performance | FCP (ms) | LCP (ms) | TBT (ms) | CLS | Speed Index (ms) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for entry in "${PAGES[@]}"; do
    kind=${entry%% *} page=${entry#* }
    [ -z "${KINDS:-}" ] || [[ " $KINDS " == *" $kind "* ]] || continue
    rows=$OUT/$kind.rows
    : >"$rows"
    for ((run = 1; run <= RUNS; run++)); do
        json=$OUT/$kind-$run.json
        CHROME_PATH=$CHROME "$LH" "http://127.0.0.1:$PORT/$page" --quiet --only-categories=performance \
            --output=json --output-path="$json" \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || {
            echo "lighthouse: failed on $page" >&2
            exit 1
        }
        node -e '
            const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
            const a = (id) => r.audits[id].numericValue;
            console.log([r.categories.performance.score * 100, a("first-contentful-paint"),
                a("largest-contentful-paint"), a("total-blocking-time"), a("cumulative-layout-shift"),
                a("speed-index")].join(" "));' "$json" >>"$rows"
    done
    cols=()
    for c in 1 2 3 4 5 6; do cols+=("$(cut -d' ' -f"$c" "$rows" | median)"); done
    printf '| %s | %s | %.0f | %.0f | %.0f | %.0f | %.3f | %.0f |\n' "$kind" "$page" "${cols[@]}"
done
