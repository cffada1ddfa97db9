#!/usr/bin/env bash
# The reviewer's configuration: on a pull request from the base branch (the pull request's own copy is ignored), else
# from this commit; without one, none (a missing configuration is not an error).
# In: CONFIG (a path in the repository, may be empty), GITHUB_EVENT_NAME, GITHUB_BASE_REF.
# Out: step output `path` (a file, or `none` for `threatmodel --config none`).
set -euo pipefail
config="${RUNNER_TEMP}/threatmodel.config.yaml"
rm -f "$config"
if [ -n "${CONFIG:-}" ]; then
  if [ "$GITHUB_EVENT_NAME" = "pull_request" ]; then
    base="origin/${GITHUB_BASE_REF}"
    if git cat-file -e "${base}:${CONFIG}" 2>/dev/null; then
      git show "${base}:${CONFIG}" > "$config"
      echo "Reviewer configuration: ${CONFIG} from ${base}."
    elif [ -f "$CONFIG" ]; then
      echo "Reviewer configuration: none (${CONFIG} is not on ${base}; the pull request's own copy is not used)."
    fi
  elif [ -f "$CONFIG" ]; then
    cp "$CONFIG" "$config"
    echo "Reviewer configuration: ${CONFIG}."
  fi
fi
if [ -f "$config" ]; then echo "path=$config" >> "$GITHUB_OUTPUT"; else echo "path=none" >> "$GITHUB_OUTPUT"; fi
