#!/usr/bin/env python3
"""Regenerate mixerdecode's test corpus (everything under Corpus/ except
Corpus/README.md) from symbolic scenario descriptions.

Pipeline, per scenario:

1. The scenario is written in Python as data (mixercorpus/scenarios_*.py):
   a release (which fixes global_word_count), the records as dicts
   attribute-name -> typed value, and for Report batches the
   repeated_attributes_semantics.
2. The records are compressed the way istio-proxy's AttributeCompressor
   does it (src/istio/mixerclient/attribute_compressor.cc): a name, a string
   value, or a string-map key/value that is in the first global_word_count
   words of the global dictionary gets its global index; any other word gets
   a slot in the batch's message dictionary (ReportRequest.default_words, or
   the record's own `words` for a Check or a record that asks for it) in
   order of first use, and is referenced as -(slot + 1). Delta batches (0.8,
   1.0) carry in record k only what changed since record k-1, like the real
   proxy.
3. The compressed form is written as protobuf text format (NAME.txtpb) and
   protoc encodes that file into NAME.bin. protoc is the independent encoder:
   no good message is hand-encoded here. Shapes the real schema cannot
   express (repeated map keys, entries missing key or value, value before
   key, unknown fields, groups) use Scripts/corpus/wire_view.proto, still
   encoded by protoc; only Corpus/broken/ is made by byte surgery.
4. NAME.expected.json is computed from the description (never by decoding
   NAME.bin) with Mixer's rules; for well-formed scenarios an independent
   cross-check compares it with the symbolic records before compression.

Run from anywhere: python3 Scripts/corpus/generate.py (or generate.sh, which
also checks every .bin with protoc --decode). Needs python3 (stdlib only)
and protoc on PATH (Debian: apt-get install protobuf-compiler; the
well-known types are expected in /usr/include, override with
PROTOC_INCLUDE=dir).

The code is in mixercorpus/, one module per concern (see its __init__.py);
this file only runs it.
"""

import os
import sys

# The building blocks live in the mixercorpus package next to this file; no
# __pycache__ is left in the repository when they are imported.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mixercorpus.binary_corpus import main  # noqa: E402

if __name__ == "__main__":
    main()
