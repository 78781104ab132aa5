#!/usr/bin/env python3
"""Holds the Swift sources to the project's size rules: no file over 400
lines, no function (or initializer, or closure-bodied property) over 60.
Generated tables (*+Table.swift) are data, not code, and are left out.

    python3 Scripts/check-sizes.py [DIR ...]    # default: Sources

Prints each offender and exits 1 when there is one. A function's length is
counted from its `func`/`init` line to the line of its closing brace.
"""
import re
import sys
from pathlib import Path

MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
DECLARATION = re.compile(r'^\s*(?:@[\w()]+\s+)*(?:(?:public|private|fileprivate|internal|package|static|mutating|override|final|nonisolated|@inline\(__always\)|@inline\(never\))\s+)*(?:func\s+\S+|init[?!]?\s*[(<]|subscript\s*[(<])')


def strip_strings_and_comments(line):
    """The line without string literals and // comments, for brace counting."""
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    return line.split('//', 1)[0]


def functions(lines):
    """(name line, first line number, length) of every declaration with a body."""
    for index, line in enumerate(lines):
        if not DECLARATION.match(line):
            continue
        depth = 0
        opened = False
        for end in range(index, len(lines)):
            code = strip_strings_and_comments(lines[end])
            depth += code.count('{') - code.count('}')
            opened = opened or '{' in code
            if opened and depth <= 0:
                yield line.strip(), index + 1, end - index + 1
                break
            if not opened and end > index + 15:
                break  # a protocol requirement: no body


def main(roots):
    offenders = []
    for root in roots:
        for path in sorted(Path(root).rglob('*.swift')):
            if path.name.endswith('+Table.swift') or '/generated/' in str(path) or 'Generated' in str(path):
                continue
            lines = path.read_text().splitlines()
            if len(lines) > MAX_FILE_LINES:
                offenders.append(f'{path}: {len(lines)} lines (at most {MAX_FILE_LINES})')
            for name, start, length in functions(lines):
                if length > MAX_FUNCTION_LINES:
                    offenders.append(f'{path}:{start}: {length}-line function (at most {MAX_FUNCTION_LINES}): {name[:80]}')
    for offender in offenders:
        print(offender)
    return 1 if offenders else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:] or ['Sources']))
