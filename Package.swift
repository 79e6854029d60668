// swift-tools-version:6.0
import PackageDescription

// Clearance: a migration health screening recorder.
// Layout: Sources/ (host libraries and executables), Plugins/ (compiled screening modules,
// ordinary library targets with an explicit path), Forms/ (form and rule-pack data), Tests/.

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let cryptoExtras: Target.Dependency = .product(name: "_CryptoExtras", package: "swift-crypto")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

/// The compiled screening modules; each is a library target under Plugins/.
let plugins = ["TBScreening", "HIVScreening", "Audiometry", "ChestXRay"]

let package = Package(
    name: "Clearance",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clearance", targets: ["clearance"]),
        .executable(name: "clearance-bench", targets: ["clearance-bench"]),
        // What a module package outside this repository depends on (docs/MODULES.md): the
        // module protocol and form engine, the `clearance` command to build with its modules,
        // and the modules shipped with Clearance.
        .library(name: "ClearanceCore", targets: ["ClearanceCore"]),
        .library(name: "ClearanceCLI", targets: ["ClearanceCLI"]),
        .library(name: "ClearanceBuiltins", targets: ["ClearanceBuiltins"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: - C libraries (Debian packages, see scripts/setup)
        .systemLibrary(name: "CLibPNG", path: "Sources/CLibPNG", pkgConfig: "libpng"),
        .systemLibrary(name: "CHaru", path: "Sources/CHaru"),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", pkgConfig: "libqrencode"),
        .systemLibrary(name: "CFriBidi", path: "Sources/CFriBidi", pkgConfig: "fribidi"),
        .systemLibrary(name: "CBrotli", path: "Sources/CBrotli", pkgConfig: "libbrotlienc"),

        // MARK: - Host libraries
        .target(name: "ClearanceCore", dependencies: [yams, crypto]),
        .target(name: "ClearanceForms", dependencies: []),
        .target(name: "ClearanceStore", dependencies: ["ClearanceCore", "CBrotli", grdb, .product(name: "GRDBSQLite", package: "GRDB.swift"), crypto, cryptoExtras]),
        .target(name: "ClearanceImaging", dependencies: ["CLibPNG", crypto]),
        .target(name: "ClearanceCertificate",
                dependencies: ["ClearanceCore", "ClearanceForms", "ClearanceImaging", "CHaru", "CQREncode", "CFriBidi", crypto]),
        .target(name: "ClearanceTerminal", dependencies: ["ClearanceCore", "ClearanceForms"]),
        .target(name: "ClearanceBuiltins",
                dependencies: ["ClearanceCore"] + plugins.map { .target(name: $0) }),
        .target(name: "ClearanceService",
                dependencies: ["ClearanceCore", "ClearanceStore", "ClearanceImaging", "ClearanceCertificate",
                               "ClearanceBuiltins", "ClearanceForms", logging, yams]),
        .target(name: "ClearanceTestSupport",
                dependencies: ["ClearanceCore", "ClearanceStore", "ClearanceService", "ClearanceBuiltins"]),

        /// The `clearance` command as a library: its commands, and ``ClearanceCLI/main(modules:)``
        /// that runs it with extra compiled modules. (Sources/clearance holds its sources.)
        .target(name: "ClearanceCLI", dependencies: [argumentParser, "ClearanceService", "ClearanceTerminal", "ClearanceBuiltins", "ClearanceImaging", logging],
                path: "Sources/clearance"),

        // MARK: - Executables
        /// The shipped binary: the CLI with the built-in modules only.
        .executableTarget(name: "clearance", dependencies: ["ClearanceCLI"], path: "Sources/ClearanceMain"),
        .executableTarget(name: "clearance-bench",
                          dependencies: [argumentParser, "ClearanceService", "ClearanceTerminal", "ClearanceTestSupport",
                                         "ClearanceImaging", "ClearanceCertificate", grdb,
                                         .product(name: "GRDBSQLite", package: "GRDB.swift")]),

        /// Saves encounters in a loop and reports each commit; the store's kill test runs it.
        .executableTarget(name: "clearance-crash-writer", dependencies: ["ClearanceStore", "ClearanceCore"],
                          path: "Tests/Tools/CrashWriter"),

        // MARK: - Tests (one target per library and per plugin, plus end-to-end)
        .testTarget(name: "ClearanceCoreTests", dependencies: ["ClearanceCore", "ClearanceForms", "ClearanceBuiltins", crypto]),
        .testTarget(name: "ClearanceStoreTests", dependencies: ["ClearanceStore", "ClearanceTestSupport", grdb, crypto]),
        .testTarget(name: "ClearanceImagingTests", dependencies: ["ClearanceImaging"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ClearanceCertificateTests", dependencies: ["ClearanceCertificate", "ClearanceTestSupport"]),
        .testTarget(name: "ClearanceTerminalTests", dependencies: ["ClearanceTerminal", "ClearanceBuiltins"]),
        .testTarget(name: "ClearanceServiceTests", dependencies: ["ClearanceService", "ClearanceTestSupport", grdb]),
        .testTarget(name: "EndToEndTests", dependencies: ["ClearanceTestSupport", "ClearanceImaging", "ClearanceService", "ClearanceStore", "ClearanceCore", grdb]),

        // MARK: - A module package, as a team outside this repository makes one (docs/MODULES.md)
        /// A compiled module that depends on the public ClearanceCore product only; its form is a
        /// resource of its own target.
        .target(name: "SampleBloodPressure", dependencies: ["ClearanceCore"], path: "Tests/ModulePackage/SampleBloodPressure",
                resources: [.copy("blood-pressure.yaml")]),
        /// The `clearance` command built with that module (the ClearanceCLI product's entry point).
        .executableTarget(name: "clearance-with-sample", dependencies: ["ClearanceCLI", "ClearanceCore", "SampleBloodPressure"],
                          path: "Tests/ModulePackage/clearance-with-sample"),
        /// Runs that binary: the module is listed, recorded, validated and derived like a built-in one.
        .testTarget(name: "ModulePackageTests", dependencies: ["ClearanceTestSupport"], path: "Tests/ModulePackage/Tests"),
    ]
    + plugins.map { .target(name: $0, dependencies: ["ClearanceCore"], path: "Plugins/\($0)") }
    + plugins.map { .testTarget(name: "\($0)Tests", dependencies: [.target(name: $0), "ClearanceCore", "ClearanceBuiltins"]) }
)

// Swift settings once for every target.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v5)]
}
