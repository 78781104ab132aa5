import MixerDecode

/// What changed in the adapter's lookup between Istio releases. Each flag
/// names the commit that changed it and the first tag of each branch that
/// has it (checked on every 1.x.y tag of istio/istio).
struct KubernetesEnvBehaviour: Equatable {
    /// `rootController` recurses through a ReplicationController to its own
    /// controller (an OpenShift DeploymentConfig): from 1.0.3 (1.0.0–1.0.2
    /// keep the RC as the workload; `1.0.0:mixer/adapter/kubernetesenv/cache.go`).
    var followsReplicationControllers: Bool
    /// `keyFromUID` splits at the last dot, so dotted pod names resolve
    /// (istio/istio#20026, `strings.LastIndex`): from 1.4.4 and 1.5.0.
    /// Before, it needs exactly two dot-separated parts.
    var splitsUIDAtLastDot: Bool
    /// `Pod` picks the newest (`CreationTimestamp`) of the pods sharing an
    /// IP (istio/istio#24728, `latestPod`): from 1.5.8, 1.6.5 and 1.7.0.
    /// Before, it takes `objs[0]`, whichever client-go's index map yields.
    var picksNewestPodOfIP: Bool

    /// Nil outside 1.0–1.7: 0.8's adapter had other inputs and outputs
    /// (`origin_*`, `*_service`) and 1.8 removed Mixer.
    init?(major: Int, minor: Int, patch: Int) {
        guard major == 1, (0...7).contains(minor) else { return nil }
        followsReplicationControllers = minor > 0 || patch >= 3
        splitsUIDAtLastDot = minor > 4 || (minor == 4 && patch >= 4)
        picksNewestPodOfIP = minor >= 7 || (minor == 6 && patch >= 5) || (minor == 5 && patch >= 8)
    }

    /// The first patch of `minor` that behaves as its last one, when earlier
    /// patches of it behave otherwise.
    static func firstLatePatch(minor: Int) -> Int? {
        [0: 3, 4: 4, 5: 8, 6: 5][minor]
    }
}

/// Why the adapter gave Mixer no output at all.
enum KubernetesEnvFailure: Error, Equatable {
    /// A Go panic, which Mixer's dispatcher recovers (`1.1.6:mixer/pkg/
    /// runtime/dispatcher/dispatchstate.go`, `invokeHandler`): the APA call
    /// fails and none of its outputs reach the bag.
    case panic(String)
    /// Endless recursion: Go's stack overflow is fatal, Mixer exits.
    case crash(String)
}

/// The adapter's workload (`cache.go`, `workload`).
struct KubernetesEnvWorkload: Equatable {
    var uid: String
    var name: String
    var namespace: String
    var selfLinkURL: String
}

/// The pod found for one lookup, with the pods that shared its IP.
struct KubernetesEnvPodMatch {
    var key: String
    var pod: ClusterState.Pod?
    var sharingIP: [ClusterState.Pod]
}

/// The adapter's cache side (`1.1.6:mixer/adapter/kubernetesenv/cache.go`)
/// and `keyFromUID` (`kubernetesenv.go`), over a `ClusterState`.
struct KubernetesEnvCache {
    var cluster: ClusterState
    var behaviour: KubernetesEnvBehaviour

    /// `keyFromUID` (`kubernetesenv.go`). Byte-wise, as Go's strings are.
    static func keyFromUID(_ uid: String, splitsAtLastDot: Bool) -> String {
        if GoNetIP.parse(uid) != nil { return uid }
        var full = Array(uid.utf8)
        let prefix = Array("kubernetes://".utf8)
        if full.starts(with: prefix) { full.removeFirst(prefix.count) }
        let dot = UInt8(ascii: ".")
        let text = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
        if splitsAtLastDot {
            // 1.4.4+: `strings.LastIndex(fullname, ".")`.
            if let last = full.lastIndex(of: dot) {
                return text(full[(last + 1)...]) + "/" + text(full[..<last])
            }
        } else if full.contains(dot) {
            // 1.0–1.4.3: `strings.Split(fullname, ".")` into exactly 2 parts.
            let parts = full.split(separator: dot, omittingEmptySubsequences: false)
            if parts.count == 2 { return text(parts[1]) + "/" + text(parts[0]) }
        }
        return text(full[...])
    }

