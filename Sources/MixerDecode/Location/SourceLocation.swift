/// Where a request came from, for every output and every finding.
public struct SourceLocation: Hashable, Sendable {
    /// The input's name: a file path, or "-" for standard input.
    public var input: String
    /// 0-based ordinal of the request in the input.
    public var ordinal: Int
    /// Where the message starts: its byte offset (binary input), or the
    /// line its dump starts on (log input).
    public var position: Position?
    /// Timestamp of the log line that started the dump, as written there.
    public var logTime: String?
    /// Whose log the dump was in (log input whose lines name a stream).
    public var stream: LogStream?

    public init(
        input: String, ordinal: Int, position: Position? = nil, logTime: String? = nil, stream: LogStream? = nil
    ) {
        self.input = input
        self.ordinal = ordinal
        self.position = position
        self.logTime = logTime
        self.stream = stream
    }
}
