/// The part of a record that the input does not show: a paste cut at either
/// end, damage, message words lost with a cut, or the earlier records of a
/// delta batch. An attribute that is absent from what survived may be in
/// this part, so no finding may rest on its absence unless `mayHold` says the
/// part cannot have held it.
public struct UnseenPart: Sendable, Hashable {
    /// What is missing, in words ("the dump starts mid-message at line 12").
    public var reason: String
    /// For text in DebugString order: the stretch of the record's map entries
    /// that survived whole. nil: nothing is known of where the gap is, so it
    /// may hold any attribute.
    var window: SeenWindow?
    /// Global name indices of entries that survived without their value
    /// (the value was a message word lost with the cut): those attributes
    /// were sent, with a value that is not known.
    var namesWithLostValues: Set<Int32> = []
    /// Some entries lost their name (a message word lost with the cut).
    var hasLostNames = false

    public init(reason: String) {
        self.reason = reason
    }

    init(reason: String, window: SeenWindow?, namesWithLostValues: Set<Int32> = [], hasLostNames: Bool = false) {
        self.reason = reason
        self.window = window
        self.namesWithLostValues = namesWithLostValues
        self.hasLostNames = hasLostNames
    }

    /// True when the unseen part may hold the attribute `name`, as istio-proxy
    /// sends it with `dictionary`: by its global index when the dictionary has
    /// the word (istio/proxy src/istio/mixerclient/attribute_compressor.cc
    /// looks the global dictionary up first), else as a message word.
    /// `dictionary`: the sender's, when its count was read; nil when not
    /// known, so that the attribute may have travelled either way.
    public func mayHold(_ name: String, dictionary: GlobalDictionary?) -> Bool {
        guard let window else { return true }
        let global = GlobalDictionary.index(of: name).map(Int32.init)
        if let global, namesWithLostValues.contains(global) { return true }
        // Sent as a message word, its key is negative: it sorts before every
        // global key, and any lost name may be it.
        let asMessageWord = hasLostNames || window.from != nil || window.to != nil
        guard let global else { return asMessageWord }
        let asGlobal = !window.covers(globalIndex: global)
        guard let dictionary else { return asGlobal || asMessageWord }
        return Int(global) < dictionary.wordCount ? asGlobal : asMessageWord
    }
}

/// Where an entry sits in a record's DebugString text: C++ `DebugString`
/// prints fields in field-number order and map entries sorted by key
/// (google/protobuf/text_format.cc, MapEntryMessageComparator), so a
/// record's entries are in (map field, key) order.
struct EntryPosition: Comparable, Hashable, Sendable {
    /// The map's field number in `CompressedAttributes`: 2 (strings) to 9 (string_maps).
    var field: Int
    var key: Int32

    static func < (a: EntryPosition, b: EntryPosition) -> Bool {
        (a.field, a.key) < (b.field, b.key)
    }

    static let firstMapField = 2
    static let lastMapField = 9
}

/// The stretch of a record's entries that the input shows: from `from` to
/// `to` (nil: from the record's start, to its end).
struct SeenWindow: Hashable, Sendable {
    var from: EntryPosition?
    var to: EntryPosition?

    /// True when every place an attribute named by global word `index` can
    /// take (one key in each of the eight maps) lies inside the window.
    func covers(globalIndex index: Int32) -> Bool {
        let first = EntryPosition(field: EntryPosition.firstMapField, key: index)
        let last = EntryPosition(field: EntryPosition.lastMapField, key: index)
        return (from.map { $0 <= first } ?? true) && (to.map { last <= $0 } ?? true)
    }
}

extension CompressedAttributes {
    /// The first and last entry of the record, in DebugString order.
    var entryBounds: (first: EntryPosition, last: EntryPosition)? {
        let keysByField: [(Int, [Int32])] = [
            (2, strings.map(\.key)), (3, int64s.map(\.key)), (4, doubles.map(\.key)), (5, bools.map(\.key)),
            (6, timestamps.map(\.key)), (7, durations.map(\.key)), (8, bytes.map(\.key)), (9, stringMaps.map(\.key)),
        ]
        let present = keysByField.filter { !$0.1.isEmpty }
        guard let head = present.first, let tail = present.last else { return nil }
        return (EntryPosition(field: head.0, key: head.1.min()!), EntryPosition(field: tail.0, key: tail.1.max()!))
    }
}
