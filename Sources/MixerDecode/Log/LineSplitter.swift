/// Cuts a byte stream into lines as chunks arrive, holding at most one
/// partial line. A line longer than `maxLineBytes` is cut there: its first
/// `maxLineBytes` bytes are passed on (marked overlong) and the rest is
/// dropped unread, so one enormous line cannot take the memory with it.
struct LineSplitter {
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var dropping = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// True when no partial line is held: the next byte starts a line.
    var isAtLineStart: Bool { pending.isEmpty && !dropping }

    /// Hands each complete line of `chunk` to `emit`, as a slice of the
    /// chunk (no line is copied or collected), and keeps the unfinished end.
    mutating func append(_ chunk: ArraySlice<UInt8>, _ emit: (ArraySlice<UInt8>, _ overlong: Bool) -> Void) {
        var start = chunk.startIndex
        while start < chunk.endIndex {
            start = appendLine(chunk[start...], emit)
        }
    }

    /// Hands the first complete line of `chunk` to `emit`, or keeps the
    /// chunk as the unfinished end when it holds no newline; returns where
    /// the rest of the chunk starts.
    mutating func appendLine(_ chunk: ArraySlice<UInt8>, _ emit: (ArraySlice<UInt8>, _ overlong: Bool) -> Void) -> Int {
        let start = chunk.startIndex
        guard let newline = Self.firstNewline(in: chunk, from: start) else {
            take(chunk)
            return chunk.endIndex
        }
        if pending.isEmpty && !dropping {
            let line = chunk[start..<newline]
            if line.count > maxLineBytes {
                emit(line.prefix(maxLineBytes), true)
            } else {
                emit(line, false)
            }
        } else {
            take(chunk[start..<newline])
            emit(pending[...], dropping)
            pending.removeAll(keepingCapacity: true)
            dropping = false
        }
        return newline + 1
    }

    /// The last line, when the input does not end with a newline.
    mutating func finish(_ emit: (ArraySlice<UInt8>, _ overlong: Bool) -> Void) {
        if !pending.isEmpty || dropping { emit(pending[...], dropping) }
        pending.removeAll()
        dropping = false
    }

    /// The newline at or after `start`.
    static func firstNewline(in chunk: ArraySlice<UInt8>, from start: Int) -> Int? {
        chunk.withUnsafeBytes { raw in
            NewlineSearch.firstNewline(in: raw, from: start - chunk.startIndex).map { chunk.startIndex + $0 }
        }
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>) {
        guard !dropping else { return }
        let room = maxLineBytes - pending.count
        if bytes.count > room {
            pending.append(contentsOf: bytes.prefix(room))
            dropping = true
        } else {
            pending.append(contentsOf: bytes)
        }
    }
}
