"""Reading DebugString text (for the expectations): the block tree of one
dump, what the reader noticed (malformed lines, headless fragments, nesting
past the limit), and accessors for the fields it read.

One item per line, as C++ DebugString writes it: `name {`, `}`, or
`name: value`. Structure comes from the braces only (indentation is not
trusted). A `}` with no open block closes a block that began before the
text (a fragment that starts mid-message): everything read so far at that
level becomes the content of a "headless" block, which is incomplete.
Blocks still open when the text ends are incomplete too.
"""

import re

from ..values import FIELD_OF_KIND
from .textstrings import read_string


IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
DEPTH_LIMIT = 100  # protobuf's default recursion limit, as the binary decoder


class Block:
    __slots__ = ("name", "line", "col", "items", "closed", "depth")

    def __init__(self, name, line, col, depth):
        self.name = name      # None for a headless block (its start is not in the text)
        self.line = line      # index of the dump line
        self.col = col        # 0-based column in the dump line
        self.items = []
        self.closed = False
        self.depth = depth

    @property
    def complete(self):
        return self.name is not None and self.closed


class Field:
    __slots__ = ("name", "value", "line", "col", "problems")

    def __init__(self, name, value, line, col, problems):
        self.name = name
        self.value = value    # ("string", bytes) or ("token", str)
        self.line = line
        self.col = col
        self.problems = problems  # [(dump line index, column, message)]


class Parse:
    """The block tree of one dump plus what the reader noticed."""

    def __init__(self, lines):
        self.root = Block("<root>", 0, 0, 0)
        self.root.closed = True
        self.headless = 0            # `}` with nothing open: the text starts mid-message
        self.open_at_end = False     # the text ends inside a block
        self.malformed = []          # (line index, col, message, innermost named block chain)
        self.limit = None            # (line index, col) of the block that opens level 101
        stack = [self.root]
        for li, raw in enumerate(lines):
            self._line(stack, li, raw.rstrip(" \t\r"))
        self.open_at_end = len(stack) > 1

    def _line(self, stack, li, s):
        """One line: a closing brace, a block that opens, a field, or none of them."""
        i = len(s) - len(s.lstrip(" \t"))
        if i == len(s):
            return
        if s[i] == "}" and s[i + 1:].strip() == "":
            self._close(stack)
            return
        m = IDENT.match(s, i)
        if not m:
            self.malformed.append((li, i, "not a field", list(stack)))
            return
        name = m.group(0)
        j = m.end()
        while j < len(s) and s[j] in " \t":
            j += 1
        if j < len(s) and s[j] == "{" and s[j + 1:].strip() == "":
            self._open(stack, name, li, i)
        elif j < len(s) and s[j] == ":":
            self._field(stack, name, li, i, s, j + 1)
        else:
            self.malformed.append((li, i, "not a field", list(stack)))

    def _close(self, stack):
        if len(stack) > 1:
            stack[-1].closed = True
            stack.pop()
            return
        # Nothing open: the text began inside a block. Wrap everything read
        # so far in a headless block.
        inner = Block(None, 0, 0, 1)
        inner.items = self.root.items
        inner.closed = True
        for b in child_blocks(inner.items):
            _shift_depth(b, 1)
        self.root.items = [inner]
        self.headless += 1

    def _open(self, stack, name, li, i):
        b = Block(name, li, i, len(stack))
        stack[-1].items.append(b)
        stack.append(b)
        if b.depth > DEPTH_LIMIT and self.limit is None:
            self.limit = (li, i, list(stack[:-1]))

    def _field(self, stack, name, li, i, s, j):
        """`name: value`; j is just after the colon."""
        while j < len(s) and s[j] in " \t":
            j += 1
        if j < len(s) and s[j] in "\"'":
            value, end, problems = read_string(s, j, li)
            f = Field(name, ("string", value), li, i, problems)
            rest = s[end:]
        else:
            tok = re.match(r"[^\s]+", s[j:])
            f = Field(name, ("token", tok.group(0) if tok else ""), li, i, [])
            rest = s[j + (tok.end() if tok else 0):]
        if rest.strip():
            f.problems.append((li, len(s) - len(rest), "text after the value"))
        stack[-1].items.append(f)
        for p in f.problems:
            self.malformed.append(p + (list(stack),))


def child_blocks(items):
    return [x for x in items if isinstance(x, Block)]


def _shift_depth(block, by):
    todo = [block]
    while todo:
        b = todo.pop()
        b.depth += by
        todo.extend(child_blocks(b.items))


def fields(block, name):
    return [x for x in block.items if isinstance(x, Field) and x.name == name]


def field(block, name, default=None):
    found = fields(block, name)
    return found[-1] if found else default


def tok(f):
    assert f.value[0] == "token", (f.name, f.value)
    return f.value[1]


def as_int(f, default=0):
    return default if f is None else int(tok(f), 0)


def as_bytes(f):
    assert f.value[0] == "string", (f.name, f.value)
    return f.value[1]


def as_double(f):
    t = tok(f)
    return {"inf": float("inf"), "-inf": float("-inf"), "nan": float("nan")}.get(t) or float(t)


def as_bool(f):
    return {"true": True, "false": False}[tok(f)]


def as_word(f):
    b = as_bytes(f)
    return b.decode("utf-8")


MAP_KINDS = {v: k for k, v in FIELD_OF_KIND.items()}  # "strings" -> "string"
RECORD_FIELDS = set(MAP_KINDS) | {"words"}
