#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// The C library's calls by names of their own: the types below have methods
/// named `read`, `open`, `close` and `write`, which would hide them, and the
/// module that has them is Glibc on Linux, Darwin on macOS.
private enum SystemCall {
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    static func read(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, bytes, count)
        #else
        Darwin.read(descriptor, bytes, count)
        #endif
    }

    static func openForReading(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDONLY)
        #else
        Darwin.open(path, O_RDONLY)
        #endif
    }

    static func close(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }
}

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

    private func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let written = SystemCall.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                // The reader went away (a closed pipe): stop quietly, like other Unix filters.
                exit(errno == EPIPE ? 0 : 2)
            }
            offset += written
        }
    }

    /// True when NO_COLOR is set (to anything) or TERM is "dumb".
    static var environmentForbidsColor: Bool {
        if getenv("NO_COLOR") != nil { return true }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return true }
        return false
    }
}

/// A file or standard input ("-"), read in chunks.
struct InputFile {
    let name: String
    private var descriptor: Int32 = -1
    private var offset = 0
    private(set) var failed = false

    init(name: String) {
        self.name = name
    }

    mutating func open() -> Bool {
        descriptor = name == "-" ? 0 : SystemCall.openForReading(name)
        offset = 0
        failed = descriptor < 0
        return !failed
    }

    mutating func close() {
        if descriptor > 0 { _ = SystemCall.close(descriptor) }
        descriptor = -1
    }

    /// Up to `count` bytes; empty at the end of the input; nil on a read error.
    mutating func read(_ count: Int) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let got = chunk.withUnsafeMutableBytes { SystemCall.read(descriptor, $0.baseAddress, count) }
            if got < 0 {
                if errno == EINTR { continue }
                failed = true
                return nil
            }
            offset += got
            chunk.removeLast(count - got)
            return chunk
        }
    }

    /// For --follow: the file at `name` is now shorter than what was read, or another file.
    func wasReplacedOrTruncated() -> Bool {
        var byPath = stat()
        var open = stat()
        guard stat(name, &byPath) == 0, fstat(descriptor, &open) == 0 else { return false }
        return byPath.st_ino != open.st_ino || Int(byPath.st_size) < offset
    }

    static func lastErrorDescription() -> String { String(cString: strerror(errno)) }

    /// The process's peak resident memory, in KiB: VmHWM from /proc/self/status.
    /// (`getrusage`'s ru_maxrss is no good here: Linux carries the parent's
    /// peak over into the child at exec, so a child of a big process reports
    /// the parent's memory.)
    static func peakMemoryKiB() -> Int {
        guard let status = InputFile.readWhole("/proc/self/status") else { return -1 }
        for line in String(decoding: status, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? -1
        }
        return -1
    }

    private static func readWhole(_ path: String) -> [UInt8]? {
        var file = InputFile(name: path)
        guard file.open() else { return nil }
        defer { file.close() }
        var bytes: [UInt8] = []
        while let chunk = file.read(4096), !chunk.isEmpty { bytes += chunk }
        return bytes
    }
}
