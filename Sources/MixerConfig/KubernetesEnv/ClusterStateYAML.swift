import MixerDecode
import Yams

extension ClusterState {
    /// The pods, ReplicaSets and ReplicationControllers in `yaml`: the
    /// output of `kubectl get pods,replicasets,replicationcontrollers -A -o
    /// yaml` (a `kind: List`), API lists (`PodList`, ...), single objects,
    /// several documents (`---`), or the same as JSON. Other kinds are
    /// passed over. An object that would not decode (a wrong type, no name)
    /// is left out with a problem naming file, line, object and field; the
    /// rest still loads. A YAML syntax error ends the reading at that
    /// document, with a problem; what came before it stays loaded.
    public static func load(yaml: String, file: String) -> (ClusterState, [ConfigProblem]) {
        var loader = ClusterStateLoader(file: file)
        var documents: YamlSequence<Node>
        do {
            documents = try Yams.compose_all(yaml: yaml)
        } catch {
            return (loader.state, [loader.yamlProblem(error)])
        }
        while let document = documents.next() {
            loader.read(document: document)
        }
        if let error = documents.error { loader.problems.append(loader.yamlProblem(error)) }
        return (loader.state, loader.problems)
    }
}

/// The work of `ClusterState.load`: one file's objects and problems.
private struct ClusterStateLoader {
    let file: String
    var state = ClusterState()
    var problems: [ConfigProblem] = []

    init(file: String) {
        self.file = file
    }

    /// A YAML syntax error, at its line when libyaml gives one.
    func yamlProblem(_ error: Error) -> ConfigProblem {
        guard let error = error as? YamlError else { return ConfigProblem(file: file, message: "not YAML: \(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let context = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ConfigProblem(file: file, line: mark.line, message: "not YAML: \(problem)\(context)")
        case .reader(let problem, _, _, _):
            return ConfigProblem(file: file, message: "not YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Not "\(error)": its context text is the whole file.
            let keys = duplicates.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            return ConfigProblem(file: file, line: context.mark.line, message: "not YAML: a mapping repeats the key \(keys)")
        default:
            return ConfigProblem(file: file, message: "not YAML: \(error)")
        }
    }

    /// One document: a list of objects, or one object.
    mutating func read(document: Node) {
        if KubeYAMLReader.isNull(document) { return }  // an empty document
        guard let mapping = document.mapping else {
            problems.append(ConfigProblem(file: file, line: document.mark?.line, message: "expected a Kubernetes object or list, found \(KubeYAMLReader.shape(document))"))
            return
        }
        let kind = mapping["kind"]?.scalar?.string ?? ""
        guard kind.hasSuffix("List"), let items = mapping["items"] else {
            read(object: document, kind: kind)
            return
        }
        // `PodList` items may leave out their kind (the API server's JSON does).
        let itemKind = kind == "List" ? "" : String(kind.dropLast(4))
        guard let sequence = items.sequence else {
            if !KubeYAMLReader.isNull(items) {
                problems.append(ConfigProblem(file: file, line: items.mark?.line, resource: kind, field: "items", message: "expected a list, found \(KubeYAMLReader.shape(items))"))
            }
            return
        }
        for (index, item) in sequence.enumerated() {
            guard item.mapping != nil else {
                problems.append(ConfigProblem(file: file, line: item.mark?.line, resource: kind, field: "items[\(index)]", message: "expected a Kubernetes object, found \(KubeYAMLReader.shape(item))"))
                continue
            }
            read(object: item, kind: item.mapping?["kind"]?.scalar?.string ?? itemKind)
        }
    }

    /// One object, if it is a kind the adapter's informers list.
    private mutating func read(object: Node, kind: String) {
        guard ["Pod", "ReplicaSet", "ReplicationController"].contains(kind), let mapping = object.mapping else { return }
        let metadata = mapping["metadata"]?.mapping
        let name = metadata?["name"]?.scalar?.string ?? ""
        let namespace = metadata?["namespace"]?.scalar?.string ?? ""
        let label = kind + " " + (name.isEmpty ? "(no name)" : namespace.isEmpty ? name : namespace + "/" + name)
        let reader = KubeYAMLReader(file: file, resource: label)
        do {
            let meta = try reader.objectMeta(mapping)
            switch kind {
            case "Pod": state.add(try reader.pod(mapping, meta: meta, line: object.mark?.line))
            case "ReplicaSet": state.add(replicaSet: meta.controller)
            default: state.add(replicationController: meta.controller)
            }
        } catch let problem as ConfigProblem {
            problems.append(problem)
        } catch {
            problems.append(reader.problem(object, "", "\(error)"))
        }
    }
}

extension KubeYAMLReader {
    /// The `metadata` fields every kind shares.
    struct ObjectMeta {
        var controller: ClusterState.Controller
        var uid: String
        var selfLink: String
        var creationTimestamp: String
        var labels: [String: String]
    }

    func objectMeta(_ object: Node.Mapping) throws -> ObjectMeta {
        let objectNode = Node.mapping(object)
        guard let metadata = try mapping(object["metadata"], field: "metadata") else {
            throw problem(objectNode, "metadata", "no metadata: the object has no name")
        }
        let nameNode = metadata["name"]
        let name = try string(nameNode, field: "metadata.name")
        guard !name.isEmpty else { throw problem(nameNode ?? object["metadata"] ?? objectNode, "metadata.name", "no name: an informer cannot store the object") }
        let created = metadata["creationTimestamp"]
        let timestamp = try string(created, field: "metadata.creationTimestamp")
        if !timestamp.isEmpty, ValueParser.timestamp(timestamp) == nil {
            throw problem(created, "metadata.creationTimestamp", "'\(timestamp)' is not an RFC 3339 time")
        }
        let controller = ClusterState.Controller(
            name: name, namespace: try string(metadata["namespace"], field: "metadata.namespace"),
            ownerReferences: try owners(metadata["ownerReferences"], field: "metadata.ownerReferences"))
        return ObjectMeta(
            controller: controller, uid: try string(metadata["uid"], field: "metadata.uid"),
            selfLink: try string(metadata["selfLink"], field: "metadata.selfLink"), creationTimestamp: timestamp,
            labels: try labels(metadata["labels"], field: "metadata.labels"))
    }

    /// A pod: its metadata, `spec` and `status`.
    func pod(_ object: Node.Mapping, meta: ObjectMeta, line: Int?) throws -> ClusterState.Pod {
        let spec = try mapping(object["spec"], field: "spec")
        let status = try mapping(object["status"], field: "status")
        var pod = ClusterState.Pod(
            name: meta.controller.name, namespace: meta.controller.namespace, uid: meta.uid, selfLink: meta.selfLink,
            creationTimestamp: meta.creationTimestamp, labels: meta.labels,
            podIP: try string(status?["podIP"], field: "status.podIP"),
            podIPs: try podIPs(status?["podIPs"], field: "status.podIPs"),
            hostIP: try string(status?["hostIP"], field: "status.hostIP"),
            serviceAccountName: try string(spec?["serviceAccountName"], field: "spec.serviceAccountName"),
            ownerReferences: meta.controller.ownerReferences,
            containers: try containers(spec?["containers"], field: "spec.containers"))
        pod.file = file
        pod.line = line
        return pod
    }
}
