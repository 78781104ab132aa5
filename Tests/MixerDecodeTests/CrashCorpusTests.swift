import Foundation
import Testing
@testable import MixerDecode

/// Every input that ever crashed mixerdecode (Corpus/crashes) now decodes to findings.
@Suite struct CrashCorpusTests {
    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(
        atPath: repositoryFile("Corpus/crashes").path)) ?? []).filter { $0 != "README.md" }.sorted()

    @Test func thereAreInputs() {
        #expect(Self.inputs.count >= 3)
    }

    @Test(arguments: inputs)
    func decodesToFindings(_ name: String) throws {
        let requests = try Corpus.decode("Corpus/crashes/\(name)")
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { !$0.allFindings.isEmpty })
        let run = try runCommand(["-o", "ndjson", "Corpus/crashes/\(name)"])
        #expect(run.status == 0 || run.status == 1, "no crash: \(run.status)")
    }
}
