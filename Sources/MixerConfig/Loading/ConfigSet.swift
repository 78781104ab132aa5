import MixerDecode

/// The configuration a run models: the user's files, or the defaults of a
/// release, read into resources with every problem found.
public struct ConfigSet {
    public var resources: [ConfigResource] = []
    public var problems: [ConfigProblem] = []
    /// What it is, for the report's header.
    public var source: String

    public init(source: String) { self.source = source }

    /// The bundled defaults of the variant `release` runs.
    public static func defaults(of release: IstioRelease) -> ConfigSet? {
        guard let variant = DefaultConfigurations.variant(for: release) else { return nil }
        var set = ConfigSet(source: "Istio's default configuration of \(variant) (variant \(variant.name), rendered from \(variant.source))")
        set.add(text: variant.yaml, file: "defaults/\(variant.name).yaml", tags: .asWritten)
        return set
    }

    public mutating func add(text: String, file: String, tags: ConfigDocuments.ScalarTags = .resolved) {
        let read = ConfigDocuments.resources(in: text, file: file, tags: tags)
        resources += read.resources
        problems += read.problems
    }
}
