import Foundation
import Testing
@testable import MixerDecode

/// The `mixerdecode` command, run as a user runs it.
struct CommandRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

func runCommand(_ arguments: [String], stdin: [UInt8] = []) throws -> CommandRun {
    let binary = productsDirectory.appendingPathComponent("mixerdecode")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandRun(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self))
}

/// Where SwiftPM put the built products (the test bundle sits beside them).
let productsDirectory: URL = {
    let candidates = Bundle.allBundles.map(\.bundleURL) + [URL(fileURLWithPath: CommandLine.arguments[0])]
    for candidate in candidates {
        var directory = candidate
        for _ in 0..<3 {
            directory = directory.deletingLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("mixerdecode").path) {
                return directory
            }
        }
    }
    return repositoryRoot.appendingPathComponent(".build/debug")
}()

@Suite struct CommandTests {
    static let report = Wire.bytesField(1, Wire.indexPair(2, 131, 124)) + Wire.varintField(3, 221) + Wire.varintField(4, 1)

    @Test func ndjsonFromStandardInput() throws {
        let run = try runCommand(["-o", "ndjson"], stdin: Self.report)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["input"] as? String == "-")
        #expect(object["request"] as? Int == 0)
        #expect(object["record"] as? Int == 0)
        #expect(object["message"] as? String == "report")
        #expect(object["dictionary"] as? NSDictionary == ["release": "1.1", "globalWordCount": 221])
        #expect(object["attributes"] as? NSDictionary == ["context.protocol": "tcp"])
        let codes = (object["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes?.first == "tcp-protocol", "the diagnosis comes with the decode")
    }

    @Test func decodingOnlyWhenDiagnosticsAreSkipped() throws {
        let all = (Diagnostics.catalogue.map(\.code) + Diagnostics.evaluationCodes).map(\.rawValue).joined(separator: ",")
        let run = try runCommand(["-o", "ndjson", "--no-evaluation", "--skip-findings", all], stdin: Self.report)
        #expect(run.stdout == #"{"input":"-","request":0,"message":"report","record":0,"offset":0,"dictionary":{"release":"1.1","globalWordCount":221},"attributes":{"context.protocol":"tcp"},"findings":[]}"# + "\n")
    }

    @Test func jsonIsOneArray() throws {
        let run = try runCommand(["-o", "json", "-", "-"], stdin: Self.report)
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2, "stdin named twice: read once, then empty")
    }

    @Test func damagedInputExitsOneAndStillPrints() throws {
        let run = try runCommand(["-o", "ndjson"], stdin: Array(Self.report[0..<5]))
        #expect(run.status == 1)
        #expect(run.stdout.contains(#""partial":true"#))
        #expect(run.stdout.contains(#""code":"truncated""#))
    }

    @Test func missingFileExitsTwo() throws {
        let run = try runCommand(["/nonexistent/file"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read /nonexistent/file"))
    }

    @Test func badOptionIsAUsageError() throws {
        let run = try runCommand(["--dictionary", "9.9"], stdin: Self.report)
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown dictionary"))
    }

    @Test func textOutputShowsTheDictionaryRelease() throws {
        let run = try runCommand([], stdin: Self.report)
        #expect(run.stdout.contains("dictionary 1.1 (221 words, count 221; releases 1.1-1.2)"))
        #expect(run.stdout.contains(#"context.protocol  string    "tcp""#))
    }

    /// The help's EXIT STATUS section gives every status with its meaning,
    /// and a bad command line gets the status it documents for one (64),
    /// with the reason on standard error.
    @Test func helpDocumentsExitCodes() throws {
        let help = try runCommand(["--help"])
        #expect(help.status == 0)
        let section = help.stdout.components(separatedBy: "EXIT STATUS\n").dropFirst().first?
            .components(separatedBy: "\n\n").first ?? ""
        let lines = section.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for status in [
            "0   every input was decoded completely", "1   some input was damaged",
            "2   an input could not be opened or read", "3   with --check: an error-severity finding",
        ] {
            #expect(lines.contains { $0.hasPrefix(status) }, "\(status) in \(lines)")
        }
        #expect(lines.last == "64  invalid command line", "\(lines)")

        let bad = try runCommand(["--no-such-option"], stdin: Self.report)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Unknown option '--no-such-option'"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
    }
}
