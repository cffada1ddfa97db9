#!/usr/bin/env bash
# Posts the report on the pull request, or updates the comment an earlier run posted (found by a hidden marker), so a
# pull request carries one threatmodel comment however often it is pushed. A token without write access (a pull
# request from a fork) leaves a warning, not a failure.
# In: REPORT (the diff's Markdown; empty when the design is new), REPORTS (the check's reports folder), GH_TOKEN,
# GITHUB_REPOSITORY, PR_NUMBER.
set -uo pipefail
marker="<!-- threatmodel-action: gate report -->"
body="${RUNNER_TEMP}/threatmodel-comment.md"
{
  echo "$marker"
  if [ -n "${REPORT:-}" ] && [ -f "$REPORT" ]; then cat "$REPORT"
  elif [ -n "${REPORTS:-}" ] && compgen -G "${REPORTS}/*.md" > /dev/null; then cat "${REPORTS}"/*.md
  else echo "threatmodel wrote no report; see the job log."; fi
} > "$body"
comments="repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments"
if ! ids=$(gh api --paginate "$comments" --jq '.[] | select(.body | startswith("<!-- threatmodel-action: gate report -->")) | .id'); then
  echo "::warning::threatmodel could not read the pull request's comments (a read-only token?); the report is in the job summary."
  exit 0
fi
id=$(printf '%s\n' "$ids" | sed -n 1p)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${id}" -F "body=@${body}" > /dev/null \
    && echo "Updated comment ${id}." \
    || echo "::warning::threatmodel could not update its comment; the report is in the job summary."
else
  gh api --method POST "$comments" -F "body=@${body}" > /dev/null \
    && echo "Posted a comment." \
    || echo "::warning::threatmodel could not post a comment; the report is in the job summary."
fi
exit 0
