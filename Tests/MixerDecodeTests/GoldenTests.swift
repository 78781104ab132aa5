import Foundation
import Testing
@testable import MixerDecode

/// Golden outputs: `Corpus/golden/<folder>/<file>.<format>`, whose first line
/// records the command that produces the rest. `REGEN_GOLDENS=1 swift test
/// --filter GoldenTests` rewrites them; review the diff before committing.
///
/// The library renders each golden, and the command, run as a user runs it,
/// must print exactly the same bytes: what scripts get from `mixerdecode -o
/// ndjson` is what analyzers get from the library.
enum Golden {
    static let inputs: [String] = {
        var inputs = Corpus.expectedInputs
        let broken = (try? FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/broken").path)) ?? []
        inputs += broken.sorted().filter { !$0.hasSuffix(".json") }.map { "Corpus/broken/\($0)" }
        // many-tiny.log is for streaming tests: 2,000 dumps would make an unreadable golden.
        inputs += LogCorpusTests.logs.filter { $0 != "many-tiny.log" }.map { "Corpus/logs/\($0)" }
        return inputs
    }()

    static let formats = ["text", "ndjson"]

    static func path(_ input: String, format: String) -> String {
        input.replacingOccurrences(of: "Corpus/", with: "Corpus/golden/") + "." + format
    }

    static func header(_ input: String, format: String) -> String {
        "# mixerdecode -o \(format) --color never \(input)\n"
    }

    /// What the library renders for `input` in `format`.
    static func render(_ input: String, format: String) throws -> String {
        var out = ""
        var json = JSONWriter()
        var summary = ServiceSummary()
        InputDecoder(diagnostics: .withMixer).decode(try readRepositoryBytes(input), inputName: input) { request in
            summary.add(request)
            if format == "text" {
                out += TextRenderer().render(request)
            } else {
                RecordJSON().writeObjects(of: request, to: &json) { writer in
                    writer.newline()
                    out += String(decoding: writer.bytes, as: UTF8.self)
                    writer.removeAll()
                }
            }
        }
        // Text ends with the diagnosis by destination, as the command prints it.
        if format == "text" { out += "\n" + SummaryRenderer().text(summary) }
        return out
    }
}

@Suite struct GoldenTests {
    static let cases: [String] = Golden.inputs.flatMap { input in Golden.formats.map { "\($0) \(input)" } }

    @Test(arguments: cases)
    func libraryMatchesGolden(_ testCase: String) throws {
        let (format, input) = split(testCase)
        let rendered = Golden.header(input, format: format) + (try Golden.render(input, format: format))
        let url = repositoryFile(Golden.path(input, format: format))
        if ProcessInfo.processInfo.environment["REGEN_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == golden, "\(Golden.path(input, format: format)) is stale: REGEN_GOLDENS=1 to rewrite")
    }

    @Test(arguments: cases)
    func commandPrintsTheGolden(_ testCase: String) throws {
        let (format, input) = split(testCase)
        let golden = try String(contentsOf: repositoryFile(Golden.path(input, format: format)), encoding: .utf8)
        let firstLine = golden.prefix { $0 != "\n" }
        let arguments = firstLine.split(separator: " ").dropFirst(2).map(String.init)
        let run = try runCommand(arguments)
        #expect(run.stdout == String(golden.dropFirst(firstLine.count + 1)))
        let damaged = try Corpus.decode(input).contains(where: \.lostContent)
        #expect(run.status == (damaged ? 1 : 0), "exit status of \(input): \(run.stderr)")
    }

    private func split(_ testCase: String) -> (format: String, input: String) {
        let parts = testCase.split(separator: " ", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
    }
}
