#!/usr/bin/env python3
"""What a heap profile's peak holds: reads valgrind massif's output file and prints the bytes
live at the peak snapshot by pipeline stage (the outermost stage function on each stack), by the
nearest `handbook::` function above each allocation, and by the two nearest with their lines.

usage:  cargo build --release --features system-alloc --target-dir target/sysalloc
        valgrind --tool=massif --depth=40 --massif-out-file=massif.out \\
            target/sysalloc/release/handbook build --root CORPUS --out OUT
        scripts/massif-peak.py massif.out
"""
import re
import sys
from collections import Counter

STAGES = ["render_each", "write_pages", "search::build", "lint_root", "load_front", "site::structure",
          "parse::front", "check_bodies", "write_rest", "source::load"]
NODE = re.compile(r"^( *)n(\d+): (\d+) (.*)$")


def function(desc):
    m = re.search(r"0x[0-9A-F]+: (.*?) \(", desc)
    return m.group(1) if m else desc


def located(desc):
    m = re.search(r"\(([^()]*:\d+)\)\s*$", desc)
    return f"{function(desc)[:60]} @ {m.group(1) if m else '?'}"


def peak_tree(lines):
    """The (depth, bytes, description) nodes of the snapshot marked as the peak."""
    start = None
    for i, line in enumerate(lines):
        if line == "heap_tree=peak":
            start = i + 1
        elif start is not None and line.startswith("snapshot="):
            return [parse(l) for l in lines[start:i] if NODE.match(l)]
    return [parse(l) for l in lines[start:] if NODE.match(l)] if start else []


def parse(line):
    m = NODE.match(line)
    return len(m.group(1)), int(m.group(3)), m.group(4)


def main(path):
    nodes = peak_tree(open(path).read().split("\n"))
    if not nodes:
        sys.exit(f"{path}: no peak snapshot")
    print(f"peak heap: {nodes[0][1] / 1e6:.1f} MB")
    stage, holder, detail = Counter(), Counter(), Counter()
    stack = []
    for i, (depth, size, desc) in enumerate(nodes):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        stack.append((depth, desc))
        children = 0
        for d, s, _ in nodes[i + 1:]:
            if d <= depth:
                break
            if d == depth + 1:
                children += s
        own = size - children
        if own <= 0:
            continue
        path_up = [d for _, d in reversed(stack)]
        ours = [d for d in path_up if function(d).startswith(("handbook::", "<handbook::"))]
        outer = next((s for d in reversed(path_up) for s in STAGES if s in function(d)), "other")
        stage[outer] += own
        holder[function(ours[0]) if ours else "other"] += own
        detail[" <- ".join(located(d) for d in ours[:2]) or "other"] += own
    for title, table in [("by stage", stage), ("by nearest handbook function", holder),
                         ("by the two nearest handbook frames", detail)]:
        print(f"\n{title}:")
        for name, size in table.most_common(15):
            print(f"{size / 1e6:10.1f} MB  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
