import Foundation
import Testing
@testable import MixerDecode

/// Every Corpus input against its expected decode. The expectations were
/// computed by `Scripts/corpus/generate.py` from the symbolic description the
/// bytes were encoded from (by protoc), never by decoding the bytes, so these
/// tests compare two independent implementations of Mixer's rules.
enum Corpus {
    /// Inputs that have an `X.expected.json` beside them.
    static let expectedInputs: [String] = {
        var inputs: [String] = []
        for folder in ["binary", "frames", "text", "examples"] {
            let directory = repositoryFile("Corpus/\(folder)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where !name.hasSuffix(".expected.json") && !name.hasSuffix(".txtpb") {
                inputs.append("Corpus/\(folder)/\(name)")
            }
        }
        return inputs
    }()

    static func expectation(for input: String) throws -> [[String: Any]] {
        let url = repositoryFile(input).deletingPathExtension().appendingPathExtension("expected.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        if let many = json as? [[String: Any]] { return many }
        return [try #require(json as? [String: Any])]
    }

    static func decode(_ input: String) throws -> [ResolvedRequest] {
        var requests: [ResolvedRequest] = []
        InputDecoder().decode(try readRepositoryBytes(input), inputName: input) { requests.append($0) }
        return requests
    }

    /// `input` decoded and diagnosed as the command does: Mixer's
    /// configuration in force evaluated on each record.
    static func diagnose(_ input: String) throws -> [ResolvedRequest] {
        var requests: [ResolvedRequest] = []
        InputDecoder(diagnostics: .withMixer).decode(try readRepositoryBytes(input), inputName: input) { requests.append($0) }
        return requests
    }

    /// The NDJSON object of each record (or of the request, when it has none), parsed.
    static func objects(_ request: ResolvedRequest) throws -> [[String: Any]] {
        var json = JSONWriter()
        var objects: [[String: Any]] = []
        RecordJSON().writeObjects(of: request, to: &json) { writer in
            objects.append(try! JSONSerialization.jsonObject(with: Data(writer.bytes)) as! [String: Any])
            writer.removeAll()
        }
        return objects
    }

    /// Findings as comparable keys: "code record attribute".
    static func findingKeys(_ request: ResolvedRequest) -> [String] {
        request.allFindings.filter { !Diagnostics.isDiagnostic($0.code) }
            .map { key(code: $0.code.rawValue, record: $0.record, attribute: $0.attribute) }.sorted()
    }

    static func findingKeys(_ expected: [[String: Any]]) -> [String] {
        expected.map {
            key(code: $0["code"] as! String, record: $0["record"] as? Int, attribute: $0["attribute"] as? String)
        }.sorted()
    }

    static func key(code: String, record: Int?, attribute: String?) -> String {
        "\(code) record=\(record.map(String.init) ?? "-") attribute=\(attribute ?? "-")"
    }
}

@Suite struct CorpusTests {
    @Test func corpusIsPresent() {
        #expect(Corpus.expectedInputs.count >= 25)
    }

    @Test(arguments: Corpus.expectedInputs)
    func decodesAsExpected(_ input: String) throws {
        let expected = try Corpus.expectation(for: input)
        let requests = try Corpus.decode(input)
        try #require(requests.count == expected.count, "requests in \(input)")
        for (request, want) in zip(requests, expected) {
            #expect(request.message?.rawValue == want["message"] as? String)
            let objects = try Corpus.objects(request)
            let wantRecords = want["records"] as! [[String: Any]]
            #expect(request.records.count == wantRecords.count)
            for (object, wantRecord) in zip(objects, wantRecords) {
                let got = object["attributes"] as! NSDictionary
                let wantAttributes = wantRecord["attributes"] as! NSDictionary
                #expect(got == wantAttributes, "record \(object["record"] ?? "-") of \(input): \(differences(got, wantAttributes))")
                let dictionary = object["dictionary"] as? NSDictionary
                #expect(dictionary == want["dictionary"] as? NSDictionary, "dictionary of \(input)")
            }
            #expect(Corpus.findingKeys(request) == Corpus.findingKeys(want["findings"] as? [[String: Any]] ?? []),
                    "findings of \(input)")
            if let wantResponse = want["checkResponse"] as? NSDictionary {
                let object = try #require(objects.first)
                #expect(object["checkResponse"] as? NSDictionary == wantResponse, "checkResponse of \(input)")
                #expect(object["dictionary"] is NSNull)
            }
            #expect(!request.lostContent, "\(input) is well-formed")
        }
    }

    private func differences(_ got: NSDictionary, _ want: NSDictionary) -> String {
        var lines: [String] = []
        let keys = Set((got.allKeys + want.allKeys).map { "\($0)" }).sorted()
        for key in keys where !(NSArray(array: [got[key] ?? NSNull()]).isEqual(to: [want[key] ?? NSNull()])) {
            lines.append("\(key): got \(got[key] ?? "nothing"), want \(want[key] ?? "nothing")")
        }
        return lines.joined(separator: "; ")
    }
}
