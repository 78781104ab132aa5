import Testing
@testable import MixerDecode

/// The wire fast path for map entries (`CanonicalEntry.swift`, and
/// `canonicalStringMap` in `CompressedAttributesDecoder.swift`) reads only
/// what the general map-entry decoder (`decodeMapEntry`,
/// `MapEntryDecoder.swift`) reads the same.
///
/// The rule: take a canonical entry of any map kind, or any variant of it
/// with one byte replaced, inserted or deleted, and give both readers a span
/// of exactly those bytes, one byte less, or one byte more (the next entry's
/// first byte). The fast path either declines (nil), or the general decoder
/// reads the same bytes without a finding and gives the same key, the same
/// value and the same end byte. Every unmutated sample is taken.
///
/// The reference uses nothing from `CanonicalEntry.swift`: string-map pairs
/// are read entry by entry with `decodeMapEntry` (the production fallback,
/// `decodeStringMap`, tries `canonicalVarintEntry` on each pair first).
/// Whole requests are also read with every entry bent out of the canonical
/// layout, as the text twin does (`LogRunFastPathTests`).
@Suite struct WireFastPathTests {
    /// The map fields of `CompressedAttributes` and their field numbers.
    enum Kind: UInt32, CaseIterable {
        case strings = 2, int64s, doubles, bools, timestamps, durations, bytes, stringMaps
    }

    /// A reading: the entry as text ("key value") and the byte it ends at.
    struct Read: Equatable, CustomStringConvertible {
        var value: String
        var end: Int
        var description: String { "\(value) ending at \(end)" }
    }

    // MARK: The two readers

    /// What the fast path reads from `entry`, or nil when it declines. It
    /// takes all of its span or nothing, so where it ends is the span's end.
    static func fast(_ kind: Kind, _ entry: WireCursor) -> Read? {
        let value: String?
        switch kind {
        case .strings:
            value = entry.canonicalVarintEntry().map { "\(ZigZag.decode32($0.key)) \(ZigZag.decode32($0.value))" }
        case .int64s:
            value = entry.canonicalVarintEntry().map { "\(ZigZag.decode32($0.key)) \(Int64(bitPattern: $0.value))" }
        case .doubles:
            value = entry.canonicalFixed64Entry().map { "\(ZigZag.decode32($0.key)) \(bits($0.value))" }
        case .bools:
            value = entry.canonicalVarintEntry().map { "\(ZigZag.decode32($0.key)) \($0.value != 0)" }
        case .timestamps, .durations:
            guard let (key, body) = entry.canonicalMessageEntry(), let time = body.canonicalSecondsAndNanos() else { return nil }
            value = "\(ZigZag.decode32(key)) \(time.seconds) \(time.nanos)"
        case .bytes:
            value = entry.canonicalMessageEntry().map { "\(ZigZag.decode32($0.key)) \($0.value.copyBytes($0.value.position..<$0.value.end))" }
        case .stringMaps:
            var session = DecodeSession(limits: .default)
            guard let (key, map) = entry.canonicalMessageEntry(), let pairs = session.canonicalStringMap(map) else { return nil }
            value = "\(ZigZag.decode32(key)) \(text(pairs))"
        }
        return value.map { Read(value: $0, end: entry.end) }
    }

    /// What the general decoder reads from `entry`, if it reads it without a
    /// finding, and where it stops.
    static func general(_ kind: Kind, _ entry: WireCursor) -> Read? {
        var cursor = entry
        var session = DecodeSession(limits: .default)
        func read<Value: MapValueReader>(_: Value.Type, _ text: (Value.Value) -> String) -> String? {
            let read = session.decodeMapEntry(&cursor, Value.self, path: "entry", map: { "map" }, record: 0)
            guard case .value(let entry) = read else { return nil }
            return "\(entry.key) \(text(entry.value))"
        }
        let value: String? = switch kind {
        case .strings: read(SInt32Value.self) { "\($0)" }
        case .int64s: read(Int64Value.self) { "\($0)" }
        case .doubles: read(DoubleValue.self) { bits($0.bitPattern) }
        case .bools: read(BoolValue.self) { "\($0)" }
        case .timestamps, .durations: read(SecondsAndNanosValue.self) { "\($0.seconds) \($0.nanos)" }
        case .bytes: read(BytesValue.self) { "\($0)" }
        case .stringMaps: read(GeneralStringMap.self) { text($0) }
        }
        guard let value, session.allFindings.isEmpty, session.partialRecords.isEmpty else { return nil }
        return Read(value: value, end: cursor.position)
    }

