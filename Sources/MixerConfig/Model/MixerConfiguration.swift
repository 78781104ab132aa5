import MixerDecode

/// Mixer's configuration as one release of Mixer reads it: the attribute
/// vocabulary, the handlers and instances it could build, and the rules
/// that route records to them; with every problem found on the way, each
/// naming the file, resource and field, and what Mixer does about it.
///
///     let read = ConfigDocuments.resources(in: yaml, file: "config.yaml")
///     let config = MixerConfiguration(read.resources, server: MixerServer(release: IstioRelease("1.3.6")!))
///     for problem in read.problems + config.problems { print(problem) }
public struct MixerConfiguration: Sendable {
    public let server: MixerServer
    public let manifest: AttributeManifest
    public let handlers: [String: HandlerConfig]
    public let instances: [String: InstanceConfig]
    /// In full-name order.
    public let rules: [RuleConfig]
    public let problems: [ConfigProblem]
    /// Mixer's `--configDefaultNamespace`: its rules apply in every namespace.
    public let defaultNamespace: String
    /// The rules arranged for dispatch, once.
    let routing: RoutingTable

    public init(_ resources: [ConfigResource], server: MixerServer, defaultNamespace: String = "istio-system") {
        self.server = server
        self.defaultNamespace = defaultNamespace
        var problems: [ConfigProblem] = Self.kindProblems(resources, server: server)
        manifest = AttributeManifest(types: ManifestReader.types(from: resources, problems: &problems))
        handlers = HandlerReader(server: server).handlers(from: resources, problems: &problems)
        instances = InstanceReader(server: server, manifest: manifest).instances(from: resources, problems: &problems)
        rules = RuleReader(server: server, manifest: manifest, handlers: handlers, instances: instances)
            .rules(from: resources, problems: &problems)
        problems += PrometheusConsistency.problems(handlers: handlers, instances: instances, rules: rules)
        self.problems = problems
        routing = RoutingTable(rules: rules, handlers: handlers, instances: instances, defaultNamespace: defaultNamespace, names: manifest.names)
    }

    /// Kinds this Mixer does not read: said once per kind and file.
    private static func kindProblems(_ resources: [ConfigResource], server: MixerServer) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        var said: Set<String> = []
        for resource in resources {
            let kind = resource.kind
            let message: String
            if ConfigKinds.legacyTemplates.contains(kind) || ConfigKinds.legacyAdapters.contains(kind) {
                guard !server.readsLegacyKinds else { continue }
                message = "\(server) does not read kind '\(kind)' (its CRDs are gone from 1.2, and Mixer runs with --useTemplateCRDs=false --useAdapterCRDs=false): ignored; use kind instance/handler"
            } else if [ConfigKinds.instance, ConfigKinds.handler].contains(kind) {
                guard server.minor < 11 else { continue }
                message = "\(server) has no kind '\(kind)' (compiledTemplate and compiledAdapter came in 1.1): ignored"
            } else if ConfigKinds.outOfProcess.contains(kind) {
                message = "out-of-process adapters and templates are not modelled: ignored here (Mixer reads them)"
            } else if [ConfigKinds.rule, ConfigKinds.attributeManifest].contains(kind) {
                continue
            } else {
                message = "not a kind of Mixer's configuration: ignored"
            }
            guard said.insert("\(resource.file)\u{0}\(kind)").inserted else { continue }
            problems.append(ConfigProblem(file: resource.file, line: resource.line, resource: resource.label, field: "kind", message: message))
        }
        return problems
    }
}
