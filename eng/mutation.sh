#!/usr/bin/env bash
# Mutation testing (Stryker.NET from the repository's tool manifest), then a score per folder (per file for the reader).
# Usage: bash eng/mutation.sh [--reader] [extra stryker arguments, e.g. --mutate "**/Events/*.cs"]
#   (default)  src/CustomerAgent, killed by tests/CustomerAgent.Tests
#   --reader   src/CustomerAgent.ActivityLog, killed by tests/CustomerAgent.ActivityLog.Tests
#              (e.g. bash eng/mutation.sh --reader --mutate "**/Applier.cs")
# Runs from the test project's folder (Stryker's project mode); settings in stryker-config.json at the repository root
# (its "project" is the core's; --reader passes --project CustomerAgent.ActivityLog.csproj instead).
# A full run of the core takes 15 to 30 minutes on a 2-core machine; the HTML and JSON reports land in
# <test project>/StrykerOutput/<date>/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=tests/CustomerAgent.Tests
project=()
summary=()
if [[ "${1:-}" == "--reader" ]]; then
  shift
  tests=tests/CustomerAgent.ActivityLog.Tests
  project=(--project CustomerAgent.ActivityLog.csproj)
  summary=(--by-file)
fi
dotnet tool restore
cd "$tests"
dotnet stryker --config-file ../../stryker-config.json ${project[@]+"${project[@]}"} "$@"
report=$(ls -td StrykerOutput/*/reports/mutation-report.json | head -1)
python3 ../../eng/mutation-summary.py ${summary[@]+"${summary[@]}"} "$report"
