/// Pasted fragments: dumps that start mid-message, without their marker line.
extension LogDumpDecoder {
    /// A pasted fragment: which message it is, and how deep it starts, come
    /// from what survives (`FragmentShape`). It is read from the text a
    /// DebugString would have had before it (`attributes {`, and the map of
    /// a first entry whose key and value survived), so that every entry in
    /// it is decoded as part of record 0, marked as begun before the input.
    func decodeFragment(_ dump: LogDump) -> ResolvedRequest {
        let shape = FragmentShape.of(dump.text)
        var request: ResolvedRequest
        var unshownHead = false
        switch shape.message {
        case .checkResponse, .attributes:
            request = decodeResponseOrAttributesFragment(dump, shape)
        case .report, .check, .reportOrCheck:
            (request, unshownHead) = decodeRequestFragment(dump, shape)
        }
        let what = shape.depth > 0
            ? "\(shape.depth) \(shape.depth == 1 ? "block" : "blocks") deep; what came before (the marker line and earlier records) is not in the input"
            : "without its first line; earlier fields may be missing"
        let head = unshownHead
            ? "; its first lines end an entry whose attribute name or map is not in the input, and are not shown" : ""
        request.findings.insert(Finding(
            code: .truncated, severity: .error,
            message: "the dump at line \(dump.firstLine) starts mid-message, \(what)\(head)",
            at: .line(dump.firstLine, column: 1)), at: 0)
        if shape.message == .reportOrCheck {
            request.message = .reportOrCheck
            request.findings.insert(Finding(
                code: .truncated, severity: .note,
                message: "only attribute entries survive of the dump at line \(dump.firstLine): whether it was a Report (which feeds metrics) or a Check (policy) is not in the input, so it is not diagnosed",
                at: .line(dump.firstLine, column: 1)), at: 1)
        }
        return request
    }

    /// A Check response or uncompressed attributes: read from where the text
    /// is back at the message's own level.
    private func decodeResponseOrAttributesFragment(_ dump: LogDump, _ shape: FragmentShape) -> ResolvedRequest {
        var parser = makeParser(dump)
        skipUnbalancedStart(&parser, depth: shape.depth)
        if shape.message == .checkResponse {
            let message = parser.parseCheckResponse()
            noteCutAtEnd(dump, count: nil, parser: &parser)
            return resolver.resolve(fragment(decoded(message, parser, dump), shape))
        }
        let message = parser.parseAttributesMessage()
        noteCutAtEnd(dump, count: nil, parser: &parser)
        return resolver.resolve(fragment(decoded(message, parser, dump), shape))
    }

    /// A Report, a Check, or entries that could be either (read as a
    /// Report): the openers it lost are put back before its text. Also says
    /// whether its first lines had to be left out (their entry cannot be named).
    private func decodeRequestFragment(_ dump: LogDump, _ shape: FragmentShape) -> (ResolvedRequest, unshownHead: Bool) {
        var (opening, from, unshownHead) = ("", 0, false)
        if shape.depth == 1 || (shape.depth == 2 && shape.firstEntryMap != nil) {
            opening = "attributes {\n" + (shape.firstEntryMap.map { "\($0) {\n" } ?? "")
        } else if shape.depth >= 2 {
            // The cut block's entries cannot be named: read from the record level.
            opening = "attributes {\n"
            from = shape.recordLevelOffset ?? dump.text.count
            unshownHead = true
        }
        let prefix = Array(opening.utf8)
        let dumpLocator = DumpLocator(dump)
        let (prefixLength, textStart) = (prefix.count, from)
        var parser = TextFormatParser(
            text: prefix + dump.text[from...], limits: limits,
            locator: PositionLocator { dumpLocator.position(of: max(0, $0 - prefixLength) + textStart) })
        if shape.message == .check {
            let message = parser.parseCheckRequest()
            noteCutAtEnd(dump, count: message.globalWordCount, parser: &parser)
            return (resolver.resolve(fragment(decoded(message, parser, dump), shape)), unshownHead)
        }
        let message = parser.parseReportRequest()
        noteCutAtEnd(dump, count: message.globalWordCount, parser: &parser)
        return (resolver.resolve(fragment(decoded(message, parser, dump), shape)), unshownHead)
    }

    /// Marks a decoded fragment: records before the first were not seen,
    /// and the first began before the input when the fragment starts inside it.
    private func fragment<Message>(_ decoded: Decoded<Message>, _ shape: FragmentShape) -> Decoded<Message> {
        var marked = decoded
        marked.startsMidMessage = true
        if shape.depth >= 1 {
            marked.recordStartLost = 0
            marked.partialRecords.insert(0)
        }
        // A Check's words come before its entries; a Report's after its
        // records, where a fragment with only entries has none either.
        if shape.message == .reportOrCheck || (shape.message == .check && shape.depth >= 1) {
            marked.messageWordsNotInInput = shape.message == .check
                ? "which the Check lists before its entries, in the part of the dump that is not in the input"
                : "which are listed before the entries (Check) or after the records (Report), neither of which is in the input"
        }
        return marked
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
}
