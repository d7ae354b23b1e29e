#!/usr/bin/env bash
# Side-by-side speed of the engine against an older commit (issue 9, §1).
#
#   tools/bench-compare.sh [OLD_COMMIT]      (default 7f15c09)
#
# Builds the release `cordon` CLI of OLD_COMMIT in a temporary git worktree
# under target/bench-compare/old (kept between calls so that a second call
# only rebuilds what changed; delete target/bench-compare to start afresh)
# and of the current tree, writes the same scenario files for both, and
# times `cordon run FILE --runs N --threads 1` with each, one after the
# other in this one run: CPU milliseconds (user + system) per run and peak
# resident memory, from /usr/bin/time (installed with apt-get if missing);
# each timing is the least of REPEAT (default 3) calls of the same
# binary, as other work on the machine only ever adds to it.
#
# Scenarios: the uncontrolled outbreak of issue 9 (no measures, 20 initial
# infections, R0 2.3, k 0.5, generation interval gamma mean 8.9 d sd 5.7 d,
# 120 days) in cities of 100,000, 1 million and 10 million people with an
# infection limit of twice the population (200,000 for the 100,000 city),
# and the example city as it ships. The run counts are in SCENARIOS below.
set -euo pipefail

old_commit=${1:-7f15c09}
root=$(git rev-parse --show-toplevel)
work="$root/target/bench-compare"
old_tree="$work/old"
mkdir -p "$work"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for CPU time and peak memory)" >&2
    apt-get install -y time >/dev/null
fi
command -v node >/dev/null || { echo "node is needed to edit the scenario files" >&2; exit 1; }

# The old engine, in its own worktree (its own target/).
if [ -d "$old_tree" ]; then
    git -C "$old_tree" checkout --quiet --detach "$old_commit"
else
    git -C "$root" worktree prune
    git -C "$root" worktree add --quiet --detach "$old_tree" "$old_commit"
fi
echo "building cordon at $old_commit ..." >&2
(cd "$old_tree" && cargo build --quiet --release -p cordon-cli)
echo "building cordon at the current tree ..." >&2
(cd "$root" && cargo build --quiet --release -p cordon-cli)
old_cli="$old_tree/target/release/cordon"
new_cli="$root/target/release/cordon"

# The scenario files, written once by the new CLI and read by both.
"$new_cli" example > "$work/example_city.json"
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

measure() { # cli file runs -> "cpu_ms_per_run peak_rss_mb", the least of $REPEAT timings
    local best=""
    for _ in $(seq "${REPEAT:-3}"); do
        local out
        out=$(/usr/bin/time -f '%U %S %M' "$1" run "$2" --runs "$3" --threads 1 2>&1 >/dev/null | tail -n 1)
        best=$(printf '%s\n%s\n' "$best" "$(echo "$out" | awk -v runs="$3" '{ printf "%.3f %.1f", ($1 + $2) * 1000 / runs, $3 / 1024 }')" | sed '/^$/d' | sort -n | head -n 1)
    done
    echo "$best"
}

printf '%-14s %6s %14s %14s %8s %12s %12s\n' scenario runs "old ms/run" "new ms/run" speed-up "old RSS MB" "new RSS MB"
echo "$SCENARIOS" | while read -r name file runs; do
    [ -n "$name" ] || continue
    read -r old_ms old_rss <<<"$(measure "$old_cli" "$file" "$runs")"
    read -r new_ms new_rss <<<"$(measure "$new_cli" "$file" "$runs")"
    speedup=$(awk -v a="$old_ms" -v b="$new_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-14s %6s %14s %14s %7sx %12s %12s\n' "$name" "$runs" "$old_ms" "$new_ms" "$speedup" "$old_rss" "$new_rss"
done
echo "old: cordon at $old_commit; new: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' + uncommitted changes'); CPU = user + system time of the whole command, per run; one thread" >&2
