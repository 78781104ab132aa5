import Foundation
import MixerDecode
import MixerProtobufC
import Testing

/// libprotobuf-c, an independent decoder generated from the same Protos/,
/// against the hand-written one: on every Corpus binary and on seeded
/// mutations of each, both must accept or reject alike, and when both accept
/// they must agree on every field.
///
/// Deliberate differences, each named here and tested below:
/// - a known field with the wrong wire type: protobuf-c rejects the message,
///   or, for some scalar types, reads the value anyway (a bool sent
///   length-delimited becomes "any byte non-zero"); mixerdecode skips the
///   field as unknown (as C++ and Go protobuf do) and notes it
///   (`unknown-field`, "expected ...");
/// - groups in unknown fields: protobuf-c cannot skip them and rejects;
///   mixerdecode skips them (they are legal wire format);
/// - a 10-byte varint whose last byte is above 1 (more than 64 bits):
///   protobuf-c drops the excess bits; mixerdecode rejects it (as Go does);
/// - mixerdecode's limits (depth, entries, size) reject what protobuf-c reads.
enum Oracle {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let inputs: [String] = ["binary", "broken"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Corpus/\(folder)").path)) ?? [])
            .filter { $0.hasSuffix(".bin") }
            .sorted().map { "Corpus/\(folder)/\($0)" }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    enum Verdict: Equatable {
        case agree
        case leniency(String)
        case disagree(String)
    }

    enum Kind { case report, check, checkResponse, attributes }

    static func kind(of input: String) -> Kind {
        if input.contains("/check-response") { return .checkResponse }
        if input.contains("/check-") { return .check }
        if input.contains("/attributes-") { return .attributes }
        return .report
    }

    static func compare(_ bytes: [UInt8], kind: Kind) -> Verdict {
        switch kind {
        case .report: return compare(bytes, isCheck: false)
        case .check: return compare(bytes, isCheck: true)
        case .checkResponse:
            let ours = WireDecoder().decodeCheckResponse(bytes)
            let theirs = bytes.withUnsafeBufferPointer { istio__mixer__v1__check_response__unpack(nil, bytes.count, $0.baseAddress) }
            defer { istio__mixer__v1__check_response__free_unpacked(theirs, nil) }
            return judge(ours.findings, ours.isComplete, theirs.map { Shape.lines($0.pointee) }) { Shape.lines(ours.message) }
        case .attributes:
            let ours = WireDecoder().decodeAttributes(bytes)
            let theirs = bytes.withUnsafeBufferPointer { istio__mixer__v1__attributes__unpack(nil, bytes.count, $0.baseAddress) }
            defer { istio__mixer__v1__attributes__free_unpacked(theirs, nil) }
            return judge(ours.findings, ours.isComplete, theirs.map { Shape.lines($0.pointee) }) { Shape.lines(ours.message) }
        }
    }

    /// Compares the two decoders on one message.
    static func compare(_ bytes: [UInt8], isCheck: Bool) -> Verdict {
        if isCheck {
            let ours = WireDecoder().decodeCheckRequest(bytes)
            let theirs = bytes.withUnsafeBufferPointer { istio__mixer__v1__check_request__unpack(nil, bytes.count, $0.baseAddress) }
            defer { istio__mixer__v1__check_request__free_unpacked(theirs, nil) }
            let hasAttributes = theirs?.pointee.attributes != nil
            return judge(ours.findings, ours.isComplete, theirs.map { Shape.lines($0.pointee) }) {
                Shape.lines(ours.message, hasAttributes: hasAttributes)
            }
        }
        let ours = WireDecoder().decodeReportRequest(bytes)
        let theirs = bytes.withUnsafeBufferPointer { istio__mixer__v1__report_request__unpack(nil, bytes.count, $0.baseAddress) }
        defer { istio__mixer__v1__report_request__free_unpacked(theirs, nil) }
        return judge(ours.findings, ours.isComplete, theirs.map { Shape.lines($0.pointee) }) { Shape.lines(ours.message) }
    }

    static func judge(_ findings: [Finding], _ complete: Bool, _ theirs: [String]?, _ ours: () -> [String]) -> Verdict {
        let wrongWireType = findings.contains { $0.code == .unknownField && $0.message.contains(", expected ") }
        let group = findings.contains { $0.code == .unknownField && $0.message.contains("startGroup") }
        let overflow = findings.contains { $0.message.contains("above 64 bits") }
        let limit = findings.contains { $0.code == .limitExceeded }
        switch (complete, theirs) {
        case (true, let theirs?):
            let mine = ours()
            if mine == theirs { return .agree }
            if wrongWireType { return .leniency("wrong wire type read by protobuf-c") }
            let first = zip(mine, theirs).first { $0 != $1 }
            return .disagree("fields differ: ours \(first?.0 ?? "(\(mine.count) lines)"), protobuf-c \(first?.1 ?? "(\(theirs.count) lines)")")
        case (false, nil):
            return .agree
        case (true, nil):
            if wrongWireType { return .leniency("wrong wire type skipped") }
            if group { return .leniency("group skipped") }
            return .disagree("protobuf-c rejects what mixerdecode accepts: \(findings.map(\.message))")
        case (false, _?):
            if overflow { return .leniency("varint above 64 bits rejected") }
            if limit { return .leniency("limit") }
            return .disagree("mixerdecode rejects what protobuf-c accepts: \(findings.map(\.message))")
        }
    }

    /// A deterministic mutation (bit flips, truncation, inserted bytes, varint edits).
    static func mutate(_ bytes: [UInt8], seed: inout UInt64) -> [UInt8] {
        func next() -> Int {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var out = bytes
        guard !out.isEmpty else { return out }
        switch next() % 5 {
        case 0: for _ in 0...(next() % 4) { out[next() % out.count] ^= UInt8(1 << (next() % 8)) }
        case 1: out.removeLast(next() % out.count)
        case 2: out.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, UInt8(next() % 4)], at: next() % out.count)
        case 3: out[next() % out.count] = UInt8(truncatingIfNeeded: next())
        default:
            let start = next() % out.count
            out.insert(contentsOf: out[start..<min(out.count, start + 1 + next() % 32)], at: next() % out.count)
        }
        return out
    }
}

