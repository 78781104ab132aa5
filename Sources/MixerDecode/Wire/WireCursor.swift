/// A read position inside one contiguous input buffer: the only type in the
/// library that reads the input's raw memory. `base` is private; the other
/// decoders read through the methods below, each checked against the
/// cursor's bounds.
///
/// Every read checks `position < end` before it loads, so each unchecked
/// pointer access below is in bounds as long as the cursor does not outlive
/// the `withUnsafeBufferPointer` call that made it (`WireInput.withCursor`).
///
/// Reads return `nil` when they cannot complete and leave `position` at the
/// first byte of the element they failed on. That keeps error values off the
/// hot path: the caller asks `WireFailure.diagnose` why, once, at the boundary.
/// Positions are absolute offsets in the whole input, so a failure always
/// knows its byte offset in the file.
struct WireCursor {
    private let base: UnsafePointer<UInt8>
    var position: Int
    /// End of the field or message being read.
    var end: Int
    /// End of the whole message in the input. Running past `end` when
    /// `end < inputEnd` means the bytes contradict their enclosing length
    /// (malformed); running past `inputEnd` means the input was cut (truncated).
    let inputEnd: Int

    var isAtEnd: Bool { position >= end }

    /// The byte at `position` without reading it, or nil at the end (a look
    /// at the next tag).
    @inline(__always)
    var nextByte: UInt8? {
        // Safe: position < end is checked first.
        position < end ? base[position] : nil
    }

    /// The byte at `offset`, for diagnosing a failed read, or nil outside
    /// the cursor's bytes.
    func byte(at offset: Int) -> UInt8? {
        // Safe: 0 <= offset < end is checked first.
        offset >= 0 && offset < end ? base[offset] : nil
    }

    /// The bytes of `range`, which a read on this cursor validated (a
    /// length-delimited field), without a copy.
    @inline(__always)
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // A range from readLength lies within the message; this keeps a
        // wrong one from reading past it.
        precondition(range.lowerBound >= 0 && range.upperBound <= inputEnd, "range outside the message")
        // Safe: checked just above.
        return body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }
    var remaining: Int { end - position }

    init(base: UnsafePointer<UInt8>, position: Int, end: Int, inputEnd: Int? = nil) {
        self.base = base
        self.position = position
        self.end = end
        self.inputEnd = inputEnd ?? end
    }

    /// True when this cursor's scope reaches the end of the input, so that
    /// running past it means the input was cut rather than malformed.
    var reachesInputEnd: Bool { end >= inputEnd }

    /// Reads one varint of at most 10 bytes. The one- and two-byte cases stay
    /// inline: a zigzagged word index is one byte below 64 and two bytes for
    /// the rest of the global dictionary (64 ... 221: `context.protocol` is
    /// 131, so most names take two). Longer ones go out of line.
    @inline(__always)
    mutating func readVarint() -> UInt64? {
        if position < end {
            // Safe: position < end was just checked.
            let first = base[position]
            if first < 0x80 {
                position += 1
                return UInt64(first)
            }
            if position + 1 < end {
                // Safe: position + 1 < end was just checked.
                let second = base[position + 1]
                if second < 0x80 {
                    position += 2
                    return UInt64(first & 0x7F) | UInt64(second) << 7
                }
            }
        }
        return readLongVarint()
    }

    @inline(never)
    mutating func readLongVarint() -> UInt64? {
        var result: UInt64 = 0
        var cursor = position
        for byteIndex in 0..<10 {
            guard cursor < end else { return nil }
            // Safe: cursor < end was just checked.
            let byte = base[cursor]
            cursor += 1
            // The tenth byte may only carry the 64th bit: anything more overflows.
            if byteIndex == 9 && byte > 1 { return nil }
            result |= UInt64(byte & 0x7F) << UInt64(7 * byteIndex)
            if byte < 0x80 {
                position = cursor
                return result
            }
        }
        return nil
    }

    /// Reads a tag and validates it: field number 1 ... 2^29 - 1, wire type 0-5.
    @inline(__always)
    mutating func readTag() -> FieldTag? {
        let start = position
        guard let raw = readVarint(),
              raw <= UInt64(UInt32.max),
              let wireType = WireType(rawValue: UInt8(raw & 7)),
              raw >> 3 != 0
        else {
            position = start
            return nil
        }
        return FieldTag(fieldNumber: UInt32(raw >> 3), wireType: wireType)
    }

    /// Reads a length prefix and checks that the bytes it announces are there.
    /// Lengths above `Int32.max` are refused, as every protobuf runtime does (2 GiB).
    @inline(__always)
    mutating func readLength() -> Int? {
        let start = position
        guard let raw = readVarint(), raw <= UInt64(Int32.max), Int(raw) <= end - position else {
            position = start
            return nil
        }
        return Int(raw)
    }

    mutating func readFixed64() -> UInt64? {
        guard end - position >= 8 else { return nil }
        // Safe: eight bytes from position are inside the buffer (checked above).
        let value = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
        position += 8
        return UInt64(littleEndian: value)
    }

    mutating func readFixed32() -> UInt32? {
        guard end - position >= 4 else { return nil }
        // Safe: four bytes from position are inside the buffer (checked above).
        let value = UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self)
        position += 4
        return UInt32(littleEndian: value)
    }

    /// The bytes of `range`, copied out. `range` must lie inside the buffer.
    func copyBytes(_ range: Range<Int>) -> [UInt8] {
        // Safe: callers pass ranges obtained from readLength, which checked them.
        Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// A cursor over `length` bytes from here, for a nested message.
    func nested(length: Int) -> WireCursor {
        WireCursor(base: base, position: position, end: position + length, inputEnd: inputEnd)
    }
}
