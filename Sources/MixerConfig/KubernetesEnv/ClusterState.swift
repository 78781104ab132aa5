import MixerDecode

/// The cluster as Mixer's kubernetesenv adapter caches it: the pods, the
/// ReplicaSets and the ReplicationControllers its three informers list
/// (`1.1.6:mixer/adapter/kubernetesenv/cache.go`, `newCacheController`),
/// with only the fields the adapter reads. Users capture it with
/// `kubectl get pods,replicasets,replicationcontrollers -A -o yaml`
/// (see `ClusterState.load(yaml:file:)`).
///
/// Like an informer's store, objects are keyed by `namespace/name`
/// (client-go `MetaNamespaceKeyFunc`: just `name` when there is no
/// namespace); a later object with the same key replaces the earlier one.
///
/// Capture what Mixer's informers saw: all namespaces by default; from 1.7
/// Mixer can be limited to some (`mixs server --namespaces`, istio/istio#23961,
/// `1.7.0:mixer/pkg/runtime/handler/env.go`, `NewInformer`). Multi-cluster
/// Mixer (1.1+) asks each cluster's cache in map order (`kubernetesenv.go`,
/// `findPod`); merged states act as one cache instead.
public struct ClusterState: Sendable, Equatable {
    /// An `ownerReferences` entry. `controller` is nil when the field is
    /// absent: Mixer dereferences it (`*ref.Controller` in `rootController`),
    /// so such a reference makes the adapter panic.
    public struct OwnerReference: Sendable, Equatable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var controller: Bool?

