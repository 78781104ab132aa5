// swift-tools-version:6.1
// Benchmarks of mixerdecode against other protobuf runtimes, on the same
// bytes in the same run: a package of its own, so that the library's users
// never build SwiftProtobuf or protobuf-c. Run with Scripts/benchmark.sh.
// InstructionCounts is the CI performance check (Scripts/perf-check.sh); it
// and the workloads depend on the libraries alone (MixerConfig brings Yams),
// so the check builds neither SwiftProtobuf nor protobuf-c.
import PackageDescription

let package = Package(
    name: "mixerdecode-benchmarks",
    dependencies: [
        .package(name: "mixerdecode", path: ".."),
        .package(name: "mixerdecode-oracle", path: "../Oracle"),
        // traits: [] avoids a SwiftPM 6.3.1 bug that rebuilds SwiftProtobuf between build and test.
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0", traits: []),
    ],
    targets: [
        .target(
            name: "BenchmarkWorkloads",
            dependencies: [.product(name: "MixerDecode", package: "mixerdecode")]
        ),
        .executableTarget(
            name: "MixerBenchmarks",
            dependencies: [
                "BenchmarkWorkloads",
                .product(name: "MixerDecode", package: "mixerdecode"),
                .product(name: "MixerConfig", package: "mixerdecode"),
                .product(name: "MixerProtobufC", package: "mixerdecode-oracle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .executableTarget(
            name: "WorkloadFiles",
            dependencies: ["BenchmarkWorkloads"]
        ),
        .executableTarget(
            name: "SpanComparison",
            dependencies: ["BenchmarkWorkloads"]
        ),
        .executableTarget(
            name: "InstructionCounts",
            dependencies: [
                "BenchmarkWorkloads",
                .product(name: "MixerDecode", package: "mixerdecode"),
                .product(name: "MixerConfig", package: "mixerdecode"),
            ]
        ),
    ]
)
