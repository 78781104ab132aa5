#if canImport(Glibc)
import Glibc
#endif
import MixerDecode

/// Reads one input for the command: logs as a stream (each request printed
/// as soon as its dump is complete, memory flat), binary forms whole.
enum InputReader {
    static let chunkSize = 1 << 16

    /// Returns false when the input cannot be opened or read.
    static func decode(
        _ name: String, with decoder: InputDecoder, maxLineBytes: Int, follow: Bool,
        emit: (ResolvedRequest) -> Void
    ) -> Bool {
        var file = InputFile(name: name)
        guard file.open() else { return false }
        defer { file.close() }
        // Enough of the input to tell its form.
        var head: [UInt8] = []
        while head.count < InputKindDetector.sampleSize, let chunk = file.read(chunkSize) {
            if chunk.isEmpty { break }
            head += chunk
        }
        if file.failed { return false }
        let kind = decoder.inputKind ?? InputKindDetector.detect(head)
        guard kind == .log else {
            var bytes = head
            while let chunk = file.read(chunkSize), !chunk.isEmpty { bytes += chunk }
            if file.failed { return false }
            var whole = decoder
            whole.inputKind = kind
            whole.decode(bytes, inputName: name, emit: emit)
            return true
        }
        if follow { Signals.makeStoppable() }
        var logs = LogStreamDecoder(
            inputName: name, limits: decoder.limits, resolver: decoder.resolver, diagnostics: decoder.diagnostics,
            maxLineBytes: maxLineBytes)
        logs.feed(head[...], emit: emit)
        while true {
            guard let chunk = file.read(chunkSize) else {
                // A read error: report the dump being read before giving up.
                logs.finish(emit: emit)
                return false
            }
            if !chunk.isEmpty {
                logs.feed(chunk[...], emit: emit)
                continue
            }
            guard follow else { break }
            // tail -f: wait for more, and start over if the file was truncated or replaced.
            usleep(250_000)
            if file.wasReplacedOrTruncated() {
                file.close()
                guard file.open() else { return false }
            }
        }
        logs.finish(emit: emit)
        return true
    }
}

/// Signal handling for --follow, which only ends when it is stopped.
enum Signals {
    /// Unblocks SIGINT and SIGTERM and restores their default action: a
    /// parent (a test runner, a supervisor) may have blocked them, and the
    /// mask is inherited through exec.
    static func makeStoppable() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
