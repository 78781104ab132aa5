import Foundation
import MixerDecode
import MixerProtobufC
import SwiftProtobuf

// Benchmarks, on this machine, of the same bytes in the same run:
// mixerdecode (decode only, decode + resolve), SwiftProtobuf's generated
// code, protobuf-c, and for text the C++ parser (protoc --encode) against
// mixerdecode's log reader. Workloads are Istio 1.1 Report batches built
// from the Corpus records by the encoder (100 records a batch, 5.8 MB).
// Run: bash Scripts/benchmark.sh

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func corpusRecords(_ names: [String]) -> [[Attribute]] {
    names.flatMap { name -> [[Attribute]] in
        let bytes = [UInt8](try! Data(contentsOf: root.appendingPathComponent("Corpus/binary/\(name)")))
        return Resolver().resolve(WireDecoder().decodeReportRequest(bytes)).records.map(\.attributes)
    }
}

/// Batches of 100 records, the corpus records cycled with a fresh request id
/// each, until `megabytes` of wire bytes.
func batches(_ records: [[Attribute]], megabytes: Double) -> [[UInt8]] {
    let encoder = AttributeEncoder(dictionary: GlobalDictionary(release: "1.1")!)
    var out: [[UInt8]] = []
    var total = 0
    var serial = 0
    while Double(total) < megabytes * 1_000_000 {
        let batch = (0..<100).map { index -> [Attribute] in
            serial += 1
            return records[index % records.count].map { attribute in
                attribute.name == "request.id" || attribute.name == "connection.id"
                    ? Attribute(name: attribute.name, value: .string("id-\(serial)")) : attribute
            }
        }
        let bytes = WireEncoder.encode(encoder.encodeReport(batch))
        out.append(bytes)
        total += bytes.count
    }
    return out
}

/// Map entries in the batches (string-map pairs included): the unit of work.
func entries(_ messages: [[UInt8]]) -> Int {
    messages.reduce(0) { sum, bytes in
        sum + WireDecoder().decodeReportRequest(bytes).message.records.reduce(0) { inner, record in
            inner + record.entryCount + record.stringMaps.reduce(0) { $0 + $1.entries.count }
        }
    }
}

/// Keeps results alive so the optimizer cannot drop the work.
@inline(never) func consume(_ value: Int) { sink &+= value }
nonisolated(unsafe) var sink = 0

