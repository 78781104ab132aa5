/// State shared by the decoders of one request: the storage being filled,
/// the findings, and the budgets that bound the work.
struct DecodeSession {
    var builder = AttributeStorageBuilder()
    private(set) var findings: [Finding] = []
    var partialRecords: Set<Int> = []
    private var limiter = FindingLimiter()
    let limits: DecodeLimits
    /// Map entries still allowed in this request (`DecodeLimits.maxEntries`).
    var entriesLeft: Int
    /// Set once a limit is reached: the walks of messages that hold entries
    /// stop then (`MessageSchema.holdsEntries`); an entry begun is finished.
    var limitReached = false
    /// Where decoding of the top-level message stopped before its end (the
    /// fields after this offset, such as a Report's words, were not read).
    var stoppedAt: Int?
    /// How deep the message being read is nested: 0 for the top-level one,
    /// -1 before it is entered. `readFields` spends one level on entering a
    /// message and gives it back on leaving it, as swift-protobuf's
    /// `BinaryDecoder` carries `recursionBudget`; a group skipped inside
    /// may nest the `DecodeLimits.maxDepth - depth` levels left. Mixer's
    /// messages nest at most 4 deep, so only groups can run out of it.
    var depth = -1
    /// The `CheckResponse` decoder has always read an unknown varint or
    /// length-delimited field's value before noting the field, so that one
    /// whose value is unreadable gets the `truncated`/`malformed` finding
    /// alone; the request decoders note the field first. Kept as it was, so
    /// that findings did not change with the walker.
    var unknownNoteAfterValue = false

    /// Notes where the top-level loop stopped, if it did not reach the end.
    mutating func noteStop(_ cursor: WireCursor) {
        if stoppedAt == nil && !cursor.isAtEnd { stoppedAt = cursor.position }
    }

    /// Where the bytes being read start in the whole input (a streamed gRPC
    /// frame is read apart from the rest): findings name offsets in the input.
    let inputOffset: Int

    init(limits: DecodeLimits, inputOffset: Int = 0) {
        self.limits = limits
        self.entriesLeft = limits.maxEntries
        self.inputOffset = inputOffset
    }

    /// An offset in the bytes being read as an offset in the whole input.
    func inInput(_ offset: Int) -> Int { offset + inputOffset }

    /// Adds a finding, unless its code has reached the cap (it is counted then).
    mutating func add(_ finding: Finding) {
        if limiter.admit(finding) { findings.append(finding) }
    }

    /// Every finding, with the closing note of codes that went over the cap.
    var allFindings: [Finding] { findings + limiter.summary() }

    /// Records a wire failure found while decoding `path`.
    mutating func report(_ failure: WireFailure, path: String, record: Int?) {
        let code: FindingCode = switch failure.kind {
        case .truncated: .truncated
        case .malformed: .malformed
        case .limitExceeded: .limitExceeded
        }
        add(Finding(
            code: code,
            severity: .error,
            message: "\(path): \(failure.reason) at byte \(inInput(failure.offset))",
            at: .byte(inInput(failure.offset)),
            record: record))
        if let record { partialRecords.insert(record) }
    }

    /// Notes a field the schema does not have, or has with another wire type (`expected`).
    mutating func reportUnknownField(_ tag: FieldTag, expected: WireType?, path: String, offset: Int, record: Int?) {
        let what = expected.map { "field \(tag.fieldNumber) has wire type \(tag.wireType), expected \($0)" }
            ?? "unknown field \(tag.fieldNumber) (wire type \(tag.wireType))"
        add(Finding(
            code: .unknownField, severity: .note, message: "\(path): \(what), skipped, at byte \(inInput(offset))",
            at: .byte(inInput(offset)), record: record))
    }

    /// Spends one entry of the budget; false (and a finding) once it is gone.
    @inline(__always)
    mutating func spendEntry(offset: Int, record: Int?) -> Bool {
        entriesLeft -= 1
        if entriesLeft >= 0 { return true }
        if !limitReached {
            limitReached = true
            add(Finding(
                code: .limitExceeded, severity: .error,
                message: "more than \(limits.maxEntries) map entries in one request; decoding stopped at byte \(inInput(offset))",
                at: .byte(inInput(offset)), record: record))
            if let record { partialRecords.insert(record) }
        }
        return false
    }

    /// Turns bytes from the wire into a String, noting invalid UTF-8 (kept
    /// visible as U+FFFD rather than dropped: Mixer's Go decoder accepts it).
    mutating func string(
        from cursor: WireCursor, range: Range<Int>, path: @autoclosure () -> String, record: Int?
    ) -> String {
        // ASCII (nearly every word) is valid UTF-8 as it is: `String(validating:)`
        // looks up generic metadata at run time on every call, which cost
        // more than the rest of decoding a Check request's words.
        let read = cursor.withBytes(range) { bytes -> String? in
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        }
        if let read { return read }
        add(Finding(
            code: .invalidUTF8, severity: .warning,
            message: "\(path()): \(range.count)-byte string is not valid UTF-8 at byte \(inInput(range.lowerBound)); shown with U+FFFD",
            at: .byte(inInput(range.lowerBound)), record: record))
        return cursor.withBytes(range) { String(decoding: $0, as: UTF8.self) }
    }
}
