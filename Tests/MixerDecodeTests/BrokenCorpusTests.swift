import Foundation
import Testing
@testable import MixerDecode

/// Every damaged file in `Corpus/broken/` against `manifest.json`, which says
/// where the damage is (computed by the generator from the bytes it cut) and
/// which records must survive it.
@Suite struct BrokenCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let codes: [String]
        let offset: Int?
        let frame: Int?
        let completeRecordsBefore: Int
        let decodableRecords: [Int]
        var testDescription: String { file }
    }

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: repositoryFile("Corpus/broken/manifest.json")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = manifest["files"] as? [[String: Any]]
        else { return [] }
        return files.map {
            Case(
                file: $0["file"] as! String, codes: $0["findings"] as! [String], offset: $0["offset"] as? Int,
                frame: $0["frame"] as? Int, completeRecordsBefore: $0["completeRecordsBefore"] as! Int,
                decodableRecords: $0["decodableRecords"] as! [Int])
        }
    }()

    @Test func manifestIsPresent() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func damageIsFoundWhereItIs(_ broken: Case) throws {
        let requests = try Corpus.decode("Corpus/broken/\(broken.file)")
        let damaged = broken.frame.map { requests[$0] } ?? requests[0]
        let findings = requests.flatMap(\.allFindings)
        for code in broken.codes {
            #expect(findings.contains { $0.code.rawValue == code }, "\(code) in \(findings.map(\.message))")
        }
        if let offset = broken.offset {
            let damage = findings.filter { [.truncated, .malformed, .limitExceeded].contains($0.code) }
            #expect(damage.contains { $0.position == .byte(offset) }, "offset \(offset) in \(damage.map(\.message))")
            #expect(damaged.lostContent)
        }
        for index in 0..<broken.completeRecordsBefore {
            try #require(damaged.records.indices.contains(index), "record \(index) survives")
            let record = damaged.records[index]
            #expect(!record.attributes.isEmpty)
            #expect(record.isPartial == (record.lostWordEntries > 0), "record \(index) lost nothing but message words")
        }
        for index in broken.decodableRecords {
            #expect(damaged.records.indices.contains(index), "record \(index) is decoded")
        }
        for (ordinal, request) in requests.enumerated() where broken.frame != nil && ordinal != broken.frame {
            #expect(!request.lostContent, "frame \(ordinal) is intact")
        }
    }
}
