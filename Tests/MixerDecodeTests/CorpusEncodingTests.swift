import Foundation
import Testing

/// Every `Corpus/binary/*.bin` is exactly what protoc encodes from its
/// `.txtpb` (each `# @encode TYPE FILE` line starts a part; the parts are
/// concatenated). This keeps the corpus honest: its bytes come from an
/// independent encoder, not from this project's code.
@Suite(.needsProtoc) struct CorpusEncodingTests {
    static let sources: [String] = {
        let directory = repositoryFile("Corpus/binary").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".txtpb") }.sorted()
    }()

    @Test(arguments: sources)
    func protocEncodesTheCommittedBytes(_ source: String) throws {
        let text = try String(contentsOf: repositoryFile("Corpus/binary/\(source)"), encoding: .utf8)
        var encoded = Data()
        var parts: [(type: String, file: String, body: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# @encode ") {
                let words = line.split(separator: " ")
                parts.append((String(words[2]), String(words[3]), ""))
            } else if !parts.isEmpty {
                parts[parts.count - 1].body += line + "\n"
            }
        }
        try #require(!parts.isEmpty, "\(source) has no @encode line")
        for part in parts {
            let run = try Protoc.run(
                ["--deterministic_output", "--encode=\(part.type)", part.file], input: Data(part.body.utf8))
            encoded.append(run.output)
            #expect(run.status == 0, "\(run.error)")
        }
        let committed = try Data(contentsOf: repositoryFile("Corpus/binary/\(source.dropLast(6)).bin"))
        #expect(encoded == committed, "\(source): protoc's bytes differ from the committed .bin")
    }
}
