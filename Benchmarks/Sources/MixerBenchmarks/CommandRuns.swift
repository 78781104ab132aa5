import Foundation

/// One run of the `mixerdecode` command (MIXERDECODE_BIN, set by
/// Scripts/benchmark.sh): its wall time and peak memory (VmHWM).
struct CommandRun {
    var seconds: Double
    var peakKiB: Int
}

/// Runs the command with `arguments` (plus --report-peak-memory), its
/// output thrown away; nil when no binary was given.
func runCommand(_ arguments: [String]) -> CommandRun? {
    guard let binary = ProcessInfo.processInfo.environment["MIXERDECODE_BIN"] else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments + ["--report-peak-memory"]
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let start = DispatchTime.now().uptimeNanoseconds
    try! process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let peak = text.split(separator: "\n").first { $0.hasPrefix("peak-memory-kib: ") }?.dropFirst(17)
    return CommandRun(seconds: seconds, peakKiB: Int(peak ?? "") ?? 0)
}

/// The median of `runs` runs (after one not counted), and the largest peak memory.
func medianRun(_ arguments: [String], runs: Int = 5) -> CommandRun? {
    guard runCommand(arguments) != nil else { return nil }
    let all = (0..<runs).compactMap { _ in runCommand(arguments) }
    let seconds = all.map(\.seconds).sorted()[all.count / 2]
    return CommandRun(seconds: seconds, peakKiB: all.map(\.peakKiB).max() ?? 0)
}

/// How much faster `a` runs than `b`: the median of the ratios of runs
/// made in turn (b, a, b, a ...), which holds when the machine's speed
/// drifts between runs.
func pairedSpeedup(_ a: [String], over b: [String], runs: Int = 5) -> Double? {
    guard runCommand(a) != nil, runCommand(b) != nil else { return nil }
    let ratios = (0..<runs).compactMap { _ -> Double? in
        guard let slow = runCommand(b), let fast = runCommand(a) else { return nil }
        return slow.seconds / fast.seconds
    }
    return ratios.sorted()[ratios.count / 2]
}
