#!/usr/bin/env python3
"""Holds the library's folders to the pipeline's order: a folder may use the
types of the folders before it in LAYERS, never of one after it (no back
edges), so that each folder can be read knowing only those before it.

    python3 Scripts/check-layout.py

MixerDecodeSupport, the module below them all, cannot see the library at
all (SwiftPM enforces that). A type's folder is where it is declared; a use
is its name in code (comments and string literals are not code). Prints each
back edge with the files and names that make it, and exits 1 when there is one.
"""
import collections
import re
import sys
from pathlib import Path

LIBRARY = Path('Sources/MixerDecode')
# Each folder's job, in pipeline order.
LAYERS = [
    'Wire',         # protobuf's wire format: varints, tags, lengths, skipping
    'Dictionary',   # Mixer's global words and attribute manifest (generated tables)
    'Messages',     # the Mixer messages as decoded, indices unresolved
    'Location',     # where things are: byte offsets, lines, streams
    'Findings',     # what is worth telling, and the cap on how much
    'Decoding',     # binary messages to the model
    'TextFormat',   # DebugString text to the same model
    'Encoding',     # the model back to bytes and text (fixtures, `encode`)
    'Expression',   # Mixer's expression language (CEXL): parsed, checked, evaluated as Mixer does
    'Resolution',   # word indices to names and values, as Mixer resolves them
    'Diagnostics',  # what Mixer's metrics make of each record
    'Rendering',    # text, NDJSON and summary output
    'Log',          # Envoy logs: lines, streams, dumps, fragments
    'Input',        # the forms of binary input: detection, frames, classification
    'Pipeline',     # the entry points: any input to emitted requests
]
# Top-level declarations only (column 0): nested types and generic
# parameters are found through their enclosing type.
DECLARATION = re.compile(r'^(?:(?:public|package|private|fileprivate|internal|final|indirect)\s+)*(?:struct|enum|class|protocol|actor|typealias)\s+(\w+)', re.M)


def code_of(text):
    """The text without comments and string literals."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    lines = []
    for line in text.split('\n'):
        line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
        lines.append(line.split('//', 1)[0])
    return '\n'.join(lines)


def main():
    folders = sorted(p.name for p in LIBRARY.iterdir() if p.is_dir() and p.suffix != '.docc')
    unknown = set(folders) - set(LAYERS)
    if unknown:
        print(f'check-layout: folders without a place in LAYERS: {sorted(unknown)}')
        return 1
    owner = {}
    codes = {}
    for path in LIBRARY.glob('*/*.swift'):
        code = code_of(path.read_text())
        codes[path] = code
        for name in DECLARATION.findall(code):
            owner.setdefault(name, path.parent.name)
    back_edges = collections.defaultdict(set)
    for path, code in codes.items():
        folder = path.parent.name
        for name in set(re.findall(r'\b[A-Z]\w*\b', code)):
            target = owner.get(name)
            if target and LAYERS.index(target) > LAYERS.index(folder):
                back_edges[(folder, target)].add(f'{path.name}: {name}')
    for (folder, target), uses in sorted(back_edges.items()):
        print(f'{folder} -> {target} (after it): {", ".join(sorted(uses))}')
    return 1 if back_edges else 0


if __name__ == '__main__':
    sys.exit(main())
