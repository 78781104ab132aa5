import Foundation
import MixerDecodeSupport

/// Writes messages as C++ `DebugString()` does, which is what Envoy logs:
/// two-space indent, fields in number order, proto3 defaults left out, map
/// entries one per key (the last) sorted by key with both key and value
/// printed, enums by name, strings C-escaped with octal for every byte
/// outside printable ASCII, doubles as the shortest of %.15g/%.17g that
/// reads back exactly.
public enum TextFormatWriter {
    public static func write(_ report: ReportRequest) -> String {
        var out = Output()
        for record in report.records { out.block("attributes") { write(record, to: &$0) } }
        for word in report.defaultWords { out.field("default_words", quoted(Array(word.utf8))) }
        if report.globalWordCount != 0 { out.field("global_word_count", "\(report.globalWordCount)") }
        if let semantics = report.repeatedAttributesSemantics, semantics != 0 {
            out.field("repeated_attributes_semantics", semantics == 1 ? "INDEPENDENT_ENCODING" : "\(semantics)")
        }
        return out.text
    }

    public static func write(_ check: CheckRequest) -> String {
        var out = Output()
        if check.attributes.entryCount > 0 || !check.attributes.words.isEmpty {
            out.block("attributes") { write(check.attributes, to: &$0) }
        }
        if check.globalWordCount != 0 { out.field("global_word_count", "\(check.globalWordCount)") }
        if !check.deduplicationID.isEmpty { out.field("deduplication_id", quoted(Array(check.deduplicationID.utf8))) }
        for quota in lastPerKeySorted(check.quotas, key: \.name) {
            out.block("quotas") { entry in
                entry.field("key", quoted(Array(quota.name.utf8)))
                entry.block("value") { params in
                    if quota.amount != 0 { params.field("amount", "\(quota.amount)") }
                    if quota.bestEffort { params.field("best_effort", "true") }
                }
            }
        }
        return out.text
    }

    static func write(_ record: CompressedAttributes, to out: inout Output) {
        for word in record.words { out.field("words", quoted(Array(word.utf8))) }
        for entry in sorted(record.strings, key: \.key) {
            out.block("strings") { $0.field("key", "\(entry.key)"); $0.field("value", "\(entry.value)") }
        }
        for entry in sorted(record.int64s, key: \.key) {
            out.block("int64s") { $0.field("key", "\(entry.key)"); $0.field("value", "\(entry.value)") }
        }
        for entry in sorted(record.doubles, key: \.key) {
            out.block("doubles") { $0.field("key", "\(entry.key)"); $0.field("value", double(entry.value)) }
        }
        for entry in sorted(record.bools, key: \.key) {
            out.block("bools") { $0.field("key", "\(entry.key)"); $0.field("value", entry.value ? "true" : "false") }
        }
        for entry in sorted(record.timestamps, key: \.key) {
            out.block("timestamps") { map in
                map.field("key", "\(entry.key)")
                map.block("value") { time(seconds: entry.value.seconds, nanos: entry.value.nanos, to: &$0) }
            }
        }
        for entry in sorted(record.durations, key: \.key) {
            out.block("durations") { map in
                map.field("key", "\(entry.key)")
                map.block("value") { time(seconds: entry.value.seconds, nanos: entry.value.nanos, to: &$0) }
            }
        }
        for entry in sorted(record.bytes, key: \.key) {
            out.block("bytes") { $0.field("key", "\(entry.key)"); $0.field("value", quoted(entry.value)) }
        }
        for entry in sorted(record.stringMaps, key: \.key) {
            out.block("string_maps") { map in
                map.field("key", "\(entry.key)")
                map.block("value") { stringMap in
                    for pair in sorted(entry.entries, key: \.key) {
                        stringMap.block("entries") { $0.field("key", "\(pair.key)"); $0.field("value", "\(pair.value)") }
                    }
                }
            }
        }
    }

    private static func time(seconds: Int64, nanos: Int32, to out: inout Output) {
        if seconds != 0 { out.field("seconds", "\(seconds)") }
        if nanos != 0 { out.field("nanos", "\(nanos)") }
    }

    /// One entry per key, the last sent, in key order: a protobuf map.
    private static func sorted<Entry>(_ entries: some Collection<Entry>, key: (Entry) -> Int32) -> [Entry] {
        LastPerKey.sorted(Array(entries)) { key($0) < key($1) }
    }

    /// The same for string keys, in byte order as C++ sorts them.
    static func lastPerKeySorted<Entry>(_ entries: [Entry], key: (Entry) -> String) -> [Entry] {
        LastPerKey.sorted(entries) { LastPerKey.bytewise(key($0), key($1)) }
    }

    /// C++ `CEscape`: `\n \r \t \" \' \\`, and three-digit octal for every
    /// other byte outside 0x20-0x7E (UTF-8 included).
    static func quoted(_ bytes: some Sequence<UInt8>) -> String {
        var out = "\""
        for byte in bytes {
            switch byte {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x22: out += "\\\""
            case 0x27: out += "\\'"
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + "\""
    }

    /// C++ `SimpleDtoa`: %.15g when that reads back exactly, else %.17g.
    static func double(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let short = String(format: "%.15g", value)
        return Double(short) == value ? short : String(format: "%.17g", value)
    }

    /// Lines with two-space indentation per level.
    struct Output {
        private(set) var text = ""
        private var indent = ""

        mutating func field(_ name: String, _ value: String) {
            text += "\(indent)\(name): \(value)\n"
        }

        mutating func block(_ name: String, _ body: (inout Output) -> Void) {
            text += "\(indent)\(name) {\n"
            let outer = indent
            indent += "  "
            body(&self)
            indent = outer
            text += "\(indent)}\n"
        }
    }
}
