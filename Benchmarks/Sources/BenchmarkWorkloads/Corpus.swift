import Foundation
import MixerDecode

/// The repository this package sits in: the Corpus and the schema are read from it.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// The Corpus messages every workload is built from. protoc encoded them
/// (Corpus/README.md), so what a workload holds does not depend on this
/// library; only the copies are made by its encoder.
enum Corpus {
    static func bytes(_ name: String) -> [UInt8] {
        let file = Repository.root.appendingPathComponent("Corpus/binary/\(name)")
        guard let data = try? Data(contentsOf: file) else { fatalError("cannot read \(file.path)") }
        return [UInt8](data)
    }

    /// The records of Report files as Mixer dispatches them: complete, delta batches replayed.
    static func reportRecords(_ names: [String]) -> [[Attribute]] {
        names.flatMap { Resolver().resolve(WireDecoder().decodeReportRequest(bytes($0))).records.map { $0.attributes.attributeList() } }
    }

    static func checkRequest(_ name: String) -> (attributes: [Attribute], quotas: [CheckRequest.Quota]) {
        let decoded = WireDecoder().decodeCheckRequest(bytes(name))
        return (Resolver().resolve(decoded).records[0].attributes.attributeList(), decoded.message.quotas)
    }
}
