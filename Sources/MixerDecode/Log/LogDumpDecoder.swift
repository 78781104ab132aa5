import MixerDecodeSupport

/// Turns one `LogDump` into a resolved request: the text-format reader for
/// DebugString dumps, the wire decoder for base64 ones, then the same
/// resolution as binary input. Findings point at lines and columns of the log.
struct LogDumpDecoder {
    let limits: DecodeLimits
    let resolver: Resolver

    /// Any dump but a Report response, which holds nothing to show (`LogReader` leaves it out).
    func decode(_ whole: LogDump) -> ResolvedRequest {
        var dump = whole
        if dump.kind != .forwardedAttributes { dump.blankUnfinishedWord() }
        var request: ResolvedRequest
        switch dump.kind {
        case .reportResponse:
            preconditionFailure("a Report response holds nothing to decode")
        case .forwardedAttributes:
            request = decodeForwarded(dump)
        case .fragment:
            request = decodeFragment(dump)
        case .reportRequest:
            var parser = makeParser(dump)
            let message = parser.parseReportRequest()
            noteCutAtEnd(dump, count: message.globalWordCount, parser: &parser)
            request = resolver.resolve(decoded(message, parser, dump))
        case .checkRequest:
            var parser = makeParser(dump)
            let message = parser.parseCheckRequest()
            noteCutAtEnd(dump, count: message.globalWordCount, parser: &parser)
            request = resolver.resolve(decoded(message, parser, dump))
        case .checkResponse:
            var parser = makeParser(dump)
            let message = parser.parseCheckResponse()
            noteCutAtEnd(dump, count: nil, parser: &parser)
            request = resolver.resolve(decoded(message, parser, dump))
        case .attributes(let cutByProxy):
            var parser = makeParser(dump)
            let message = parser.parseAttributesMessage()
            noteCutAtEnd(dump, count: nil, parser: &parser)
            request = resolver.resolve(decoded(message, parser, dump))
            if cutByProxy, parser.endedInside != nil {
                explainProxyCut(in: &request)
            }
        }
        if request.findings.contains(where: { $0.code == .interleaved }) { markInterleaved(&request) }
        addDumpFindings(dump, to: &request)
        return request
    }

    /// Where lines of another dump (or no dump) are mixed into this one, if
    /// they are. Checked line by line only when parsing showed something
    /// DebugString never writes (an unknown field, a malformed value, a
    /// map entry's field twice, keys out of order): a clean dump costs
    /// nothing here.
    func interleaving(_ parser: TextFormatParser, _ dump: LogDump) -> Int? {
        let suspicious = parser.notAsPrintedAt != nil
            || parser.findings.contains { $0.code == .unknownField || $0.code == .malformed }
        guard suspicious, dump.kind != .forwardedAttributes else { return nil }
        let startDepth = dump.kind == .fragment ? FragmentShape.of(dump.text).depth : 0
        return DebugStringLayout.firstMisfit(in: dump.text, startDepth: startDepth, firstLineFollowsMarker: dump.kind != .fragment)
            ?? parser.notAsPrintedAt
    }

    /// Lines of another dump are mixed into this one: its records may mix
    /// two requests' attributes, so they are shown but judged on nothing.
    /// What resolution says of a mixed dump's records (an index that names
    /// no word, a name in two maps) is about no request Mixer would get: such
    /// findings are left out too, and counted.
    private func markInterleaved(_ request: inout ResolvedRequest) {
        let aboutTheMix: Set<FindingCode> = [.unknownIndex, .duplicateAttribute]
        var left = request.findings.filter { aboutTheMix.contains($0.code) }.count
        request.findings.removeAll { aboutTheMix.contains($0.code) }
        for index in request.records.indices {
            left += request.records[index].findings.filter { aboutTheMix.contains($0.code) }.count
            request.records[index].findings.removeAll { aboutTheMix.contains($0.code) }
            request.records[index].isPartial = true
            request.records[index].unseen = UnseenPart(reason: "lines of another dump are mixed into this one", window: nil)
        }
        if left > 0, let index = request.findings.firstIndex(where: { $0.code == .interleaved }) {
            request.findings[index].message += " (nor are the \(left) unknown-index and duplicate-attribute findings the mix gives)"
        }
    }

