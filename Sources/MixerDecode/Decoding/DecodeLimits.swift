/// Bounds that keep hostile input from costing unbounded time or memory.
/// Exceeding one stops decoding at that point with a `limit-exceeded` finding.
public struct DecodeLimits: Sendable, Hashable {
    /// Largest message accepted (and, in a log, largest dump). Mixer itself
    /// refuses messages over 1 MiB (`MaxMessageSize: 1024 * 1024`, given to
    /// gRPC as `MaxRecvMsgSize`: mixer/pkg/server/args.go and server.go,
    /// Istio 1.1.6); gRPC's default receive limit is 4 MiB; protobuf's hard
    /// limit is 2 GiB. 8 MiB reads all of those and a DebugString dump of a
    /// 1000-record batch, and bounds memory: a raw message, which has no
    /// frame to say where it ends, is held whole to be decoded.
    public var maxMessageBytes: Int = 8 << 20
    /// Deepest nesting of groups and messages, as protobuf's default
    /// recursion limit (C++ `CodedInputStream`, SwiftProtobuf `recursionBudget`).
    public var maxDepth: Int = 100
    /// Most map entries in one request, over all records and maps (a full
    /// 1.0 batch of 1000 records holds about 50,000).
    public var maxEntries: Int = 10_000_000

    public init(maxMessageBytes: Int = 8 << 20, maxDepth: Int = 100, maxEntries: Int = 10_000_000) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxEntries = maxEntries
    }

    public static let `default` = DecodeLimits()
}
