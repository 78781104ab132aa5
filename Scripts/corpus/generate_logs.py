#!/usr/bin/env python3
"""Regenerate Corpus/logs/: Envoy debug logs that carry Mixer requests as
protobuf text (C++ DebugString), each with NAME.expected.json.

Run after generate.py (generate.sh does): the dumps are printed by
`protoc --decode` from Corpus/binary/*.bin, never by this script. protoc's
text printer is the one behind C++ DebugString (two-space indent, fields in
field-number order, map entries sorted by key, C escapes with three-digit
octal for every byte outside 0x20-0x7E). A few extra messages that have no
file in Corpus/binary (uncompressed Attributes of a request, small Checks, a
Check with a 17 KB cookie) are described with the binary corpus's building
blocks (mixercorpus), encoded by protoc and printed by protoc the same way. Only deliberately
damaged text is made here, by cutting or editing protoc's output.

Expectations come from the text: a small line-oriented reader of the
DebugString text (mixercorpus/logs/textparse.py) finds the records, map
entries and words that are complete in the text as it appears in the log,
and the binary corpus's Mixer rules (mixercorpus/mixer.py) resolve them. For every complete dump of a Corpus/binary scenario the result
must equal that scenario's expected.json (checked here), so the text reader
and the binary expectations agree before any damage is applied.

Python 3 standard library and protoc only. Deterministic: no clock, no
random module (noise bytes come from SHA-256 of fixed seeds).

The code is in mixercorpus/logs/, one module per concern (see its
__init__.py); this file only runs it:

    python3 Scripts/corpus/generate_logs.py
"""

import os
import sys

# The log builders live in mixercorpus/logs (they use the binary corpus's
# building blocks from mixercorpus); no __pycache__ is left in the repository.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mixercorpus.logs.build import main  # noqa: E402

if __name__ == "__main__":
    main()
