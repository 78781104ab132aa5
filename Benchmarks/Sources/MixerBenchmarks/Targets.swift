import BenchmarkWorkloads
import Foundation

/// Issue 13's targets, each against what this run measured.
struct Targets {
    struct Line {
        var target: String
        var measured: String
        var met: Bool?
    }

    var lines: [Line] = []
    var model: [String] = []

    init(rows: [Row], command: inout CommandRows, log: EnvoyLog) {
        func speed(_ workload: String, _ method: String) -> Double? {
            rows.first { $0.workload == workload && $0.method == method }?.mbPerSecond
        }
        let http = "Report 1.1, HTTP"
        let protobufC = speed(http, "protobuf-c") ?? .nan
        let protoc = speed("DebugString text", "C++ TextFormat (protoc --encode, start-up subtracted)") ?? .nan
        let files = command.files
        let binaryMB = Double(files.http.bytes) / 1e6
        let logMB = Double(log.bytes.count) / 1e6
        let summary = command.measure(["--summary"], on: "http.grpc", workload: http, megabytes: binaryMB, entries: files.http.entries)
        let ndjson = command.measure(["-o", "ndjson"], on: "http.grpc", workload: http, megabytes: binaryMB, entries: files.http.entries)
        let text = command.measure(["-o", "text"], on: "http.grpc", workload: http, megabytes: binaryMB, entries: files.http.entries)
        let logNDJSON = command.measure(["-o", "ndjson"], on: "http.log", workload: "Envoy log, 1.1", megabytes: logMB, entries: log.entries)
        let logText = command.measure(["-o", "text"], on: "http.log", workload: "Envoy log, 1.1", megabytes: logMB, entries: log.entries)
        guard let summary, let ndjson, let text, let logNDJSON, let logText else { return }

        func ratio(_ megabytes: Double, _ run: CommandRun, over speed: Double) -> Double { megabytes / run.seconds / speed }
        let cores = command.cores
        addRatio("`--summary` on binary: 4x protobuf-c", ratio(binaryMB, summary.all, over: protobufC), at: 4, of: "protobuf-c", one: ratio(binaryMB, summary.one, over: protobufC), cores: cores)
        addRatio("`-o ndjson` on binary: 2x protobuf-c", ratio(binaryMB, ndjson.all, over: protobufC), at: 2, of: "protobuf-c", one: ratio(binaryMB, ndjson.one, over: protobufC), cores: cores)
        addRatio("`-o ndjson` on an Envoy log: 13x `protoc --encode`", ratio(logMB, logNDJSON.all, over: protoc), at: 13, of: "protoc", one: ratio(logMB, logNDJSON.one, over: protoc), cores: cores)
        let textShare = min(ndjson.all.seconds / text.all.seconds, logNDJSON.all.seconds / logText.all.seconds)
        lines.append(Line(
            target: "text output: half the speed of `-o ndjson`",
            measured: String(format: "%.2fx on binary, %.2fx on the log (%d jobs)", ndjson.all.seconds / text.all.seconds,
                             logNDJSON.all.seconds / logText.all.seconds, cores),
            met: textShare >= 0.5))
        let resolve = speed(http, "mixerdecode decode+resolve") ?? .nan
        lines.append(Line(
            target: "library decode + resolve: 1 GB/s, 10x protobuf-c",
            measured: String(format: "%.0f MB/s, %.1fx protobuf-c", resolve, resolve / protobufC), met: resolve >= 1000))
        addParallel(&command, log: log)
        addMemory(&command, peaks: [summary, ndjson, text, logNDJSON, logText])
    }

    private mutating func addRatio(_ target: String, _ all: Double, at goal: Double, of peer: String, one: Double, cores: Int) {
        lines.append(Line(
            target: target, measured: String(format: "%.2fx %@ with %d jobs (%.2fx with 1)", all, peer, cores, one),
            met: all >= goal))
    }

    func print() {
        Swift.print("| target (issue 13) | measured in this run | met |")
        Swift.print("|---|---|---|")
        for line in lines {
            Swift.print("| \(line.target) | \(line.measured) | \(line.met.map { $0 ? "yes" : "no" } ?? "-") |")
        }
        if !model.isEmpty {
            Swift.print()
            for line in model { Swift.print(line) }
        }
    }
}
