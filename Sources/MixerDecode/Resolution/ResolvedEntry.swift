/// One resolved attribute, in 16 bytes and without a String: the name as a
/// word id (`RequestWords`), the value as the wire kind plus where to find it.
/// Resolution produces these; `Attribute` values are made from them only
/// when someone reads a record's attributes.
struct ResolvedEntry: Sendable {
    /// The wire maps in Mixer's probe order: a name in two maps keeps the
    /// value of the map that comes first here.
    enum Kind: UInt8, Sendable {
        case string, stringMap, int64, double, bool, timestamp, duration, bytes

        /// The field name, for findings.
        var mapName: String {
            switch self {
            case .string: "strings"
            case .stringMap: "string_maps"
            case .int64: "int64s"
            case .double: "doubles"
            case .bool: "bools"
            case .timestamp: "timestamps"
            case .duration: "durations"
            case .bytes: "bytes"
            }
        }
    }

    /// Word id of the name.
    var name: Int32
    /// `.string`: the word id of the value. `.stringMap`: the first of its
    /// pairs in `ResolvedStorage.pairs`. Otherwise the entry's index in the
    /// `AttributeStorage` array of its kind.
    var value: Int32
    /// `.stringMap`: how many pairs. Unused otherwise.
    var count: Int32
    var kind: Kind
    /// Delta batches: the value was carried over from an earlier record.
    var isCarriedOver: Bool
}

/// The resolved entries of every record of one request, and what they refer
/// to: the decoded storage (values) and the request's words (names).
final class ResolvedStorage: Sendable {
    let words: RequestWords
    let values: AttributeStorage
    let entries: [ResolvedEntry]
    /// String-map pairs as word ids (key, value), in wire order.
    let pairs: [IndexPair]

    init(words: RequestWords, values: AttributeStorage, entries: [ResolvedEntry], pairs: [IndexPair]) {
        self.words = words
        self.values = values
        self.entries = entries
        self.pairs = pairs
    }

    /// The value of `entry`, as the public model shows it.
    func value(of entry: ResolvedEntry) -> AttributeValue {
        let index = Int(entry.value)
        switch entry.kind {
        case .string: return .string(words.word(entry.value))
        case .int64: return .int64(values.int64s[index].value)
        case .double: return .double(values.doubles[index].value)
        case .bool: return .bool(values.bools[index].value)
        case .timestamp: return .timestamp(values.timestamps[index].value)
        case .duration: return .duration(values.durations[index].value)
        case .bytes: return .bytes(values.bytes[index].value)
        case .stringMap:
            let pairs = self.pairs[index..<(index + Int(entry.count))].map {
                StringPair(key: words.word($0.key), value: words.word($0.value))
            }
            return .stringMap(LastPerKey.sorted(pairs) { LastPerKey.bytewise($0.key, $1.key) })
        }
    }
}

/// One record's share of a `ResolvedStorage`.
struct ResolvedAttributes: Sendable {
    let storage: ResolvedStorage
    let range: Range<Int>

    var entries: ArraySlice<ResolvedEntry> { storage.entries[range] }

    /// The attributes, sorted by name.
    func materialized() -> [Attribute] {
        entries.map { Attribute(name: storage.words.word($0.name), value: storage.value(of: $0)) }
            .sorted { $0.name < $1.name }
    }

    /// The entries in name order, given `RequestWords.nameOrder()`.
    func sorted(by order: [Int32]) -> [ResolvedEntry] {
        entries.sorted { order[Int($0.name)] < order[Int($1.name)] }
    }

    func value(of name: String) -> AttributeValue? {
        guard let id = storage.words.id(of: name), let entry = entries.first(where: { $0.name == id }) else { return nil }
        return storage.value(of: entry)
    }

    var carriedOver: Set<String> {
        Set(entries.lazy.filter(\.isCarriedOver).map { self.storage.words.word($0.name) })
    }
}
