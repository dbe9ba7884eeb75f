#!/usr/bin/env bash
# Mutation testing of the core library (Stryker.NET from the repository's tool manifest), then a score per folder.
# Usage: bash eng/mutation.sh [extra stryker arguments, e.g. --mutate "**/Events/*.cs"]
# Runs from the test project's folder (Stryker's project mode); settings in stryker-config.json at the repository root.
# A full run takes 15 to 30 minutes on a 2-core machine; the HTML and JSON reports land in
# tests/CustomerAgent.Tests/StrykerOutput/<date>/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
cd tests/CustomerAgent.Tests
dotnet stryker --config-file ../../stryker-config.json "$@"
report=$(ls -td StrykerOutput/*/reports/mutation-report.json | head -1)
python3 ../../eng/mutation-summary.py "$report"
