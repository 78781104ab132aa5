/// Istio's default Mixer configuration, one per semantic variant of the
/// releases 0.8.0 to 1.7.8, rendered from each release's Helm chart by
/// `Scripts/defaults/render-defaults.py` (docs/configuration-defaults.md).
public enum DefaultConfigurations {
    /// One variant: the releases it covers and its resources as YAML.
    public struct Variant: Sendable, CustomStringConvertible {
        /// Its first release, which names it: `1.3.6`.
        public var name: String
        public var firstRelease: IstioRelease
        public var lastRelease: IstioRelease
        /// The Helm template it was rendered from, `TAG:path`.
        public var source: String
        public var yaml: String

        /// `1.3.6-1.4.10`.
        public var description: String { firstRelease == lastRelease ? "\(firstRelease)" : "\(firstRelease)-\(lastRelease)" }
    }

    /// Oldest first.
    public static let variants: [Variant] = DefaultConfigurationTable.variants.compactMap { entry in
        guard let first = parse(entry.firstRelease), let last = parse(entry.lastRelease) else { return nil }
        return Variant(
            name: entry.name, firstRelease: first, lastRelease: last, source: entry.source,
            yaml: entry.documents.joined(separator: "\n---\n"))
    }

    /// The variant a release runs: the newest whose first release is not after it.
    public static func variant(for release: IstioRelease) -> Variant? {
        variants.last { $0.firstRelease <= release }
    }

    static func newestPatch(of minor: String) -> IstioRelease? {
        DefaultConfigurationTable.newestPatch[minor].flatMap(parse)
    }

    static func isKnownMinor(_ minor: String) -> Bool { DefaultConfigurationTable.newestPatch[minor] != nil }

    private static func parse(_ text: String) -> IstioRelease? {
        let parts = text.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return IstioRelease(major: parts[0], minor: parts[1], patch: parts[2])
    }
}
