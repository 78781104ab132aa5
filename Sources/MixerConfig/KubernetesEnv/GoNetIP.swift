/// The parts of Go's `net` package that the kubernetesenv adapter leans on,
/// ported as Go 1.10–1.14 (the toolchains of Istio 1.0–1.7) had them:
/// `ParseIP` (decides whether a UID is used as an IP key, and makes the
/// `*_pod_ip`/`*_host_ip` outputs), `IP.String` (the key an IP input is looked
/// up with) and `IP.IsUnspecified` (whether an IP input is looked up at all).
/// `ValueParser.ipAddress` is not Go's rule (it takes `+1` and no embedded
/// IPv4 in IPv6), hence a port of its own.
enum GoNetIP {
    /// `net.ParseIP`: 16 bytes (IPv4 mapped, `::ffff:a.b.c.d`) or nil.
    /// Go before 1.17 accepted leading zeros in IPv4 parts ("010" is 10).
    static func parse(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        for byte in bytes {
            if byte == UInt8(ascii: ".") { return parseIPv4(bytes[...]) }
            if byte == UInt8(ascii: ":") { return parseIPv6(bytes[...]) }
        }
        return nil
    }

    /// `net.IP.String`: dotted for 4-byte and IPv4-mapped addresses,
    /// RFC 5952 (longest zero run, first of equals, as `::`) for IPv6,
    /// `?` and hex for other lengths, `<nil>` for none.
    static func string(_ ip: [UInt8]) -> String {
        if ip.isEmpty { return "<nil>" }
        if let v4 = to4(ip) { return v4.map { String($0) }.joined(separator: ".") }
        guard ip.count == 16 else { return "?" + ip.map { hex($0) }.joined() }
        var (e0, e1) = (-1, -1)
        var i = 0
        while i < 16 {
            var j = i
            while j < 16, ip[j] == 0, ip[j + 1] == 0 { j += 2 }
            if j > i, j - i > e1 - e0 {
                (e0, e1) = (i, j)
                i = j
            }
            i += 2
        }
        if e1 - e0 <= 2 { (e0, e1) = (-1, -1) }
        var text = ""
        i = 0
        while i < 16 {
            if i == e0 {
                text += "::"
                i = e1
                if i >= 16 { break }
            } else if i > 0 {
                text += ":"
            }
            text += String(UInt16(ip[i]) << 8 | UInt16(ip[i + 1]), radix: 16)
            i += 2
        }
        return text
    }

    /// `ip.IsUnspecified()`: equal (by `net.IP.Equal`, which sees 4-byte
    /// and mapped 16-byte forms as one) to `0.0.0.0` or `::`.
    static func isUnspecified(_ ip: [UInt8]) -> Bool {
        if ip.count == 16, ip.allSatisfy({ $0 == 0 }) { return true }
        return to4(ip) == [0, 0, 0, 0]
    }

    /// `net.IP.To4`: the 4 bytes of a 4-byte or IPv4-mapped address.
    static func to4(_ ip: [UInt8]) -> [UInt8]? {
        if ip.count == 4 { return ip }
        if ip.count == 16, ip[0..<10].allSatisfy({ $0 == 0 }), ip[10] == 0xFF, ip[11] == 0xFF { return Array(ip[12...]) }
        return nil
    }

    private static let v4InV6Prefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// Go's `dtoi`/`xtoi`: the value of the leading digits, how many, and
    /// false when there are none or the value reaches 0xFFFFFF (`big`).
    private static func digits(_ s: ArraySlice<UInt8>, hex: Bool) -> (value: Int, count: Int, ok: Bool) {
        var value = 0
        var count = 0
        for byte in s {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = Int(byte - UInt8(ascii: "A")) + 10
            default: return (value, count, count > 0)
            }
            value = value * (hex ? 16 : 10) + digit
            count += 1
            if value >= 0xFFFFFF { return (value, count, false) }
        }
        return (value, count, count > 0)
    }

    /// Go's `parseIPv4`: exactly four decimal parts up to 255.
    private static func parseIPv4(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var s = text
        var parts: [UInt8] = []
        for index in 0..<4 {
            if s.isEmpty { return nil }
            if index > 0 {
                guard s.first == UInt8(ascii: ".") else { return nil }
                s = s.dropFirst()
            }
            let (value, count, ok) = digits(s, hex: false)
            guard ok, value <= 0xFF else { return nil }
            s = s.dropFirst(count)
            parts.append(UInt8(value))
        }
        return s.isEmpty ? v4InV6Prefix + parts : nil
    }

    /// Go's `parseIPv6` (no zone): hex groups, one `::`, an IPv4 tail.
    private static func parseIPv6(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var ip = [UInt8](repeating: 0, count: 16)
        var s = text
        var ellipsis = -1
        if s.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return ip }
        }
        var i = 0
        while i < 16 {
            let (value, count, ok) = digits(s, hex: true)
            guard ok, value <= 0xFFFF else { return nil }
            if count < s.count, s[s.startIndex + count] == UInt8(ascii: ".") {
                guard ellipsis >= 0 || i == 12, i + 4 <= 16, let v4 = parseIPv4(s) else { return nil }
                ip.replaceSubrange(i..<(i + 4), with: v4[12...])
                s = []
                i += 4
                break
            }
            ip[i] = UInt8(value >> 8)
            ip[i + 1] = UInt8(value & 0xFF)
            i += 2
            s = s.dropFirst(count)
            if s.isEmpty { break }
            guard s.first == UInt8(ascii: ":"), s.count > 1 else { return nil }
            s = s.dropFirst()
            if s.first == UInt8(ascii: ":") {
                guard ellipsis < 0 else { return nil }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        guard s.isEmpty else { return nil }
        return expand(ip, used: i, ellipsis: ellipsis)
    }

    /// The tail of `parseIPv6`: move the groups after `::` to the end.
    private static func expand(_ parsed: [UInt8], used i: Int, ellipsis: Int) -> [UInt8]? {
        var ip = parsed
        if i < 16 {
            guard ellipsis >= 0 else { return nil }
            let n = 16 - i
            for j in stride(from: i - 1, through: ellipsis, by: -1) { ip[j + n] = ip[j] }
            for j in stride(from: ellipsis + n - 1, through: ellipsis, by: -1) { ip[j] = 0 }
        } else if ellipsis >= 0 {
            return nil  // "::" must stand for at least one zero group
        }
        return ip
    }
}
