// swift-tools-version:6.0
// libFuzzer targets for mixerdecode, in a package of their own: a fuzz
// target has no `main` (libFuzzer provides it), so it cannot live in the main
// package, whose `swift build` must link every executable. Build and run
// with Scripts/fuzz.sh (the flags matter; see the script).
import PackageDescription

let package = Package(
    name: "mixerdecode-fuzz",
    dependencies: [.package(name: "mixerdecode", path: "..")],
    targets: [
        .executableTarget(name: "FuzzWireDecoder", dependencies: [.product(name: "MixerDecode", package: "mixerdecode")]),
        .executableTarget(name: "FuzzLogReader", dependencies: [.product(name: "MixerDecode", package: "mixerdecode")]),
    ]
)
