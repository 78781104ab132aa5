"""Text variants: C++ Utf8DebugString made from protoc's DebugString text."""

import re


STRING_FIELDS = ("default_words", "words", "deduplication_id", "key", "message", "string_value", "regex")
OCTAL_RUN = re.compile(r"(?:\\[0-3][0-7][0-7])+")


def utf8_debug_string(text, message):
    """C++ Utf8DebugString: like DebugString, but bytes >= 0x80 of `string`
    fields that form valid UTF-8 are written as they are (bytes fields keep
    their octal escapes). Made from protoc's DebugString text by replacing,
    in string-field lines only, octal escape runs that decode to valid
    multi-byte UTF-8."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"\s*([a-z_]+): \"", line)
        string_field = m and m.group(1) in STRING_FIELDS
        if message == "attributes" and m and m.group(1) == "key":
            string_field = True
        if string_field:
            line = OCTAL_RUN.sub(utf8_of_octal_run, line)
        out.append(line)
    return "\n".join(out)


def utf8_of_octal_run(mo):
    """A run of octal escapes with every valid UTF-8 sequence in it written
    as its character; other bytes keep their escape."""
    raw = bytes(int(x, 8) for x in mo.group(0).split("\\")[1:])
    res, i = [], 0
    while i < len(raw):
        b = raw[i]
        n = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        chunk = raw[i:i + n] if n else b""
        try:
            res.append(chunk.decode("utf-8") if n and len(chunk) == n else None)
        except UnicodeDecodeError:
            res.append(None)
        if res[-1] is None:
            res[-1] = "\\%03o" % b
            i += 1
        else:
            i += n
    return "".join(res)
