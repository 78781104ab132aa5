/// Decoding of one map entry (`key = 1`, `value = 2`), as protobuf defines it:
/// fields in any order, either one missing (the default is used), a repeated
/// field replaced by the later one, unknown fields skipped.
enum FieldRead<Value> {
    case value(Value)
    case failed(WireFailure)
}

extension DecodeSession {
    /// Reads the entry in `entry` (a cursor spanning exactly the entry).
    /// `readValue` reads field 2 once its tag has the expected wire type.
    @inline(__always)
    mutating func decodeMapEntry<Value>(
        _ entry: inout WireCursor, defaultValue: Value, valueWireType: WireType, depth: Int,
        path: @autoclosure () -> String, record: Int?,
        readValue: (inout WireCursor, inout DecodeSession) -> FieldRead<Value>
    ) -> FieldRead<(key: Int32, value: Value)> {
        var key: Int32 = 0
        var value = defaultValue
        while !entry.isAtEnd {
            let tagOffset = entry.position
            guard let tag = entry.readTag() else { return .failed(.diagnose(.tag, at: entry)) }
            if tag.fieldNumber == 1 && tag.wireType == .varint {
                guard let raw = entry.readVarint() else { return .failed(.diagnose(.varint, at: entry)) }
                key = ZigZag.decode32(raw)
            } else if tag.fieldNumber == 2 && tag.wireType == valueWireType {
                switch readValue(&entry, &self) {
                case .value(let read): value = read
                case .failed(let failure): return .failed(failure)
                }
            } else {
                let expected = tag.fieldNumber == 1 ? "\(WireType.varint)"
                    : tag.fieldNumber == 2 ? "\(valueWireType)" : nil
                if let failure = skipUnknown(
                    tag, expected: expected, cursor: &entry, tagOffset: tagOffset, depth: depth,
                    path: path(), record: record)
                { return .failed(failure) }
            }
        }
        return .value((key, value))
    }
}

/// Readers of the value field of each map kind.
enum MapValueReader {
    static func sint32(_ cursor: inout WireCursor, _ session: inout DecodeSession) -> FieldRead<Int32> {
        guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
        return .value(ZigZag.decode32(raw))
    }

    static func int64(_ cursor: inout WireCursor, _ session: inout DecodeSession) -> FieldRead<Int64> {
        guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
        return .value(Int64(bitPattern: raw))
    }

    static func double(_ cursor: inout WireCursor, _ session: inout DecodeSession) -> FieldRead<Double> {
        guard let raw = cursor.readFixed64() else { return .failed(.diagnose(.fixed64, at: cursor)) }
        return .value(Double(bitPattern: raw))
    }

    static func bool(_ cursor: inout WireCursor, _ session: inout DecodeSession) -> FieldRead<Bool> {
        guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
        return .value(raw != 0)
    }

    static func bytes(_ cursor: inout WireCursor, _ session: inout DecodeSession) -> FieldRead<[UInt8]> {
        guard let length = cursor.readLength() else { return .failed(.diagnose(.length, at: cursor)) }
        let value = cursor.copyBytes(cursor.position..<(cursor.position + length))
        cursor.position += length
        return .value(value)
    }

    /// `google.protobuf.Timestamp` and `Duration`: `int64 seconds = 1; int32 nanos = 2`.
    static func secondsAndNanos(
        _ cursor: inout WireCursor, _ session: inout DecodeSession, depth: Int, path: () -> String, record: Int?
    ) -> FieldRead<(seconds: Int64, nanos: Int32)> {
        guard let length = cursor.readLength() else { return .failed(.diagnose(.length, at: cursor)) }
        var inner = cursor.nested(length: length)
        cursor.position += length
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        while !inner.isAtEnd {
            let tagOffset = inner.position
            guard let tag = inner.readTag() else { return .failed(.diagnose(.tag, at: inner)) }
            switch (tag.fieldNumber, tag.wireType) {
            case (1, .varint):
                guard let raw = inner.readVarint() else { return .failed(.diagnose(.varint, at: inner)) }
                seconds = Int64(bitPattern: raw)
            case (2, .varint):
                guard let raw = inner.readVarint() else { return .failed(.diagnose(.varint, at: inner)) }
                nanos = Int32(truncatingIfNeeded: raw)
            default:
                if let failure = session.skipUnknown(
                    tag, expected: DecodeSession.expected(tag, [1: .varint, 2: .varint]), cursor: &inner,
                    tagOffset: tagOffset, depth: depth, path: path(), record: record)
                { return .failed(failure) }
            }
        }
        return .value((seconds, nanos))
    }
}
