import Testing
@testable import MixerDecode

/// Every finding says where it is, in the terms of its input: the byte of
/// the entry's tag in binary input, the line and column of the entry's field
/// name in text and log input, including findings made after decoding, by
/// resolution (`unknown-index`, `duplicate-attribute`).
struct PositionTests {
    /// A Report with one good entry, one index past every dictionary (900)
    /// and `context.protocol` (131) sent again as an int64.
    static let dump = """
        attributes {
          strings {
            key: 131
            value: 124
          }
          strings {
            key: 900
            value: 124
          }
          int64s {
            key: 131
            value: 7
          }
        }
        global_word_count: 221

        """

    static let logLine = "[2019-05-20 08:12:20.131][35][debug][filter] [src/istio/mixerclient/report_batch.cc:90] Sending Report request: "

    func finding(_ code: FindingCode, in request: ResolvedRequest) throws -> Finding {
        try #require(request.allFindings.first { $0.code == code }, "\(request.allFindings.map(\.message))")
    }

    @Test func textFindingsFromResolutionNameTheEntrysLine() throws {
        let request = Resolver().resolve(TextFormatDecoder().decodeReportRequest(Array(Self.dump.utf8)))
        // Line 6 is the second `strings {`; its name starts in column 3.
        #expect(try finding(.unknownIndex, in: request).position == .line(6, column: 3))
        #expect(try finding(.duplicateAttribute, in: request).position == .line(10, column: 3))
    }

    @Test func logFindingsFromResolutionNameTheLogsLine() throws {
        // The dump starts on the log's line 3, after two unrelated lines.
        let log = "starting\nready\n" + Self.logLine + Self.dump
        var requests: [ResolvedRequest] = []
        InputDecoder().decode(Array(log.utf8), inputName: "envoy.log") { requests.append($0) }
        let request = try #require(requests.first)
        #expect(request.location.position == .line(3))
        #expect(try finding(.unknownIndex, in: request).position == .line(8, column: 3))
        #expect(try finding(.duplicateAttribute, in: request).position == .line(12, column: 3))
    }

    @Test func binaryFindingsFromResolutionNameTheEntrysByte() throws {
        let good = Wire.indexPair(2, 131, 124)
        let unknown = Wire.indexPair(2, 900, 124)
        let duplicate = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(131) + Wire.tag(2, 0) + Wire.varint(7))
        let record = good + unknown + duplicate
        let bytes = Wire.bytesField(1, record) + Wire.varintField(3, 221)
        let request = Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
        let recordStart = 2  // the record's tag and one-byte length
        #expect(request.records[0].position == .byte(recordStart))
        #expect(try finding(.unknownIndex, in: request).position == .byte(recordStart + good.count))
        #expect(try finding(.duplicateAttribute, in: request).position == .byte(recordStart + good.count + unknown.count))
    }

    @Test func aPositionIsWrittenAsMessagesNameIt() {
        #expect(Position.byte(94).description == "byte 94")
        #expect(Position.line(8, column: 15).description == "line 8, column 15")
        #expect(Position.line(8).description == "line 8")
    }
}
