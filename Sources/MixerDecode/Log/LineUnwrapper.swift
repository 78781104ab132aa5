/// Takes off what tools wrap around each physical log line, so that the
/// rest of the reader sees Envoy's own line:
///
/// - Docker's json-file driver: `{"log":"<line>\n","stream":"stderr","time":"..."}`;
///   a line Docker split (over 16 KiB) has no `\n` at the end of its "log" value;
/// - log viewers' prefixes: `ns/pod[container]: ` and `[pod container] `
///   (also `kubectl logs --prefix`'s `[pod/name/container] `);
/// - `kubectl logs --timestamps`: an RFC 3339 timestamp and a space;
/// - a trailing carriage return (CRLF).
struct LineUnwrapper {
    struct Unwrapped {
        /// Envoy's line (a slice of the physical line, or of Docker's decoded string).
        var content: ArraySlice<UInt8>
        /// Where `content` starts in the physical line (0-based), for columns.
        var columnOffset: Int
        /// The timestamp a wrapper added (kubectl or Docker), if any.
        var wrapperTime: String?
        /// Docker split this line: the next entry continues it.
        var continues: Bool = false
    }

    static func unwrap(_ line: ArraySlice<UInt8>) -> Unwrapped {
        var bytes = line
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        // Every wrapper starts with '{', '[', a digit or a name without
        // spaces: a line starting with white space (a dump's indented line,
        // most lines of a log) has none, so it is passed on untouched.
        if let first = bytes.first, first == 0x20 || first == 0x09 {
            return Unwrapped(content: bytes, columnOffset: 0, wrapperTime: nil)
        }
        var wrapperTime: String?
        var continues = false
        // Columns count from here: the physical line, or for Docker the
        // decoded "log" string (Envoy's own line; its escapes undone, so
        // positions in the JSON text would not match it anyway).
        var columnBase = line.startIndex
        if ByteSearch.hasPrefix(Patterns.dockerStart, bytes), let docker = DockerJSONLine.parse(bytes) {
            bytes = docker.log[...]
            columnBase = bytes.startIndex
            wrapperTime = docker.time
            continues = !docker.endsLine
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
        }
        // A viewer prefix and a kubectl timestamp can both be there, in either order.
        for _ in 0..<2 {
            if let rest = stripViewerPrefix(bytes) {
                bytes = rest
            } else if let (rest, time) = stripKubectlTimestamp(bytes) {
                bytes = rest
                wrapperTime = wrapperTime ?? time
            }
        }
        return Unwrapped(
            content: bytes, columnOffset: bytes.startIndex - columnBase, wrapperTime: wrapperTime, continues: continues)
    }

    /// `ns/pod[container]: ` or `[pod container] ` / `[pod/name/container] `.
    static func stripViewerPrefix(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.endIndex,
                  bytes[close + 1] == 0x20
            else { return nil }
            let inside = bytes[(bytes.startIndex + 1)..<close]
            // Not Envoy's own brackets: a date, "Envoy (Epoch N)", or "libprotobuf ...".
            guard let head = inside.first, !ByteSearch.isDigit(head),
                  !ByteSearch.hasPrefix(Patterns.envoyEpoch, inside),
                  !ByteSearch.hasPrefix(Patterns.libprotobuf, inside),
                  !inside.contains(UInt8(ascii: ":")),
                  inside.contains(0x20) || inside.contains(UInt8(ascii: "/"))
            else { return nil }
            return bytes[(close + 2)...]
        }
        // ns/pod[container]: with no spaces before the colon.
        guard let marker = ByteSearch.firstIndex(of: Patterns.viewerColon, in: bytes.prefix(300)) else { return nil }
        let head = bytes[bytes.startIndex..<marker]
        guard let open = head.firstIndex(of: UInt8(ascii: "[")), head[..<open].contains(UInt8(ascii: "/")),
              !head.contains(0x20), !head.contains(0x09)
        else { return nil }
        return bytes[(marker + 3)...]
    }

    /// `2019-05-20T08:12:20.125365976Z ` (a space, not Envoy 1.6's tab).
    static func stripKubectlTimestamp(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, String)? {
        let start = bytes.startIndex
        guard ByteSearch.isDate(bytes, at: start), start + 11 < bytes.endIndex, bytes[start + 10] == UInt8(ascii: "T"),
              let space = bytes.prefix(45).firstIndex(of: 0x20)
        else { return nil }
        let stamp = bytes[start..<space]
        guard stamp.last == UInt8(ascii: "Z") || stamp.dropLast(6).last.map(ByteSearch.isDigit) == true,
              !stamp.contains(0x09)
        else { return nil }
        return (bytes[(space + 1)...], String(decoding: stamp, as: UTF8.self))
    }
}

/// One line of Docker's json-file log driver.
enum DockerJSONLine {
    struct Entry {
        var log: [UInt8]
        var time: String?
        /// The "log" value ends with `\n` (Docker splits longer lines without it).
        var endsLine: Bool
    }

    /// Reads the "log" and "time" strings; nil when the line is not such an object.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Entry? {
        var index = bytes.startIndex + 8  // after {"log":"
        guard let log = readString(bytes, from: &index) else { return nil }
        var time: String?
        if let key = ByteSearch.firstIndex(of: Patterns.dockerTime, in: bytes[index...]) {
            var timeIndex = key + 8
            time = readString(bytes, from: &timeIndex).map { String(decoding: $0, as: UTF8.self) }
        }
        let endsLine = log.last == 0x0A
        return Entry(log: endsLine ? Array(log.dropLast()) : log, time: time, endsLine: endsLine)
    }

    /// A JSON string body from `index` (just after its opening quote) to its closing quote.
    private static func readString(_ bytes: ArraySlice<UInt8>, from index: inout Int) -> [UInt8]? {
        var out: [UInt8] = []
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return out }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard index < bytes.endIndex else { return nil }
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.endIndex,
                      let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
                else { return nil }
                index += 4
                var scalar = code
                // A surrogate pair: \uD83D\uDE00.
                if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.endIndex, bytes[index] == UInt8(ascii: "\\"),
                   let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
                   (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: out.append(escaped)
            }
        }
        return nil
    }
}

/// Byte patterns the log reader looks for on every line, made once.
enum Patterns {
    static let dockerStart = Array(#"{"log":""#.utf8)
    static let dockerTime = Array(#""time":""#.utf8)
    static let envoyEpoch = Array("Envoy (".utf8)
    static let envoyEpochHeader = Array("[Envoy (Epoch ".utf8)
    static let libprotobuf = Array("libprotobuf".utf8)
    static let libprotobufHeader = Array("[libprotobuf ".utf8)
    static let viewerColon = Array("]: ".utf8)
}
