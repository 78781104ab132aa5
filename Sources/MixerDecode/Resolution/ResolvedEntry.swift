import Synchronization
import MixerDecodeSupport

/// One resolved attribute, in 16 bytes and without a String: the name as a
/// word id (`RequestWords`), the value as the wire kind plus where to find it.
/// Resolution produces these; `Attribute` values are made from them only
/// when someone reads a record's attributes.
struct ResolvedEntry: Sendable {
    /// The wire maps in Mixer's probe order: a name in two maps keeps the
    /// value of the map that comes first here.
    enum Kind: UInt8, Sendable {
        case string, stringMap, int64, double, bool, timestamp, duration, bytes

        /// The manifest type this wire kind stands for.
        var attributeType: AttributeType {
            switch self {
            case .string: .string
            case .stringMap: .stringMap
            case .int64: .int64
            case .double: .double
            case .bool: .bool
            case .timestamp: .timestamp
            case .duration: .duration
            case .bytes: .bytes
            }
        }

        /// The field name, for findings.
        var mapName: String { field.name }

        /// The `CompressedAttributes` map of this kind.
        var field: CompressedAttributesField {
            switch self {
            case .string: .strings
            case .stringMap: .stringMaps
            case .int64: .int64s
            case .double: .doubles
            case .bool: .bools
            case .timestamp: .timestamps
            case .duration: .durations
            case .bytes: .bytes
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
/// Records made from a list of attributes (`RecordAttributes.init(_:carriedOver:)`)
/// get a storage of their own, of the same shape.
final class ResolvedStorage: Sendable {
    let words: RequestWords
    let values: AttributeStorage
    let entries: [ResolvedEntry]
    /// String-map pairs as word ids (key, value), in wire order.
    let pairs: [IndexPair]
    /// Each record's entries in `entries`, one range per record; nil when
    /// the storage holds one record, every entry (a Check, a list).
    let recordRanges: [Range<Int>]?

    /// `nameOrder`, worked out when first asked for, for every record at
    /// once: only output and the rules that list names need it, and a
    /// request that is only resolved (or only looked up by name) should not
    /// pay for ordering its records.
    private let nameOrderCache = Mutex<[Int32]?>(nil)

    init(
        words: RequestWords, values: AttributeStorage, entries: [ResolvedEntry], pairs: [IndexPair],
        recordRanges: [Range<Int>]?
    ) {
        self.words = words
        self.values = values
        self.entries = entries
        self.pairs = pairs
        self.recordRanges = recordRanges
    }

    /// Holds nothing: the attributes of a record that has none.
    static let empty = ResolvedStorage(
        words: RequestWords(dictionary: .newest, defaultWords: [], recordWords: []),
        values: AttributeStorage(AttributeStorageBuilder()), entries: [], pairs: [], recordRanges: nil)

    /// A permutation of `entries`: within each record's range, the
    /// positions of that record's entries in name order.
    var nameOrder: [Int32] {
        nameOrderCache.withLock { cached in
            if let cached { return cached }
            let order = sortedByName()
            cached = order
            return order
        }
    }

    private func sortedByName() -> [Int32] {
        var messageNames: Set<Int32> = []
        for entry in entries where entry.name >= words.globalCount { messageNames.insert(entry.name) }
        let rank = words.nameOrder(messageNames: messageNames)
        var order = [Int32](repeating: 0, count: entries.count)
        // Sorting plain integers (rank above, position below) needs no
        // comparison closure: about three times cheaper for 50 entries.
        var keys: [UInt64] = []
        for range in recordRanges ?? [entries.indices] {
            keys.removeAll(keepingCapacity: true)
            for index in range { keys.append(UInt64(rank[Int(entries[index].name)]) << 32 | UInt64(index)) }
            keys.sort()
            for (place, key) in keys.enumerated() { order[range.lowerBound + place] = Int32(truncatingIfNeeded: key) }
        }
        return order
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
            return .stringMap(sortedPairs(of: entry).map { StringPair(key: words.word($0.key), value: words.word($0.value)) })
        }
    }

    /// A string map as a dictionary, each key's last value sent (the
    /// protobuf map rule), without the sorting `sortedPairs` does.
    func dictionary(of entry: ResolvedEntry) -> [String: String] {
        var map: [String: String] = Dictionary(minimumCapacity: Int(entry.count))
        for pair in pairs[Int(entry.value)..<Int(entry.value + entry.count)] { map[words.word(pair.key)] = words.word(pair.value) }
        return map
    }

    /// A string map's pairs as word ids, one per key (the last sent), in
    /// key byte order: the protobuf map rule (`LastPerKey`).
    func sortedPairs(of entry: ResolvedEntry) -> [IndexPair] {
        let sent = pairs[Int(entry.value)..<Int(entry.value + entry.count)]
        // Ordered by the first eight bytes as an integer, whole texts
        // compared only when those tie, the wire order breaking ties of equal keys.
        var keys = sent.indices.map { (prefix: Self.bytePrefix(words.word(pairs[$0].key)), position: $0) }
        keys.sort { left, right in
            if left.prefix != right.prefix { return left.prefix < right.prefix }
            let order = compareKeys(pairs[left.position].key, pairs[right.position].key)
            return order != 0 ? order < 0 : left.position < right.position
        }
        var out: [IndexPair] = []
        out.reserveCapacity(keys.count)
        for (place, key) in keys.enumerated() {
            let isLastOfItsKey = place + 1 == keys.count || keys[place + 1].prefix != key.prefix
                || compareKeys(pairs[keys[place + 1].position].key, pairs[key.position].key) != 0
            if isLastOfItsKey { out.append(pairs[key.position]) }
        }
        return out
    }

    /// The first eight bytes of `text`, big-endian, zero-padded: comparing
    /// two of these as integers orders the texts as bytes do, up to ties.
    private static func bytePrefix(_ text: String) -> UInt64 {
        var prefix: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            guard count < 8 else { break }
            prefix |= UInt64(byte) << UInt64(56 - 8 * count)
            count += 1
        }
        return prefix
    }

    /// Byte order of two words: negative, zero (same text) or positive.
    private func compareKeys(_ left: Int32, _ right: Int32) -> Int {
        left == right ? 0 : LastPerKey.compareBytes(words.word(left), words.word(right))
    }
}
