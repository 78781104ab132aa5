/// Decodes Mixer's binary messages. Entry point of the wire layer.
///
///     let decoded = WireDecoder().decodeReportRequest(bytes)
///     for record in decoded.message.records { print(record.strings.count) }
///
/// Every method takes the whole input and, optionally, the byte range of one
/// message inside it (a gRPC frame, say), so that reported offsets are
/// offsets in the input.
public struct WireDecoder: Sendable {
    public var limits: DecodeLimits

    public init(limits: DecodeLimits = .default) {
        self.limits = limits
    }

    public func decodeReportRequest(_ bytes: [UInt8], range: Range<Int>? = nil) -> Decoded<ReportRequest> {
        decode(bytes, range: range, empty: ReportRequest()) { $0.decodeReportRequest(&$1) }
    }

    public func decodeCheckRequest(_ bytes: [UInt8], range: Range<Int>? = nil) -> Decoded<CheckRequest> {
        decode(bytes, range: range, empty: CheckRequest()) { $0.decodeCheckRequest(&$1) }
    }

    public func decodeCheckResponse(_ bytes: [UInt8], range: Range<Int>? = nil) -> Decoded<CheckResponse> {
        decode(bytes, range: range, empty: CheckResponse()) { $0.decodeCheckResponse(&$1) }
    }

    /// A bare `CompressedAttributes` (one record).
    public func decodeCompressedAttributes(
        _ bytes: [UInt8], range: Range<Int>? = nil
    ) -> Decoded<CompressedAttributes> {
        decode(bytes, range: range, empty: CompressedAttributes()) { session, cursor in
            let extent = session.decodeCompressedAttributes(&cursor, path: RecordPath(), record: 0)
            session.noteStop(cursor)
            return CompressedAttributes(storage: AttributeStorage(session.builder), extent: extent)
        }
    }

    /// The uncompressed `Attributes` message.
    public func decodeAttributes(_ bytes: [UInt8], range: Range<Int>? = nil) -> Decoded<AttributesMessage> {
        decode(bytes, range: range, empty: AttributesMessage()) { $0.decodeAttributesMessage(&$1) }
    }

    private func decode<Message>(
        _ bytes: [UInt8], range: Range<Int>?, empty: Message,
        _ body: (inout DecodeSession, inout WireCursor) -> Message
    ) -> Decoded<Message> {
        let range = range ?? bytes.indices
        var session = DecodeSession(limits: limits)
        guard range.count <= limits.maxMessageBytes else {
            let finding = Finding(
                code: .limitExceeded, severity: .error,
                message: "message of \(range.count) bytes at byte \(range.lowerBound) exceeds the \(limits.maxMessageBytes)-byte limit; not decoded",
                at: .byte(range.lowerBound))
            return Decoded(message: empty, findings: [finding], partialRecords: [], range: range, stoppedAt: .byte(range.lowerBound))
        }
        let message = WireInput.withCursor(over: bytes, range: range) { cursor in
            body(&session, &cursor)
        }
        var decoded = Decoded(
            message: message, findings: session.allFindings, partialRecords: session.partialRecords, range: range,
            stoppedAt: session.stoppedAt.map(Position.byte))
        decoded.input = bytes
        return decoded
    }
}
