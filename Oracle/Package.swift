// swift-tools-version:6.0
// The protobuf-c differential test: libprotobuf-c (Debian's libprotobuf-c-dev),
// with C generated from Protos/ by protoc-c, decodes every input the
// hand-written decoder decodes, and the two must agree. A package of its
// own, so that the main package never needs libprotobuf-c to build.
//
//   bash Scripts/install-test-deps.sh && swift test --package-path Oracle
import PackageDescription

let package = Package(
    name: "mixerdecode-oracle",
    products: [
        // Also used by the benchmarks, as the protobuf-c comparator.
        .library(name: "MixerProtobufC", targets: ["MixerProtobufC"]),
    ],
    dependencies: [.package(name: "mixerdecode", path: "..")],
    targets: [
        .target(
            name: "MixerProtobufC",
            exclude: [],
            linkerSettings: [.linkedLibrary("protobuf-c")]
        ),
        .testTarget(
            name: "OracleTests",
            dependencies: ["MixerProtobufC", .product(name: "MixerDecode", package: "mixerdecode")]
        ),
    ]
)
