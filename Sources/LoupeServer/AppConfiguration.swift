public import Foundation
public import Logging
public import LoupeDelivery

/// Typed settings for one Loupe process, from command-line flags over environment variables
/// over defaults (the CLI fills it; tests build it directly).
public struct AppConfiguration: Sendable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on (0 picks a free one).
    public var port = 8080
    /// Folder for the SQLite file and uploads.
    public var dataDirectory = "./loupe-data"
    /// `postgres://…` to use PostgreSQL instead of SQLite.
    public var databaseURL: String?
    /// The live key to create at first start (`LOUPE_API_KEY`).
    public var initialAPIKey: String?
    /// The test key to create at first start (`LOUPE_TEST_API_KEY`).
    public var initialTestAPIKey: String?
    /// The admin password to set at first start (`LOUPE_ADMIN_PASSWORD`), else a random one.
    public var initialAdminPassword: String?
    /// The admin e-mail at first start (`LOUPE_ADMIN_EMAIL`).
    public var adminEmail = "admin@loupe.local"
    /// Base URL for absolute links (`LOUPE_PUBLIC_URL`), else taken from the request's Host.
    public var publicBaseURL: String?
    /// Host names whose `Host` header may build absolute links when no public URL is set
    /// (`LOUPE_ALLOWED_HOSTS`, comma-separated); loopback names always may.
    public var allowedHosts: [String] = []
    /// The folder the web UI is served from (`LOUPE_WEB_ROOT`), else the one built with the binary.
    public var webRoot: String?
    /// Seconds a connection may sit without a complete request (idle keep-alive, or headers sent
    /// half-way) before it is closed (`LOUPE_IDLE_TIMEOUT`).
    public var idleTimeoutSeconds: Double = 30
    /// Connections open at once; past it new ones wait in the listen backlog until one closes
    /// (`LOUPE_MAX_CONNECTIONS`), so idle sockets cannot exhaust the file limit.
    public var maxConnections = 4_096
    /// Seconds between SIGTERM and closing the listener (`LOUPE_DRAIN_SECONDS`): the node answers
    /// `/health/ready` with 503 and hands out no leases, so a load balancer moves traffic away.
    public var drainSeconds = 5.0
    /// Seconds a request body may take before its pace is checked (`LOUPE_BODY_GRACE_SECONDS`).
    public var bodyGraceSeconds = 30.0
    /// The average bytes per second a body must keep after that (`LOUPE_BODY_MIN_RATE`), else 408.
    public var bodyMinimumBytesPerSecond = 16_384.0
    /// API requests per second one key may make, sustained (`LOUPE_RATE_LIMIT_KEY`, 0: no limit);
    /// bursts of twice that pass.
    public var keyRequestsPerSecond: Double = 200
    /// API requests per second all of an organization's keys may make (`LOUPE_RATE_LIMIT_ORG`, 0: no limit).
    public var organizationRequestsPerSecond: Double = 1_000
    /// bcrypt's cost for new password hashes (`LOUPE_PASSWORD_COST`, 4–16): each step doubles the
    /// work of a login check and of a guess.
    public var passwordCost = 10
    /// Seconds an upload PUT may go unheard of before its batch returns to `pending`
    /// (`LOUPE_UPLOAD_STALE_SECONDS`); a live upload marks itself four times as often.
    public var uploadStaleSeconds: Double = 120
    /// Proxies whose `X-Forwarded-For` names the client (`LOUPE_TRUSTED_PROXIES`, comma-separated IPs).
    public var trustedProxies: Set<String> = []
    /// The bearer token `/metrics` asks for (`LOUPE_METRICS_TOKEN`); without one only loopback peers may read it.
    public var metricsToken: String?
    /// Whether callbacks may target loopback and private addresses (`LOUPE_ALLOW_PRIVATE_CALLBACKS=1`).
    public var allowPrivateCallbacks = false
    /// Webhook requests in flight per endpoint (`LOUPE_WEBHOOK_CONCURRENCY`); a project's `max_concurrency` may lower it.
    public var webhookConcurrency = 16
    /// Seconds to connect to a webhook receiver (`LOUPE_WEBHOOK_CONNECT_TIMEOUT`).
    public var webhookConnectTimeout = 5.0
    /// Seconds to wait for a receiver's answer (`LOUPE_WEBHOOK_TIMEOUT`).
    public var webhookTimeout = 15.0
    /// Seconds a node leases an event for; a crashed node's events are resent after it (`LOUPE_WEBHOOK_LEASE`).
    public var webhookLeaseSeconds = 60.0
    /// Seconds between looks for due events when idle (`LOUPE_WEBHOOK_POLL_INTERVAL`).
    public var webhookPollInterval = 0.25
    /// Bytes of the SQLite file each connection reads through mmap (`LOUPE_SQLITE_MMAP`); 0 turns it off.
    public var sqliteMemoryMapBytes = 268_435_456
    /// Statements each PostgreSQL connection keeps prepared (`LOUPE_POSTGRES_PREPARED_STATEMENTS`;
    /// 0 sends every statement unnamed, as a PgBouncer older than 1.21 in transaction mode needs).
    public var postgresPreparedStatements = 256
    /// Days delivered webhook events and their logs are kept (`LOUPE_EVENT_RETENTION_DAYS`).
    public var eventRetentionDays = 30.0
    /// Whether the attachments of Scale-dialect tasks are fetched before work starts (`LOUPE_FETCH_ATTACHMENTS=1`).
    public var fetchAttachments = false
    /// Seconds to fetch one attachment (`LOUPE_ATTACHMENT_TIMEOUT`).
    public var attachmentTimeout = 10.0
    /// Largest attachment accepted, in bytes (`LOUPE_ATTACHMENT_MAX_BYTES`).
    public var attachmentMaxBytes = 52_428_800
    /// How long upload URLs stay valid, in seconds.
    public var uploadTTLSeconds = 86_400.0
    /// Origins whose documents instructions may embed as sandboxed frames (`LOUPE_EMBED_ORIGINS`).
    public var embedOrigins: [String] = []
    /// Log level (`LOUPE_LOG_LEVEL`).
    public var logLevel = Logger.Level.info
    /// Log lines as text or as one JSON object each (`LOUPE_LOG_FORMAT`: `text` or `json`).
    public var logFormat = "text"
    /// Whether every request is logged with its route, status and latency (`LOUPE_ACCESS_LOG`).
    public var accessLog = false
    /// Whether to print the first-start credentials to standard output.
    public var printsCredentials = true
    /// The SMTP relay e-mail callbacks go through (`LOUPE_SMTP_*`), if any.
    public var mailRelay: MailRelay?
    /// Why the `LOUPE_SMTP_*` settings cannot be used; the server does not start then.
    public var mailRelayProblem: String?
    /// Settings given a value that cannot be used, each naming the setting and why; the server
    /// does not start then (never a silent default).
    public var settingProblems: [String] = []

    /// Every problem that stops the server from starting.
    public var startProblems: [String] { settingProblems + (mailRelayProblem.map { [$0] } ?? []) }

    /// The defaults.
    public init() {}

    /// The SQLite file inside the data folder.
    public var sqlitePath: String { dataDirectory + "/loupe.sqlite" }
    /// The uploads folder inside the data folder.
    public var uploadsDirectory: String { dataDirectory + "/uploads" }
}
