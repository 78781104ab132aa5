import BenchmarkWorkloads
import MixerDecode
import MixerProtobufC
import SwiftProtobuf

/// Every decoder on the same wire messages. Each method returns something
/// read from its result, for `consume`.
func binaryRows(_ workload: BinaryWorkload) -> [Row] {
    let methods = switch workload.scenario.message {
    case .report: reportMethods
    case .check: checkMethods
    }
    return methods.map { method, body in
        Row(workload: workload.scenario.name, method: method, megabytes: Double(workload.bytes) / 1e6,
            entries: workload.entries, seconds: measure(workload.messages, body))
    }
}

let reportMethods: [(String, @Sendable ([UInt8]) -> Int)] = [
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

let checkMethods: [(String, @Sendable ([UInt8]) -> Int)] = [
    ("mixerdecode decode", { WireDecoder().decodeCheckRequest($0).message.quotas.count }),
    ("mixerdecode decode+resolve", { Resolver().resolve(WireDecoder().decodeCheckRequest($0)).records.count }),
    ("protobuf-c", { bytes in
        bytes.withUnsafeBufferPointer { buffer in
            let message = istio__mixer__v1__check_request__unpack(nil, buffer.count, buffer.baseAddress)
            defer { istio__mixer__v1__check_request__free_unpacked(message, nil) }
            return message?.pointee.n_quotas ?? 0
        }
    }),
    ("SwiftProtobuf", { bytes in (try? Istio_Mixer_V1_CheckRequest(serializedBytes: bytes))?.quotas.count ?? 0 }),
]
