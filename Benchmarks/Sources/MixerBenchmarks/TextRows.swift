import BenchmarkWorkloads
import Foundation
import MixerDecode

/// Text: mixerdecode's log reader on an Envoy log, and the C++ text-format
/// parser (protoc --encode) against mixerdecode's text reader on the
/// DebugString dumps of the same batches.
func textRows(_ log: EnvoyLog, _ workload: BinaryWorkload) -> [Row] {
    var rows: [Row] = []
    let reader = measure([log.bytes[...]]) { bytes in
        var decoder = InputStreamDecoder(inputName: "bench", settings: .init(inputKind: .log, diagnostics: nil))
        var records = 0
        decodeLog(bytes, with: &decoder) { records += $0.records.count }
        return records
    }
    rows.append(Row(workload: "Envoy log, 1.1", method: "mixerdecode log -> resolved",
                    megabytes: Double(log.bytes.count) / 1e6, entries: log.entries, seconds: reader))
    // One ReportRequest holding every record, so that protoc parses it in one run.
    let text = CommandWorkloadFiles.debugStringText(workload)
    let megabytes = Double(text.count) / 1e6
    let textFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-report.txt")
    try! Data(text).write(to: textFile)
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("bench-empty.txt")
    try! Data().write(to: empty)
    let cpp = protocEncodeSeconds(textFile) - protocEncodeSeconds(empty)
    rows.append(Row(workload: "DebugString text", method: "C++ TextFormat (protoc --encode, start-up subtracted)",
                    megabytes: megabytes, entries: workload.entries, seconds: cpp))
    let ours = measure([text]) { TextFormatDecoder().decodeReportRequest($0).message.records.count }
    rows.append(Row(workload: "DebugString text", method: "mixerdecode text reader",
                    megabytes: megabytes, entries: workload.entries, seconds: ours))
    return rows
}

/// Best of 3 wall times of `protoc --encode` reading `input`.
private func protocEncodeSeconds(_ input: URL) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/protoc")
        process.arguments = ["-I\(Repository.root.appendingPathComponent("Protos").path)", "-I/usr/include",
                             "--encode=istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"]
        process.standardInput = try! FileHandle(forReadingFrom: input)
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try! process.run()
        process.waitUntilExit()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}
