import Testing
@testable import MixerDecode

/// Tags, lengths and fixed-width values, at every truncation point and length boundary.
@Suite struct TagTests {
    @Test(arguments: [
        ("08", UInt32(1), WireType.varint), ("0a", 1, .lengthDelimited), ("11", 2, .fixed64),
        ("4a", 9, .lengthDelimited), ("1b", 3, .startGroup), ("1c", 3, .endGroup), ("2d", 5, .fixed32),
        ("f8 ff ff ff 0f", FieldTag.maxFieldNumber, .varint),
    ])
    func validTags(_ bytes: String, _ field: UInt32, _ wireType: WireType) {
        withCursor(hex(bytes)) { cursor in
            #expect(cursor.readTag() == FieldTag(fieldNumber: field, wireType: wireType))
        }
    }

    @Test(arguments: [
        ("00", "field number 0 is not allowed"),
        ("02", "field number 0 is not allowed"),
        ("0e", "wire type 6 of field 1 does not exist"),
        ("0f", "wire type 7 of field 1 does not exist"),
        ("80 80 80 80 10", "larger than 32 bits"),
    ])
    func malformedTags(_ bytes: String, _ reason: String) {
        withCursor(hex(bytes)) { cursor in
            #expect(cursor.readTag() == nil)
            #expect(cursor.position == 0)
            let failure = WireFailure.diagnose(.tag, at: cursor)
            #expect(failure.kind == .malformed)
            #expect(failure.reason.contains(reason), "\(failure.reason)")
        }
    }

    @Test func cutTagIsTruncated() {
        withCursor(hex("f8 ff")) { cursor in
            #expect(cursor.readTag() == nil)
            #expect(WireFailure.diagnose(.tag, at: cursor).kind == .truncated)
        }
    }
}

@Suite struct LengthTests {
    @Test func lengthExactlyToTheEnd() {
        withCursor(hex("03 aa bb cc")) { cursor in
            #expect(cursor.readLength() == 3)
            #expect(cursor.position == 1)
        }
    }

    @Test func everyLengthOnePastTheEndIsTruncated() {
        for available in 0..<5 {
            let bytes = Wire.varint(UInt64(available + 1)) + [UInt8](repeating: 0xAA, count: available)
            withCursor(bytes) { cursor in
                #expect(cursor.readLength() == nil)
                #expect(cursor.position == 0)
                let failure = WireFailure.diagnose(.length, at: cursor)
                #expect(failure.kind == .truncated)
                #expect(failure.reason == "length \(available + 1) runs past end of input (\(available) bytes left)")
            }
        }
    }

    @Test func overrunInsideACompleteFieldIsMalformedNotTruncated() {
        // A 3-byte field whose content claims 5 bytes: more input cannot fix that.
        withCursor(hex("0a 03 05 aa bb cc dd ee")) { outer in
            _ = outer.readTag()
            let length = outer.readLength()!
            var inner = outer.nested(length: length)
            #expect(inner.readLength() == nil)
            let failure = WireFailure.diagnose(.length, at: inner)
            #expect(failure.kind == .malformed)
            #expect(failure.reason == "length 5 runs past end of its enclosing field (2 bytes left)")
            #expect(failure.offset == 2)
        }
    }

    @Test func lengthsAtTheTwoGiBBoundary() {
        // 0x7FFFFFFF is the largest length protobuf allows: here merely truncated.
        withCursor(Wire.varint(0x7FFF_FFFF)) { cursor in
            #expect(cursor.readLength() == nil)
            #expect(WireFailure.diagnose(.length, at: cursor).kind == .truncated)
        }
        // One more is malformed whatever follows.
        withCursor(Wire.varint(0x8000_0000)) { cursor in
            #expect(cursor.readLength() == nil)
            let failure = WireFailure.diagnose(.length, at: cursor)
            #expect(failure.kind == .malformed)
            #expect(failure.reason.contains("2 GiB"))
        }
    }

    @Test func fixedWidthValuesAtEveryCut() {
        let eight = hex("00 00 00 00 00 00 f0 3f")
        withCursor(eight) { cursor in
            #expect(cursor.readFixed64().map { Double(bitPattern: $0) } == 1.0)
        }
        for cut in 0..<8 {
            withCursor(Array(eight[0..<cut])) { cursor in
                #expect(cursor.readFixed64() == nil)
                #expect(WireFailure.diagnose(.fixed64, at: cursor).kind == .truncated)
            }
        }
        for cut in 0..<4 {
            withCursor(Array(eight[0..<cut])) { cursor in #expect(cursor.readFixed32() == nil) }
        }
    }
}

@Suite struct FieldSkipperTests {
    func skip(_ bytes: [UInt8], depth: Int = 100) -> (FieldSkipper.Outcome, Int) {
        withCursor(bytes) { cursor in
            guard let tag = cursor.readTag() else { return (.failed(.diagnose(.tag, at: cursor)), cursor.position) }
            return (FieldSkipper.skipValue(of: tag, cursor: &cursor, tagOffset: 0, depthBudget: depth), cursor.position)
        }
    }

    @Test(arguments: [
        "08 96 01", "11 01 02 03 04 05 06 07 08", "15 01 02 03 04", "12 03 61 62 63",
        // A group holding a varint, a nested group and bytes.
        "1b 08 01 23 10 02 24 12 01 00 1c",
    ])
    func skipsEveryWireType(_ field: String) {
        let bytes = hex(field)
        let (outcome, position) = skip(bytes + [0x08, 0x01])
        #expect(outcome == .skipped)
        #expect(position == bytes.count, "stops right after the field")
    }

    @Test func groupClosedByTheWrongFieldIsMalformed() {
        let (outcome, _) = skip(hex("1b 08 01 24"))
        guard case .failed(let failure) = outcome else { Issue.record("accepted"); return }
        #expect(failure.kind == .malformed)
        #expect(failure.offset == 3)
    }

    @Test func unterminatedGroupIsTruncated() {
        let (outcome, _) = skip(hex("1b 08 01"))
        guard case .failed(let failure) = outcome else { Issue.record("accepted"); return }
        #expect(failure.kind == .truncated)
    }

    @Test func loneEndGroupIsMalformed() {
        let (outcome, _) = skip(hex("1c"))
        guard case .failed(let failure) = outcome else { Issue.record("accepted"); return }
        #expect(failure.kind == .malformed)
        #expect(failure.offset == 0)
    }

    @Test func nestingIsBoundedByTheDepthBudget() {
        let deep = [UInt8](repeating: 0x1B, count: 200) + [UInt8](repeating: 0x1C, count: 200)
        let (outcome, _) = skip(deep, depth: 100)
        guard case .failed(let failure) = outcome else { Issue.record("accepted"); return }
        #expect(failure.kind == .limitExceeded)
        #expect(failure.offset == 100, "the start-group tag that opens level 101")
        let shallow = [UInt8](repeating: 0x1B, count: 50) + [UInt8](repeating: 0x1C, count: 50)
        #expect(skip(shallow, depth: 100).0 == .skipped)
    }
}
