/// A record's attributes, read where resolution left them: each name is a
/// word id and each value a place in the decoded storage, and nothing is
/// built until it is read.
///
/// Getting this view costs nothing. Iterating goes in name order (String
/// `<`), one ``RecordAttribute`` per name; the order is worked out once per
/// request, the first time any of its records is iterated. Lookups by name
/// and ``count`` do not need it.
///
///     for attribute in record.attributes {
///         print(attribute.name, attribute.value, attribute.isCarriedOver)
///     }
///     let code = record.attributes.value(of: "response.code")
///
/// ``attributeList()`` converts the view into a plain `[Attribute]` list.
public struct RecordAttributes: Sequence, Sendable {
    let storage: ResolvedStorage
    /// The record's entries in `storage.entries`.
    let range: Range<Int>

    init(storage: ResolvedStorage, range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    /// The attributes of `list`, one per name: a name listed twice keeps its
    /// last value (as the uncompressed `Attributes` message is read).
    /// `carriedOver`: the names that a delta batch carried over.
    public init(_ list: [Attribute], carriedOver: Set<String> = []) {
        self = AttributeListBuilder.build(list, carriedOver: carriedOver)
    }

    /// No attribute at all.
    static let empty = RecordAttributes(storage: .empty, range: 0..<0)

    /// How many attributes (names) the record has.
    public var count: Int { range.count }

    public var isEmpty: Bool { range.isEmpty }

    public var underestimatedCount: Int { range.count }

    public func makeIterator() -> Iterator {
        Iterator(storage: storage, order: range.isEmpty ? [] : storage.nameOrder, position: range.lowerBound, end: range.upperBound)
    }

    /// Goes through the attributes in name order.
    public struct Iterator: IteratorProtocol {
        let storage: ResolvedStorage
        let order: [Int32]
        var position: Int
        let end: Int

        public mutating func next() -> RecordAttribute? {
            guard position < end else { return nil }
            let entry = storage.entries[Int(order[position])]
            position += 1
            return RecordAttribute(storage: storage, entry: entry)
        }
    }

    /// The value of `name`, if the record has it.
    public func value(of name: AttributeName) -> AttributeValue? {
        entry(named: name).map(storage.value(of:))
    }

    /// The value of `name`, if the record has it. Rules that ask for the
    /// same names again and again keep ``AttributeName``s instead.
    public func value(of name: String) -> AttributeValue? {
        value(of: AttributeName(name))
    }

    /// True when the record has `name`.
    public func contains(_ name: AttributeName) -> Bool { entry(named: name) != nil }

    /// Each attribute in the order stored, not by name: for readers to
    /// whom the order makes no difference (names are unique in a record),
    /// which then do not need the request's name order worked out.
    func forEachStored(_ body: (RecordAttribute) -> Void) {
        for index in range { body(RecordAttribute(storage: storage, entry: storage.entries[index])) }
    }

    /// The type Istio 1.1.6's manifest gives the entry's name, if any.
    static func istio116Type(of entry: ResolvedEntry, words: RequestWords) -> AttributeType? {
        entry.name < words.globalCount
            ? AttributeManifest.istio116TypeOfGlobalWord[Int(entry.name)]
            : AttributeManifest.istio116.type(of: words.word(entry.name))
    }

    /// Whether some value's kind is not the type that manifest gives its
    /// name: looked at in storage order, entry by entry, since nearly no
    /// record has one (the rule that names them walks the names in order).
    var hasIstio116TypeMismatch: Bool {
        for index in range {
            let entry = storage.entries[index]
            if let type = Self.istio116Type(of: entry, words: storage.words), !type.accepts(entry.kind.attributeType) { return true }
        }
        return false
    }

    /// What names the value of `name` within the record's request, without
    /// a String: the word id of a string value, `absentWord` when the
    /// record lacks `name`, nil for a value of another kind. Ids are the
    /// request's (`RequestWords`): equal ids in one storage are equal texts.
    func stringWord(of name: AttributeName) -> Int32? {
        guard let entry = entry(named: name) else { return Self.absentWord }
        return entry.kind == .string ? entry.value : nil
    }

    static let absentWord: Int32 = -1

    /// The storage the record's word ids belong to, to tell them apart from another request's.
    var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// Delta batches: true when `name` is present only because an earlier
    /// record of the batch sent it.
    public func isCarriedOver(_ name: AttributeName) -> Bool { entry(named: name)?.isCarriedOver == true }

    /// Delta batches: how many attributes are present only because an
    /// earlier record of the batch sent them.
    public var carriedOverCount: Int {
        var count = 0
        for index in range where storage.entries[index].isCarriedOver { count += 1 }
        return count
    }

    /// The attributes as a list, in name order: built anew on each call.
    public func attributeList() -> [Attribute] {
        var list: [Attribute] = []
        list.reserveCapacity(count)
        for attribute in self { list.append(attribute.attribute) }
        return list
    }

    /// The entry named `name`. Names are merged by text when resolved, so a
    /// global word is found by its id, and any other name among the (few)
    /// entries named by message words. A plain loop over the record's
    /// entries: rules look names up for every record, and a record holds
    /// about fifty.
    private func entry(named name: AttributeName) -> ResolvedEntry? {
        let words = storage.words
        let entries = storage.entries
        // A global word the reader knows is found by its id (a reader with
        // fewer words, an older Mixer, finds later words only as message words).
        if name.globalIndex >= 0 && name.globalIndex < words.globalCount {
            for index in range where entries[index].name == name.globalIndex { return entries[index] }
            return nil
        }
        for index in range where entries[index].name >= words.globalCount && words.word(entries[index].name) == name.text {
            return entries[index]
        }
        return nil
    }
}

/// An attribute name, looked up once in the global dictionary: looking a
/// global word up in a record then compares integers, not text.
public struct AttributeName: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    /// The word's index in the global dictionary (every known word), or -1.
    let globalIndex: Int32

