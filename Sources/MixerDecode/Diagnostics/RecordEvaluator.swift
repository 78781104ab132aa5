/// Evaluates records against a Mixer configuration, adding a
/// ``MixerEvaluation`` to each record and the findings that come from it
/// (`missing-protocol`, `tcp-protocol`, `probe-excluded`, `unknown-label`).
/// ``Diagnostics`` runs it after its own rules.
public protocol RecordEvaluator: Sendable {
    /// The codes it produces, with what each means, for the catalogue.
    var catalogue: [FindingDescription] { get }
    /// Evaluates every record of `request`; findings of `skipping` are left out.
    func evaluate(_ request: inout ResolvedRequest, skipping: Set<FindingCode>)
}

/// One code of the catalogue (`mixerdecode --list-findings`).
public struct FindingDescription: Sendable {
    public var code: FindingCode
    /// What the finding means, one line.
    public var summary: String
    /// A record that triggers it, in words.
    public var example: String

    public init(code: FindingCode, summary: String, example: String) {
        self.code = code
        self.summary = summary
        self.example = example
    }
}
