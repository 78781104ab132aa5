/// Text forms of protobuf times, as protobuf's JSON mapping writes them but
/// with trailing zeros of the fraction dropped ("…20.125Z", "-1.5s", "3s").
/// Arithmetic is done in `Int128` nanoseconds, so no value from the wire can
/// overflow, and out-of-range nanos are folded into the seconds instead of hidden.
enum TimeFormatting {
    static let nanosPerSecond: Int128 = 1_000_000_000

    /// RFC 3339 in UTC: "2019-05-20T08:12:20.125365976Z".
    static func rfc3339(_ timestamp: ProtoTimestamp) -> String {
        commonRFC3339(timestamp) ?? generalRFC3339(timestamp)
    }

    /// Any timestamp, however far out of range its seconds or nanos are.
    static func generalRFC3339(_ timestamp: ProtoTimestamp) -> String {
        let total = Int128(timestamp.seconds) * nanosPerSecond + Int128(timestamp.nanos)
        var seconds = total / nanosPerSecond
        var nanos = total % nanosPerSecond
        if nanos < 0 {
            nanos += nanosPerSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = Int(secondOfDay / 3600), minute = Int(secondOfDay / 60 % 60), second = Int(secondOfDay % 60)
        let yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return "\(yearText)-\(pad(Int128(month), 2))-\(pad(Int128(day), 2))T\(pad(Int128(hour), 2)):\(pad(Int128(minute), 2)):\(pad(Int128(second), 2))\(fraction(Int(nanos)))Z"
    }

    /// Seconds with a fraction and "s": "0.003391876s", "-1.5s", "0s".
    static func duration(_ duration: ProtoDuration) -> String {
        commonDuration(duration) ?? generalDuration(duration)
    }

    /// Any duration, however large.
    static func generalDuration(_ duration: ProtoDuration) -> String {
        let total = Int128(duration.seconds) * nanosPerSecond + Int128(duration.nanos)
        let magnitude = total < 0 ? -total : total
        let sign = total < 0 ? "-" : ""
        return "\(sign)\(magnitude / nanosPerSecond)\(fraction(Int(magnitude % nanosPerSecond)))s"
    }

    /// ".125" for 125,000,000 ns; "" for 0.
    private static func fraction(_ nanos: Int) -> String {
        guard nanos != 0 else { return "" }
        var digits = Array(pad(Int128(nanos), 9))
        while digits.last == "0" { digits.removeLast() }
        return "." + String(digits)
    }

    private static func pad(_ value: Int128, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count.
    private static func civilDate(daysSinceEpoch: Int128) -> (year: Int128, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: - The common case, without Int128 or intermediate Strings

    /// Years 1970-9999 with nanos in range, which is every timestamp Envoy
    /// sends: the same text as the general path, written digit by digit.
    static func commonRFC3339(_ timestamp: ProtoTimestamp) -> String? {
        guard timestamp.seconds >= 0, timestamp.seconds < 253_402_300_800,
              timestamp.nanos >= 0, timestamp.nanos < 1_000_000_000
        else { return nil }
        let seconds = Int(timestamp.seconds)
        let secondOfDay = seconds % 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: Int128(seconds / 86_400))
        return String(unsafeUninitializedCapacity: 30) { buffer in
            var text = DigitWriter(buffer: buffer)
            text.digits(Int(year), width: 4)
            text.byte(UInt8(ascii: "-"))
            text.digits(month, width: 2)
            text.byte(UInt8(ascii: "-"))
            text.digits(day, width: 2)
            text.byte(UInt8(ascii: "T"))
            text.digits(secondOfDay / 3600, width: 2)
            text.byte(UInt8(ascii: ":"))
            text.digits(secondOfDay / 60 % 60, width: 2)
            text.byte(UInt8(ascii: ":"))
            text.digits(secondOfDay % 60, width: 2)
            text.fraction(Int(timestamp.nanos))
            text.byte(UInt8(ascii: "Z"))
            return text.count
        }
    }

    /// Durations under about 290 years with nanos of either sign below one
    /// second: `seconds * 1e9 + nanos` fits an Int64.
    static func commonDuration(_ duration: ProtoDuration) -> String? {
        guard duration.seconds > -9_000_000_000, duration.seconds < 9_000_000_000,
              duration.nanos > -1_000_000_000, duration.nanos < 1_000_000_000
        else { return nil }
        let total = Int(duration.seconds) * 1_000_000_000 + Int(duration.nanos)
        let magnitude = total.magnitude
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var text = DigitWriter(buffer: buffer)
            if total < 0 { text.byte(UInt8(ascii: "-")) }
            text.digits(Int(magnitude / 1_000_000_000), width: 1)
            text.fraction(Int(magnitude % 1_000_000_000))
            text.byte(UInt8(ascii: "s"))
            return text.count
        }
    }
}

/// Writes ASCII digits into a String's uninitialized buffer (bounded by the
/// caller's capacity: the longest text written is 30 bytes).
private struct DigitWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    mutating func byte(_ value: UInt8) {
        // Safe: callers ask for a capacity above their longest text, so
        // count stays below buffer.count (checked in debug builds).
        buffer[count] = value
        count += 1
    }

    /// `value` (not negative) in at least `width` digits, zero-padded.
    mutating func digits(_ value: Int, width: Int) {
        var length = 1
        var rest = value / 10
        while rest > 0 { length += 1; rest /= 10 }
        length = max(length, width)
        var remaining = value
        for place in stride(from: count + length - 1, through: count, by: -1) {
            // Safe: as in `byte`: count + length stays within the capacity asked.
            buffer[place] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        count += length
    }

    /// ".125" for 125,000,000 ns: nine digits, trailing zeros dropped; nothing for 0.
    mutating func fraction(_ nanos: Int) {
        guard nanos != 0 else { return }
        var value = nanos
        var width = 9
        while value % 10 == 0 {
            value /= 10
            width -= 1
        }
        byte(UInt8(ascii: "."))
        digits(value, width: width)
    }
}
