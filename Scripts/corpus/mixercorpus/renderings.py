"""gRPC frames and the text forms of binaries that Corpus/text holds:
wrapped base64, plain hex, spaced hex, and xxd -p."""

import base64


def grpc_frame(body):
    return b"\x00" + len(body).to_bytes(4, "big") + body


def b64_wrapped(data):
    s = base64.b64encode(data).decode("ascii")
    return "".join(s[i:i + 76] + "\n" for i in range(0, len(s), 76))


def hex_plain(data):
    return data.hex() + "\n"


def hex_spaced(data, per_line=16):
    h = data.hex()
    pairs = [h[i:i + 2] for i in range(0, len(h), 2)]
    return "".join(" ".join(pairs[i:i + per_line]) + "\n" for i in range(0, len(pairs), per_line))


def hex_xxd_p(data):
    h = data.hex()
    return "".join(h[i:i + 60] + "\n" for i in range(0, len(h), 60))
