#!/usr/bin/env bash
# Builds threatmodel from the action's own source ($GITHUB_ACTION_PATH: the ref the workflow named in `uses:`), never
# from the checkout under review, and puts it on the PATH of the steps that follow.
# A framework-dependent ReadyToRun build: no C toolchain needed.
set -euo pipefail
out="${RUNNER_TEMP}/threatmodel"
dotnet publish "${GITHUB_ACTION_PATH}/src/ThreatModel.Cli" -c Release -r linux-x64 -p:PublishAot=false -o "$out"
ln -sf ThreatModel.Cli "${out}/threatmodel"
echo "$out" >> "$GITHUB_PATH"
