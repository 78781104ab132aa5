"""The messages the logs print: Corpus/binary scenarios (Source) and extra
messages built from the binary corpus's blocks (Built), both as protoc's
DebugString text."""

import json
import os

from ..expectations import cross_check, expected_object
from ..paths import BINARY, SYSTEM_INCLUDE
from ..protoc import protoc, REAL_TYPES
from ..render import render_attributes
from ..textformat import attributes_text, check_text


def protoc_encode(message, text):
    type_name, proto_file = REAL_TYPES[message]
    return protoc(["--deterministic_output", "--encode=" + type_name,
                   "-IProtos", "-I" + SYSTEM_INCLUDE, proto_file], text.encode("utf-8"))


def protoc_decode(message, data):
    """DebugString text of `data` as protoc prints it (ASCII, ends with \\n)."""
    type_name, proto_file = REAL_TYPES[message]
    out = protoc(["--decode=" + type_name, "-IProtos", "-I" + SYSTEM_INCLUDE, proto_file], data)
    text = out.decode("ascii")  # octal escapes: protoc's text is pure ASCII
    assert text.endswith("\n") or text == "", text[-50:]
    return text


class Source:
    """A Corpus/binary scenario: its bytes, protoc's text and its expected.json."""

    def __init__(self, name):
        self.name = name
        with open(os.path.join(BINARY, name + ".bin"), "rb") as f:
            self.data = f.read()
        with open(os.path.join(BINARY, name + ".expected.json"), encoding="utf-8") as f:
            self.expected = json.load(f)
        self.message = self.expected["message"]
        self.text = protoc_decode(self.message, self.data)
        self.path = "binary/%s.bin" % name


_SOURCES = {}


def src(name):
    if name not in _SOURCES:
        _SOURCES[name] = Source(name)
    return _SOURCES[name]


class Built:
    """A message described with the binary corpus's blocks (no Corpus/binary file)."""

    def __init__(self, message, txt, expected):
        self.name = None
        self.message = message
        self.data = protoc_encode(message, txt)
        self.text = protoc_decode(message, self.data)
        self.expected = expected
        self.path = None


def built_attributes(record):
    """Uncompressed Attributes of one symbolic record (what `Check attributes:`
    and `Report attributes:` print before compression)."""
    msg = {"attributes": record}
    expected = {"message": "attributes", "dictionary": None,
                "records": [{"attributes": render_attributes(record)}], "findings": []}
    return Built("attributes", "\n".join(attributes_text(msg)) + "\n", expected)


def built_check(msg):
    obj, records = expected_object(msg)
    cross_check(msg, records)
    return Built("check", "\n".join(check_text(msg)) + "\n", obj)
