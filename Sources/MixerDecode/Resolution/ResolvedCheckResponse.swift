/// A `CheckResponse` with its referenced attribute names resolved.
public struct ResolvedCheckResponse: Sendable, Hashable {
    public var status: CheckResponse.Status?
    public var validDuration: ProtoDuration?
    public var validUseCount: Int32?
    public var referencedAttributes: [Reference]
    public var routeDirective: RouteDirective?
    public var quotas: [Quota]

    /// One attribute Mixer looked at: name (nil when its index does not
    /// resolve), how it was matched, and the string-map key if any.
    public struct Reference: Sendable, Hashable {
        public var name: String?
        public var index: Int32
        public var condition: String
        public var regex: String
        public var mapKey: String?
    }

    /// A quota Mixer granted, and for how long.
    public struct Quota: Sendable, Hashable {
        public var name: String
        public var grantedAmount: Int64
        public var validDuration: ProtoDuration?
        public var status: CheckResponse.Status?
        public var referencedAttributes: [Reference]
    }

    /// gRPC status names, for people (google.rpc.Code).
    public static let statusNames: [Int32: String] = [
        0: "OK", 1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND",
        6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION",
        10: "ABORTED", 11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL", 14: "UNAVAILABLE",
        15: "DATA_LOSS", 16: "UNAUTHENTICATED",
    ]
}

extension Resolver {
    /// Referenced attributes travel as indices into Mixer's own global
    /// dictionary (no count is sent; the list is append-only, so the newest
    /// one reads every release's indices) and `referenced_attributes.words`.
    public func resolve(_ decoded: Decoded<CheckResponse>) -> ResolvedRequest {
        let dictionary = dictionaryOverride ?? .newest
        var findings = decoded.findings
        func references(_ referenced: ReferencedAttributes?, path: String) -> [ResolvedCheckResponse.Reference] {
            guard let referenced else { return [] }
            let words = WordResolver(
                dictionary: dictionary, messageWords: referenced.words[...], messageWordsName: "\(path).words")
            return referenced.matches.enumerated().map { ordinal, match in
                let name = words.word(match.name)
                if name == nil {
                    findings.append(Finding(
                        code: .unknownIndex, severity: .error,
                        message: words.unknownIndexMessage(match.name, role: "name", path: "\(path).attribute_matches[\(ordinal)]")))
                }
                return ResolvedCheckResponse.Reference(
                    name: name, index: match.name,
                    condition: ReferencedAttributes.AttributeMatch.conditionNames[match.condition] ?? "\(match.condition)",
                    regex: match.regex, mapKey: match.mapKey == 0 ? nil : words.word(match.mapKey) ?? "#\(match.mapKey)")
            }
        }
        let response = decoded.message
        let resolved = ResolvedCheckResponse(
            status: response.precondition?.status ?? response.precondition.map { _ in CheckResponse.Status() },
            validDuration: response.precondition?.validDuration,
            validUseCount: response.precondition.map(\.validUseCount),
            referencedAttributes: references(response.precondition?.referencedAttributes, path: "precondition.referenced_attributes"),
            routeDirective: response.precondition?.routeDirective,
            quotas: response.quotas.map { quota in
                ResolvedCheckResponse.Quota(
                    name: quota.name, grantedAmount: quota.grantedAmount, validDuration: quota.validDuration,
                    status: quota.status,
                    referencedAttributes: references(quota.referencedAttributes, path: "quotas[\(quota.name)].referenced_attributes"))
            })
        var request = ResolvedRequest(
            message: .checkResponse, dictionary: nil, globalWordCount: nil, semantics: nil, records: [],
            findings: findings, range: decoded.range, deduplicationID: nil, quotas: [])
        request.checkResponse = resolved
        return request
    }
}
