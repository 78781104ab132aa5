"""The damaged files of Corpus/broken, in manifest order. Each function
makes a group of them from report-1.3-mixed's bytes (files: a broken.BrokenFiles,
whose add() writes a file and its manifest entry); the offsets come from
walking the good bytes, and every assumption about them is asserted."""

from .renderings import grpc_frame
from .wire import enc_varint, fields


def cut_files(files):
    """Cuts: inside a varint, inside a length prefix, inside a record, and
    right after a record (well-formed, nothing marks the cut)."""
    src, recs, n, gwc, add = files.src, files.recs, files.n, files.gwc, files.add
    all_recs = list(range(n))

    # 1. Cut inside the 2-byte global_word_count varint (222 = 0xde 0x01).
    assert gwc["end"] - gwc["value_off"] == 2
    cut = gwc["value_off"] + 1
    add("truncated-mid-varint.bin", src[:cut],
        "cut after the first byte of the 2-byte global_word_count varint (top level)",
        ["truncated"], gwc["value_off"], n, all_recs, True)

    # 2. Cut inside a record's 2-byte length prefix.
    k = next(i for i in range(3, n) if recs[i]["payload"] - recs[i]["len_off"] == 2)
    add("truncated-mid-length.bin", src[:recs[k]["len_off"] + 1],
        "cut after the first byte of record %d's 2-byte length prefix" % k,
        ["truncated"], recs[k]["len_off"], k, list(range(k)), False)

    # 3. Cut in the middle of record 2's payload.
    r = recs[2]
    cut = r["payload"] + (r["payload_end"] - r["payload"]) // 2
    add("truncated-mid-record.bin", src[:cut],
        "cut in the middle of record 2's payload (%d of %d payload bytes kept)"
        % (cut - r["payload"], r["payload_end"] - r["payload"]),
        ["truncated"], r["len_off"], 2, [0, 1], False)

    # 4. Cut exactly after record 3: still a well-formed message.
    cut = recs[3]["end"]
    add("truncated-after-record.bin", src[:cut],
        "cut right after the last byte of record 3 (default_words, global_word_count and "
        "repeated_attributes_semantics are lost)",
        ["dictionary-mismatch", "unknown-index"], None, 4, [0, 1, 2, 3], False,
        note="No structural damage: the bytes are a complete ReportRequest with 4 records, "
             "global_word_count 0 (absent) and field 4 absent (= DELTA_ENCODING). Nothing marks "
             "the cut; the decoder should report dictionary-mismatch (count 0) and unknown-index "
             "for every negative index (no default_words). As a delta batch the 4 full records "
             "overlay each other. The framed copy truncated-after-record.grpc makes the cut "
             "detectable.")


def bad_varint_and_lengths(files):
    """A varint longer than 10 bytes, a length past the end of the input, and
    a length past the end of its enclosing record."""
    src, recs, n, gwc, add = files.src, files.recs, files.n, files.gwc, files.add
    all_recs = list(range(n))

    # 5. global_word_count value replaced by 11 bytes 0xff.
    data = src[:gwc["value_off"]] + b"\xff" * 11 + src[gwc["end"]:]
    add("varint-11-ff.bin", data,
        "global_word_count's value replaced by 11 bytes 0xff (a varint may have at most 10 bytes)",
        ["malformed"], gwc["value_off"], n, all_recs, True)

    # 6. The last record's length points past the end of the input.
    r = recs[-1]
    width = r["payload"] - r["len_off"]
    new_len = len(src) - r["payload"] + 16
    lv = enc_varint(new_len)
    assert len(lv) == width, (len(lv), width)
    data = src[:r["len_off"]] + lv + src[r["payload"]:]
    add("length-past-end.bin", data,
        "record %d's length prefix set to %d (the input has %d bytes after it)"
        % (n - 1, new_len, len(src) - r["payload"]),
        ["truncated"], r["len_off"], n - 1, list(range(n - 1)), False)

    # 7. Damage inside record 2 whose own length is intact: its last
    # length-delimited entry claims 127 bytes, past the end of record 2.
    r = recs[2]
    inner = fields(src, r["payload"], r["payload_end"])
    last = [f for f in inner if f["wt"] == 2][-1]
    assert last["payload"] - last["len_off"] == 1
    assert last["payload"] + 127 > r["payload_end"] and last["payload"] + 127 <= len(src)
    data = src[:last["len_off"]] + b"\x7f" + src[last["payload"]:]
    add("damage-inside-record-2.bin", data,
        "inside record 2 (outer length intact) the length of its last map entry set to 127, "
        "past the end of record 2",
        ["malformed"], last["len_off"], 2, [0, 1, 3, 4], True)


