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

    /// Hands each complete line of `chunk` to `emit`, as a slice of the
    /// chunk (no line is copied or collected), and keeps the unfinished end.
    mutating func append(_ chunk: ArraySlice<UInt8>, _ emit: (ArraySlice<UInt8>, _ overlong: Bool) -> Void) {
        var start = chunk.startIndex
        while start < chunk.endIndex {
            guard let newline = Self.firstNewline(in: chunk, from: start) else {
                take(chunk[start...])
                return
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
            start = newline + 1
        }
    }

    /// The last line, when the input does not end with a newline.
    mutating func finish(_ emit: (ArraySlice<UInt8>, _ overlong: Bool) -> Void) {
        if !pending.isEmpty || dropping { emit(pending[...], dropping) }
        pending.removeAll()
        dropping = false
    }

    /// The newline at or after `start`, eight bytes at a time: this looks at
    /// every byte of the log, so it is the loop that must be cheap.
    private static func firstNewline(in chunk: ArraySlice<UInt8>, from start: Int) -> Int? {
        chunk.withUnsafeBytes { raw in
            var offset = start - chunk.startIndex
            while offset + 8 <= raw.count {
                // Safe: offset + 8 <= raw.count was just checked; loadUnaligned needs no alignment.
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                // A zero byte in `word` (a newline in the text) sets its high bit here ("has zero byte" test, exact).
                if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                offset += 8
            }
            while offset < raw.count {
                if raw[offset] == 0x0A { return chunk.startIndex + offset }
                offset += 1
            }
            return nil
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
