import Foundation
import MixerDecode

/// The inputs of the command-level benchmarks, written as files: what a
/// user runs `mixerdecode` on (a gRPC capture, an Envoy log, a node's log
/// tree), made from the same Report batches as the library's rows.
public struct CommandWorkloadFiles: Sendable {
    public let directory: URL
    public let http: BinaryWorkload
    public let mixed: BinaryWorkload
    /// Files of the kubelet log tree (`pods/`): the log cut at batch boundaries.
    public static let podCount = 8

    public init(directory: URL, size: WorkloadSize = .megabytes(5.8)) {
        self.directory = directory
        self.http = BinaryWorkload(.reportHTTP11, size: size)
        self.mixed = BinaryWorkload(.reportMixed11, size: size)
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    public func write() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(Self.grpcFrames(http.messages)).write(to: url("http.grpc"))
        try Data(Self.grpcFrames(mixed.messages)).write(to: url("mixed.grpc"))
        let log = EnvoyLog(http)
        try Data(log.bytes).write(to: url("http.log"))
        try Data(Self.debugStringText(http)).write(to: url("http.txt"))
        try writePods(log)
    }

    /// Names and sizes in bytes of what `write` wrote.
    public func sizes() throws -> [(String, Int)] {
        try ["http.grpc", "mixed.grpc", "http.log", "http.txt"].map { name in
            (name, try FileManager.default.attributesOfItem(atPath: url(name).path)[.size] as? Int ?? 0)
        }
    }

    /// gRPC's length-prefixed messages: flag 0, big-endian length, message.
    public static func grpcFrames(_ messages: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for message in messages {
            let length = UInt32(message.count)
            bytes += [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            bytes += message
        }
        return bytes
    }

    /// One ReportRequest holding every record of `workload`, as DebugString
    /// text, so that protoc parses it in one run: the singular fields, which
    /// text format allows once, are dropped.
    public static func debugStringText(_ workload: BinaryWorkload) -> [UInt8] {
        var body = ""
        for bytes in workload.messages {
            body += TextFormatWriter.write(WireDecoder().decodeReportRequest(bytes).message)
                .replacingOccurrences(of: "global_word_count: 221\nrepeated_attributes_semantics: INDEPENDENT_ENCODING\n", with: "")
        }
        return Array(body.utf8)
    }

    /// Pod `part`'s log file in the tree (`pods/`).
    public func podLog(_ part: Int) -> URL {
        url("pods/default_productpage-\(part)_0000000\(part)/istio-proxy/0.log")
    }

    /// The log as a node keeps it: /var/log/pods/NAMESPACE_POD_UID/istio-proxy/0.log,
    /// one pod a file, each line in the container runtime's (CRI) form.
    private func writePods(_ log: EnvoyLog) throws {
        let pods = url("pods")
        try? FileManager.default.removeItem(at: pods)
        let cut = log.batchBoundaries(parts: Self.podCount)
        for part in 0..<(cut.count - 1) {
            let folder = podLog(part).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var bytes: [UInt8] = []
            for line in log.bytes[cut[part]..<cut[part + 1]].split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
                bytes += Array("2019-05-20T08:12:20.125000000Z stdout F ".utf8)
                bytes += line
                bytes.append(0x0A)
            }
            try Data(bytes).write(to: podLog(part))
        }
    }
}
