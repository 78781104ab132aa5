/// Resolves the records of one request into `ResolvedEntry` values, the way
/// Mixer's attribute bag reads them:
///
/// - maps are probed in Mixer's order: strings, string_maps, int64s, doubles,
///   bools, timestamps, durations, bytes; a name found in two maps keeps the
///   value of the first (and is a `duplicate-attribute` finding);
/// - within one map a repeated key keeps its last entry (protobuf map rule);
/// - an entry with an index outside the dictionaries is absent (`unknown-index`).
///
/// Names are word ids, so "have I seen this name in this record" is one
/// load from a table indexed by id and stamped with the record's serial
/// number: no hashing, no clearing between records, no String at all on
/// the way (Strings are made for findings only).
struct RecordResolver {
    let words: RequestWords
    /// Per id: the serial of the record that last saw it, and where its entry is.
    private let seenInRecord: IdTable
    private let position: IdTable
    private var serial: Int32 = 0
    private var messageNames: MessageNames
    /// Every record's entries, one record after the other.
    private(set) var entries: [ResolvedEntry] = []
    /// String-map pairs as word ids.
    private(set) var pairs: [IndexPair] = []

    init(words: RequestWords, expectedEntries: Int) {
        self.words = words
        seenInRecord = IdTable(words: words, initial: 0)
        position = IdTable(words: words, initial: 0)
        messageNames = MessageNames(words: words)
        entries.reserveCapacity(expectedEntries)
    }

    /// What resolving one record produced besides its entries.
    struct Outcome {
        /// The record's entries in `entries`.
        var range: Range<Int>
        var findings: [Finding]
        /// Entries dropped because their message words were lost with damage.
        var lostEntries: Int
    }

    /// The context of one record: where its message words are and how to
    /// word a finding about it.
    struct RecordScope {
        var span: MessageWordSpan
        /// For the text of findings ("index -3 names slot 2 but default_words has 1 word").
        var messages: WordResolver
        var recordIndex: Int?
        var path: RecordPath
        /// Delta records: Mixer fails the batch on a duplicate instead of choosing.
        var isDelta: Bool
        /// Finds entries' byte offsets for findings (binary input).
        var locator: EntryLocator
    }

    mutating func resolve(_ record: CompressedAttributes, in context: RecordScope) -> Outcome {
        serial += 1
        var state = RecordState(context: context, start: entries.count)
        for (ordinal, entry) in record.strings.enumerated() {
            guard let name = id(entry.key, .string, ordinal, &state) else { continue }
            guard let value = id(entry.value, .string, ordinal, &state, valueOf: name) else {
                claim(name, .string, &state)
                continue
            }
            put(ResolvedEntry(name: name, value: value, count: 0, kind: .string, isCarriedOver: false), ordinal, &state)
        }
        for (ordinal, entry) in record.stringMaps.enumerated() {
            guard let name = id(entry.key, .stringMap, ordinal, &state) else { continue }
            if let (first, count) = stringMap(entry.entries, name: name, ordinal: ordinal, &state) {
                put(ResolvedEntry(name: name, value: first, count: count, kind: .stringMap, isCarriedOver: false), ordinal, &state)
            } else {
                claim(name, .stringMap, &state)
            }
        }
        let values = record.storage
        let extent = record.extent
        for (ordinal, index) in extent.int64s.enumerated() {
            putValue(values.int64s[index].key, .int64, index, ordinal, &state)
        }
        for (ordinal, index) in extent.doubles.enumerated() {
            putValue(values.doubles[index].key, .double, index, ordinal, &state)
        }
        for (ordinal, index) in extent.bools.enumerated() {
            putValue(values.bools[index].key, .bool, index, ordinal, &state)
        }
        for (ordinal, index) in extent.timestamps.enumerated() {
            putValue(values.timestamps[index].key, .timestamp, index, ordinal, &state)
        }
        for (ordinal, index) in extent.durations.enumerated() {
            putValue(values.durations[index].key, .duration, index, ordinal, &state)
        }
        for (ordinal, index) in extent.bytes.enumerated() {
            putValue(values.bytes[index].key, .bytes, index, ordinal, &state)
        }
        if state.hasClaims { dropClaims(from: state.start) }
        if state.lostEntries > 0, let loss = context.messages.messageWordsLoss {
            let lost = state.lostEntries
            state.add(Finding(
                code: .truncated, severity: .error,
                message: "\(context.path.text): \(lost) \(lost == 1 ? "entry uses" : "entries use") message words, \(loss.explanation); \(lost == 1 ? "it is" : "they are") not shown",
                at: loss.position, record: context.recordIndex))
        }
        if let first = state.firstPastSenderCount { state.add(pastSenderCountFinding(first, count: state.pastSenderCount, state)) }
        return Outcome(range: state.start..<entries.count, findings: state.findings, lostEntries: state.lostEntries)
    }

    // MARK: - Entries

