import Testing
@testable import MixerDecode

/// Map entries as protobuf defines them: any field order, a missing key or
/// value means its default, a repeated field is replaced, unknown fields skipped.
@Suite struct MapEntryTests {
    func record(_ fields: [UInt8]...) -> Decoded<CompressedAttributes> {
        WireDecoder().decodeCompressedAttributes(fields.flatMap { $0 })
    }

    @Test func canonicalEntry() {
        let decoded = record(Wire.indexPair(2, 131, 124))
        #expect(Array(decoded.message.strings) == [IndexPair(key: 131, value: 124)])
        #expect(decoded.findings.isEmpty)
    }

    @Test func valueBeforeKey() {
        let entry = Wire.tag(2, 0) + Wire.sint32(124) + Wire.tag(1, 0) + Wire.sint32(131)
        #expect(Array(record(Wire.bytesField(2, entry)).message.strings) == [IndexPair(key: 131, value: 124)])
    }

    @Test func missingKeyIsZeroAndMissingValueIsDefault() {
        let noKey = Wire.bytesField(2, Wire.tag(2, 0) + Wire.sint32(-1))
        let noValue = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(151))
        let empty = Wire.bytesField(8, [])
        let decoded = record(noKey, noValue, empty)
        #expect(Array(decoded.message.strings) == [IndexPair(key: 0, value: -1)])
        #expect(Array(decoded.message.int64s) == [Int64Entry(key: 151, value: 0)])
        #expect(Array(decoded.message.bytes) == [BytesEntry(key: 0, value: [])])
    }

    @Test func repeatedFieldInsideAnEntryKeepsTheLast() {
        let entry = Wire.tag(1, 0) + Wire.sint32(5) + Wire.tag(1, 0) + Wire.sint32(131)
            + Wire.tag(2, 0) + Wire.sint32(1) + Wire.tag(2, 0) + Wire.sint32(124)
        #expect(Array(record(Wire.bytesField(2, entry)).message.strings) == [IndexPair(key: 131, value: 124)])
    }

    @Test func repeatedKeysAreKeptInWireOrderForResolution() {
        let decoded = record(Wire.indexPair(2, 131, 92), Wire.indexPair(2, 131, 124))
        #expect(decoded.message.strings.count == 2)
        let resolved = Resolver().resolve(decoded)
        #expect(resolved.records[0].value(of: "context.protocol") == .string("tcp"), "the last entry wins")
    }

    @Test func unknownFieldInsideAnEntryIsSkippedWithANote() {
        let entry = Wire.tag(1, 0) + Wire.sint32(131) + Wire.varintField(7, 99) + Wire.tag(2, 0) + Wire.sint32(124)
        let decoded = record(Wire.bytesField(2, entry))
        #expect(Array(decoded.message.strings) == [IndexPair(key: 131, value: 124)])
        #expect(decoded.findings.map(\.code) == [.unknownField])
        #expect(decoded.isComplete)
    }

    @Test func valueWithTheWrongWireTypeIsUnknown() {
        // strings value sent as bytes: skipped like an unknown field, default value kept.
        let entry = Wire.tag(1, 0) + Wire.sint32(131) + Wire.bytesField(2, [1, 2])
        let decoded = record(Wire.bytesField(2, entry))
        #expect(Array(decoded.message.strings) == [IndexPair(key: 131, value: 0)])
        #expect(decoded.findings.first?.message.contains("expected length-delimited") == false)
        #expect(decoded.findings.first?.message.contains("field 2 has wire type lengthDelimited, expected varint") == true)
    }

    @Test func everyValueKind() {
        let double = Wire.bytesField(4, Wire.tag(1, 0) + Wire.sint32(-1) + [0x11] + hex("00 00 00 00 00 00 f0 7f"))
        let bool = Wire.bytesField(5, Wire.tag(1, 0) + Wire.sint32(177) + Wire.varintField(2, 2))
        let time = Wire.bytesField(6, Wire.tag(1, 0) + Wire.sint32(24)
            + Wire.bytesField(2, Wire.varintField(1, 1_558_339_940) + Wire.varintField(2, 125)))
        let negativeNanos = Wire.varintField(2, UInt64(bitPattern: -500_000_000))
        let duration = Wire.bytesField(7, Wire.tag(1, 0) + Wire.sint32(29)
            + Wire.bytesField(2, Wire.varintField(1, UInt64(bitPattern: -1)) + negativeNanos))
        let map = Wire.bytesField(9, Wire.tag(1, 0) + Wire.sint32(15)
            + Wire.bytesField(2, Wire.indexPair(1, -2, -3) + Wire.indexPair(1, 200, 201)))
        let negative = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(30) + Wire.varintField(2, UInt64(bitPattern: -7)))
        let decoded = record(double, bool, time, duration, map, negative)
        let message = decoded.message
        #expect(message.doubles.first?.value == .infinity)
        #expect(message.bools.first == BoolEntry(key: 177, value: true), "any non-zero varint is true")
        #expect(message.timestamps.first?.value == ProtoTimestamp(seconds: 1_558_339_940, nanos: 125))
        #expect(message.durations.first?.value == ProtoDuration(seconds: -1, nanos: -500_000_000))
        #expect(message.stringMaps.first?.entries == [IndexPair(key: -2, value: -3), IndexPair(key: 200, value: 201)])
        #expect(message.int64s.first?.value == -7, "int64 values are plain varints, not zigzag")
        #expect(decoded.findings.isEmpty)
    }
}

