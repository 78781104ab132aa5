import Foundation
import MixerDecode

public enum WorkloadSize: Sendable {
    /// Messages until their wire bytes reach this many megabytes.
    case megabytes(Double)
    /// Messages until they hold this many records.
    case records(Int)
}

/// Wire messages of one scenario, made deterministically: the scenario's
/// Corpus records cycled, each copy with a fresh id, encoded by the
/// library's encoder.
public struct BinaryWorkload: Sendable {
    public let scenario: Scenario
    public let messages: [[UInt8]]
    public var recordsPerMessage: Int { scenario.recordsPerMessage }
    /// Map entries on the wire, string-map pairs included: the unit of work.
    public let entries: Int
    /// Attributes on the wire, over all records (a string map counts once).
    let sentAttributes: Int
    /// Attributes Mixer dispatches, over all records (delta batches replayed).
    let dispatchedAttributes: Int

    public var bytes: Int { messages.reduce(0) { $0 + $1.count } }
    public var records: Int { messages.count * recordsPerMessage }

    public init(_ scenario: Scenario, size: WorkloadSize) {
        self.scenario = scenario
        let dictionary = GlobalDictionary(release: scenario.release)!
        var messages: [[UInt8]] = []
        var entries = 0
        var sent = 0
        var dispatched = 0
        var bytes = 0
        func reached() -> Bool {
            switch size {
            case .megabytes(let megabytes): Double(bytes) >= megabytes * 1_000_000
            case .records(let count): messages.count * scenario.recordsPerMessage >= count
            }
        }
        switch scenario.message {
        case .report(let semantics):
            var copies = RecordCopies(Corpus.reportRecords(scenario.corpusFiles))
            let encoder = AttributeEncoder(dictionary: dictionary, semantics: semantics)
            while !reached() {
                let batch = (0..<scenario.recordsPerMessage).map { _ in copies.next() }
                let report = encoder.encodeReport(batch)
                messages.append(WireEncoder.encode(report))
                entries += report.records.reduce(0) { $0 + $1.mapEntries }
                sent += report.records.reduce(0) { $0 + $1.entryCount }
                dispatched += Self.dispatchedAttributes(batch, semantics: semantics)
                bytes += messages.last!.count
            }
        case .check:
            let corpus = Corpus.checkRequest(scenario.corpusFiles[0])
            var copies = RecordCopies([corpus.attributes])
            let encoder = AttributeEncoder(dictionary: dictionary)
            while !reached() {
                let record = copies.next()
                let check = encoder.encodeCheck(record, deduplicationID: "dedup-\(copies.serial)", quotas: corpus.quotas)
                messages.append(WireEncoder.encode(check))
                entries += check.attributes.mapEntries
                sent += check.attributes.entryCount
                dispatched += record.count
                bytes += messages.last!.count
            }
        }
        self.messages = messages
        self.entries = entries
        self.sentAttributes = sent
        self.dispatchedAttributes = dispatched
    }

    /// One line on what a message looks like, so that per-entry and per-byte
    /// figures can be compared across workloads.
    public var shape: String {
        let kind = if case .check = scenario.message { "requests" } else { "batches" }
        var line = String(
            format: "%@: %d %@ of %d record%@, %.1f map entries a record, %.1f bytes an entry, %.1f MB",
            scenario.name, messages.count, kind, recordsPerMessage, recordsPerMessage == 1 ? "" : "s",
            Double(entries) / Double(records), Double(bytes) / Double(entries), Double(bytes) / 1e6)
        switch scenario.message {
        case .check:
            line += "; each request carries its own message words, a deduplication id and a quota"
        case .report(.delta):
            line += String(
                format: "; delta: a record sends %.1f of its %.1f attributes, what changed (a string map whole)",
                Double(sentAttributes) / Double(records), Double(dispatchedAttributes) / Double(records))
        case .report:
            break
        }
        return line
    }

    /// A delta batch dispatches, for each record, everything sent so far in the batch.
    private static func dispatchedAttributes(_ batch: [[Attribute]], semantics: RepeatedAttributesSemantics) -> Int {
        guard semantics == .delta else { return batch.reduce(0) { $0 + $1.count } }
        var names: Set<String> = []
        return batch.reduce(0) { sum, record in
            names.formUnion(record.map(\.name))
            return sum + names.count
        }
    }
}

/// The Corpus records in turn, each copy with a fresh request or connection
/// id, as consecutive requests through one proxy have.
struct RecordCopies {
    let records: [[Attribute]]
    private(set) var serial = 0

    init(_ records: [[Attribute]]) { self.records = records }

    mutating func next() -> [Attribute] {
        let record = records[serial % records.count]
        serial += 1
        return record.map { attribute in
            attribute.name == "request.id" || attribute.name == "connection.id"
                ? Attribute(name: attribute.name, value: .string("id-\(serial)")) : attribute
        }
    }
}

extension CompressedAttributes {
    /// Entries of the nine maps plus the pairs inside string maps.
    var mapEntries: Int { entryCount + stringMaps.reduce(0) { $0 + $1.entries.count } }
}
