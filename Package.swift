// swift-tools-version:6.0
import PackageDescription

// Capital Planner: one library per capability, a thin CLI on top.
// Dependencies are kept few on purpose (cold builds on 2 cores): argument parsing for the CLI,
// YAML for the human-written policy, profile and contribution files. libpq and zlib come from
// the system (Debian: libpq-dev, zlib1g-dev). Spreadsheets holds the file formats (CSV, XLSX, ZIP)
// that Register reads and Reports and Procurement write.
let package = Package(
    name: "CapitalPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CapitalCore", targets: ["CapitalCore"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "CapitalStore", targets: ["CapitalStore"]),
        .library(name: "Spreadsheets", targets: ["Spreadsheets"]),
        .library(name: "Register", targets: ["Register"]),
        .library(name: "Reconciliation", targets: ["Reconciliation"]),
        .library(name: "Valuation", targets: ["Valuation"]),
        .library(name: "Funding", targets: ["Funding"]),
        .library(name: "Optimizer", targets: ["Optimizer"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Procurement", targets: ["Procurement"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Samples", targets: ["Samples"]),
        .executable(name: "capital", targets: ["capital"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure domain: no database.
        .target(name: "CapitalCore"),
        .target(name: "Optimizer"),
        .target(name: "YAMLFiles", dependencies: ["CapitalCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "Valuation", dependencies: ["CapitalCore", "YAMLFiles", .product(name: "Yams", package: "Yams")]),
        .target(name: "Funding", dependencies: ["CapitalCore", "Spreadsheets"]),
        .target(name: "Spreadsheets", dependencies: ["CapitalCore", "CZlib", "CLibCrypto"]),
        .target(name: "Register", dependencies: ["CapitalCore", "Spreadsheets", .product(name: "Yams", package: "Yams")]),
        .target(name: "Reconciliation", dependencies: ["CapitalCore"]),
        .target(name: "Planning", dependencies: ["CapitalCore", "Optimizer", "YAMLFiles", .product(name: "Yams", package: "Yams")]),
        .target(name: "Procurement", dependencies: ["CapitalCore", "Planning", "Spreadsheets"]),
        .target(name: "Reports", dependencies: ["CapitalCore", "Spreadsheets"]),
        .target(name: "Samples", dependencies: ["CapitalCore", "Spreadsheets", "Planning", .product(name: "Yams", package: "Yams")]),

        // The database layer and the stores over it.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "CapitalStore", dependencies: ["CapitalCore", "Postgres", "Spreadsheets", "Register", "Valuation", "Funding", "Planning", "Procurement", "Optimizer", "Reports", "Samples", "Reconciliation"]),

        .executableTarget(
            name: "capital",
            dependencies: [
                "CapitalCore", "Postgres", "CapitalStore", "Register", "Reconciliation", "Valuation", "Funding", "Optimizer", "Planning", "Procurement", "Reports", "Samples",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", dependencies: ["Postgres", "CapitalStore"], path: "Tests/Support"),
        .target(name: "ValuationFixtures", dependencies: ["Valuation", "CapitalCore"], path: "Tests/ValuationFixtures"),
        .testTarget(name: "CapitalCoreTests", dependencies: ["CapitalCore"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "CapitalStoreTests", dependencies: ["CapitalStore", "TestSupport", "Planning", "Procurement", "Optimizer", "Valuation", "Samples"]),
        .testTarget(name: "SpreadsheetsTests", dependencies: ["Spreadsheets", "CapitalCore"]),
        .testTarget(name: "RegisterTests", dependencies: ["Register", "Spreadsheets", "CapitalCore", "Samples"]),
        .testTarget(name: "ReconciliationTests", dependencies: ["Reconciliation", "CapitalCore"]),
        .testTarget(name: "ValuationTests", dependencies: ["Valuation", "CapitalCore", "ValuationFixtures", "Samples"]),
        .testTarget(name: "FundingTests", dependencies: ["Funding", "Valuation", "CapitalCore", "ValuationFixtures"]),
        .testTarget(name: "OptimizerTests", dependencies: ["Optimizer"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Optimizer", "CapitalCore", "Samples"]),
        .testTarget(name: "ProcurementTests", dependencies: ["Procurement", "Planning", "Spreadsheets", "CapitalCore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Spreadsheets", "CapitalCore", "Planning", "Optimizer"]),
        .testTarget(name: "CLITests", dependencies: ["capital", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["Register", "Spreadsheets", "CapitalCore", "Planning", "Valuation", "Funding", "Optimizer"]),
    ]
)
