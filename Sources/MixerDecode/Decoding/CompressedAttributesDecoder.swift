// Decoding of `CompressedAttributes` (one record).
//
// Damage is contained by the length prefixes: a broken map entry costs that
// entry only (its length says where the next one starts), and only a broken
// tag or length of the record's own fields ends the record early.

/// A record's place, for findings: "attributes[3]" in a Report, "attributes"
/// in a Check or alone. A value, so that the text is built only when a
/// finding needs it, never once per record.
struct RecordPath {
    /// The record's index in a Report; nil for the one record of a Check.
    var reportIndex: Int?

    var text: String {
        let field = ReportRequestField.attributes.name
        return reportIndex.map { "\(field)[\($0)]" } ?? field
    }
}

extension DecodeSession {
    /// Decodes the record spanning exactly `cursor` into the builder and
    /// returns where its entries landed. Map entries in the canonical layout
    /// are read by the fast path (`CanonicalEntry.swift`), any other by the
    /// general decoder, which explains what it finds.
    mutating func decodeCompressedAttributes(
        _ cursor: inout WireCursor, path: RecordPath, record: Int?
    ) -> RecordExtent {
        var mark = builder.mark()
        mark.wireRange = cursor.position..<cursor.end
        let start = mark
        let end = readFields(&cursor, as: CompressedAttributesField.self, path: path.text, record: record) {
            session, field, cursor, tagOffset in
            guard var content = cursor.readLengthDelimited() else {
                session.report(.diagnose(.length, at: cursor), path: "\(path.text).\(field.name)", record: record)
                return .stop
            }
            if field == .words {
                session.builder.words.append(session.string(of: content, path: "\(path.text).\(field.name)", record: record))
                return .next
            }
            guard session.spendEntry(offset: tagOffset, record: record) else { return .stop }
            if !session.appendCanonicalEntry(field, content) {
                session.decodeAttributeEntry(field, &content, start: start, path: path, record: record)
            }
            return .next
        }
        if let failure = end.failure { report(failure, path: path.text, record: record) }
        return builder.extent(since: start)
    }

    /// Appends the entry in `entry` if it has the canonical layout
    /// (`CanonicalEntry.swift`); false sends it to the general decoder.
    @inline(__always)
    private mutating func appendCanonicalEntry(_ field: CompressedAttributesField, _ entry: WireCursor) -> Bool {
        switch field {
        case .words:
            return false
        case .strings:
            guard let (key, value) = entry.canonicalVarintEntry() else { return false }
            builder.strings.append(IndexPair(key: ZigZag.decode32(key), value: ZigZag.decode32(value)))
        case .int64s:
            guard let (key, value) = entry.canonicalVarintEntry() else { return false }
            builder.int64s.append(Int64Entry(key: ZigZag.decode32(key), value: Int64(bitPattern: value)))
        case .doubles:
            guard let (key, value) = entry.canonicalFixed64Entry() else { return false }
            builder.doubles.append(DoubleEntry(key: ZigZag.decode32(key), value: Double(bitPattern: value)))
        case .bools:
            guard let (key, value) = entry.canonicalVarintEntry() else { return false }
            builder.bools.append(BoolEntry(key: ZigZag.decode32(key), value: value != 0))
        case .timestamps:
            guard let (key, body) = entry.canonicalMessageEntry(), let time = body.canonicalSecondsAndNanos() else { return false }
            builder.timestamps.append(TimestampEntry(
                key: ZigZag.decode32(key), value: ProtoTimestamp(seconds: time.seconds, nanos: time.nanos)))
        case .durations:
            guard let (key, body) = entry.canonicalMessageEntry(), let time = body.canonicalSecondsAndNanos() else { return false }
            builder.durations.append(DurationEntry(
                key: ZigZag.decode32(key), value: ProtoDuration(seconds: time.seconds, nanos: time.nanos)))
        case .bytes:
            guard let (key, value) = entry.canonicalMessageEntry() else { return false }
            builder.bytes.append(BytesEntry(key: ZigZag.decode32(key), value: value.copyBytes(value.position..<value.end)))
        case .stringMaps:
            guard let (key, map) = entry.canonicalMessageEntry(), let pairs = canonicalStringMap(map) else { return false }
            builder.stringMaps.append(StringMapEntry(key: ZigZag.decode32(key), entries: pairs))
        }
        return true
    }

    /// A `StringMap` whose every part is canonical: `0a length <08 k 10 v>`
    /// per pair. Nil for anything else (then the general decoder reads it).
    /// Each pair spends one entry of the budget, as the general decoder does.
    /// Internal, not private, for `WireFastPathTests` (its budget bookkeeping).
    mutating func canonicalStringMap(_ map: WireCursor) -> [IndexPair]? {
        var cursor = map
        var pairs: [IndexPair] = []
        pairs.reserveCapacity(cursor.remaining / 6)
        while !cursor.isAtEnd {
            guard cursor.nextByte == 0x0A else { return nil }
            cursor.position += 1
            guard let pair = cursor.readLengthDelimited(), let (key, value) = pair.canonicalVarintEntry()
            else { return nil }
            pairs.append(IndexPair(key: ZigZag.decode32(key), value: ZigZag.decode32(value)))
        }
        // Only now, so that a map sent back to the general decoder is not counted twice.
        entriesLeft -= pairs.count
        guard entriesLeft >= 0 else {
            entriesLeft += pairs.count
            return nil
        }
        return pairs
    }

