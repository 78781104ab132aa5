/// Reads Mixer messages from protobuf text format (what C++ `DebugString()`
/// prints, which is what Envoy logs), building the same model as
/// `WireDecoder`, so `Resolver` takes either.
///
///     let decoded = TextFormatDecoder().decodeReportRequest(Array(text.utf8))
///     let request = Resolver().resolve(decoded)
///
/// Findings carry line and column within `text` (`LogStreamDecoder` maps
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
        let lineStarts = LineStarts(text: text)
        var parser = TextFormatParser(text: text, limits: limits, locate: lineStarts.locate)
        let message = body(&parser)
        var decoded = Decoded(
            message: message, findings: parser.allFindings, partialRecords: parser.partialRecords,
            range: 0..<text.count, stoppedAt: parser.endedInside)
        // Resolution's findings then carry the offset of their entry in the text.
        decoded.text = text
        if let stop = parser.endedInside {
            let (line, column) = lineStarts.locate(stop)
            decoded.stopPlace = "line \(line), column \(column)"
            decoded.stopLine = (line, column)
        }
        return decoded
    }
}

/// Offset to line and column in a text, by counting newlines on demand.
struct LineStarts: Sendable {
    let text: [UInt8]

    func locate(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, text.count) where text[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
