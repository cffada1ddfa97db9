#!/usr/bin/env bash
# Benchmarks two versions of ThreatModel side by side in one run:
#   benchmarks/compare.sh OLD_COMMIT [NEW_COMMIT]
# NEW_COMMIT defaults to the working tree (uncommitted and untracked, non-ignored files included).
#
# Each version is built in Release in its own temporary folder under /tmp (a detached git worktree for a commit, a copy
# for the working tree), with its own benchmark project and generator, so an OLD commit that lacks this script or newer
# benchmarks works as long as its benchmark project has the `stages` and `generate` commands. The runs are interleaved
# (old, new, old, new, ...) so that load on a shared machine falls on both alike:
#   - `stages` at STAGES_NODES elements with STAGES_ONLY=analysis: process CPU time of the graph build, the joins,
#     each rule on the warm graph (its body alone), and the whole analyzer (the last of STAGES_ROUNDS rounds in each
#     run: by then tiered compilation has recompiled the hot methods, whose background JIT threads the process CPU time
#     of an early round also counts, and more so for the side with more code);
#   - the CLI `check` of a generated CHECK_NODES-element YAML design to a text report (with --max-nodes raised: the
#     100,000-element design holds more than the default 5,000,000 values): wall time and peak resident memory.
# Prints a Markdown table: the median over the runs of each side, and new/old.
#
# Settings (environment): RUNS (default 3 per side), STAGES_NODES (10000), STAGES_ROUNDS (4 rounds per stages run, the
# last one measured), CHECK_NODES (100000; 0 skips the CLI check),
# KEEP=1 keeps the folder under /tmp (its path is printed), COMPARE_DIR to choose that folder.
set -euo pipefail

