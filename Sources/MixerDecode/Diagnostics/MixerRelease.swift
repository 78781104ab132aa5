/// What a record's Istio release means for Mixer's metric rules
/// (docs/protocol.md §8). The release comes from `context.proxy_version`
/// when the proxy sent it (1.3+), otherwise from the dictionary, which can
/// only tell 0.8, 1.0, 1.1-1.2 and 1.3-1.7 apart.
public struct MixerRelease: Hashable, Sendable, CustomStringConvertible {
    /// Oldest and newest minor release this can be (1.1 and 1.2 share a dictionary).
    public var oldest: Int
    public var newest: Int

    /// Minor versions: 0.8 is 8, 1.0 is 10, 1.1 is 11, ... 1.7 is 17.
    public init(oldest: Int, newest: Int) {
        self.oldest = oldest
        self.newest = newest
    }

    public var description: String {
        func name(_ minor: Int) -> String { minor < 10 ? "0.\(minor)" : "1.\(minor - 10)" }
        return oldest == newest ? name(oldest) : "\(name(oldest))-\(name(newest))"
    }

    /// The release of a record: its proxy version, else its dictionary.
    public static func of(_ record: ResolvedRecord, dictionary: GlobalDictionary?) -> MixerRelease {
        if case .string(let version)? = record.attributes.value(of: .contextProxyVersion) {
            let parts = version.split(separator: ".").compactMap { Int($0) }
            if parts.count >= 2, parts[0] == 1, (0...7).contains(parts[1]) {
                return MixerRelease(oldest: 10 + parts[1], newest: 10 + parts[1])
            }
        }
        switch dictionary?.wordCount {
        case 178: return MixerRelease(oldest: 8, newest: 8)
        case 203: return MixerRelease(oldest: 10, newest: 10)
        case 221: return MixerRelease(oldest: 11, newest: 12)
        case 222: return MixerRelease(oldest: 13, newest: 17)
        default: return MixerRelease(oldest: 11, newest: 17)
        }
    }

    /// The metric is `istio_requests_total` from 1.0 on, `istio_request_count` in 0.8.
    public var requestCountMetric: String { newest <= 8 ? "istio_request_count" : "istio_requests_total" }
    /// 1.3+ proxies can sniff the protocol of ports without a protocol name.
    public var canSniffProtocol: Bool { newest >= 13 }
}
