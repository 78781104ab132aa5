import MixerDecode

/// The `kubernetes` template instance Mixer builds for the adapter
/// (`mixer/adapter/kubernetesenv/template/template.proto`, `Template`).
/// IPs are Go `net.IP` bytes, 4 or 16 long; empty is Go's nil, all zero
/// (or `::ffff:0.0.0.0`) is unspecified, and neither is looked up.
/// The default instance sets `destination_ip` only from 1.7
/// (`destination.ip | ip("0.0.0.0")`); before, leave it empty.
public struct KubernetesEnvInput: Sendable, Equatable {
    public var sourceUID: String
    public var sourceIP: [UInt8]
    public var destinationUID: String
    public var destinationIP: [UInt8]
    public var destinationPort: Int64

    public init(sourceUID: String = "", sourceIP: [UInt8] = [], destinationUID: String = "", destinationIP: [UInt8] = [], destinationPort: Int64 = 0) {
        self.sourceUID = sourceUID
        self.sourceIP = sourceIP
        self.destinationUID = destinationUID
        self.destinationIP = destinationIP
        self.destinationPort = destinationPort
    }
}

/// What the adapter did for one instance, and why.
public struct KubernetesEnvResolution: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The adapter returned its output (which may set nothing).
        case generated
        /// No cluster state was given: nothing can be said to be set.
        case noClusterState
        /// The release has no kubernetesenv adapter modelled here (0.8, 1.8+).
        case notModelled
        /// The adapter panicked; Mixer recovered and generated nothing.
        case adapterPanicked(String)
        /// The adapter recursed without end; Mixer itself would stop.
        case mixerCrashed(String)
    }

    /// One side's pod lookup (`findPod`).
    public struct Lookup: Sendable, Equatable {
        public enum By: String, Sendable { case uid, ip }
        public var by: By
        /// The UID, or the IP as Go's `IP.String` writes it.
        public var query: String
        /// `keyFromUID(query)`: what the cache was asked for.
        public var key: String
        public var pod: ClusterState.Pod?
        /// All pods with this `status.podIP` when there are several (then
        /// Mixer's choice depends on the release; see `notes`).
        public var sharingIP: [ClusterState.Pod]
    }

    public var outcome: Outcome
    /// Exactly the output fields the adapter set (`Output.WasSet`).
    public var outputs: [String: ExpressionValue]
    public var source: Lookup?
    public var destination: Lookup?
    public var notes: [String]
}

/// Istio Mixer's `kubernetesenv` attribute generator
/// (`1.1.6:mixer/adapter/kubernetesenv/kubernetesenv.go`,
/// `GenerateKubernetesAttributes`), run on a captured `ClusterState`.
public enum KubernetesEnvAdapter {
    /// The output fields the adapter sets, named as in the template's
    /// `OutputTemplate` (the same 23 fields in 1.0, 1.1 and 1.7). Nothing
    /// without cluster state or outside 1.0–1.7. Without `patch`, the last
    /// patch of the minor release is modelled (see `resolve` for the notes).
    /// `*_pod_ip`/`*_host_ip` are Go's `net.ParseIP` bytes: 16 for IPv4 too.
    public static func generate(
        _ input: KubernetesEnvInput, cluster: ClusterState?, release: (major: Int, minor: Int), patch: Int? = nil
    ) -> [String: ExpressionValue] {
        resolve(input, cluster: cluster, release: release, patch: patch).outputs
    }

