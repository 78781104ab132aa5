/// `google.protobuf.Timestamp` as it travels: seconds and nanoseconds since
/// the Unix epoch, kept as sent (nanos are not normalised, so that a wrong
/// value stays visible).
public struct ProtoTimestamp: Hashable, Sendable {
    public var seconds: Int64
    public var nanos: Int32
    public init(seconds: Int64, nanos: Int32) { self.seconds = seconds; self.nanos = nanos }
}

/// `google.protobuf.Duration` as it travels. Negative durations have
/// negative seconds and nanos (nanos travel as 10-byte varints).
public struct ProtoDuration: Hashable, Sendable {
    public var seconds: Int64
    public var nanos: Int32
    public init(seconds: Int64, nanos: Int32) { self.seconds = seconds; self.nanos = nanos }
}