    /// Where a dump that reads as complete was cut all the same: the input
    /// ended inside a word, or (Report and Check, `count` not nil) the dump
    /// ended without Envoy's blank line and before `global_word_count`, its
    /// last field, even if its braces balance. Said, so that what is missing
    /// is not blamed on the sender.
    func noteCutAtEnd(_ dump: LogDump, count: UInt32?, parser: inout TextFormatParser) {
        guard parser.endedInside == nil else { return }
        let end = dump.text.count
        if let (word, offset) = dump.unfinishedWord {
            parser.endedInside = offset
            parser.report(
                .truncated, "the input ends in the middle of the word '\(word)': the dump was cut there",
                at: offset, record: nil)
        } else if dump.endedWithoutBlankLine, count == 0 {
            parser.endedInside = end
            parser.report(
                .truncated,
                "the dump ends without the blank line Envoy writes after every dump, before global_word_count: it was cut there",
                at: max(0, end - 1), record: nil)
        }
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

    func makeParser(_ dump: LogDump) -> TextFormatParser {
        TextFormatParser(text: dump.text, limits: limits, locator: DumpLocator(dump).locator)
    }

    func decoded<Message>(_ message: Message, _ parser: TextFormatParser, _ dump: LogDump) -> Decoded<Message> {
        var decoded = Decoded(
            message: message, findings: parser.allFindings, partialRecords: parser.partialRecords,
            range: 0..<parser.tokenizer.text.count, stoppedAt: parser.endedInside.map(parser.locator.position(of:)))
        if parser.endedInside != nil {
            // DebugString order bounds what the cut took from the record it ended in.
            decoded.recordEndLost = parser.findings.last { $0.code == .truncated && $0.record != nil }?.record
            decoded.stoppedAtEndOfDump = true
        }
        decoded.endMayBeCut = dump.endedWithoutBlankLine
        decoded.text = parser.tokenizer.text
        decoded.locator = parser.locator
        if let offset = interleaving(parser, dump) {
            let position = dump.position(of: offset)
            decoded.findings.append(Finding(
                code: .interleaved, severity: .warning,
                message: "from line \(position.line ?? dump.firstLine) the dump is not what Envoy writes: lines of another dump (another pod's log merged in) or of other output are mixed into it, so its records may mix requests; they are shown, and not diagnosed",
                at: position))
        }
        return decoded
    }

    /// `Mixer forward attributes set: <base64>`: a binary `Attributes`.
    private func decodeForwarded(_ dump: LogDump) -> ResolvedRequest {
        // Offsets stay those of the dump text (decode skips white space itself).
        let (bytes, badOffset) = Base64Text.decode(dump.text[...])
        var request = resolver.resolve(WireDecoder(limits: limits).decodeAttributes(bytes))
        if request.lostContent, let text = Self.readableText(bytes) {
            // Not protobuf at all: what it says is more use than wire garbage.
            request = ResolvedRequest.unreadable([Finding(
                code: .malformed, severity: .error,
                message: "the base64 value decodes to text, not to a protobuf Attributes message: \(Finding.quoted(text))",
                at: .line(dump.firstLine))], range: 0..<bytes.count)
            request.message = .attributes
        }
        // The bytes are the decoded base64, not the log's: the finding's
        // message says where in them, its position which line holds them.
        for index in request.findings.indices { request.findings[index].position = .line(dump.firstLine) }
        for record in request.records.indices {
            request.records[record].position = nil
            for index in request.records[record].findings.indices {
                request.records[record].findings[index].position = .line(dump.firstLine)
            }
        }
        if let badOffset {
            let position = dump.position(of: badOffset)
            request.findings.append(Finding(
                code: .malformed, severity: .error,
                message: "the base64 text has an invalid character at \(position); the bytes before it are decoded",
                at: position))
        }
        return request
    }

    /// The bytes as text, when they are printable UTF-8 (at most 200
    /// characters shown), else nil.
    static func readableText(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self),
              text.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        else { return nil }
        return text.count > 200 ? String(text.prefix(200)) + "..." : text
    }

    private func addDumpFindings(_ dump: LogDump, to request: inout ResolvedRequest) {
        for line in dump.overlongLines {
            request.findings.append(Finding(
                code: .limitExceeded, severity: .error,
                message: "line \(line) is longer than the line limit; only its beginning was read", at: .line(line)))
        }
        if dump.overflowed {
            request.findings.append(Finding(
                code: .limitExceeded, severity: .error,
                message: "the dump at line \(dump.firstLine) is larger than the \(limits.maxMessageBytes)-byte message limit; the rest was skipped",
                at: .line(dump.firstLine)))
        }
        if dump.endedAtEndOfInput && !request.lostContent && dump.kind != .forwardedAttributes {
            request.findings.append(Finding(
                code: .truncated, severity: .note,
                message: "the input ends right after this dump, before the blank line Envoy writes after every dump: it may be incomplete",
                at: .line(dump.lastLine)))
        }
    }
}
