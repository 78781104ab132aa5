/// Turns one `LogDump` into a resolved request: the text-format reader for
/// DebugString dumps, the wire decoder for base64 ones, then the same
/// resolution as binary input. Findings point at lines and columns of the log.
struct LogDumpDecoder {
    let limits: DecodeLimits
    let resolver: Resolver

    /// nil for dumps that hold nothing to show (an empty `Report response:`).
    func decode(_ dump: LogDump) -> ResolvedRequest? {
        var request: ResolvedRequest
        switch dump.kind {
        case .reportResponse:
            return nil
        case .forwardedAttributes:
            request = decodeForwarded(dump)
        case .fragment:
            request = decodeFragment(dump)
        case .reportRequest:
            var parser = makeParser(dump)
            let message = parser.parseReportRequest()
            noteCutBeforeWordCount(dump, count: message.globalWordCount, parser: &parser)
            request = resolver.resolve(decoded(message, parser))
        case .checkRequest:
            var parser = makeParser(dump)
            let message = parser.parseCheckRequest()
            noteCutBeforeWordCount(dump, count: message.globalWordCount, parser: &parser)
            request = resolver.resolve(decoded(message, parser))
        case .checkResponse:
            var parser = makeParser(dump)
            let message = parser.parseCheckResponse()
            request = resolver.resolve(decoded(message, parser))
        case .attributes(let cutByProxy):
            var parser = makeParser(dump)
            let message = parser.parseAttributesMessage()
            request = resolver.resolve(decoded(message, parser))
            if cutByProxy, parser.endedInside != nil {
                explainProxyCut(in: &request)
            }
        }
        addDumpFindings(dump, to: &request)
        return request
    }

    /// A Report or Check whose dump ended without Envoy's blank line and
    /// before `global_word_count` (its last fields) was cut there, even if
    /// its braces balance: say so, so that what is missing is not blamed on
    /// the sender.
    private func noteCutBeforeWordCount(_ dump: LogDump, count: UInt32, parser: inout TextFormatParser) {
        guard dump.endedWithoutBlankLine, count == 0, parser.endedInside == nil else { return }
        let end = dump.text.count
        parser.endedInside = end
        parser.report(
            .truncated,
            "the dump ends without the blank line Envoy writes after every dump, before global_word_count: it was cut there",
            at: max(0, end - 1), record: nil)
    }

    /// Istio-proxy formats these lines into a 256-byte buffer (header included).
    private func explainProxyCut(in request: inout ResolvedRequest) {
        let explanation = "; istio-proxy cuts 'Report attributes' and 'Check attributes' log lines at 255 bytes, so the rest never reached the log ('Sending Report request' dumps are complete)"
        for record in request.records.indices {
            if let index = request.records[record].findings.firstIndex(where: { $0.code == .truncated }) {
                request.records[record].findings[index].message += explanation
                return
            }
        }
        if let index = request.findings.firstIndex(where: { $0.code == .truncated }) {
            request.findings[index].message += explanation
        }
    }

    private func makeParser(_ dump: LogDump) -> TextFormatParser {
        TextFormatParser(text: dump.text, limits: limits, locate: DumpLocator(dump).locate)
    }

    private func decoded<Message>(_ message: Message, _ parser: TextFormatParser) -> Decoded<Message> {
        var decoded = Decoded(
            message: message, findings: parser.allFindings, partialRecords: parser.partialRecords,
            range: 0..<parser.tokenizer.text.count, stoppedAt: parser.endedInside)
        if let stop = parser.endedInside {
            let (line, column) = parser.locate(stop)
            decoded.stopPlace = "the end of the dump (line \(line), column \(column))"
            decoded.stopLine = (line, column)
        }
        return decoded
    }

