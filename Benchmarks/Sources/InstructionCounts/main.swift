import BenchmarkWorkloads
import Foundation
import MixerConfig
import MixerDecode

// One operation of the library on the first PROCESSED records of a
// workload of GENERATED records, for Scripts/perf-check.sh, which counts
// the instructions under callgrind. The workload is always generated at
// the same size, so that two runs differing only in PROCESSED differ only
// in the work measured: start-up and generation cancel in the difference.
//
//   InstructionCounts OPERATION PROCESSED GENERATED
//
// Operations:
//   decode   Report 1.1 batches (mixed), decode only
//   resolve  the same batches, decode and resolve
//   check    Check 1.1 requests, decode and resolve
//   log      Envoy 1.1 log of Report batches (HTTP) -> resolved requests, no diagnostics
//   ndjson   the same log -> resolved -> diagnosed -> NDJSON bytes, what
//            `mixerdecode -o ndjson --no-evaluation` does, without the file reads and writes
//   evaluate the same, with Mixer's configuration evaluated on every record
//            (its release's defaults), what `mixerdecode -o ndjson` does
//   ndjson-mixed, evaluate-mixed   the same two on a log of mixed Report
//            batches (HTTP inbound and outbound, and TCP)

let operations: [String: (_ processed: Int, _ generated: Int) -> Int] = [
    "decode": { processed, generated in
        let workload = BinaryWorkload(.reportMixed11, size: .records(generated))
        return workload.messages.prefix(messageCount(processed, of: workload)).reduce(0) { sum, bytes in
            sum &+ WireDecoder().decodeReportRequest(bytes).message.records.count
        }
    },
    "resolve": { processed, generated in
        let workload = BinaryWorkload(.reportMixed11, size: .records(generated))
        return workload.messages.prefix(messageCount(processed, of: workload)).reduce(0) { sum, bytes in
            sum &+ Resolver().resolve(WireDecoder().decodeReportRequest(bytes)).records.count
        }
    },
    "check": { processed, generated in
        let workload = BinaryWorkload(.check11, size: .records(generated))
        return workload.messages.prefix(messageCount(processed, of: workload)).reduce(0) { sum, bytes in
            sum &+ Resolver().resolve(WireDecoder().decodeCheckRequest(bytes)).records.count
        }
    },
    "log": { processed, generated in
        let log = EnvoyLog(BinaryWorkload(.reportHTTP11, size: .records(generated)))
        var decoder = InputStreamDecoder(inputName: "perf-check.log", settings: .init(inputKind: .log, diagnostics: nil))
        var records = 0
        decodeLog(log.prefix(records: processed), with: &decoder) { records &+= $0.records.count }
        return records
    },
    "ndjson": { processed, generated in ndjson(.reportHTTP11, processed, generated, diagnostics: .standard) },
    "evaluate": { processed, generated in
        ndjson(.reportHTTP11, processed, generated, diagnostics: Diagnostics.standard.evaluating(with: MixerEvaluator(ConfigurationsInForce(release: nil))))
    },
    "ndjson-mixed": { processed, generated in ndjson(.reportMixed11, processed, generated, diagnostics: .standard) },
    "evaluate-mixed": { processed, generated in
        ndjson(.reportMixed11, processed, generated, diagnostics: Diagnostics.standard.evaluating(with: MixerEvaluator(ConfigurationsInForce(release: nil))))
    },
]

/// The log of `generated` records of `scenario`, its first `processed`
/// decoded, diagnosed by `diagnostics` and written as NDJSON: the bytes written.
func ndjson(_ scenario: Scenario, _ processed: Int, _ generated: Int, diagnostics: Diagnostics) -> Int {
    let log = EnvoyLog(BinaryWorkload(scenario, size: .records(generated)))
    var decoder = InputStreamDecoder(inputName: "perf-check.log", settings: .init(inputKind: .log, diagnostics: diagnostics))
    let recordJSON = RecordJSON()
    var json = JSONWriter()
    var written = 0
    decodeLog(log.prefix(records: processed), with: &decoder) { request in
        recordJSON.writeObjects(of: request, to: &json) { json in
            json.newline()
            written &+= json.bytes.count
            json.removeAll()
        }
    }
    return written
}

/// Messages holding the first `records` records, which must be whole messages.
func messageCount(_ records: Int, of workload: BinaryWorkload) -> Int {
    precondition(records % workload.recordsPerMessage == 0 && records <= workload.records,
                 "\(records) records are not whole messages of \(workload.recordsPerMessage) within the \(workload.records) generated")
    return records / workload.recordsPerMessage
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 3, let operation = operations[arguments.first!],
      let processed = Int(arguments.dropFirst().first!), let generated = Int(arguments.last!), processed <= generated
else {
    FileHandle.standardError.write(Data("usage: InstructionCounts \(operations.keys.sorted().joined(separator: "|")) PROCESSED GENERATED (records, PROCESSED <= GENERATED)\n".utf8))
    exit(2)
}
// Printed, so that the work cannot be optimized away.
print("\(arguments.first!): \(operation(processed, generated))")
