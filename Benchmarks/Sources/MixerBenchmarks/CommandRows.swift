import BenchmarkWorkloads
import Foundation
import MixerConfig
import MixerDecode

/// What users run: `mixerdecode` as a process on files (Scripts/benchmark.sh
/// gives its path in MIXERDECODE_BIN), on the same batches as the library's
/// rows, against protobuf-c and protoc measured in the same run. Each
/// command row is the median of 5 runs, start-up included, once with one job
/// and once with every core (the default).
struct CommandRows {
    let files: CommandWorkloadFiles
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var rows: [Row] = []
    var lines: [String] = []

    init(files: CommandWorkloadFiles) {
        self.files = files
    }

    /// The command on `input` with `arguments`, one job and every core: rows, and the peaks of memory.
    mutating func measure(_ arguments: [String], on input: String, workload: String, megabytes: Double, entries: Int) -> (one: CommandRun, all: CommandRun)? {
        let path = files.url(input).path
        guard let one = medianRun(arguments + ["--jobs", "1", path]), let all = medianRun(arguments + ["--jobs", "\(cores)", path])
        else { return nil }
        let method = "mixerdecode " + arguments.joined(separator: " ")
        rows.append(Row(workload: workload, method: method + " (1 job)", megabytes: megabytes, entries: entries, seconds: one.seconds))
        rows.append(Row(workload: workload, method: method + " (\(cores) jobs)", megabytes: megabytes, entries: entries, seconds: all.seconds))
        lines.append("- `\(method)` on \(input): peak memory \(one.peakKiB / 1024) MiB with 1 job, \(all.peakKiB / 1024) MiB with \(cores)")
        return (one, all)
    }
}

/// How far the serial reading goes in the whole work, measured in this
/// process on the log: finding the requests (one thread, in order) against
/// finding, decoding, evaluating and writing them as NDJSON.
func serialShare(_ log: EnvoyLog) -> Double {
    let reading = measure([log.bytes[...]]) { bytes in
        var decoder = InputStreamDecoder(inputName: "bench", settings: .init(inputKind: .log))
        var found = 0
        decoder.find(in: bytes) { _ in found += 1 }
        decoder.findAtEnd { _ in found += 1 }
        return found
    }
    let diagnostics = Diagnostics.standard.evaluating(with: MixerEvaluator(ConfigurationsInForce(release: nil)))
    let whole = measure([log.bytes[...]]) { bytes in
        var decoder = InputStreamDecoder(inputName: "bench", settings: .init(inputKind: .log, diagnostics: diagnostics))
        var json = JSONWriter()
        decodeLog(bytes, with: &decoder) { request in
            RecordJSON().writeObjects(of: request, to: &json) { $0.newline() }
            json.removeAll()
        }
        return json.bytes.count
    }
    return reading / whole
}
