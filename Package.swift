// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "loupe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
        .executable(name: "loupe-bench", targets: ["loupe-bench"]),
        .executable(name: "loupe-aggregate-bench", targets: ["loupe-aggregate-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "LoupeDomain",
            dependencies: [],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeStore",
            dependencies: ["LoupeDomain"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CSQLite"),
        .target(name: "CLoupeMalloc"),
        .target(
            name: "LoupeCore",
            dependencies: ["LoupeDomain", "LoupeStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeStoreSQLite",
            dependencies: [
                "LoupeDomain", "LoupeStore", "CSQLite",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeStorePostgres",
            dependencies: [
                "LoupeDomain", "LoupeStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeDelivery",
            dependencies: [
                "LoupeDomain", "LoupeStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeHTTP",
            dependencies: [
                "LoupeDomain", "LoupeStore", "LoupeCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Public"), .copy("OpenAPI")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeServer",
            dependencies: [
                "LoupeDomain", "LoupeStore", "LoupeCore", "LoupeStoreSQLite", "LoupeStorePostgres", "LoupeHTTP",
                "LoupeDelivery", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeTestSupport",
            dependencies: [
                "LoupeServer", "LoupeStore", "LoupeDomain", "LoupeHTTP", "LoupeStorePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "loupe",
            dependencies: [
                "LoupeServer", "LoupeStore", "LoupeStoreSQLite", "LoupeDomain", "LoupeHTTP", "LoupeCore",
                "CLoupeMalloc",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "loupe-aggregate-bench", dependencies: ["LoupeDomain"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "loupe-bench",
            dependencies: [
                "LoupeDomain", "LoupeStore", "LoupeCore", "LoupeServer", "CLoupeMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoupeDomainTests",
            dependencies: ["LoupeDomain"],
            // The JSON Schema Test Suite is data the tests read from the source tree, not a resource.
            exclude: ["JSONSchemaSuite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoupeStoreConformanceTests",
            dependencies: [
                "LoupeDomain", "LoupeStore", "LoupeCore", "LoupeServer", "LoupeTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoupeServerTests",
            dependencies: [
                "LoupeServer", "LoupeHTTP", "LoupeDomain", "LoupeStore", "LoupeCore", "LoupeStoreSQLite",
                "LoupeTestSupport",
                "LoupeDelivery", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
