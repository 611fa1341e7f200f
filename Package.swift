// swift-tools-version:6.0
import PackageDescription

// Capital Planner: one library per capability, a thin CLI on top.
// Dependencies are kept few on purpose (cold builds on 2 cores): argument parsing for the CLI,
// YAML for the human-written policy, profile and contribution files. libpq comes from the system.
let package = Package(
    name: "CapitalPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CapitalCore", targets: ["CapitalCore"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "CapitalStore", targets: ["CapitalStore"]),
        .executable(name: "capital", targets: ["capital"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "CapitalCore"),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "CapitalStore", dependencies: ["CapitalCore", "Postgres"]),
        .executableTarget(
            name: "capital",
            dependencies: [
                "CapitalCore", "Postgres", "CapitalStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Postgres", "CapitalStore"], path: "Tests/Support"),
        .testTarget(name: "CapitalCoreTests", dependencies: ["CapitalCore"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "CapitalStoreTests", dependencies: ["CapitalStore", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["capital", "TestSupport"]),
    ]
)
