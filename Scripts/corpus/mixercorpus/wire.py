"""A minimal protobuf wire walker: varints and the top-level fields of a
good message, to find the offsets the broken files damage."""


def read_varint(buf, pos, end):
    start = pos
    result = 0
    shift = 0
    while True:
        if pos >= end:
            raise ValueError("varint at %d runs past %d" % (start, end))
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if pos - start >= 10:
            raise ValueError("varint at %d longer than 10 bytes" % start)


def fields(buf, start, end):
    """Top-level fields of buf[start:end] (no groups in good messages)."""
    out = []
    pos = start
    while pos < end:
        tag_off = pos
        tag, pos = read_varint(buf, pos, end)
        fno, wt = tag >> 3, tag & 7
        f = {"field": fno, "wt": wt, "tag_off": tag_off, "value_off": pos}
        if wt == 0:
            _, pos = read_varint(buf, pos, end)
        elif wt == 1:
            pos += 8
        elif wt == 5:
            pos += 4
        elif wt == 2:
            n, p2 = read_varint(buf, pos, end)
            f["len_off"] = pos
            f["payload"] = p2
            pos = p2 + n
            f["payload_end"] = pos
        else:
            raise ValueError("unexpected wire type %d at %d" % (wt, tag_off))
        f["end"] = pos
        out.append(f)
    assert pos == end
    return out


def enc_varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)
