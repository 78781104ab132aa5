import Testing
@testable import MixerDecode

/// Varints: every length from 1 to 10 bytes, every truncation point, and the
/// two ways a varint can be malformed (an 11th byte, a 10th byte above 1).
@Suite struct VarintTests {
    static let valid: [(bytes: String, value: UInt64)] = [
        ("00", 0),
        ("01", 1),
        ("7f", 127),
        ("80 01", 128),
        ("ff 7f", 16_383),
        ("80 80 01", 16_384),
        ("ff ff 7f", 2_097_151),
        ("80 80 80 01", 2_097_152),
        ("ff ff ff 7f", 268_435_455),
        ("80 80 80 80 01", 268_435_456),
        ("ff ff ff ff 0f", 4_294_967_295),
        ("ff ff ff ff ff ff ff ff 7f", (1 << 63) - 1),
        ("80 80 80 80 80 80 80 80 80 01", 1 << 63),
        ("ff ff ff ff ff ff ff ff ff 01", UInt64.max),
        // Not minimal, but every protobuf runtime accepts padding up to 10 bytes.
        ("80 00", 0),
        ("ff ff ff ff ff ff ff ff ff 00", (1 << 63) - 1),
    ]

    @Test(arguments: valid)
    func decodesEveryLength(_ row: (bytes: String, value: UInt64)) {
        let bytes = hex(row.bytes)
        withCursor(bytes) { cursor in
            #expect(cursor.readVarint() == row.value)
            #expect(cursor.position == bytes.count, "consumes exactly the varint")
        }
    }

    @Test(arguments: valid)
    func everyTruncationIsReportedAtTheVarintStart(_ row: (bytes: String, value: UInt64)) {
        let bytes = hex(row.bytes)
        for cut in 0..<bytes.count {
            withCursor(Array(bytes[0..<cut])) { cursor in
                #expect(cursor.readVarint() == nil, "cut at \(cut)")
                #expect(cursor.position == 0, "a failed read leaves the cursor where it was")
                let failure = WireFailure.diagnose(.varint, at: cursor)
                #expect(failure.kind == .truncated)
                #expect(failure.offset == 0)
            }
        }
    }

    @Test func elevenBytesAreMalformed() {
        withCursor(hex("ff ff ff ff ff ff ff ff ff ff 01")) { cursor in
            #expect(cursor.readVarint() == nil)
            #expect(WireFailure.diagnose(.varint, at: cursor).kind == .malformed)
        }
    }

    @Test func aTenthByteAboveOneOverflows() {
        withCursor(hex("ff ff ff ff ff ff ff ff ff 02")) { cursor in
            #expect(cursor.readVarint() == nil)
            let failure = WireFailure.diagnose(.varint, at: cursor)
            #expect(failure.kind == .malformed)
            #expect(failure.reason.contains("longer than 10 bytes or above 64 bits"))
        }
    }

    @Test func offsetsAreAbsoluteInTheInput() {
        let bytes = hex("01 02 ff ff")
        WireInput.withCursor(over: bytes, range: 2..<4) { cursor in
            #expect(cursor.readVarint() == nil)
            #expect(WireFailure.diagnose(.varint, at: cursor).offset == 2)
        }
    }
}

@Suite struct ZigZagTests {
    static let table: [(raw: UInt64, value: Int32)] = [
        (0, 0), (1, -1), (2, 1), (3, -2), (261, -131), (262, 131),
        (4_294_967_294, Int32.max), (4_294_967_295, Int32.min),
        // A sign-extended 64-bit encoding is cut to 32 bits first.
        (0xFFFF_FFFF_FFFF_FFFF, Int32.min),
    ]

    @Test func decodes() {
        for row in Self.table { #expect(ZigZag.decode32(row.raw) == row.value, "\(row.raw)") }
    }

    @Test(arguments: [Int32.min, -131, -1, 0, 1, 131, Int32.max])
    func roundTrips(_ value: Int32) {
        #expect(ZigZag.decode32(UInt64(ZigZag.encode32(value))) == value)
    }
}
