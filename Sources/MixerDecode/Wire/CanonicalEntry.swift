/// The fast path for map entries as encoders write them: `key` (field 1,
/// varint) then `value` (field 2), nothing else, each once. Every Mixer
/// request is mostly such entries, so they are read here without the
/// general entry loop; anything else (fields out of order, a missing or
/// repeated field, unknown fields, damage) returns nil and the caller
/// decodes the same bytes with the general decoder, which explains it.
///
/// Each reader takes a cursor spanning exactly one entry and never moves it.
extension WireCursor {
    /// `08 key 10 value`: `map<sint32, sint32>`, `map<sint32, int64>`, `map<sint32, bool>`.
    @inline(__always)
    func canonicalVarintEntry() -> (key: UInt64, value: UInt64)? {
        canonicalEntry(valueTag: 0x10) { $0.readVarint() }
    }

    /// `08 key 11 <8 bytes>`: `map<sint32, double>`.
    @inline(__always)
    func canonicalFixed64Entry() -> (key: UInt64, value: UInt64)? {
        canonicalEntry(valueTag: 0x11) { $0.readFixed64() }
    }

    /// `08 key 12 length <bytes>` (bytes, `StringMap`, `Timestamp`,
    /// `Duration`): the key and a cursor over the value's bytes.
    @inline(__always)
    func canonicalMessageEntry() -> (key: UInt64, value: WireCursor)? {
        canonicalEntry(valueTag: 0x12) { cursor in
            guard let length = cursor.readLength() else { return nil }
            let value = cursor.nested(length: length)
            cursor.position += length
            return value
        }
    }

    /// `08 key`, then `valueTag` and what `readValue` reads, which must end
    /// the entry.
    @inline(__always)
    private func canonicalEntry<Value>(
        valueTag: UInt8, readValue: (inout WireCursor) -> Value?
    ) -> (key: UInt64, value: Value)? {
        var cursor = self
        guard cursor.consume(tagByte: 0x08), let key = cursor.readVarint(),
              cursor.consume(tagByte: valueTag), let value = readValue(&cursor), cursor.isAtEnd
        else { return nil }
        return (key, value)
    }

    /// `08 seconds 10 nanos` (either may be absent, as encoders leave out
    /// zeros): the body of a `Timestamp` or `Duration`, spanning the cursor.
    @inline(__always)
    func canonicalSecondsAndNanos() -> (seconds: Int64, nanos: Int32)? {
        var cursor = self
        var seconds: UInt64 = 0
        var nanos: UInt64 = 0
        if cursor.consume(tagByte: 0x08) {
            guard let value = cursor.readVarint() else { return nil }
            seconds = value
        }
        if cursor.consume(tagByte: 0x10) {
            guard let value = cursor.readVarint() else { return nil }
            nanos = value
        }
        guard cursor.isAtEnd else { return nil }
        return (Int64(bitPattern: seconds), Int32(truncatingIfNeeded: nanos))
    }

    /// Steps over `tagByte` if it is the next byte.
    @inline(__always)
    private mutating func consume(tagByte: UInt8) -> Bool {
        guard nextByte == tagByte else { return false }
        position += 1
        return true
    }
}
