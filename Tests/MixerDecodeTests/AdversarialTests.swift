import Foundation
import Testing
@testable import MixerDecode

/// Hostile inputs, each at sizes 0, N and 4N. The work is counted as
/// instructions by valgrind's callgrind (repeatable, unlike time); the work
/// at size 0 (start-up) is subtracted, and what remains must grow no faster
/// than the input: at most 5 times for 4 times the input (a quadratic path
/// takes 16). Memory is a size too: the command's peak resident set, read
/// from VmHWM, must stay under a fixed bound.
enum Adversary {
    /// The command without its debug info, which is what callgrind runs:
    /// Debian 12's valgrind (3.19) gives up on the DWARF 5 that clang writes
    /// for the C code the command links (Yams's libyaml), and the count
    /// needs no debug info. `strip` comes with the linker's binutils.
    static let countedBinary: String = {
        let original = productsDirectory.appendingPathComponent("mixerdecode").path
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-counted-\(getpid())").path
        let strip = Process()
        strip.executableURL = URL(fileURLWithPath: "/usr/bin/strip")
        strip.arguments = ["--strip-debug", "-o", copy, original]
        guard (try? strip.run()) != nil else { return original }
        strip.waitUntilExit()
        return strip.terminationStatus == 0 ? copy : original
    }()

    /// Instructions the command executes on `input` (callgrind's total).
    static func instructions(_ arguments: [String], input: [UInt8]) throws -> Int {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-work-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("input")
        try Data(input).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ExternalTool.valgrind, "valgrind is missing"))
        process.arguments = ["--tool=callgrind", "--callgrind-out-file=/dev/null",
                             countedBinary] + arguments + [file.path]
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let log = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = log.split(separator: "\n").first(where: { $0.contains("Collected :") }),
              let count = Int(line.split(separator: " ").last ?? "")
        else { throw CocoaError(.featureUnsupported) }
        return count
    }

    /// The work ratio between 4N and N, start-up subtracted; 4 for linear work.
    static func growth(_ make: (Int) -> [UInt8], n: Int, arguments: [String] = ["-o", "ndjson"]) throws -> Double {
        let baseline = try instructions(arguments, input: make(0))
        let small = try instructions(arguments, input: make(n)) - baseline
        let large = try instructions(arguments, input: make(4 * n)) - baseline
        return Double(large) / Double(max(1, small))
    }

    static func report(records: [[UInt8]], words: [String] = [], count: UInt64 = 221) -> [UInt8] {
        records.flatMap { Wire.bytesField(1, $0) } + words.flatMap { Wire.stringField(2, $0) }
            + Wire.varintField(3, count) + Wire.varintField(4, 1)
    }
}

@Suite(.serialized, .needsValgrind) struct AdversarialTests {
    @Test func oneKeyRepeatedInEveryEntry() throws {
        let growth = try Adversary.growth({ n in
            Adversary.report(records: [(0..<n).flatMap { _ in Wire.indexPair(2, 131, 124) }])
        }, n: 2_000)
        #expect(growth < 5, "work for 4x the entries: \(growth)x")
        let decoded = Resolver().resolve(WireDecoder().decodeReportRequest(
            Adversary.report(records: [(0..<100_000).flatMap { _ in Wire.indexPair(2, 131, 124) }])))
        #expect(decoded.records[0].attributes.count == 1, "one attribute, the last entry")
    }

    @Test func tenByteVarintsEverywhere() throws {
        // Every key and value a sign-extended 10-byte varint.
        let entry = Wire.bytesField(2, Wire.tag(1, 0) + Wire.varint(UInt64(bitPattern: -2)) + Wire.tag(2, 0) + Wire.varint(UInt64(bitPattern: -4)))
        let growth = try Adversary.growth({ n in
            Adversary.report(records: [(0..<n).flatMap { _ in entry }], words: ["a", "b"])
        }, n: 1_000)
        #expect(growth < 5, "\(growth)x")
    }

