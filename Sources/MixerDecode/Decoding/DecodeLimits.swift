/// Bounds that keep hostile input from costing unbounded time or memory.
/// Exceeding one stops decoding at that point with a `limit-exceeded` finding.
public struct DecodeLimits: Sendable, Hashable {
    /// Largest message accepted. Protobuf's own hard limit is 2 GiB
    /// (lengths are `int32`); gRPC's default receive limit is 4 MiB. Envoy's
    /// Report batches stay well under 1 MiB.
    public var maxMessageBytes: Int = 64 << 20
    /// Deepest nesting of groups and messages, as protobuf's default
    /// recursion limit (C++ `CodedInputStream`, SwiftProtobuf `recursionBudget`).
    public var maxDepth: Int = 100
    /// Most map entries in one request, over all records and maps (a full
    /// 1.0 batch of 1000 records holds about 50,000).
    public var maxEntries: Int = 10_000_000

    public init(maxMessageBytes: Int = 64 << 20, maxDepth: Int = 100, maxEntries: Int = 10_000_000) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxEntries = maxEntries
    }

    public static let `default` = DecodeLimits()
}