        public init(apiVersion: String, kind: String, name: String, controller: Bool?) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
            self.controller = controller
        }
    }

    /// A container of `spec.containers` (not init containers: `findContainer`
    /// reads `p.Spec.Containers`) and its `ports[].containerPort`, in order.
    public struct Container: Sendable, Equatable {
        public var name: String
        public var ports: [Int32]

        public init(name: String, ports: [Int32]) {
            self.name = name
            self.ports = ports
        }
    }

    /// A pod, with the fields `fillSourceAttrs`/`fillDestinationAttrs` and
    /// `Workload` read, plus where it came from.
    public struct Pod: Sendable, Equatable {
        public var name: String
        public var namespace: String
        /// `metadata.uid` (the Kubernetes object UID; Mixer does not use it).
        public var uid: String
        /// `metadata.selfLink`: Mixer's owner for a pod with no controller
        /// (API servers before Kubernetes 1.20 set it; later ones do not).
        public var selfLink: String
        /// `metadata.creationTimestamp` as written (RFC 3339).
        public var creationTimestamp: String
        public var labels: [String: String]
        /// `status.podIP`: the only address Mixer's `ip` index holds.
        public var podIP: String
        /// `status.podIPs[].ip`, for display: Mixer never indexes them.
        public var podIPs: [String]
        public var hostIP: String
        public var serviceAccountName: String
        public var ownerReferences: [OwnerReference]
        public var containers: [Container]
        /// Where the pod was read (nil when built in code).
        public var file: String?
        public var line: Int?

        public init(
            name: String, namespace: String, uid: String = "", selfLink: String = "", creationTimestamp: String = "",
            labels: [String: String] = [:], podIP: String = "", podIPs: [String] = [], hostIP: String = "",
            serviceAccountName: String = "", ownerReferences: [OwnerReference] = [], containers: [Container] = []
        ) {
            self.name = name
            self.namespace = namespace
            self.uid = uid
            self.selfLink = selfLink
            self.creationTimestamp = creationTimestamp
            self.labels = labels
            self.podIP = podIP
            self.podIPs = podIPs
            self.hostIP = hostIP
            self.serviceAccountName = serviceAccountName
            self.ownerReferences = ownerReferences
            self.containers = containers
        }

        /// The informer store's key for the pod.
        public var key: String { ClusterState.storeKey(namespace: namespace, name: name) }

        /// The UID the adapter outputs for the pod (`kubernetes://name.namespace`).
        public var istioUID: String { "kubernetes://" + name + "." + namespace }
    }

    /// A ReplicaSet or ReplicationController: only its owners matter
    /// (`rootController` recurses into them).
    public struct Controller: Sendable, Equatable {
        public var name: String
        public var namespace: String
        public var ownerReferences: [OwnerReference]

        public init(name: String, namespace: String, ownerReferences: [OwnerReference] = []) {
            self.name = name
            self.namespace = namespace
            self.ownerReferences = ownerReferences
        }

        public var key: String { ClusterState.storeKey(namespace: namespace, name: name) }
    }

    /// Pods in the order they were first added.
    public private(set) var pods: [Pod] = []
    public private(set) var replicaSets: [Controller] = []
    public private(set) var replicationControllers: [Controller] = []

    private var podIndex: [String: Int] = [:]
    private var replicaSetIndex: [String: Int] = [:]
    private var replicationControllerIndex: [String: Int] = [:]
    /// `status.podIP` to the positions of the pods that have it (the
    /// adapter's `ip` indexer, `cache.go` `podIP`), in order of addition.
    private var podsByIP: [String: [Int]] = [:]

    public init() {}

    public init(pods: [Pod], replicaSets: [Controller] = [], replicationControllers: [Controller] = []) {
        pods.forEach { add($0) }
        replicaSets.forEach { add(replicaSet: $0) }
        replicationControllers.forEach { add(replicationController: $0) }
    }

    /// client-go's `MetaNamespaceKeyFunc`.
    static func storeKey(namespace: String, name: String) -> String {
        namespace.isEmpty ? name : namespace + "/" + name
    }

    /// Adds a pod, replacing one with the same key (an informer update).
    public mutating func add(_ pod: Pod) {
        if let position = podIndex[pod.key] {
            let old = pods[position].podIP
            if !old.isEmpty { podsByIP[old]?.removeAll { $0 == position } }
            pods[position] = pod
            if !pod.podIP.isEmpty { podsByIP[pod.podIP, default: []].append(position) }
            return
        }
        podIndex[pod.key] = pods.count
        if !pod.podIP.isEmpty { podsByIP[pod.podIP, default: []].append(pods.count) }
        pods.append(pod)
    }

    public mutating func add(replicaSet: Controller) {
        Self.insert(replicaSet, into: &replicaSets, index: &replicaSetIndex)
    }

    public mutating func add(replicationController: Controller) {
        Self.insert(replicationController, into: &replicationControllers, index: &replicationControllerIndex)
    }

    private static func insert(_ controller: Controller, into list: inout [Controller], index: inout [String: Int]) {
        if let position = index[controller.key] {
            list[position] = controller
        } else {
            index[controller.key] = list.count
            list.append(controller)
        }
    }

    /// Adds every object of `other`, which wins over same-keyed ones here.
    public mutating func merge(_ other: ClusterState) {
        other.pods.forEach { add($0) }
        other.replicaSets.forEach { add(replicaSet: $0) }
        other.replicationControllers.forEach { add(replicationController: $0) }
    }

    /// The states of several files as one cache (later files win).
    public static func merge(_ states: [ClusterState]) -> ClusterState {
        var merged = ClusterState()
        states.forEach { merged.merge($0) }
        return merged
    }

    public static func == (lhs: ClusterState, rhs: ClusterState) -> Bool {
        lhs.pods == rhs.pods && lhs.replicaSets == rhs.replicaSets && lhs.replicationControllers == rhs.replicationControllers
    }

    // MARK: The informer lookups the adapter makes

    /// `indexer.ByIndex("ip", key)`: the pods whose `status.podIP` is `key`.
    /// Client-go returns them in map order; here they come in load order.
    func pods(withIP key: String) -> [Pod] {
        (podsByIP[key] ?? []).map { pods[$0] }
    }

    /// `indexer.GetByKey(key)` on the pod store.
    func pod(key: String) -> Pod? {
        podIndex[key].map { pods[$0] }
    }

    func replicaSet(key: String) -> Controller? {
        replicaSetIndex[key].map { replicaSets[$0] }
    }

    func replicationController(key: String) -> Controller? {
        replicationControllerIndex[key].map { replicationControllers[$0] }
    }
}
