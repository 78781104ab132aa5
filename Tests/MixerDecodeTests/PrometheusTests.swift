import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import MixerConfig
import MixerDecode

/// `mixerdecode metrics` read by the real Prometheus (Debian 12's 2.42, which
/// `bash Scripts/install-test-deps.sh` installs): promtool checks the
/// exposition text of every capture, and the OpenMetrics of captures is
/// backfilled into a TSDB that a loopback server then answers PromQL from.
/// Prometheus is the judge of both formats, not this project's reading of them.
final class PrometheusTests: XCTestCase {
    /// The end-to-end test's server and folder, stopped (by pid) and removed
    /// here so that a failing or throwing test leaves nothing running.
    private var server: Process?
    private var scratch: URL?

    override func tearDown() {
        if let server { PrometheusServer.stop(server) }
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        server = nil
        scratch = nil
        super.tearDown()
    }

    private func makeScratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        scratch = url
        return url
    }

    /// Metric names of Istio's own default configuration that promtool's lint
    /// (client_golang's promlint) finds fault with. Mixer 0.8's handler exports
    /// the `requestcount` instance as `request_count`, so it serves
    /// `istio_request_count`: a counter without `_total` whose name ends in
    /// `_count` (1.0 renamed it `istio_requests_total`). The writer keeps
    /// Istio's names, since they are what that release's dashboards query, so
    /// these complaints are expected; one about any other name is a failure.
    static let istioNamesPromlintFlags: Set<String> = ["istio_request_count"]

    func testExpositionTextOfEveryCapturePassesPromtool() throws {
        let promtool = try PromTools.require("promtool")
        let folder = try makeScratch()
        let file = folder.appendingPathComponent("capture.prom")
        var checked = 0
        var said: [String: [String]] = [:]
        for capture in Self.captures() {
            let metrics = try runCommand(["metrics", "-o", "prom", capture])
            // Captures without a Report (Checks, broken bytes) yield no series.
            guard metrics.stdout.split(separator: "\n").contains(where: { !$0.hasPrefix("#") }) else { continue }
            try metrics.stdout.write(to: file, atomically: true, encoding: .utf8)
            let check = try runTool(promtool, ["check", "metrics"], stdin: file, in: folder)
            checked += 1
            let lines = (check.stdout + check.stderr).split(separator: "\n").map(String.init)
            if !lines.isEmpty { said[capture] = lines }
            switch check.status {
            case 0:
                XCTAssert(lines.isEmpty, "\(capture): promtool exited 0 but said \(lines)")
            case 3:
                // Lint problems only, one "NAME PROBLEM" line each on stderr.
                let names = Set(lines.map { String($0.prefix { $0 != " " }) })
                XCTAssert(names.isSubset(of: Self.istioNamesPromlintFlags), "\(capture): promtool check metrics: \(lines)")
            default:
                XCTFail("\(capture): promtool check metrics exited \(check.status): \(lines)")
            }
        }
        // Not vacuous: the corpus has over 40 captures with Reports.
        XCTAssertGreaterThanOrEqual(checked, 40)
        print("promtool check metrics: \(checked) captures with series; complaints:\(said.isEmpty ? " none" : "")")
        for (capture, lines) in said.sorted(by: { $0.key < $1.key }) { print("  \(capture): \(lines.joined(separator: " | "))") }
    }

    /// Every capture in Corpus (raw protobuf, gRPC frames, logs, gzip,
    /// hex and base64 text), not the expected outputs kept beside them.
    static func captures() -> [String] {
        let extensions: Set<String> = ["bin", "grpc", "log", "gz", "hex", "b64"]
        let files = FileManager.default.enumerator(atPath: repositoryFile("Corpus").path)?.allObjects as? [String] ?? []
        return files.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension) }.sorted().map { "Corpus/" + $0 }
    }

    /// Captures summed by one Mixer, and that release's default `promhttp`
    /// match, written again here over the decoded records.
    struct Scenario: Sendable {
        var release: String
        var files: [String]
        var promhttpMatches: @Sendable ([String: Any]) -> Bool
    }

    /// Two scenarios with a time on every record, months apart, so that each
    /// is alone in the other's 5-minute lookback window and one server
    /// answers both. 1.1: the VM example (TCP both ways and one HTTP request)
    /// and two healthy HTTP requests, 2.6 s in all. 1.0: six HTTP requests
    /// from a log, two of them 503s, whose record order is not time order (the
    /// writer must sort each series' samples).
    static let scenarios: [Scenario] = [
        Scenario(release: "1.1", files: ["Corpus/examples/vm-details-tcp.grpc", "Corpus/binary/report-1.1-healthy-http.bin"]) { record in
            // 1.1.0-1.1.17 (--release 1.1 is 1.1.17): (context.protocol == "http" || context.protocol == "grpc")
            //   && (match((request.useragent | "-"), "kube-probe*") == false)
            ["http", "grpc"].contains(record["context.protocol"] as? String)
                && !(record["request.useragent"] as? String ?? "-").hasPrefix("kube-probe")
        },
        Scenario(release: "1.0", files: ["Corpus/logs/envoy-1.0.log"]) { record in
            // 1.0.1-1.0.9: context.protocol == "http" || context.protocol == "grpc"
            ["http", "grpc"].contains(record["context.protocol"] as? String)
        },
    ]

    static let canonicalSizeBounds: Set<String> = ["1.0", "10.0", "100.0", "1000.0", "10000.0", "100000.0", "1e+06", "1e+07", "1e+08", "+Inf"]

    func testBackfilledOpenMetricsAnswerTheRecordsTotals() async throws {
        let promtool = try PromTools.require("promtool")
        let prometheus = try PromTools.require("prometheus")
        let folder = try makeScratch()
        let data = folder.appendingPathComponent("data")
        var expectations: [Totals] = []
        let started = Date()
        for (index, scenario) in Self.scenarios.enumerated() {
            let expected = try Self.expectedTotals(scenario)
            expectations.append(expected)
            let metrics = try runCommand(["metrics", "--release", scenario.release, "-o", "openmetrics"] + scenario.files)
            XCTAssertEqual(metrics.status, 0, metrics.stderr)
            let file = folder.appendingPathComponent("scenario-\(index).om")
            try metrics.stdout.write(to: file, atomically: true, encoding: .utf8)
            let backfill = try runTool(promtool, ["tsdb", "create-blocks-from", "openmetrics", file.path, data.path], in: folder)
            XCTAssertEqual(backfill.status, 0, "promtool rejected the OpenMetrics of \(scenario.files): \(backfill.stderr)")
            try checkTextTotals(scenario, expected)
        }
        let backfilled = Date()
        let (process, port) = try await PrometheusServer.start(prometheus, data: data, folder: folder)
        server = process
        let ready = Date()
        for (scenario, expected) in zip(Self.scenarios, expectations) {
            let at = expected.last + 1
            let requests = try await PrometheusServer.query(port, "sum(istio_requests_total)", at: at)
            XCTAssertEqual(requests, expected.requests, "sum(istio_requests_total) of \(scenario.files) at \(at)")
            let sent = try await PrometheusServer.query(port, "sum(istio_tcp_sent_bytes_total)", at: at)
            // No TCP record, no series: Prometheus answers an empty vector.
            XCTAssertEqual(sent, expected.tcpRecords == 0 ? nil : expected.tcpSent, "sum(istio_tcp_sent_bytes_total) of \(scenario.files) at \(at)")
            // The `le` values Prometheus stored are OpenMetrics' canonical
            // numbers (Istio's request size buckets: powers of ten to 1e8).
            let buckets = try await PrometheusServer.vector(port, "group by (le) (istio_request_bytes_bucket)", at: at)
            XCTAssertEqual(Set(buckets.compactMap { $0.labels["le"] }), Self.canonicalSizeBounds, "\(scenario.files)")
            print("\(scenario.files) at \(at): sum(istio_requests_total) \(requests.map { "\($0)" } ?? "none") (expected \(expected.requests)),"
                + " sum(istio_tcp_sent_bytes_total) \(sent.map { "\($0)" } ?? "none") (expected \(expected.tcpRecords == 0 ? "none" : "\(expected.tcpSent)"))")
        }
        let seconds = { (from: Date, to: Date) in String(format: "%.2f s", to.timeIntervalSince(from)) }
        print("metrics and backfill \(seconds(started, backfilled)), server ready \(seconds(backfilled, ready)), queries \(seconds(ready, Date()))")
    }

    /// What Mixer's default configuration makes of the decoded records
    /// (`mixerdecode -o ndjson`, the decoder alone, no Mixer model): rule
    /// `promhttp` sends `requestcount` (value "1") for each record its match
    /// admits, so `sum(istio_requests_total)` counts them; rule `promtcp`
    /// (match `context.protocol == "tcp"`, in every release) sends
    /// `tcpbytesent` (value `connection.sent.bytes | 0`), so
    /// `sum(istio_tcp_sent_bytes_total)` adds those bytes.
    struct Totals {
        var requests = 0.0
        var tcpSent = 0.0
        var tcpRecords = 0
        var first = Double.infinity
        var last = -Double.infinity
    }

    static func expectedTotals(_ scenario: Scenario) throws -> Totals {
        let decoded = try runCommand(["-o", "ndjson"] + scenario.files)
        var totals = Totals()
        var records = 0
        for line in decoded.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard object?["message"] as? String == "report", let record = object?["attributes"] as? [String: Any] else { continue }
            records += 1
            // The time the record's samples carry (the first of these, as
            // Mixer's model takes it). A record without one cannot be placed
            // in time, so `-o openmetrics` leaves it out: the scenarios use
            // only captures whose every record has one.
            let time = try XCTUnwrap(["context.time", "response.time", "request.time"].lazy.compactMap { record[$0] as? String }.first,
                "\(scenario.files) record \(records) has no time")
            let seconds = try unixSeconds(time)
            totals.first = min(totals.first, seconds)
            totals.last = max(totals.last, seconds)
            // `response_code: response.code | 200` fails on a non-INT64 code and the instance is dropped
            // (recorded from a real Mixer: Tests/Fixtures/real-mixer/1.1.6/report-1.0-delta.status).
            let codeIsInteger = record["response.code"] == nil || record["response.code"] is NSNumber
            if scenario.promhttpMatches(record) && codeIsInteger { totals.requests += 1 }
            if record["context.protocol"] as? String == "tcp" {
                totals.tcpSent += (record["connection.sent.bytes"] as? NSNumber)?.doubleValue ?? 0
                totals.tcpRecords += 1
            }
        }
        XCTAssertGreaterThan(totals.requests, 0, "\(scenario.files): no request to count")
        // Queried 1 s after the last record, every series must still be in
        // PromQL's default 5-minute lookback, or the sums would miss some.
        XCTAssertLessThan(totals.last + 1 - totals.first, 300, "\(scenario.files) spans more than the lookback")
        return totals
    }

    /// The text a server would scrape (`-o prom`, no timestamps) says the same.
    func checkTextTotals(_ scenario: Scenario, _ expected: Totals) throws {
        let text = try runCommand(["metrics", "--release", scenario.release, "-o", "prom"] + scenario.files).stdout
        let sum = { (metric: String) in
            text.split(separator: "\n").filter { $0.hasPrefix(metric + "{") }.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
        }
        XCTAssertEqual(sum("istio_requests_total"), expected.requests, "-o prom of \(scenario.files)")
        XCTAssertEqual(sum("istio_tcp_sent_bytes_total"), expected.tcpSent, "-o prom of \(scenario.files)")
    }

    /// RFC 3339 in UTC, as the NDJSON writes timestamps
    /// (`2019-05-20T08:12:21.337606871Z`); Foundation's parser stops at
    /// milliseconds, so the fraction is read apart.
    static func unixSeconds(_ text: String) throws -> Double {
        let whole = try XCTUnwrap(text.count >= 20 && text.hasSuffix("Z") ? ISO8601DateFormatter().date(from: text.prefix(19) + "Z") : nil, "time \(text)")
        let fraction = text.dropFirst(19).dropLast()
        return whole.timeIntervalSince1970 + (fraction.isEmpty ? 0 : try XCTUnwrap(Double("0" + fraction), "time \(text)"))
    }
}

