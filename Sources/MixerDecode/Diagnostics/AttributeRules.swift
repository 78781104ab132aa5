import MixerDecodeSupport

/// Rules about attribute values: types, probes, labels that read "unknown",
/// and what delta replay adds.
enum AttributeRules {
    /// Attributes that dimensions of Istio 1.1's `requestcount` instance read:
    /// a wrong type there drops the instance, so the request is missing from
    /// istio_requests_total (docs/protocol.md §8, item 4).
    static let requestCountDimensions: [String: String] = [
        "context.protocol": "the request_protocol label",
        "api.protocol": "the request_protocol label",
        "context.reporter.kind": "the reporter label",
        "response.code": "the response_code label",
        "destination.service.host": "the destination_service label",
        "destination.service.name": "the destination_service_name label",
        "destination.service.namespace": "the destination_service_namespace label",
        "source.uid": "the source workload, app and version labels",
        "destination.uid": "the destination workload, app and version labels",
        "source.principal": "the source_principal label",
        "destination.principal": "the destination_principal label",
        "connection.mtls": "the connection_security_policy label",
        "context.proxy_error_code": "the response_flags label",
        "rbac.permissive.response_code": "the permissive_response_code label",
        "rbac.permissive.effective_policy_id": "the permissive_response_policyid label",
    ]

    /// Attributes other metrics read: a wrong type costs that metric only.
    static let otherMetricUses: [String: String] = [
        "response.duration": "the istio_request_duration_seconds value",
        "request.size": "the istio_request_bytes value",
        "response.size": "the istio_response_bytes value",
        "request.useragent": "the kube-probe exclusion of the HTTP rule",
        "connection.sent.bytes": "the istio_tcp_sent_bytes_total value",
        "connection.received.bytes": "the istio_tcp_received_bytes_total value",
        "connection.event": "the istio_tcp_connections_opened/closed rules",
    ]

    static let typeMismatch = DiagnosticRule(
        code: .typeMismatch,
        summary: "A value's type differs from the attribute manifest: Mixer accepts it, then every rule or metric that reads it fails.",
        example: "response.code sent as the STRING \"200\" instead of INT64 200"
    ) { context in
        var findings: [Finding] = []
        // In name order, so that the findings are too; walked only when some value mismatches.
        if context.record.attributes.hasIstio116TypeMismatch {
            for attribute in context.record.attributes {
                guard let type = attribute.istio116Type, !type.accepts(attribute.kind) else { continue }
                let name = attribute.name
                let sent = attribute.kind.rawValue
                if let use = requestCountDimensions[name], context.isReport {
                    findings.append(context.finding(
                        .typeMismatch, .error,
                        "\(name) is a \(sent) but the manifest says \(type.rawValue): Mixer accepts it on arrival, then the requestcount instance that reads it for \(use) fails, so this request is missing from istio_requests_total (logged only on Mixer's side)",
                        attribute: name,
                        fix: "Send \(name) as \(type.rawValue); whatever produces it (a custom filter, a Lua script, an EnvoyFilter, dynamic metadata) uses the wrong type."))
                } else if let use = otherMetricUses[name], context.isReport {
                    findings.append(context.finding(
                        .typeMismatch, .warning,
                        "\(name) is a \(sent) but the manifest says \(type.rawValue): \(use) fails for this request",
                        attribute: name, fix: "Send \(name) as \(type.rawValue)."))
                } else {
                    findings.append(context.finding(
                        .typeMismatch, .warning,
                        "\(name) is a \(sent) but the manifest says \(type.rawValue): any policy or metric rule that reads it will fail",
                        attribute: name, fix: "Send \(name) as \(type.rawValue)."))
                }
            }
        }
        // Bytes of an IP_ADDRESS attribute that are no address (4 or 16 bytes).
        for name in AttributeName.ipAddresses {
            if case .bytes(let bytes)? = context.value(name), IPAddressFormatting.text(bytes) == nil {
                findings.append(context.finding(
                    .typeMismatch, .warning,
                    "\(name) holds \(bytes.count) bytes, which is no IPv4 (4) or IPv6 (16) address: Mixer cannot read it as an IP_ADDRESS",
                    attribute: name.text, fix: "Send \(name) as 4 or 16 bytes in network order."))
            }
        }
        return findings
    }

