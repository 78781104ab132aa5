#if canImport(Glibc)
import Glibc
#endif
import MixerDecode

/// Reads one input for the command: logs as a stream (each request printed
/// as soon as its dump is complete, memory flat), binary forms whole.
enum InputReader {
    static let chunkSize = 1 << 16

    /// How reading one input went.
    struct Outcome {
        /// Why the input could not be read (exit status 2); nil when it could.
        var readError: String?
        /// Why the (gzip) data is damaged after some point (exit status 1).
        var corruption: String?
        /// Dumps ended early because too many streams had one in flight.
        var dumpsCutForRoom = 0
        /// Requests the input yielded.
        var requests = 0
    }

    /// How to read one input.
    struct Settings {
        var decoder: InputDecoder
        var maxLineBytes: Int
        var maxStreams: Int
        var follow: Bool
    }

    /// `input.stream`: the pod its path names (kubelet layout), for lines that name none.
    static func decode(_ input: InputList.Input, settings: Settings, emit: (ResolvedRequest) -> Void) -> Outcome {
        var source = InputSource(name: input.path)
        guard source.open() else { return Outcome(readError: InputFile.lastErrorDescription()) }
        defer { source.close() }
        var outcome = Outcome()
        var requests = 0
        let counted: (ResolvedRequest) -> Void = { request in
            requests += 1
            emit(request)
        }
        // Enough of the input to tell its form.
        var head: [UInt8] = []
        var atEnd = false
        while head.count < InputKindDetector.sampleSize && !atEnd {
            switch source.read(chunkSize) {
            case .bytes(let chunk): head += chunk
            case .end: atEnd = true
            case .readError(let reason): return Outcome(readError: reason)
            case .corrupt(let reason):
                outcome.corruption = reason
                atEnd = true
            }
        }
        // Files found in a directory are logs; others are told by their bytes.
        let kind = settings.decoder.inputKind ?? (input.foundInDirectory ? .log : InputKindDetector.detect(head))
        if kind == .log {
            readLog(from: &source, head: head, atEnd: atEnd, input: input, settings: settings, outcome: &outcome, emit: counted)
        } else {
            readWhole(from: &source, head: head, atEnd: atEnd, kind: kind, input: input, settings: settings, outcome: &outcome, emit: counted)
        }
        outcome.requests = requests
        return outcome
    }

    /// A log, chunk by chunk; with --follow, on as the file grows.
    private static func readLog(
        from source: inout InputSource, head: [UInt8], atEnd: Bool, input: InputList.Input, settings: Settings,
        outcome: inout Outcome, emit: (ResolvedRequest) -> Void
    ) {
        let decoder = settings.decoder
        if settings.follow { Signals.makeStoppable() }
        var logs = LogStreamDecoder(
            inputName: input.path, limits: decoder.limits, resolver: decoder.resolver, diagnostics: decoder.diagnostics,
            maxLineBytes: settings.maxLineBytes, defaultStream: input.stream, maxStreams: settings.maxStreams,
            reportsLogWithoutDumps: !input.foundInDirectory)
        logs.feed(head[...], emit: emit)
        // With --follow, the end of the file is only where it is now.
        reading: while (!atEnd || settings.follow) && outcome.corruption == nil {
            switch source.read(chunkSize) {
            case .bytes(let chunk):
                logs.feed(chunk[...], emit: emit)
            case .end:
                guard settings.follow else { break reading }
                // tail -f: wait for more, and start over if the file was truncated or replaced.
                usleep(250_000)
                if source.wasReplacedOrTruncated() {
                    source.close()
                    source = InputSource(name: input.path)
                    guard source.open() else {
                        outcome.readError = InputFile.lastErrorDescription()
                        break reading
                    }
                }
            case .readError(let reason):
                // Report the dumps being read before giving up.
                outcome.readError = reason
                break reading
            case .corrupt(let reason):
                outcome.corruption = reason
                break reading
            }
        }
        logs.finish(emit: emit)
        outcome.dumpsCutForRoom = logs.dumpsCutForRoom
    }

    /// A binary form (raw, gRPC frames, hex, base64): read whole, then decoded.
    private static func readWhole(
        from source: inout InputSource, head: [UInt8], atEnd: Bool, kind: InputKind, input: InputList.Input,
        settings: Settings, outcome: inout Outcome, emit: (ResolvedRequest) -> Void
    ) {
        var bytes = head
        reading: while !atEnd {
            switch source.read(chunkSize) {
            case .bytes(let chunk): bytes += chunk
            case .end: break reading
            case .readError(let reason):
                outcome.readError = reason
                return
            case .corrupt(let reason):
                outcome.corruption = reason
                break reading
            }
        }
        var whole = settings.decoder
        whole.inputKind = kind
        whole.decode(bytes, inputName: input.path, emit: emit)
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
