import Foundation
import Testing
@testable import MixerDecode

/// Deterministic mutation fuzzing of every Corpus input, run on every build.
///
/// Each input is mutated with a seeded generator (bit flips, truncations,
/// splices with other inputs, varint and length edits, duplicated and swapped
/// chunks; for logs also line edits), then decoded. Invariants: no crash
/// or hang (the suite would die or time out); an input read as a log gives
/// the same NDJSON whole as fed in chunks of 7 bytes (binary forms have no
/// chunked reader: the command reads them whole); and nothing silent: every
/// request holds records or findings, and every finding about damage says
/// where (byte offset, or line).
enum Fuzz {
    /// SplitMix64: small, fast, and the same sequence on every machine.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    }

    /// The seed for an input: from the bytes of its name only, so that a
    /// failure repeats in every process and on every machine.
    static func seed(for input: String, start: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: input.utf8.reduce(start) { $0 &* 31 &+ Int($1) })
    }

    static let binaryInputs: [String] = files(in: ["binary", "frames", "broken", "examples"]) { !$0.hasSuffix(".json") && !$0.hasSuffix(".txtpb") }
    static let textInputs: [String] = files(in: ["text", "logs"]) { !$0.hasSuffix(".json") && $0 != "many-tiny.log" }

    static func files(in folders: [String], where keep: (String) -> Bool) -> [String] {
        folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/\(folder)").path)) ?? [])
                .filter(keep).sorted().map { "Corpus/\(folder)/\($0)" }
                .filter { !isDirectory($0) }  // Corpus/logs/fleet holds the README's fleet examples
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: repositoryFile(path).path, isDirectory: &directory) && directory.boolValue
    }

    /// One mutation of `bytes`; `other` is another input to splice from.
    static func mutate(_ bytes: [UInt8], other: [UInt8], random: inout Random) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return other }
        switch random.below(9) {
        case 0:  // flip bits
            for _ in 0...random.below(8) { out[random.below(out.count)] ^= UInt8(1 << random.below(8)) }
        case 1:  // truncate
            out.removeLast(random.below(out.count))
        case 2:  // splice the head of one with the tail of the other
            out = Array(out.prefix(random.below(out.count))) + Array(other.suffix(random.below(other.count + 1)))
        case 3:  // an overlong or maximal varint somewhere
            out.insert(contentsOf: [UInt8](repeating: 0xFF, count: 1 + random.below(12)) + [0x01], at: random.below(out.count))
        case 4:  // a length byte made huge or zero
            out[random.below(out.count)] = [0x7F, 0xFF, 0x00, 0x80][random.below(4)]
        case 5:  // duplicate a chunk
            let start = random.below(out.count)
            let chunk = out[start..<min(out.count, start + 1 + random.below(64))]
            out.insert(contentsOf: chunk, at: random.below(out.count))
        case 6:  // swap two chunks
            let a = random.below(out.count), b = random.below(out.count)
            let length = min(1 + random.below(32), out.count - max(a, b))
            for offset in 0..<length { out.swapAt(a + offset, b + offset) }
        case 7:  // random bytes
            out.insert(contentsOf: (0..<(1 + random.below(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: random.below(out.count))
        default:  // delete a chunk
            let start = random.below(out.count)
            out.removeSubrange(start..<min(out.count, start + 1 + random.below(64)))
        }
        return out
    }

    /// Line edits for text inputs: drop, repeat, swap or cut lines, insert braces.
    static func mutateLines(_ bytes: [UInt8], random: inout Random) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return bytes }
        let index = random.below(lines.count)
        switch random.below(5) {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: random.below(lines.count))
        case 2: lines.swapAt(index, random.below(lines.count))
        case 3: lines[index] = Array(lines[index].prefix(random.below(lines[index].count + 1)))
        default: lines.insert(Array(["{", "}", "attributes {", "  strings {", "\"", "value: \"\\"][random.below(6)].utf8), at: index)
        }
        return Array(lines.joined(separator: [0x0A]))
    }

    static let limits = DecodeLimits(maxMessageBytes: 1 << 20, maxDepth: 100, maxEntries: 100_000)

    /// The NDJSON of an input decoded whole, and the requests that made it.
    static func decode(_ bytes: [UInt8]) -> (output: String, requests: [ResolvedRequest]) {
        var requests: [ResolvedRequest] = []
        var json = JSONWriter()
        var output = ""
        InputDecoder(limits: limits).decode(bytes, inputName: "fuzz") { request in
            requests.append(request)
            RecordJSON().writeObjects(of: request, to: &json) { writer in
                output += String(decoding: writer.bytes, as: UTF8.self) + "\n"
                writer.removeAll()
            }
        }
        return (output, requests)
    }

    /// The NDJSON of a log fed to `InputStreamDecoder` in chunks of `chunk`
    /// bytes, with the settings `InputDecoder` gives it for a whole log.
    static func decodeLog(_ bytes: [UInt8], chunk: Int) -> String {
        ndjsonOfLog(bytes, chunk: chunk, inputName: "fuzz", limits: limits)
    }

    /// Checks the invariants on one input; true if it was read as a log (so
    /// its chunked reading was compared too).
    @discardableResult
    static func checkInvariants(_ bytes: [UInt8], label: String) -> Bool {
        let whole = decode(bytes)
        let isLog = InputKindDetector.detect(bytes) == .log
        if isLog {
            #expect(decodeLog(bytes, chunk: 7) == whole.output, "a log reads the same in chunks of 7 bytes as whole: \(label)")
        }
        for request in whole.requests {
            #expect(!request.records.isEmpty || !request.allFindings.isEmpty || request.checkResponse != nil,
                    "never silent: \(label), a \(request.message?.rawValue ?? "nil") of \(request.range.count) bytes")
            for finding in request.allFindings where [.truncated, .malformed, .limitExceeded].contains(finding.code) {
                #expect(finding.position?.offset != nil || finding.position?.line != nil, "\(finding.code) without a position in \(label): \(finding.message)")
            }
        }
        return isLog
    }
}