    @Test func deeplyNestedUnknownGroups() throws {
        // Groups 90 deep, over and over, in an unknown field.
        let nest = [UInt8](repeating: 0x7B, count: 90) + [UInt8](repeating: 0x7C, count: 90)
        let growth = try Adversary.growth({ n in
            Wire.bytesField(1, Wire.indexPair(2, 131, 124) + (0..<n).flatMap { _ in nest }) + Wire.varintField(3, 221)
        }, n: 20)
        #expect(growth < 5, "\(growth)x")
    }

    @Test func hugeStrings() throws {
        let growth = try Adversary.growth({ n in
            Adversary.report(records: [Wire.indexPair(2, 3, -1)], words: [String(repeating: "x", count: n)])
        }, n: 1 << 16)
        #expect(growth < 5, "\(growth)x")
    }

    @Test func invalidUTF8InEveryWord() throws {
        let growth = try Adversary.growth({ n in
            let words = (0..<n).flatMap { _ in Wire.bytesField(2, [0x61, 0xFF, 0xFE, 0x62]) }
            return Wire.bytesField(1, Wire.indexPair(2, 3, -1)) + words + Wire.varintField(3, 221)
        }, n: 500)
        #expect(growth < 5, "\(growth)x")
    }

    @Test func manyTinyDumpsInALog() throws {
        let dump = "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Check request: attributes {\n  strings {\n    key: 131\n    value: 92\n  }\n}\nglobal_word_count: 221\n\n"
        let growth = try Adversary.growth({ n in Array(String(repeating: dump, count: n).utf8) }, n: 40)
        #expect(growth < 5, "\(growth)x")
    }

    @Test func oneDumpWithManyRecords() throws {
        // The case that once copied the whole dump per line (quadratic).
        let record = "attributes {\n  strings {\n    key: 131\n    value: 92\n  }\n  int64s {\n    key: 30\n    value: 200\n  }\n}\n"
        let growth = try Adversary.growth({ n in
            Array(("[2019-05-20 08:12:20.125][23][debug][grpc] [x.cc:45] Sending Report request: " + String(repeating: record, count: n) + "global_word_count: 221\n\n").utf8)
        }, n: 100)
        #expect(growth < 5, "\(growth)x")
    }

    @Test func aLengthNearTwoGiBCostsNothing() throws {
        // Decoding alone: evaluating Mixer's configuration costs the same for any Report and is not what is measured.
        let small = try Adversary.instructions(["-o", "ndjson", "--no-evaluation"], input: Wire.tag(1, 2) + Wire.varint(0x7FFF_FFF0) + [1, 2, 3])
        let empty = try Adversary.instructions(["-o", "ndjson", "--no-evaluation"], input: Wire.varintField(3, 221))
        #expect(Double(small) < Double(empty) * 1.5, "the announced length is checked, not followed: \(small) vs \(empty)")
    }

    @Test func memoryStaysBoundedOnHostileInput() throws {
        // 500,000 tiny unknown fields (1 MB): findings are capped, not kept.
        let bytes = Wire.bytesField(1, []) + (0..<500_000).flatMap { _ in Wire.varintField(11, 0) }
        let run = try runCommand(["-o", "ndjson", "--report-peak-memory", "-"], stdin: bytes)
        let peak = Int(run.stderr.split(separator: "\n").first { $0.hasPrefix("peak-memory-kib: ") }?.dropFirst(17) ?? "") ?? .max
        #expect(peak < 64 * 1024, "peak \(peak) KiB for a 1 MB hostile message")
        #expect(run.stdout.components(separatedBy: #""code":"unknown-field""#).count - 1 == FindingLimiter.perCode + 1)
    }

    @Test func textOutputNeverPassesControlCharacters() throws {
        let hostile = "[2019-05-20 08:12:20.125][23][debug][grpc] [x.cc:45] Sending Report request: attributes {\n  words: \"\\033[2J\\033]0;pwned\\007\\302\\233\"\n  strings {\n    key: -1\n    value: -1\n  }\n}\nglobal_word_count: 221\n\n"
        for input in [Array(hostile.utf8), try readRepositoryBytes("Corpus/binary/report-odd-values.bin")] {
            let run = try runCommand(["--color", "never", "-"], stdin: input)
            let bad = run.stdout.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(bad.isEmpty, "control characters reached the terminal: \(bad.map(\.value))")
        }
    }
}
