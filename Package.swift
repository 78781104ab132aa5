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
        .executable(name: "mixerdecode", targets: ["mixerdecode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Byte and text helpers every stage shares (base64, hex, byte search,
        // the protobuf map rule, JSON reading, terminal escaping): a module of
        // their own, so that no stage of the pipeline reaches back into another
        // for them. `package` access: not part of the library's public API.
        .target(name: "MixerDecodeSupport"),
        .target(name: "MixerDecode", dependencies: ["MixerDecodeSupport"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .executableTarget(
            name: "mixerdecode",
            dependencies: [
                "MixerDecode",
                "CZlib",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MixerDecodeTests",
            dependencies: ["MixerDecode", "MixerDecodeSupport", "mixerdecode"],
            resources: []
        ),
    ]
)
