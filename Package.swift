// swift-tools-version:6.0
// mixerdecode: decode and diagnose Istio Mixer attribute traffic.
//
// The library `MixerDecode` depends on nothing beyond the Swift toolchain, so
// analyzers that import it pull in no third-party code. Only the command
// `mixerdecode` uses swift-argument-parser, and the system's zlib (CZlib) to
// read gzip-compressed rotated logs. swift-docc-plugin only adds the
// `generate-documentation` command (the DocC catalog in
// Sources/MixerDecode/MixerDecode.docc); nothing links it.
import PackageDescription

let package = Package(
    name: "mixerdecode",
    products: [
        .library(name: "MixerDecode", targets: ["MixerDecode"]),
        // Mixer modelled with its configuration: evaluation of records, series.
        .library(name: "MixerConfig", targets: ["MixerConfig"]),
        .executable(name: "mixerdecode", targets: ["mixerdecode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Byte and text helpers every stage shares (base64, hex, byte search,
        // the protobuf map rule, JSON reading, terminal escaping): a module of
        // their own, so that no stage of the pipeline reaches back into another
        // for them. `package` access: not part of the library's public API.
        .target(name: "MixerDecodeSupport"),
        .target(name: "MixerDecode", dependencies: ["MixerDecodeSupport"]),
        // Mixer's configuration as users keep it: YAML (kubectl output,
        // multi-document files) read with a real YAML library. A module of
        // its own, so that the decoding library depends on nothing.
        .target(
            name: "MixerConfig",
            dependencies: ["MixerDecode", "MixerDecodeSupport", .product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .executableTarget(
            name: "mixerdecode",
            dependencies: [
                "MixerDecode",
                "MixerConfig",
                "CZlib",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MixerDecodeTests",
            dependencies: ["MixerDecode", "MixerDecodeSupport", "MixerConfig", "mixerdecode"],
            resources: []
        ),
    ]
)