    /// `handler.findPod` then `controllerImpl.Pod`: the `ip` index first,
    /// then the store key.
    func findPod(_ uid: String) -> KubernetesEnvPodMatch {
        let key = Self.keyFromUID(uid, splitsAtLastDot: behaviour.splitsUIDAtLastDot)
        let byIP = cluster.pods(withIP: key)
        guard var chosen = byIP.first else {
            return KubernetesEnvPodMatch(key: key, pod: cluster.pod(key: key), sharingIP: [])
        }
        if behaviour.picksNewestPodOfIP {
            // 1.7.0 `Pod`: `latestPod.CreationTimestamp.Before(&pod.CreationTimestamp)`,
            // strictly before, so the first of equally new pods stays.
            for pod in byIP.dropFirst() where Self.created(chosen) < Self.created(pod) { chosen = pod }
        }
        return KubernetesEnvPodMatch(key: key, pod: chosen, sharingIP: byIP.count > 1 ? byIP : [])
    }

    /// A pod's `CreationTimestamp`; Go's zero time when absent.
    static func created(_ pod: ClusterState.Pod) -> Instant {
        guard let time = ValueParser.timestamp(pod.creationTimestamp) else { return Instant(seconds: -62_135_596_800, nanos: 0) }
        return Instant(seconds: time.seconds, nanos: time.nanos)
    }

    struct Instant: Comparable {
        var seconds: Int64
        var nanos: Int32
        static func < (lhs: Instant, rhs: Instant) -> Bool {
            (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
        }
    }

    /// `controllerImpl.Workload`: the pod itself, unless a controller owns
    /// it; then the root controller, with an owner URL built from it.
    func workload(of pod: ClusterState.Pod) throws(KubernetesEnvFailure) -> KubernetesEnvWorkload {
        var workload = KubernetesEnvWorkload(uid: "", name: pod.name, namespace: pod.namespace, selfLinkURL: pod.selfLink)
        var visited = Set<String>()
        if let owner = try rootController(namespace: pod.namespace, owners: pod.ownerReferences, visited: &visited) {
            workload.name = owner.name
            // Go's `strings.ToLower(owner.Kind)` + "s": "replicationcontrollers", "deploymentconfigs".
            workload.selfLinkURL = "kubernetes://apis/\(owner.apiVersion)/namespaces/\(pod.namespace)/\(owner.kind.lowercased())s/\(owner.name)"
        }
        workload.uid = "istio://" + workload.namespace + "/workloads/" + workload.name
        return workload
    }

    /// `controllerImpl.rootController`: the first owner with `controller:
    /// true`; through a ReplicaSet (or, 1.0.3+, a ReplicationController)
    /// found in the cache, that object's own root controller if it has one.
    /// An RS or RC missing from the cache is itself the answer. 1.0 picks
    /// one of three RS informers by `ref.APIVersion` (extensions/v1beta1,
    /// apps/v1beta2, else apps/v1; `1.0.0:.../cache.go`, `rootController`);
    /// the API server lists the same ReplicaSets in each, so one store models them.
    private func rootController(
        namespace: String, owners: [ClusterState.OwnerReference], visited: inout Set<String>
    ) throws(KubernetesEnvFailure) -> ClusterState.OwnerReference? {
        for owner in owners {
            guard let isController = owner.controller else {
                throw .panic("ownerReference \(owner.kind) \(owner.name) in namespace \(namespace) has no 'controller' field: Mixer dereferences it (*ref.Controller) and panics")
            }
            guard isController else { continue }
            // `key(obj.Namespace, ref.Name)`: always "namespace/name".
            let key = namespace + "/" + owner.name
            let next: ClusterState.Controller?
            switch owner.kind {
            case "ReplicaSet": next = cluster.replicaSet(key: key)
            case "ReplicationController" where behaviour.followsReplicationControllers: next = cluster.replicationController(key: key)
            default: next = nil
            }
            if let next {
                guard visited.insert(owner.kind + " " + key).inserted else {
                    throw .crash("\(owner.kind) \(key) is its own controller's owner: Mixer's rootController recurses without end and the Go runtime stops Mixer (stack overflow)")
                }
                if let root = try rootController(namespace: next.namespace, owners: next.ownerReferences, visited: &visited) {
                    return root
                }
            }
            return owner
        }
        return nil
    }

    /// `findContainer`: the first container with a `containerPort` equal
    /// to the port; none for ports not above zero.
    static func container(of pod: ClusterState.Pod, port: Int64) -> String {
        guard port > 0 else { return "" }
        return pod.containers.first { $0.ports.contains { Int64($0) == port } }?.name ?? ""
    }
}
