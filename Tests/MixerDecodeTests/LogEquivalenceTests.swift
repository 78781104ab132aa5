import Foundation
import Testing
@testable import MixerDecode

/// Every layout and wrapper decodes to the same records as the binary form.
///
/// Each `Corpus/binary` message is printed by `protoc --decode`, which uses
/// the same C++ TextFormat printer as `DebugString()` (what Envoy logs), then
/// wrapped in each release's line header and each wrapper people paste, and
/// decoded through the log path. The result must equal the binary decode:
/// same records, attributes, dictionary and finding codes.
enum LogForms {
    struct Layout: Sendable {
        var name: String
        var header: String
    }

    static let layouts = [
        Layout(name: "0.8", header: "[2018-10-03 08:47:42.958][95][debug][grpc] src/envoy/utils/grpc_transport.cc:45] "),
        Layout(name: "1.1", header: "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] "),
        Layout(name: "1.4", header: "[Envoy (Epoch 0)] [2019-11-05 10:00:01.001][031][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] "),
        Layout(name: "1.6", header: "2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\t[src/envoy/utils/grpc_transport.cc:43] "),
        Layout(name: "1.7", header: "2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\t"),
    ]

    /// Wrappers applied to every physical line.
    static let wrappers: [(name: String, wrap: @Sendable (String) -> String)] = [
        ("plain", { $0 }),
        ("kubectl --timestamps", { "2019-05-20T08:12:20.125365976Z " + $0 }),
        ("docker json-file", { line in
            let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\t", with: "\\t")
            return #"{"log":""# + escaped + #"\n","stream":"stderr","time":"2019-05-20T08:12:20.125365976Z"}"#
        }),
        ("ns/pod[container]", { "default/details-v1-6764bbc7f7-2mzxl[istio-proxy]: " + $0 }),
        ("[pod container]", { "[details-v1-6764bbc7f7-2mzxl istio-proxy] " + $0 }),
        ("lost indentation", { String($0.drop { $0 == " " }) }),
        ("trailing spaces", { $0 + "   " }),
        ("CRLF", { $0 + "\r" }),
    ]

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryFile("Corpus/binary").path)) ?? []
        return names.filter { $0.hasSuffix(".bin") }.sorted()
    }()

    /// (protoc message type, log marker) by file name.
    static func message(of file: String) -> (type: String, proto: String, marker: String) {
        if file.hasPrefix("check-response") { return ("CheckResponse", "check.proto", "Check response: ") }
        if file.hasPrefix("check") { return ("CheckRequest", "check.proto", "Sending Check request: ") }
        if file.hasPrefix("attributes") { return ("Attributes", "attributes.proto", "Request attributes: ") }
        return ("ReportRequest", "report.proto", "Sending Report request: ")
    }

    static func debugString(_ file: String) throws -> String {
        let (type, proto, _) = message(of: file)
        let run = try Protoc.run(
            ["--decode=istio.mixer.v1.\(type)", "istio/mixer/v1/\(proto)"],
            input: Data(contentsOf: repositoryFile("Corpus/binary/\(file)")))
        try #require(run.status == 0, "protoc --decode of \(file): \(run.error)")
        return String(decoding: run.output, as: UTF8.self)
    }

    /// A log around one dump: unrelated lines, the dump, Envoy's blank line.
    static func log(_ debugString: String, file: String, layout: Layout, wrap: (String) -> String) -> String {
        let marker = message(of: file).marker
        let header = marker == "Request attributes: "
            ? "[libprotobuf ERROR src/istio/mixerclient/check_cache.cc:151] " : layout.header
        var lines = [layout.header.replacingOccurrences(of: "[grpc]", with: "[router]") + "[C12][S345] cluster 'outbound|9080||details' match"]
        var text = debugString
        if text.hasSuffix("\n") { text.removeLast() }
        let dump = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.append(header + marker + (dump.first ?? ""))
        lines += dump.dropFirst()
        lines.append("")
        lines.append(layout.header.replacingOccurrences(of: "[grpc]", with: "[http]") + "[C12][S345] request end stream")
        return lines.map(wrap).joined(separator: "\n") + "\n"
    }

    /// A request's NDJSON objects without what depends on the input's form (a wrapper
    /// that names the pod adds "stream").
    static func comparable(_ request: ResolvedRequest) throws -> [NSDictionary] {
        try Corpus.objects(request).map { object in
            var object = object
            for key in ["input", "offset", "line", "logTime", "request", "stream"] { object.removeValue(forKey: key) }
            let findings = (object["findings"] as? [[String: Any]] ?? []).map { $0["code"] as! String }.sorted()
            object["findings"] = findings
            return object as NSDictionary
        }
    }
}

@Suite(.needsProtoc) struct LogEquivalenceTests {
    @Test(arguments: LogForms.inputs)
    func everyLayoutAndWrapperDecodesLikeTheBinary(_ file: String) throws {
        let binary = try Corpus.decode("Corpus/binary/\(file)")
        let expected = try binary.flatMap(LogForms.comparable)
        let text = try LogForms.debugString(file)
        for layout in LogForms.layouts {
            for (wrapperName, wrap) in LogForms.wrappers {
                let log = LogForms.log(text, file: file, layout: layout, wrap: wrap)
                var requests: [ResolvedRequest] = []
                InputDecoder().decode(Array(log.utf8), inputName: "log") { requests.append($0) }
                try #require(requests.count == 1, "\(file) in the \(layout.name) layout, \(wrapperName): \(requests.count) requests")
                let got = try LogForms.comparable(requests[0])
                #expect(got == expected, "\(file) in the \(layout.name) layout, \(wrapperName)")
                #expect(requests[0].location.position?.line == 2, "the dump starts on line 2")
            }
        }
    }
}
