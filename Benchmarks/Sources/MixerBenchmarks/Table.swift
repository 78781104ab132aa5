import Foundation

/// The table the README shows. Ratios are mixerdecode's speed over the
/// other decoder's on the same workload (higher is better for mixerdecode).
func printTable(_ rows: [Row]) {
    print("| workload | method | MB | MB/s | ns/entry | vs protobuf-c | vs SwiftProtobuf |")
    print("|---|---|---|---|---|---|---|")
    for row in rows {
        func ratio(_ method: String) -> String {
            guard method != row.method,
                  let peer = rows.first(where: { $0.workload == row.workload && $0.method == method })
            else { return "" }
            return String(format: "%.2fx", peer.seconds / row.seconds)
        }
        print(String(format: "| %@ | %@ | %.1f | %.0f | %.1f | %@ | %@ |", row.workload, row.method, row.megabytes,
                     row.mbPerSecond, row.nsPerEntry, ratio("protobuf-c"), ratio("SwiftProtobuf")))
    }
}
