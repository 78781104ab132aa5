import MixerDecode

/// Which release's Mixer and configuration a run models, and why.
public struct ReleaseChoice: Sendable, CustomStringConvertible {
    public var release: IstioRelease
    /// How it was chosen: `--release 1.3.6`, `context.proxy_version 1.3.6`,
    /// `the dictionary (221 words: 1.1-1.2)`.
    public var reason: String

    public var description: String { "\(release) (from \(reason))" }

    public init(release: IstioRelease, reason: String) {
        self.release = release
        self.reason = reason
    }

    /// The proxy's own release, from a Report: its `context.proxy_version`
    /// (sent from 1.3), else its dictionary, whose word count only tells a
    /// range of minor releases apart; the range's newest is taken, and said.
    public static func detect(from request: ResolvedRequest) -> ReleaseChoice? {
        guard let record = request.records.first else { return nil }
        if case .string(let version)? = record.attributes.value(of: "context.proxy_version"), let release = IstioRelease(version) {
            return ReleaseChoice(release: release, reason: "context.proxy_version \(version)")
        }
        let range = MixerRelease.of(record, dictionary: request.dictionary)
        let newest = range.newest < 10 ? "0.\(range.newest)" : "1.\(range.newest - 10)"
        guard let release = IstioRelease(newest) else { return nil }
        let words = request.dictionary.map { "\($0.wordCount) words" } ?? "no dictionary"
        let caveat = range.oldest == range.newest ? "" : "; it could be any of \(range), say --release"
        return ReleaseChoice(release: release, reason: "the proxy's dictionary (\(words): \(range))\(caveat)")
    }
}
