/// Resolves decoded requests into what Mixer dispatches (docs/protocol.md
/// §2-§5): the sender's global dictionary, the right message words,
/// delta batches replayed record by record.
///
///     let decoded = WireDecoder().decodeReportRequest(bytes)
///     let request = Resolver().resolve(decoded)
///     for record in request.records { print(record.value(of: "context.protocol") as Any) }
public struct Resolver: Sendable {
    /// Use this dictionary whatever `global_word_count` says.
    public var dictionaryOverride: GlobalDictionary?
    /// Read as a Mixer whose global list has this many words: an index at
    /// or past it is undefined to that Mixer (`unknown-index`, the attribute
    /// absent), as a 1.0 Mixer (203 words) reads a 1.1 proxy's index 219.
    /// nil: every known word (Mixer's lists only grew by appending).
    public var readerWordCount: Int?
    /// Most attributes a delta batch's replay may produce, over all its
    /// records (a real batch of 1000 records x 60 attributes is 60,000).
    public var maxReplayedAttributes: Int

    public init(dictionaryOverride: GlobalDictionary? = nil, maxReplayedAttributes: Int = 2_000_000) {
        self.dictionaryOverride = dictionaryOverride
        self.maxReplayedAttributes = maxReplayedAttributes
    }

    public func resolve(_ decoded: Decoded<ReportRequest>) -> ResolvedRequest {
        let report = decoded.message
        var request = reportShell(decoded)
        let isDelta = request.semantics == .delta
        let dictionary = request.dictionary!
        // Word ids and value indices are positions in one storage: the
        // decoders put every record of a request there (and `IdTable`'s
        // unchecked accesses rely on it).
        precondition(report.records.allSatisfy { $0.storage === report.records[0].storage }, "records of one request share storage")
        let words = RequestWords(
            dictionary: dictionary, defaultWords: report.defaultWords,
            recordWords: report.records.first?.storage.words ?? [],
            readerWords: readerWordCount ?? GlobalDictionary.knownWordCount)
        let messageWords = ReportMessageWords(decoded, dictionary: dictionary, words: words)
        let recordFindings = findingsByRecord(decoded)
        var resolver = RecordResolver(words: words, expectedEntries: report.records.first?.storage.entryCount ?? 0)
        var replay = DeltaReplay(words: words, budget: maxReplayedAttributes)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(report.records.count)
        var visibility = RecordVisibility()
        for (index, record) in report.records.enumerated() {
            let (messages, span) = messageWords.forRecord(record, index: index, decoded: decoded)
            let outcome = resolver.resolve(record, in: RecordResolver.RecordScope(
                span: span, messages: messages, recordIndex: index, path: RecordPath(reportIndex: index), isDelta: isDelta,
                locator: EntryLocator(decoded, record: record.extent.wireRange)))
            var resolved = ResolvedRecord(
                index: index, attributes: [], findings: (recordFindings[index] ?? []) + outcome.findings,
                isPartial: decoded.partialRecords.contains(index) || outcome.lostEntries > 0)
            resolved.lostWordEntries = outcome.lostEntries
            resolved.unseen = visibility.unseen(
                record, index: index, isPartial: resolved.isPartial, decoded: decoded, messages: messages,
                batch: request.semantics)
            resolved.position = decoded.input == nil ? nil : decoded.locator.position(of: record.extent.wireRange.lowerBound)
            ranges.append(isDelta
                ? replayed(resolver.entries[outcome.range], record: record, index: index, &replay, &request)
                : outcome.range)
            request.records.append(resolved)
        }
        let storage = ResolvedStorage(
            words: words, values: report.records.first?.storage ?? AttributeStorage(AttributeStorageBuilder()),
            entries: isDelta ? replay.entries : resolver.entries, pairs: resolver.pairs, recordRanges: ranges)
        for (index, range) in ranges.enumerated() {
            request.records[index].attributes = RecordAttributes(storage: storage, range: range)
        }
        return request
    }

