#!/usr/bin/env python3
"""Sorts the -runbundles of profile .bndrun files by bundle name.

The resolver compares the committed list with the one it computes in order (sorted by name), but
when it rewrites a file it appends new bundles at the end; run this after `-Djpxe.resolve=true`."""
import re
import sys

for path in sys.argv[1:]:
    text = open(path).read()
    m = re.search(r'^-runbundles: \\\n((?:.*\\\n)*.*$)', text, re.M)
    if not m:
        continue
    entries = [e.strip().rstrip('\\').rstrip(',').strip() for e in m.group(1).split('\n') if e.strip()]
    entries = sorted(set(entries), key=lambda e: e.split(';')[0])
    block = '-runbundles: \\\n' + ',\\\n'.join('\t' + e for e in entries)
    open(path, 'w').write(text[:m.start()] + block + text[m.end():])
