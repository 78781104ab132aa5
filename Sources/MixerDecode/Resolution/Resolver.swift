/// Resolves decoded requests into what Mixer dispatches (PROTOCOL.md
/// sections 2-5): the sender's global dictionary, the right message words,
/// delta batches replayed record by record.
///
///     let decoded = WireDecoder().decodeReportRequest(bytes)
///     let request = Resolver().resolve(decoded)
///     for record in request.records { print(record.value(of: "context.protocol") as Any) }
public struct Resolver: Sendable {
    /// Use this dictionary whatever `global_word_count` says.
    public var dictionaryOverride: GlobalDictionary?
    /// Most attributes a delta batch's replay may produce, over all its
    /// records (a real batch of 1000 records x 60 attributes is 60,000).
    public var maxReplayedAttributes: Int

    public init(dictionaryOverride: GlobalDictionary? = nil, maxReplayedAttributes: Int = 2_000_000) {
        self.dictionaryOverride = dictionaryOverride
        self.maxReplayedAttributes = maxReplayedAttributes
    }

    public func resolve(_ decoded: Decoded<ReportRequest>) -> ResolvedRequest {
        let report = decoded.message
        var request = emptyRequest(.report, decoded: decoded, globalWordCount: report.globalWordCount)
        request.semantics = report.semantics
        // A cut message may have lost field 4, which comes after the records.
        // Replaying such a batch as delta could show attributes that were
        // never sent; showing each record alone never does.
        if report.repeatedAttributesSemantics == nil, decoded.stoppedAt != nil {
            // Unknown: the field was never read. Records are shown as sent.
            request.semantics = nil
        }
        let isDelta = request.semantics == .delta
        if case .unknown(let value) = request.semantics {
            request.findings.append(Finding(
                code: .unknownSemantics, severity: .error,
                message: "repeated_attributes_semantics is \(value), neither DELTA_ENCODING (0) nor INDEPENDENT_ENCODING (1): "
                    + "Mixer 1.1+ silently drops this whole batch; records are shown as independent"))
        }
        if report.records.isEmpty && !request.lostContent {
            request.findings.append(Finding(
                code: .emptyRequest, severity: .note,
                message: "the ReportRequest holds no attribute records: Mixer has nothing to dispatch",
                offset: decoded.range.lowerBound))
        }
        var accumulated: [String: AttributeValue] = [:]
        let recordFindings = findingsByRecord(decoded)
        // Replaying a delta batch repeats the accumulated set in every record:
        // bounded, so that a small hostile batch cannot cost quadratic memory.
        var replayBudget = maxReplayedAttributes
        for (index, record) in report.records.enumerated() {
            let ownWords = !record.words.isEmpty
            let words = WordResolver(
                dictionary: request.dictionary!,
                messageWords: ownWords ? record.words : report.defaultWords[...],
                messageWordsName: ownWords ? "attributes[\(index)].words" : "default_words",
                messageWordsLostAt: ownWords ? nil : decoded.stoppedAt,
                messageWordsLostPlace: decoded.stopDescription,
                messageWordsLostLine: decoded.stopLine)
            var resolver = RecordResolver(words: words, recordIndex: index, path: "attributes[\(index)]", isDelta: isDelta)
            resolver.locator = EntryLocator(input: decoded.input, record: record.extent.wireRange)
            resolver.resolve(record)
            var resolved = ResolvedRecord(
                index: index, attributes: [], findings: (recordFindings[index] ?? []) + resolver.findings,
                isPartial: decoded.partialRecords.contains(index) || resolver.lostEntries > 0)
            resolved.lostWordEntries = resolver.lostEntries
            resolved.offset = decoded.input == nil ? nil : record.extent.wireRange.lowerBound
            if isDelta && replayBudget >= accumulated.count + record.entryCount {
                let sent = resolver.values
                accumulated.merge(sent) { _, new in new }
                replayBudget -= accumulated.count
                resolved.attributes = sorted(accumulated)
                resolved.carriedOver = Set(accumulated.keys).subtracting(sent.keys)
            } else {
                if isDelta && replayBudget >= 0 {
                    replayBudget = -1
                    request.findings.append(Finding(
                        code: .limitExceeded, severity: .error,
                        message: "replaying this delta batch would repeat more than \(maxReplayedAttributes) attributes; from record \(index) on, records are shown as sent, without what earlier records carried over"))
                }
                resolved.attributes = resolver.attributes
            }
            request.records.append(resolved)
        }
        return request
    }

