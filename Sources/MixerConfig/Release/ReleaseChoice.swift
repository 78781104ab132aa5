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
        candidates(from: request).last
    }

    /// Every release the proxy can be, oldest first: its version alone when
    /// it sent one; else the newest patch of each minor release its
    /// dictionary fits (221 words: 1.1 and 1.2), the newest last.
    public static func candidates(from request: ResolvedRequest) -> [ReleaseChoice] {
        guard let record = request.records.first else { return [] }
        if case .string(let version)? = record.attributes.value(of: .contextProxyVersion), let release = IstioRelease(version) {
            return [ReleaseChoice(release: release, reason: "context.proxy_version \(version)")]
        }
        // Without the count the sender wrote (a paste cut before its end),
        // its dictionary, and so its release, is not known: no evaluation.
        guard let count = request.globalWordCount, count > 0 else { return [] }
        let range = MixerRelease.of(record, dictionary: request.dictionary)
        let words = request.dictionary.map { "\($0.wordCount) words" } ?? "no dictionary"
        let caveat = range.oldest == range.newest ? "" : "; it could be any of \(range), say --release"
        return (range.oldest...range.newest).compactMap { minor in
            let name = minor < 10 ? "0.\(minor)" : "1.\(minor - 10)"
            return IstioRelease(name).map { ReleaseChoice(release: $0, reason: "the proxy's dictionary (\(words): \(range))\(caveat)") }
        }
    }
}
