import MixerDecodeSupport

/// Takes off what tools wrap around each physical log line, so that the
/// rest of the reader sees Envoy's own line, and says whose line it is:
///
/// - a JSON object from a log shipper (`JSONRecord`: Docker's json-file,
///   Fluent Bit, Vector, Loki, journald), whatever its key order and white
///   space; a line Docker split (over 16 KiB) has no `\n` at the end of its
///   "log" value. A record that names a stream but has no log text is
///   skipped; an object with neither is an application's own line, read as is;
/// - the CRI format of `/var/log/pods` (`CRILine`): `<time> stderr F <line>`;
/// - log viewers' prefixes, which name the pod: `ns/pod[container]: ` and
///   `[pod container] ` (also `kubectl logs --prefix`'s `[pod/name/container] `);
/// - `kubectl logs --timestamps`: an RFC 3339 timestamp and a space;
/// - a trailing carriage return (CRLF).
///
/// Wrappers may nest (a Loki line holding a Docker JSON line, which holds a
/// viewer prefix): each is taken off in turn, up to `maxNesting` shippers.
struct LineUnwrapper {
    struct Unwrapped {
        /// Envoy's line (a slice of the physical line, or of a decoded JSON string).
        var content: ArraySlice<UInt8>
        /// Where `content` starts in the physical line (0-based), for columns.
        var columnOffset: Int
        /// The timestamp a wrapper added (kubectl, Docker, CRI, a shipper), if any.
        var wrapperTime: WrapperTime?
        /// Docker or CRI split this line: the stream's next entry continues it.
        var continues: Bool = false
        /// Whose line it is, when a wrapper says (nil: the input's own stream).
        var stream: LogStream? = nil
        /// False for a JSON object that carries no log text: there is nothing to read.
        var hasLogText = true
        /// The content was decoded from a JSON string, and may hold line breaks.
        var mayHoldNewlines = false
    }

    /// Shippers' wrappers taken off one line at most (JSON in JSON in CRI).
    static let maxNesting = 3

    /// `standard`: the reader's own stdout and stderr streams.
    static func unwrap(_ line: ArraySlice<UInt8>, standard: LogStream.StandardStreams) -> Unwrapped {
        var bytes = line
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        // Every wrapper starts with '{', '[', a digit or a name without
        // spaces: a line starting with white space (a dump's indented line,
        // most lines of a log) has none, so it is passed on untouched.
        if let first = bytes.first, first == 0x20 || first == 0x09 {
            return Unwrapped(content: bytes, columnOffset: 0, wrapperTime: nil)
        }
        var result = Unwrapped(content: bytes, columnOffset: 0, wrapperTime: nil)
        // Columns count from here: the physical line, or for JSON the decoded
        // string (Envoy's own line; its escapes undone, so positions in the
        // JSON text would not match it anyway).
        var columnBase = line.startIndex
        for _ in 0..<maxNesting {
            guard let first = result.content.first else { break }
            if first == UInt8(ascii: "{"), let record = JSONRecord.parse(result.content), record.isShipperRecord {
                guard apply(record, to: &result) else { return result }
                columnBase = result.content.startIndex
            } else if ByteSearch.isDigit(first), let entry = CRILine.parse(result.content) {
                result.content = entry.content
                result.wrapperTime = WrapperTime(bytes: entry.time)
                result.stream = standard.stream(entry.stdio).filled(from: result.stream)
                result.continues = entry.partial
            } else {
                break
            }
        }
        stripViewerPrefixAndTimestamp(&result)
        result.columnOffset = result.content.startIndex - columnBase
        return result
    }

    /// Takes the log text of a shipper's JSON record; false when it has none.
    private static func apply(_ record: JSONRecord, to result: inout Unwrapped) -> Bool {
        if !record.stream.isEmpty { result.stream = LogStream(record.stream).filled(from: result.stream) }
        // The innermost writer's time is the closest to Envoy's.
        result.wrapperTime = record.time.map(WrapperTime.init(text:)) ?? result.wrapperTime
        guard var text = record.text else {
            result.hasLogText = false
            result.content = result.content.prefix(0)
            return false
        }
        result.continues = record.continuesOnNextEntry
        if !result.continues && text.last == 0x0A { text = text.dropLast() }
        if text.last == 0x0D { text = text.dropLast() }
        result.content = text
        result.mayHoldNewlines = true
        return true
    }

    /// A viewer prefix and a kubectl timestamp can both be there, in either order.
    private static func stripViewerPrefixAndTimestamp(_ result: inout Unwrapped) {
        for _ in 0..<2 {
            if let (rest, viewerStream) = stripViewerPrefix(result.content) {
                result.content = rest
                result.stream = viewerStream.filled(from: result.stream)
            } else if let (rest, time) = stripKubectlTimestamp(result.content) {
                result.content = rest
                result.wrapperTime = result.wrapperTime ?? WrapperTime(text: time)
            }
        }
    }

    /// `ns/pod[container]: ` or `[pod container] ` / `[pod/name/container] `,
    /// and the pod they name.
    static func stripViewerPrefix(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, LogStream)? {
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
            return (bytes[(close + 2)...], bracketStream(inside))
        }
        // ns/pod[container]: with no spaces before the colon, so the line's
        // first space or tab ends "]: " (found without scanning the rest).
        guard let space = bytes.prefix(300).firstIndex(where: { $0 == 0x20 || $0 == 0x09 }),
              space - bytes.startIndex >= 2, bytes[space] == 0x20,
              bytes[space - 1] == UInt8(ascii: ":"), bytes[space - 2] == UInt8(ascii: "]")
        else { return nil }
        let marker = space - 2
        let head = bytes[bytes.startIndex..<marker]
        guard let open = head.firstIndex(of: UInt8(ascii: "[")), let slash = head[..<open].firstIndex(of: UInt8(ascii: "/"))
        else { return nil }
        let stream = LogStream(
            namespace: text(head[..<slash]), pod: text(head[(slash + 1)..<open]), container: text(head[(open + 1)...]))
        return (bytes[(marker + 3)...], stream)
    }

    /// The pod in `pod container` or `pod/name/container` (kubectl's `--prefix`).
    private static func bracketStream(_ inside: ArraySlice<UInt8>) -> LogStream {
        if let space = inside.firstIndex(of: 0x20) {
            return LogStream(pod: text(inside[..<space]), container: text(inside[(space + 1)...]))
        }
        let parts = inside.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        switch parts.count {
        case 3: return LogStream(pod: text(parts[1]), container: text(parts[2]))
        case 2: return LogStream(pod: text(parts[0]), container: text(parts[1]))
        default: return LogStream(pod: text(inside))
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

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

/// Byte patterns the log reader looks for on every line, made once.
enum Patterns {
    static let envoyEpoch = Array("Envoy (".utf8)
    static let envoyEpochHeader = Array("[Envoy (Epoch ".utf8)
    static let libprotobuf = Array("libprotobuf".utf8)
    static let libprotobufHeader = Array("[libprotobuf ".utf8)
}

/// A wrapper's timestamp as the line wrote it. A CRI line's stays the
/// line's bytes until a dump that starts on that line asks for its text:
/// most lines start none, and making a String of every line's time cost
/// more than the rest of unwrapping it.
struct WrapperTime {
    private let bytes: ArraySlice<UInt8>?
    private let string: String?

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.string = nil
    }

    init(text: String) {
        self.bytes = nil
        self.string = text
    }

    var text: String { string ?? String(decoding: bytes ?? [], as: UTF8.self) }
}
