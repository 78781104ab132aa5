import Testing
@testable import MixerDecode

/// The library side of `mixerdecode encode`: JSON records in, framed
/// requests out, and back through the decoder unchanged.
struct EncodeInputTests {
    @Test func theDecodersObjectsOfOneRequestBecomeOneRequestAgain() throws {
        let ndjson = """
            {"input":"a.log","request":0,"record":0,"attributes":{"context.protocol":"tcp"}}
            {"input":"a.log","request":0,"record":1,"attributes":{"context.protocol":"http"}}

            {"input":"a.log","request":1,"record":0,"dictionary":{"release":"1.0"},"attributes":{"response.code":200}}
            """
        let requests = try EncodeInput.requests(fromJSON: Array(ndjson.utf8))
        #expect(requests.map(\.records.count) == [2, 1])
        #expect(requests[1].release == "1.0")
        #expect(requests[1].records[0] == [Attribute(name: "response.code", value: .int64(200))])
    }

    @Test func numbersAreTypedByTheManifestAndByTheirText() throws {
        // Istio's manifest: response.code and request.size are INT64,
        // context.time a TIMESTAMP, response.duration a DURATION.
        let json = #"{"records": [{"response.code": 200, "request.size": 5, "context.time": "2019-05-20T08:12:20Z", "response.duration": "0.5s", "connection.mtls": true}]}"#
        let record = try #require(try EncodeInput.requests(fromJSON: Array(json.utf8)).first?.records.first)
        let values = Dictionary(uniqueKeysWithValues: record.map { ($0.name, $0.value) })
        #expect(values["response.code"] == .int64(200))
        #expect(values["request.size"] == .int64(5))
        // 2019-05-20 is day 18,036 of the epoch: 18,036 × 86,400 + 8 h 12 min 20 s.
        #expect(values["context.time"] == .timestamp(ProtoTimestamp(seconds: 18_036 * 86_400 + 29_540, nanos: 0)))
        #expect(values["response.duration"] == .duration(ProtoDuration(seconds: 0, nanos: 500_000_000)))
        #expect(values["connection.mtls"] == .bool(true))
    }

    @Test func badInputSaysWhere() {
        #expect(throws: EncodeInput.Problem(description: "line 2 is not a JSON object")) {
            try EncodeInput.requests(fromJSON: Array("{\"records\": []}\nnot json\n".utf8))
        }
        #expect(throws: EncodeInput.Problem(description: "line 1, record 0: request.time = \"yesterday\" does not fit its manifest type TIMESTAMP")) {
            try EncodeInput.requests(fromJSON: Array(#"{"records": [{"request.time": "yesterday"}]}"#.utf8))
        }
        #expect(throws: EncodeInput.Problem(description: "line 1: an object needs \"attributes\" or \"records\"")) {
            try EncodeInput.requests(fromJSON: Array(#"{"record": []}"#.utf8))
        }
    }

    @Test func framesAreGRPCsFivebytePrefixAndTheMessage() throws {
        let frames = EncodeOutput.grpcFrames([[0x0A, 0x00], [0x08, 0x01, 0x10]])
        #expect(frames == [0, 0, 0, 0, 2, 0x0A, 0x00, 0, 0, 0, 0, 3, 0x08, 0x01, 0x10])
        #expect(String(decoding: try EncodeOutput.bytes([[0xAB, 0x01]], as: .hex), as: UTF8.self) == "0000000002ab01\n")
        #expect(throws: EncodeOutput.Problem.self) { try EncodeOutput.bytes([[1], [2]], as: .raw) }
    }

    @Test func base64TextHasMIMELinesOf76() throws {
        let text = String(decoding: try EncodeOutput.bytes([[UInt8](repeating: 0xFF, count: 100)], as: .base64), as: UTF8.self)
        let lines = text.dropLast().components(separatedBy: "\r\n")
        #expect(lines.count == 2 && lines[0].count == 76, "105 bytes of frame are 140 characters")
        #expect(text.hasSuffix("\n") && !lines[1].isEmpty)
    }

    @Test func whatIsBuiltDecodesToTheSameAttributes() throws {
        let json = #"{"message": "report", "release": "1.0", "semantics": "delta", "records": [{"context.protocol": "http", "response.code": 200, "destination.ip": "10.244.3.0"}, {"response.code": 503}]}"#
        let request = try #require(try EncodeInput.requests(fromJSON: Array(json.utf8)).first)
        let bytes = try EncodeOutput.bytes([request.encoded()], as: .grpc)
        var decoded: [ResolvedRequest] = []
        InputDecoder(diagnostics: nil).decode(bytes, inputName: "built") { decoded.append($0) }
        let records = try #require(decoded.first?.records)
        #expect(decoded.first?.dictionary?.release == "1.0")
        #expect(records.count == 2)
        #expect(records[1].value(of: "context.protocol") == .string("http"), "carried over by Mixer's delta replay")
        #expect(records[1].value(of: "response.code") == .int64(503))
        #expect(records[0].value(of: "destination.ip") == .bytes([10, 244, 3, 0]))
    }
}