    public func resolve(_ decoded: Decoded<CheckRequest>) -> ResolvedRequest {
        let check = decoded.message
        var request = emptyRequest(.check, decoded: decoded, globalWordCount: check.globalWordCount)
        request.deduplicationID = check.deduplicationID
        request.quotas = check.quotas
        request.records = [resolveSingle(check.attributes, decoded: decoded, dictionary: request.dictionary!)]
        return request
    }

    /// A bare `CompressedAttributes`: no word count travels with it, so the
    /// override or the newest dictionary is used.
    public func resolve(_ decoded: Decoded<CompressedAttributes>) -> ResolvedRequest {
        var request = emptyRequest(.attributes, decoded: decoded, globalWordCount: nil)
        request.records = [resolveSingle(decoded.message, decoded: decoded, dictionary: request.dictionary!)]
        return request
    }

    /// The uncompressed `Attributes`: names in clear, the last value of a name wins.
    public func resolve(_ decoded: Decoded<AttributesMessage>) -> ResolvedRequest {
        var request = emptyRequest(.attributes, decoded: decoded, globalWordCount: nil)
        request.dictionary = nil
        var values: [String: AttributeValue] = [:]
        for attribute in decoded.message.attributes { values[attribute.name] = attribute.value }
        request.records = [ResolvedRecord(
            index: 0, attributes: sorted(values), findings: decodeFindings(decoded, record: 0),
            isPartial: decoded.partialRecords.contains(0))]
        return request
    }

    private func resolveSingle<Message>(
        _ record: CompressedAttributes, decoded: Decoded<Message>, dictionary: GlobalDictionary
    ) -> ResolvedRecord {
        let words = WordResolver(dictionary: dictionary, messageWords: record.words, messageWordsName: "words")
        var resolver = RecordResolver(words: words, recordIndex: 0, path: "attributes", isDelta: false)
        resolver.locator = EntryLocator(input: decoded.input, record: record.extent.wireRange)
        resolver.resolve(record)
        var resolved = ResolvedRecord(
            index: 0, attributes: resolver.attributes,
            findings: decodeFindings(decoded, record: 0) + resolver.findings,
            isPartial: decoded.partialRecords.contains(0))
        resolved.offset = decoded.input == nil ? nil : record.extent.wireRange.lowerBound
        return resolved
    }

    /// The request shell: dictionary choice and request-level decode findings.
    private func emptyRequest<Message>(
        _ kind: ResolvedRequest.MessageKind, decoded: Decoded<Message>, globalWordCount: UInt32?
    ) -> ResolvedRequest {
        var findings = decoded.findings.filter { $0.record == nil }
        let dictionary: GlobalDictionary
        if let chosen = dictionaryOverride {
            dictionary = chosen
            if let count = globalWordCount, count != 0, Int(count) != chosen.wordCount {
                findings.append(Finding(
                    code: .dictionaryMismatch, severity: .note,
                    message: "global_word_count says \(count) words; decoding with the \(chosen.release) dictionary (\(chosen.wordCount) words) as asked"))
            }
        } else if let count = globalWordCount {
            let choice = GlobalDictionary.forWordCount(count)
            dictionary = choice.dictionary
            // A count that was never read (the message was cut) is part of
            // the cut, already reported: no finding of its own.
            if let problem = choice.problem, !(count == 0 && decoded.stoppedAt != nil) {
                let severity: Finding.Severity = Int(count) > GlobalDictionary.knownWordCount ? .error
                    : count == 0 ? .note : .warning
                findings.append(Finding(code: .dictionaryMismatch, severity: severity, message: problem))
            }
        } else {
            dictionary = .newest
        }
        return ResolvedRequest(
            message: kind, dictionary: dictionary, globalWordCount: globalWordCount, semantics: nil, records: [],
            findings: findings, range: decoded.range, deduplicationID: nil, quotas: [])
    }

    /// Decode findings by record, grouped once (not filtered per record).
    private func findingsByRecord<Message>(_ decoded: Decoded<Message>) -> [Int: [Finding]] {
        Dictionary(grouping: decoded.findings.filter { $0.record != nil }, by: { $0.record! })
    }

    private func decodeFindings<Message>(_ decoded: Decoded<Message>, record: Int) -> [Finding] {
        decoded.findings.filter { $0.record == record }
    }

    private func sorted(_ values: [String: AttributeValue]) -> [Attribute] {
        values.map { Attribute(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }
}
