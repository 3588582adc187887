#!/usr/bin/env python3
"""Prints each product module's line coverage from JaCoCo's aggregated CSV and fails when one is below the minimum,
or when a module the coverage POM lists is missing from the report.

   check-coverage.py <jacoco.csv> <minimum percent> <the coverage module's pom.xml>
"""
import csv
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

report, minimum, pom = sys.argv[1], float(sys.argv[2]), sys.argv[3]
POM = '{http://maven.apache.org/POM/4.0.0}'
listed = {d.findtext(POM + 'artifactId') for d in ET.parse(pom).getroot().iter(POM + 'dependency')}
lines = defaultdict(lambda: [0, 0])
with open(report, newline='') as f:
    for row in csv.DictReader(f):
        # report-aggregate names each group '<this module's name>/<artifactId>'
        counts = lines[row['GROUP'].rsplit('/', 1)[-1]]
        counts[0] += int(row['LINE_COVERED'])
        counts[1] += int(row['LINE_COVERED']) + int(row['LINE_MISSED'])

missing = sorted(listed - lines.keys())
if missing:
    print(f"coverage: {', '.join(missing)} not in {report}", file=sys.stderr)
    sys.exit(1)

below = []
print(f"line coverage (minimum {minimum:g} %), report: {report.rsplit('/', 1)[0]}/index.html")
for module, (covered, total) in sorted(lines.items()):
    percent = 100.0 * covered / total if total else 100.0
    mark = '' if percent >= minimum else '   below'
    print(f"  {module:24s} {percent:5.1f} %  {covered:6d} of {total:6d} lines{mark}")
    if percent < minimum:
        below.append(module)
covered = sum(c for c, _ in lines.values())
total = sum(t for _, t in lines.values())
print(f"  {'all':24s} {100.0 * covered / total:5.1f} %  {covered:6d} of {total:6d} lines")
if below:
    print(f"coverage: {', '.join(below)} below {minimum:g} %", file=sys.stderr)
    sys.exit(1)
