"""Quoted strings in DebugString text: C escapes, and what is kept (and
reported) when an escape or the string itself is broken."""
SIMPLE_ESCAPES = {"n": 0x0A, "r": 0x0D, "t": 0x09, '"': 0x22, "'": 0x27, "\\": 0x5C,
                  "a": 0x07, "b": 0x08, "f": 0x0C, "v": 0x0B, "?": 0x3F}


def read_string(s, i, li):
    """s[i] is the opening quote. Returns (bytes, end index, problems).
    Rules: unknown escapes (`\\9`, `\\q`) and `\\x` without a hex digit are
    kept as written and reported; a string not closed on its line ends at the
    end of the line and is reported at its opening quote."""
    quote = s[i]
    out = bytearray()
    problems = []
    j = i + 1
    while j < len(s):
        c = s[j]
        if c == quote:
            return bytes(out), j + 1, problems
        if c != "\\":
            out += c.encode("utf-8")
            j += 1
        else:
            j = read_escape(s, j, li, out, problems)
    problems.append((li, i, "string not closed on its line"))
    return bytes(out), len(s), problems


def read_escape(s, j, li, out, problems):
    """s[j] is a backslash: appends what the escape stands for to `out` and
    returns the index just after the escape."""
    if j + 1 >= len(s):
        problems.append((li, j, "a backslash ends the line"))
        out += b"\\"
        return j + 1
    e = s[j + 1]
    if e in SIMPLE_ESCAPES:
        out.append(SIMPLE_ESCAPES[e])
        return j + 2
    if e in "01234567":
        return read_digits(s, j + 1, 3, "01234567", 8, out)
    if e in "xX":
        end = read_digits(s, j + 2, 2, "0123456789abcdefABCDEF", 16, out)
        if end == j + 2:
            problems.append((li, j, "\\x without hex digits"))
            out += ("\\" + e).encode("utf-8")
        return end
    problems.append((li, j, "unknown escape \\" + e))
    out += ("\\" + e).encode("utf-8")
    return j + 2


def read_digits(s, k, most, digits_of, base, out):
    """Up to `most` digits from s[k]; appends their byte value (as C does,
    an octal escape above 0377 keeps its low 8 bits) and returns the index
    after them. Appends nothing when there is no digit."""
    digits = ""
    while k < len(s) and len(digits) < most and s[k] in digits_of:
        digits += s[k]
        k += 1
    if digits:
        out.append(int(digits, base) & 0xFF)
    return k
