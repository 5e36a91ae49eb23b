// swift-tools-version:6.0
import PackageDescription

/// One `systemLibrary` target per Debian C library; the module map links it, `shim.h` includes it.
func cLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "FieldOps360",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gateway", targets: ["Gateway"]),
        .executable(name: "fieldopsctl", targets: ["FieldOpsCtl"]),
        .executable(name: "gps-worker", targets: ["GPSWorkerMain"]),
        .executable(name: "gps-ingest", targets: ["GPSIngestMain"]),
        .executable(name: "notify-worker", targets: ["NotifyWorkerMain"]),
        .executable(name: "scheduler-worker", targets: ["SchedulerWorker"]),
        .executable(name: "reports-worker", targets: ["ReportsWorkerMain"]),
        .executable(name: "photo-worker", targets: ["PhotoWorkerMain"]),
    ],
    targets: [
        // C libraries from Debian.
        cLibrary("CRabbitMQ", pkgConfig: "librabbitmq", apt: "librabbitmq-dev"),
        cLibrary("CLibPQ", pkgConfig: "libpq", apt: "libpq-dev"),
        cLibrary("CHiredis", pkgConfig: "hiredis", apt: "libhiredis-dev"),
        cLibrary("CVips", pkgConfig: "vips", apt: "libvips-dev"),
        cLibrary("CTurboJPEG", pkgConfig: "libturbojpeg", apt: "libturbojpeg0-dev"),
        cLibrary("CXlsxWriter", pkgConfig: "xlsxwriter", apt: "libxlsxwriter-dev"),
        cLibrary("CPangoCairo", pkgConfig: "pangocairo", apt: "libpango1.0-dev"),
        cLibrary("CMicroHTTPD", pkgConfig: "libmicrohttpd", apt: "libmicrohttpd-dev"),
        cLibrary("CSodium", pkgConfig: "libsodium", apt: "libsodium-dev"),
        cLibrary("CLibCrypto", pkgConfig: "libcrypto", apt: "libssl-dev"),
        cLibrary("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),
        // Fixed-signature wrappers for what Swift cannot call: variadic functions and macros.
        .target(name: "CShims", dependencies: ["CRabbitMQ", "CMicroHTTPD", "CCurl", "CLibCrypto"]),

        // Libraries.
        .target(name: "FieldOpsCore"),
        .target(name: "FieldOpsCrypto", dependencies: ["CSodium", "CLibCrypto"]),
        .target(name: "Telemetry", dependencies: ["FieldOpsCore"]),
        .target(name: "AMQP", dependencies: ["CRabbitMQ", "CShims", "FieldOpsCore", "Telemetry"]),
        .target(name: "Postgres", dependencies: ["CLibPQ", "FieldOpsCrypto", "FieldOpsCore", "Telemetry"]),
        .target(name: "Redis", dependencies: ["CHiredis", "FieldOpsCore", "Telemetry"]),
        .target(name: "Topology", dependencies: ["FieldOpsCore"]),
        .target(name: "Jobs", dependencies: ["Postgres"]),
        .target(name: "Commands", dependencies: ["Mesh", "Notifications", "FieldOpsCore"]),
        .target(name: "WorkerHost", dependencies: ["AMQP", "HTTPServer", "Jobs", "Mesh", "Postgres", "Telemetry", "Tenancy", "TraceExport", "FieldOpsCore"]),
        .target(name: "Mesh", dependencies: ["AMQP", "Postgres", "Jobs", "Telemetry", "FieldOpsCore"]),
        .target(name: "Identity", dependencies: ["CSodium", "FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "HTTPClient", dependencies: ["CCurl", "CShims", "FieldOpsCore"]),
        .target(name: "TraceExport", dependencies: ["HTTPClient", "Telemetry", "FieldOpsCore"]),
        .target(name: "BrokerAdmin", dependencies: ["HTTPClient", "Topology", "FieldOpsCore"]),
        .target(name: "GatewayCore", dependencies: [
            "AMQP", "BlobStore", "Commands", "Domain", "Geo", "GPS", "GPSIngest", "HTTPServer", "Identity", "Jobs", "KPIs", "Mesh", "NotificationDelivery",
            "Notifications", "PhotoProcessing", "Planning", "Postgres", "Redis", "Telemetry", "Tenancy", "FieldOpsCrypto", "FieldOpsCore",
        ]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "CShims", "FieldOpsCore", "Telemetry"]),
        .target(name: "Operations", dependencies: ["AMQP", "Mesh", "Jobs", "Identity", "GatewayCore", "FieldOpsCore"]),
        .target(name: "Geo"),
        .target(name: "Domain", dependencies: ["Geo", "Identity", "Postgres", "FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "GPS", dependencies: ["Geo", "FieldOpsCore"]),
        .target(name: "GPSIngest", dependencies: [
            "GPS", "Mesh", "AMQP", "BrokerAdmin", "HTTPServer", "Postgres", "Redis", "Tenancy", "Telemetry", "FieldOpsCrypto", "FieldOpsCore",
        ]),
        .target(name: "GPSWorker", dependencies: [
            "GPS", "GPSIngest", "Geo", "Mesh", "AMQP", "Postgres", "Redis", "Tenancy", "Telemetry", "WorkerHost", "FieldOpsCrypto", "FieldOpsCore",
        ]),
        .target(name: "BlobStore", dependencies: ["HTTPClient", "FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "Tenancy", dependencies: ["Postgres", "FieldOpsCrypto", "Telemetry", "FieldOpsCore"]),
        .target(name: "Scheduling", dependencies: ["Geo"]),
        .target(name: "Notifications", dependencies: ["FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "Mail", dependencies: ["CCurl", "CShims", "FieldOpsCore"]),
        .target(name: "NotificationDelivery", dependencies: ["Notifications", "Mail", "HTTPClient", "Postgres", "Redis", "FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "NotifyWorker", dependencies: [
            "NotificationDelivery", "Notifications", "Mail", "Commands", "KPIs", "Mesh", "Postgres", "Redis", "Tenancy", "HTTPClient", "Telemetry",
            "FieldOpsCore",
        ]),
        .target(name: "Planning", dependencies: [
            "AMQP", "Commands", "Domain", "Geo", "Mesh", "Postgres", "Redis", "Scheduling", "Tenancy", "FieldOpsCore",
        ]),
        .target(name: "ReportRendering", dependencies: ["CPangoCairo", "CXlsxWriter"]),
        .target(name: "KPIs", dependencies: ["Postgres", "FieldOpsCore"]),
        .target(name: "Reports", dependencies: ["ReportRendering", "KPIs", "Commands", "Postgres", "FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "ReportScheduling", dependencies: [
            "AMQP", "Commands", "Jobs", "Mesh", "Postgres", "Telemetry", "Tenancy", "FieldOpsCrypto",
        ]),
        .target(name: "ReportsWorker", dependencies: [
            "Reports", "ReportRendering", "BlobStore", "Commands", "Mesh", "Postgres", "Tenancy", "Telemetry", "FieldOpsCore",
        ]),
        // Photo evidence: fixed-signature libvips wrappers, the engine (sniffing, layout, pipeline), the worker's logic.
        .target(name: "CVipsShims", dependencies: ["CVips", "CTurboJPEG"]),
        .target(name: "PhotoProcessing", dependencies: ["CVips", "CVipsShims", "FieldOpsCrypto", "FieldOpsCore"]),
        .target(name: "PhotoWorker", dependencies: ["PhotoProcessing", "BlobStore", "Commands", "Geo", "Mesh", "Postgres", "Tenancy", "FieldOpsCore"]),

        // Executables: thin wiring only.
        .executableTarget(
            name: "Gateway",
            dependencies: ["GatewayCore", "Mesh", "AMQP", "Postgres", "Redis", "HTTPServer", "Telemetry", "TraceExport", "FieldOpsCore"],
            path: "gateway"
        ),
        .executableTarget(name: "GPSWorkerMain", dependencies: ["GPSWorker", "WorkerHost"], path: "workers/gps"),
        .executableTarget(
            name: "GPSIngestMain", dependencies: ["GPSIngest", "AMQP", "HTTPServer", "Mesh", "Postgres", "Telemetry", "FieldOpsCore"], path: "gps-ingest"
        ),
        .executableTarget(
            name: "PhotoWorkerMain", dependencies: ["PhotoWorker", "PhotoProcessing", "BlobStore", "Mesh", "Tenancy", "WorkerHost", "FieldOpsCore"], path: "workers/photo"
        ),
        .executableTarget(
            name: "FieldOpsCtl",
            dependencies: [
                "BrokerAdmin", "Topology", "Operations", "AMQP", "Jobs", "Identity", "GatewayCore", "Postgres", "Redis", "Telemetry",
                "Tenancy", "Domain", "GPSIngest", "ReportScheduling", "FieldOpsCore",
            ],
            path: "fieldopsctl"
        ),
        .executableTarget(name: "NotifyWorkerMain", dependencies: ["NotifyWorker", "WorkerHost", "FieldOpsCore"], path: "workers/notify"),
        .executableTarget(name: "SchedulerWorker", dependencies: ["Planning", "Redis", "WorkerHost", "FieldOpsCore"], path: "workers/scheduler"),
        .executableTarget(name: "ReportsWorkerMain", dependencies: ["ReportsWorker", "Commands", "Mesh", "WorkerHost", "FieldOpsCore"], path: "workers/reports"),
        // Benchmarks: the Swift side of each client-vs-peer comparison run by scripts/bench/.
        .executableTarget(name: "AMQPBench", dependencies: ["AMQP", "Telemetry", "FieldOpsCore"], path: "benchmarks/AMQPBench"),
        .executableTarget(name: "PostgresBench", dependencies: ["Postgres", "Telemetry", "FieldOpsCore"], path: "benchmarks/PostgresBench"),
        .executableTarget(name: "RedisBench", dependencies: ["Redis", "Telemetry", "FieldOpsCore"], path: "benchmarks/RedisBench"),
        .executableTarget(name: "SchedulingBench", dependencies: ["Scheduling", "Geo"], path: "benchmarks/SchedulingBench"),
        .executableTarget(
            name: "NotifyBench",
            dependencies: ["NotifyWorker", "NotificationDelivery", "Notifications", "Mail", "Commands", "Mesh", "AMQP", "Postgres", "Redis", "Tenancy", "HTTPClient", "Telemetry", "FieldOpsCore"],
            path: "benchmarks/NotifyBench"
        ),
        .executableTarget(name: "PhotoBench", dependencies: ["PhotoProcessing"], path: "benchmarks/PhotoBench"),
        .executableTarget(name: "JobPathBench", dependencies: ["Jobs", "Mesh", "Commands", "AMQP", "Postgres", "Telemetry", "FieldOpsCore"], path: "benchmarks/JobPathBench"),
        .executableTarget(name: "MeshBench", dependencies: ["Mesh", "Commands", "AMQP", "Telemetry", "FieldOpsCore"], path: "benchmarks/MeshBench"),
        .executableTarget(name: "ReportsBench", dependencies: ["ReportRendering"], path: "benchmarks/ReportsBench", exclude: ["peer.py"]),

        // Shared by the integration tests: service URLs, migrated pools, unique names.
        .target(name: "TestSupport", dependencies: ["AMQP", "Postgres", "Redis", "Telemetry", "FieldOpsCore"], path: "Tests/TestSupport"),

        // Photo inputs the photo tests generate with libvips.
        .target(name: "PhotoTestSupport", dependencies: ["PhotoProcessing", "CVips", "CVipsShims"], path: "Tests/PhotoTestSupport"),

        // A worker the process-level tests start, kill and stop.
        .executableTarget(
            name: "MeshTestWorker", dependencies: ["Mesh", "Postgres", "WorkerHost", "FieldOpsCore"], path: "Tests/Fixtures/MeshTestWorker"
        ),

        // Tests run against real RabbitMQ, PostgreSQL and Redis started by scripts/services.sh.
        .testTarget(name: "DomainTests", dependencies: ["Domain", "Identity", "FieldOpsCrypto", "FieldOpsCore", "TestSupport"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "GPSTests", dependencies: [
            "GPS", "Geo", "GPSIngest", "GPSWorkerMain", "GatewayCore", "Identity", "HTTPClient", "HTTPServer", "Mesh", "AMQP", "Postgres", "Redis",
            "Tenancy", "Telemetry", "TestSupport", "FieldOpsCore",
        ]),
        .testTarget(name: "BlobStoreTests", dependencies: ["BlobStore", "HTTPClient", "FieldOpsCore"]),
        .testTarget(name: "CBindingsTests", dependencies: [
            "CRabbitMQ", "CLibPQ", "CHiredis", "CVips", "CXlsxWriter", "CPangoCairo", "CMicroHTTPD", "CSodium", "CCurl",
        ]),
        .testTarget(name: "FieldOpsCoreTests", dependencies: ["FieldOpsCore"]),
        .testTarget(name: "FieldOpsCryptoTests", dependencies: ["FieldOpsCrypto"]),
        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry", "FieldOpsCore"]),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP", "Telemetry", "FieldOpsCore", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "FieldOpsCrypto", "Telemetry", "FieldOpsCore"]),
        .testTarget(name: "RedisTests", dependencies: ["Redis", "Telemetry", "FieldOpsCore"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "FieldOpsCrypto"]),
        .testTarget(name: "MeshTests", dependencies: ["Mesh", "AMQP", "Jobs", "Postgres", "Telemetry", "TestSupport", "FieldOpsCore"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "Postgres", "TestSupport"]),
        .testTarget(name: "GatewayCoreTests", dependencies: [
            "GatewayCore", "Domain", "Tenancy", "HTTPClient", "HTTPServer", "Identity", "Jobs", "Postgres", "Redis", "Telemetry", "FieldOpsCrypto",
            "FieldOpsCore", "TestSupport", "BlobStore", "PhotoWorker", "PhotoProcessing", "PhotoTestSupport", "AMQP", "Mesh", "Commands",
        ]),
        .testTarget(name: "CommandsTests", dependencies: ["Commands", "Mesh", "FieldOpsCore"]),
        .testTarget(name: "WorkerHostTests", dependencies: ["MeshTestWorker", "Mesh", "AMQP", "Postgres", "TestSupport", "FieldOpsCore"]),
        .testTarget(name: "TopologyTests", dependencies: ["Topology", "FieldOpsCore"]),
        .testTarget(name: "BrokerAdminTests", dependencies: ["BrokerAdmin", "HTTPClient", "Topology", "FieldOpsCore"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient"]),
        .testTarget(name: "OperationsTests", dependencies: [
            "Operations", "AMQP", "Mesh", "Jobs", "Identity", "GatewayCore", "Postgres", "TestSupport", "FieldOpsCore",
        ]),
        .testTarget(name: "TraceExportTests", dependencies: ["TraceExport", "Telemetry", "FieldOpsCore"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "Telemetry", "FieldOpsCore"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Geo"]),
        .testTarget(name: "NotificationsTests", dependencies: [
            "Notifications", "NotificationDelivery", "NotifyWorker", "Mail", "Commands", "GatewayCore", "Mesh", "AMQP", "HTTPServer", "HTTPClient",
            "Identity", "Postgres", "Redis", "Tenancy", "Telemetry", "FieldOpsCrypto", "FieldOpsCore", "TestSupport",
        ]),
        .testTarget(name: "SchedulerWorkerTests", dependencies: [
            "SchedulerWorker", "Planning", "AMQP", "Commands", "Domain", "Jobs", "Mesh", "Postgres", "Redis", "Scheduling", "Tenancy", "TestSupport",
            "FieldOpsCore",
        ]),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy", "Postgres", "FieldOpsCrypto", "TestSupport", "FieldOpsCore"]),
        .testTarget(name: "ReportRenderingTests", dependencies: ["ReportRendering", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: [
            "Reports", "ReportsWorker", "ReportScheduling", "ReportRendering", "KPIs", "BlobStore", "Commands", "GatewayCore", "HTTPClient", "Identity", "Jobs", "Mesh",
            "Postgres", "Tenancy", "TestSupport", "FieldOpsCrypto", "FieldOpsCore",
        ]),
        .testTarget(name: "PhotoWorkerTests", dependencies: [
            "PhotoWorker", "PhotoProcessing", "PhotoTestSupport", "BlobStore", "Commands", "Geo", "Mesh", "AMQP", "Jobs", "Postgres", "Telemetry", "Tenancy", "TestSupport",
            "FieldOpsCore",
        ]),
        .testTarget(name: "PhotoProcessingTests", dependencies: ["PhotoProcessing", "PhotoTestSupport", "FieldOpsCrypto"]),
    ],
    swiftLanguageModes: [.v6]
)
