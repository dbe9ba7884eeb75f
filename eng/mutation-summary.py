"""Prints the mutation score per folder of src/CustomerAgent from a Stryker JSON report (mutation-report.json).

Score = (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored mutants are left out,
as Stryker does. Also lists every surviving mutant (file:line, mutator, replacement) so each can be killed or explained.
"""
import json
import sys
from collections import defaultdict

report = json.load(open(sys.argv[1], encoding="utf-8"))
detected = {"Killed", "Timeout"}
counted = detected | {"Survived", "NoCoverage"}
per_folder = defaultdict(lambda: defaultdict(int))
survivors = []
for path, data in report["files"].items():
    rel = path.replace("\\", "/").split("src/CustomerAgent/")[-1]
    folder = rel.split("/")[0] if "/" in rel else "(root)"
    for m in data["mutants"]:
        per_folder[folder][m["status"]] += 1
        per_folder["TOTAL"][m["status"]] += 1
        if m["status"] in ("Survived", "NoCoverage"):
            survivors.append(f'{rel}:{m["location"]["start"]["line"]} {m["status"]} {m["mutatorName"]}: {m.get("replacement", "")[:80]!r}')

print("| folder | killed | timeout | survived | no coverage | compile error | ignored | score |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for folder in sorted(per_folder, key=lambda f: (f == "TOTAL", f)):
    c = per_folder[folder]
    denominator = sum(c[s] for s in counted)
    score = 100.0 * sum(c[s] for s in detected) / denominator if denominator else 100.0
    print(f'| {folder} | {c["Killed"]} | {c["Timeout"]} | {c["Survived"]} | {c["NoCoverage"]} | {c["CompileError"]} | {c["Ignored"]} | {score:.1f} % |')
print()
print(f"{len(survivors)} surviving mutants:")
for s in sorted(survivors):
    print("  " + s)
