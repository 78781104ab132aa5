#!/usr/bin/env python3
"""Holds the sources to the project's size rules: no file over 400 lines,
no function over 60. Swift (functions, initializers, subscripts) and Python
(the corpus generators). Generated code (*+Table.swift, generated/) is data,
not code, and is left out.

    python3 Scripts/check-sizes.py [DIR ...]
    # default: Sources Tests Benchmarks/Sources Oracle/Tests Fuzz/Sources Scripts

Prints each offender and exits 1 when there is one. A Swift function's
length is counted from its declaration's line to its closing brace's; a
Python one's from `def` to its last line (the ast module's line numbers).
"""
import ast
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


def python_functions(source):
    """(name, first line, length) of every function in a Python module."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def main(roots):
    offenders = []
    for root in roots:
        for path in sorted(Path(root).rglob('*.py')):
            source = path.read_text()
            lines = source.count('\n')
            if lines > MAX_FILE_LINES:
                offenders.append(f'{path}: {lines} lines (at most {MAX_FILE_LINES})')
            for name, start, length in python_functions(source):
                if length > MAX_FUNCTION_LINES:
                    offenders.append(f'{path}:{start}: {length}-line function (at most {MAX_FUNCTION_LINES}): {name}')
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
    sys.exit(main(sys.argv[1:] or ['Sources', 'Tests', 'Benchmarks/Sources', 'Oracle/Tests', 'Fuzz/Sources', 'Scripts']))
