import Testing
@testable import MixerConfig
@testable import MixerDecode

/// The kubernetesenv adapter model, with expectations taken from Istio's own
/// tests: `1.1.6:mixer/adapter/kubernetesenv/kubernetesenv_test.go`
/// (`TestKubegen_Generate`, objects `k8sobjs`), `cache_test.go`, and their
/// 1.7.0 additions (dotted pod names, several pods on one IP).
struct KubernetesEnvTests {
    /// `k8sobjs` of the 1.1.6 Go test, as a `kubectl ... -o yaml` List.
    static let goObjects = """
        apiVersion: v1
        kind: List
        items:
        - {kind: ReplicaSet, metadata: {name: test-replicaset-with-deployment, namespace: testns, ownerReferences: [{apiVersion: extensions/v1beta1, controller: true, kind: Deployment, name: test-deployment}, {apiVersion: extensions/v1beta1, controller: false, kind: Deployment, name: not-exist-deployment}]}}
        - {kind: ReplicaSet, metadata: {name: test-replicaset-without-deployment, namespace: testns}}
        - {kind: ReplicaSet, metadata: {name: test-appsv1beta2-replicaset-with-deployment, namespace: testns, ownerReferences: [{apiVersion: apps/v1beta2, controller: true, kind: Deployment, name: test-deployment}]}}
        - {kind: ReplicaSet, metadata: {name: test-appsv1-replicaset-with-deployment, namespace: testns, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: Deployment, name: test-deployment}]}}
        - {kind: ReplicaSet, metadata: {name: test-container-name, namespace: testns, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: Deployment, name: test-container-deployment}]}}
        - {kind: ReplicationController, metadata: {name: test-replicationcontroller-with-deploymentconfig, namespace: testns, ownerReferences: [{apiVersion: apps.openshift.io/v1, controller: true, kind: DeploymentConfig, name: test-deploymentconfig}]}}
        - kind: Pod
          metadata: {name: test-pod, namespace: testns, labels: {app: test, something: ""}, ownerReferences: [{apiVersion: extensions/v1beta1, controller: true, kind: ReplicaSet, name: test-replicaset-with-deployment}]}
          status: {hostIP: 10.1.1.10, podIP: 10.1.10.1}
          spec: {serviceAccountName: test}
        - {kind: Pod, metadata: {name: alt-test-pod, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: ReplicaSet, name: test-appsv1-replicaset-with-deployment}]}}
        - {kind: Pod, metadata: {name: alt-test-pod-2, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: apps/v1beta2, controller: true, kind: ReplicaSet, name: test-appsv1beta2-replicaset-with-deployment}]}}
        - {kind: Pod, metadata: {name: extv1beta1-replicaset-with-no-deployment-pod, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: extensions/v1beta1, controller: true, kind: ReplicaSet, name: test-replicaset-without-deployment}]}}
        - {kind: Pod, metadata: {name: appsv1beta2-replicaset-with-no-deployment-pod, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: apps/v1beta2, controller: true, kind: ReplicaSet, name: not-found-replicaset}]}}
        - {kind: Pod, metadata: {name: replicaset-with-no-deployment-pod, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: ReplicaSet, name: not-found-replicaset}]}}
        - {kind: Pod, metadata: {name: no-controller-pod, namespace: testns, labels: {app: some-app}}}
        - {kind: Pod, metadata: {name: pod-daemonset, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: DaemonSet, name: test-daemonset}]}}
        - {kind: Pod, metadata: {name: pod-replicationcontroller, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: core/v1, controller: true, kind: ReplicationController, name: test-replicationcontroller}]}}
        - {kind: Pod, metadata: {name: pod-job, namespace: testns, ownerReferences: [{apiVersion: batch/v1, controller: true, kind: Job, name: test-job}]}}
        - {kind: Pod, metadata: {name: ip-svc-pod, namespace: testns, labels: {app: ipAddr}, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: ReplicaSet, name: test-appsv1-replicaset-with-deployment}]}, status: {podIP: 192.168.234.3}}
        - kind: Pod
          metadata: {name: pod-with-container, namespace: testns, labels: {app: container}, ownerReferences: [{apiVersion: apps/v1, controller: true, kind: ReplicaSet, name: test-container-name}]}
          spec: {containers: [{name: container1, ports: [{containerPort: 123}, {containerPort: 234}]}, {name: container2, ports: [{containerPort: 80}]}]}
        - {kind: Pod, metadata: {name: pod-deploymentconfig, namespace: testns, labels: {app: some-app}, ownerReferences: [{apiVersion: core/v1, controller: true, kind: ReplicationController, name: test-replicationcontroller-with-deploymentconfig}]}}
        - {kind: Pod, metadata: {name: pod-with-dot.in-name, namespace: testns, labels: {app: some-app}}}
        - {kind: Pod, metadata: {name: alt-pod-with-dot.in-name, namespace: testns, labels: {app: some-app}}}
        """

