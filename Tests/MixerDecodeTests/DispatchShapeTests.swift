import Foundation
@testable import MixerConfig
import MixerDecode
import Testing

/// A record whose shape (the values of every attribute that decides its
/// dispatch) was dispatched before in the Report replays that dispatch with
/// its own time and metric values (`DispatchShapes`). These say that
/// replaying never changes what Mixer makes of a record: each record is
/// compared with its dispatch in full by a dispatcher that has seen nothing.
@Suite struct DispatchShapeTests {
    typealias M = MixerModelSupport

    /// Every Report record of the Corpus under every variant of the
    /// defaults, each followed by copies that differ only in what metric
    /// values and the time read (sizes, duration, times), or that lack them.
    @Test(arguments: DefaultConfigurations.variants.map(\.firstRelease))
    func aReplayedRecordGetsWhatItsFullDispatchGives(release: IstioRelease) throws {
        let configuration = M.mixer("\(release)").configuration
        var shared = RecordDispatcher(config: configuration, cluster: nil)
        var compared = 0
        // A dispatch that gives a shape already given is a replay.
        var shapesGiven: Set<Int> = []
        var replayed = 0
        for record in try Self.corpusReportRecords() {
            for variant in [record] + Self.variants(of: record) {
                let bag = { AttributeBag(variant, manifest: configuration.manifest, keeping: configuration.routing.reads) }
                var fresh = RecordDispatcher(config: configuration, cluster: nil)
                let full = fresh.dispatch(bag(), index: variant.index)
                let maybeReplayed = shared.dispatch(bag(), index: variant.index)
                #expect(Self.described(maybeReplayed) == Self.described(full), "record \(variant.index) under \(release)")
                if let shape = maybeReplayed.0.shape, !shapesGiven.insert(shape).inserted { replayed += 1 }
                compared += 1
            }
        }
        #expect(compared > 100)
        // Otherwise this compares full dispatches with themselves.
        #expect(replayed > compared / 2, "replayed \(replayed) of \(compared)")
    }

    /// The same at the evaluator's level, where records of one shape share
    /// their rules and unknown labels: each record of a Report of them all
    /// gets the evaluation and findings it gets in a Report of its own.
    /// (Releases from 1.1 on: 0.8 and 1.0 replay every Report as delta, so
    /// a record alone would lose what the others carry over.)
    @Test(arguments: DefaultConfigurations.variants.map(\.firstRelease).filter { MixerServer(release: $0).readsRepeatedSemantics })
    func aRecordsEvaluationIsTheSameInAReportOfItsShapeAsAlone(release: IstioRelease) throws {
        let evaluator = MixerEvaluator(ConfigurationsInForce(release: ReleaseChoice(release: release, reason: "test")))
        let diagnostics = Diagnostics.standard.evaluating(with: evaluator)
        let records = try Self.corpusReportRecords().flatMap { [$0] + Self.variants(of: $0) }.map { $0.attributes.attributeList() }
        var together = M.report(records, semantics: .independent)
        diagnostics.apply(to: &together)
        for (index, attributes) in records.enumerated() {
            var alone = M.report([attributes], semantics: .independent)
            diagnostics.apply(to: &alone)
            #expect(Self.described(together.records[index]) == Self.described(alone.records[0]), "record \(index) under \(release)")
        }
        #expect(together.records.contains { $0.mixer?.series.isEmpty == false })
        // NDJSON writes the parts records of one shape share once; each
        // record's object is still the one written for it alone.
        var unshared = together
        for index in unshared.records.indices { unshared.records[index].mixer?.rules.append(contentsOf: []) }
        #expect(Self.ndjson(together) == Self.ndjson(unshared))
    }

