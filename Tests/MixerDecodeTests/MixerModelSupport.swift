import MixerConfig
import MixerDecode
import Testing

/// Records built from attribute lists, sent through a modelled Mixer.
enum MixerModelSupport {
    static func report(_ records: [[Attribute]], wordCount: UInt32? = nil, semantics: RepeatedAttributesSemantics? = .delta) -> ResolvedRequest {
        var request = ResolvedRequest.unreadable([], range: 0..<0)
        request.message = .report
        request.globalWordCount = wordCount
        request.semantics = semantics
        request.records = records.enumerated().map { ResolvedRecord(index: $0.offset, attributes: $0.element) }
        return request
    }

    /// A Mixer of `release` with its bundled defaults (or `yaml`).
    static func mixer(_ release: String, yaml: String? = nil) -> MixerModel {
        let server = MixerServer(release: IstioRelease(release)!)
        var set = yaml.map { _ in ConfigSet(source: "test") } ?? ConfigSet.defaults(of: server.release)!
        if let yaml { set.add(text: yaml, file: "test.yaml") }
        return MixerModel(configuration: MixerConfiguration(set.resources, server: server), cluster: nil)
    }

    static func string(_ name: String, _ value: String) -> Attribute { Attribute(name: name, value: .string(value)) }
    static func int(_ name: String, _ value: Int64) -> Attribute { Attribute(name: name, value: .int64(value)) }
    static func bool(_ name: String, _ value: Bool) -> Attribute { Attribute(name: name, value: .bool(value)) }
    static func milliseconds(_ name: String, _ value: Int32) -> Attribute {
        Attribute(name: name, value: .duration(ProtoDuration(seconds: 0, nanos: value * 1_000_000)))
    }

    /// The 1.1.6 worked record: inbound HTTP to reviews, 200 in 5 ms.
    static let inboundHTTP: [Attribute] = [
        string("context.protocol", "http"), string("context.reporter.kind", "inbound"),
        string("destination.service.host", "reviews.default.svc.cluster.local"), string("destination.service.name", "reviews"),
        string("destination.service.namespace", "default"), int("response.code", 200), milliseconds("response.duration", 5),
        string("request.useragent", "curl/7.58"), bool("connection.mtls", false),
    ]

    static func replacing(_ attributes: [Attribute], _ changes: [Attribute], removing: [String] = []) -> [Attribute] {
        let names = Set(changes.map(\.name) + removing)
        return attributes.filter { !names.contains($0.name) } + changes
    }

    static func labels(_ key: SeriesKey) -> [String: String] {
        Dictionary(uniqueKeysWithValues: key.labels.map { ($0.name, $0.value) })
    }

    static func metrics(_ store: SeriesStore) -> [String: Double] {
        var totals: [String: Double] = [:]
        for (key, series) in store.series { totals[key.metric, default: 0] += series.kind == .histogram ? Double(series.count) : series.value }
        return totals
    }
}
