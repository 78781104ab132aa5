import MixerDecodeSupport

/// Unix times as log shippers write them, turned into RFC 3339 so that a
/// dump's time reads the same whatever carried it: journald's
/// `__REALTIME_TIMESTAMP` ("1558340000125365", microseconds), Fluent Bit's
/// `date` (1558340000.125366, seconds), or milliseconds and nanoseconds
/// from other writers.
enum EpochTime {
    enum Unit: Int {
        case seconds = 0, milliseconds = 3, microseconds = 6, nanoseconds = 9
    }

    /// RFC 3339 (UTC) of `text`: digits with an optional fraction. Without a
    /// `unit`, the number of integer digits tells it, for times after 2001:
    /// 10 digits are seconds, 13 milliseconds, 16 microseconds, 19 nanoseconds.
    /// Nil for anything else (a sign, an exponent, a year past 9999).
    static func rfc3339(_ text: ArraySlice<UInt8>, unit: Unit? = nil) -> String? {
        guard let dot = splitAtDot(text) else { return nil }
        let (whole, fraction) = dot
        guard let unit = unit ?? guessUnit(integerDigits: whole.count), whole.count <= 20 else { return nil }
        // Whole seconds are the integer digits without the unit's last ones;
        // those, then the fraction, are the nanoseconds.
        let secondDigits = max(0, whole.count - unit.rawValue)
        guard let seconds = Int64(digits: whole.prefix(secondDigits)), seconds < 253_402_300_800 else { return nil }
        var nanoDigits = Array(repeating: UInt8(ascii: "0"), count: max(0, unit.rawValue - whole.count))
        nanoDigits += whole.suffix(whole.count - secondDigits) + fraction
        nanoDigits = Array((nanoDigits + Array(repeating: UInt8(ascii: "0"), count: 9)).prefix(9))
        guard let nanos = Int64(digits: nanoDigits[...]) else { return nil }
        return TimeFormatting.rfc3339(ProtoTimestamp(seconds: seconds, nanos: Int32(nanos)))
    }

    private static func guessUnit(integerDigits: Int) -> Unit? {
        switch integerDigits {
        case 1...11: .seconds
        case 12...14: .milliseconds
        case 15...17: .microseconds
        case 18...20: .nanoseconds
        default: nil
        }
    }

    /// Integer digits and fraction digits; nil unless `text` is `D+` or `D+.D+`.
    private static func splitAtDot(_ text: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        let dot = text.firstIndex(of: UInt8(ascii: "."))
        let whole = text[..<(dot ?? text.endIndex)]
        let fraction = dot.map { text[($0 + 1)...] } ?? text[text.endIndex...]
        guard !whole.isEmpty, whole.allSatisfy(ByteSearch.isDigit), fraction.allSatisfy(ByteSearch.isDigit),
              dot == nil || !fraction.isEmpty
        else { return nil }
        return (whole, fraction)
    }
}

extension Int64 {
    /// The value of ASCII digits (0 for none); nil on overflow.
    fileprivate init?(digits: ArraySlice<UInt8>) {
        var value: Int64 = 0
        for digit in digits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        self = value
    }
}