/// Best of 5 rounds of at least 0.3 s each: seconds per pass over `messages`.
func measure(_ messages: [[UInt8]], _ body: ([UInt8]) -> Int) -> Double {
    var best = Double.infinity
    for _ in 0..<5 {
        var passes = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed: UInt64 = 0
        repeat {
            for bytes in messages { consume(body(bytes)) }
            passes += 1
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while elapsed < 300_000_000
        best = min(best, Double(elapsed) / 1e9 / Double(passes))
    }
    return best
}

struct Row {
    var workload: String
    var method: String
    var megabytes: Double
    var entries: Int
    var seconds: Double
    var mbPerSecond: Double { megabytes / seconds }
    var nsPerEntry: Double { seconds * 1e9 / Double(entries) }
}

func runBinary(_ name: String, _ messages: [[UInt8]]) -> [Row] {
    let megabytes = Double(messages.reduce(0) { $0 + $1.count }) / 1e6
    let count = entries(messages)
    let methods: [(String, ([UInt8]) -> Int)] = [
        ("mixerdecode decode", { WireDecoder().decodeReportRequest($0).message.records.count }),
        ("mixerdecode decode+resolve", { Resolver().resolve(WireDecoder().decodeReportRequest($0)).records.count }),
        ("protobuf-c", { bytes in
            bytes.withUnsafeBufferPointer { buffer in
                let message = istio__mixer__v1__report_request__unpack(nil, buffer.count, buffer.baseAddress)
                defer { istio__mixer__v1__report_request__free_unpacked(message, nil) }
                return message?.pointee.n_attributes ?? 0
            }
        }),
        ("SwiftProtobuf", { bytes in (try? Istio_Mixer_V1_ReportRequest(serializedBytes: bytes))?.attributes.count ?? 0 }),
    ]
    return methods.map { method, body in
        Row(workload: name, method: method, megabytes: megabytes, entries: count, seconds: measure(messages, body))
    }
}

/// The log of `messages` as Envoy 1.1 writes it (DebugString dumps).
func log(of messages: [[UInt8]]) -> [UInt8] {
    var text = ""
    for bytes in messages {
        text += "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Report request: "
        text += TextFormatWriter.write(WireDecoder().decodeReportRequest(bytes).message) + "\n"
        text += "[2019-05-20 08:12:20.126][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:61] Report response: \n"
    }
    return Array(text.utf8)
}

func runText(_ messages: [[UInt8]]) -> [Row] {
    let logBytes = log(of: messages)
    let megabytes = Double(logBytes.count) / 1e6
    let count = entries(messages)
    var rows: [Row] = []
    let reader = measure([logBytes]) { bytes in
        var decoder = LogStreamDecoder(inputName: "bench", diagnostics: nil)
        var records = 0
        decoder.feed(bytes[...]) { records += $0.records.count }
        decoder.finish { records += $0.records.count }
        return records
    }
    rows.append(Row(workload: "Envoy log, 1.1", method: "mixerdecode log -> resolved", megabytes: megabytes, entries: count, seconds: reader))
    // The C++ text-format parser: protoc --encode of one ReportRequest holding every record.
    var body = ""
    for bytes in messages { body += TextFormatWriter.write(WireDecoder().decodeReportRequest(bytes).message).replacingOccurrences(of: "global_word_count: 221\nrepeated_attributes_semantics: INDEPENDENT_ENCODING\n", with: "") }
    let text = Array(body.utf8)
    let textFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-report.txt")
    try! Data(text).write(to: textFile)
    func protoc(_ input: URL) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/protoc")
            process.arguments = ["-I\(root.appendingPathComponent("Protos").path)", "-I/usr/include", "--encode=istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"]
            process.standardInput = try! FileHandle(forReadingFrom: input)
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try! process.run()
            process.waitUntilExit()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("bench-empty.txt")
    try! Data().write(to: empty)
    let cpp = protoc(textFile) - protoc(empty)
    rows.append(Row(workload: "DebugString text", method: "C++ TextFormat (protoc --encode, start-up subtracted)", megabytes: Double(text.count) / 1e6, entries: count, seconds: cpp))
    let ours = measure([text]) { bytes in
        TextFormatDecoder().decodeReportRequest(bytes).message.records.count
    }
    rows.append(Row(workload: "DebugString text", method: "mixerdecode text reader", megabytes: Double(text.count) / 1e6, entries: count, seconds: ours))
    return rows
}

let http = corpusRecords(["report-1.1-http.bin", "report-1.1-healthy-http.bin"])
let tcp = corpusRecords(["report-1.1-vm-tcp.bin"])
let mixed = corpusRecords(["report-1.1-productpage-outbound.bin", "report-1.1-http.bin", "report-1.1-vm-tcp.bin"])
var rows: [Row] = []
let httpBatches = batches(http, megabytes: 5.8)
rows += runBinary("Report 1.1, HTTP", httpBatches)
rows += runBinary("Report 1.1, TCP", batches(tcp, megabytes: 5.8))
rows += runBinary("Report 1.1, mixed", batches(mixed, megabytes: 5.8))
rows += runText(Array(httpBatches.prefix(200)))

/// `mixerdecode -o ndjson` end to end on a large log (MIXERDECODE_BIN, set
/// by Scripts/benchmark.sh): wall time, best of 3, and peak memory (VmHWM).
func runCommand(_ messages: [[UInt8]]) -> (row: Row, peakKiB: Int)? {
    guard let binary = ProcessInfo.processInfo.environment["MIXERDECODE_BIN"] else { return nil }
    let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-envoy.log")
    try! Data(log(of: messages)).write(to: logFile)
    let size = Double((try! FileManager.default.attributesOfItem(atPath: logFile.path)[.size] as! NSNumber).intValue) / 1e6
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
    return (Row(workload: "Envoy log, 1.1", method: "mixerdecode -o ndjson (command)", megabytes: size,
                entries: entries(messages), seconds: best), peak)
}

let command = runCommand(httpBatches)
if let command { rows.append(command.row) }

print("| workload | method | MB | MB/s | ns/entry | vs protobuf-c | vs SwiftProtobuf |")
print("|---|---|---|---|---|---|---|")
for row in rows {
    let peers = rows.filter { $0.workload == row.workload }
    func ratio(_ method: String) -> String {
        guard let peer = peers.first(where: { $0.method == method }), peer.method != row.method else { return "" }
        return String(format: "%.2fx", peer.seconds / row.seconds)
    }
    print(String(format: "| %@ | %@ | %.1f | %.0f | %.1f | %@ | %@ |", row.workload, row.method, row.megabytes, row.mbPerSecond,
                 row.nsPerEntry, ratio("protobuf-c"), ratio("SwiftProtobuf")))
}
if let command { print("\nmixerdecode -o ndjson on \(String(format: "%.0f", command.row.megabytes)) MB of log: peak memory \(command.peakKiB / 1024) MiB (VmHWM)") }
print("(machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; checksum \(sink))")
