#!/usr/bin/env bash
# Mutation testing of the core library (Stryker.NET from the repository's tool manifest), then a score per folder.
# Usage: bash eng/mutation.sh [extra stryker arguments, e.g. --mutate "**/Events/*.cs"]
# A full run takes 15 to 30 minutes on a 2-core machine. The HTML and JSON reports land in StrykerOutput/<date>/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
dotnet stryker --config-file stryker-config.json "$@"
report=$(ls -td StrykerOutput/*/reports/mutation-report.json | head -1)
python3 eng/mutation-summary.py "$report"
