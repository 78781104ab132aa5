/// Works out what of a record the input did not show (`UnseenPart`), so that
/// diagnoses rest only on what the input supports.
struct RecordVisibility {
    /// Records before this one in the batch were not all seen whole.
    var earlierUnseen = false
    /// Names (global indices) sent by the records before this one, for a
    /// batch whose semantics were not read: shown as sent, each record may
    /// still carry these over from its predecessors (delta encoding).
    var earlierNames: Set<Int32> = []
    var earlierMessageWordNames = false

    /// The unseen part of record `index`, or nil when it was seen whole.
    /// `batch`: how records relate (nil: never read, so each record is shown
    /// as sent, and may carry over what earlier ones sent).
    mutating func unseen<Message>(
        _ record: CompressedAttributes, index: Int, isPartial: Bool, decoded: Decoded<Message>,
        messages: WordResolver, batch: RepeatedAttributesSemantics?
    ) -> UnseenPart? {
        defer { noteNames(of: record, unknownSemantics: batch == nil) }
        let mayBeDelta = batch == nil || batch == .delta
        var reasons: [String] = []
        var window: SeenWindow? = SeenWindow(from: nil, to: nil)
        let startLost = decoded.recordStartLost == index
        let endLost = decoded.recordEndLost == index
        if startLost { reasons.append("the dump starts in the middle of this record") }
        if endLost { reasons.append("the dump ends in the middle of this record") }
        if decoded.partialRecords.contains(index) {
            let damaged = decoded.findings.contains {
                $0.record == index && $0.code != .truncated && ($0.lostContent || $0.code == .unknownField)
            }
            if damaged || !(startLost || endLost) {
                // Damage inside: the gap can be anywhere.
                reasons.append("part of this record was lost to damaged input")
                window = nil
            } else if let bounds = record.entryBounds {
                window = SeenWindow(from: startLost ? bounds.first : nil, to: endLost ? bounds.last : nil)
            } else {
                window = nil
            }
        }
        var lostValues: Set<Int32> = []
        var lostNames = false
        if isPartial, messages.messageWordsLoss != nil {
            (lostValues, lostNames) = Self.entriesWithLostWords(record, messages: messages)
            if !lostValues.isEmpty || lostNames {
                reasons.append("entries whose message words were lost with the cut are not shown")
            }
        }
        if mayBeDelta && (earlierUnseen || (index == 0 && decoded.startsMidMessage)) {
            reasons.append("the batch may be delta encoded, and earlier records, whose attributes this one would carry over, were not all seen")
            window = nil
        }
        var carried: Set<Int32> = []
        if batch == nil && index > 0 && window != nil && !(earlierNames.isEmpty && !earlierMessageWordNames) {
            reasons.append("the batch's semantics were not read, so it may be delta encoded and carry over what earlier records sent")
            carried = earlierNames
            lostNames = lostNames || earlierMessageWordNames
        }
        guard !reasons.isEmpty else { return nil }
        earlierUnseen = true
        return UnseenPart(
            reason: reasons.joined(separator: "; "), window: window, namesWithLostValues: lostValues.union(carried),
            hasLostNames: lostNames)
    }

    /// Remembers the names a record sent, when later records may carry them over.
    private mutating func noteNames(of record: CompressedAttributes, unknownSemantics: Bool) {
        guard unknownSemantics else { return }
        let keys = record.strings.map(\.key) + record.int64s.map(\.key) + record.doubles.map(\.key) + record.bools.map(\.key)
            + record.timestamps.map(\.key) + record.durations.map(\.key) + record.bytes.map(\.key)
            + record.stringMaps.map(\.key)
        for key in keys {
            if key >= 0 { earlierNames.insert(key) } else { earlierMessageWordNames = true }
        }
    }

    /// Names (global indices) of entries whose value was lost, and whether
    /// any entry lost its name, with the message words.
    private static func entriesWithLostWords(
        _ record: CompressedAttributes, messages: WordResolver
    ) -> (values: Set<Int32>, names: Bool) {
        var values: Set<Int32> = []
        var names = false
        func note(name: Int32, valueLost: Bool) {
            if messages.isLostMessageWord(name) {
                names = true
            } else if valueLost {
                values.insert(name)
            }
        }
        for entry in record.strings { note(name: entry.key, valueLost: messages.isLostMessageWord(entry.value)) }
        for entry in record.stringMaps {
            note(name: entry.key, valueLost: entry.entries.contains {
                messages.isLostMessageWord($0.key) || messages.isLostMessageWord($0.value)
            })
        }
        let otherKeys = record.int64s.map(\.key) + record.doubles.map(\.key) + record.bools.map(\.key)
            + record.timestamps.map(\.key) + record.durations.map(\.key) + record.bytes.map(\.key)
        for key in otherKeys { note(name: key, valueLost: false) }
        return (values, names)
    }
}

extension Finding {
    /// A decoding finding that means content was lost.
    var lostContent: Bool { code == .truncated || code == .malformed || code == .limitExceeded }
}
