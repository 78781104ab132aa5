import Foundation
import MixerDecode

/// The log Envoy 1.1 writes for Report batches at the grpc debug level: per
/// batch, the request line with its DebugString dump, then the response line.
public struct EnvoyLog: Sendable {
    public let bytes: [UInt8]
    /// `bytes[..<batchEnds[k]]` is the log of batches 0...k.
    let batchEnds: [Int]
    let recordsPerBatch: Int
    let scenarioName: String
    /// Map entries of the batches on the wire (the unit the binary rows count).
    public let entries: Int

    public init(_ workload: BinaryWorkload) {
        guard case .report = workload.scenario.message else { preconditionFailure("Envoy logs hold Report batches") }
        var bytes: [UInt8] = []
        var batchEnds: [Int] = []
        for message in workload.messages {
            bytes += Array("[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Report request: ".utf8)
            bytes += Array(TextFormatWriter.write(WireDecoder().decodeReportRequest(message).message).utf8)
            bytes += Array("\n[2019-05-20 08:12:20.126][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:61] Report response: \n".utf8)
            batchEnds.append(bytes.count)
        }
        self.bytes = bytes
        self.batchEnds = batchEnds
        self.recordsPerBatch = workload.recordsPerMessage
        self.scenarioName = workload.scenario.name
        self.entries = workload.entries
    }

    /// The log of the first `records` records, which must be whole batches.
    public func prefix(records: Int) -> ArraySlice<UInt8> {
        precondition(records % recordsPerBatch == 0, "\(records) records are not whole batches of \(recordsPerBatch)")
        return records == 0 ? bytes[..<0] : bytes[..<batchEnds[records / recordsPerBatch - 1]]
    }

    public var shape: String {
        String(
            format: "Envoy log of %@: %d dumps of %d records, %.1f bytes of log a map entry, %.1f MB",
            scenarioName, batchEnds.count, recordsPerBatch, Double(bytes.count) / Double(entries), Double(bytes.count) / 1e6)
    }
}

/// Reads `log` the way the command reads a file, in 64 KiB chunks (its
/// InputReader.chunkSize), so that line splitting across chunks is part of the work.
public func decodeLog(_ log: ArraySlice<UInt8>, with decoder: inout InputStreamDecoder, emit: (ResolvedRequest) -> Void) {
    var start = log.startIndex
    while start < log.endIndex {
        let end = min(start + 1 << 16, log.endIndex)
        decoder.feed(log[start..<end], emit: emit)
        start = end
    }
    decoder.finish(emit: emit)
}

extension EnvoyLog {
    /// Offsets that cut the log into `parts` runs of whole batches (fewer
    /// when it has fewer batches): the first is 0, the last its end.
    func batchBoundaries(parts: Int) -> [Int] {
        let parts = min(parts, batchEnds.count)
        return [0] + (1...parts).map { part in batchEnds[batchEnds.count * part / parts - 1] }
    }
}
