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

    mutating func append(_ chunk: ArraySlice<UInt8>, _ emit: (ArraySlice<UInt8>, _ overlong: Bool) -> Void) {
        var start = chunk.startIndex
        while start < chunk.endIndex {
            guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
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