    /// The Report's shell: dictionary, semantics, and the findings about the
    /// request as a whole.
    private func reportShell(_ decoded: Decoded<ReportRequest>) -> ResolvedRequest {
        let report = decoded.message
        var request = emptyRequest(.report, decoded: decoded, globalWordCount: report.globalWordCount)
        request.semantics = report.semantics
        // A cut message may have lost field 4, which comes after the records.
        // Replaying such a batch as delta could show attributes that were
        // never sent; showing each record alone never does.
        if report.repeatedAttributesSemantics == nil, decoded.stoppedAt != nil || decoded.endMayBeCut {
            // Unknown: the field was never read. Records are shown as sent.
            request.semantics = nil
        }
        if case .unknown(let value) = request.semantics {
            request.findings.append(Finding(
                code: .unknownSemantics, severity: .error,
                message: "repeated_attributes_semantics is \(value), neither DELTA_ENCODING (0) nor INDEPENDENT_ENCODING (1): "
                    + "Mixer 1.1+ silently drops this whole batch; records are shown as independent"))
        }
        if report.records.isEmpty && !request.lostContent && !decoded.startsMidMessage {
            request.findings.append(Finding(
                code: .emptyRequest, severity: .note,
                message: "the ReportRequest holds no attribute records: Mixer has nothing to dispatch",
                at: decoded.locator.position(of: decoded.range.lowerBound)))
        }
        return request
    }

    /// A delta record's entries replayed over the ones before it (docs/protocol.md §4),
    /// or as sent once the replay budget is spent (said once).
    private func replayed(
        _ sent: ArraySlice<ResolvedEntry>, record: CompressedAttributes, index: Int,
        _ replay: inout DeltaReplay, _ request: inout ResolvedRequest
    ) -> Range<Int> {
        if let range = replay.add(sent, entryCount: record.entryCount) { return range }
        if !replay.reportedOverflow {
            replay.reportedOverflow = true
            request.findings.append(Finding(
                code: .limitExceeded, severity: .error,
                message: "replaying this delta batch would repeat more than \(maxReplayedAttributes) attributes; from record \(index) on, records are shown as sent, without what earlier records carried over"))
        }
        return replay.addAsSent(sent)
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

    /// The uncompressed `Attributes`: names in clear, the last value of a
    /// name wins (as `ResolvedRecord.init` reads a list).
    public func resolve(_ decoded: Decoded<AttributesMessage>) -> ResolvedRequest {
        var request = emptyRequest(.attributes, decoded: decoded, globalWordCount: nil)
        request.dictionary = nil
        var record = ResolvedRecord(
            index: 0, attributes: decoded.message.attributes, findings: decodeFindings(decoded, record: 0),
            isPartial: decoded.partialRecords.contains(0))
        if record.isPartial || decoded.startsMidMessage { record.unseen = UnseenPart(reason: "part of it is not in the input") }
        request.records = [record]
        return request
    }

    private func resolveSingle<Message>(
        _ record: CompressedAttributes, decoded: Decoded<Message>, dictionary: GlobalDictionary
    ) -> ResolvedRecord {
        let words = RequestWords(
            dictionary: dictionary, defaultWords: [], recordWords: record.storage.words,
            readerWords: readerWordCount ?? GlobalDictionary.knownWordCount)
        let messages = decoded.messageWordsNotInInput.map {
            WordResolver.lost(dictionary: dictionary, name: "words", why: $0, at: decoded.locator.position(of: 0))
        }
            ?? WordResolver(dictionary: dictionary, messageWords: record.words, messageWordsName: "words")
        var resolver = RecordResolver(words: words, expectedEntries: record.entryCount)
        let outcome = resolver.resolve(record, in: RecordResolver.RecordScope(
            span: MessageWordSpan(
                base: record.extent.words.lowerBound,
                count: decoded.messageWordsNotInInput == nil ? record.extent.words.count : 0),
            messages: messages, recordIndex: 0, path: RecordPath(), isDelta: false,
            locator: EntryLocator(decoded, record: record.extent.wireRange)))
        var resolved = ResolvedRecord(
            index: 0, attributes: [], findings: decodeFindings(decoded, record: 0) + outcome.findings,
            isPartial: decoded.partialRecords.contains(0) || outcome.lostEntries > 0)
        resolved.lostWordEntries = outcome.lostEntries
        var visibility = RecordVisibility()
        resolved.unseen = visibility.unseen(
            record, index: 0, isPartial: resolved.isPartial, decoded: decoded, messages: messages, batch: .independent)
        // One record: every entry of this resolver is its own.
        let storage = ResolvedStorage(
            words: words, values: record.storage, entries: resolver.entries, pairs: resolver.pairs, recordRanges: nil)
        resolved.attributes = RecordAttributes(storage: storage, range: outcome.range)
        resolved.position = decoded.input == nil ? nil : decoded.locator.position(of: record.extent.wireRange.lowerBound)
        return resolved
    }

    /// The request shell: dictionary choice and request-level decode findings.
    private func emptyRequest<Message>(
        _ kind: MessageKind, decoded: Decoded<Message>, globalWordCount: UInt32?
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
}
