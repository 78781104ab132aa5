"""Running protoc, the independent encoder: encoding .txtpb files part by
part, encoding wire-view fragments, and checking the real schema decodes."""

import subprocess

from .paths import REAL_INCLUDES, ROOT, WIRE_INCLUDES

# The real schema's message type and file for each kind of message.
REAL_TYPES = {
    "report": ("istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"),
    "check": ("istio.mixer.v1.CheckRequest", "istio/mixer/v1/check.proto"),
    "attributes": ("istio.mixer.v1.Attributes", "istio/mixer/v1/attributes.proto"),
    "check-response": ("istio.mixer.v1.CheckResponse", "istio/mixer/v1/check.proto"),
}


def protoc(args, data):
    r = subprocess.run(["protoc"] + args, input=data, cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError("protoc %s failed:\n%s" % (" ".join(args), r.stderr.decode()))
    return r.stdout


def encode_args(type_name, proto_file):
    includes = WIRE_INCLUDES if proto_file == "wire_view.proto" else REAL_INCLUDES
    return ["--deterministic_output", "--encode=" + type_name] + ["-I" + d for d in includes] + [proto_file]


_FRAGMENT_CACHE = {}


def wire_encode(type_name, text):
    """protoc-encode a small wire-view message (a fragment of a larger one)."""
    key = (type_name, text)
    if key not in _FRAGMENT_CACHE:
        _FRAGMENT_CACHE[key] = protoc(encode_args("mixerdecode.wireview." + type_name, "wire_view.proto"),
                                      text.encode("utf-8"))
    return _FRAGMENT_CACHE[key]


MARK = "# @encode "


def encode_txtpb_file(path):
    """Encode a .txtpb written by the generators: each '# @encode TYPE FILE' line
    starts a part; parts are encoded separately and concatenated (protobuf
    merge semantics: concatenated encodings are one message)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    parts = []
    for line in lines:
        if line.startswith(MARK):
            type_name, proto_file = line[len(MARK):].split()
            parts.append((type_name, proto_file, []))
        elif parts:
            parts[-1][2].append(line)
    assert parts, path
    out = b""
    for type_name, proto_file, body in parts:
        out += protoc(encode_args(type_name, proto_file), "\n".join(body).encode("utf-8"))
    return out


def protoc_decode_ok(type_name, proto_file, data):
    r = subprocess.run(["protoc", "--decode=" + type_name] + ["-I" + d for d in REAL_INCLUDES] + [proto_file],
                       input=data, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode == 0
