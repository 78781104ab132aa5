import Testing
@testable import MixerDecode

/// One pipeline for every form of input: `InputStreamDecoder` fed in chunks
/// of any size gives exactly what `InputDecoder` gives for the input held
/// whole, and what the command prints (`GoldenTests` holds those to the
/// command's output).
struct PipelineTests {
    static func ndjson(_ requests: [ResolvedRequest]) -> String {
        var json = JSONWriter()
        var out = ""
        for request in requests {
            RecordJSON().writeObjects(of: request, to: &json) { writer in
                out += String(decoding: writer.bytes, as: UTF8.self) + "\n"
                writer.removeAll()
            }
        }
        return out
    }

    static func streamed(_ bytes: [UInt8], chunk: Int, inputName: String) -> (String, InputKind?) {
        var decoder = InputStreamDecoder(inputName: inputName)
        var requests: [ResolvedRequest] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            decoder.feed(bytes[start..<end]) { requests.append($0) }
            start = end
        }
        decoder.finish { requests.append($0) }
        return (ndjson(requests), decoder.inputKind)
    }

    @Test(arguments: Golden.inputs)
    func streamedInAnyChunksIsTheWholeInput(_ input: String) throws {
        let bytes = try readRepositoryBytes(input)
        var whole: [ResolvedRequest] = []
        let summary = InputDecoder().decode(bytes, inputName: input) { whole.append($0) }
        for chunk in [1 << 16, 4093, 1] where chunk >= 4093 || bytes.count < 20_000 {
            let (streamed, kind) = Self.streamed(bytes, chunk: chunk, inputName: input)
            #expect(streamed == Self.ndjson(whole), "\(input) in chunks of \(chunk)")
            #expect(kind == summary.inputKind, "\(input): the same form is detected")
        }
    }

    @Test func aShortLogIsReadAsSoonAsItsFormIsDecided() throws {
        // Shorter than the detector's sample: nothing is decided while it
        // may grow, until the reader (following a file) says to decide.
        let log = try readRepositoryBytes("Corpus/logs/vm-scenario.log")
        try #require(log.count > 1000)
        let head = Array(log.prefix(min(log.count, InputKindDetector.sampleSize - 1)))
        var decoder = InputStreamDecoder(inputName: "follow")
        var requests: [ResolvedRequest] = []
        decoder.feed(head[...]) { requests.append($0) }
        #expect(decoder.inputKind == nil && requests.isEmpty)
        decoder.decideForm { requests.append($0) }
        #expect(decoder.inputKind == .log)
        #expect(!requests.isEmpty, "the dumps complete in the head come out before the input ends")
    }

    @Test func requestsAreNumberedAndNamedOnceWhateverTheForm() throws {
        for input in ["Corpus/frames/two-reports.grpc", "Corpus/logs/vm-scenario.log"] {
            var requests: [ResolvedRequest] = []
            InputDecoder().decode(try readRepositoryBytes(input), inputName: input) { requests.append($0) }
            #expect(requests.map(\.location.ordinal) == Array(requests.indices), "\(input)")
            #expect(requests.allSatisfy { $0.location.input == input && $0.location.position != nil }, "\(input)")
        }
    }
}
