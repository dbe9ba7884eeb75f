#!/usr/bin/env bash
# Developer helper: brings a library's PublicAPI.Unshipped.txt in line with the code after an API change.
# Usage: bash eng/sync-public-api.sh [src/PROJECT]   (default: src/CustomerAgent)
# Builds the library, adds every symbol RS0016 reports as undeclared, removes every symbol RS0017 reports as gone,
# and keeps the file in ordinal order. Review the diff before committing: it is the public API change.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-src/CustomerAgent}
project=$dir/$(basename "$dir").csproj
file=$dir/PublicAPI.Unshipped.txt
log=$(mktemp)
dotnet build "$project" -c Release -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
grep -E "RS001[67]" "$log" | grep -F "$project" > "$log.own" || true
mv "$log.own" "$log"
python3 - "$log" "$file" <<'PY'
import re, sys
log, path = sys.argv[1], sys.argv[2]
text = open(log, encoding='utf-8').read()
add = set(re.findall(r"RS0016: Symbol '(.*?)' is not part of the declared public API", text))
remove = set(re.findall(r"RS0017: Symbol '(.*?)' is part of the declared API", text))
lines = open(path, encoding='utf-8').read().splitlines()
header, body = lines[0], [l for l in lines[1:] if l.strip()]
body = sorted((set(body) - remove) | add, key=lambda s: s.encode('utf-8'))
open(path, 'w', encoding='utf-8').write('\n'.join([header] + body) + '\n')
print(f"public API: +{len(add)} -{len(remove)}")
PY
rm -f "$log"
