import MixerDecode
import MixerDecodeSupport

/// A value as Mixer's adapters write it in a label (istio/istio
/// `1.1.6:mixer/pkg/adapter/instanceUtil.go`, `Stringify`).
enum Stringify {
    static func text(_ value: ExpressionValue) -> String {
        switch value {
        case .string(let text), .dnsName(let text), .emailAddress(let text), .uri(let text), .mistyped(_, let text): return text
        case .int64(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .double(let number): return GoFloat.formatF(number)
        case .duration(let nanos): return GoDurationText.text(nanos)
        // `net.IP(vv).String()`: a length other than 4 or 16 prints as `?` and hex.
        case .ipAddress(let bytes): return IPAddressFormatting.text(bytes) ?? ("?" + bytes.map { hex($0) }.joined())
        case .timestamp(let time): return serializeTime(time)
        case .stringMap(let map): return map.keys.sorted().map { "\($0)=\(map[$0]!)" }.joined(separator: "&")
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// `serializeTime`: UTC, always six fraction digits (microseconds, cut).
    private static func serializeTime(_ time: ProtoTimestamp) -> String {
        let whole = ValueFormatter.timestampText(ProtoTimestamp(seconds: time.seconds, nanos: 0))
        let micros = String(Int(time.nanos) / 1000)
        return String(whole.prefix(19)) + "." + String(repeating: "0", count: 6 - micros.count) + micros + "Z"
    }
}

/// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that
/// read back the same, never in exponent form.
enum GoFloat {
    static func formatF(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        // Swift prints the shortest digits that read back the same, as Go's
        // -1 precision asks; only its exponent form needs spelling out.
        let shortest = "\(value)"
        guard let exponentAt = shortest.firstIndex(of: "e") else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        let exponent = Int(shortest[shortest.index(after: exponentAt)...])!
        var mantissa = shortest[..<exponentAt]
        let negative = mantissa.first == "-"
        if negative { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".")
        let digits = parts.joined()
        let point = parts[0].count + exponent
        let text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text = digits + String(repeating: "0", count: point - digits.count)
        } else {
            text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        return (negative ? "-" : "") + text
    }
}

/// Go's `time.Duration.String`: `0s`, `750ns`, `1.5µs`, `5ms`, `1.5s`,
/// `2m30s`, `1h0m0s`.
enum GoDurationText {
    static func text(_ nanos: Int64) -> String {
        if nanos == 0 { return "0s" }
        let magnitude = nanos.magnitude
        let sign = nanos < 0 ? "-" : ""
        if magnitude < 1_000_000_000 {
            let (precision, unit): (Int, String) =
                magnitude < 1_000 ? (0, "ns") : magnitude < 1_000_000 ? (3, "µs") : (6, "ms")
            return sign + decimal(magnitude, precision) + unit
        }
        let seconds = decimal(magnitude % 60_000_000_000, 9) + "s"
        let minutes = magnitude / 60_000_000_000
        guard minutes > 0 else { return sign + seconds }
        let hours = minutes / 60
        guard hours > 0 else { return sign + "\(minutes)m" + seconds }
        return sign + "\(hours)h\(minutes % 60)m" + seconds
    }

    /// `value / 10^precision` with its fraction's trailing zeros (and a bare point) left out.
    private static func decimal(_ value: UInt64, _ precision: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<precision { scale *= 10 }
        let whole = value / scale
        var fraction = String(value % scale)
        guard fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: precision - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
