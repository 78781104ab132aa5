/// A request with every word index resolved: what Mixer would see.
public struct ResolvedRequest: Sendable {
    /// What was decoded (its `"message"` in JSON); nil when the input could
    /// not be read as any message.
    public var message: MessageKind?
    /// Where the request came from (filled in by `InputDecoder`).
    public var location = SourceLocation(input: "-", ordinal: 0)
    /// The global dictionary used (nil for the uncompressed `Attributes`).
    public var dictionary: GlobalDictionary?
    /// The `global_word_count` the sender wrote.
    public var globalWordCount: UInt32?
    /// Report only: how records relate.
    public var semantics: RepeatedAttributesSemantics?
    /// One entry per record; for delta batches each holds the accumulated set.
    public var records: [ResolvedRecord]
    /// Findings about the request as a whole (`Finding.record == nil`).
    public var findings: [Finding]
    /// Where the request sits in the input.
    public var range: Range<Int>
    /// Check only: `deduplication_id` and `quotas`.
    public var deduplicationID: String?
    public var quotas: [CheckRequest.Quota]
    /// Check responses only.
    public var checkResponse: ResolvedCheckResponse?

    /// A request that holds nothing but findings about unreadable input.
    public static func unreadable(_ findings: [Finding], range: Range<Int>) -> ResolvedRequest {
        ResolvedRequest(
            message: nil, dictionary: nil, globalWordCount: nil, semantics: nil, records: [], findings: findings,
            range: range, deduplicationID: nil, quotas: [])
    }

    /// True when damage or a limit cost the request part of its content.
    public var lostContent: Bool {
        records.contains(where: \.isPartial)
            || findings.contains { [.truncated, .malformed, .limitExceeded, .interleaved].contains($0.code) }
    }

    /// Every finding, request-level first, then each record's.
    public var allFindings: [Finding] { findings + records.flatMap(\.findings) }
}

/// One record's attributes after resolution, read through ``attributes``.
///
/// Every record keeps its attributes in one compact form (word ids and
/// places in the decoded storage); records made from a list (`init`, the
/// uncompressed `Attributes` message) are built into the same form.
public struct ResolvedRecord: Sendable {
    /// 0-based index of the record in its request.
    public var index: Int
    /// Findings about this record (`Finding.record == index`).
    public var findings: [Finding]
    /// True when damage cost this record part of its content: its own bytes,
    /// or the message words its entries use (`lostWordEntries`).
    public var isPartial: Bool
    /// Entries not shown because the message words they use were lost with
    /// damage elsewhere in the request (a Report's words follow its records).
    public var lostWordEntries: Int = 0
    /// What of this record the input does not show; nil when everything
    /// Mixer dispatches for it is there, so that an absent attribute is
    /// really absent (not lost with a cut paste or damage).
    public var unseen: UnseenPart?
    /// What the Mixer in force made of the record, when an evaluator ran
    /// (``RecordEvaluator``): rules matched and series added.
    public var mixer: MixerEvaluation?
    /// Where the record starts: its bytes in binary input; nil in text,
    /// whose findings name the line of the entry concerned instead.
    public var position: Position?

    /// The attributes, read in place: lookups by name, and iteration in
    /// name order (``RecordAttributes``). Resolution fills it in; a record
    /// with other attributes is a new record (`init`).
    public internal(set) var attributes: RecordAttributes

    /// A record of the attributes in `attributes` (one per name, the last
    /// value of a name listed twice), built into the compact form decoded
    /// records have. `carriedOver`: delta batches, the names only carried
    /// over from earlier records.
    public init(
        index: Int, attributes: [Attribute], findings: [Finding] = [], isPartial: Bool = false,
        carriedOver: Set<String> = []
    ) {
        self.index = index
        self.attributes = attributes.isEmpty ? .empty : RecordAttributes(attributes, carriedOver: carriedOver)
        self.findings = findings
        self.isPartial = isPartial
    }

    /// The value of `name`, if the record has it: `attributes.value(of:)`.
    public func value(of name: String) -> AttributeValue? {
        attributes.value(of: name)
    }
}