    /// A pasted fragment: which message it is comes from its field names, and
    /// how deep it starts from its unbalanced closing braces.
    private func decodeFragment(_ dump: LogDump) -> ResolvedRequest {
        let (startsInside, kind) = Self.fragmentShape(dump.text)
        var parser = makeParser(dump)
        var request: ResolvedRequest
        switch kind {
        case .checkRequest:
            skipUnbalancedStart(&parser, depth: startsInside)
            request = resolver.resolve(decoded(parser.parseCheckRequest(), parser))
        case .checkResponse:
            skipUnbalancedStart(&parser, depth: startsInside)
            request = resolver.resolve(decoded(parser.parseCheckResponse(), parser))
        case .attributes:
            skipUnbalancedStart(&parser, depth: startsInside)
            request = resolver.resolve(decoded(parser.parseAttributesMessage(), parser))
        default:
            request = resolver.resolve(decoded(parser.parseReportRequest(startsInside: startsInside), parser))
        }
        let what = startsInside > 0
            ? "\(startsInside) \(startsInside == 1 ? "block" : "blocks") deep; what came before (the marker line and earlier records) is not in the input"
            : "without its first line; earlier fields may be missing"
        request.findings.insert(Finding(
            code: .truncated, severity: .error,
            message: "the dump at line \(dump.firstLine) starts mid-message, \(what)",
            line: dump.firstLine, column: 1), at: 0)
        return request
    }

    /// Counts how many blocks a fragment starts inside (its unmatched closers)
    /// and guesses its message from field names only some messages have.
    static func fragmentShape(_ text: [UInt8]) -> (startsInside: Int, kind: DumpKind) {
        var tokenizer = TextTokenizer(text: text)
        var depth = 0
        var lowest = 0
        var kind = DumpKind.reportRequest
        while true {
            let (token, _) = tokenizer.next()
            switch token {
            case .end:
                return (-lowest, kind)
            case .symbol(UInt8(ascii: "{")), .symbol(UInt8(ascii: "<")):
                depth += 1
            case .symbol(UInt8(ascii: "}")), .symbol(UInt8(ascii: ">")):
                depth -= 1
                lowest = min(lowest, depth)
            case .identifier(let range) where kind == .reportRequest:
                switch String(decoding: text[range], as: UTF8.self) {
                case "deduplication_id", "best_effort", "amount": kind = .checkRequest
                case "precondition", "valid_use_count", "attribute_matches", "granted_amount": kind = .checkResponse
                case "string_value", "int64_value", "bytes_value", "string_map_value", "timestamp_value":
                    kind = .attributes(cutByProxy: false)
                default: break
                }
            default:
                continue
            }
        }
    }

    /// Skips the tail of the blocks a fragment starts inside (for messages
    /// other than Report, whose cut record is not worth recovering).
    private func skipUnbalancedStart(_ parser: inout TextFormatParser, depth: Int) {
        var open = depth
        while open > 0 {
            switch parser.tokenizer.next().token {
            case .end: return
            case .symbol(UInt8(ascii: "{")), .symbol(UInt8(ascii: "<")): open += 1
            case .symbol(UInt8(ascii: "}")), .symbol(UInt8(ascii: ">")): open -= 1
            default: continue
            }
        }
    }

    /// `Mixer forward attributes set: <base64>`: a binary `Attributes`.
    private func decodeForwarded(_ dump: LogDump) -> ResolvedRequest {
        // Offsets stay those of the dump text (decode skips white space itself).
        let (bytes, badOffset) = Base64Text.decode(dump.text[...])
        var request = resolver.resolve(WireDecoder(limits: limits).decodeAttributes(bytes))
        for index in request.findings.indices { request.findings[index].line = dump.firstLine }
        for record in request.records.indices {
            for index in request.records[record].findings.indices { request.records[record].findings[index].line = dump.firstLine }
        }
        if let badOffset {
            let (line, column) = dump.locate(badOffset)
            request.findings.append(Finding(
                code: .malformed, severity: .error,
                message: "the base64 text has an invalid character at line \(line), column \(column); the bytes before it are decoded",
                line: line, column: column))
        }
        return request
    }

    private func addDumpFindings(_ dump: LogDump, to request: inout ResolvedRequest) {
        for line in dump.overlongLines {
            request.findings.append(Finding(
                code: .limitExceeded, severity: .error,
                message: "line \(line) is longer than the line limit; only its beginning was read", line: line))
        }
        if dump.overflowed {
            request.findings.append(Finding(
                code: .limitExceeded, severity: .error,
                message: "the dump at line \(dump.firstLine) is larger than the \(limits.maxMessageBytes)-byte message limit; the rest was skipped",
                line: dump.firstLine))
        }
        if dump.endedAtEndOfInput && !request.lostContent && dump.kind != .forwardedAttributes {
            request.findings.append(Finding(
                code: .truncated, severity: .note,
                message: "the input ends right after this dump, before the blank line Envoy writes after every dump: it may be incomplete",
                line: dump.lastLine))
        }
    }
}