@Suite struct DifferentialTests {
    @Test func corpusIsPresent() {
        #expect(Oracle.inputs.count >= 30)
    }

    @Test(arguments: Oracle.inputs)
    func corpusAndMutationsAgree(_ input: String) throws {
        let original = try Oracle.bytes(input)
        let kind = Oracle.kind(of: input)
        var seed = UInt64(truncatingIfNeeded: input.utf8.reduce(5381) { $0 &* 33 &+ Int($1) })
        var leniencies: [String: Int] = [:]
        for round in 0...2000 {
            let bytes = round == 0 ? original : Oracle.mutate(original, seed: &seed)
            switch Oracle.compare(bytes, kind: kind) {
            case .agree: break
            case .leniency(let reason): leniencies[reason, default: 0] += 1
            case .disagree(let why): Issue.record("\(input) mutation \(round): \(why); input: \(Shape.hex(bytes))")
            }
        }
        if round0Leniency(input) { #expect(!leniencies.isEmpty, "\(input) is built to show a leniency") }
    }

    /// Corpus files made with the wire view that protobuf-c is expected to refuse.
    private func round0Leniency(_ input: String) -> Bool {
        input.hasSuffix("report-unknown-fields.bin")
    }

    /// The encoder's output is read by protobuf-c as it is by mixerdecode.
    @Test(arguments: Oracle.inputs.filter { $0.hasPrefix("Corpus/binary/report-") })
    func protobufCReadsTheEncoderOutput(_ input: String) throws {
        var records: [[Attribute]] = []
        InputDecoder().decode(try Oracle.bytes(input), inputName: input) { request in
            records += request.records.map { $0.attributes.attributeList() }
        }
        for dictionary in [GlobalDictionary.newest, GlobalDictionary(release: "0.8")!] {
            for semantics in [RepeatedAttributesSemantics.independent, .delta] {
                let report = AttributeEncoder(dictionary: dictionary, semantics: semantics).encodeReport(records)
                #expect(Oracle.compare(WireEncoder.encode(report), isCheck: false) == .agree, "\(input)")
            }
        }
    }

    @Test func deliberateDifferencesAreWhatTheyClaim() {
        // A known field with the wrong wire type: global_word_count (3) as bytes.
        #expect(Oracle.compare([0x1A, 0x01, 0x00], isCheck: false) == .leniency("wrong wire type skipped"))
        // A bool value sent length-delimited: protobuf-c reads its bytes as the bool.
        let entry: [UInt8] = [0x08, 0x3A, 0x12, 0x01, 0x01]
        #expect(Oracle.compare([0x0A, 0x07, 0x2A, 0x05] + entry, isCheck: false) == .leniency("wrong wire type read by protobuf-c"))
        // A group in an unknown field.
        #expect(Oracle.compare([0x7B, 0x7C], isCheck: false) == .leniency("group skipped"))
        // A varint above 64 bits in global_word_count.
        #expect(Oracle.compare([0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x03], isCheck: false)
            == .leniency("varint above 64 bits rejected"))
    }
}
