/// Resolves one `CompressedAttributes` into named, typed values, the way
/// Mixer's attribute bag reads it:
///
/// - maps are probed in Mixer's order: strings, string_maps, int64s, doubles,
///   bools, timestamps, durations, bytes; a name found in two maps keeps the
///   value of the first (and is a `duplicate-attribute` finding);
/// - within one map a repeated key keeps its last entry (protobuf map rule);
/// - an entry with an index outside the dictionaries is absent (`unknown-index`).
struct RecordResolver {
    let words: WordResolver
    let recordIndex: Int?
    let path: String
    /// Delta records: Mixer fails the batch on a duplicate instead of choosing.
    let isDelta: Bool
    /// Finds entries' byte offsets for findings (binary input).
    var locator = EntryLocator(input: nil, record: 0..<0)

    /// One slot per name, in first-seen order: the map it was found in
    /// (its rank in Mixer's probe order) and its value (nil when the name was
    /// claimed by an entry whose value did not resolve). One table, so a new
    /// name costs one lookup and one insert.
    private var slots: [String: Int] = [:]
    private var found: [(name: String, rank: Int, value: AttributeValue?)] = []
    private var listed: [Finding] = []
    /// Capped like decoding's: each finding may rescan the record for its
    /// offset, so an uncapped list would make hostile records quadratic.
    private var limiter = FindingLimiter()
    var findings: [Finding] { listed + limiter.summary() }
    /// Entries dropped because their message words were lost with the damage.
    private(set) var lostEntries = 0
    private var reportedDuplicates: Set<String> = []

    /// The resolved attributes, sorted by name.
    var attributes: [Attribute] {
        found.compactMap { entry in entry.value.map { Attribute(name: entry.name, value: $0) } }
            .sorted { $0.name < $1.name }
    }

    /// The resolved attributes by name (for delta replay).
    var values: [String: AttributeValue] {
        var byName: [String: AttributeValue] = [:]
        byName.reserveCapacity(found.count)
        for entry in found { if let value = entry.value { byName[entry.name] = value } }
        return byName
    }

    init(words: WordResolver, recordIndex: Int?, path: String, isDelta: Bool) {
        self.words = words
        self.recordIndex = recordIndex
        self.path = path
        self.isDelta = isDelta
    }

    mutating func resolve(_ record: CompressedAttributes) {
        slots.reserveCapacity(record.entryCount)
        found.reserveCapacity(record.entryCount)
        for (ordinal, entry) in record.strings.enumerated() {
            guard let name = name(entry.key, map: "strings", ordinal: ordinal) else { continue }
            guard let value = wordValue(entry.value, name: name, map: "strings", ordinal: ordinal) else {
                claim(name, rank: 0)
                continue
            }
            put(name, .string(value), rank: 0, ordinal: ordinal)
        }
        for (ordinal, entry) in record.stringMaps.enumerated() {
            guard let name = name(entry.key, map: "string_maps", ordinal: ordinal) else { continue }
            if let pairs = stringMap(entry.entries, name: name, ordinal: ordinal) {
                put(name, .stringMap(pairs), rank: 1, ordinal: ordinal)
            } else {
                claim(name, rank: 1)
            }
        }
        for (ordinal, entry) in record.int64s.enumerated() {
            if let name = name(entry.key, map: "int64s", ordinal: ordinal) { put(name, .int64(entry.value), rank: 2, ordinal: ordinal) }
        }
        for (ordinal, entry) in record.doubles.enumerated() {
            if let name = name(entry.key, map: "doubles", ordinal: ordinal) { put(name, .double(entry.value), rank: 3, ordinal: ordinal) }
        }
        for (ordinal, entry) in record.bools.enumerated() {
            if let name = name(entry.key, map: "bools", ordinal: ordinal) { put(name, .bool(entry.value), rank: 4, ordinal: ordinal) }
        }
        for (ordinal, entry) in record.timestamps.enumerated() {
            if let name = name(entry.key, map: "timestamps", ordinal: ordinal) { put(name, .timestamp(entry.value), rank: 5, ordinal: ordinal) }
        }
        for (ordinal, entry) in record.durations.enumerated() {
            if let name = name(entry.key, map: "durations", ordinal: ordinal) { put(name, .duration(entry.value), rank: 6, ordinal: ordinal) }
        }
        for (ordinal, entry) in record.bytes.enumerated() {
            if let name = name(entry.key, map: "bytes", ordinal: ordinal) { put(name, .bytes(entry.value), rank: 7, ordinal: ordinal) }
        }
        if lostEntries > 0, let offset = words.messageWordsLostAt {
            let place = words.messageWordsLostPlace ?? "byte \(offset)"
            add(Finding(
                code: .truncated, severity: .error,
                message: "\(path): \(lostEntries) \(lostEntries == 1 ? "entry uses" : "entries use") message words, which travel after the records and were lost when decoding stopped at \(place); \(lostEntries == 1 ? "it is" : "they are") not shown",
                offset: words.messageWordsLostLine == nil ? offset : nil, record: recordIndex,
                line: words.messageWordsLostLine?.line, column: words.messageWordsLostLine?.column))
        }
    }

