/// Decoding of one map entry (`key = 1`, `value = 2`), as protobuf defines it:
/// fields in any order, either one missing (the default is used), a repeated
/// field replaced by the later one, unknown fields skipped.
enum FieldRead<Value> {
    case value(Value)
    case failed(WireFailure)
}

/// How the values of one kind of map are read: the wire type of the value
/// field (`MapValueWireType`, which the entry's schema uses), the value of an
/// entry that has none, and the reader of the value's bytes.
protocol MapValueReader: MapValueWireType {
    associatedtype Value
    static var defaultValue: Value { get }
    /// Reads the value at `cursor`, just past its tag. `map` names the map,
    /// for findings inside a value that is a message.
    static func read(
        _ cursor: inout WireCursor, _ session: inout DecodeSession, map: () -> String, record: Int?
    ) -> FieldRead<Value>
}

extension DecodeSession {
    /// Reads the entry in `entry` (a cursor spanning exactly the entry) of a
    /// map keyed by word index. `path` names the entry for findings about
    /// its own fields, `map` the map for findings inside its value.
    @inline(__always)
    mutating func decodeMapEntry<Value: MapValueReader>(
        _ entry: inout WireCursor, _: Value.Type, path: @autoclosure () -> String, map: () -> String, record: Int?
    ) -> FieldRead<(key: Int32, value: Value.Value)> {
        var key: Int32 = 0
        var value = Value.defaultValue
        let end = readFields(&entry, as: IndexMapEntryField<Value>.self, path: path(), record: record) {
            session, field, entry, _ in
            switch field {
            case .key:
                guard let raw = entry.readVarint() else { return .failed(.diagnose(.varint, at: entry)) }
                key = ZigZag.decode32(raw)
            case .value:
                switch Value.read(&entry, &session, map: map, record: record) {
                case .value(let read): value = read
                case .failed(let failure): return .failed(failure)
                }
            }
            return .next
        }
        if let failure = end.failure { return .failed(failure) }
        return .value((key, value))
    }

    /// A `Timestamp` or `Duration` spanning `content` (`SecondsAndNanosField`),
    /// with how the walk over it ended; unknown fields are noted under `path`.
    mutating func decodeSecondsAndNanos(
        _ content: inout WireCursor, path: @autoclosure () -> String, record: Int?
    ) -> (seconds: Int64, nanos: Int32, end: FieldsEnd) {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        let end = readFields(&content, as: SecondsAndNanosField.self, path: path(), record: record) { _, field, content, _ in
            guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
            switch field {
            case .seconds: seconds = Int64(bitPattern: raw)
            case .nanos: nanos = Int32(truncatingIfNeeded: raw)
            }
            return .next
        }
        return (seconds, nanos, end)
    }
}

/// `strings` values and `StringMap` pairs: a word index.
extension SInt32Value: MapValueReader {
    static var defaultValue: Int32 { 0 }

    static func read(_ cursor: inout WireCursor, _: inout DecodeSession, map _: () -> String, record _: Int?) -> FieldRead<Int32> {
        guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
        return .value(ZigZag.decode32(raw))
    }
}

/// `int64s` values: a plain varint, not zigzag.
extension Int64Value: MapValueReader {
    static var defaultValue: Int64 { 0 }

    static func read(_ cursor: inout WireCursor, _: inout DecodeSession, map _: () -> String, record _: Int?) -> FieldRead<Int64> {
        guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
        return .value(Int64(bitPattern: raw))
    }
}

extension DoubleValue: MapValueReader {
    static var defaultValue: Double { 0 }

    static func read(_ cursor: inout WireCursor, _: inout DecodeSession, map _: () -> String, record _: Int?) -> FieldRead<Double> {
        guard let raw = cursor.readFixed64() else { return .failed(.diagnose(.fixed64, at: cursor)) }
        return .value(Double(bitPattern: raw))
    }
}

extension BoolValue: MapValueReader {
    static var defaultValue: Bool { false }

    static func read(_ cursor: inout WireCursor, _: inout DecodeSession, map _: () -> String, record _: Int?) -> FieldRead<Bool> {
        guard let raw = cursor.readVarint() else { return .failed(.diagnose(.varint, at: cursor)) }
        return .value(raw != 0)
    }
}

extension BytesValue: MapValueReader {
    static var defaultValue: [UInt8] { [] }

    static func read(_ cursor: inout WireCursor, _: inout DecodeSession, map _: () -> String, record _: Int?) -> FieldRead<[UInt8]> {
        guard let content = cursor.readLengthDelimited() else { return .failed(.diagnose(.length, at: cursor)) }
        return .value(content.copyBytes(content.position..<content.end))
    }
}

/// `timestamps` and `durations` values.
extension SecondsAndNanosValue: MapValueReader {
    static var defaultValue: (seconds: Int64, nanos: Int32) { (0, 0) }

    static func read(
        _ cursor: inout WireCursor, _ session: inout DecodeSession, map: () -> String, record: Int?
    ) -> FieldRead<(seconds: Int64, nanos: Int32)> {
        guard var content = cursor.readLengthDelimited() else { return .failed(.diagnose(.length, at: cursor)) }
        let time = session.decodeSecondsAndNanos(&content, path: map(), record: record)
        if let failure = time.end.failure { return .failed(failure) }
        return .value((time.seconds, time.nanos))
    }
}

/// `string_maps` values: a `StringMap` of word-index pairs.
extension StringMapValue: MapValueReader {
    static var defaultValue: [IndexPair] { [] }

    static func read(
        _ cursor: inout WireCursor, _ session: inout DecodeSession, map: () -> String, record: Int?
    ) -> FieldRead<[IndexPair]> {
        session.decodeStringMap(&cursor, map: map, record: record)
    }
}
