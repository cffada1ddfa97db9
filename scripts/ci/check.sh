#!/usr/bin/env bash
# `threatmodel check`: SARIF, Markdown and text into $RUNNER_TEMP/threatmodel-reports (outside the checkout), the text
# report in the log. Does not fail on findings (the gate step does, after the reports are uploaded and commented).
# In: DESIGN, BASELINE (optional: used when the file exists), FAIL_ON, THREATMODEL_CONFIG.
# Out: step outputs `exit-code` and `reports`.
set -euo pipefail
reports="${RUNNER_TEMP}/threatmodel-reports"
rm -rf "$reports"
baseline=()
if [ -n "${BASELINE:-}" ] && [ -f "$BASELINE" ]; then baseline+=(--baseline "$BASELINE"); fi
set +e
threatmodel check "$DESIGN" "${baseline[@]}" \
  --config "$THREATMODEL_CONFIG" \
  --format sarif --format markdown --format text \
  --output "$reports" \
  --fail-on "$FAIL_ON"
code=$?
set -e
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
echo "reports=$reports" >> "$GITHUB_OUTPUT"
cat "$reports"/*.txt 2>/dev/null || true
if [ "$code" -le 1 ]; then cat "$reports"/*.md >> "$GITHUB_STEP_SUMMARY" 2>/dev/null || true; fi
# 0: clean, 1: findings at or above --fail-on, 2: the design, a baseline or an argument is unusable, 3: a bug
if [ "$code" -ge 2 ]; then exit "$code"; fi
