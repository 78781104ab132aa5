/// A request with every word index resolved: what Mixer would see.
public struct ResolvedRequest: Sendable {
    public enum MessageKind: String, Sendable {
        case report, check, attributes
    }

    public var message: MessageKind
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

    /// Every finding, request-level first, then each record's.
    public var allFindings: [Finding] { findings + records.flatMap(\.findings) }
}

/// One record's attributes after resolution.
public struct ResolvedRecord: Sendable {
    /// 0-based index of the record in its request.
    public var index: Int
    /// Sorted by name, one per name.
    public var attributes: [Attribute]
    /// Findings about this record (`Finding.record == index`).
    public var findings: [Finding]
    /// True when damage cost this record part of its content.
    public var isPartial: Bool
    /// Delta batches: names present only because an earlier record sent them.
    public var carriedOver: Set<String>

    public init(
        index: Int, attributes: [Attribute], findings: [Finding] = [], isPartial: Bool = false,
        carriedOver: Set<String> = []
    ) {
        self.index = index
        self.attributes = attributes
        self.findings = findings
        self.isPartial = isPartial
        self.carriedOver = carriedOver
    }

    /// The value of `name`, if the record has it.
    public func value(of name: String) -> AttributeValue? {
        attributes.first { $0.name == name }?.value
    }
}