    public init(_ text: String) {
        self.text = text
        globalIndex = GlobalDictionary.index(of: text).map(Int32.init) ?? -1
    }

    init(text: String, globalIndex: Int32) {
        self.text = text
        self.globalIndex = globalIndex
    }

    public var description: String { text }
}

/// One attribute of a record, as ``RecordAttributes`` hands it over: its
/// name and value are read from the record's storage when asked for.
public struct RecordAttribute: Sendable {
    let storage: ResolvedStorage
    let entry: ResolvedEntry

    /// The attribute's name.
    public var name: String { storage.words.word(entry.name) }

    /// The name as an ``AttributeName``, made from its word id without a
    /// dictionary lookup (resolution gives every name that is a global word
    /// its global id).
    public var attributeName: AttributeName {
        AttributeName(text: name, globalIndex: entry.name < storage.words.globalCount ? entry.name : -1)
    }

    /// The name's index in the global dictionary, or -1 for a message word.
    var globalWordIndex: Int32 { entry.name < storage.words.globalCount ? entry.name : -1 }

    /// The value (a string map's pairs are sorted and built on each read).
    public var value: AttributeValue { storage.value(of: entry) }

    /// A string map's value as a dictionary (each key's last value); nil
    /// for other kinds.
    var stringMap: [String: String]? { entry.kind == .stringMap ? storage.dictionary(of: entry) : nil }

    /// The wire kind of the value, without building it.
    public var kind: AttributeType { entry.kind.attributeType }

    /// Delta batches: the value was not sent by this record but carried
    /// over from an earlier one.
    public var isCarriedOver: Bool { entry.isCarriedOver }

    /// Name and value as a plain `Attribute`.
    public var attribute: Attribute { Attribute(name: name, value: value) }

    /// The type the Istio 1.1.6 manifest gives the name (nil: not in it),
    /// by word id for global words.
    var istio116Type: AttributeType? { RecordAttributes.istio116Type(of: entry, words: storage.words) }

    /// The name as a word, for writers that keep global words ready-made.
    var nameWord: RecordWord { word(entry.name) }

    /// A string value as a word; nil for other kinds.
    var stringWord: RecordWord? { entry.kind == .string ? word(entry.value) : nil }

    /// A string map's pairs as words, one per key (the last sent), in key
    /// byte order; nothing for other kinds.
    func forEachPair(_ body: (_ key: RecordWord, _ value: RecordWord) -> Void) {
        guard entry.kind == .stringMap else { return }
        for pair in storage.sortedPairs(of: entry) { body(word(pair.key), word(pair.value)) }
    }

    private func word(_ id: Int32) -> RecordWord {
        id < storage.words.globalCount ? .global(Int(id)) : .text(storage.words.word(id))
    }
}

/// A word of a record: a global word by its index (writers may keep each
/// one ready-made), any other by its text.
enum RecordWord {
    case global(Int)
    case text(String)
}