    static func ndjson(_ request: ResolvedRequest) -> [String] {
        var json = JSONWriter()
        RecordJSON().writeObjects(of: request, to: &json) { $0.newline() }
        return String(decoding: json.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func described(_ record: ResolvedRecord) -> String {
        guard let mixer = record.mixer else { return "not evaluated" }
        var lines = ["\(mixer.mixer) \(mixer.notDispatched ?? "-") \(mixer.notShownWhole ?? "-") \(mixer.releaseDependent ?? "-")"]
        lines += mixer.rules.map { "rule \($0.name) \($0.matched) \($0.reason ?? "-")" }
        lines += mixer.series.map { "series \($0.metric) \($0.labels.map { "\($0.name)=\($0.value)" }) \($0.amount)" }
        lines += mixer.problems.map { "problem \($0)" }
        lines.append("unknown \(mixer.unknownLabels) need \(mixer.needClusterState)")
        lines += record.findings.map { "finding \($0.code) \($0.severity) \($0.message)" }
        return lines.joined(separator: "\n")
    }

    /// The Corpus user configuration (`CompiledDispatchTests.yaml`): the
    /// value `request.size` has no fallback, so a record of a known shape
    /// without it gets Mixer's error, not the shape's instance.
    @Test func aRecordOfAKnownShapeWhoseValueFailsGetsMixersError() {
        var mixer = M.mixer("1.7", yaml: CompiledDispatchTests.yaml)
        let headers = CompiledDispatchTests.headers("a")
        let outcome = mixer.receive(M.report([
            [headers, M.string("request.path", "/x"), M.int("request.size", 10)],
            [headers, M.string("request.path", "/x")],
            [headers, M.string("request.path", "/x"), M.int("request.size", 7)],
        ], semantics: .independent))
        let instances = outcome.records.map { $0.rules.first { $0.rule == "tagged.rule.istio-system" }?.instances ?? [] }
        #expect(instances[0].allSatisfy { $0.error == nil })
        #expect(instances[1].map(\.error) == [nil, "evaluation failed at [sizebypath.instance.istio-system]'Value': 'lookup failed: 'request.size''"])
        #expect(instances[2].allSatisfy { $0.error == nil })
        #expect(outcome.records.map { $0.series.compactMap(\.series).map(\.metric) } == [
            ["istio_tagged_total", "istio_tagged_bytes"], ["istio_tagged_total"], ["istio_tagged_total", "istio_tagged_bytes"],
        ])
        // Each record counts its own size: 10 + 7.
        #expect(M.metrics(mixer.series) == ["istio_tagged_total": 3, "istio_tagged_bytes": 17])
    }

    @Test func recordsOfOneShapeCarryTheirOwnTimes() {
        var mixer = M.mixer("1.7", yaml: CompiledDispatchTests.yaml)
        let headers = CompiledDispatchTests.headers("a")
        let times = [ProtoTimestamp(seconds: 100, nanos: 0), ProtoTimestamp(seconds: 200, nanos: 5)]
        let outcome = mixer.receive(M.report(times.map { time in
            [headers, M.string("request.path", "/x"), M.int("request.size", 1), Attribute(name: "request.time", value: .timestamp(time))]
        }, semantics: .independent))
        #expect(outcome.records.map(\.time) == times)
    }

    static func corpusReportRecords() throws -> [ResolvedRecord] {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/binary").path)
            .filter { $0.hasPrefix("report-") && $0.hasSuffix(".bin") }.sorted()
        var records: [ResolvedRecord] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: repositoryFile("Corpus/binary/" + file)))
            InputDecoder().decode(bytes, inputName: file) { request in
                if request.message == .report { records += request.records }
            }
        }
        return records
    }

    /// Copies of `record` that differ in what only metric values and the
    /// time read, and one without any of them.
    static func variants(of record: ResolvedRecord) -> [ResolvedRecord] {
        let valuesOnly: Set = ["request.size", "response.size", "request.total_size", "response.total_size",
                               "response.duration", "connection.sent.bytes", "connection.received.bytes",
                               "connection.sent.bytes_total", "connection.received.bytes_total",
                               "request.time", "response.time", "context.time"]
        let list = record.attributes.attributeList()
        func changed(_ step: Int64) -> [Attribute] {
            list.map { attribute in
                guard valuesOnly.contains(attribute.name) else { return attribute }
                switch attribute.value {
                case .int64(let number): return Attribute(name: attribute.name, value: .int64(number + step))
                case .duration(let duration):
                    return Attribute(name: attribute.name, value: .duration(ProtoDuration(seconds: duration.seconds + step, nanos: duration.nanos)))
                case .timestamp(let time):
                    return Attribute(name: attribute.name, value: .timestamp(ProtoTimestamp(seconds: time.seconds + step, nanos: time.nanos)))
                default: return attribute
                }
            }
        }
        return [changed(1), changed(1000), list.filter { !valuesOnly.contains($0.name) }].map {
            ResolvedRecord(index: record.index, attributes: $0)
        }
    }

    /// Everything a dispatch gives, as text to compare.
    static func described(_ dispatched: (RecordDispatch, [RecordDispatcher.Built], AttributeBag)) -> String {
        let (outcome, built, bag) = dispatched
        var lines = [
            "namespace \(outcome.namespace) destination \(outcome.destination) time \(String(describing: outcome.time))",
            "not dispatched \(outcome.notDispatched ?? "-") pods \(outcome.inferredPods.sorted { $0.key < $1.key })",
        ]
        for rule in outcome.rules {
            lines.append("rule \(rule.rule) \(rule.result) generates \(rule.generatesAttributes)")
            for instance in rule.instances { lines.append("  instance \(instance.instance) \(instance.handler) \(instance.error ?? "-")") }
        }
        for instance in built {
            lines.append("built \(instance.handler) \(instance.instance.name) \(instance.metric.value) \(instance.metric.labels.map { "\($0)" } ?? "nil")")
        }
        for name in bag.presentNames { lines.append("bag \(name) = \(String(describing: bag[name]))") }
        return lines.joined(separator: "\n")
    }
}
