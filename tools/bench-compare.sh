#!/usr/bin/env bash
# Side-by-side speed of the engine against an older commit (issue 9, §1).
#
#   tools/bench-compare.sh [OLD_COMMIT]      (default 7f15c09)
#   ONLY="outbreak_100k example_city" REPEAT=7 tools/bench-compare.sh HEAD
#
# Links the engine of OLD_COMMIT (a git dependency on this repository) and
# the engine of the current tree (a path dependency) into one small release
# program, tools/bench-compare/main.rs (its Cargo.toml is written into
# target/bench-compare/harness, built there with the workspace's release
# profile and Cargo.lock). Both engines read the same scenario files and run
# `Batch::run_range(0..N)` on one thread and then `aggregate` on the runs,
# each in its own process, old and new alternately, REPEAT times (default
# 5): the CPU milliseconds per run and of the aggregation (the thread's own
# CPU time, /proc/thread-self/schedstat: wall time says little on a busy
# machine) and the peak resident memory (/usr/bin/time) printed are the
# medians. The CLI is not used: it also runs every run a second time with
# the capacities unlimited.
#
# Scenarios, written from the OLD engine's example city (the new engine reads
# older files; the old one rejects fields added since): the uncontrolled
# outbreak of issue 9 (no measures, 20 initial infections, R0 2.3, k 0.5,
# generation interval gamma mean 8.9 d sd 5.7 d, 120 days) in cities of
# 100,000, 1 million and 10 million people with an infection limit of twice
# the population, and the example city. Run counts are in SCENARIOS below.
set -euo pipefail

old_commit=${1:-7f15c09}
repeat=${REPEAT:-5}
root=$(git rev-parse --show-toplevel)
git_dir=$(cd "$root" && cd "$(git rev-parse --git-common-dir)" && pwd)
old_rev=$(git -C "$root" rev-parse "$old_commit^{commit}")
work="$root/target/bench-compare"
harness="$work/harness"
mkdir -p "$harness"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for CPU time and peak memory)" >&2
    apt-get install -y time >/dev/null
fi
command -v node >/dev/null || { echo "node is needed to edit the scenario files" >&2; exit 1; }

cat > "$harness/Cargo.toml" <<TOML
# Written by tools/bench-compare.sh: the engine at $old_commit and this tree's.
[package]
name = "cordon-bench-compare"
version = "0.0.0"
edition = "2021"
publish = false

[[bin]]
name = "harness"
path = "$root/tools/bench-compare/main.rs"

[dependencies]
old = { package = "cordon-engine", git = "file://$git_dir", rev = "$old_rev" }
new = { package = "cordon-engine", path = "$root/crates/engine" }
serde_json = "1"

[profile.release]
opt-level = 3
lto = true
codegen-units = 1
panic = "abort"

[workspace]
TOML
[ -f "$harness/Cargo.lock" ] || cp "$root/Cargo.lock" "$harness/Cargo.lock"
echo "building the engines at $old_commit and at the current tree ..." >&2
(cd "$harness" && env -u CARGO_TARGET_DIR cargo build --quiet --release)
bin="$harness/target/release/harness"

# The scenario files, from the old engine's example city, read by both.
"$bin" example > "$work/example_city.json"
outbreak() { # population infection_limit file
    node - "$work/example_city.json" "$1" "$2" "$3" <<'JS'
const fs = require("fs");
const [input, population, limit, output] = process.argv.slice(2);
const s = JSON.parse(fs.readFileSync(input, "utf8"));
s.name = `uncontrolled outbreak, ${population} people`;
s.city.population = Number(population);
s.infection_limit = Number(limit);
s.gateways = [];
s.timeline = [];
s.initial_infections = 20;
s.days = 120;
s.epidemiology.r0 = 2.3;
s.epidemiology.dispersion_k = 0.5;
s.epidemiology.generation_interval = { family: "gamma", mean: 8.9, sd: 5.7 };
s.community.sweeps = false;
s.testing.fever_clinic.enabled = false;
s.testing.routine_screening.enabled = false;
s.testing.mass_testing.enabled = false;
s.tracing.enabled = false;
s.response.baseline_contact_factor = 1;
s.response.zones.enabled = false;
fs.writeFileSync(output, JSON.stringify(s, null, 2));
JS
}
outbreak 100000 200000 "$work/outbreak_100k.json"
outbreak 1000000 2000000 "$work/outbreak_1m.json"
outbreak 10000000 20000000 "$work/outbreak_10m.json"

# name file runs
SCENARIOS="
outbreak_100k $work/outbreak_100k.json 20
outbreak_1m $work/outbreak_1m.json 3
outbreak_10m $work/outbreak_10m.json 1
example_city $work/example_city.json 1000
"

once() { # engine file runs -> "cpu_ms_per_run peak_rss_mb infections aggregation_cpu_ms"
    local out
    out=$(/usr/bin/time -f 'TIME %M' "$bin" "$1" "$2" "$3" 2>&1)
    echo "$out" | awk '
        /^TIME/ { rss = $2 / 1024 }
        !/^TIME/ { cpu = $1; aggregation = $2; infections = $3 }
        END { printf "%.3f %.1f %s %.1f\n", cpu, rss, infections, aggregation }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

printf '%-14s %6s %11s %11s %8s %10s %10s %11s %11s %14s %14s\n' scenario runs "old ms/run" "new ms/run" speed-up "old RSS MB" "new RSS MB" "old agg ms" "new agg ms" "old infections" "new infections"
echo "$SCENARIOS" | while read -r name file runs; do
    [ -n "$name" ] || continue
    case " ${ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
    : > "$work/old.times"; : > "$work/new.times"
    for _ in $(seq "$repeat"); do
        once old "$file" "$runs" >> "$work/old.times"
        once new "$file" "$runs" >> "$work/new.times"
    done
    col() { cut -d' ' -f"$2" "$work/$1.times" | median; }
    old_ms=$(col old 1); new_ms=$(col new 1); old_rss=$(col old 2); new_rss=$(col new 2)
    old_agg=$(col old 4); new_agg=$(col new 4)
    old_inf=$(head -n1 "$work/old.times" | cut -d' ' -f3); new_inf=$(head -n1 "$work/new.times" | cut -d' ' -f3)
    speedup=$(awk -v a="$old_ms" -v b="$new_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-14s %6s %11s %11s %7sx %10s %10s %11s %11s %14s %14s\n' "$name" "$runs" "$old_ms" "$new_ms" "$speedup" "$old_rss" "$new_rss" "$old_agg" "$new_agg" "$old_inf" "$new_inf"
done
echo "old: engine at $old_commit; new: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet -- crates/engine || echo ' + uncommitted engine changes'); CPU time of the running thread (runs, then their aggregation), per run, median of $repeat; one thread; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