/// Damage costs only what it touches: the length prefixes say where the next part starts.
@Suite struct DamageContainmentTests {
    @Test func brokenEntryCostsOnlyThatEntry() {
        let broken = Wire.bytesField(2, hex("08 ff ff ff ff ff ff ff ff ff ff 01"))
        let bytes = Wire.indexPair(2, 3, 4) + broken + Wire.indexPair(2, 131, 124)
        let decoded = WireDecoder().decodeCompressedAttributes(bytes)
        #expect(Array(decoded.message.strings) == [IndexPair(key: 3, value: 4), IndexPair(key: 131, value: 124)])
        #expect(decoded.findings.count == 1)
        let finding = decoded.findings[0]
        #expect(finding.code == .malformed)
        #expect(finding.position?.offset == 9, "entry 0 is 6 bytes; entry 1 is tag, length, key tag, then the varint")
        #expect(finding.message == "attributes.strings entry 1: varint longer than 10 bytes or above 64 bits at byte 9")
        #expect(decoded.partialRecords == [0])
    }

    @Test func brokenRecordDoesNotCostTheNextRecordOrTheWords() {
        let good = Wire.indexPair(2, 131, -1)
        let broken = Wire.indexPair(2, 3, 4) + hex("0f")  // wire type 7
        let report = Wire.bytesField(1, good) + Wire.bytesField(1, broken) + Wire.bytesField(1, good)
            + Wire.stringField(2, "tcp") + Wire.varintField(3, 221) + Wire.varintField(4, 1)
        let decoded = WireDecoder().decodeReportRequest(report)
        #expect(decoded.message.records.count == 3)
        #expect(decoded.message.defaultWords == ["tcp"])
        #expect(decoded.partialRecords == [1])
        #expect(decoded.findings.map(\.code) == [.malformed])
        #expect(decoded.findings[0].message.hasPrefix("attributes[1]: wire type 7 of field 1 does not exist at byte"))
        let resolved = Resolver().resolve(decoded)
        #expect(resolved.records.map { $0.value(of: "context.protocol") } == [.string("tcp"), nil, .string("tcp")])
        #expect(resolved.records[1].value(of: "source.uid") == .string("source.namespace"), "entries before the damage survive")
    }

    @Test func cutRecordKeepsWhatArrived() {
        let record = Wire.indexPair(2, 131, 124) + Wire.indexPair(2, 3, 4)
        let full = Wire.bytesField(1, record)
        let cut = Array(full[0..<(full.count - 2)])
        let decoded = WireDecoder().decodeReportRequest(cut)
        #expect(Array(decoded.message.records[0].strings) == [IndexPair(key: 131, value: 124)])
        #expect(decoded.partialRecords == [0])
        #expect(decoded.findings.map(\.code) == [.truncated, .truncated])
        #expect(decoded.findings[0].position?.offset == 1, "the record's length prefix")
    }

    @Test func entryBudgetStopsDecoding() {
        let bytes = (0..<10).flatMap { _ in Wire.indexPair(2, 1, 2) }
        let decoded = WireDecoder(limits: DecodeLimits(maxEntries: 4)).decodeCompressedAttributes(bytes)
        #expect(decoded.message.strings.count == 4)
        #expect(decoded.findings.map(\.code) == [.limitExceeded])
    }

    @Test func oversizedMessageIsNotDecoded() {
        let decoded = WireDecoder(limits: DecodeLimits(maxMessageBytes: 4)).decodeReportRequest(Wire.indexPair(2, 1, 2))
        #expect(decoded.findings.map(\.code) == [.limitExceeded])
        #expect(decoded.message.records.isEmpty)
    }

    @Test func invalidUTF8IsKeptVisibleWithAWarning() {
        let decoded = WireDecoder().decodeReportRequest(Wire.bytesField(2, [0x61, 0xFF, 0x62]))
        #expect(decoded.message.defaultWords == ["a\u{FFFD}b"])
        #expect(decoded.findings.map(\.code) == [.invalidUTF8])
        #expect(decoded.findings[0].position?.offset == 2)
    }
}

/// Fields of Mixer's messages that the model has no place for are said, in
/// words that name them, and skipped.
struct UnmodelledFieldTests {
    @Test func statusDetailsAreNamedAndSkipped() throws {
        // CheckResponse { precondition (2) { status (1) { code: 7, details (3): an Any } } }
        let any = Wire.stringField(1, "type.googleapis.com/google.rpc.DebugInfo")
        let status = Wire.varintField(1, 7) + Wire.bytesField(3, any)
        let bytes = Wire.bytesField(2, Wire.bytesField(1, status))
        let decoded = WireDecoder().decodeCheckResponse(bytes)
        #expect(decoded.message.precondition?.status?.code == 7)
        let note = try #require(decoded.findings.first { $0.code == .unknownField })
        let detailsTag = 2 + 2 + 2  // two length-delimited headers, then the code field
        #expect(note.message == "precondition.status.details: a google.protobuf.Any, which mixerdecode does not decode; skipped, at byte \(detailsTag)")
        #expect(note.position == .byte(detailsTag))
        #expect(decoded.isComplete)
    }
}
