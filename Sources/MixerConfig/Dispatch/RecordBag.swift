import MixerDecode

/// What Mixer's runtime reads from a record's attribute bag by name: the
/// namespace whose rules it runs, and what the record was for and when.
/// The names' slots are looked up once per configuration.
struct RecordBag: Sendable {
    enum Field: Int, CaseIterable {
        case reporterKind, destinationNamespace, sourceNamespace
        case serviceHost, serviceName, service, destinationWorkload, destinationUID, sourceUID
        case contextTime, responseTime, requestTime, contextProtocol

        /// Read for the time a record's samples carry, not for how it dispatches.
        var isTime: Bool { self == .contextTime || self == .responseTime || self == .requestTime }

        var name: String {
            switch self {
            case .reporterKind: "context.reporter.kind"
            case .destinationNamespace: "destination.namespace"
            case .sourceNamespace: "source.namespace"
            case .serviceHost: "destination.service.host"
            case .serviceName: "destination.service.name"
            case .service: "destination.service"
            case .destinationWorkload: "destination.workload.name"
            case .destinationUID: "destination.uid"
            case .sourceUID: "source.uid"
            case .contextTime: "context.time"
            case .responseTime: "response.time"
            case .requestTime: "request.time"
            case .contextProtocol: "context.protocol"
            }
        }
    }

    let names: AttributeNames
    /// Each field's slot in `names`, by raw value (nil: not in the manifest).
    private let slots: [Int?]

    init(names: AttributeNames) {
        self.names = names
        slots = Field.allCases.map { names.slot(of: $0.name) }
    }

    func value(_ field: Field, in bag: AttributeBag) -> ExpressionValue? {
        guard bag.names === names, let slot = slots[field.rawValue] else { return bag[field.name] }
        return bag[slot: slot]
    }

    func string(_ field: Field, in bag: AttributeBag) -> String? {
        if case .string(let text)? = value(field, in: bag) { return text }
        return nil
    }

    /// The namespace whose rules run (`1.1.6:mixer/pkg/runtime/dispatcher/util.go`,
    /// `getIdentityNamespace`): `context.reporter.kind` (`inbound` when
    /// absent or not a string) picks `destination.namespace` for inbound,
    /// `source.namespace` for outbound; anything else gives "".
    func identityNamespace(_ bag: AttributeBag) -> String {
        switch string(.reporterKind, in: bag) ?? "inbound" {
        case "inbound": string(.destinationNamespace, in: bag) ?? ""
        case "outbound": string(.sourceNamespace, in: bag) ?? ""
        default: ""
        }
    }

    /// What the record was for, to group records by: the destination
    /// service's host or name (0.8: `destination.service`), else its
    /// workload, else its uid.
    func destination(of bag: AttributeBag) -> String {
        for field in [Field.serviceHost, .serviceName, .service, .destinationWorkload, .destinationUID] {
            if let text = string(field, in: bag), !text.isEmpty { return text }
        }
        return "unknown"
    }

    /// The time a record's samples carry: the first of `context.time`,
    /// `response.time`, `request.time` it has.
    func time(of bag: AttributeBag) -> ProtoTimestamp? {
        for field in [Field.contextTime, .responseTime, .requestTime] {
            if case .timestamp(let time)? = value(field, in: bag) { return time }
        }
        return nil
    }
}
