/// Works out what of a record the input did not show (`UnseenPart`), so that
/// diagnoses rest only on what the input supports.
struct RecordVisibility {
    /// Records before this one in the batch were not all seen whole.
    var earlierUnseen = false

    /// The unseen part of record `index`, or nil when it was seen whole.
    /// `mayBeDelta`: the batch is (or, its semantics never read, may be) delta
    /// encoded, so the record also holds what earlier records carried over.
    mutating func unseen<Message>(
        _ record: CompressedAttributes, index: Int, isPartial: Bool, decoded: Decoded<Message>,
        messages: WordResolver, mayBeDelta: Bool
    ) -> UnseenPart? {
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
        if isPartial, messages.messageWordsLostAt != nil {
            (lostValues, lostNames) = Self.entriesWithLostWords(record, messages: messages)
            if !lostValues.isEmpty || lostNames {
                reasons.append("entries whose message words were lost with the cut are not shown")
            }
        }
        if mayBeDelta && (earlierUnseen || (index == 0 && decoded.startsMidMessage)) {
            reasons.append("the batch may be delta encoded, and earlier records, whose attributes this one would carry over, were not all seen")
            window = nil
        }
        guard !reasons.isEmpty else { return nil }
        earlierUnseen = true
        return UnseenPart(
            reason: reasons.joined(separator: "; "), window: window, namesWithLostValues: lostValues, hasLostNames: lostNames)
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