/// A failure with the reason as its description (XCTest prints it).
struct PrometheusTestFailure: Error, CustomStringConvertible { var description: String }

enum PromTools {
    /// The binary's path. CI runs install-test-deps.sh first, so there (CI
    /// set, as CI services set it) a missing binary means the script broke
    /// and fails the test; elsewhere the test is skipped and says what to run.
    static func require(_ name: String) throws -> String {
        if let path = ExternalTool.find(name) { return path }
        let message = "\(name) is missing (Debian's prometheus package): bash Scripts/install-test-deps.sh"
        let ci = ProcessInfo.processInfo.environment["CI"] ?? ""
        if !ci.isEmpty && ci != "false" && ci != "0" { throw PrometheusTestFailure(description: message + " (CI is set: not skipped)") }
        throw XCTSkip(message)
    }
}

struct ToolRun { var status: Int32, stdout: String, stderr: String }

/// Runs a program with its output in files, so that neither stream can fill
/// a pipe and stall it.
func runTool(_ path: String, _ arguments: [String], stdin: URL? = nil, in folder: URL) throws -> ToolRun {
    let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
    let err = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
    try Data().write(to: out)
    try Data().write(to: err)
    defer {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
        stderr: try String(contentsOf: err, encoding: .utf8))
}

/// A Prometheus server of the test's own: loopback only, on a free port, no
/// scrape configuration (an empty file), over the backfilled folder. The
/// long retention keeps it from deleting blocks years old at start.
enum PrometheusServer {
    static func start(_ binary: String, data: URL, folder: URL) async throws -> (Process, UInt16) {
        let config = folder.appendingPathComponent("prometheus.yml")
        try Data().write(to: config)
        let log = folder.appendingPathComponent("prometheus.log")
        // A port found free can be taken before the server binds it: then
        // the server exits at once, and another port is tried.
        for _ in 0..<3 {
            let port = try freePort()
            try Data().write(to: log)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(data.path)",
                "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=100000d",
            ]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            if try await waitUntilReady(process, port: port) { return (process, port) }
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard said.contains("address already in use") else {
                stop(process)
                throw PrometheusTestFailure(description: "prometheus did not become ready: \(said.suffix(2000))")
            }
        }
        throw PrometheusTestFailure(description: "prometheus found no free port in 3 tries")
    }

    /// Polls `/-/ready` (200 once the TSDB is open) for up to 60 s; false if
    /// the server exits first.
    private static func waitUntilReady(_ process: Process, port: UInt16) async throws -> Bool {
        let url = URL(string: "http://127.0.0.1:\(port)/-/ready")!
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else { return false }
            if let (_, response) = try? await URLSession.shared.data(from: url), (response as? HTTPURLResponse)?.statusCode == 200 {
                return true
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }

    /// SIGTERM to the server's own pid (it shuts down cleanly), SIGKILL if it
    /// is still running 10 s later.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// The value of an instant query with one sample at most (a `sum`
    /// without `by`), nil for an empty vector.
    static func query(_ port: UInt16, _ expression: String, at time: Double) async throws -> Double? {
        let samples = try await vector(port, expression, at: time)
        guard samples.count <= 1 else { throw PrometheusTestFailure(description: "\(expression): \(samples.count) samples") }
        return samples.first?.value
    }

    /// The samples of an instant query at `time` (Unix seconds); a query
    /// that does not succeed, or answers other than a vector, fails.
    static func vector(_ port: UInt16, _ expression: String, at time: Double) async throws -> [(labels: [String: String], value: Double)] {
        var components = URLComponents(string: "http://127.0.0.1:\(port)/api/v1/query")!
        components.queryItems = [.init(name: "query", value: expression), .init(name: "time", value: String(format: "%.3f", time))]
        let (body, _) = try await URLSession.shared.data(from: components.url!)
        let failure = PrometheusTestFailure(description: "\(expression): \(String(decoding: body, as: UTF8.self))")
        guard let answer = try JSONSerialization.jsonObject(with: body) as? [String: Any], answer["status"] as? String == "success",
            let data = answer["data"] as? [String: Any], data["resultType"] as? String == "vector",
            let result = data["result"] as? [[String: Any]]
        else { throw failure }
        // Each sample: {"metric": {labels}, "value": [time, "value"]}.
        return try result.map { sample in
            guard let labels = sample["metric"] as? [String: String], let value = sample["value"] as? [Any], value.count == 2,
                let number = (value[1] as? String).flatMap(Double.init)
            else { throw failure }
            return (labels, number)
        }
    }

    /// A loopback port the system calls free: bind port 0, read what it gave.
    static func freePort() throws -> UInt16 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw PrometheusTestFailure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard status else { throw PrometheusTestFailure(description: "bind 127.0.0.1:0: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }
}
