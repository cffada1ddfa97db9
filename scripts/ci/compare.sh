#!/usr/bin/env bash
# `threatmodel diff` of the base branch's design and baseline (git show) against the pull request's. Does not fail on
# findings: it records the exit code for the gate step.
# In: DESIGN, BASELINE (optional), FAIL_ON, THREATMODEL_CONFIG, GITHUB_BASE_REF.
# Out: step outputs `exit-code` (empty when the design is new in the pull request) and `report` (Markdown).
set -euo pipefail
base="origin/${GITHUB_BASE_REF}"
report="${RUNNER_TEMP}/threatmodel-diff.md"
rm -f "$report"
if ! git cat-file -e "${base}:${DESIGN}" 2>/dev/null; then
  echo "The design is new in this pull request; the check above is the gate."
  echo "exit-code=" >> "$GITHUB_OUTPUT"
  exit 0
fi
old="${RUNNER_TEMP}/base-design.${DESIGN##*.}"
git show "${base}:${DESIGN}" > "$old"
baselines=()
if [ -n "${BASELINE:-}" ] && git cat-file -e "${base}:${BASELINE}" 2>/dev/null; then
  git show "${base}:${BASELINE}" > "${RUNNER_TEMP}/base-baseline.json"
  baselines+=(--old-baseline "${RUNNER_TEMP}/base-baseline.json")
fi
if [ -n "${BASELINE:-}" ] && [ -f "$BASELINE" ]; then baselines+=(--baseline "$BASELINE"); fi
# Exit 1 on findings at or above --fail-on that are new or worse than on the base branch, on acceptances and baseline
# entries the pull request adds, and on thresholds it relaxes.
set +e
threatmodel diff "$old" "$DESIGN" "${baselines[@]}" \
  --config "$THREATMODEL_CONFIG" \
  --format markdown --out "$report" \
  --fail-on "$FAIL_ON"
code=$?
set -e
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -f "$report" ]; then
  echo "report=$report" >> "$GITHUB_OUTPUT"
  cat "$report" >> "$GITHUB_STEP_SUMMARY"
fi
if [ "$code" -ge 2 ]; then exit "$code"; fi
