/// `istio.mixer.v1.ReportRequest`: a batch of attribute records.
public struct ReportRequest: Sendable {
    /// Field 1, `attributes`: one record per reported request or connection event.
    public var records: [CompressedAttributes]
    /// Field 2: the message words shared by records whose own `words` are empty.
    public var defaultWords: [String]
    /// Field 3: how many global words the sender used (0 when absent).
    public var globalWordCount: UInt32
    /// Field 4 as sent; `nil` when absent (before 1.1), which means delta encoding.
    public var repeatedAttributesSemantics: Int32?

    public init(
        records: [CompressedAttributes] = [], defaultWords: [String] = [], globalWordCount: UInt32 = 0,
        repeatedAttributesSemantics: Int32? = nil
    ) {
        self.records = records
        self.defaultWords = defaultWords
        self.globalWordCount = globalWordCount
        self.repeatedAttributesSemantics = repeatedAttributesSemantics
    }

    /// How records relate to each other (docs/protocol.md §4).
    public var semantics: RepeatedAttributesSemantics {
        switch repeatedAttributesSemantics {
        case nil, 0?: .delta
        case 1?: .independent
        case let other?: .unknown(other)
        }
    }
}

/// `ReportRequest.repeated_attributes_semantics`.
public enum RepeatedAttributesSemantics: Hashable, Sendable {
    /// `DELTA_ENCODING = 0` (or absent): record k is record k-1 plus what k carries.
    case delta
    /// `INDEPENDENT_ENCODING = 1`: every record is complete.
    case independent
    /// Any other value: Mixer 1.1+ drops the whole batch.
    case unknown(Int32)
}

/// `istio.mixer.v1.CheckRequest`: one record, checked before the request runs.
public struct CheckRequest: Sendable {
    /// Field 1 (its `words` are the message words).
    public var attributes: CompressedAttributes
    /// Field 2.
    public var globalWordCount: UInt32
    /// Field 3.
    public var deduplicationID: String
    /// Field 4, `map<string, QuotaParams>`, in wire order.
    public var quotas: [Quota]

    public init(
        attributes: CompressedAttributes = CompressedAttributes(), globalWordCount: UInt32 = 0,
        deduplicationID: String = "", quotas: [Quota] = []
    ) {
        self.attributes = attributes
        self.globalWordCount = globalWordCount
        self.deduplicationID = deduplicationID
        self.quotas = quotas
    }

    /// One entry of `quotas`: the quota name and `QuotaParams`.
    public struct Quota: Hashable, Sendable {
        public var name: String
        public var amount: Int64
        public var bestEffort: Bool
        public init(name: String, amount: Int64, bestEffort: Bool) {
            self.name = name
            self.amount = amount
            self.bestEffort = bestEffort
        }
    }
}

/// `istio.mixer.v1.Attributes`, the uncompressed form: names and values in
/// clear. It never travels to Mixer but appears in logs and in the
/// `x-istio-attributes` header.
public struct AttributesMessage: Sendable {
    /// In wire order; a repeated name is kept (resolution applies last-wins).
    public var attributes: [Attribute]
    public init(attributes: [Attribute] = []) { self.attributes = attributes }
}