def bad_tags(files):
    """Tags the wire format forbids: wire types 6 and 7, field number 0, an
    end group that was never started."""
    src, recs, n, gwc, add = files.src, files.recs, files.n, files.gwc, files.add
    all_recs = list(range(n))

    # 8. Wire type 6 in the tag of record 3 (top level).
    r = recs[3]
    assert src[r["tag_off"]] == 0x0A
    data = src[:r["tag_off"]] + b"\x0e" + src[r["tag_off"] + 1:]
    add("wire-type-6.bin", data, "top-level tag of record 3 changed from 0x0a to 0x0e "
        "(field 1, wire type 6)", ["malformed"], r["tag_off"], 3, [0, 1, 2], False)

    # 9. Wire type 7 in the first map-entry tag inside record 1.
    r = recs[1]
    first = fields(src, r["payload"], r["payload_end"])[0]
    old = src[first["tag_off"]]
    assert old & 7 == 2 and old < 0x80
    data = src[:first["tag_off"]] + bytes([(old & ~7) | 7]) + src[first["tag_off"] + 1:]
    add("wire-type-7.bin", data, "inside record 1 (outer length intact) the first map-entry tag "
        "changed from 0x%02x to 0x%02x (wire type 7)" % (old, (old & ~7) | 7),
        ["malformed"], first["tag_off"], 1, [0, 2, 3, 4], True)

    # 10. Field number 0: the global_word_count tag 0x18 becomes 0x00.
    assert src[gwc["tag_off"]] == 0x18
    data = src[:gwc["tag_off"]] + b"\x00" + src[gwc["tag_off"] + 1:]
    add("field-number-0.bin", data, "top-level tag of global_word_count changed from 0x18 to 0x00 "
        "(field number 0, wire type 0)", ["malformed"], gwc["tag_off"], n, all_recs, True)

    # 11. An end-group tag with no start group, inside record 0.
    r = recs[0]
    first = fields(src, r["payload"], r["payload_end"])[0]
    old = src[first["tag_off"]]
    new = ((old >> 3) << 3) | 4
    data = src[:first["tag_off"]] + bytes([new]) + src[first["tag_off"] + 1:]
    add("end-group-without-start.bin", data, "inside record 0 (outer length intact) the first "
        "map-entry tag changed from 0x%02x to 0x%02x (end group of field %d, never started)"
        % (old, new, old >> 3), ["malformed"], first["tag_off"], 0, [1, 2, 3, 4], True)


def deep_and_huge(files):
    """Groups nested past the decoder's limit, and a length of 0x7fffffff."""
    src, recs, n, add = files.src, files.recs, files.n, files.add
    all_recs = list(range(n))

    # 12. 200 nested groups (unknown field 15) after the last record.
    at = recs[-1]["end"]
    data = src[:at] + b"\x7b" * 200 + b"\x7c" * 200 + src[at:]
    add("nested-group-200.bin", data, "inserted after the last record: 200 start-group tags of "
        "field 15 (0x7b) then 200 end-group tags (0x7c)", ["limit-exceeded", "unknown-field"], at + 100, n, all_recs,
        False, note="Well-formed wire data, but nested deeper than the decoder's default limit of 100 "
        "groups (protobuf's default recursion limit; --max-depth raises it): the offset is the "
        "start-group tag that opens level 101. A decoder cannot find the end of the group without walking it, so "
        "default_words after it is lost.")

    # 13. Record 0's length replaced by 0x7fffffff.
    r = recs[0]
    data = src[:r["len_off"]] + b"\xff\xff\xff\xff\x07" + src[r["payload"]:]
    add("length-7fffffff.bin", data, "record 0's length prefix replaced by the 5-byte varint "
        "0x7fffffff (ff ff ff ff 07)", ["truncated"], r["len_off"], 0, [], False)


def broken_frames(files):
    """gRPC streams: a broken frame between intact ones, and a frame whose
    body is cut."""
    src, recs, add = files.src, files.recs, files.add

    # 14. gRPC stream whose 2nd frame is broken (wire type 7 in the top-level
    # tag of its record 2) while frames 1 and 3 are intact.
    f0 = files.sources["report-1.1-healthy-http"]
    f2 = files.sources["report-1.1-http"]
    r = recs[2]
    body = src[:r["tag_off"]] + b"\x0f" + src[r["tag_off"] + 1:]
    stream = grpc_frame(f0) + grpc_frame(body) + grpc_frame(f2)
    offset = len(grpc_frame(f0)) + 5 + r["tag_off"]
    add("frames-second-broken.grpc", stream, "three gRPC frames (report-1.1-healthy-http, "
        "report-1.3-mixed, report-1.1-http); in frame 1 the top-level tag of record 2 changed "
        "from 0x0a to 0x0f (wire type 7); frame lengths intact",
        ["malformed"], offset, 2, [0, 1], False, frame=1,
        source=["binary/report-1.1-healthy-http.bin", files.source_path, "binary/report-1.1-http.bin"],
        note="Frames 0 and 2 decode completely (expected objects: the sources' expected.json). "
             "completeRecordsBefore/decodableRecords refer to frame 1.")

    # 15. One gRPC frame whose body is cut right after record 3.
    cut = recs[3]["end"]
    data = grpc_frame(src)[:5 + cut]
    add("truncated-after-record.grpc", data, "gRPC frame announcing %d bytes, body cut right "
        "after record 3 (%d bytes present)" % (len(src), cut),
        ["truncated"], 1, 4, [0, 1, 2, 3], False, frame=0,
        note="The frame's declared length runs past the end of the input: the offset is the "
             "first byte of the frame's 4-byte length field.")


CASES = [cut_files, bad_varint_and_lengths, bad_tags, deep_and_huge, broken_frames]
