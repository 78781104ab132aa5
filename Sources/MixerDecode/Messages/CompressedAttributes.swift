/// One record of attributes in compressed form (`istio.mixer.v1.CompressedAttributes`).
///
/// Every name, string value and string-map key or value is an `sint32` word
/// index: `i >= 0` names global word `i`, `i < 0` names message word `~i`
/// (docs/protocol.md §2). Nothing is resolved here.
///
/// Decoded records are views into storage shared by all records of a request
/// (one set of arrays per request instead of nine per record), which is what
/// keeps decoding free of per-entry allocation.
public struct CompressedAttributes: Sendable {
    let storage: AttributeStorage
    let extent: RecordExtent

    /// Builds a record from its parts (for encoders and tests).
    public init(
        words: [String] = [], strings: [IndexPair] = [], int64s: [Int64Entry] = [],
        doubles: [DoubleEntry] = [], bools: [BoolEntry] = [], timestamps: [TimestampEntry] = [],
        durations: [DurationEntry] = [], bytes: [BytesEntry] = [], stringMaps: [StringMapEntry] = []
    ) {
        var builder = AttributeStorageBuilder()
        let start = builder.mark()
        builder.words = words
        builder.strings = strings
        builder.int64s = int64s
        builder.doubles = doubles
        builder.bools = bools
        builder.timestamps = timestamps
        builder.durations = durations
        builder.bytes = bytes
        builder.stringMaps = stringMaps
        let extent = builder.extent(since: start)
        self.init(storage: AttributeStorage(builder), extent: extent)
    }

    init(storage: AttributeStorage, extent: RecordExtent) {
        self.storage = storage
        self.extent = extent
    }

    /// Field 1: this record's own word list (Envoy leaves it empty in Reports).
    public var words: ArraySlice<String> { storage.words[extent.words] }
    /// Field 2: string attributes, value is a word index.
    public var strings: ArraySlice<IndexPair> { storage.strings[extent.strings] }
    /// Field 3.
    public var int64s: ArraySlice<Int64Entry> { storage.int64s[extent.int64s] }
    /// Field 4.
    public var doubles: ArraySlice<DoubleEntry> { storage.doubles[extent.doubles] }
    /// Field 5.
    public var bools: ArraySlice<BoolEntry> { storage.bools[extent.bools] }
    /// Field 6.
    public var timestamps: ArraySlice<TimestampEntry> { storage.timestamps[extent.timestamps] }
    /// Field 7.
    public var durations: ArraySlice<DurationEntry> { storage.durations[extent.durations] }
    /// Field 8: bytes, including every IP address.
    public var bytes: ArraySlice<BytesEntry> { storage.bytes[extent.bytes] }
    /// Field 9: string maps; keys and values of their entries are word indices.
    public var stringMaps: ArraySlice<StringMapEntry> { storage.stringMaps[extent.stringMaps] }

    /// How many map entries the record holds, over all nine maps.
    public var entryCount: Int {
        extent.strings.count + extent.int64s.count + extent.doubles.count + extent.bools.count
            + extent.timestamps.count + extent.durations.count + extent.bytes.count + extent.stringMaps.count
    }
}

/// Where one record's entries sit in the shared arrays of an `AttributeStorage`.
struct RecordExtent: Sendable {
    /// The record's bytes in the input (binary input only), to find an
    /// entry's offset when a finding needs it.
    var wireRange: Range<Int> = 0..<0
    var words: Range<Int>
    var strings: Range<Int>
    var int64s: Range<Int>
    var doubles: Range<Int>
    var bools: Range<Int>
    var timestamps: Range<Int>
    var durations: Range<Int>
    var bytes: Range<Int>
    var stringMaps: Range<Int>
}

/// The entries of all records of one request, frozen once decoding ends.
final class AttributeStorage: Sendable {
    let words: [String]
    let strings: [IndexPair]
    let int64s: [Int64Entry]
    let doubles: [DoubleEntry]
    let bools: [BoolEntry]
    let timestamps: [TimestampEntry]
    let durations: [DurationEntry]
    let bytes: [BytesEntry]
    let stringMaps: [StringMapEntry]

    /// Map entries of every record, over all eight maps.
    var entryCount: Int {
        strings.count + int64s.count + doubles.count + bools.count + timestamps.count + durations.count + bytes.count
            + stringMaps.count
    }

    init(_ builder: AttributeStorageBuilder) {
        words = builder.words
        strings = builder.strings
        int64s = builder.int64s
        doubles = builder.doubles
        bools = builder.bools
        timestamps = builder.timestamps
        durations = builder.durations
        bytes = builder.bytes
        stringMaps = builder.stringMaps
    }
}

/// The growing arrays the decoder appends to, record after record.
struct AttributeStorageBuilder {
    var words: [String] = []
    var strings: [IndexPair] = []
    var int64s: [Int64Entry] = []
    var doubles: [DoubleEntry] = []
    var bools: [BoolEntry] = []
    var timestamps: [TimestampEntry] = []
    var durations: [DurationEntry] = []
    var bytes: [BytesEntry] = []
    var stringMaps: [StringMapEntry] = []

    /// The array sizes now: a record starts here.
    func mark() -> RecordExtent {
        RecordExtent(
            wireRange: 0..<0,
            words: words.count..<words.count, strings: strings.count..<strings.count,
            int64s: int64s.count..<int64s.count, doubles: doubles.count..<doubles.count,
            bools: bools.count..<bools.count, timestamps: timestamps.count..<timestamps.count,
            durations: durations.count..<durations.count, bytes: bytes.count..<bytes.count,
            stringMaps: stringMaps.count..<stringMaps.count)
    }

    /// True when each map of the record in `extent` has its keys in rising
    /// order, as C++ DebugString prints map entries (sorted by key,
    /// google/protobuf/text_format.cc `MapEntryMessageComparator`). A key the
    /// wire repeated is printed twice, side by side (protoc does so).
    func keysAscend(in extent: RecordExtent) -> Bool {
        func rising<Entries: Collection>(_ entries: Entries, _ key: (Entries.Element) -> Int32) -> Bool {
            var previous = Int64(Int32.min) - 1
            for entry in entries {
                let next = Int64(key(entry))
                if next < previous { return false }
                previous = next
            }
            return true
        }
        return rising(strings[extent.strings], \.key) && rising(int64s[extent.int64s], \.key)
            && rising(doubles[extent.doubles], \.key) && rising(bools[extent.bools], \.key)
            && rising(timestamps[extent.timestamps], \.key) && rising(durations[extent.durations], \.key)
            && rising(bytes[extent.bytes], \.key) && rising(stringMaps[extent.stringMaps], \.key)
    }

    /// Everything appended since `start`.
    func extent(since start: RecordExtent) -> RecordExtent {
        RecordExtent(
            wireRange: start.wireRange,
            words: start.words.lowerBound..<words.count,
            strings: start.strings.lowerBound..<strings.count,
            int64s: start.int64s.lowerBound..<int64s.count,
            doubles: start.doubles.lowerBound..<doubles.count,
            bools: start.bools.lowerBound..<bools.count,
            timestamps: start.timestamps.lowerBound..<timestamps.count,
            durations: start.durations.lowerBound..<durations.count,
            bytes: start.bytes.lowerBound..<bytes.count,
            stringMaps: start.stringMaps.lowerBound..<stringMaps.count)
    }
}
