/// Reads Mixer messages from protobuf text format (what C++ `DebugString()`
/// prints, which is what Envoy logs), building the same model as
/// `WireDecoder`, so `Resolver` takes either.
///
///     let decoded = TextFormatDecoder().decodeReportRequest(Array(text.utf8))
///     let request = Resolver().resolve(decoded)
///
/// Findings carry line and column within `text` (the log reader maps
/// them to the log's lines instead).
public struct TextFormatDecoder: Sendable {
    public var limits: DecodeLimits

    public init(limits: DecodeLimits = .default) {
        self.limits = limits
    }

    public func decodeReportRequest(_ text: [UInt8]) -> Decoded<ReportRequest> {
        decode(text) { $0.parseReportRequest() }
    }

    public func decodeCheckRequest(_ text: [UInt8]) -> Decoded<CheckRequest> {
        decode(text) { $0.parseCheckRequest() }
    }

    public func decodeCheckResponse(_ text: [UInt8]) -> Decoded<CheckResponse> {
        decode(text) { $0.parseCheckResponse() }
    }

    public func decodeAttributes(_ text: [UInt8]) -> Decoded<AttributesMessage> {
        decode(text) { $0.parseAttributesMessage() }
    }

    private func decode<Message>(_ text: [UInt8], _ body: (inout TextFormatParser) -> Message) -> Decoded<Message> {
        // Line starts, found only if a finding needs a position.
        let locator = LineStarts(text: text).locator
        var parser = TextFormatParser(text: text, limits: limits, locator: locator)
        let message = body(&parser)
        var decoded = Decoded(
            message: message, findings: parser.allFindings, partialRecords: parser.partialRecords,
            range: 0..<text.count, stoppedAt: parser.endedInside.map(locator.position(of:)))
        // Resolution's findings then find their entry in the text.
        decoded.text = text
        decoded.locator = locator
        return decoded
    }
}

/// Offset to line and column in a text, by counting newlines on demand.
struct LineStarts: Sendable {
    let text: [UInt8]

    func position(of offset: Int) -> Position {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, text.count) where text[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return .line(line, column: offset - lineStart + 1)
    }

    var locator: PositionLocator { PositionLocator(position(of:)) }
}