    /// `generate`, with the lookups behind it and notes on what is uncertain:
    /// pods sharing an IP, and patches of the minor release that differ.
    public static func resolve(
        _ input: KubernetesEnvInput, cluster: ClusterState?, release: (major: Int, minor: Int), patch: Int? = nil
    ) -> KubernetesEnvResolution {
        guard let behaviour = KubernetesEnvBehaviour(major: release.major, minor: release.minor, patch: patch ?? Int.max) else {
            return KubernetesEnvResolution(
                outcome: .notModelled, outputs: [:], source: nil, destination: nil,
                notes: ["Istio \(release.major).\(release.minor) is outside 1.0–1.7: 0.8's adapter had other fields, 1.8 has no Mixer"])
        }
        guard let cluster else {
            return KubernetesEnvResolution(outcome: .noClusterState, outputs: [:], source: nil, destination: nil, notes: [])
        }
        var result = run(input, cache: KubernetesEnvCache(cluster: cluster, behaviour: behaviour))
        if patch == nil, let first = KubernetesEnvBehaviour.firstLatePatch(minor: release.minor),
           let early = KubernetesEnvBehaviour(major: release.major, minor: release.minor, patch: 0) {
            let other = run(input, cache: KubernetesEnvCache(cluster: cluster, behaviour: early))
            if other.outputs != result.outputs || other.outcome != result.outcome {
                let fields = Set(other.outputs.keys).union(result.outputs.keys).filter { other.outputs[$0] != result.outputs[$0] }.sorted()
                let v = "\(release.major).\(release.minor)"
                result.notes.append(
                    "modelled as \(v).\(first) and later; \(v).0–\(v).\(first - 1) give other outputs"
                        + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))") + ": pass the patch release to choose")
            }
        }
        return result
    }

    /// `GenerateKubernetesAttributes`: the destination, then the source;
    /// each by UID when one is given (no IP fallback when it finds nothing),
    /// else by IP when that is set and specified.
    static func run(_ input: KubernetesEnvInput, cache: KubernetesEnvCache) -> KubernetesEnvResolution {
        var result = KubernetesEnvResolution(outcome: .generated, outputs: [:], source: nil, destination: nil, notes: [])
        result.destination = lookup(uid: input.destinationUID, ip: input.destinationIP, cache: cache)
        result.source = lookup(uid: input.sourceUID, ip: input.sourceIP, cache: cache)
        do throws(KubernetesEnvFailure) {
            if let pod = result.destination?.pod {
                try fill("destination", pod: pod, port: input.destinationPort, cache: cache, into: &result.outputs)
            }
            if let pod = result.source?.pod {
                try fill("source", pod: pod, port: nil, cache: cache, into: &result.outputs)
            }
        } catch {
            result.outputs = [:]
            switch error {
            case .panic(let why): result.outcome = .adapterPanicked(why)
            case .crash(let why): result.outcome = .mixerCrashed(why)
            }
        }
        for (side, lookup) in [("destination", result.destination), ("source", result.source)] {
            if let lookup, let pod = lookup.pod, lookup.sharingIP.count > 1 {
                result.notes.append(sharedIPNote(side: side, lookup: lookup, chosen: pod, cache: cache))
            }
        }
        return result
    }

    private static func lookup(uid: String, ip: [UInt8], cache: KubernetesEnvCache) -> KubernetesEnvResolution.Lookup? {
        let by: KubernetesEnvResolution.Lookup.By
        let query: String
        if !uid.isEmpty {
            (by, query) = (.uid, uid)
        } else if !ip.isEmpty, !GoNetIP.isUnspecified(ip) {
            (by, query) = (.ip, GoNetIP.string(ip))
        } else {
            return nil
        }
        let match = cache.findPod(query)
        return KubernetesEnvResolution.Lookup(by: by, query: query, key: match.key, pod: match.pod, sharingIP: match.sharingIP)
    }

    private static func sharedIPNote(side: String, lookup: KubernetesEnvResolution.Lookup, chosen: ClusterState.Pod, cache: KubernetesEnvCache) -> String {
        let names = lookup.sharingIP.map(\.key).joined(separator: ", ")
        let head = "\(side): \(lookup.sharingIP.count) pods have IP \(lookup.key) (\(names))"
        guard cache.behaviour.picksNewestPodOfIP else {
            return head + "; this release takes whichever client-go's index yields first, which varies: \(chosen.key) is shown"
        }
        let newest = KubernetesEnvCache.created(chosen)
        let tied = lookup.sharingIP.filter { KubernetesEnvCache.created($0) == newest }
        return head + (tied.count > 1
            ? "; \(tied.count) are equally new, and which of those Mixer takes varies: \(chosen.key) is shown"
            : "; Mixer takes the newest, \(chosen.key)")
    }

    /// `fillDestinationAttrs`/`fillSourceAttrs`: each pod field when it is
    /// not empty; the workload's uid, name and namespace always; the owner
    /// when there is one; the container (destination only) when one has
    /// the port. Pod IPs go through `net.ParseIP`: 16 bytes, or none (an
    /// empty IP) when the text is not an address.
    private static func fill(
        _ side: String, pod: ClusterState.Pod, port: Int64?, cache: KubernetesEnvCache, into out: inout [String: ExpressionValue]
    ) throws(KubernetesEnvFailure) {
        if !pod.labels.isEmpty { out[side + "_labels"] = .stringMap(pod.labels) }
        if !pod.name.isEmpty { out[side + "_pod_name"] = .string(pod.name) }
        if !pod.namespace.isEmpty { out[side + "_namespace"] = .string(pod.namespace) }
        if !pod.name.isEmpty, !pod.namespace.isEmpty { out[side + "_pod_uid"] = .string(pod.istioUID) }
        if !pod.serviceAccountName.isEmpty { out[side + "_service_account_name"] = .string(pod.serviceAccountName) }
        if !pod.podIP.isEmpty { out[side + "_pod_ip"] = .ipAddress(GoNetIP.parse(pod.podIP) ?? []) }
        if !pod.hostIP.isEmpty { out[side + "_host_ip"] = .ipAddress(GoNetIP.parse(pod.hostIP) ?? []) }
        let workload = try cache.workload(of: pod)
        out[side + "_workload_uid"] = .string(workload.uid)
        out[side + "_workload_name"] = .string(workload.name)
        out[side + "_workload_namespace"] = .string(workload.namespace)
        if !workload.selfLinkURL.isEmpty { out[side + "_owner"] = .string(workload.selfLinkURL) }
        if let port {
            let container = KubernetesEnvCache.container(of: pod, port: port)
            if !container.isEmpty { out["destination_container_name"] = .string(container) }
        }
    }

    /// The namespace and pod a UID names, parsed as `keyFromUID` does,
    /// when every release 1.0–1.7 agrees (exactly one dot): for showing an
    /// inference without cluster state. Nil for IPs and other forms.
    public static func inferredFromUID(_ uid: String) -> (namespace: String, pod: String)? {
        guard let early = inferredFromUID(uid, release: (1, 0)), let late = inferredFromUID(uid, release: (1, 7)),
              early == late else { return nil }
        return early
    }

    /// The namespace and pod a UID names under one release's `keyFromUID`
    /// (latest patch): 1.5+ splits at the last dot, so `a.b.ns` is pod
    /// `a.b` in `ns`; before, only `pod.ns` parses. Nil when the UID is an
    /// IP, has no usable dot, or either part is empty.
    public static func inferredFromUID(_ uid: String, release: (major: Int, minor: Int), patch: Int? = nil) -> (namespace: String, pod: String)? {
        guard let behaviour = KubernetesEnvBehaviour(major: release.major, minor: release.minor, patch: patch ?? Int.max),
              GoNetIP.parse(uid) == nil else { return nil }
        let key = KubernetesEnvCache.keyFromUID(uid, splitsAtLastDot: behaviour.splitsUIDAtLastDot)
        guard let slash = key.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let namespace = String(key[..<slash])
        let pod = String(key[key.utf8.index(after: slash)...])
        // A name with a slash cannot match a stored pod ("bar/default/foo").
        guard !namespace.isEmpty, !pod.isEmpty, !pod.utf8.contains(UInt8(ascii: "/")) else { return nil }
        return (namespace, pod)
    }
}
