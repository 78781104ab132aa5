import BenchmarkWorkloads
import Foundation

extension Targets {
    /// Many independent inputs on every core: the speed-up measured here,
    /// the output compared byte for byte, and models for more cores.
    mutating func addParallel(_ command: inout CommandRows, log: EnvoyLog) {
        let cores = command.cores
        let pods = command.files.url("pods").path
        let capture = command.files.url("http.grpc").path
        // More pairs than the other rows: a ratio of two wall-clock times
        // moves more between runs of this VM than any one figure does.
        func speedup(_ arguments: [String], _ input: String) -> Double {
            pairedSpeedup(arguments + ["--jobs", "\(cores)", input], over: arguments + ["--jobs", "1", input], runs: 11) ?? .nan
        }
        let podsSpeedup = speedup(["-o", "ndjson"], pods)
        let captureSpeedup = speedup(["--summary"], capture)
        let identical = [["-o", "ndjson", pods], ["-o", "text", pods], ["-o", "text", capture], ["-o", "ndjson", capture]].allSatisfy { arguments in
            commandOutput(arguments + ["--jobs", "1"]) == commandOutput(arguments + ["--jobs", "\(cores)"])
        }
        lines.append(Line(
            target: "many independent inputs: 1.8x on 2 cores, output in input order",
            measured: String(format: "%.2fx on a node's log tree (%d files), %.2fx on a gRPC capture, %d jobs over 1; output byte-identical: %@",
                             podsSpeedup, CommandWorkloadFiles.podCount, captureSpeedup, cores, identical ? "yes" : "NO"),
            met: cores >= 2 && min(podsSpeedup, captureSpeedup) >= 1.8 && identical))
        model = [treeModel(command, measured: podsSpeedup), logModel(log)].filter { !$0.isEmpty }
    }

    /// The log tree: each file is read, decoded and written by one thread
    /// (`ParallelInputs`), so what does not shrink with more threads is the
    /// fixed part of a run: process start and Mixer's configuration built
    /// (once on every thread, at the same time), measured on a small file.
    /// time(n) = fixed + loss * work / min(n, files), where work = time(1) - fixed
    /// and the loss per thread comes from the measured time(cores).
    private func treeModel(_ command: CommandRows, measured speedup: Double) -> String {
        let cores = command.cores
        let pods = command.files.url("pods").path
        let small = command.files.url("small.log")
        let firstPod = try! Data(contentsOf: command.files.podLog(0))
        let cut = firstPod.prefix(65536)
        try! cut.prefix(through: cut.lastIndex(of: UInt8(ascii: "\n"))!).write(to: small)
        defer { try? FileManager.default.removeItem(at: small) }
        guard let fixed = medianRun(["-o", "ndjson", "--jobs", "1", small.path])?.seconds,
              let one = medianRun(["-o", "ndjson", "--jobs", "1", pods])?.seconds else { return "" }
        let work = one - fixed
        let loss = cores > 1 ? (one / speedup - fixed) * Double(cores) / work : 1
        let predicted = [4, 8, 16].map { n in
            String(format: "%d cores %.1fx", n, one / (fixed + loss * work / Double(min(n, CommandWorkloadFiles.podCount))))
        }
        return String(
            format: "Scaling model (the log tree, %d files): every file is read and decoded on one thread; the fixed part of a run (start, Mixer's configuration built) takes %.0f ms of %.0f ms with one thread (%.1f%%); each unit of parallel work costs %.2fx on %d threads what it costs alone (from the measured %.2fx). Predicted: %@; at most %.0fx however many cores and files.",
            CommandWorkloadFiles.podCount, fixed * 1000, one * 1000, fixed / one * 100, loss, cores, speedup, predicted.joined(separator: ", "), one / fixed)
    }

    /// One large log: one thread finds its requests, the others decode them.
    private func logModel(_ log: EnvoyLog) -> String {
        let serial = serialShare(log)
        return String(
            format: "One large log: finding its requests is serial, %.1f%% of the work with one thread (in process: finding the requests against finding, decoding, evaluating and writing them); at most %.1fx however many cores.",
            serial * 100, 1 / serial)
    }

    /// Peak memory (VmHWM) of the runs above, and of two large inputs: a
    /// 58 MB gRPC capture, and a 200 MB line of base64-looking text.
    mutating func addMemory(_ command: inout CommandRows, peaks: [(one: CommandRun, all: CommandRun)]) {
        let cores = command.cores
        let capture = command.files.url("large.grpc")
        let one = try! Data(contentsOf: command.files.url("http.grpc"))
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        let handle = try! FileHandle(forWritingTo: capture)
        for _ in 0..<10 { handle.write(one) }
        try! handle.close()
        let line = command.files.url("line.b64")
        try! Data(repeating: UInt8(ascii: "Q"), count: 200_000_000).write(to: line)
        defer {
            try? FileManager.default.removeItem(at: capture)
            try? FileManager.default.removeItem(at: line)
        }
        let large = [capture, line].map { input -> (CommandRun?, CommandRun?) in
            (runCommand(["--summary", "--jobs", "1", input.path]), runCommand(["--summary", "--jobs", "\(cores)", input.path]))
        }
        func mib(_ run: CommandRun?) -> Int { (run?.peakKiB ?? .max) / 1024 }
        let oneJob = peaks.map { mib($0.one) } + large.map { mib($0.0) }
        let allJobs = peaks.map { mib($0.all) } + large.map { mib($0.1) }
        lines.append(Line(
            target: "memory flat: peak RSS at most 50 MB on any input, 50 MB a worker",
            measured: "at most \(oneJob.max()!) MiB with 1 job, \(allJobs.max()!) MiB with \(cores); 58 MB gRPC capture: \(mib(large[0].0))/\(mib(large[0].1)) MiB, 200 MB base64 line: \(mib(large[1].0))/\(mib(large[1].1)) MiB (1/\(cores) jobs)",
            met: oneJob.max()! * 1_048_576 <= 50_000_000 && allJobs.max()! * 1_048_576 <= 50_000_000 * cores))
    }
}

/// What the command writes on standard output for `arguments`.
func commandOutput(_ arguments: [String]) -> Data {
    guard let binary = ProcessInfo.processInfo.environment["MIXERDECODE_BIN"] else { return Data() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try! process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}