    /// A length-prefixed `StringMap`, read as protobuf defines it: every
    /// `entries` pair through `decodeMapEntry`, anything else skipped by the
    /// field walker.
    enum GeneralStringMap: MapValueReader {
        static var wireType: WireType { .lengthDelimited }
        static var defaultValue: [IndexPair] { [] }

        static func read(
            _ cursor: inout WireCursor, _ session: inout DecodeSession, map: () -> String, record: Int?
        ) -> FieldRead<[IndexPair]> {
            guard var content = cursor.readLengthDelimited() else { return .failed(.diagnose(.length, at: cursor)) }
            var pairs: [IndexPair] = []
            let end = session.readFields(&content, as: StringMapField.self, path: "map", record: 0) { session, _, content, _ in
                guard var pair = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
                switch session.decodeMapEntry(&pair, SInt32Value.self, path: "pair", map: map, record: 0) {
                case .value(let entry): pairs.append(IndexPair(key: entry.key, value: entry.value))
                case .failed(let failure): session.report(failure, path: "pair", record: 0)
                }
                return .next
            }
            if let failure = end.failure { return .failed(failure) }
            return .value(pairs)
        }
    }

    /// The one entry of `kind` a record holds, as the readers write it.
    static func recorded(_ kind: Kind, _ record: CompressedAttributes) -> [String] {
        switch kind {
        case .strings: record.strings.map { "\($0.key) \($0.value)" }
        case .int64s: record.int64s.map { "\($0.key) \($0.value)" }
        case .doubles: record.doubles.map { "\($0.key) \(bits($0.value.bitPattern))" }
        case .bools: record.bools.map { "\($0.key) \($0.value)" }
        case .timestamps: record.timestamps.map { "\($0.key) \($0.value.seconds) \($0.value.nanos)" }
        case .durations: record.durations.map { "\($0.key) \($0.value.seconds) \($0.value.nanos)" }
        case .bytes: record.bytes.map { "\($0.key) \($0.value)" }
        case .stringMaps: record.stringMaps.map { "\($0.key) \(text($0.entries))" }
        }
    }