    /// A value entry (int64s ... bytes): its value stays in the decoded storage.
    @inline(__always)
    private mutating func putValue(
        _ key: Int32, _ kind: ResolvedEntry.Kind, _ index: Int, _ ordinal: Int, _ state: inout RecordState
    ) {
        guard let name = id(key, kind, ordinal, &state) else { return }
        put(ResolvedEntry(name: name, value: Int32(index), count: 0, kind: kind, isCarriedOver: false), ordinal, &state)
    }

    /// Adds `entry`, or replaces the entry of the same name from the same
    /// map (last wins); a name already taken by an earlier map keeps that
    /// map's value, and the clash is a finding.
    @inline(__always)
    private mutating func put(_ entry: ResolvedEntry, _ ordinal: Int, _ state: inout RecordState) {
        let name = entry.name
        guard seenInRecord[name] == serial else {
            seenInRecord[name] = serial
            position[name] = Int32(entries.count)
            entries.append(entry)
            return
        }
        let slot = Int(position[name])
        if entries[slot].kind == entry.kind {
            entries[slot] = entry
            return
        }
        reportDuplicate(entry.name, first: entries[slot].kind, second: entry.kind, ordinal: ordinal, &state)
    }

    /// A name found in a map whose value could not be resolved: Mixer looks
    /// the name up in that map first, fails, and treats the attribute as
    /// absent; later maps do not get to supply it. The claim is a placeholder
    /// entry, removed when the record is done.
    private mutating func claim(_ name: Int32, _ kind: ResolvedEntry.Kind, _ state: inout RecordState) {
        guard seenInRecord[name] != serial else { return }
        seenInRecord[name] = serial
        position[name] = Int32(entries.count)
        entries.append(ResolvedEntry(name: name, value: Self.claimMarker, count: 0, kind: kind, isCarriedOver: false))
        state.hasClaims = true
    }

    /// The `value` of a placeholder: no real value is negative.
    private static let claimMarker: Int32 = -1

    private mutating func dropClaims(from start: Int) {
        var kept = start
        for index in start..<entries.count where entries[index].value != Self.claimMarker {
            entries[kept] = entries[index]
            kept += 1
        }
        entries.removeSubrange(kept...)
    }

    // MARK: - Words

    /// The id of name index `index`, merged by text (`MessageNames`), or nil
    /// (with a finding, or counted as lost with the message words) when it
    /// names no word.
    @inline(__always)
    private mutating func id(
        _ index: Int32, _ kind: ResolvedEntry.Kind, _ ordinal: Int, _ state: inout RecordState
    ) -> Int32? {
        if index >= 0 {
            if index < words.senderCount { return index }
            if index < words.globalCount {
                state.notePastSenderCount(index, kind, ordinal)
                return index
            }
        } else {
            let slot = Int(~index)
            if slot < state.context.span.count {
                return messageNames.id(ofSlot: state.context.span.base + slot, in: words)
            }
        }
        unresolved(index, kind, ordinal, &state, valueOf: nil)
        return nil
    }

    /// The id of value index `index` of attribute `name`: values are only
    /// shown, so any id with the right text will do, and none is merged.
    @inline(__always)
    private func id(
        _ index: Int32, _ kind: ResolvedEntry.Kind, _ ordinal: Int, _ state: inout RecordState, valueOf name: Int32
    ) -> Int32? {
        if let id = pairId(index, state) {
            if id >= words.senderCount && id < words.globalCount { state.notePastSenderCount(id, kind, ordinal) }
            return id
        }
        unresolved(index, kind, ordinal, &state, valueOf: name)
        return nil
    }

    /// Indices past the sender's own count: istio-proxy never sends one
    /// (its compressor stops at its own list), so this is not a proxy's
    /// request as sent; Mixer still reads each against its own list.
    private func pastSenderCountFinding(
        _ first: (index: Int32, kind: ResolvedEntry.Kind, ordinal: Int), count: Int, _ state: RecordState
    ) -> Finding {
        let word = words.word(first.index)
        let since = GlobalDictionary.firstMixerRelease(having: Int(first.index)) ?? "?"
        let more = count > 1 ? " and \(count - 1) more" : ""
        return Finding(
            code: .dictionaryMismatch, severity: .warning,
            message: "\(state.context.path.text).\(first.kind.mapName) entry \(first.ordinal): global index \(first.index)\(more) is past the sender's \(words.senderCount)-word dictionary, which istio-proxy never sends; Mixer looks every index up in its own list, so a Mixer of \(since) or later reads \(first.index) as \(Finding.quoted(word)) (shown here), an older one reports it undefined and drops the attribute",
            at: state.position(first.kind.mapName, first.ordinal, for: .dictionaryMismatch), record: state.context.recordIndex)
    }

    private func unresolved(
        _ index: Int32, _ kind: ResolvedEntry.Kind, _ ordinal: Int, _ state: inout RecordState, valueOf name: Int32?
    ) {
        let context = state.context
        if context.messages.isLostMessageWord(index) {
            state.lostEntries += 1
            return
        }
        let role = name.map { "value of \(words.word($0))" } ?? "name"
        state.add(Finding(
            code: .unknownIndex, severity: .error,
            message: context.messages.unknownIndexMessage(
                index, role: role, path: "\(context.path.text).\(kind.mapName) entry \(ordinal)"),
            attribute: name.map { words.word($0) }, at: state.position(kind.mapName, ordinal),
            record: context.recordIndex))
    }

