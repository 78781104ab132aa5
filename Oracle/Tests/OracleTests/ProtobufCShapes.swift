import Foundation
import MixerDecode
import MixerProtobufC

/// Both decoders' results as the same canonical lines, for comparison:
/// one line per field value, map entries in wire order, doubles as bit
/// patterns, bytes in hex.
///
/// protobuf-c keeps strings as NUL-terminated C strings, so a string with an
/// embedded NUL is compared up to that NUL on both sides; invalid UTF-8 is
/// repaired with U+FFFD on both sides (protobuf-c does not check it either).
enum Shape {
    static func cString(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    static func ours(_ text: String) -> String {
        String(text.prefix { $0 != "\0" })
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: protobuf-c

    static func lines(_ report: Istio__Mixer__V1__ReportRequest) -> [String] {
        var out = ["records \(report.n_attributes)"]
        for index in 0..<report.n_attributes {
            out += lines(record: report.attributes[index]!.pointee, prefix: "record \(index)")
        }
        for index in 0..<report.n_default_words { out.append("default_word \(cString(report.default_words[index]))") }
        out.append("count \(report.global_word_count)")
        out.append("semantics \(report.repeated_attributes_semantics.rawValue)")
        return out
    }

    static func lines(_ check: Istio__Mixer__V1__CheckRequest) -> [String] {
        var out = check.attributes.map { lines(record: $0.pointee, prefix: "record 0") } ?? []
        out.append("count \(check.global_word_count)")
        out.append("dedup \(cString(check.deduplication_id))")
        for index in 0..<check.n_quotas {
            let entry = check.quotas[index]!.pointee
            let params = entry.value.map { "\($0.pointee.amount) \($0.pointee.best_effort != 0)" } ?? "0 false"
            out.append("quota \(cString(entry.key)) \(params)")
        }
        return out
    }

    static func lines(record: Istio__Mixer__V1__CompressedAttributes, prefix: String) -> [String] {
        var out: [String] = []
        for i in 0..<record.n_words { out.append("\(prefix) word \(cString(record.words[i]))") }
        for i in 0..<record.n_strings { let e = record.strings[i]!.pointee; out.append("\(prefix) strings \(e.key)=\(e.value)") }
        for i in 0..<record.n_int64s { let e = record.int64s[i]!.pointee; out.append("\(prefix) int64s \(e.key)=\(e.value)") }
        for i in 0..<record.n_doubles {
            let e = record.doubles[i]!.pointee
            out.append("\(prefix) doubles \(e.key)=\(e.value.bitPattern)")
        }
        for i in 0..<record.n_bools { let e = record.bools[i]!.pointee; out.append("\(prefix) bools \(e.key)=\(e.value != 0)") }
        for i in 0..<record.n_timestamps {
            let e = record.timestamps[i]!.pointee
            out.append("\(prefix) timestamps \(e.key)=\(e.value?.pointee.seconds ?? 0),\(e.value?.pointee.nanos ?? 0)")
        }
        for i in 0..<record.n_durations {
            let e = record.durations[i]!.pointee
            out.append("\(prefix) durations \(e.key)=\(e.value?.pointee.seconds ?? 0),\(e.value?.pointee.nanos ?? 0)")
        }
        for i in 0..<record.n_bytes {
            let e = record.bytes[i]!.pointee
            out.append("\(prefix) bytes \(e.key)=\(hex(UnsafeBufferPointer(start: e.value.data, count: e.value.len)))")
        }
        for i in 0..<record.n_string_maps {
            let e = record.string_maps[i]!.pointee
            var pairs: [String] = []
            if let map = e.value?.pointee {
                for j in 0..<map.n_entries { let p = map.entries[j]!.pointee; pairs.append("\(p.key):\(p.value)") }
            }
            out.append("\(prefix) string_maps \(e.key)=[\(pairs.joined(separator: ","))]")
        }
        return out
    }

    // MARK: mixerdecode

    static func lines(_ report: ReportRequest) -> [String] {
        var out = ["records \(report.records.count)"]
        for (index, record) in report.records.enumerated() { out += lines(record: record, prefix: "record \(index)") }
        for word in report.defaultWords { out.append("default_word \(ours(word))") }
        out.append("count \(report.globalWordCount)")
        out.append("semantics \(report.repeatedAttributesSemantics ?? 0)")
        return out
    }

    static func lines(_ check: CheckRequest, hasAttributes: Bool) -> [String] {
        var out = hasAttributes ? lines(record: check.attributes, prefix: "record 0") : []
        out.append("count \(check.globalWordCount)")
        out.append("dedup \(ours(check.deduplicationID))")
        for quota in check.quotas { out.append("quota \(ours(quota.name)) \(quota.amount) \(quota.bestEffort)") }
        return out
    }

    static func lines(record: CompressedAttributes, prefix: String) -> [String] {
        var out: [String] = []
        for word in record.words { out.append("\(prefix) word \(ours(word))") }
        for e in record.strings { out.append("\(prefix) strings \(e.key)=\(e.value)") }
        for e in record.int64s { out.append("\(prefix) int64s \(e.key)=\(e.value)") }
        for e in record.doubles { out.append("\(prefix) doubles \(e.key)=\(e.value.bitPattern)") }
        for e in record.bools { out.append("\(prefix) bools \(e.key)=\(e.value)") }
        for e in record.timestamps { out.append("\(prefix) timestamps \(e.key)=\(e.value.seconds),\(e.value.nanos)") }
        for e in record.durations { out.append("\(prefix) durations \(e.key)=\(e.value.seconds),\(e.value.nanos)") }
        for e in record.bytes { out.append("\(prefix) bytes \(e.key)=\(hex(e.value))") }
        for e in record.stringMaps {
            out.append("\(prefix) string_maps \(e.key)=[\(e.entries.map { "\($0.key):\($0.value)" }.joined(separator: ","))]")
        }
        return out
    }
}
