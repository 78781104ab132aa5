/// Compresses named attributes the way istio-proxy does (its
/// `AttributeCompressor`): every name and string becomes the index of a
/// global word when the release's dictionary has it, otherwise of a message
/// word (`default_words` of a Report batch, `words` of a Check), in order of
/// first use. Map entries are sorted by key, as protobuf's deterministic
/// serialization writes them. For building fixtures and test inputs.
///
///     let report = AttributeEncoder(dictionary: GlobalDictionary(release: "1.1")!)
///         .encodeReport([[Attribute(name: "context.protocol", value: .string("tcp"))]])
///     let bytes = WireEncoder.encode(report)
public struct AttributeEncoder: Sendable {
    public var dictionary: GlobalDictionary
    /// `.independent` (1.1+) or `.delta` (0.8, 1.0: a record carries only
    /// what changed since the one before; attributes cannot be removed).
    public var semantics: RepeatedAttributesSemantics

    public init(dictionary: GlobalDictionary, semantics: RepeatedAttributesSemantics = .independent) {
        self.dictionary = dictionary
        self.semantics = semantics
    }

    /// A Report batch of `records`.
    public func encodeReport(_ records: [[Attribute]]) -> ReportRequest {
        var words = MessageWords(dictionary: dictionary)
        var previous: [String: AttributeValue] = [:]
        var compressed: [CompressedAttributes] = []
        for attributes in records {
            var sent = attributes
            if semantics == .delta {
                // Only what differs from the accumulated set is sent.
                sent = attributes.filter { previous[$0.name] != $0.value }
                for attribute in attributes { previous[attribute.name] = attribute.value }
            }
            compressed.append(compress(sent, words: &words, ownWords: false))
        }
        return ReportRequest(
            records: compressed, defaultWords: words.list, globalWordCount: UInt32(dictionary.wordCount),
            repeatedAttributesSemantics: semantics == .independent ? 1 : nil)
    }

    /// A Check of one record; its non-global words travel in the record.
    public func encodeCheck(
        _ attributes: [Attribute], deduplicationID: String = "", quotas: [CheckRequest.Quota] = []
    ) -> CheckRequest {
        var words = MessageWords(dictionary: dictionary)
        let record = compress(attributes, words: &words, ownWords: true)
        return CheckRequest(
            attributes: record, globalWordCount: UInt32(dictionary.wordCount), deduplicationID: deduplicationID,
            quotas: quotas)
    }

    private func compress(_ attributes: [Attribute], words: inout MessageWords, ownWords: Bool) -> CompressedAttributes {
        var strings: [IndexPair] = [], int64s: [Int64Entry] = [], doubles: [DoubleEntry] = [], bools: [BoolEntry] = []
        var timestamps: [TimestampEntry] = [], durations: [DurationEntry] = [], bytes: [BytesEntry] = []
        var stringMaps: [StringMapEntry] = []
        for attribute in attributes.sorted(by: { $0.name < $1.name }) {
            let key = words.index(of: attribute.name)
            switch attribute.value {
            case .string(let text): strings.append(IndexPair(key: key, value: words.index(of: text)))
            case .int64(let number): int64s.append(Int64Entry(key: key, value: number))
            case .double(let number): doubles.append(DoubleEntry(key: key, value: number))
            case .bool(let flag): bools.append(BoolEntry(key: key, value: flag))
            case .timestamp(let time): timestamps.append(TimestampEntry(key: key, value: time))
            case .duration(let span): durations.append(DurationEntry(key: key, value: span))
            case .bytes(let data): bytes.append(BytesEntry(key: key, value: data))
            case .stringMap(let pairs):
                let entries = pairs.map { IndexPair(key: words.index(of: $0.key), value: words.index(of: $0.value)) }
                stringMaps.append(StringMapEntry(key: key, entries: entries.sorted { $0.key < $1.key }))
            }
        }
        return CompressedAttributes(
            words: ownWords ? words.list : [], strings: strings.sorted { $0.key < $1.key },
            int64s: int64s.sorted { $0.key < $1.key }, doubles: doubles.sorted { $0.key < $1.key },
            bools: bools.sorted { $0.key < $1.key }, timestamps: timestamps.sorted { $0.key < $1.key },
            durations: durations.sorted { $0.key < $1.key }, bytes: bytes.sorted { $0.key < $1.key },
            stringMaps: stringMaps.sorted { $0.key < $1.key })
    }
}

/// The message word list being built: global words by index, others added
/// once, in order of first use, as `-(slot + 1)`.
struct MessageWords {
    let dictionary: GlobalDictionary
    private(set) var list: [String] = []
    private var slots: [String: Int32] = [:]

    init(dictionary: GlobalDictionary) {
        self.dictionary = dictionary
    }

    mutating func index(of word: String) -> Int32 {
        if let global = GlobalDictionary.index(of: word), global < dictionary.wordCount { return Int32(global) }
        if let slot = slots[word] { return ~slot }
        let slot = Int32(list.count)
        slots[word] = slot
        list.append(word)
        return ~slot
    }
}
