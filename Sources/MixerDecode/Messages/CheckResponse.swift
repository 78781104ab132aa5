/// `istio.mixer.v1.CheckResponse`: Mixer's verdict on a Check, as Envoy
/// logs it ("Check response: precondition { ... }").
public struct CheckResponse: Sendable, Hashable {
    /// Field 2.
    public var precondition: Precondition?
    /// Field 3, `map<string, QuotaResult>`, in wire order.
    public var quotas: [QuotaResult]

    public init(precondition: Precondition? = nil, quotas: [QuotaResult] = []) {
        self.precondition = precondition
        self.quotas = quotas
    }

    /// `google.rpc.Status`: code 0 is OK, 7 PERMISSION_DENIED, 16 UNAUTHENTICATED, ...
    public struct Status: Sendable, Hashable {
        public var code: Int32 = 0
        public var message: String = ""
        public init(code: Int32 = 0, message: String = "") {
            self.code = code
            self.message = message
        }
    }

    /// `CheckResponse.PreconditionResult`.
    public struct Precondition: Sendable, Hashable {
        /// nil when the field was not sent (an OK status is usually sent empty).
        public var status: Status?
        public var validDuration: ProtoDuration?
        public var validUseCount: Int32 = 0
        public var referencedAttributes: ReferencedAttributes?
        public var routeDirective: RouteDirective?
        public init() {}
    }

    /// `CheckResponse.QuotaResult` with its quota name.
    public struct QuotaResult: Sendable, Hashable {
        public var name: String = ""
        public var validDuration: ProtoDuration?
        public var grantedAmount: Int64 = 0
        public var referencedAttributes: ReferencedAttributes?
        public var status: Status?
        public init() {}
    }
}

/// `istio.mixer.v1.ReferencedAttributes`: which attributes Mixer looked at,
/// so that the proxy can cache the verdict. Names are word indices.
public struct ReferencedAttributes: Sendable, Hashable {
    public var words: [String] = []
    public var matches: [AttributeMatch] = []
    public init(words: [String] = [], matches: [AttributeMatch] = []) {
        self.words = words
        self.matches = matches
    }

    /// One attribute the response's cache entry depends on, and how.
    public struct AttributeMatch: Sendable, Hashable {
        /// Word index of the attribute name.
        public var name: Int32 = 0
        /// `Condition`: 0 unspecified, 1 ABSENCE, 2 EXACT, 3 REGEX.
        public var condition: Int32 = 0
        public var regex: String = ""
        /// Word index of a string-map key; 0 when none (index 0 is never a key).
        public var mapKey: Int32 = 0
        public init() {}

        public static let conditionNames: [Int32: String] = [
            0: "CONDITION_UNSPECIFIED", 1: "ABSENCE", 2: "EXACT", 3: "REGEX",
        ]
    }
}

/// `istio.mixer.v1.RouteDirective`: header edits or a direct response.
public struct RouteDirective: Sendable, Hashable {
    public var requestHeaderOperations: [HeaderOperation] = []
    public var responseHeaderOperations: [HeaderOperation] = []
    public var directResponseCode: UInt32 = 0
    public var directResponseBody: String = ""
    public init() {}

    /// A header the route directive asks Envoy to change.
    public struct HeaderOperation: Sendable, Hashable {
        public var name: String = ""
        public var value: String = ""
        /// 0 REPLACE, 1 REMOVE, 2 APPEND.
        public var operation: Int32 = 0
        public init() {}
    }
}
