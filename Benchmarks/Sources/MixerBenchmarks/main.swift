import BenchmarkWorkloads
import Foundation

// Benchmarks, on this machine, of the same bytes in the same run:
// mixerdecode (decode only, decode + resolve), SwiftProtobuf's generated
// code, protobuf-c, and for text the C++ parser (protoc --encode) against
// mixerdecode's log reader; then the command as users run it, on files of
// the same batches, with the targets of issue 13 checked against those
// measurements. Workloads (BenchmarkWorkloads) are built from the Corpus
// records by the library's encoder, 5.8 MB of each: Report batches of 100
// records for releases 1.1, 1.3 and 1.0 (delta), Check requests of one
// record, and an Envoy log of the HTTP batches.
// Run: bash Scripts/benchmark.sh

let scenarios: [Scenario] = [.reportHTTP11, .reportTCP11, .reportMixed11, .reportMixed13, .reportDelta10, .check11]
var shapes: [String] = []
var rows: [Row] = []
for scenario in scenarios {
    let workload = BinaryWorkload(scenario, size: .megabytes(5.8))
    shapes.append(workload.shape)
    rows += binaryRows(workload)
}
let http = BinaryWorkload(.reportHTTP11, size: .megabytes(5.8))
let log = EnvoyLog(http)
shapes.append(log.shape)
rows += textRows(log, http)

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-bench-\(getpid())")
let files = CommandWorkloadFiles(directory: directory, size: .megabytes(5.8))
try files.write()
defer { try? FileManager.default.removeItem(at: directory) }
var command = CommandRows(files: files)
let targets = Targets(rows: rows, command: &command, log: log)

print("Message shapes (map entries include the pairs inside string maps; ns/entry divides by them):")
for shape in shapes { print("- \(shape)") }
print()
printTable(rows + command.rows)
print()
for line in command.lines { print(line) }
print()
targets.print()
print("(machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; checksum \(sink))")