    /// A string map resolves only if every key and value does (Mixer's lookup
    /// fails as a whole otherwise). Returns where its pairs went in `pairs`.
    private mutating func stringMap(
        _ entries: [IndexPair], name: Int32, ordinal: Int, _ state: inout RecordState
    ) -> (first: Int32, count: Int32)? {
        let messages = state.context.messages
        if messages.messageWordsLoss != nil,
           entries.contains(where: { messages.isLostMessageWord($0.key) || messages.isLostMessageWord($0.value) })
        {
            state.lostEntries += 1
            return nil
        }
        let first = pairs.count
        for (pairOrdinal, pair) in entries.enumerated() {
            guard let key = pairId(pair.key, state), let value = pairId(pair.value, state) else {
                pairs.removeSubrange(first...)
                reportUnresolvedPair(pair, name: name, ordinal: ordinal, pairOrdinal: pairOrdinal, &state)
                return nil
            }
            pairs.append(IndexPair(key: key, value: value))
        }
        return (Int32(first), Int32(entries.count))
    }

    /// The id of a word that is only shown (a value, a string-map key or value).
    @inline(__always)
    private func pairId(_ index: Int32, _ state: RecordState) -> Int32? {
        if index >= 0 { return index < words.globalCount ? index : nil }
        let slot = Int(~index)
        return slot < state.context.span.count ? words.globalCount + Int32(state.context.span.base + slot) : nil
    }

    private func reportUnresolvedPair(
        _ pair: IndexPair, name: Int32, ordinal: Int, pairOrdinal: Int, _ state: inout RecordState
    ) {
        let context = state.context
        let attribute = words.word(name)
        let place = "\(context.path.text).string_maps entry \(ordinal) pair \(pairOrdinal)"
        let role: String
        let index: Int32
        if let key = pairId(pair.key, state) {
            role = "value of \(attribute)[\(words.word(key))]"
            index = pair.value
        } else {
            role = "key in \(attribute)"
            index = pair.key
        }
        state.add(Finding(
            code: .unknownIndex, severity: .error,
            message: context.messages.unknownIndexMessage(index, role: role, path: place),
            attribute: attribute, at: state.position("string_maps", ordinal), record: context.recordIndex))
    }

    private func reportDuplicate(
        _ name: Int32, first: ResolvedEntry.Kind, second: ResolvedEntry.Kind, ordinal: Int, _ state: inout RecordState
    ) {
        guard state.reportedDuplicates.insert(name).inserted else { return }
        let context = state.context
        let text = words.word(name)
        let consequence = context.isDelta
            ? "in a delta batch Mixer fails the whole request with \"duplicate attribute \(text)\""
            : "Mixer silently uses the \(first.mapName) value and ignores the \(second.mapName) one"
        state.add(Finding(
            code: .duplicateAttribute, severity: context.isDelta ? .error : .warning,
            message: "\(context.path.text): attribute \(text) is sent in both \(first.mapName) and \(second.mapName); \(consequence)",
            attribute: text, at: state.position(second.mapName, ordinal, for: .duplicateAttribute),
            record: context.recordIndex))
    }
}

/// What resolving one record keeps while it runs: its findings, capped like
/// decoding's (each finding may rescan the record for its offset, so an
/// uncapped list would make hostile records quadratic).
private struct RecordState {
    let context: RecordResolver.RecordScope
    let start: Int
    var listed: [Finding] = []
    var limiter = FindingLimiter()
    var lostEntries = 0
    var hasClaims = false
    var reportedDuplicates: Set<Int32> = []
    /// Global indices at or past the sender's count, and the first of them.
    var pastSenderCount = 0
    var firstPastSenderCount: (index: Int32, kind: ResolvedEntry.Kind, ordinal: Int)?

    mutating func notePastSenderCount(_ index: Int32, _ kind: ResolvedEntry.Kind, _ ordinal: Int) {
        pastSenderCount += 1
        if firstPastSenderCount == nil { firstPastSenderCount = (index, kind, ordinal) }
    }

    init(context: RecordResolver.RecordScope, start: Int) {
        self.context = context
        self.start = start
    }

    var findings: [Finding] { listed.isEmpty ? [] : listed + limiter.summary() }

    mutating func add(_ finding: Finding) {
        if limiter.admit(finding.code) { listed.append(finding) }
    }

    /// Where an entry is, for findings. Rescans the record only while
    /// findings of `code` are still listed: past the cap the finding is only
    /// counted, and needs no offset.
    func position(_ map: String, _ ordinal: Int, for code: FindingCode = .unknownIndex) -> Position? {
        limiter.isFull(code) ? nil : context.locator.position(map: map, ordinal: ordinal)
    }
}
