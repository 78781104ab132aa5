import MixerDecodeSupport

/// One diagnostic: a small, independent check of a resolved record (or a
/// whole request), documented by its summary and an example, selectable by
/// its code (`mixerdecode --list-findings`, `--skip-findings`).
public struct DiagnosticRule: Sendable {
    public let code: FindingCode
    /// What the finding means, one line, for the catalogue.
    public let summary: String
    /// A record that triggers it, in words, for the catalogue.
    public let example: String
    let checkRecord: (@Sendable (RecordContext) -> [Finding])?
    let checkRequest: (@Sendable (ResolvedRequest) -> [Finding])?

    init(code: FindingCode, summary: String, example: String, record: @escaping @Sendable (RecordContext) -> [Finding]) {
        self.code = code
        self.summary = summary
        self.example = example
        self.checkRecord = record
        self.checkRequest = nil
    }

    init(code: FindingCode, summary: String, example: String, request: @escaping @Sendable (ResolvedRequest) -> [Finding]) {
        self.code = code
        self.summary = summary
        self.example = example
        self.checkRecord = nil
        self.checkRequest = request
    }
}

/// What a record rule sees: the record, its request, and derived facts.
public struct RecordContext: Sendable {
    public let record: ResolvedRecord
    public let request: ResolvedRequest
    public let release: MixerRelease

    public init(record: ResolvedRecord, request: ResolvedRequest) {
        self.record = record
        self.request = request
        self.release = MixerRelease.of(record, dictionary: request.dictionary)
    }

    /// The value of `name` in the record (`record.attributes`). The rules
    /// pass `AttributeName`s made once, so that no lookup hashes a name.
    func value(_ name: AttributeName) -> AttributeValue? { record.attributes.value(of: name) }

    /// The value of `name` in the record (`record.attributes`).
    public func value(_ name: String) -> AttributeValue? { value(AttributeName(name)) }

    /// The value of `name` when it is a string.
    public func string(_ name: AttributeName) -> String? {
        if case .string(let text)? = value(name) { return text }
        return nil
    }

    /// The value of `name` when it is a string.
    public func string(_ name: String) -> String? { string(AttributeName(name)) }

    /// Why the absence of `name` from this record proves nothing: the part
    /// of the record the input does not show may hold it. nil when an absent
    /// `name` is really absent.
    public func unseenReason(ifAbsent name: String) -> String? {
        // Which words the sender sent as global indices is known only from a count it was read.
        let sendersDictionary = (request.globalWordCount ?? 0) == 0 ? nil : request.dictionary
        guard let unseen = record.unseen, unseen.mayHold(name, dictionary: sendersDictionary) else { return nil }
        return unseen.reason
    }

    /// Why the absence of `name` from this record proves nothing (see above).
    public func unseenReason(ifAbsent name: AttributeName) -> String? {
        unseenReason(ifAbsent: name.text)
    }

    /// True when `name` is certainly not in what Mixer dispatches for this record.
    public func isAbsent(_ name: AttributeName) -> Bool {
        value(name) == nil && unseenReason(ifAbsent: name) == nil
    }

    /// True when `name` is certainly not in what Mixer dispatches for this record.
    public func isAbsent(_ name: String) -> Bool { isAbsent(AttributeName(name)) }

    /// A Report record: only those feed metrics.
    public var isReport: Bool { request.message == .report }

    /// The destination as the metric labels name it, with the address:
    /// "details.default.svc.cluster.local (10.244.3.0:9080)".
    public var destination: String { Destination(record).description }

    /// A finding about this record.
    public func finding(
        _ code: FindingCode, _ severity: Finding.Severity, _ message: String, attribute: String? = nil, fix: String? = nil
    ) -> Finding {
        // Located where the record is: its bytes, or the line its dump starts on.
        Finding(
            code: code, severity: severity, message: message, attribute: attribute,
            at: record.position ?? request.location.position, record: record.index, fix: fix)
    }
}

/// Where a record's traffic went: service host, address and port.
public struct Destination: Hashable, Sendable, CustomStringConvertible {
    public var serviceHost: String?
    public var serviceName: String?
    public var address: String?
    public var port: Int64?

    /// The destination `record`'s attributes name.
    public init(_ record: ResolvedRecord) {
        let attributes = record.attributes
        if case .string(let host)? = attributes.value(of: .destinationServiceHost) { serviceHost = host }
        if case .string(let name)? = attributes.value(of: .destinationServiceName) { serviceName = name }
        if case .bytes(let bytes)? = attributes.value(of: .destinationIP) { address = IPAddressFormatting.text(bytes) }
        if case .int64(let number)? = attributes.value(of: .destinationPort) { port = number }
    }

    /// "10.244.3.0:9080", or what there is of it.
    public var addressAndPort: String? {
        switch (address, port) {
        case let (address?, port?): "\(address):\(port)"
        case let (address?, nil): address
        case let (nil, port?): "port \(port)"
        default: nil
        }
    }

    public var description: String {
        switch (serviceHost, addressAndPort) {
        case let (host?, place?): "\(host) (\(place))"
        case let (host?, nil): host
        case let (nil, place?): place
        default: "an unknown destination"
        }
    }
}
