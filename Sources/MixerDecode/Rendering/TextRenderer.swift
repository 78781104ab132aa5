import MixerDecodeSupport

/// The human-readable form: one block per request, one table per record,
/// names resolved, values typed, findings right under what they concern.
///
///     Corpus/examples/vm-details-tcp.grpc · request 0 · report · bytes 5-734
///       dictionary 1.1 (221 words; releases 1.1-1.2) · independent records · 2 records
///
///       record 0
///         context.protocol      string   "tcp"
///         destination.ip        ip       10.244.3.0
///
/// Every string from the wire goes through `TerminalText`, so nothing a
/// remote client chose can reach the terminal as a control sequence.
public struct TextRenderer: Sendable {
    public var manifest: AttributeManifest
    /// ANSI colours (only ever on a terminal, never with NO_COLOR).
    public var useColor: Bool
    /// `--explain`: each record's rules and series (``ResolvedRecord/mixer``).
    public var explain: Bool

    public init(manifest: AttributeManifest = .istio116, useColor: Bool = false, explain: Bool = false) {
        self.manifest = manifest
        self.useColor = useColor
        self.explain = explain
    }

    public func render(_ request: ResolvedRequest) -> String {
        String(decoding: renderUTF8(request), as: UTF8.self)
    }

    /// `render(_:)`'s text as its UTF-8 bytes, written without a String in between.
    public func renderUTF8(_ request: ResolvedRequest) -> [UInt8] {
        var out = Array(header(request).utf8)
        for finding in request.findings.sorted(by: { $0.severity > $1.severity }) { out += findingLine(finding, indent: "  ").utf8 }
        if request.records.isEmpty && request.message != nil && request.checkResponse == nil { out += "\n  (no records)\n".utf8 }
        for record in request.records {
            out.append(Self.newline)
            write(record, to: &out)
        }
        out.append(Self.newline)
        return out
    }

    private func header(_ request: ResolvedRequest) -> String {
        var title = [TerminalText.plain(request.location.input), "request \(request.location.ordinal)"]
        title.append(request.message?.rawValue ?? "unreadable")
        if let line = request.location.position?.line { title.append("line \(line)") }
        if let time = request.location.logTime { title.append(TerminalText.plain(time)) }
        if let stream = request.location.stream { title.append("stream " + TerminalText.plain(stream.description)) }
        if request.location.position?.line == nil {
            title.append("bytes \(request.range.lowerBound)-\(request.range.upperBound)")
        }
        var out = paint(title.joined(separator: " · "), .bold) + "\n"
        var facts: [String] = []
        if let dictionary = request.dictionary {
            let sent = request.globalWordCount.map { $0 == 0 ? "no count read" : "count \($0)" } ?? "no count sent"
            facts.append("dictionary \(dictionary.release) (\(dictionary.wordCount) words, \(sent); releases \(dictionary.releaseRange))")
        }
        switch request.semantics {
        case .delta?: facts.append("delta records (each shows the accumulated set)")
        case .independent?: facts.append("independent records")
        case .unknown(let value)?: facts.append("semantics \(value) (unknown)")
        case nil where request.message == .report: facts.append("records shown as sent (semantics not read)")
        case nil: break
        }
        if request.message == .report { facts.append(request.records.count == 1 ? "1 record" : "\(request.records.count) records") }
        if let id = request.deduplicationID, !id.isEmpty { facts.append("deduplication id \(TerminalText.quoted(id))") }
        for quota in request.quotas {
            facts.append("quota \(TerminalText.quoted(quota.name)) amount \(quota.amount)\(quota.bestEffort ? " best effort" : "")")
        }
        if !facts.isEmpty { out += "  " + facts.joined(separator: " · ") + "\n" }
        if let response = request.checkResponse { out += render(response) }
        return out
    }

    private func render(_ response: ResolvedCheckResponse) -> String {
        var out = ""
        if let status = response.status {
            let name = ResolvedCheckResponse.statusNames[status.code] ?? "code \(status.code)"
            let line = "  status \(name) (\(status.code))" + (status.message.isEmpty ? "" : ": " + TerminalText.quoted(status.message))
            out += (status.code == 0 ? line : paint(line, .red)) + "\n"
        }
        var validity: [String] = []
        if let duration = response.validDuration { validity.append("for \(ValueFormatter.durationText(duration))") }
        if let uses = response.validUseCount, uses != 0 { validity.append("for \(uses) uses") }
        if !validity.isEmpty { out += "  the proxy may cache this verdict " + validity.joined(separator: " or ") + "\n" }
        if !response.referencedAttributes.isEmpty {
            out += "  attributes Mixer looked at:\n"
            for reference in response.referencedAttributes { out += "    " + describe(reference) + "\n" }
        }
        for quota in response.quotas {
            var line = "  quota \(TerminalText.quoted(quota.name)) granted \(quota.grantedAmount)"
            if let duration = quota.validDuration { line += " for \(ValueFormatter.durationText(duration))" }
            if let status = quota.status, status.code != 0 {
                line += " status \(ResolvedCheckResponse.statusNames[status.code] ?? "\(status.code)")"
            }
            out += line + "\n"
        }
        if let directive = response.routeDirective {
            for operation in directive.requestHeaderOperations + directive.responseHeaderOperations {
                out += "  header \(TerminalText.quoted(operation.name)) = \(TerminalText.quoted(operation.value)) (operation \(operation.operation))\n"
            }
            if directive.directResponseCode != 0 {
                out += "  direct response \(directive.directResponseCode) \(TerminalText.quoted(directive.directResponseBody))\n"
            }
        }
        return out
    }