    private mutating func add(_ finding: Finding) {
        if limiter.admit(finding.code) { listed.append(finding) }
    }

    /// Where an entry is, for findings: "attributes[3].strings entry 12" plus its byte offset.
    /// Rescans the record only while findings of `code` are still listed:
    /// past the cap the finding is only counted, and needs no offset.
    private func offset(_ map: String, _ ordinal: Int, for code: FindingCode = .unknownIndex) -> Int? {
        limiter.isFull(code) ? nil : locator.offset(map: map, ordinal: ordinal)
    }

    private static let mapNamesByRank = [
        "strings", "string_maps", "int64s", "doubles", "bools", "timestamps", "durations", "bytes",
    ]

    /// A name found in a map whose value could not be resolved: Mixer looks
    /// the name up in that map first, fails, and treats the attribute as
    /// absent; later maps do not get to supply it.
    private mutating func claim(_ name: String, rank: Int) {
        if slots[name] == nil {
            slots[name] = found.count
            found.append((name, rank, nil))
        }
    }

    private mutating func put(_ name: String, _ value: AttributeValue, rank: Int, ordinal: Int) {
        guard let slot = slots[name] else {
            slots[name] = found.count
            found.append((name, rank, value))
            return
        }
        let existing = found[slot].rank
        if existing == rank {
            found[slot].value = value
            return
        }
        guard reportedDuplicates.insert(name).inserted else { return }
        let first = Self.mapNamesByRank[existing]
        let second = Self.mapNamesByRank[rank]
        let consequence = isDelta
            ? "in a delta batch Mixer fails the whole request with \"duplicate attribute \(name)\""
            : "Mixer silently uses the \(first) value and ignores the \(second) one"
        add(Finding(
            code: .duplicateAttribute, severity: isDelta ? .error : .warning,
            message: "\(path): attribute \(name) is sent in both \(first) and \(second); \(consequence)",
            attribute: name, offset: offset(second, ordinal, for: .duplicateAttribute), record: recordIndex))
    }

    private mutating func name(_ index: Int32, map: String, ordinal: Int) -> String? {
        if let name = words.word(index) { return name }
        if words.isLostMessageWord(index) {
            lostEntries += 1
            return nil
        }
        add(Finding(
            code: .unknownIndex, severity: .error,
            message: words.unknownIndexMessage(index, role: "name", path: "\(path).\(map) entry \(ordinal)"),
            offset: offset(map, ordinal), record: recordIndex))
        return nil
    }

    private mutating func wordValue(_ index: Int32, name: String, map: String, ordinal: Int) -> String? {
        if let value = words.word(index) { return value }
        if words.isLostMessageWord(index) {
            lostEntries += 1
            return nil
        }
        add(Finding(
            code: .unknownIndex, severity: .error,
            message: words.unknownIndexMessage(
                index, role: "value of \(name)", path: "\(path).\(map) entry \(ordinal)"),
            attribute: name, offset: offset(map, ordinal), record: recordIndex))
        return nil
    }

    /// A string map resolves only if every key and value does (Mixer's lookup
    /// fails as a whole otherwise).
    private mutating func stringMap(_ entries: [IndexPair], name: String, ordinal: Int) -> [StringPair]? {
        var pairs: [StringPair] = []
        pairs.reserveCapacity(entries.count)
        if entries.contains(where: { words.isLostMessageWord($0.key) || words.isLostMessageWord($0.value) }) {
            lostEntries += 1
            return nil
        }
        for (pairOrdinal, pair) in entries.enumerated() {
            // Built only for a finding: never on the success path.
            func place() -> String { "\(path).string_maps entry \(ordinal) pair \(pairOrdinal)" }
            guard let key = words.word(pair.key) else {
                add(Finding(
                    code: .unknownIndex, severity: .error,
                    message: words.unknownIndexMessage(pair.key, role: "key in \(name)", path: place()),
                    attribute: name, offset: offset("string_maps", ordinal), record: recordIndex))
                return nil
            }
            guard let value = words.word(pair.value) else {
                add(Finding(
                    code: .unknownIndex, severity: .error,
                    message: words.unknownIndexMessage(pair.value, role: "value of \(name)[\(key)]", path: place()),
                    attribute: name, offset: offset("string_maps", ordinal), record: recordIndex))
                return nil
            }
            pairs.append(StringPair(key: key, value: value))
        }
        return LastPerKey.sorted(pairs) { LastPerKey.bytewise($0.key, $1.key) }
    }
}
