import BenchmarkWorkloads
import Foundation

/// `mixerdecode -o ndjson` end to end on `log` (MIXERDECODE_BIN, set by
/// Scripts/benchmark.sh): wall time, best of 3, and peak memory (VmHWM).
func commandRow(_ log: EnvoyLog) -> (row: Row, peakKiB: Int)? {
    guard let binary = ProcessInfo.processInfo.environment["MIXERDECODE_BIN"] else { return nil }
    let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-envoy.log")
    try! Data(log.bytes).write(to: logFile)
    var best = Double.infinity
    var peak = 0
    for _ in 0..<3 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-o", "ndjson", "--report-peak-memory", logFile.path]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let start = DispatchTime.now().uptimeNanoseconds
        try! process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        peak = max(peak, Int(text.split(separator: "\n").first { $0.hasPrefix("peak-memory-kib: ") }?.dropFirst(17) ?? "") ?? 0)
    }
    let row = Row(workload: "Envoy log, 1.1", method: "mixerdecode -o ndjson (command)",
                  megabytes: Double(log.bytes.count) / 1e6, entries: log.entries, seconds: best)
    return (row, peak)
}
