import Testing
@testable import MixerDecode
import MixerDecodeSupport

/// Input forms and message kinds are told apart from the bytes alone.
@Suite struct InputDetectionTests {
    static let report = Wire.bytesField(1, Wire.indexPair(2, 131, 124)) + Wire.stringField(2, "w")
        + Wire.varintField(3, 221) + Wire.varintField(4, 1)
    static let check = Wire.bytesField(1, Wire.indexPair(2, 131, 92)) + Wire.varintField(2, 222)

    static func frame(_ message: [UInt8], flag: UInt8 = 0) -> [UInt8] {
        let length = UInt32(message.count)
        return [flag, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
    }

    @Test func inputKinds() {
        #expect(InputKindDetector.detect(Self.report) == .raw)
        #expect(InputKindDetector.detect(Self.frame(Self.report)) == .grpc)
        #expect(InputKindDetector.detect(Array("0a 06 12 04\n08 86 02 10".utf8)) == .hex)
        #expect(InputKindDetector.detect(Array(Base64.encode(Self.report).utf8)) == .base64)
        #expect(InputKindDetector.detect(Array("0a0".utf8)) == .base64, "an odd number of hex digits is not hex")
    }

    @Test func logsAreTextWithMarkersOrWithoutControlBytes() throws {
        let log = "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Report request: attributes {\n"
        #expect(InputKindDetector.detect(Array(log.utf8)) == .log)
        #expect(InputKindDetector.detect(Array("just some text\nwith lines\n".utf8)) == .log)
        // Binary noise inside a log does not make it binary, once a marker is there.
        let noisy = Array(log.utf8) + (0..<512).map { UInt8(truncatingIfNeeded: $0 * 37) } + Array(log.utf8)
        #expect(InputKindDetector.detect(noisy) == .log)
        for file in ["Corpus/binary/report-1.1-http.bin", "Corpus/examples/vm-details-tcp.grpc"] {
            #expect(InputKindDetector.detect(try readRepositoryBytes(file)) != .log, "\(file)")
        }
    }

    @Test func messageKinds() {
        #expect(MessageClassifier.classify(Self.report, range: Self.report.indices).kind == .report)
        #expect(MessageClassifier.classify(Self.check, range: Self.check.indices).kind == .check)
        let bare = Wire.indexPair(2, 131, 124) + Wire.indexPair(3, 30, 200)
        #expect(MessageClassifier.classify(bare, range: bare.indices).kind == .compressed)
        let onlyStrings = Wire.indexPair(2, 131, 124)
        #expect(MessageClassifier.classify(onlyStrings, range: onlyStrings.indices).kind == .compressed)
        let clear = Wire.bytesField(1, Wire.stringField(1, "request.path") + Wire.bytesField(2, Wire.stringField(2, "/")))
        #expect(MessageClassifier.classify(clear, range: clear.indices).kind == .attributes)
        let onlyRecords = Wire.bytesField(1, Wire.indexPair(2, 131, 124))
        #expect(MessageClassifier.classify(onlyRecords, range: onlyRecords.indices).kind == .report, "ambiguous: Report")
    }

    func decodeAll(_ bytes: [UInt8], decoder: InputDecoder = InputDecoder()) -> [ResolvedRequest] {
        var requests: [ResolvedRequest] = []
        decoder.decode(bytes, inputName: "test") { requests.append($0) }
        return requests
    }

    @Test func framesOfMixedMessagesDecodeOneByOne() {
        let requests = decodeAll(Self.frame(Self.report) + Self.frame(Self.check))
        #expect(requests.map(\.message) == [.report, .check])
        #expect(requests.map(\.location.ordinal) == [0, 1])
        #expect(requests.map(\.location.position?.offset) == [0, 5 + Self.report.count])
        #expect(requests[1].records[0].value(of: "context.protocol") == .string("http"))
    }

    @Test func aDamagedFrameDoesNotCostTheNext() {
        let broken = Self.frame(hex("0a 05 12 03 08"))
        let requests = decodeAll(Self.frame(Self.report) + broken + Self.frame(Self.check))
        #expect(requests.count == 3)
        #expect(requests[1].lostContent)
        #expect(requests[2].message == .check)
        #expect(!requests[2].lostContent)
    }

    @Test func aCutFinalFrameKeepsWhatArrived() {
        let framed = Self.frame(Self.report)
        let requests = decodeAll(Array(framed[0..<(framed.count - 4)]))
        #expect(requests.count == 1)
        #expect(requests[0].findings.first?.message.contains("announces \(Self.report.count) bytes") == true)
        #expect(requests[0].records.first?.value(of: "context.protocol") == .string("tcp"))
    }

    @Test func aBadFlagIsReportedWithItsOffset() {
        let requests = decodeAll(Self.frame(Self.report) + [0x07, 0, 0, 0, 1, 0])
        #expect(requests.count == 2)
        #expect(requests[1].message == nil)
        #expect(requests[1].findings.map(\.position?.offset) == [5 + Self.report.count])
    }

    @Test func compressedFramesAreSkippedWithAWarning() {
        let requests = decodeAll(Self.frame([1, 2, 3], flag: 1) + Self.frame(Self.check))
        #expect(requests.map(\.message) == [nil, .check])
        #expect(requests[0].findings[0].severity == .warning)
    }

    @Test func base64ParagraphsAreSeparateMessages() {
        let text = Base64.encode(Self.report) + "\n\n" + Base64.encode(Self.frame(Self.check)) + "\n"
        let requests = decodeAll(Array(text.utf8))
        #expect(requests.map(\.message) == [.report, .check])
    }

    @Test func base64JoinedAfterPaddingSplits() {
        let first = Base64.encode(Self.report + [0])  // length 1 mod 3: padded
        #expect(first.hasSuffix("="))
        let requests = decodeAll(Array((first + "\n" + Base64.encode(Self.check)).utf8))
        #expect(requests.count == 2)
    }

    /// In input order: the message decoded from the bytes before the bad
    /// character, then the finding that says where the text went bad.
    @Test func hexWithABadCharacterSaysWhere() {
        let requests = decodeAll(Array("0a 06 zz".utf8), decoder: InputDecoder(inputKind: .hex))
        #expect(requests.count == 2)
        #expect(requests.first?.range == 0..<2)
        #expect(requests.last?.findings.first?.position?.offset == 6)
        #expect(requests.last?.findings.first?.code == .malformed)
        #expect(requests.last?.findings.first?.message.contains("the 2 bytes before it are decoded") == true)
    }

    @Test func emptyInputIsNotSilent() {
        let requests = decodeAll([])
        #expect(requests.count == 1)
        #expect(requests[0].findings.first?.message == "input is empty")
    }
}