@Suite struct FuzzTests {
    static let mutationsPerInput = 40

    @Test(arguments: Fuzz.binaryInputs)
    func binaryMutations(_ input: String) throws {
        let bytes = try readRepositoryBytes(input)
        let others = Fuzz.binaryInputs
        let seed = Fuzz.seed(for: input, start: 7)
        var random = Fuzz.Random(state: seed)
        for round in 0..<Self.mutationsPerInput {
            let other = try readRepositoryBytes(others[random.below(others.count)])
            var mutated = Fuzz.mutate(bytes, other: other, random: &random)
            if round % 3 == 0 { mutated = Fuzz.mutate(mutated, other: other, random: &random) }
            Fuzz.checkInvariants(mutated, label: "\(input) mutation \(round) (seed \(seed))")
        }
    }

    @Test(arguments: Fuzz.textInputs)
    func textMutations(_ input: String) throws {
        let bytes = try readRepositoryBytes(input)
        let seed = Fuzz.seed(for: input, start: 11)
        var random = Fuzz.Random(state: seed)
        for round in 0..<(Self.mutationsPerInput / 2) {
            var mutated = bytes
            for _ in 0...random.below(4) {
                mutated = random.below(3) == 0
                    ? Fuzz.mutate(mutated, other: bytes, random: &random)
                    : Fuzz.mutateLines(mutated, random: &random)
            }
            Fuzz.checkInvariants(mutated, label: "\(input) mutation \(round) (seed \(seed))")
        }
    }

    /// Every Corpus input itself, unmutated; every log must have been read
    /// as a log, so that the chunked comparison ran on it.
    @Test func corpusInputsKeepTheInvariants() throws {
        var logs: [String] = []
        for input in Fuzz.binaryInputs + Fuzz.textInputs {
            if Fuzz.checkInvariants(try readRepositoryBytes(input), label: input) { logs.append(input) }
        }
        #expect(logs.count >= Fuzz.textInputs.filter { $0.hasPrefix("Corpus/logs/") }.count, "\(logs)")
    }
}