usage() { echo "usage: $0 OLD_COMMIT [NEW_COMMIT]   (NEW_COMMIT defaults to the working tree)" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
RUNS=${RUNS:-3}
STAGES_NODES=${STAGES_NODES:-10000}
STAGES_ROUNDS=${STAGES_ROUNDS:-4}
CHECK_NODES=${CHECK_NODES:-100000}

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
old_commit=$(git -C "$repo" rev-parse --verify "$1^{commit}") || usage
new_commit=
if [[ $# -eq 2 ]]; then new_commit=$(git -C "$repo" rev-parse --verify "$2^{commit}") || usage; fi

work=${COMPARE_DIR:-$(mktemp -d /tmp/threatmodel-compare.XXXXXX)}
mkdir -p "$work"
cleanup() {
  for side in old new; do
    if [[ -e "$work/$side/.git" ]]; then git -C "$repo" worktree remove --force "$work/$side" >/dev/null 2>&1 || true; fi
  done
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT

checkout() { # side commit-or-empty
  local side=$1 commit=$2 dir="$work/$1"
  rm -rf "$dir"
  if [[ -n "$commit" ]]; then
    git -C "$repo" worktree add --detach --force "$dir" "$commit" >/dev/null 2>&1
  else
    mkdir -p "$dir"
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
      | tar --null -T - -cf -) | tar -xf - -C "$dir"
  fi
}

build() { # side
  local dir="$work/$1"
  echo "building $1 ($( [[ -n "$(side_commit "$1")" ]] && git -C "$repo" rev-parse --short "$(side_commit "$1")" || echo "working tree"))" >&2
  (cd "$dir" && dotnet build benchmarks/ThreatModel.Benchmarks -c Release -v q -nologo >"$work/$1.build.log" 2>&1 \
    && dotnet build src/ThreatModel.Cli -c Release -v q -nologo >>"$work/$1.build.log" 2>&1) \
    || { echo "build of $1 failed: see $work/$1.build.log" >&2; KEEP=1; exit 1; }
}

side_commit() { [[ $1 == old ]] && echo "$old_commit" || echo "$new_commit"; }
bench() { echo "$work/$1/benchmarks/ThreatModel.Benchmarks/bin/Release/net10.0/ThreatModel.Benchmarks.dll"; }
cli() { echo "$work/$1/src/ThreatModel.Cli/bin/Release/net10.0/ThreatModel.Cli.dll"; }

checkout old "$old_commit"
checkout new "$new_commit"
build old
build new

# Each side generates its designs with its own generator, into its own temporary folder (the benchmark project caches
# generated designs under the temp folder by size).
for side in old new; do
  mkdir -p "$work/$side.tmp"
  if [[ "$CHECK_NODES" -gt 0 ]]; then
    echo "generating the $CHECK_NODES-element design for $side" >&2
    TMPDIR="$work/$side.tmp" dotnet "$(bench $side)" generate "$CHECK_NODES" "$work/$side.check.yaml" >&2
  fi
done
if [[ "$CHECK_NODES" -gt 0 ]] && ! cmp -s "$work/old.check.yaml" "$work/new.check.yaml"; then
  echo "note: the two generators make different $CHECK_NODES-element designs; each side checks its own" >&2
fi

# One results file per side: "stage<TAB>value" lines, one per run.
stages_run() { # side run
  local out="$work/$1.stages.$2.txt"
  STAGES_ONLY=analysis STAGES_ROUNDS="$STAGES_ROUNDS" TMPDIR="$work/$1.tmp" dotnet "$(bench "$1")" stages "$STAGES_NODES" >"$out" 2>&1 \
    || { echo "stages failed for $1: see $out" >&2; KEEP=1; exit 1; }
  # Lines of the last round: "    <stage>   <wall> ms (cpu <cpu>, gc paused ...": keep the CPU time.
  awk '/^  round /{delete seen; n=0} /ms \(cpu/{
         line=$0; sub(/^ +/, "", line); stage=line; sub(/ +[0-9.]+ ms \(cpu.*/, "", stage);
         cpu=line; sub(/.*\(cpu +/, "", cpu); sub(/,.*/, "", cpu);
         mb=line; sub(/.*\) +/, "", mb); sub(/ MB.*/, "", mb);
         rows[n]=stage "\t" cpu; alloc[n++]=stage "\t" mb }
       END { for (i = 0; i < n; i++) { print rows[i]; print alloc[i] > ALLOC } }' ALLOC="$work/$1.alloc.tsv.part" "$out" >>"$work/$1.cpu.tsv"
  cat "$work/$1.alloc.tsv.part" >>"$work/$1.alloc.tsv"
}

check_run() { # side
  local design="$work/$1.check.yaml" report="$work/$1.report.txt" start end rss=0 status=0
  start=$(date +%s.%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$work/$1.time.txt" dotnet "$(cli "$1")" check "$design" --max-nodes 100000000 --out "$report" >/dev/null 2>"$work/$1.check.err" || status=$?
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/$1.time.txt")
  else
    dotnet "$(cli "$1")" check "$design" --max-nodes 100000000 --out "$report" >/dev/null 2>"$work/$1.check.err" &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      local hwm; hwm=$(awk '/^VmHWM:/{print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$hwm" && "$hwm" -gt "$rss" ]] && rss=$hwm
      sleep 0.05
    done
    wait "$pid" || status=$?
  fi
  end=$(date +%s.%N)
  # Exit 1 means findings at or above the threshold: a normal outcome for a generated design.
  if [[ $status -gt 1 ]]; then echo "check failed for $1 (exit $status): see $work/$1.check.err" >&2; KEEP=1; exit 1; fi
  awk -v s="$start" -v e="$end" -v rss="$rss" -v n="$CHECK_NODES" 'BEGIN {
    printf "CLI check %s elements: wall ms\t%.0f\n", n, (e - s) * 1000
    printf "CLI check %s elements: peak RSS MB\t%.0f\n", n, rss / 1024 }' >>"$work/$1.check.tsv"
}

for run in $(seq 1 "$RUNS"); do
  for side in old new; do
    echo "run $run/$RUNS: $side stages $STAGES_NODES" >&2
    stages_run "$side" "$run"
    if [[ "$CHECK_NODES" -gt 0 ]]; then
      echo "run $run/$RUNS: $side CLI check $CHECK_NODES" >&2
      check_run "$side"
    fi
  done
done

# The table: median per stage and side, in the order the new side prints its stages.
python3 - "$work" "$(git -C "$repo" rev-parse --short "$old_commit")" "${new_commit:+$(git -C "$repo" rev-parse --short "$new_commit")}" "$RUNS" "$STAGES_NODES" <<'PY'
import os, statistics, sys
work, old_name, new_name, runs, nodes = sys.argv[1], sys.argv[2], sys.argv[3] or "working tree", sys.argv[4], sys.argv[5]

def read(side, names=None):
    values, order = {}, []
    for name in names or (f"{side}.cpu.tsv", f"{side}.check.tsv"):
        path = os.path.join(work, name)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            stage, value = line.rstrip("\n").rsplit("\t", 1)
            if stage not in values:
                values[stage] = []
                order.append(stage)
            values[stage].append(float(value))
    return values, order

old, _ = read("old")
new, order = read("new")
old_alloc, _ = read("old", [f"old.alloc.tsv"])
new_alloc, _ = read("new", [f"new.alloc.tsv"])
for stage in old:
    if stage not in new:
        order.append(stage)
# Rules on the fresh graph include the lazy graph facts the first asker pays; the warm-graph lines are the rule bodies.
order = [s for s in order if not s.startswith("fresh ")]

print(f"stages: {nodes} elements, process CPU ms of the last round (median and fastest of {runs} runs per side: on a shared "
      "machine the fastest run is the least disturbed), and MB allocated (the same in every run); CLI check: wall ms and peak RSS\n")
print(f"| stage | old `{old_name}` median | new `{new_name}` median | new/old | old fastest | new fastest | new/old | old MB | new MB | new/old |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
fmt = lambda v: "-" if v is None else f"{v:,.0f}"
ratio = lambda a, b: f"{b / a:.2f}" if a and b is not None else "-"
for stage in order:
    a = statistics.median(old[stage]) if stage in old else None
    b = statistics.median(new[stage]) if stage in new else None
    fa = min(old[stage]) if stage in old else None
    fb = min(new[stage]) if stage in new else None
    ma = statistics.median(old_alloc[stage]) if stage in old_alloc else None
    mb = statistics.median(new_alloc[stage]) if stage in new_alloc else None
    mfmt = lambda v: "-" if v is None else f"{v:,.1f}"
    print(f"| {stage.replace('|', '/')} | {fmt(a)} | {fmt(b)} | {ratio(a, b)} | {fmt(fa)} | {fmt(fb)} | {ratio(fa, fb)} | {mfmt(ma)} | {mfmt(mb)} | {ratio(ma, mb)} |")
PY
