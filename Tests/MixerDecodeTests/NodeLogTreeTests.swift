import Foundation
import Testing
@testable import MixerDecode

/// `mixerdecode /var/log/pods`: a node's log tree, rotations and gzip
/// included, each file decoded on its own and named by its kubelet path.
@Suite(.needsProtoc, .needsGzip) struct NodeLogTreeTests {
    /// A temporary directory, removed at the end of the test.
    final class Scratch {
        let url: URL
        init(_ name: String) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ path: String, _ text: String) throws -> URL {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return file
        }
    }

    /// Compresses `file` with the real gzip command (it becomes `file.gz`).
    static func gzip(_ file: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", file.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip is missing: run bash Scripts/install-test-deps.sh")
    }

    static let detailsDirectory = "pods/default_details-v1-6764bbc7f7-2mzxl_8c5e6a3e-7b1f-11e9-8f9e-2a86e4085a59/istio-proxy"
    static let reviewsDirectory = "pods/bookinfo_reviews-v2-7f9c4d8b5-k2x9p_0b1c2d3e-7b1f-11e9-8f9e-2a86e4085a59/istio-proxy"

    /// The tree: details has a gzipped rotation, a plain rotation and its
    /// live file (CRI lines, as containerd writes them); reviews a Docker
    /// JSON file; an application container without any dump.
    static func makeTree(_ scratch: Scratch) throws -> [(path: String, files: [String])] {
        let cri = { (files: [String]) in
            FleetLogs.lines(try FleetLogs.plainLog(files)).map { "\(ShipperShape.time) stderr F \($0)" }.joined(separator: "\n") + "\n"
        }
        let rotated = try scratch.write("\(detailsDirectory)/0.log.20190520-081220", try cri(["report-1.1-http.bin"]))
        try gzip(rotated)
        _ = try scratch.write("\(detailsDirectory)/0.log.20190520-091500", try cri(["check-1.1.bin", "check-response-1.1.bin"]))
        _ = try scratch.write("\(detailsDirectory)/0.log", try cri(["report-1.1-vm-tcp.bin"]))
        let docker = FleetLogs.lines(try FleetLogs.plainLog(["report-1.3-mixed.bin"])).flatMap {
            ShipperShape.spacedDocker.lines($0, pod: .reviews)
        }
        _ = try scratch.write("\(reviewsDirectory)/0.log", docker.joined(separator: "\n") + "\n")
        _ = try scratch.write("pods/default_ratings-v1-5d8b4c6f9-x7z2q_9a8b7c6d/ratings/0.log", "\(ShipperShape.time) stdout F Server listening on: http://0.0.0.0:9080\n")
        // Pod directories in name order (bookinfo_ before default_), each one's files as written.
        return [
            ("\(reviewsDirectory)/0.log", ["report-1.3-mixed.bin"]),
            ("\(detailsDirectory)/0.log.20190520-081220.gz", ["report-1.1-http.bin"]),
            ("\(detailsDirectory)/0.log.20190520-091500", ["check-1.1.bin", "check-response-1.1.bin"]),
            ("\(detailsDirectory)/0.log", ["report-1.1-vm-tcp.bin"]),
        ]
    }

    /// The NDJSON objects of a run, parsed.
    static func objects(_ run: CommandRun) throws -> [[String: Any]] {
        try run.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func aKubeletTreeDecodesFileByFileAsThePlainLogs() throws {
        let scratch = try Scratch("tree")
        let tree = try Self.makeTree(scratch)
        // The tree read as the plain logs are: decoding and the rules, without Mixer's evaluation.
        let run = try runCommand(["-o", "ndjson", "--no-evaluation", scratch.url.appendingPathComponent("pods").path])
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try Self.objects(run)
        // Files in the order they were written: rotations oldest first, then the live file.
        let inputs = objects.map { ($0["input"] as! String).replacingOccurrences(of: scratch.url.path + "/", with: "") }
        var order: [String] = []
        for input in inputs where order.last != input { order.append(input) }
        #expect(order == tree.map(\.path))
        for (path, files) in tree {
            let expected = try FleetLogs.records(FleetLogs.decode(try FleetLogs.plainLog(files)))
            let mine = objects.filter { ($0["input"] as! String).hasSuffix(path) }
            let got = try mine.map { object -> NSDictionary in
                var object = object
                for key in ["input", "line", "logTime", "request", "stream"] { object.removeValue(forKey: key) }
                object["findings"] = (object["findings"] as? [[String: Any]] ?? []).map { $0["code"] as! String }.sorted()
                return object as NSDictionary
            }
            #expect(got == expected, "\(path)")
            let pod = path.hasPrefix(Self.detailsDirectory) ? TestPod.details : TestPod.reviews
            for object in mine {
                let stream = object["stream"] as? [String: String]
                #expect(stream == ["namespace": pod.namespace, "pod": pod.name, "container": "istio-proxy", "stdio": "stderr"], "\(path)")
            }
        }
        #expect(run.stderr.contains("5 log files read"), "\(run.stderr)")
        #expect(run.stderr.contains("4 held Mixer dumps"))
        #expect(!run.stdout.contains("_ratings-v1-5d8b4c6f9"), "a container without dumps says nothing")
    }

    /// /var/log/containers: links named `<pod>_<namespace>_<container>-<id>.log`, pointing into /var/log/pods.
    @Test func containerLinksNameTheirPodAndAreReadOnce() throws {
        let scratch = try Scratch("links")
        _ = try Self.makeTree(scratch)
        let containers = scratch.url.appendingPathComponent("containers")
        try FileManager.default.createDirectory(at: containers, withIntermediateDirectories: true)
        let id = String(repeating: "4f2c", count: 16)
        try FileManager.default.createSymbolicLink(
            atPath: containers.appendingPathComponent("reviews-v2-7f9c4d8b5-k2x9p_bookinfo_istio-proxy-\(id).log").path,
            withDestinationPath: scratch.url.appendingPathComponent("\(Self.reviewsDirectory)/0.log").path)
        let records = try FleetLogs.records(FleetLogs.decode(try FleetLogs.plainLog(["report-1.3-mixed.bin"]))).count
        let linked = try Self.objects(try runCommand(["-o", "ndjson", containers.path]))
        #expect(linked.count == records)
        #expect(linked.allSatisfy { ($0["stream"] as? [String: String])?["pod"] == TestPod.reviews.name })
        #expect(linked.allSatisfy { ($0["stream"] as? [String: String])?["namespace"] == "bookinfo" })

        // The whole of /var/log: the linked file is read once, under its first name.
        let whole = try Self.objects(try runCommand(["-o", "ndjson", scratch.url.path]))
        #expect(whole.filter { ($0["stream"] as? [String: String])?["pod"] == TestPod.reviews.name }.count == records)
    }

    @Test func summarySpansEveryFileAndGlobsAreExpanded() throws {
        let scratch = try Scratch("glob")
        _ = try Self.makeTree(scratch)
        // Quoted: the shell leaves the pattern to mixerdecode.
        let pattern = scratch.url.path + "/pods/*/istio-proxy/0.log"
        let run = try runCommand(["--summary", pattern])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("stream"), "a stream column")
        #expect(run.stdout.contains("default/details-v1-6764bbc7f7-2mzxl/istio-proxy (stderr)"))
        #expect(run.stdout.contains("bookinfo/reviews-v2-7f9c4d8b5-k2x9p/istio-proxy (stderr)"))
        #expect(try runCommand(["--summary", scratch.url.path + "/nothing-*.log"]).status == 2)
    }

    @Test func anUnreadableFileIsReportedAndTheOthersDecoded() throws {
        let scratch = try Scratch("unreadable")
        let good = try scratch.write("good.log", try FleetLogs.plainLog(["report-1.1-vm-tcp.bin"]))
        let run = try runCommand(["-o", "ndjson", scratch.url.appendingPathComponent("missing.log").path, good.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read \(scratch.url.path)/missing.log"))
        #expect(try Self.objects(run).count == 2, "the readable file's 2 records")
    }

    @Test func aCorruptGzipSaysWhereAndKeepsWhatCameBefore() throws {
        let scratch = try Scratch("corrupt")
        var text = try FleetLogs.plainLog(["report-1.1-vm-tcp.bin", "check-1.1.bin"])
        // Enough after the dumps that the damage comes well after them in the compressed bytes.
        for index in 0..<4000 { text += "[2019-05-20 08:12:23.\(index % 1000)][23][debug][http] [C\(index)] \(UUID().uuidString)\n" }
        let file = try scratch.write("istio.log", text)
        try Self.gzip(file)
        let gzipped = scratch.url.appendingPathComponent("istio.log.gz")
        var bytes = try Data(contentsOf: gzipped)
        let size = bytes.count

        let cut = scratch.url.appendingPathComponent("cut.log.gz")
        try bytes.prefix(size * 3 / 4).write(to: cut)
        let cutRun = try runCommand(["-o", "ndjson", cut.path])
        #expect(cutRun.status == 1)
        #expect(cutRun.stderr.contains("the gzip data ends early"))
        #expect(cutRun.stderr.contains("at byte \(size * 3 / 4) of the compressed file"), "\(cutRun.stderr)")
        #expect(try Self.objects(cutRun).count == 3, "the two dumps before the cut: 2 records and a check")

        let damaged = scratch.url.appendingPathComponent("damaged.log.gz")
        for offset in (size / 2)..<(size / 2 + 16) { bytes[offset] ^= 0x5A }
        try bytes.write(to: damaged)
        let damagedRun = try runCommand(["-o", "ndjson", damaged.path])
        #expect(damagedRun.status == 1)
        #expect(damagedRun.stderr.contains("gzip data is corrupt"), "\(damagedRun.stderr)")
        let offset = damagedRun.stderr.split(separator: " ").firstIndex(of: "byte").map { damagedRun.stderr.split(separator: " ")[$0 + 1] }
        let at = Int(offset ?? "") ?? -1
        #expect(at >= size / 2 && at <= size, "the offset points at or after the damage: \(at) of \(size)")
        #expect(try Self.objects(damagedRun).count == 3)
    }

    @Test func versionIsTheLibrarys() throws {
        let run = try runCommand(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == MixerDecodeVersion.current + "\n")
        #expect(MixerDecodeVersion.current.split(separator: ".").count == 3)
    }
}
