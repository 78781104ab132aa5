import MixerDecode

/// Labels of a record's series that read "unknown", grouped by why: the
/// first attribute their expression reads was absent. Destination service
/// labels come from what Pilot sent; workload, app and version labels from
/// the kubernetesenv adapter, which needs a pod it can find.
struct UnknownLabels {
    let owner: EvaluatedFindings

    /// Why a label can read "unknown" (worked out once per label, see
    /// ``EvaluatedFindings``), in the order findings are given.
    enum Cause: Int, CaseIterable, Sendable {
        case destinationService, destinationPod, sourcePod
    }

    /// `unknown`: the labels of each cause, in the order of ``Cause``.
    func findings(_ context: RecordContext, _ unknown: [(cause: Cause, labels: [EvaluatedFindings.UnknownLabel])]) -> [Finding] {
        unknown.compactMap { finding($0.cause, $0.labels, context) }
    }

    private func finding(_ cause: Cause, _ labels: [EvaluatedFindings.UnknownLabel], _ context: RecordContext) -> Finding? {
        // Made only for a finding: most records have none.
        var named: String { labels.map(\.source.described).joined(separator: ", ") }
        switch cause {
        case .destinationService:
            // The service itself (1.0+: its host; 0.8: `destination.service`),
            // certainly absent (not hidden by a cut paste): the labels that
            // read it say "unknown". A name or namespace alone missing is
            // shown in the series, not diagnosed.
            let absent = labels.map(\.source.attribute).filter { Self.serviceAttributes.contains($0) && context.isAbsent($0) }.map(\.text)
            guard let first = absent.first else { return nil }
            return context.finding(
                .unknownLabel, .warning,
                "\(named) read \"unknown\" for traffic to \(context.destination): the record has no \(EvaluatedFindings.list(absent))",
                attribute: first,
                fix: "The destination must be a service Pilot knows (a Kubernetes Service, a ServiceEntry, or a VM registered with istioctl register).")
        case .destinationPod:
            guard let why = podCause(.destinationUID, context) else { return nil }
            return context.finding(.unknownLabel, .note, "\(named) read \"unknown\": \(why)", attribute: "destination.uid")
        case .sourcePod:
            guard let why = podCause(.sourceUID, context) else { return nil }
            return context.finding(.unknownLabel, .note, "\(named) read \"unknown\": \(why)", attribute: "source.uid")
        }
    }

    /// Why the kubernetesenv adapter found no pod for `uid`; nil when the
    /// input does not show whether the record had one.
    private func podCause(_ uid: AttributeName, _ context: RecordContext) -> String? {
        let side = uid == .sourceUID ? "source" : "destination"
        guard let value = context.string(uid), value.hasPrefix("kubernetes://") else {
            guard context.unseenReason(ifAbsent: uid) == nil else { return nil }
            let vm = side == "destination" && context.string(.contextReporterKind) == "inbound"
                ? " This is always so for a VM, and it is also why Kiali shows the service without a sidecar." : ""
            return "no Kubernetes \(uid), so the kubernetesenv adapter cannot look up the \(side) pod.\(vm)"
        }
        // Without the cluster state Mixer's lookup cannot be repeated: whether
        // these labels read "unknown" for Mixer is not known, so nothing is said.
        guard owner.hasClusterState else { return nil }
        return "\(uid) \(Finding.quoted(value)) names no pod of the cluster state given (--kube), so Mixer's kubernetesenv adapter finds none"
    }

    /// The side whose pod gives `attribute` through the kubernetesenv
    /// adapter's bindings, if one does.
    static func podSide(of attribute: String) -> String? {
        for side in ["source", "destination"] where podAttributes.contains(where: { attribute.hasPrefix(side + "." + $0) }) {
            return side
        }
        return nil
    }

    /// Why a label whose expression reads `attribute` first reads "unknown";
    /// nil when it is nothing worth a word.
    static func cause(ofReading attribute: String) -> Cause? {
        if attribute.hasPrefix("destination.service") { return .destinationService }
        switch podSide(of: attribute) {
        case "destination": return .destinationPod
        case "source": return .sourcePod
        default: return nil
        }
    }

    static let serviceAttributes: [AttributeName] = [.destinationServiceHost, .destinationService]

    /// What the kubernetesenv adapter's bindings give (`*.workload.*`, `*.labels`, ...).
    static let podAttributes = ["workload.", "labels", "owner", "name", "namespace", "serviceAccount", "container.name"]
}
