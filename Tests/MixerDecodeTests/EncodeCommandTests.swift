import Foundation
import Testing
@testable import MixerDecode

/// `mixerdecode encode`, run as a user runs it.
@Suite struct EncodeCommandTests {
    func attributes(_ ndjson: String) throws -> [NSDictionary] {
        try ndjson.split(separator: "\n").map {
            let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            return object["attributes"] as! NSDictionary
        }
    }

    @Test(arguments: ["Corpus/examples/vm-details-tcp.grpc", "Corpus/binary/check-1.1.bin", "Corpus/binary/report-0.8-delta.bin", "Corpus/logs/envoy-1.6.log"])
    func decodeEncodeDecodeKeepsTheAttributes(_ input: String) throws {
        let first = try runCommand(["-o", "ndjson", "--skip-findings", "unknown-label", input])
        let encoded = try runCommand(["encode", "--to", "hex"], stdin: Array(first.stdout.utf8))
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let second = try runCommand(["-o", "ndjson"], stdin: Array(encoded.stdout.utf8))
        #expect(try attributes(second.stdout) == attributes(first.stdout), "\(input)")
    }

    @Test func recordsFormWithReleaseAndSemantics() throws {
        let json = #"{"message": "report", "release": "1.0", "semantics": "delta", "records": [{"context.protocol": "http", "response.code": 200, "destination.ip": "10.244.3.0", "response.duration": "0.5s"}, {"response.code": 503}]}"#
        let encoded = try runCommand(["encode", "--to", "base64"], stdin: Array(json.utf8))
        let decoded = try runCommand(["-o", "ndjson"], stdin: Array(encoded.stdout.utf8))
        let records = try attributes(decoded.stdout)
        #expect(records.count == 2)
        #expect(records[1]["context.protocol"] as? String == "http", "carried over by the delta replay")
        #expect(records[1]["response.code"] as? Int == 503)
        #expect(records[0]["destination.ip"] as? String == "10.244.3.0")
        #expect(decoded.stdout.contains(#""release":"1.0""#))
    }

    @Test func badInputSaysWhere() throws {
        let run = try runCommand(["encode", "--to", "hex"], stdin: Array("{\"records\": []}\nnot json\n".utf8))
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 2 is not a JSON object"))
        let typed = try runCommand(["encode", "--to", "hex"], stdin: Array(#"{"records": [{"request.time": "yesterday"}]}"#.utf8))
        #expect(typed.stderr.contains("request.time = \"yesterday\" does not fit its manifest type TIMESTAMP"))
        let two = #"{"records": [{}]}"# + "\n" + #"{"records": [{}]}"#
        #expect(try runCommand(["encode", "--to", "raw"], stdin: Array(two.utf8)).status == 64)
    }
}
