"""Prints the mutation score per folder of a src/ project from a Stryker JSON report (mutation-report.json).

Usage: python3 eng/mutation-summary.py [--by-file] REPORT
Folders are relative to the mutated project's folder (src/CustomerAgent/Events/... -> Events; files at its root -> (root));
--by-file gives one row per file instead (for a flat project such as src/CustomerAgent.ActivityLog). A file left out by
--mutate (none of its mutants tested, some "Removed by mutate filter") is left out of the table and the total.

Score = (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored mutants are left out,
as Stryker does. "marked equivalent" counts the ignored mutants that a `// Stryker disable … : reason` comment in the code
left out (proven equivalent: no test can tell them from the original; each comment says why); the other ignored ones are
Stryker's own filters (block already covered, method filter). Also lists every surviving mutant (file:line, mutator,
replacement) so each can be killed or explained.
"""
import json
import re
import sys
from collections import defaultdict

args = sys.argv[1:]
by_file = "--by-file" in args
args = [a for a in args if a != "--by-file"]
if len(args) != 1:
    sys.exit("usage: mutation-summary.py [--by-file] mutation-report.json")

report = json.load(open(args[0], encoding="utf-8"))
detected = {"Killed", "Timeout"}
counted = detected | {"Survived", "NoCoverage"}
per_folder = defaultdict(lambda: defaultdict(int))
survivors = []
for path, data in report["files"].items():
    normalized = path.replace("\\", "/")
    # The path inside the mutated project: after src/<project>/, else the path as given.
    match = re.search(r"(?:^|/)src/[^/]+/(.*)$", normalized)
    rel = match.group(1) if match else normalized
    if by_file:
        folder = rel
    else:
        folder = rel.split("/")[0] if "/" in rel else "(root)"
    statuses = {m["status"] for m in data["mutants"]}
    if not statuses & counted and any("mutate filter" in m.get("statusReason", "") for m in data["mutants"]):
        continue
    for m in data["mutants"]:
        per_folder[folder][m["status"]] += 1
        per_folder["TOTAL"][m["status"]] += 1
        if m["status"] == "Ignored" and not m.get("statusReason", "").startswith("Removed by"):
            per_folder[folder]["Marked"] += 1
            per_folder["TOTAL"]["Marked"] += 1
        if m["status"] in ("Survived", "NoCoverage"):
            survivors.append(f'{rel}:{m["location"]["start"]["line"]} {m["status"]} {m["mutatorName"]}: {m.get("replacement", "")[:80]!r}')

heading = "file" if by_file else "folder"
print(f"| {heading} | killed | timeout | survived | no coverage | compile error | ignored | of which marked equivalent | score |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for folder in sorted(per_folder, key=lambda f: (f == "TOTAL", f)):
    c = per_folder[folder]
    denominator = sum(c[s] for s in counted)
    score = 100.0 * sum(c[s] for s in detected) / denominator if denominator else 100.0
    print(f'| {folder} | {c["Killed"]} | {c["Timeout"]} | {c["Survived"]} | {c["NoCoverage"]} | {c["CompileError"]} | {c["Ignored"]} | {c["Marked"]} | {score:.1f} % |')
print()
print(f"{len(survivors)} surviving mutants:")
for s in sorted(survivors):
    print("  " + s)
