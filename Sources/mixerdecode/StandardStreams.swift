#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Standard output and error, written with write(2): data on stdout,
/// messages on stderr. Callers hand over whole records, so every write is
/// already a flush and a pipe sees each record as soon as it is decoded.
struct StandardStream {
    let descriptor: Int32

    static let output = StandardStream(descriptor: 1)
    static let error = StandardStream(descriptor: 2)

    var isTerminal: Bool { isatty(descriptor) == 1 }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { writeAll($0) }
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeAll($0) }
    }

    /// Nothing is buffered here; kept so callers say where a flush belongs.
    func flush() {}

    private func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                // The reader went away (a closed pipe): stop quietly, like other Unix filters.
                exit(errno == EPIPE ? 0 : 2)
            }
            offset += written
        }
    }

    /// True when NO_COLOR is set (to anything) or TERM is "dumb".
    static func environmentSays(noColor: Bool) -> Bool {
        if getenv("NO_COLOR") != nil { return true }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return true }
        return false
    }
}

/// Reads a whole input: a file, or standard input for "-".
enum InputFile {
    static func readAll(_ name: String) -> [UInt8]? {
        let descriptor = name == "-" ? 0 : open(name, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { if descriptor != 0 { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    static func lastErrorDescription() -> String { String(cString: strerror(errno)) }
}
