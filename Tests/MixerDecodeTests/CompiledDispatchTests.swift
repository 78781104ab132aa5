import MixerConfig
import MixerDecode
import Testing

/// The configuration is compiled once and a record's work shared where it
/// can be (docs/mixer-model.md): these say that sharing never changes what
/// Mixer makes of a record. Expectations follow Mixer's rules
/// (`interpreterRun.go`, `routing/table.go`, `dispatcher/session.go`).
@Suite struct CompiledDispatchTests {
    typealias M = MixerModelSupport

    /// A user configuration: a rule on a header, and two instances whose
    /// `path` dimension is written alike; the second also reads
    /// `request.size` with no fallback.
    static let yaml = """
        apiVersion: config.istio.io/v1alpha2
        kind: attributemanifest
        metadata: {name: istioproxy, namespace: istio-system}
        spec:
          attributes:
            request.headers: {valueType: STRING_MAP}
            request.path: {valueType: STRING}
            request.size: {valueType: INT64}
            context.reporter.kind: {valueType: STRING}
        ---
        apiVersion: config.istio.io/v1alpha2
        kind: instance
        metadata: {name: bypath, namespace: istio-system}
        spec:
          compiledTemplate: metric
          params:
            value: "1"
            dimensions:
              path: request.path | "none"
        ---
        apiVersion: config.istio.io/v1alpha2
        kind: instance
        metadata: {name: sizebypath, namespace: istio-system}
        spec:
          compiledTemplate: metric
          params:
            value: request.size
            dimensions:
              path: request.path | "none"
        ---
        apiVersion: config.istio.io/v1alpha2
        kind: handler
        metadata: {name: prom, namespace: istio-system}
        spec:
          compiledAdapter: prometheus
          params:
            metrics:
            - {name: tagged_total, instance_name: bypath.instance.istio-system, kind: COUNTER, label_names: [path]}
            - {name: tagged_bytes, instance_name: sizebypath.instance.istio-system, kind: COUNTER, label_names: [path]}
        ---
        apiVersion: config.istio.io/v1alpha2
        kind: rule
        metadata: {name: tagged, namespace: istio-system}
        spec:
          match: request.headers["x-tag"] == "a"
          actions:
          - {handler: prom, instances: [bypath, sizebypath]}
        """

    static func headers(_ tag: String) -> Attribute {
        Attribute(name: "request.headers", value: .stringMap([StringPair(key: "x-tag", value: tag)]))
    }

    @Test func aRuleIsDecidedByEachRecordsOwnValuesEvenWhenAnEarlierRecordHadOthers() {
        var mixer = M.mixer("1.7", yaml: Self.yaml)
        let request = M.report([
            [Self.headers("a"), M.string("request.path", "/x"), M.int("request.size", 10)],
            [Self.headers("b"), M.string("request.path", "/x"), M.int("request.size", 10)],
            [Self.headers("a"), M.string("request.path", "/y"), M.int("request.size", 7)],
        ], semantics: .independent)
        let outcome = mixer.receive(request)
        let results = outcome.records.map { $0.rules.first { $0.rule == "tagged.rule.istio-system" }?.result }
        #expect(results[0] == .matched)
        #expect(results[1] == .notMatched(because: #"(request.headers["x-tag"] == "a") (request.headers = "x-tag=b") is false"#))
        #expect(results[2] == .matched)
        // The shared `path` field is the record's own: /x, then /y.
        #expect(outcome.records[0].series.compactMap { $0.series.map(M.labels) } == [["path": "/x"], ["path": "/x"]])
        #expect(outcome.records[2].series.compactMap { $0.series.map(M.labels) } == [["path": "/y"], ["path": "/y"]])
        #expect(M.metrics(mixer.series) == ["istio_tagged_total": 2, "istio_tagged_bytes": 17])
    }

    @Test func anInstanceWhoseOwnFieldFailsIsLeftOutWhileAnInstanceSharingItsOtherFieldsIsBuilt() {
        var mixer = M.mixer("1.7", yaml: Self.yaml)
        // No request.size: `value: request.size` is a lookup error for sizebypath only.
        let outcome = mixer.receive(M.report([[Self.headers("a"), M.string("request.path", "/x")]], semantics: .independent))
        let instances = outcome.records[0].rules.first { $0.rule == "tagged.rule.istio-system" }?.instances ?? []
        #expect(instances.map(\.instance) == ["bypath.instance.istio-system", "sizebypath.instance.istio-system"])
        #expect(instances[0].error == nil)
        #expect(instances[1].error == "evaluation failed at [sizebypath.instance.istio-system]'Value': 'lookup failed: 'request.size''")
        #expect(outcome.records[0].series.compactMap(\.series).map(\.metric) == ["istio_tagged_total"])
    }

    @Test func aCallOfConstantsIsTheSameValueOrTheSameErrorCompiledOnceOrNot() {
        let names = AttributeNames(["c"])
        func evaluate(_ source: String, _ bag: [String: ExpressionValue] = [:]) -> Result<ExpressionValue, ExpressionError> {
            let expression = try! MixerExpression.parse(source).get()
            return ExpressionEvaluator().evaluate(CompiledExpression(expression, names: names), in: AttributeBag(bag, names: names))
        }
        #expect(evaluate(#"ip("10.0.0.1") == ip("::ffff:10.0.0.1")"#) == .success(.bool(true)))
        // A constant call that fails is still an error when, and only when, it is evaluated.
        #expect(evaluate(#"ip("bad")"#).failureMessage == "could not convert bad to IP_ADDRESS")
        #expect(evaluate(#"conditional(c, ip("bad"), ip("1.2.3.4"))"#, ["c": .bool(false)]) == .success(.ipAddress([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 2, 3, 4])))
        #expect(evaluate(#"conditional(c, ip("bad"), ip("1.2.3.4"))"#, ["c": .bool(true)]).failureMessage == "could not convert bad to IP_ADDRESS")
    }
}
