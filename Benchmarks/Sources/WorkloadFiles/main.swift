import BenchmarkWorkloads
import Foundation

// Writes the inputs of the command-level benchmarks as files, so that the
// command can be run on them by hand, by Scripts/benchmark.sh and by
// Scripts/perf-check.sh:
//
//   WorkloadFiles DIRECTORY [MEGABYTES | --records RECORDS]
//
// Prints each file's size, and the records of each workload.
//
// http.grpc    Report 1.1 HTTP batches in gRPC frames (MEGABYTES of wire bytes, 5.8 unless given)
// mixed.grpc   Report 1.1 mixed batches in gRPC frames (the same size)
// http.log     the HTTP batches as Envoy 1.1 logs them
// http.txt     their DebugString text, one ReportRequest, for protoc --encode
// pods/        the HTTP log split into 8 files, a kubelet log tree (/var/log/pods)

let arguments = CommandLine.arguments.dropFirst()
let rest = Array(arguments.dropFirst())
let size: WorkloadSize? = switch rest.count {
case 0: .megabytes(5.8)
case 1: Double(rest[0]).map { .megabytes($0) }
case 2 where rest[0] == "--records": Int(rest[1]).map { .records($0) }
default: nil
}
guard let directory = arguments.first, let size else {
    FileHandle.standardError.write(Data("usage: WorkloadFiles DIRECTORY [MEGABYTES | --records RECORDS]\n".utf8))
    exit(2)
}
let files = CommandWorkloadFiles(directory: URL(fileURLWithPath: directory), size: size)
try files.write()
for (name, size) in try files.sizes() { print("\(name)\t\(size)") }
print("records\t\(files.http.records)")
