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
        var out = header(request)
        for finding in request.findings.sorted(by: { $0.severity > $1.severity }) { out += findingLine(finding, indent: "  ") }
        if request.records.isEmpty && request.message != nil && request.checkResponse == nil { out += "\n  (no records)\n" }
        for record in request.records { out += "\n" + render(record) }
        return out + "\n"
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
        var out = "  " + paint("record \(record.index)", .bold)
        if record.isPartial { out += " " + paint("(partial: damaged input, see below)", .yellow) }
        out += "\n"
        // The diagnosis first, most severe first: it is what a person looks for.
        for finding in record.findings.sorted(by: { $0.severity > $1.severity }) {
            out += findingLine(finding, indent: "    ")
        }
        // Names are padded to the longest (up to 44 characters): one pass
        // to measure, one to write, each attribute read once per pass.
        var width = 0
        for attribute in record.attributes { width = max(width, TerminalText.plain(attribute.name).count) }
        width = min(44, width)
        for attribute in record.attributes {
            let name = attribute.name
            let value = attribute.value
            let carried = attribute.isCarriedOver ? paint("  (carried over)", .dim) : ""
            out += "    " + TerminalText.plain(name).padding(width) + "  " + typeLabel(value, of: name).padding(8) + "  "
            switch value {
            case .stringMap(let pairs):
                out += paint("\(pairs.count) \(pairs.count == 1 ? "entry" : "entries")", .dim) + carried + "\n"
                let keyWidth = min(40, pairs.map { TerminalText.quoted($0.key).count }.max() ?? 0)
                for pair in pairs {
                    out += "        " + TerminalText.quoted(pair.key).padding(keyWidth) + "  " + TerminalText.quoted(pair.value) + "\n"
                }
            default:
                out += valueText(value, of: name) + carried + "\n"
            }
        }
        if explain, let evaluation = record.mixer { out += MixerEvaluationOutput.lines(evaluation, paint: paint) }
        return out
    }

    private func typeLabel(_ value: AttributeValue, of name: String) -> String {
        if case .bytes(let bytes) = value, manifest.type(of: name) == .ipAddress, IPAddressFormatting.text(bytes) != nil {
            return "ip"
        }
        switch value {
        case .string: return "string"
        case .int64: return "int64"
        case .double: return "double"
        case .bool: return "bool"
        case .timestamp: return "time"
        case .duration: return "duration"
        case .bytes: return "bytes"
        case .stringMap: return "map"
        }
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

extension String {
    /// Pads with spaces to `width` characters (longer strings are left as they are).
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
