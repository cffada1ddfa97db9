#!/usr/bin/env bash
# The verdict, after the reports are uploaded and commented: on a pull request the comparison with the base branch
# decides (the check, when the design is new in the pull request); on a push, any finding at or above FAIL_ON that
# stands fails.
# In: GITHUB_EVENT_NAME, CHECK_EXIT_CODE, DIFF_EXIT_CODE, FAIL_ON.
set -euo pipefail
if [ "$GITHUB_EVENT_NAME" = "pull_request" ] && [ -n "${DIFF_EXIT_CODE:-}" ]; then
  if [ "$DIFF_EXIT_CODE" != "0" ]; then
    echo "threatmodel diff: the pull request adds or worsens findings at or above ${FAIL_ON}, accepts findings or relaxes the review (see the summary)."
  fi
  exit "$DIFF_EXIT_CODE"
fi
if [ "${CHECK_EXIT_CODE:-}" = "1" ]; then
  echo "threatmodel found findings at or above ${FAIL_ON} that no baseline accepts."
  exit 1
fi
exit "${CHECK_EXIT_CODE:-0}"
