import BenchmarkWorkloads
import Foundation

// Each of the library's unsafe fast paths against its safe alternative
// (Swift 6.2's Span and RawSpan, whose accesses are bounds-checked, or a
// plain Array), on the same bytes in the same run. The library keeps raw
// pointers only where the safe form is measurably slower; docs/performance.md
// records the figures.
//
//   swift run -c release --package-path Benchmarks SpanComparison
//
// Each kernel is the library's loop written twice (its name says which;
// no kernel name may contain the module's words "Span" or "Comparison", or
// the symbol callgrind matches on is compressed away); best of 9 runs.

func best(_ body: () -> Int) -> (seconds: Double, result: Int) {
    var fastest = Double.infinity
    var result = 0
    for _ in 0..<9 {
        let start = DispatchTime.now().uptimeNanoseconds
        result = body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (fastest, result)
}

func row(_ name: String, bytes: Int, unsafe: () -> Int, safe: () -> Int) {
    let (unsafeTime, unsafeResult) = best(unsafe)
    let (safeTime, safeResult) = best(safe)
    precondition(unsafeResult == safeResult, "\(name): the two kernels disagree")
    let mbps = { (seconds: Double) in String(format: "%7.0f", Double(bytes) / seconds / 1e6) }
    print("| \(name) | \(mbps(unsafeTime)) | \(mbps(safeTime)) | \(String(format: "%.2f", safeTime / unsafeTime)) |")
}

// MARK: Newlines, eight bytes at a time (ByteSearch.firstNewline, the log reader's loop)

@inline(never) func newlinesUnsafe(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { raw in
        var count = 0
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            count &+= ((word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080).nonzeroBitCount
            offset += 8
        }
        while offset < raw.count {
            if raw[offset] == 0x0A { count += 1 }
            offset += 1
        }
        return count
    }
}

@inline(never) func newlinesSafe(_ bytes: [UInt8]) -> Int {
    let raw = bytes.span.bytes
    var count = 0
    var offset = 0
    while offset + 8 <= raw.byteCount {
        let word = raw.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
        count &+= ((word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080).nonzeroBitCount
        offset += 8
    }
    let span = bytes.span
    while offset < span.count {
        if span[offset] == 0x0A { count += 1 }
        offset += 1
    }
    return count
}

// MARK: Protobuf fields: tag, then the value by wire type, into every
// length-delimited field as into a nested message (WireCursor's loop)

@inline(never) func fieldsUnsafe(_ messages: [[UInt8]]) -> Int {
    var fields = 0
    for message in messages {
        message.withUnsafeBufferPointer { buffer in
            var index = 0
            func varint() -> UInt64? {
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while index < buffer.count, shift < 64 {
                    let byte = buffer[index]
                    index += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return value }
                    shift += 7
                }
                return nil
            }
            while index < buffer.count, let tag = varint() {
                fields += 1
                switch tag & 7 {
                case 0: _ = varint()
                case 1: index += 8
                case 2: _ = varint()  // its length; then on into its content, as into a nested message
                case 5: index += 4
                default: index += 1  // no wire type of Mixer's: on to the next byte
                }
            }
        }
    }
    return fields
}

@inline(never) func fieldsSafe(_ messages: [[UInt8]]) -> Int {
    var fields = 0
    for message in messages {
        let span = message.span
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < span.count, shift < 64 {
                let byte = span[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
        while index < span.count, let tag = varint() {
            fields += 1
            switch tag & 7 {
            case 0: _ = varint()
            case 1: index += 8
            case 2: _ = varint()
            case 5: index += 4
            default: index += 1
            }
        }
    }
    return fields
}

// MARK: Dotted IPv4 text (IPAddressFormatting.dotted): written into the String, or built and copied

@inline(never) func dottedUnsafe(_ addresses: [[UInt8]]) -> Int {
    var total = 0
    for bytes in addresses {
        let text = String(unsafeUninitializedCapacity: 15) { buffer in
            var count = 0
            for (place, byte) in bytes.enumerated() {
                if place > 0 { buffer[count] = UInt8(ascii: "."); count += 1 }
                if byte >= 100 { buffer[count] = UInt8(ascii: "0") + byte / 100; count += 1 }
                if byte >= 10 { buffer[count] = UInt8(ascii: "0") + byte / 10 % 10; count += 1 }
                buffer[count] = UInt8(ascii: "0") + byte % 10
                count += 1
            }
            return count
        }
        total &+= text.utf8.count
    }
    return total
}

@inline(never) func dottedSafe(_ addresses: [[UInt8]]) -> Int {
    var total = 0
    var out: [UInt8] = []
    out.reserveCapacity(15)
    for bytes in addresses {
        out.removeAll(keepingCapacity: true)
        for (place, byte) in bytes.enumerated() {
            if place > 0 { out.append(UInt8(ascii: ".")) }
            if byte >= 100 { out.append(UInt8(ascii: "0") + byte / 100) }
            if byte >= 10 { out.append(UInt8(ascii: "0") + byte / 10 % 10) }
            out.append(UInt8(ascii: "0") + byte % 10)
        }
        total &+= String(decoding: out, as: UTF8.self).utf8.count
    }
    return total
}

// MARK: A table written per entry (IdTable): plain memory, or an Array in a class

final class UnsafeTable {
    let values: UnsafeMutableBufferPointer<Int32>
    init(count: Int) { values = .allocate(capacity: count); values.initialize(repeating: -1) }
    deinit { values.deallocate() }
    subscript(id: Int32) -> Int32 {
        get { values[Int(id)] }
        set { values[Int(id)] = newValue }
    }
}

final class ArrayTable {
    var values: [Int32]
    init(count: Int) { values = Array(repeating: -1, count: count) }
    subscript(id: Int32) -> Int32 {
        get { values[Int(id)] }
        set { values[Int(id)] = newValue }
    }
}

@inline(never) func tableUnsafe(_ ids: [Int32], count: Int) -> Int {
    let table = UnsafeTable(count: count)
    var claimed = 0
    for (index, id) in ids.enumerated() where table[id] < 0 { table[id] = Int32(truncatingIfNeeded: index); claimed += 1 }
    return claimed
}

@inline(never) func tableSafe(_ ids: [Int32], count: Int) -> Int {
    let table = ArrayTable(count: count)
    var claimed = 0
    for (index, id) in ids.enumerated() where table[id] < 0 { table[id] = Int32(truncatingIfNeeded: index); claimed += 1 }
    return claimed
}

// MARK: The rows

// `once` (under callgrind, ~50 times slower) works on a tenth of the data.
let scale = CommandLine.arguments.dropFirst().first == "once" ? 10 : 1
let workload = BinaryWorkload(.reportHTTP11, size: .records(20_000 / scale))
let log = EnvoyLog(workload)
/// SplitMix64: the same addresses and ids on every run.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
var random = SplitMix64(state: 2026)
let addresses = (0..<1_000_000 / scale).map { _ in (0..<4).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
let ids = (0..<4_000_000 / scale).map { _ in Int32(truncatingIfNeeded: random.next() % 400) }

// `SpanComparison once`: each kernel once, for Scripts/span-comparison.sh,
// which counts each one's instructions with callgrind (the wall-clock
// rows below are noisy on a shared machine; counts are not).
if CommandLine.arguments.dropFirst().first == "once" {
    print(newlinesUnsafe(log.bytes), newlinesSafe(log.bytes), fieldsUnsafe(workload.messages), fieldsSafe(workload.messages),
          dottedUnsafe(addresses), dottedSafe(addresses), tableUnsafe(ids, count: 400), tableSafe(ids, count: 400))
    exit(0)
}

print("| kernel (input) | unsafe MB/s | safe MB/s | safe time / unsafe time |")
print("|---|---|---|---|")
row("newline scan, RawSpan (\(log.bytes.count / 1_000_000) MB Envoy log)", bytes: log.bytes.count,
    unsafe: { newlinesUnsafe(log.bytes) }, safe: { newlinesSafe(log.bytes) })
row("protobuf field walk, Span (\(workload.bytes / 1_000_000) MB of Reports)", bytes: workload.bytes,
    unsafe: { fieldsUnsafe(workload.messages) }, safe: { fieldsSafe(workload.messages) })
row("dotted IPv4, [UInt8] then String (1M addresses, 4 B each)", bytes: addresses.count * 4,
    unsafe: { dottedUnsafe(addresses) }, safe: { dottedSafe(addresses) })
row("id table, Array in a class (4M writes, 4 B each)", bytes: ids.count * 4,
    unsafe: { tableUnsafe(ids, count: 400) }, safe: { tableSafe(ids, count: 400) })
