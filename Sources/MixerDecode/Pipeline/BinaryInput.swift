/// How the binary stages of the pipeline (`MessageStream`,
/// `EncodedTextStream`) decode one protobuf message: its kind (asked, or
/// told from its fields), the limits and the resolver.
struct BinaryInput: Sendable {
    /// nil: classify each message (`MessageClassifier`).
    let messageKind: MessageKind?
    let limits: DecodeLimits
    let resolver: Resolver

    /// Decodes and resolves one protobuf message: `range` of `bytes`, which
    /// start at `inputOffset` in the input (findings and the request's
    /// range name offsets in the input).
    func decodeMessage(_ bytes: [UInt8], range: Range<Int>, inputOffset: Int = 0) -> ResolvedRequest {
        let wire = WireDecoder(limits: limits, inputOffset: inputOffset)
        // report-or-check names what a pasted text fragment may be; binary
        // bytes are always one message, told from their fields.
        let asked = messageKind == .reportOrCheck ? nil : messageKind
        var request = switch asked ?? MessageClassifier.classify(bytes, range: range).kind {
        case .report, .reportOrCheck: resolver.resolve(wire.decodeReportRequest(bytes, range: range))
        case .check: resolver.resolve(wire.decodeCheckRequest(bytes, range: range))
        case .compressed: resolver.resolve(wire.decodeCompressedAttributes(bytes, range: range))
        case .attributes: resolver.resolve(wire.decodeAttributes(bytes, range: range))
        case .checkResponse: resolver.resolve(wire.decodeCheckResponse(bytes, range: range))
        }
        request.range = (request.range.lowerBound + inputOffset)..<(request.range.upperBound + inputOffset)
        return request
    }
}