    static let cluster: ClusterState = {
        let (state, problems) = ClusterState.load(yaml: goObjects, file: "k8sobjs.yaml")
        precondition(problems.isEmpty, "\(problems)")
        return state
    }()

    /// Go's `net.ParseIP` of an IPv4 address: 16 bytes, mapped.
    static func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> [UInt8] {
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, a, b, c, d]
    }

    /// The outputs one side sets for a pod in `testns`, as the Go test's
    /// `Set*` calls list them.
    static func side(
        _ side: String, _ pod: String, workload: String, owner: String? = nil, labels: [String: String]? = ["app": "some-app"],
        podIP: [UInt8]? = nil, hostIP: [UInt8]? = nil, serviceAccount: String? = nil
    ) -> [String: ExpressionValue] {
        var out: [String: ExpressionValue] = [
            side + "_pod_name": .string(pod), side + "_namespace": .string("testns"),
            side + "_pod_uid": .string("kubernetes://\(pod).testns"), side + "_workload_name": .string(workload),
            side + "_workload_namespace": .string("testns"), side + "_workload_uid": .string("istio://testns/workloads/\(workload)"),
        ]
        out[side + "_owner"] = owner.map(ExpressionValue.string)
        out[side + "_labels"] = labels.map(ExpressionValue.stringMap)
        out[side + "_pod_ip"] = podIP.map(ExpressionValue.ipAddress)
        out[side + "_host_ip"] = hostIP.map(ExpressionValue.ipAddress)
        out[side + "_service_account_name"] = serviceAccount.map(ExpressionValue.string)
        return out
    }

    static let deployments = "kubernetes://apis/apps/v1/namespaces/testns/deployments/test-deployment"
    static let testPodAsSource = side(
        "source", "test-pod", workload: "test-deployment", owner: "kubernetes://apis/extensions/v1beta1/namespaces/testns/deployments/test-deployment",
        labels: ["app": "test", "something": ""], podIP: v4(10, 1, 10, 1), hostIP: v4(10, 1, 1, 10), serviceAccount: "test")
    static let ipSvcPod = side("source", "ip-svc-pod", workload: "test-deployment", owner: deployments, labels: ["app": "ipAddr"], podIP: v4(192, 168, 234, 3))

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: KubernetesEnvInput
        var want: [String: ExpressionValue]
        var testDescription: String { name }
    }

    /// `TestKubegen_Generate`'s table (1.1.6), case by case.
    static let goCases: [Case] = [
        Case(name: "test-pod to no-controller-pod",
             input: KubernetesEnvInput(sourceUID: "kubernetes://test-pod.testns", destinationUID: "kubernetes://no-controller-pod.testns"),
             want: testPodAsSource.merging(side("destination", "no-controller-pod", workload: "no-controller-pod")) { $1 }),
        Case(name: "alt-test-pod to alt-test-pod-2",
             input: KubernetesEnvInput(sourceUID: "kubernetes://alt-test-pod.testns", destinationUID: "kubernetes://alt-test-pod-2.testns"),
             want: side("source", "alt-test-pod", workload: "test-deployment", owner: deployments).merging(side(
                 "destination", "alt-test-pod-2", workload: "test-deployment",
                 owner: "kubernetes://apis/apps/v1beta2/namespaces/testns/deployments/test-deployment")) { $1 }),
        Case(name: "pod-daemonset to pod-replicacontroller",
             input: KubernetesEnvInput(sourceUID: "kubernetes://pod-daemonset.testns", destinationUID: "kubernetes://pod-replicationcontroller.testns"),
             want: side("source", "pod-daemonset", workload: "test-daemonset", owner: "kubernetes://apis/apps/v1/namespaces/testns/daemonsets/test-daemonset")
                 .merging(side("destination", "pod-replicationcontroller", workload: "test-replicationcontroller",
                               owner: "kubernetes://apis/core/v1/namespaces/testns/replicationcontrollers/test-replicationcontroller")) { $1 }),
        Case(name: "not-found-pod to test-pod",
             input: KubernetesEnvInput(sourceUID: "kubernetes://not-found-pod.testns", destinationUID: "kubernetes://test-pod.testns"),
             want: Dictionary(uniqueKeysWithValues: testPodAsSource.map { ("destination" + $0.key.dropFirst(6), $0.value) })),
        Case(name: "pod-job to ip-svc-pod",
             input: KubernetesEnvInput(sourceUID: "kubernetes://pod-job.testns", destinationIP: v4(192, 168, 234, 3)),
             want: side("source", "pod-job", workload: "test-job", owner: "kubernetes://apis/batch/v1/namespaces/testns/jobs/test-job", labels: nil)
                 .merging(side("destination", "ip-svc-pod", workload: "test-deployment", owner: deployments, labels: ["app": "ipAddr"], podIP: v4(192, 168, 234, 3))) { $1 }),
        Case(name: "ip-svc-pod to replicaset",
             input: KubernetesEnvInput(sourceIP: v4(192, 168, 234, 3), destinationUID: "kubernetes://replicaset-with-no-deployment-pod.testns"),
             want: ipSvcPod.merging(side("destination", "replicaset-with-no-deployment-pod", workload: "not-found-replicaset",
                                         owner: "kubernetes://apis/apps/v1/namespaces/testns/replicasets/not-found-replicaset")) { $1 }),
        Case(name: "replicasets with no deployments",
             input: KubernetesEnvInput(sourceUID: "kubernetes://appsv1beta2-replicaset-with-no-deployment-pod.testns",
                                       destinationUID: "kubernetes://extv1beta1-replicaset-with-no-deployment-pod.testns"),
             want: side("source", "appsv1beta2-replicaset-with-no-deployment-pod", workload: "not-found-replicaset",
                        owner: "kubernetes://apis/apps/v1beta2/namespaces/testns/replicasets/not-found-replicaset")
                 .merging(side("destination", "extv1beta1-replicaset-with-no-deployment-pod", workload: "test-replicaset-without-deployment",
                               owner: "kubernetes://apis/extensions/v1beta1/namespaces/testns/replicasets/test-replicaset-without-deployment")) { $1 }),
        Case(name: "not-k8s", input: KubernetesEnvInput(sourceUID: "something-else://other-scheme"), want: [:]),
        Case(name: "ip-svc-pod to pod-with-container",
             input: KubernetesEnvInput(sourceIP: v4(192, 168, 234, 3), destinationUID: "kubernetes://pod-with-container.testns", destinationPort: 234),
             want: ipSvcPod.merging(side("destination", "pod-with-container", workload: "test-container-deployment",
                                         owner: "kubernetes://apis/apps/v1/namespaces/testns/deployments/test-container-deployment", labels: ["app": "container"])) { $1 }
                 .merging(["destination_container_name": .string("container1")]) { $1 }),
        Case(name: "ip-svc-pod to deploymentconfig",
             input: KubernetesEnvInput(sourceIP: v4(192, 168, 234, 3), destinationUID: "kubernetes://pod-deploymentconfig.testns"),
             want: ipSvcPod.merging(side("destination", "pod-deploymentconfig", workload: "test-deploymentconfig",
                                         owner: "kubernetes://apis/apps.openshift.io/v1/namespaces/testns/deploymentconfigs/test-deploymentconfig")) { $1 }),
    ]

    @Test(arguments: goCases) func goGenerateTable(_ test: Case) {
        #expect(KubernetesEnvAdapter.generate(test.input, cluster: Self.cluster, release: (1, 1)) == test.want)
    }

    @Test func cacheLookupsByKeyAndIP() {
        // `TestClusterInfoCache_Pod`.
        let (state, _) = ClusterState.load(yaml: "{kind: Pod, metadata: {namespace: default, name: test}, status: {podIP: 10.1.10.1}}", file: "p.yaml")
        let cache = KubernetesEnvCache(cluster: state, behaviour: KubernetesEnvBehaviour(major: 1, minor: 1, patch: 6)!)
        #expect(cache.findPod("default/test").pod?.name == "test")
        #expect(cache.findPod("custom/missing").pod == nil)
        #expect(cache.findPod("10.1.10.1").pod?.name == "test")
        #expect(cache.findPod("10.1.10.2").pod == nil)
    }

    @Test func replicationControllerWorkloadByRelease() {
        // `TestClusterInfoCache_Workload_ReplicationController`; 1.0.0-1.0.2 had no RC informer.
        let input = KubernetesEnvInput(destinationUID: "kubernetes://pod-deploymentconfig.testns")
        let name = { (out: [String: ExpressionValue]) in out["destination_workload_name"] }
        #expect(name(KubernetesEnvAdapter.generate(input, cluster: Self.cluster, release: (1, 1))) == .string("test-deploymentconfig"))
        #expect(name(KubernetesEnvAdapter.generate(input, cluster: Self.cluster, release: (1, 0), patch: 2))
            == .string("test-replicationcontroller-with-deploymentconfig"))
        let notes = KubernetesEnvAdapter.resolve(input, cluster: Self.cluster, release: (1, 0)).notes
        #expect(notes == ["modelled as 1.0.3 and later; 1.0.0–1.0.2 give other outputs (destination_owner, destination_workload_name, destination_workload_uid): pass the patch release to choose"])
    }

    @Test func dottedPodNamesByRelease() {
        // 1.7.0's added Go case: no prefix, dots in the name.
        let input = KubernetesEnvInput(sourceUID: "pod-with-dot.in-name.testns", destinationUID: "kubernetes://alt-pod-with-dot.in-name.testns")
        let want = Self.side("source", "pod-with-dot.in-name", workload: "pod-with-dot.in-name")
            .merging(Self.side("destination", "alt-pod-with-dot.in-name", workload: "alt-pod-with-dot.in-name")) { $1 }
        #expect(KubernetesEnvAdapter.generate(input, cluster: Self.cluster, release: (1, 7)) == want)
        #expect(KubernetesEnvAdapter.generate(input, cluster: Self.cluster, release: (1, 1)) == [:])
        #expect(KubernetesEnvAdapter.generate(input, cluster: Self.cluster, release: (1, 4), patch: 3) == [:])
        #expect(KubernetesEnvAdapter.generate(input, cluster: Self.cluster, release: (1, 4), patch: 4) == want)
    }

    @Test func keyFromUID() {
        let old = { (uid: String) in KubernetesEnvCache.keyFromUID(uid, splitsAtLastDot: false) }
        let new = { (uid: String) in KubernetesEnvCache.keyFromUID(uid, splitsAtLastDot: true) }
        #expect(old("kubernetes://a.ns") == "ns/a" && new("kubernetes://a.ns") == "ns/a")
        #expect(old("kubernetes://a.b.ns") == "a.b.ns" && new("kubernetes://a.b.ns") == "ns/a.b")
        #expect(old("10.1.10.1") == "10.1.10.1" && new("010.1.10.1") == "010.1.10.1")  // Go < 1.17 took leading zeros
        // Not an IP with the prefix: 1.0-1.4.3 keep "10.1.10.1" (four parts), which the IP index finds.
        #expect(old("kubernetes://10.1.10.1") == "10.1.10.1" && new("kubernetes://10.1.10.1") == "1/10.1.10")
        #expect(old("kubernetes://kubernetes://a.ns") == "ns/kubernetes://a")  // `TrimPrefix` strips once
        #expect(old("kubernetes://a.") == "/a" && new("kubernetes://nodot") == "nodot")
        #expect(old("something-else://other-scheme") == "something-else://other-scheme")
        #expect(KubernetesEnvAdapter.inferredFromUID("kubernetes://details-v1-5c7f.default")! == ("default", "details-v1-5c7f"))
        #expect(KubernetesEnvAdapter.inferredFromUID("kubernetes://a.b.default") == nil)
        #expect(KubernetesEnvAdapter.inferredFromUID("kubernetes://a.b.default", release: (1, 7))! == ("default", "a.b"))
        #expect(KubernetesEnvAdapter.inferredFromUID("10.1.10.1") == nil)
    }

    @Test func aUIDThatFindsNothingHasNoIPFallback() {
        let input = KubernetesEnvInput(sourceUID: "kubernetes://gone-pod.testns", sourceIP: Self.v4(192, 168, 234, 3))
        let resolution = KubernetesEnvAdapter.resolve(input, cluster: Self.cluster, release: (1, 7))
        #expect(resolution.outputs == [:] && resolution.outcome == .generated)
        #expect(resolution.source?.by == .uid && resolution.source?.key == "testns/gone-pod" && resolution.source?.pod == nil)
    }

    @Test func anIPIsLookedUpOnlyWhenSpecified() {
        let byIP = { (ip: [UInt8]) in KubernetesEnvAdapter.resolve(KubernetesEnvInput(destinationIP: ip), cluster: Self.cluster, release: (1, 7)) }
        #expect(byIP([192, 168, 234, 3]).outputs["destination_pod_name"] == .string("ip-svc-pod"))  // 4 bytes print the same
        #expect(byIP([192, 168, 234, 3]).destination?.query == "192.168.234.3")
        for unspecified in [[0, 0, 0, 0], [UInt8](repeating: 0, count: 16), Self.v4(0, 0, 0, 0), []] as [[UInt8]] {
            #expect(byIP(unspecified).destination == nil)
        }
    }

    @Test func theContainerIsFoundByPort() {
        let container = { (port: Int64) in
            KubernetesEnvAdapter.generate(KubernetesEnvInput(destinationUID: "kubernetes://pod-with-container.testns", destinationPort: port),
                                          cluster: Self.cluster, release: (1, 1))["destination_container_name"]
        }
        #expect(container(80) == .string("container2") && container(123) == .string("container1"))
        #expect(container(0) == nil && container(-234) == nil && container(8080) == nil)
    }

    /// A kubectl dump as users capture it: a List, then a second document.
    static let kubectlDump = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            name: reviews-v1-5c7f-x2x2
            namespace: default
            selfLink: /api/v1/namespaces/default/pods/reviews-v1-5c7f-x2x2
            labels: {app: reviews, version: v1, pod-template-hash: 5c7f}
            ownerReferences:
            - {apiVersion: apps/v1, kind: ReplicaSet, name: reviews-v1-5c7f, controller: true, blockOwnerDeletion: true, uid: 1}
          spec:
            serviceAccountName: bookinfo-reviews
            containers: [{name: reviews, ports: [{containerPort: 9080, protocol: TCP}]}, {name: istio-proxy}]
          status: {hostIP: 10.0.0.5, podIP: 10.1.2.3, podIPs: [{ip: 10.1.2.3}]}
        - apiVersion: v1
          kind: Pod
          metadata:
            name: db-0
            namespace: data
            ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true}]
        - apiVersion: v1
          kind: Pod
          metadata: {name: lone, namespace: default, selfLink: /api/v1/namespaces/default/pods/lone}
        - apiVersion: v1
          kind: Service
          metadata: {name: reviews, namespace: default}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: reviews-v1-5c7f
          namespace: default
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: reviews-v1, controller: true}]
        """

    @Test func aKubectlDumpResolvesDeploymentsStatefulSetsAndSelfLinks() {
        let (state, problems) = ClusterState.load(yaml: Self.kubectlDump, file: "dump.yaml")
        #expect(problems.isEmpty && state.pods.count == 3 && state.replicaSets.count == 1)
        #expect(state.pods.first?.line == 4 && state.pods.first?.podIPs == ["10.1.2.3"])
        let out = KubernetesEnvAdapter.generate(
            KubernetesEnvInput(sourceUID: "kubernetes://db-0.data", destinationUID: "kubernetes://reviews-v1-5c7f-x2x2.default", destinationPort: 9080),
            cluster: state, release: (1, 1))
        #expect(out["destination_workload_name"] == .string("reviews-v1"))
        #expect(out["destination_owner"] == .string("kubernetes://apis/apps/v1/namespaces/default/deployments/reviews-v1"))
        #expect(out["destination_container_name"] == .string("reviews") && out["destination_host_ip"] == .ipAddress(Self.v4(10, 0, 0, 5)))
        #expect(out["destination_service_account_name"] == .string("bookinfo-reviews"))
        #expect(out["source_workload_uid"] == .string("istio://data/workloads/db"))
        #expect(out["source_owner"] == .string("kubernetes://apis/apps/v1/namespaces/data/statefulsets/db"))
        #expect(out["source_labels"] == nil && out["source_service_account_name"] == nil)
        let lone = KubernetesEnvAdapter.generate(KubernetesEnvInput(sourceUID: "kubernetes://lone.default"), cluster: state, release: (1, 7))
        #expect(lone["source_owner"] == .string("/api/v1/namespaces/default/pods/lone") && lone["source_workload_name"] == .string("lone"))
    }

    @Test func aBadEntryIsAProblemWithItsLineAndTheRestLoads() {
        let yaml = """
            kind: List
            items:
            - kind: Pod
              metadata: {name: good, namespace: ns}
            - kind: Pod
              metadata: {name: bad-port, namespace: ns}
              spec:
                containers:
                - name: c
                  ports: [{containerPort: http}]
            - kind: Pod
              metadata: {name: bad-owner, namespace: ns, ownerReferences: [{kind: ReplicaSet, name: r, controller: "yes"}]}
            - kind: ReplicaSet
              metadata: {namespace: ns}
            - 42
            """
        let (state, problems) = ClusterState.load(yaml: yaml, file: "c.yaml")
        #expect(state.pods.map(\.name) == ["good"] && state.replicaSets.isEmpty)
        #expect(problems.map(\.description) == [
            "c.yaml:10, Pod ns/bad-port, spec.containers[0].ports[0].containerPort: expected an integer, found 'http'",
            "c.yaml:12, Pod ns/bad-owner, metadata.ownerReferences[0].controller: expected true or false, found 'yes'",
            "c.yaml:14, ReplicaSet (no name), metadata.name: no name: an informer cannot store the object",
            "c.yaml:15, List, items[4]: expected a Kubernetes object, found '42'",
        ])
    }

    @Test func aYAMLErrorKeepsWhatCameBefore() {
        let yaml = "kind: Pod\nmetadata: {name: a, namespace: n}\n---\nkind: Pod\nmetadata: {name: [b\n"
        let (state, problems) = ClusterState.load(yaml: yaml, file: "e.yaml")
        #expect(state.pods.map(\.name) == ["a"])
        #expect(problems.count == 1 && problems.first?.line != nil && problems.first?.message.hasPrefix("not YAML") == true)
        let duplicate = ClusterState.load(yaml: "kind: Pod\nkind: Pod\n", file: "d.yaml").1
        #expect(duplicate.map(\.description) == ["d.yaml:1: not YAML: a mapping repeats the key 'kind'"])
    }

    @Test func oddYAMLNeverCrashes() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let quiet = ["", "~", "---\n---\n", "kind: Service\nspec: [1]"]
        for yaml in quiet + ["42", "[1, 2]", deep, "kind: List\nitems: 7", "kind: Pod\nmetadata: 3", "\u{0}\u{1}"] {
            let (state, problems) = ClusterState.load(yaml: yaml, file: "odd.yaml")
            #expect(state.pods.isEmpty && problems.count == (quiet.contains(yaml) ? 0 : 1), "\(problems)")
        }
        // API-server JSON: a PodList whose items leave out their kind; aliases reuse labels.
        let json = #"{"kind": "PodList", "items": [{"metadata": {"name": "j", "namespace": "n", "labels": {"app": "x"}}}]}"#
        #expect(ClusterState.load(yaml: json, file: "j.json").0.pods.map(\.labels) == [["app": "x"]])
        let aliased = "kind: List\nitems:\n- {kind: Pod, metadata: {name: a, labels: &l {app: x}}}\n- {kind: Pod, metadata: {name: b, labels: *l}}\n"
        #expect(ClusterState.load(yaml: aliased, file: "a.yaml").0.pods.map(\.labels) == [["app": "x"], ["app": "x"]])
    }

    @Test func anOwnerWithoutControllerMakesTheAdapterPanic() {
        let yaml = "{kind: Pod, metadata: {name: p, namespace: n, ownerReferences: [{apiVersion: v1, kind: Thing, name: t}]}}"
        var state = ClusterState.load(yaml: yaml, file: "o.yaml").0
        state.merge(Self.cluster)
        let input = KubernetesEnvInput(sourceUID: "kubernetes://test-pod.testns", destinationUID: "kubernetes://p.n")
        let resolution = KubernetesEnvAdapter.resolve(input, cluster: state, release: (1, 7))
        #expect(resolution.outputs == [:] && resolution.source?.pod?.name == "test-pod")
        guard case .adapterPanicked = resolution.outcome else { Issue.record("\(resolution.outcome)"); return }
    }

    @Test func aReplicaSetCycleWouldCrashMixer() {
        let yaml = """
            - {kind: ReplicaSet, metadata: {name: a, namespace: n, ownerReferences: [{kind: ReplicaSet, name: b, controller: true}]}}
            """
        let cycle = "kind: List\nitems:\n" + yaml + "\n- {kind: ReplicaSet, metadata: {name: b, namespace: n, ownerReferences: [{kind: ReplicaSet, name: a, controller: true}]}}"
            + "\n- {kind: Pod, metadata: {name: p, namespace: n, ownerReferences: [{kind: ReplicaSet, name: a, controller: true}]}}"
        let state = ClusterState.load(yaml: cycle, file: "cycle.yaml").0
        let resolution = KubernetesEnvAdapter.resolve(KubernetesEnvInput(sourceUID: "kubernetes://p.n"), cluster: state, release: (1, 1))
        guard case .mixerCrashed = resolution.outcome else { Issue.record("\(resolution.outcome)"); return }
        #expect(resolution.outputs == [:])
    }

    @Test func severalPodsOnOneIP() {
        // 1.7.0's `TestClusterInfoCache_MultiplePods`.
        let yaml = """
            kind: List
            items:
            - {kind: Pod, metadata: {namespace: foo, name: bar, creationTimestamp: "2020-06-17T09:00:00Z"}, status: {podIP: 10.1.10.3}}
            - {kind: Pod, metadata: {namespace: baz, name: quux, creationTimestamp: "2020-06-17T10:00:00Z"}, status: {podIP: 10.1.10.3}}
            - {kind: Pod, metadata: {namespace: alpha, name: beta, creationTimestamp: "2020-06-17T08:00:00Z"}, status: {podIP: 10.1.10.3}}
            """
        let state = ClusterState.load(yaml: yaml, file: "m.yaml").0
        let pick = { (minor: Int, patch: Int?) in
            KubernetesEnvAdapter.resolve(KubernetesEnvInput(sourceIP: [10, 1, 10, 3]), cluster: state, release: (1, minor), patch: patch)
        }
        #expect(pick(7, nil).source?.pod?.key == "baz/quux" && pick(6, 5).source?.pod?.key == "baz/quux")
        #expect(pick(6, 4).source?.pod?.key == "foo/bar" && pick(1, nil).source?.pod?.key == "foo/bar")
        #expect(pick(7, nil).notes == ["source: 3 pods have IP 10.1.10.3 (foo/bar, baz/quux, alpha/beta); Mixer takes the newest, baz/quux"])
        #expect(pick(1, nil).notes.first?.contains("which varies") == true)
        #expect(pick(6, nil).notes.contains { $0.hasPrefix("modelled as 1.6.5 and later") })
    }

    @Test func nothingIsSetWithoutClusterStateOrOutsideOneZeroToOneSeven() {
        let input = KubernetesEnvInput(sourceUID: "kubernetes://test-pod.testns")
        #expect(KubernetesEnvAdapter.generate(input, cluster: nil, release: (1, 1)) == [:])
        #expect(KubernetesEnvAdapter.resolve(input, cluster: nil, release: (1, 1)).outcome == .noClusterState)
        for release in [(0, 8), (1, 8), (2, 0)] {
            #expect(KubernetesEnvAdapter.resolve(input, cluster: Self.cluster, release: release).outcome == .notModelled)
        }
    }

    @Test func mergedFilesActAsOneCacheAndLaterFilesWin() {
        let first = ClusterState.load(yaml: "{kind: Pod, metadata: {name: p, namespace: n, labels: {v: '1'}}, status: {podIP: 10.0.0.1}}", file: "1.yaml").0
        let second = ClusterState.load(yaml: "{kind: Pod, metadata: {name: p, namespace: n, labels: {v: '2'}}, status: {podIP: 10.0.0.2}}", file: "2.yaml").0
        let merged = ClusterState.merge([first, second, ClusterState(pods: [], replicaSets: [ClusterState.Controller(name: "r", namespace: "n")])])
        #expect(merged.pods.count == 1 && merged.pods[0].labels == ["v": "2"] && merged.replicaSets.count == 1)
        let cache = KubernetesEnvCache(cluster: merged, behaviour: KubernetesEnvBehaviour(major: 1, minor: 7, patch: 0)!)
        #expect(cache.findPod("10.0.0.1").pod == nil && cache.findPod("10.0.0.2").pod?.name == "p")
    }

    @Test func goNetIPRules() {
        #expect(GoNetIP.parse("10.1.10.1") == Self.v4(10, 1, 10, 1) && GoNetIP.parse("+1.2.3.4") == nil && GoNetIP.parse("1.2.3") == nil)
        #expect(GoNetIP.parse("::ffff:1.2.3.4") == Self.v4(1, 2, 3, 4) && GoNetIP.parse("1::2::3") == nil && GoNetIP.parse("::") == [UInt8](repeating: 0, count: 16))
        #expect(GoNetIP.parse("not-an-ip") == nil && GoNetIP.parse("1:2:3:4:5:6:7:8:9") == nil)
        #expect(GoNetIP.string(GoNetIP.parse("2001:db8:0:0:1:0:0:1")!) == "2001:db8::1:0:0:1")
        #expect(GoNetIP.string(GoNetIP.parse("fd00:0:0:1::")!) == "fd00:0:0:1::" && GoNetIP.string(GoNetIP.parse("1:0:2::")!) == "1:0:2::")
        #expect(GoNetIP.string([1, 2, 3]) == "?010203" && GoNetIP.string([]) == "<nil>")
        let out = KubernetesEnvAdapter.generate(
            KubernetesEnvInput(sourceUID: "kubernetes://p.n"),
            cluster: ClusterState(pods: [ClusterState.Pod(name: "p", namespace: "n", podIP: "not-an-ip", hostIP: "fd00::1")]), release: (1, 1))
        #expect(out["source_pod_ip"] == .ipAddress([]) && out["source_host_ip"] == .ipAddress(GoNetIP.parse("fd00::1")!))
    }
}
