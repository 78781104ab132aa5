"""The global dictionary (Scripts/data/global-dictionary.json) and the
attribute manifest: which release a global_word_count names, and which
attributes are IP addresses (printed as addresses, not base64)."""

import json
import os

from .paths import DATA_DIR


with open(os.path.join(DATA_DIR, "global-dictionary.json"), encoding="utf-8") as f:
    _DICT = json.load(f)
with open(os.path.join(DATA_DIR, "attribute-manifest-1.1.6.json"), encoding="utf-8") as f:
    _MANIFEST = json.load(f)

GLOBAL_WORDS = _DICT["words"]
GLOBAL_INDEX = {w: i for i, w in enumerate(GLOBAL_WORDS)}
assert len(GLOBAL_INDEX) == len(GLOBAL_WORDS), "duplicate global word"

# global_word_count -> release label used in expected.json. A count shared by
# several releases is named after the first of them (221: 1.1 and 1.2;
# 222: 1.3 to 1.7). 111 is the list every proxy shrinks to after a dictionary
# error ("fallback"). Any other count is "unknown" (the decoder then uses
# min(count, 222) words).
RELEASE_OF_COUNT = {_DICT["base_size"]: "fallback"}
for _rel, _n in _DICT["releases"].items():
    RELEASE_OF_COUNT.setdefault(_n, _rel)

MANIFEST_TYPES = {}
for _section, _attrs in _MANIFEST.items():
    if _section == "_meta":
        continue
    for _name, _type in _attrs.items():
        MANIFEST_TYPES.setdefault(_name, _type)
IP_ATTRIBUTES = {n for n, t in MANIFEST_TYPES.items() if t == "IP_ADDRESS"}
