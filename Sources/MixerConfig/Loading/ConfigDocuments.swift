import Yams

/// The resources of Mixer's configuration in YAML text as users have it:
/// one resource, several in one file (`---`), `kubectl get ... -o yaml`
/// output (`kind: List` with `items`), or any mix of those.
///
/// Nothing here stops at a problem: a document YAML cannot read ends the
/// file there (libyaml cannot resynchronise), with a problem at its line;
/// a resource without a kind or name is a problem and is passed over; every
/// other resource is still read.
public enum ConfigDocuments {
    /// Files larger than this are refused whole: configuration is kilobytes,
    /// and libyaml holds a whole document in memory.
    public static let maxBytes = 32 << 20
    /// Deeper nesting than this is refused before YAML reads it: libyaml's
    /// composer recurses once per level.
    public static let maxDepth = 200

    /// How YAML tags the plain scalars it reads.
    public enum ScalarTags: Sendable {
        /// By YAML 1.1's rules, as Kubernetes reads a user's files: a tag
        /// also decides which mapping keys are the same (`1` and `"1"` are not).
        case resolved
        /// Left as written, for the bundled defaults: no reader of Mixer's
        /// configuration looks at a tag (`ConfigResource.text` types a
        /// scalar itself, as Kubernetes' YAML-to-JSON step does), and Yams
        /// resolving every scalar and key by regular expression was about
        /// two fifths of building a release's configuration.
        /// `DefaultConfigurationTableTests` reads every variant both ways and
        /// compares what they give.
        case asWritten
    }

    public static func resources(in text: String, file: String, tags: ScalarTags = .resolved) -> (resources: [ConfigResource], problems: [ConfigProblem]) {
        guard text.utf8.count <= maxBytes else {
            return ([], [ConfigProblem(file: file, message: "larger than \(maxBytes >> 20) MiB: not read (Mixer configuration is kilobytes)")])
        }
        if let line = NestingScan.lineDeeperThan(maxDepth, in: text) {
            return ([], [ConfigProblem(file: file, line: line, message: "nested deeper than \(maxDepth) levels: not read")])
        }
        var resources: [ConfigResource] = []
        var problems: [ConfigProblem] = []
        var documents: YamlSequence<Node>
        do {
            documents = try Yams.compose_all(yaml: text, tags == .resolved ? .default : .basic)
        } catch {
            return ([], [yamlProblem(error, file: file)])
        }
        while let document = documents.next() {
            for node in items(of: document, file: file, problems: &problems) {
                switch resource(node, file: file) {
                case .success(let read): resources.append(read)
                case .failure(let problem): problems.append(problem)
                }
            }
        }
        if let error = documents.error { problems.append(yamlProblem(error, file: file)) }
        return (resources, problems)
    }

    /// A document's resources: itself, or the items of a `kind: List`.
    private static func items(of document: Node, file: String, problems: inout [ConfigProblem]) -> [Node] {
        if case .scalar(let scalar) = document, scalar.string.isEmpty || scalar.string == "null" { return [] }
        guard document.mapping?["kind"]?.string == "List" else { return [document] }
        guard let items = document.mapping?["items"] else { return [] }
        guard let sequence = items.sequence else {
            problems.append(ConfigProblem(file: file, line: items.mark?.line, resource: "List", field: "items", message: "not a list of resources"))
            return []
        }
        return Array(sequence)
    }

    private static func resource(_ node: Node, file: String) -> Result<ConfigResource, ConfigProblem> {
        let line = node.mark?.line
        guard let mapping = node.mapping else {
            return .failure(ConfigProblem(file: file, line: line, message: "a document that is not a resource (not a mapping)"))
        }
        guard let kind = mapping["kind"]?.text, !kind.isEmpty else {
            return .failure(ConfigProblem(file: file, line: line, field: "kind", message: "a resource without a kind: passed over"))
        }
        let metadata = mapping["metadata"]?.mapping
        guard let name = metadata?["name"]?.text, !name.isEmpty else {
            return .failure(ConfigProblem(file: file, line: line, resource: kind, field: "metadata.name", message: "a resource without a name: passed over"))
        }
        // Mixer's Kubernetes store keys a resource without a namespace by ""
        // (`name.kind.`); kubectl output always has one for namespaced kinds.
        let namespace = metadata?["namespace"]?.text ?? ""
        return .success(ConfigResource(
            kind: kind, name: name, namespace: namespace, spec: mapping["spec"],
            annotations: strings(metadata?["annotations"]), labels: strings(metadata?["labels"]),
            file: file, line: mapping["kind"]?.mark?.line ?? line))
    }

    private static func strings(_ node: Node?) -> [String: String] {
        var strings: [String: String] = [:]
        for (key, value) in node?.mapping ?? [:] {
            if let key = key.string, let value = value.string { strings[key] = value }
        }
        return strings
    }

    static func yamlProblem(_ error: Error, file: String) -> ConfigProblem {
        guard let yaml = error as? YamlError else { return ConfigProblem(file: file, message: "not YAML: \(error)") }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigProblem(file: file, line: mark.line, column: mark.column, message: "not YAML: \(problem); what came before it was read")
        case .reader(let problem, let offset, _, _):
            return ConfigProblem(file: file, message: "not YAML: \(problem)" + (offset.map { " at byte \($0)" } ?? ""))
        default:
            return ConfigProblem(file: file, message: "not YAML: \(yaml)")
        }
    }
}

/// A cheap guard run before YAML reads a file: the deepest nesting of
/// flow collections (`[`, `{`) and of block indentation.
enum NestingScan {
    /// The 1-based line where nesting first goes deeper than `limit`.
    static func lineDeeperThan(_ limit: Int, in text: String) -> Int? {
        var line = 1
        var flow = 0
        var quote: UInt8? = nil
        var atLineStart = true
        var indent = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                indent = 0
                quote = nil
                continue
            }
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    indent += 1
                    if indent > limit * 2 { return line }
                    continue
                }
                atLineStart = false
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if flow > limit { return line }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
            default: break
            }
        }
        return nil
    }
}
