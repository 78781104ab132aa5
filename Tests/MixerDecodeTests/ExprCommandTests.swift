import Foundation
import Testing
@testable import MixerConfig
@testable import MixerDecode

/// `mixerdecode expr`, run as a user runs it, and the manifest YAML it reads.
struct ExprCommandTests {
    /// A manifest as `kubectl get attributemanifests -o yaml` prints it (a
    /// List), then a second document in the same file.
    static let manifestYAML = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: config.istio.io/v1alpha2
          kind: attributemanifest
          metadata:
            name: kubernetes
            namespace: istio-system
          spec:
            attributes:
              source.labels:
                valueType: STRING_MAP
        - apiVersion: config.istio.io/v1alpha2
          kind: rule
          metadata:
            name: promhttp
          spec:
            match: context.protocol == "http"
        ---
        apiVersion: config.istio.io/v1alpha2
        kind: attributemanifest
        metadata:
          name: istioproxy
        spec:
          attributes:
            request.size:
              value_type: INT64
            response.duration:
              valueType: DURATION
        """

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-expr-\(getpid())-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func manifestsAreReadFromListsAndDocuments() throws {
        let manifest = try AttributeManifestYAML.manifest(from: Self.manifestYAML, file: "m.yaml").get()
        #expect(manifest.types == ["source.labels": .stringMap, "request.size": .int64, "response.duration": .duration])
    }

    @Test func aManifestProblemSaysFileResourceAndField() {
        let yaml = "kind: attributemanifest\nmetadata:\n  name: bad\nspec:\n  attributes:\n    a.b:\n      valueType: TEXT\n"
        guard case .failure(let problem) = AttributeManifestYAML.manifest(from: yaml, file: "bad.yaml") else {
            Issue.record("a bad valueType was accepted")
            return
        }
        #expect(problem.description == "bad.yaml:7, attributemanifest bad, spec.attributes.a.b.valueType: 'TEXT' is not a value type (istio.policy.v1beta1.ValueType)")
    }

    @Test func theCommandPrintsTheValueAndItsType() throws {
        let manifest = try temporaryFile("m.yaml", Self.manifestYAML)
        let bag = try temporaryFile("bag.json", #"{"source.labels": {"app": "details"}, "response.duration": "0.25s"}"#)
        let present = try runCommand(["expr", "--manifest", manifest, "--attributes", bag, #"source.labels["app"] | "unknown""#])
        #expect(present.stdout == #"{"value":"details","type":"STRING"}"# + "\n")
        #expect(present.status == 0)
        let duration = try runCommand(["expr", "--manifest", manifest, "--attributes", bag, #"response.duration | "1s""#])
        #expect(duration.stdout == #"{"value":"0.25s","type":"DURATION"}"# + "\n")
        let absent = try runCommand(["expr", "--manifest", manifest, #"source.labels["app"] | "unknown""#])
        #expect(absent.stdout == #"{"value":"unknown","type":"STRING"}"# + "\n", "no --attributes: an empty bag")
    }

    @Test func errorsSayTheirStage() throws {
        let manifest = try temporaryFile("m2.yaml", Self.manifestYAML)
        let parse = try runCommand(["expr", "--manifest", manifest, "request.size = 2"])
        #expect(parse.stdout == #"{"error":"unable to parse expression 'request.size = 2': 1:14: expected '==', found '='","stage":"parse","column":14}"# + "\n")
        #expect(parse.status == 1)
        let check = try runCommand(["expr", "--manifest", manifest, "request.path"])
        #expect(check.stdout == #"{"error":"unknown attribute request.path","stage":"check"}"# + "\n")
        let eval = try runCommand(["expr", "--manifest", manifest, "request.size"])
        #expect(eval.stdout == #"{"error":"lookup failed: 'request.size'","stage":"eval"}"# + "\n")
    }
}

/// `--release` picks the release's functions (`0.8.0`/`1.0.0`/`1.1.0`
/// `mixer/pkg/lang/externs.go`) and its default manifest.
struct ExprReleaseTests {
    @Test func toLowerCameIn1_1AndProxyVersionIn1_3() throws {
        #expect(try runCommand(["expr", "--release", "1.0", #"toLower("A")"#]).stdout == #"{"error":"unknown function: toLower","stage":"check"}"# + "\n")
        #expect(try runCommand(["expr", "--release", "1.1", #"toLower("A")"#]).stdout == #"{"value":"a","type":"STRING"}"# + "\n")
        #expect(try runCommand(["expr", "--release", "1.2", #"context.proxy_version | "-""#]).stdout.contains("unknown attribute context.proxy_version"))
        #expect(try runCommand(["expr", "--release", "1.3", #"context.proxy_version | "-""#]).stdout.contains(#""value":"-""#))
    }
}
