import MixerDecode

/// The Mixer that receives the traffic: its release decides its global
/// dictionary, how it reads a Report, which configuration kinds it reads,
/// and its expression language's functions.
public struct MixerServer: Sendable, CustomStringConvertible {
    public var release: IstioRelease

    public init(release: IstioRelease) { self.release = release }

    /// 0.8 is 8, 1.0 is 10, 1.1 is 11, ... (as ``MixerRelease`` counts).
    public var minor: Int { release.major == 0 ? release.minor : 10 + release.minor }

    public var description: String { "Mixer \(release)" }

    /// Its own global dictionary: the first words of the one list every
    /// release extends (`mixer/pkg/attribute/list.gen.go`).
    public var dictionary: GlobalDictionary? { GlobalDictionary(release: release.minorName) }

    /// 1.2+ installs run Mixer with `--useTemplateCRDs=false` and
    /// `--useAdapterCRDs=false`, and their CRDs no longer define `metric`,
    /// `prometheus` and the other per-template and per-adapter kinds
    /// (`1.2.0:install/kubernetes/helm/istio-init/files/crd-*.yaml`): such
    /// resources are never read.
    public var readsLegacyKinds: Bool { minor <= 11 }

    /// `repeated_attributes_semantics` is read from 1.1 on
    /// (`1.1.0:mixer/pkg/api/grpcServer.go`, `Report`); 0.8 and 1.0 replay
    /// every batch as delta.
    public var readsRepeatedSemantics: Bool { minor >= 11 }

    /// 1.1+ refuses a Report whose `global_word_count` is larger than its
    /// dictionary: `inconsistent global dictionary versions used`, and
    /// nothing of it is dispatched.
    public var checksGlobalWordCount: Bool { minor >= 11 }

    /// 1.0 ends the Report at a delta record it cannot read (a Go `break`
    /// in the record loop); 1.1+ skips that record and goes on (the `break`
    /// there leaves only the `switch`).
    public var endsReportAtUnreadableRecord: Bool { minor <= 10 }

    /// 0.8 runs rules for TCP and non-TCP records apart
    /// (`0.8.0:mixer/pkg/runtime/dispatcher/dispatcher.go`).
    public var splitsRulesByProtocol: Bool { minor <= 8 }

    /// The type checker of its expression language.
    public func checker(_ manifest: AttributeManifest) -> ExpressionChecker {
        ExpressionChecker(manifest: manifest, mixerMinor: minor)
    }
}

/// An Istio release number: `1.3.6`; a minor release alone (`1.3`) is its
/// newest patch.
public struct IstioRelease: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// `1.3.6`, `1.3` (its newest patch), `0.8`; nil for anything else or a
    /// release without Mixer telemetry (before 0.8, after 1.7).
    public init?(_ text: String) {
        let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
        // Proxy versions carry build suffixes: `1.3.6-distroless`, `1.4.0-dev`.
        let core = trimmed.prefix { $0.isNumber || $0 == "." }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let release = IstioRelease(major: parts[0]!, minor: parts[1]!, patch: parts.count == 3 ? parts[2]! : 0)
        if parts.count == 2 {
            guard let newest = DefaultConfigurations.newestPatch(of: release.minorName) else { return nil }
            self = newest
        } else {
            guard DefaultConfigurations.isKnownMinor(release.minorName) else { return nil }
            self = release
        }
    }

    public var minorName: String { "\(major).\(minor)" }
    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: IstioRelease, b: IstioRelease) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }
}