    /// The attributes the other rules judge by their absence: where a cut
    /// took them, this note replaces those rules' findings.
    static let absenceNeeded: [(name: String, why: String)] = [
        ("context.protocol", "which metric rules match it"),
        ("destination.service.host", "its destination_service label"),
        ("destination.uid", "its destination workload labels"),
        ("source.uid", "its source workload labels"),
    ]

    static let unseen = DiagnosticRule(
        code: .unseen,
        summary: "Attributes a diagnosis needs are not in the part of a cut dump that survived: what Mixer made of the record cannot be told from this input.",
        example: "a Report dump pasted from its middle, without the entries before context.protocol"
    ) { context in
        // Records seen whole (nearly all) have nothing unseen to say.
        guard context.isReport, context.record.unseen != nil else { return [] }
        let hidden = absenceNeeded.filter { context.value($0.name) == nil && context.unseenReason(ifAbsent: $0.name) != nil }
        guard let first = hidden.first, let reason = context.record.unseen?.reason else { return [] }
        let names = hidden.map(\.name).joined(separator: ", ")
        let verb = hidden.count == 1 ? "is" : "are"
        return [context.finding(
            .unseen, .note,
            "\(names) \(verb) not in what the input shows of this record (\(reason)): \(hidden.map(\.why).joined(separator: ", ")) cannot be told",
            attribute: first.name)]
    }

    static let deltaCarryover = DiagnosticRule(
        code: .deltaCarryover,
        summary: "A delta-encoded record (0.8, 1.0) shows attributes it did not send: Mixer carries them over from the records before it.",
        example: "record 2 of a 1.0 batch that sends only response.code but is dispatched with all of record 0's attributes"
    ) { context in
        let attributes = context.record.attributes
        guard attributes.carriedOverCount > 0 else { return [] }
        let names = attributes.filter(\.isCarriedOver).map(\.name)
        let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", ..." : "")
        return [context.finding(
            .deltaCarryover, .note,
            "\(names.count) of this record's attributes were not sent by it but carried over from earlier records of the delta batch (\(shown)): Mixer dispatches them as if they were")]
    }

    /// istio-proxy shrinks its dictionary to the first 111 words only when a
    /// Check or Report fails with INVALID_ARGUMENT and a message starting
    /// "Request could not be processed due to invalid" (istio/proxy
    /// src/istio/utils/protobuf.cc); Mixer's
    /// answer to a count above its own list is another status (istio/istio
    /// mixer/pkg/api/grpcServer.go), so no released Go Mixer causes it.
    static let dictionaryFallback = DiagnosticRule(
        code: .dictionaryFallback,
        summary: "The proxy sends the first (111-word) global dictionary, which it falls back to only on an answer no released Mixer gives.",
        example: "a Report with global_word_count 111"
    ) { request in
        // What the sender wrote, not the dictionary used: `--dictionary
        // fallback` reads a request with the 111-word list whatever its count.
        guard request.globalWordCount == 111 else { return [] }
        return [Finding(
            code: .dictionaryFallback, severity: .note,
            message: "global_word_count is 111, the first dictionary ever published: istio-proxy falls back to it only after an INVALID_ARGUMENT answer starting \"Request could not be processed due to invalid\", which no released Istio Mixer sends (to a count larger than its own list Mixer answers otherwise, and the proxy keeps its dictionary), so whatever answered this proxy was not a stock Mixer; every word past index 110 travels in the message, and Mixer reads such a request as usual",
            fix: "Nothing to fix on Mixer's side; to find what made the proxy fall back, look at what answers its Check and Report calls (istio-policy, istio-telemetry, or a replacement).")]
    }
}
