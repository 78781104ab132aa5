import MixerDecodeSupport

/// One line of the CRI log format, which containerd and CRI-O write under
/// `/var/log/pods`:
///
///     2019-05-20T08:12:20.125365976Z stderr F [2019-05-20 08:12:20.125][23][debug][grpc] ...
///
/// The tag is `F` for a full line, `P` for a partial one (a line the runtime
/// split): the following lines of the same stream continue it, up to an `F`.
/// The tag may carry more after a colon (`F:x`), which is ignored.
enum CRILine {
    struct Entry {
        /// The timestamp, as written.
        var time: ArraySlice<UInt8>
        var stdio: String
        var partial: Bool
        var content: ArraySlice<UInt8>
        /// Where `content` starts, from the line's start.
        var contentOffset: Int
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Entry? {
        let start = bytes.startIndex
        guard bytes.count > 11, ByteSearch.isDate(bytes, at: start), bytes[start + 10] == UInt8(ascii: "T"),
              let space = bytes.prefix(45).firstIndex(of: 0x20)
        else { return nil }
        let stamp = bytes[start..<space]
        guard !stamp.contains(0x09) else { return nil }
        var index = space + 1
        let stdio: String
        if ByteSearch.hasPrefix(Self.stdout, bytes[index...]) {
            stdio = "stdout"
        } else if ByteSearch.hasPrefix(Self.stderr, bytes[index...]) {
            stdio = "stderr"
        } else {
            return nil
        }
        index += Self.stdout.count
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "F") || bytes[index] == UInt8(ascii: "P") else {
            return nil
        }
        let partial = bytes[index] == UInt8(ascii: "P")
        // The rest of the tag: nothing, or ":" and more, up to a space or the end.
        let tagEnd = bytes[index...].prefix(32).firstIndex(of: 0x20) ?? bytes.endIndex
        guard tagEnd == index + 1 || bytes[index + 1] == UInt8(ascii: ":"), tagEnd - index <= 32 else { return nil }
        let contentStart = min(tagEnd + 1, bytes.endIndex)
        return Entry(
            time: stamp, stdio: stdio, partial: partial,
            content: bytes[contentStart...], contentOffset: contentStart - start)
    }

    private static let stdout = Array("stdout ".utf8)
    private static let stderr = Array("stderr ".utf8)
}
