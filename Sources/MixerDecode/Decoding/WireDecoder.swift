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
    /// Where `bytes` starts in the whole input, for a message held apart
    /// from the rest of it (a gRPC frame of a streamed capture): findings,
    /// and positions found after decoding, name offsets in the whole input.
    /// Ranges in the `Decoded` value stay offsets in `bytes`.
    public var inputOffset: Int

    public init(limits: DecodeLimits = .default, inputOffset: Int = 0) {
        self.limits = limits
        self.inputOffset = inputOffset
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
        var session = DecodeSession(limits: limits, inputOffset: inputOffset)
        guard range.count <= limits.maxMessageBytes else {
            let start = inputOffset + range.lowerBound
            let finding = Self.oversize(count: range.count, at: start, limit: limits.maxMessageBytes)
            return Decoded(message: empty, findings: [finding], partialRecords: [], range: range, stoppedAt: .byte(start))
        }
        let message = WireInput.withCursor(over: bytes, range: range) { cursor in
            body(&session, &cursor)
        }
        var decoded = Decoded(
            message: message, findings: session.allFindings, partialRecords: session.partialRecords, range: range,
            stoppedAt: session.stoppedAt.map { .byte(self.inputOffset + $0) })
        decoded.input = bytes
        let offset = inputOffset
        if offset != 0 { decoded.locator = PositionLocator { .byte(offset + $0) } }
        return decoded
    }

    /// A message over the size limit, which is not decoded (and, streamed,
    /// not even held): said where it starts in the input.
    static func oversize(count: Int, at offset: Int, limit: Int) -> Finding {
        Finding(
            code: .limitExceeded, severity: .error,
            message: "message of \(count) bytes at byte \(offset) exceeds the \(limit)-byte limit; not decoded",
            at: .byte(offset))
    }
}
