import Foundation
import Testing
@testable import MixerDecode

/// Bytes from a hex string; spaces are ignored ("0a 66 12").
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    precondition(digits.count % 2 == 0, "odd hex: \(text)")
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// Runs `body` with a cursor over all of `bytes`.
func withCursor<Result>(_ bytes: [UInt8], _ body: (inout WireCursor) -> Result) -> Result {
    WireInput.withCursor(over: bytes, body)
}

/// The repository's root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryFile(_ path: String) -> URL { repositoryRoot.appendingPathComponent(path) }

func readRepositoryBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: repositoryFile(path)))
}

/// Encoders for building test messages by hand (the corpus uses protoc).
enum Wire {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    static func tag(_ field: UInt32, _ wireType: UInt8) -> [UInt8] { varint(UInt64(field) << 3 | UInt64(wireType)) }
    static func sint32(_ value: Int32) -> [UInt8] { varint(UInt64(ZigZag.encode32(value))) }
    static func bytesField(_ field: UInt32, _ content: [UInt8]) -> [UInt8] {
        tag(field, 2) + varint(UInt64(content.count)) + content
    }
    static func stringField(_ field: UInt32, _ text: String) -> [UInt8] { bytesField(field, Array(text.utf8)) }
    static func varintField(_ field: UInt32, _ value: UInt64) -> [UInt8] { tag(field, 0) + varint(value) }
    /// A `map<sint32, sint32>` entry in canonical order.
    static func indexPair(_ field: UInt32, _ key: Int32, _ value: Int32) -> [UInt8] {
        bytesField(field, tag(1, 0) + sint32(key) + tag(2, 0) + sint32(value))
    }
}

/// The programs some tests run, which `bash Scripts/install-test-deps.sh`
/// installs (CI runs it first): without one, the tests that need it are
/// skipped and say why, instead of failing.
enum ExternalTool {
    static let protoc = find("protoc")
    static let valgrind = find("valgrind")
    static let gzip = find("gzip")

    static func find(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension Trait where Self == ConditionTrait {
    /// The test runs protoc (the corpus, DebugString text of every message).
    static var needsProtoc: Self {
        .enabled(if: ExternalTool.protoc != nil, "needs protoc (Debian's protobuf-compiler): bash Scripts/install-test-deps.sh")
    }
    /// The test counts instructions with valgrind's callgrind.
    static var needsValgrind: Self {
        .enabled(if: ExternalTool.valgrind != nil, "needs valgrind: bash Scripts/install-test-deps.sh")
    }
    /// The test compresses files with the real gzip.
    static var needsGzip: Self {
        .enabled(if: ExternalTool.gzip != nil, "needs gzip: bash Scripts/install-test-deps.sh")
    }
}

/// Runs protoc (Debian's protobuf-compiler) with the repository's schema.
enum Protoc {
    struct Run {
        var status: Int32
        var output: Data
        var error: String
    }

    /// `protoc -IProtos -IScripts/corpus -I/usr/include ARGUMENTS < input`.
    /// The input goes through a file, so a large output cannot block a pipe
    /// that is still being written.
    static func run(_ arguments: [String], input: Data) throws -> Run {
        let protoc = try #require(ExternalTool.protoc, "protoc is missing: run bash Scripts/install-test-deps.sh")
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("protoc-input-\(UUID().uuidString)")
        try input.write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: protoc)
        process.arguments = [
            "-I\(repositoryFile("Protos").path)", "-I\(repositoryFile("Scripts/corpus").path)", "-I/usr/include",
        ] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: bytes, error: message)
    }
}

/// The NDJSON of a log fed to `InputStreamDecoder` in chunks of `chunk` bytes,
/// as the command reads it: what streaming tests compare across chunk sizes.
func ndjsonOfLog(
    _ bytes: [UInt8], chunk: Int, maxLineBytes: Int = 16 << 20, inputName: String = "log", limits: DecodeLimits = .default
) -> String {
    var decoder = InputStreamDecoder(
        inputName: inputName, settings: .init(inputKind: .log, limits: limits, maxLineBytes: maxLineBytes))
    var out = ""
    var json = JSONWriter()
    let emit: (ResolvedRequest) -> Void = { request in
        RecordJSON().writeObjects(of: request, to: &json) { writer in
            out += String(decoding: writer.bytes, as: UTF8.self) + "\n"
            writer.removeAll()
        }
    }
    var start = 0
    while start < bytes.count {
        decoder.feed(bytes[start..<min(bytes.count, start + chunk)], emit: emit)
        start += chunk
    }
    decoder.finish(emit: emit)
    return out
}
