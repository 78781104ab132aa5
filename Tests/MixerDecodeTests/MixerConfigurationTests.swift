import MixerConfig
import MixerDecode
import Testing

/// Reading users' configuration as Mixer reads it (istio/istio
/// `1.1.6:mixer/pkg/runtime/config/ephemeral.go`, `processRuleConfigs`,
/// and `util.go`, `canonicalize`), with a problem naming the file, the
/// resource and the field for everything Mixer drops.
struct MixerConfigurationTests {
    static let handler = """
        apiVersion: config.istio.io/v1alpha2
        kind: handler
        metadata: {name: prom, namespace: istio-system}
        spec:
          compiledAdapter: prometheus
          params:
            metrics:
            - name: hits_total
              instanceName: hits.instance.istio-system
              kind: COUNTER
              label_names: [app]
        """

    static let instance = """
        apiVersion: config.istio.io/v1alpha2
        kind: instance
        metadata: {name: hits, namespace: istio-system}
        spec:
          compiledTemplate: metric
          params:
            value: "1"
            dimensions:
              app: destination.labels["app"] | "unknown"
        """

    static let manifest = """
        apiVersion: config.istio.io/v1alpha2
        kind: attributemanifest
        metadata: {name: m, namespace: istio-system}
        spec:
          attributes:
            destination.labels: {valueType: STRING_MAP}
            context.protocol: {value_type: STRING}
        """

    static func rule(handler: String, instances: String, match: String = #"context.protocol == "http""#) -> String {
        """
        apiVersion: config.istio.io/v1alpha2
        kind: rule
        metadata: {name: r, namespace: istio-system}
        spec:
          match: \(match)
          actions:
          - handler: \(handler)
            instances: [\(instances)]
        """
    }

    static func configuration(_ documents: [String], release: String = "1.3.6") -> (MixerConfiguration, [ConfigProblem]) {
        let read = ConfigDocuments.resources(in: documents.joined(separator: "\n---\n"), file: "user.yaml")
        let configuration = MixerConfiguration(read.resources, server: MixerServer(release: IstioRelease(release)!))
        return (configuration, read.problems + configuration.problems)
    }

    @Test func aRuleReachesItsHandlerByShortNameAndByNameDotNamespace() {
        let (short, problems) = Self.configuration([Self.manifest, Self.handler, Self.instance, Self.rule(handler: "prom", instances: "hits")])
        #expect(problems.isEmpty, "\(problems)")
        #expect(short.rules.first?.actions.first?.handler == "prom.handler.istio-system")
        let (qualified, _) = Self.configuration([Self.manifest, Self.handler, Self.instance, Self.rule(handler: "prom.istio-system", instances: "hits.istio-system")])
        #expect(qualified.rules.first?.actions.first?.instances == ["hits.instance.istio-system"])
    }

    @Test func aMissingHandlerDropsTheActionAndThenTheRule() {
        let (configuration, problems) = Self.configuration([Self.manifest, Self.instance, Self.rule(handler: "nowhere", instances: "hits")])
        #expect(configuration.rules.isEmpty)
        let messages = problems.map(\.description)
        #expect(messages.contains { $0.contains("rule r (istio-system), spec.actions[0].handler: Handler not found: handler='nowhere'") }, "\(messages)")
        #expect(messages.contains { $0.contains("No valid actions found in rule") }, "\(messages)")
    }

    @Test func anInstanceNameTheHandlerDoesNotKnowIsSaidWithWhatMixerThenLogs() {
        let stale = Self.handler.replacingOccurrences(of: "hits.instance.istio-system", with: "hits.metric.istio-system")
        let (_, problems) = Self.configuration([Self.manifest, stale, Self.instance, Self.rule(handler: "prom", instances: "hits")])
        #expect(problems.contains { $0.description.contains("could not find metric info from adapter config for hits.instance.istio-system") }, "\(problems)")
    }

    @Test func labelNamesThatDifferFromTheDimensionsPanicTheAdapter() {
        let dashed = Self.handler.replacingOccurrences(of: "label_names: [app]", with: "label_names: [app, version]")
        let (_, problems) = Self.configuration([Self.manifest, dashed, Self.instance, Self.rule(handler: "prom", instances: "hits")])
        #expect(problems.contains { $0.field == "spec.params.metrics[0].label_names" && $0.message.contains("labels without a dimension: version") }, "\(problems)")
    }

    @Test func aConditionThatDoesNotTypeCheckLeavesTheRuleUnusable() {
        let documents = [Self.manifest, Self.handler, Self.instance, Self.rule(handler: "prom", instances: "hits", match: "context.protocol")]
        let (configuration, problems) = Self.configuration(documents)
        #expect(configuration.rules.first?.unusable != nil)
        // The line of `match:` in the joined file, counted from 1 as YAML does.
        let matchLine = documents.joined(separator: "\n---\n").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  match:") }.map { $0 + 1 }
        #expect(problems.contains { $0.field == "spec.match" && $0.line == matchLine && $0.message.contains("STRING, not BOOL") }, "\(problems)")
    }

    @Test func legacyKindsAreReadBy1_1AndIgnoredFrom1_2() {
        let legacy = """
            apiVersion: config.istio.io/v1alpha2
            kind: metric
            metadata: {name: hits, namespace: istio-system}
            spec:
              value: "1"
              dimensions:
                app: destination.labels["app"] | "unknown"
            """
        let (v11, _) = Self.configuration([Self.manifest, legacy], release: "1.1.6")
        #expect(v11.instances["hits.metric.istio-system"] != nil)
        let (v12, problems) = Self.configuration([Self.manifest, legacy], release: "1.2.0")
        #expect(v12.instances.isEmpty)
        #expect(problems.contains { $0.message.contains("does not read kind 'metric'") }, "\(problems)")
    }

    @Test func aNumberWhereMixerWantsAnExpressionStringIsAProblem() {
        let unquoted = Self.instance.replacingOccurrences(of: "value: \"1\"", with: "value: 1")
        let (configuration, problems) = Self.configuration([Self.manifest, unquoted])
        #expect(configuration.instances.isEmpty)
        #expect(problems.contains { $0.field == "spec.params.value" && $0.message.contains("not a string") }, "\(problems)")
    }

    @Test func brokenYAMLKeepsWhatCameBeforeAndSaysTheLine() {
        let text = Self.manifest + "\n---\nkind: rule\nmetadata: {name: [unclosed\n"
        let read = ConfigDocuments.resources(in: text, file: "broken.yaml")
        #expect(read.resources.map(\.kind) == ["attributemanifest"])
        #expect(read.problems.first?.line != nil && read.problems.first?.message.hasPrefix("not YAML") == true, "\(read.problems)")
    }

    @Test func deepNestingIsRefusedBeforeYAMLReadsIt() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let read = ConfigDocuments.resources(in: text, file: "deep.yaml")
        #expect(read.resources.isEmpty)
        #expect(read.problems.first?.message.contains("nested deeper") == true)
    }

    @Test func kubectlListOutputIsReadItemByItem() {
        let list = "apiVersion: v1\nkind: List\nitems:\n" + [Self.manifest, Self.handler].map { document in
            document.split(separator: "\n").enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }.joined(separator: "\n")
        }.joined(separator: "\n")
        let read = ConfigDocuments.resources(in: list, file: "list.yaml")
        #expect(read.resources.map(\.fullName) == ["m.attributemanifest.istio-system", "prom.handler.istio-system"], "\(read.problems)")
    }
}