    /// Decodes one entry of map `field` with the general decoder and appends
    /// it. Out of line, so that the record loop stays small.
    @inline(never)
    private mutating func decodeAttributeEntry(
        _ field: CompressedAttributesField, _ entry: inout WireCursor, start: RecordExtent, path: RecordPath,
        record: Int?
    ) {
        // Built only when something goes wrong: never on the hot path.
        let map = { "\(path.text).\(field.name)" }
        switch field {
        case .words:
            preconditionFailure("words are strings, not map entries")
        case .strings:
            appendEntry(&entry, SInt32Value.self, ordinal: builder.strings.count - start.strings.lowerBound, map: map, record: record) {
                $0.strings.append(IndexPair(key: $1, value: $2))
            }
        case .int64s:
            appendEntry(&entry, Int64Value.self, ordinal: builder.int64s.count - start.int64s.lowerBound, map: map, record: record) {
                $0.int64s.append(Int64Entry(key: $1, value: $2))
            }
        case .doubles:
            appendEntry(&entry, DoubleValue.self, ordinal: builder.doubles.count - start.doubles.lowerBound, map: map, record: record) {
                $0.doubles.append(DoubleEntry(key: $1, value: $2))
            }
        case .bools:
            appendEntry(&entry, BoolValue.self, ordinal: builder.bools.count - start.bools.lowerBound, map: map, record: record) {
                $0.bools.append(BoolEntry(key: $1, value: $2))
            }
        case .timestamps:
            appendEntry(
                &entry, SecondsAndNanosValue.self, ordinal: builder.timestamps.count - start.timestamps.lowerBound,
                map: map, record: record
            ) { $0.timestamps.append(TimestampEntry(key: $1, value: ProtoTimestamp(seconds: $2.seconds, nanos: $2.nanos))) }
        case .durations:
            appendEntry(
                &entry, SecondsAndNanosValue.self, ordinal: builder.durations.count - start.durations.lowerBound,
                map: map, record: record
            ) { $0.durations.append(DurationEntry(key: $1, value: ProtoDuration(seconds: $2.seconds, nanos: $2.nanos))) }
        case .bytes:
            appendEntry(&entry, BytesValue.self, ordinal: builder.bytes.count - start.bytes.lowerBound, map: map, record: record) {
                $0.bytes.append(BytesEntry(key: $1, value: $2))
            }
        case .stringMaps:
            appendEntry(
                &entry, StringMapValue.self, ordinal: builder.stringMaps.count - start.stringMaps.lowerBound,
                map: map, record: record
            ) { $0.stringMaps.append(StringMapEntry(key: $1, entries: $2)) }
        }
    }

    /// Reads one entry and appends it with `append`, or reports why it could
    /// not be read ("attributes[3].strings entry 12: ... at byte 4187").
    @inline(__always)
    private mutating func appendEntry<Value: MapValueReader>(
        _ entry: inout WireCursor, _ value: Value.Type, ordinal: Int, map: () -> String, record: Int?,
        append: (inout AttributeStorageBuilder, Int32, Value.Value) -> Void
    ) {
        switch decodeMapEntry(&entry, value, path: "\(map()) entry \(ordinal)", map: map, record: record) {
        case .value(let entry): append(&builder, entry.key, entry.value)
        case .failed(let failure): report(failure, path: "\(map()) entry \(ordinal)", record: record)
        }
    }

    /// Decodes a length-prefixed `StringMap` (`StringMapField`), the value of
    /// a `string_maps` entry; `map` names that map. A broken pair inside is
    /// reported and skipped; the others are kept.
    mutating func decodeStringMap(
        _ cursor: inout WireCursor, map: () -> String, record: Int?
    ) -> FieldRead<[IndexPair]> {
        guard var content = cursor.readLengthDelimited() else { return .failed(.diagnose(.length, at: cursor)) }
        var pairs: [IndexPair] = []
        let end = readFields(&content, as: StringMapField.self, path: map(), record: record) {
            session, _, content, tagOffset in
            guard var pair = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            guard session.spendEntry(offset: tagOffset, record: record) else { return .stop }
            if let (key, value) = pair.canonicalVarintEntry() {
                pairs.append(IndexPair(key: ZigZag.decode32(key), value: ZigZag.decode32(value)))
                return .next
            }
            switch session.decodeMapEntry(&pair, SInt32Value.self, path: "\(map()) pair \(pairs.count)", map: map, record: record) {
            case .value(let entry): pairs.append(IndexPair(key: entry.key, value: entry.value))
            case .failed(let failure): session.report(failure, path: "\(map()) pair \(pairs.count)", record: record)
            }
            return .next
        }
        if let failure = end.failure { return .failed(failure) }
        return .value(pairs)
    }
}
