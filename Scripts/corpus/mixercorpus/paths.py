"""Where the corpus generators read and write: the repository root, its data
and Corpus/ directories, and the include paths handed to protoc."""

import os


# This file is Scripts/corpus/mixercorpus/paths.py: three levels below the root.
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DATA_DIR = os.path.join(ROOT, "Scripts", "data")
CORPUS = os.path.join(ROOT, "Corpus")
BINARY = os.path.join(CORPUS, "binary")
LOGS = os.path.join(CORPUS, "logs")
SYSTEM_INCLUDE = os.environ.get("PROTOC_INCLUDE", "/usr/include")

# Paths handed to protoc are relative to ROOT (protoc runs with cwd=ROOT).
REAL_INCLUDES = ["Protos", SYSTEM_INCLUDE]
WIRE_INCLUDES = ["Scripts/corpus"]