    private func describe(_ reference: ResolvedCheckResponse.Reference) -> String {
        var text = reference.name.map(TerminalText.plain) ?? "index \(reference.index) (unknown)"
        if let key = reference.mapKey { text += "[\(TerminalText.quoted(key))]" }
        text += "  \(reference.condition.lowercased())"
        if !reference.regex.isEmpty { text += " \(TerminalText.quoted(reference.regex))" }
        return text
    }

    public func render(_ record: ResolvedRecord) -> String {
        var out: [UInt8] = []
        write(record, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The record's block, written straight into `out` (the text output's
    /// bytes): names padded to the longest (up to 44 characters), one pass
    /// to measure and one to write, each attribute read once per pass.
    func write(_ record: ResolvedRecord, to out: inout [UInt8]) {
        out += ("  " + paint("record \(record.index)", .bold)).utf8
        if record.isPartial { out += (" " + paint("(partial: damaged input, see below)", .yellow)).utf8 }
        out.append(Self.newline)
        // The diagnosis first, most severe first: it is what a person looks for.
        for finding in record.findings.sorted(by: { $0.severity > $1.severity }) {
            out += findingLine(finding, indent: "    ").utf8
        }
        var width = 0
        for attribute in record.attributes { width = max(width, TerminalText.plainWidth(attribute.name)) }
        width = min(44, width)
        for attribute in record.attributes {
            let name = attribute.name
            let value = attribute.value
            out += Self.spaces4
            Self.pad(&out, TerminalText.appendPlain(name, to: &out), to: width)
            out += Self.spaces2
            let type = typeLabel(value, of: name)
            out += type
            Self.pad(&out, type.count, to: 8)
            out += Self.spaces2
            if case .stringMap(let pairs) = value {
                out += paint("\(pairs.count) \(pairs.count == 1 ? "entry" : "entries")", .dim).utf8
                writeCarriedOver(attribute, to: &out)
                let keyWidth = min(40, pairs.map { TerminalText.quotedWidth($0.key) }.max() ?? 0)
                for pair in pairs {
                    out += Self.spaces8
                    Self.pad(&out, TerminalText.appendQuoted(pair.key, to: &out), to: keyWidth)
                    out += Self.spaces2
                    _ = TerminalText.appendQuoted(pair.value, to: &out)
                    out.append(Self.newline)
                }
            } else {
                if case .string(let text) = value {
                    _ = TerminalText.appendQuoted(text, to: &out)
                } else {
                    out += valueText(value, of: name).utf8
                }
                writeCarriedOver(attribute, to: &out)
            }
        }
        if explain, let evaluation = record.mixer { out += MixerEvaluationOutput.lines(evaluation, paint: paint).utf8 }
    }

    private static let newline = UInt8(ascii: "\n")
    // Indents as bytes: appending a String's UTF-8 view goes byte by byte.
    private static let spaces2 = [UInt8]("  ".utf8)
    private static let spaces4 = [UInt8]("    ".utf8)
    private static let spaces8 = [UInt8]("        ".utf8)

    /// Ends an attribute's line, saying when a delta record carried it over.
    private func writeCarriedOver(_ attribute: RecordAttribute, to out: inout [UInt8]) {
        if attribute.isCarriedOver { out += paint("  (carried over)", .dim).utf8 }
        out.append(Self.newline)
    }

    /// Spaces after something `written` characters wide, up to `width`.
    private static func pad(_ out: inout [UInt8], _ written: Int, to width: Int) {
        if written < width { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - written)) }
    }

    /// The type column, as bytes.
    private func typeLabel(_ value: AttributeValue, of name: String) -> [UInt8] {
        if case .bytes(let bytes) = value, manifest.type(of: name) == .ipAddress, IPAddressFormatting.text(bytes) != nil {
            return TypeLabels.ip
        }
        switch value {
        case .string: return TypeLabels.string
        case .int64: return TypeLabels.int64
        case .double: return TypeLabels.double
        case .bool: return TypeLabels.bool
        case .timestamp: return TypeLabels.time
        case .duration: return TypeLabels.duration
        case .bytes: return TypeLabels.bytes
        case .stringMap: return TypeLabels.map
        }
    }

    private enum TypeLabels {
        static let ip = [UInt8]("ip".utf8)
        static let string = [UInt8]("string".utf8)
        static let int64 = [UInt8]("int64".utf8)
        static let double = [UInt8]("double".utf8)
        static let bool = [UInt8]("bool".utf8)
        static let time = [UInt8]("time".utf8)
        static let duration = [UInt8]("duration".utf8)
        static let bytes = [UInt8]("bytes".utf8)
        static let map = [UInt8]("map".utf8)
    }

    private func valueText(_ value: AttributeValue, of name: String) -> String {
        switch value {
        case .string(let text): TerminalText.quoted(text)
        case .int64(let number): String(number)
        case .double(let number): ValueFormatter.doubleText(number)
        case .bool(let flag): flag ? "true" : "false"
        case .timestamp(let time): ValueFormatter.timestampText(time)
        case .duration(let span): ValueFormatter.durationText(span)
        case .bytes(let bytes): ValueFormatter.bytesText(bytes, attribute: name, manifest: manifest)
        case .stringMap: ""
        }
    }

    private func findingLine(_ finding: Finding, indent: String) -> String {
        var line = indent + paint("\(finding.severity.rawValue) \(finding.code)", .of(finding.severity)) + ": "
            + TerminalText.plain(finding.message) + "\n"
        if let fix = finding.fix { line += indent + "  fix: " + TerminalText.plain(fix) + "\n" }
        return line
    }

    private func paint(_ text: String, _ style: ANSIStyle) -> String { style.paint(text, if: useColor) }
}

