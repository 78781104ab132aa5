/// Map entries of `CompressedAttributes`, exactly as they travel: keys (and
/// string values) are raw word indices, not yet resolved.
///
/// Entries are kept in wire order, duplicates included, so that the model
/// says what was sent; resolution applies "last entry wins".

/// An entry of `map<sint32, sint32>`: `strings`, and `StringMap.entries`.
public struct IndexPair: Hashable, Sendable {
    public var key: Int32
    public var value: Int32
    public init(key: Int32, value: Int32) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, int64>` (the value is a plain varint, not zigzag).
public struct Int64Entry: Hashable, Sendable {
    public var key: Int32
    public var value: Int64
    public init(key: Int32, value: Int64) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, double>`.
public struct DoubleEntry: Sendable {
    public var key: Int32
    public var value: Double
    public init(key: Int32, value: Double) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, bool>`.
public struct BoolEntry: Hashable, Sendable {
    public var key: Int32
    public var value: Bool
    public init(key: Int32, value: Bool) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, google.protobuf.Timestamp>`.
public struct TimestampEntry: Hashable, Sendable {
    public var key: Int32
    public var value: ProtoTimestamp
    public init(key: Int32, value: ProtoTimestamp) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, google.protobuf.Duration>`.
public struct DurationEntry: Hashable, Sendable {
    public var key: Int32
    public var value: ProtoDuration
    public init(key: Int32, value: ProtoDuration) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, bytes>` (IP addresses travel here too).
public struct BytesEntry: Hashable, Sendable {
    public var key: Int32
    public var value: [UInt8]
    public init(key: Int32, value: [UInt8]) { self.key = key; self.value = value }
}

/// An entry of `map<sint32, StringMap>`: a name and its index pairs.
public struct StringMapEntry: Hashable, Sendable {
    public var key: Int32
    public var entries: [IndexPair]
    public init(key: Int32, entries: [IndexPair]) { self.key = key; self.entries = entries }
}