    /// A double by its bits, so that NaN payloads and -0 compare exactly.
    static func bits(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    static func text(_ pairs: [IndexPair]) -> String { "\(pairs.map { "\($0.key)=\($0.value)" })" }

    // MARK: Samples and their variants

    /// `key` (field 1, sint32) then the value field's bytes.
    static func entry(key: Int32, _ value: [UInt8]) -> [UInt8] { Wire.tag(1, 0) + Wire.sint32(key) + value }

    static func minus(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }

    static let samples: [(Kind, [UInt8])] = [
        (.strings, entry(key: 131, Wire.tag(2, 0) + Wire.sint32(-3))),
        (.strings, entry(key: .min, Wire.tag(2, 0) + Wire.sint32(.max))),
        (.strings, hex("08 00 10 00")),
        (.int64s, entry(key: 7, Wire.varintField(2, minus(-999_999_999_999_999_999)))),
        (.int64s, entry(key: 7, Wire.varintField(2, UInt64(Int64.max)))),
        (.doubles, entry(key: -1, [0x11] + hex("00 00 00 00 00 00 f8 3f"))),
        (.doubles, entry(key: 5, [0x11] + hex("01 00 00 00 00 00 f8 7f"))),
        (.bools, entry(key: 177, Wire.varintField(2, 1))),
        (.bools, entry(key: 177, Wire.varintField(2, 2))),
        (.timestamps, entry(key: 12, Wire.bytesField(2, Wire.varintField(1, 1_558_339_940) + Wire.varintField(2, 125_365_000)))),
        (.timestamps, entry(key: 12, Wire.bytesField(2, Wire.varintField(2, minus(-5))))),
        (.timestamps, entry(key: 12, Wire.bytesField(2, []))),
        (.durations, entry(key: 29, Wire.bytesField(2, Wire.varintField(1, minus(-1)) + Wire.varintField(2, minus(-500_000_000))))),
        (.durations, entry(key: 29, Wire.bytesField(2, Wire.varintField(1, 3)))),
        (.bytes, entry(key: 3, Wire.bytesField(2, hex("0a f4 03 00")))),
        (.bytes, entry(key: 3, Wire.bytesField(2, []))),
        (.stringMaps, entry(key: 15, Wire.bytesField(2, Wire.indexPair(1, 31, -7) + Wire.indexPair(1, 200, 2)))),
        (.stringMaps, entry(key: 15, Wire.bytesField(2, Wire.indexPair(1, 0, 0)))),
        (.stringMaps, entry(key: 15, Wire.bytesField(2, []))),
    ]

    /// Bytes a mutation writes: the edges of varints and lengths, and the
    /// tags of fields 1 to 3 with each wire type that parses.
    static let replacements: [UInt8] = [
        0x00, 0x01, 0x7F, 0x80, 0xFF,
        0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x18, 0x1A,
    ]

    /// The sample, then each variant with one byte replaced (by each of
    /// `replacements` and by the byte ± 1), inserted or deleted.
    static func variants(of sample: [UInt8]) -> [[UInt8]] {
        var variants = [sample]
        for index in sample.indices {
            var deleted = sample
            deleted.remove(at: index)
            variants.append(deleted)
            let original = sample[index]
            for byte in Set(replacements + [original &+ 1, original &- 1]) where byte != original {
                var replaced = sample
                replaced[index] = byte
                variants.append(replaced)
            }
            for byte in replacements {
                var inserted = sample
                inserted.insert(byte, at: index)
                variants.append(inserted)
            }
        }
        return variants
    }

    /// Both readings of `variant` as the entry of a record field, over a
    /// span of its length plus `extra` (-1, 0, 1): the next entry follows.
    static func readings(_ kind: Kind, _ variant: [UInt8], extra: Int) -> (fast: Read?, general: Read?) {
        let header = Wire.tag(kind.rawValue, 2) + Wire.varint(UInt64(variant.count))
        let buffer = header + variant + Wire.bytesField(kind.rawValue, variant)
        return withCursor(buffer) { whole in
            whole.position = header.count
            let entry = whole.nested(length: variant.count + extra)
            return (fast(kind, entry), general(kind, entry))
        }
    }

    // MARK: Tests

    @Test func fastPathReadsOnlyWhatTheGeneralDecoderReadsTheSame() {
        var checked = 0
        var taken: [Kind: Int] = [:]
        for (kind, sample) in Self.samples {
            #expect(Self.readings(kind, sample, extra: 0).fast != nil, "\(kind) sample \(sample) is taken")
            for variant in Self.variants(of: sample) {
                for extra in [-1, 0, 1] where variant.count + extra >= 0 {
                    checked += 1
                    let (fast, general) = Self.readings(kind, variant, extra: extra)
                    guard let fast else { continue }
                    taken[kind, default: 0] += 1
                    #expect(general == fast, "\(kind) \(hexText(variant)), span \(extra >= 0 ? "+" : "")\(extra): fast path \(fast), general \(general.map { "\($0)" } ?? "declined or found something")")
                }
            }
        }
        #expect(checked > 20_000)
        for kind in Kind.allCases {
            #expect(taken[kind, default: 0] > 10, "\(kind): the fast path took \(taken[kind, default: 0]) variants")
        }
    }

    /// The fast path's values go into the record as the general decoder's
    /// do: each variant the fast path takes, decoded as a whole record (the
    /// fast path then taken by `appendCanonicalEntry`), holds exactly the
    /// entry the general decoder reads, and no finding.
    @Test func recordsHoldWhatTheGeneralDecoderReadsForEveryTakenVariant() {
        var compared = 0
        for (kind, sample) in Self.samples {
            for variant in Self.variants(of: sample) {
                let (fast, general) = Self.readings(kind, variant, extra: 0)
                guard fast != nil, let general else { continue }
                compared += 1
                let decoded = WireDecoder().decodeCompressedAttributes(Wire.bytesField(kind.rawValue, variant))
                #expect(Self.recorded(kind, decoded.message) == [general.value], "\(kind) \(hexText(variant))")
                #expect(decoded.message.entryCount == 1 && decoded.findings.isEmpty, "\(kind) \(hexText(variant))")
            }
        }
        #expect(compared > 200)
    }

    // MARK: The entry budget of canonical string maps

    static let threePairs = Wire.indexPair(1, 31, -7) + Wire.indexPair(1, 1, 2) + Wire.indexPair(1, 200, 201)
    /// The same pairs, the last one value-first: not canonical.
    static let lastPairBent = Wire.indexPair(1, 31, -7) + Wire.indexPair(1, 1, 2)
        + Wire.bytesField(1, Wire.tag(2, 0) + Wire.sint32(201) + Wire.tag(1, 0) + Wire.sint32(200))
    static let pairs = [IndexPair(key: 31, value: -7), IndexPair(key: 1, value: 2), IndexPair(key: 200, value: 201)]

    /// `canonicalStringMap` over `map` with `entriesLeft` entries left.
    static func takeStringMap(_ map: [UInt8], entriesLeft: Int) -> (pairs: [IndexPair]?, entriesLeft: Int, findings: Int, limitReached: Bool) {
        var session = DecodeSession(limits: DecodeLimits(maxEntries: 10))
        session.entriesLeft = entriesLeft
        let pairs = withCursor(map) { session.canonicalStringMap($0) }
        return (pairs, session.entriesLeft, session.allFindings.count, session.limitReached)
    }

    /// A canonical string map spends one entry of `DecodeLimits.maxEntries`
    /// per pair, as the general decoder does, and only when it takes the map:
    /// a map it declines (too few entries left, or a pair it does not read)
    /// spends nothing and reports nothing, so the general decoder that reads
    /// it next counts each pair once and reports the limit at its pair.
    @Test func canonicalStringMapSpendsOneEntryPerPairOnlyWhenItTakesTheMap() {
        let exact = Self.takeStringMap(Self.threePairs, entriesLeft: 3)
        #expect(exact.pairs == Self.pairs && exact.entriesLeft == 0 && exact.findings == 0 && !exact.limitReached)
        #expect(Self.takeStringMap(Self.threePairs, entriesLeft: 5).entriesLeft == 2)
        let short = Self.takeStringMap(Self.threePairs, entriesLeft: 2)
        #expect(short.pairs == nil && short.entriesLeft == 2 && short.findings == 0 && !short.limitReached)
        let bent = Self.takeStringMap(Self.lastPairBent, entriesLeft: 5)
        #expect(bent.pairs == nil && bent.entriesLeft == 5 && bent.findings == 0)
        let empty = Self.takeStringMap([], entriesLeft: 0)
        #expect(empty.pairs == [] && empty.entriesLeft == 0 && !empty.limitReached)
    }

    /// Through the record decoder: a string-map entry costs one entry and
    /// each of its pairs one more, whichever path reads it, and a budget that
    /// runs out inside the map stops at the pair where it does.
    @Test func recordBudgetCountsStringMapPairsOnceOnEitherPath() {
        func decode(_ map: [UInt8], maxEntries: Int) -> Decoded<CompressedAttributes> {
            let record = Wire.bytesField(9, Self.entry(key: 15, Wire.bytesField(2, map)))
            return WireDecoder(limits: DecodeLimits(maxEntries: maxEntries)).decodeCompressedAttributes(record)
        }
        for map in [Self.threePairs, Self.lastPairBent] {
            let enough = decode(map, maxEntries: 4)
            #expect(enough.findings.isEmpty, "\(hexText(map)): 1 + 3 entries fit a budget of 4")
            #expect(Array(enough.message.stringMaps) == [StringMapEntry(key: 15, entries: Self.pairs)])
            let short = decode(map, maxEntries: 3)
            let thirdPairAt = 2 + Self.entry(key: 15, []).count + 2 + Wire.indexPair(1, 31, -7).count + Wire.indexPair(1, 1, 2).count
            #expect(short.findings.map(\.code) == [.limitExceeded] && short.findings.first?.position?.offset == thirdPairAt, "\(short.findings)")
            #expect(Array(short.message.stringMaps) == [StringMapEntry(key: 15, entries: Array(Self.pairs.prefix(2)))])
        }
    }
}

func hexText(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
}
