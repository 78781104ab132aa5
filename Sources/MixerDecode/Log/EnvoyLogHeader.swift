import MixerDecodeSupport

/// Envoy's line headers across Istio releases (docs/protocol.md §7):
///
///     0.8, 1.0   [2018-10-03 08:47:42.958][95][debug][grpc] src/envoy/utils/grpc_transport.cc:45] MESSAGE
///     1.1-1.3    [2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] MESSAGE
///     1.4, 1.5   [Envoy (Epoch 0)] [2019-...][23][debug][grpc] [src/...:45] MESSAGE
///     1.6        2020-06-29T21:28:00.395123Z<TAB>debug<TAB>envoy grpc<TAB>[src/...:43] MESSAGE
///     1.7        2020-06-29T21:28:00.395123Z<TAB>debug<TAB>envoy grpc<TAB>MESSAGE
///     glog       [libprotobuf ERROR src/istio/mixerclient/check_cache.cc:151] MESSAGE
enum EnvoyLogHeader {
    struct Parsed {
        /// The timestamp as written ("2019-05-20 08:12:20.125", "2020-06-29T21:28:00.395123Z").
        var time: String?
        /// Where the message starts in the line.
        var messageStart: Int
    }

    /// The header of `line`, or nil when the line does not start with one.
    static func parse(_ line: ArraySlice<UInt8>) -> Parsed? {
        // Every header starts with '[' or a date's first digit: the lines of
        // a dump (indented, or a field name) are turned away at once.
        guard let first = line.first, first == UInt8(ascii: "[") || ByteSearch.isDigit(first) else { return nil }
        var index = line.startIndex
        if ByteSearch.hasPrefix(Patterns.envoyEpochHeader, line) {
            guard let close = line[index...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            index = close + 1
            while index < line.endIndex && line[index] == 0x20 { index += 1 }
        }
        if index < line.endIndex, line[index] == UInt8(ascii: "["), ByteSearch.isDate(line, at: index + 1) {
            guard let close = line[index...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let time = String(decoding: line[(index + 1)..<close], as: UTF8.self)
            // [tid][level][logger] then an optional "[path:line] " or "path:line] ".
            var cursor = close + 1
            for _ in 0..<3 {
                guard cursor < line.endIndex, line[cursor] == UInt8(ascii: "["),
                      let end = line[cursor...].firstIndex(of: UInt8(ascii: "]"))
                else { break }
                cursor = end + 1
            }
            return Parsed(time: time, messageStart: skipSourceLocation(line, from: cursor))
        }
        if ByteSearch.isDate(line, at: index), index + 10 < line.endIndex, line[index + 10] == UInt8(ascii: "T"),
           let tab = line[index...].prefix(40).firstIndex(of: 0x09)
        {
            let time = String(decoding: line[index..<tab], as: UTF8.self)
            // level<TAB>envoy logger<TAB>
            var cursor = tab + 1
            for _ in 0..<2 {
                guard let next = line[cursor...].prefix(64).firstIndex(of: 0x09) else { break }
                cursor = next + 1
            }
            return Parsed(time: time, messageStart: skipSourceLocation(line, from: cursor))
        }
        if ByteSearch.hasPrefix(Patterns.libprotobufHeader, line[index...]),
           let close = line[index...].firstIndex(of: UInt8(ascii: "]"))
        {
            return Parsed(time: nil, messageStart: skipSpaces(line, from: close + 1))
        }
        return nil
    }

    /// Skips ` [src/file.cc:45] ` or ` src/file.cc:45] ` (0.8/1.0 have no `[`).
    private static func skipSourceLocation(_ line: ArraySlice<UInt8>, from start: Int) -> Int {
        var cursor = skipSpaces(line, from: start)
        let window = line[cursor...].prefix(200)
        if let close = window.firstIndex(of: UInt8(ascii: "]")), close + 1 <= line.endIndex,
           window[..<close].contains(UInt8(ascii: ":")), !window[..<close].contains(0x20)
        {
            cursor = close + 1
        }
        return skipSpaces(line, from: cursor)
    }

    private static func skipSpaces(_ line: ArraySlice<UInt8>, from start: Int) -> Int {
        var cursor = start
        while cursor < line.endIndex && (line[cursor] == 0x20 || line[cursor] == 0x09) { cursor += 1 }
        return cursor
    }
}
