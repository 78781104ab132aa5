import Foundation
import Testing
@testable import MixerDecode

/// Every `Corpus/logs` file against its expected decode, computed by
/// `Scripts/corpus/generate_logs.py` from the records it printed (through
/// protoc) and the damage it made, never by this decoder.
@Suite struct LogCorpusTests {
    static let logs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/logs").path)) ?? []
        return names.filter { $0.hasSuffix(".log") }.sorted()
    }()

    @Test func corpusIsPresent() {
        #expect(Self.logs.count >= 20)
    }

    @Test(arguments: logs)
    func decodesAsExpected(_ log: String) throws {
        let input = "Corpus/logs/\(log)"
        let expected = try Corpus.expectation(for: input)
        let requests = try Corpus.decode(input)
        try #require(requests.count == expected.count, "dumps in \(log): \(requests.map { $0.location.position?.line ?? 0 })")
        for (request, want) in zip(requests, expected) {
            let place = "\(log) line \(want["line"] ?? "?")"
            #expect(request.location.position?.line == want["line"] as? Int, "\(place)")
            #expect(request.location.logTime == want["logTime"] as? String, "\(place)")
            #expect(request.message?.rawValue == want["message"] as? String, "\(place)")
            #expect(request.lostContent == (want["partial"] as? Bool ?? false), "\(place): partial")
            let objects = try Corpus.objects(request)
            let wantRecords = want["records"] as? [[String: Any]] ?? []
            #expect(request.records.count == wantRecords.count, "\(place): records")
            for (object, wantRecord) in zip(objects, wantRecords) {
                #expect(object["attributes"] as? NSDictionary == wantRecord["attributes"] as? NSDictionary,
                        "\(place) record \(object["record"] ?? "-")")
            }
            if let wantDictionary = want["dictionary"] as? NSDictionary {
                #expect(objects.first?["dictionary"] as? NSDictionary == wantDictionary, "\(place): dictionary")
            }
            if let wantResponse = want["checkResponse"] as? NSDictionary {
                #expect(objects.first?["checkResponse"] as? NSDictionary == wantResponse, "\(place): checkResponse")
            }
            let got = request.allFindings.filter { !Diagnostics.isDiagnostic($0.code) }.map(\.code.rawValue).sorted()
            let wanted = (want["findings"] as? [[String: Any]] ?? []).map { $0["code"] as! String }.sorted()
            #expect(got == wanted, "\(place): findings \(request.allFindings.map(\.message))")
        }
    }
}
