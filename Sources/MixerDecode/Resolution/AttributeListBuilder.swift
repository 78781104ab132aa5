/// Builds the compact form of a record given as a list of named attributes
/// (the uncompressed `Attributes` message, records made by hand): the same
/// `ResolvedStorage` shape resolution produces, over a word table of the
/// record's own, so that every record is read through one view.
enum AttributeListBuilder {
    static func build(_ list: [Attribute], carriedOver: Set<String>) -> RecordAttributes {
        guard !list.isEmpty else { return .empty }
        var table = WordTable()
        var values = AttributeStorageBuilder()
        var entries: [ResolvedEntry] = []
        var pairs: [IndexPair] = []
        /// Per name id: where its entry is (a repeated name keeps its last value).
        var placeOfName: [Int32: Int] = [:]
        for attribute in list {
            let name = table.nameID(attribute.name)
            var entry = ResolvedEntry(
                name: name, value: 0, count: 0, kind: .string, isCarriedOver: carriedOver.contains(attribute.name))
            switch attribute.value {
            case .string(let text):
                entry.value = table.wordID(text)
            case .int64(let number):
                (entry.kind, entry.value) = (.int64, Int32(values.int64s.count))
                values.int64s.append(Int64Entry(key: name, value: number))
            case .double(let number):
                (entry.kind, entry.value) = (.double, Int32(values.doubles.count))
                values.doubles.append(DoubleEntry(key: name, value: number))
            case .bool(let flag):
                (entry.kind, entry.value) = (.bool, Int32(values.bools.count))
                values.bools.append(BoolEntry(key: name, value: flag))
            case .timestamp(let time):
                (entry.kind, entry.value) = (.timestamp, Int32(values.timestamps.count))
                values.timestamps.append(TimestampEntry(key: name, value: time))
            case .duration(let span):
                (entry.kind, entry.value) = (.duration, Int32(values.durations.count))
                values.durations.append(DurationEntry(key: name, value: span))
            case .bytes(let bytes):
                (entry.kind, entry.value) = (.bytes, Int32(values.bytes.count))
                values.bytes.append(BytesEntry(key: name, value: bytes))
            case .stringMap(let map):
                (entry.kind, entry.value, entry.count) = (.stringMap, Int32(pairs.count), Int32(map.count))
                for pair in map { pairs.append(IndexPair(key: table.wordID(pair.key), value: table.wordID(pair.value))) }
            }
            if let place = placeOfName[name] {
                entries[place] = entry
            } else {
                placeOfName[name] = entries.count
                entries.append(entry)
            }
        }
        values.words = table.words
        let storage = ResolvedStorage(
            words: RequestWords(dictionary: .newest, defaultWords: [], recordWords: table.words),
            values: AttributeStorage(values), entries: entries, pairs: pairs, recordRanges: nil)
        return RecordAttributes(storage: storage, range: 0..<entries.count)
    }

    /// Word ids as `RequestWords` numbers them: a global word by its index,
    /// any other text as a word of the record's own (ids from `globalCount` on).
    private struct WordTable {
        let globalCount = Int32(GlobalDictionary.knownWordCount)
        var words: [String] = []
        /// Names that are no global word, by text: one id per name, merged
        /// the way resolution merges message-word names (`MessageNames`).
        var nameIDs: [String: Int32] = [:]

        mutating func nameID(_ text: String) -> Int32 {
            if let global = GlobalDictionary.index(of: text) { return Int32(global) }
            if let known = nameIDs[text] { return known }
            let id = wordID(text)
            nameIDs[text] = id
            return id
        }

        /// Values are only shown, so a text that is no global word gets a new id each time.
        mutating func wordID(_ text: String) -> Int32 {
            if let global = GlobalDictionary.index(of: text) { return Int32(global) }
            words.append(text)
            return globalCount + Int32(words.count - 1)
        }
    }
}
