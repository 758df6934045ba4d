/// One schema change. The SQL runs unchanged on SQLite and PostgreSQL (BIGINT times in
/// microseconds, TEXT for JSON, BIGINT 0/1 for booleans). Released migrations are never edited.
public struct Migration: Sendable {
    /// Increasing version number.
    public var version: Int
    /// Short description.
    public var name: String
    /// The statements, applied in order in one transaction.
    public var statements: [String]
}

/// Every migration, oldest first.
public enum Migrations {
    /// The advisory-lock key that serialises migrations across nodes.
    public static let lockKey: Int64 = 0x4C6F_7570_6500_0001

    /// The list applied by `Store.migrate()`.
    public static let all: [Migration] = [
        initial, sessions, workQueue, review, delivery, scaleDialect, webUI, leaseIndexes, workerHistoryIndex,
        fullTasksLeaveQueue, apiKeyRoles, uniqueClientBatchIDs, urgencyAndRetryPresets, stagedTasksAndPrefill,
        deadLetterIndex,
    ]

    static let initial = Migration(
        version: 1, name: "initial",
        statements: [
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE TABLE instance_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                roles TEXT NOT NULL, groups_json TEXT NOT NULL, created_at BIGINT NOT NULL, disabled_at BIGINT)
            """,
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, name TEXT NOT NULL, mode TEXT NOT NULL,
                prefix TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            """
            CREATE TABLE projects (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
                instruction TEXT NOT NULL, params TEXT NOT NULL, creation_schema TEXT, delivery_schema TEXT,
                settings TEXT NOT NULL, param_history TEXT NOT NULL, metadata TEXT NOT NULL,
                archived BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                UNIQUE (org_id, name))
            """,
            """
            CREATE TABLE batches (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, project_id TEXT NOT NULL, client_batch_id TEXT,
                status TEXT NOT NULL, priority BIGINT NOT NULL, test_mode BIGINT NOT NULL,
                total BIGINT NOT NULL DEFAULT 0, created BIGINT NOT NULL DEFAULT 0, failed BIGINT NOT NULL DEFAULT 0,
                upload_token_hash TEXT UNIQUE, upload_expires_at BIGINT, uploaded_bytes BIGINT,
                resume_index BIGINT NOT NULL DEFAULT 0, resume_offset BIGINT NOT NULL DEFAULT 0, resume_mode TEXT,
                error TEXT, metadata TEXT NOT NULL, lease_owner TEXT, lease_expires_at BIGINT,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, finished_at BIGINT)
            """,
            "CREATE INDEX batches_project ON batches (project_id, id)",
            "CREATE INDEX batches_status ON batches (status, lease_expires_at)",
            """
            CREATE TABLE batch_failures (
                batch_id TEXT NOT NULL, item_index BIGINT NOT NULL, reason TEXT NOT NULL,
                PRIMARY KEY (batch_id, item_index))
            """,
            """
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, project_id TEXT NOT NULL, batch_id TEXT,
                batch_index BIGINT, type TEXT NOT NULL, data TEXT NOT NULL, unique_id TEXT,
                priority BIGINT NOT NULL, metadata TEXT NOT NULL, callback_url TEXT, tags TEXT NOT NULL,
                status TEXT NOT NULL, response TEXT, test_mode BIGINT NOT NULL, created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL, completed_at BIGINT, canceled_at BIGINT)
            """,
            "CREATE UNIQUE INDEX tasks_unique_id ON tasks (org_id, unique_id) WHERE unique_id IS NOT NULL",
            "CREATE UNIQUE INDEX tasks_batch_item ON tasks (batch_id, batch_index) WHERE batch_id IS NOT NULL",
            // Few indexes on purpose: each one costs every ingested row. Lists walk the primary key
            // (ids are time-ordered) or a project's range; status filters ride along.
            "CREATE INDEX tasks_project ON tasks (project_id, id)",
            """
            CREATE TABLE task_tags (
                task_id TEXT NOT NULL, org_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (task_id, tag))
            """,
            "CREATE INDEX task_tags_tag ON task_tags (org_id, tag, task_id)",
            """
            CREATE TABLE idempotency_keys (
                org_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status BIGINT NOT NULL,
                body TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (org_id, key))
            """,
        ])

    static let sessions = Migration(
        version: 2, name: "sessions",
        statements: [
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, org_id TEXT NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE INDEX users_org ON users (org_id, id)",
        ])

    static let workQueue = Migration(
        version: 3, name: "work queue",
        statements: [
            "ALTER TABLE projects ADD COLUMN overlap BIGINT NOT NULL DEFAULT 1",
            "ALTER TABLE projects ADD COLUMN max_work_time BIGINT NOT NULL DEFAULT 600",
            "ALTER TABLE tasks ADD COLUMN active_count BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE tasks ADD COLUMN submitted_count BIGINT NOT NULL DEFAULT 0",
            """
            CREATE TABLE assignments (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, project_id TEXT NOT NULL, task_id TEXT NOT NULL,
                worker_id TEXT NOT NULL, status TEXT NOT NULL, lease_expires_at BIGINT NOT NULL, answer TEXT,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, submitted_at BIGINT)
            """,
            "CREATE INDEX assignments_task_worker ON assignments (task_id, worker_id)",
            "CREATE INDEX assignments_active ON assignments (status, lease_expires_at)",
            "CREATE INDEX tasks_queue ON tasks (org_id, status, priority, id)",
        ])

    static let review = Migration(
        version: 4, name: "strategies, review and rework",
        statements: [
            "ALTER TABLE projects ADD COLUMN max_results_per_worker BIGINT NOT NULL DEFAULT 1",
            "ALTER TABLE projects ADD COLUMN worker_strategy TEXT NOT NULL DEFAULT 'open'",
            "ALTER TABLE projects ADD COLUMN worker_group TEXT",
            "ALTER TABLE projects ADD COLUMN review_strategy TEXT NOT NULL DEFAULT 'none'",
            """
            CREATE TABLE project_workers (
                project_id TEXT NOT NULL, worker_id TEXT NOT NULL, key_lower BIGINT NOT NULL, key_upper BIGINT NOT NULL,
                second_lower BIGINT NOT NULL, second_upper BIGINT NOT NULL, PRIMARY KEY (project_id, worker_id))
            """,
            "CREATE TABLE project_reviewers (project_id TEXT NOT NULL, reviewer_id TEXT NOT NULL, PRIMARY KEY (project_id, reviewer_id))",
            "ALTER TABLE tasks ADD COLUMN partition_key BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE tasks ADD COLUMN extra_results BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE tasks ADD COLUMN round BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE tasks ADD COLUMN review_due_at BIGINT",
            "ALTER TABLE tasks ADD COLUMN outcome TEXT",
            // The queue walks these in ORDER BY order and stops at the first claimable task.
            "DROP INDEX tasks_queue",
            "CREATE INDEX tasks_open_queue ON tasks (org_id, priority DESC, id) WHERE status IN ('pending', 'in_progress')",
            """
            CREATE INDEX tasks_test_queue ON tasks (priority DESC, id)
            WHERE test_mode = 1 AND status IN ('pending', 'in_progress')
            """,
            "CREATE INDEX tasks_review_queue ON tasks (org_id, priority DESC, id) WHERE status = 'in_review'",
            "CREATE INDEX tasks_review_due ON tasks (review_due_at) WHERE review_due_at IS NOT NULL",
            "ALTER TABLE assignments ADD COLUMN round BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE assignments ADD COLUMN feedback TEXT",
            "ALTER TABLE assignments ADD COLUMN payment DOUBLE PRECISION NOT NULL DEFAULT 0",
            "ALTER TABLE assignments ADD COLUMN reviewed_by TEXT",
            "ALTER TABLE assignments ADD COLUMN reviewed_at BIGINT",
            "ALTER TABLE assignments ADD COLUMN agrees BIGINT",
            "CREATE INDEX assignments_worker ON assignments (worker_id, status)",
            """
            CREATE TABLE reviews (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, project_id TEXT NOT NULL, task_id TEXT NOT NULL,
                reviewer_id TEXT NOT NULL, status TEXT NOT NULL, lease_expires_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL, decided_at BIGINT)
            """,
            "CREATE INDEX reviews_task ON reviews (task_id, status)",
            """
            CREATE TABLE answer_models (
                project_id TEXT PRIMARY KEY, model TEXT NOT NULL, judgments BIGINT NOT NULL,
                fitted_at BIGINT NOT NULL)
            """,
        ])

    static let delivery = Migration(
        version: 5, name: "outbox, delivery feeds and consumers",
        statements: [
            "ALTER TABLE tasks ADD COLUMN delivery_seq BIGINT",
            "ALTER TABLE tasks ADD COLUMN callback_succeeded BIGINT",
            "ALTER TABLE tasks ADD COLUMN callback_at BIGINT",
            "ALTER TABLE tasks ADD COLUMN delivered_at BIGINT",
            "ALTER TABLE tasks ADD COLUMN acknowledged_at BIGINT",
            "CREATE UNIQUE INDEX tasks_delivery ON tasks (project_id, delivery_seq) WHERE delivery_seq IS NOT NULL",
            "CREATE TABLE delivery_counters (project_id TEXT PRIMARY KEY, last_seq BIGINT NOT NULL)",
            """
            CREATE TABLE delivery_consumers (
                project_id TEXT NOT NULL, name TEXT NOT NULL, position BIGINT NOT NULL, acked_position BIGINT NOT NULL,
                updated_at BIGINT NOT NULL, PRIMARY KEY (project_id, name))
            """,
            """
            CREATE TABLE outbox_events (
                id TEXT PRIMARY KEY, org_id TEXT NOT NULL, project_id TEXT NOT NULL, task_id TEXT, batch_id TEXT,
                kind TEXT NOT NULL, target_url TEXT NOT NULL, endpoint TEXT NOT NULL, ordering_key TEXT NOT NULL,
                payload TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL, max_attempts BIGINT NOT NULL,
                next_attempt_at BIGINT NOT NULL, lease_owner TEXT, lease_expires_at BIGINT, last_status BIGINT,
                last_error TEXT, created_at BIGINT NOT NULL, delivered_at BIGINT)
            """,
            "CREATE INDEX outbox_due ON outbox_events (next_attempt_at, id) WHERE status = 'pending'",
            "CREATE INDEX outbox_leased ON outbox_events (lease_expires_at) WHERE status = 'delivering'",
            "CREATE INDEX outbox_order ON outbox_events (ordering_key, created_at, id) WHERE status IN ('pending', 'delivering')",
            "CREATE INDEX outbox_project ON outbox_events (project_id, id)",
            "CREATE INDEX outbox_task ON outbox_events (task_id, id)",
            """
            CREATE TABLE delivery_attempts (
                event_id TEXT NOT NULL, attempt BIGINT NOT NULL, started_at BIGINT NOT NULL, status_code BIGINT,
                latency_us BIGINT NOT NULL, error TEXT)
            """,
            "CREATE INDEX delivery_attempts_event ON delivery_attempts (event_id, attempt, started_at)",
            """
            CREATE TABLE webhook_secrets (
                project_id TEXT NOT NULL, secret TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT,
                PRIMARY KEY (project_id, secret))
            """,
        ])

    static let scaleDialect = Migration(
        version: 6, name: "scale dialect",
        statements: [
            "ALTER TABLE tasks ADD COLUMN origin TEXT",
            "ALTER TABLE tasks ADD COLUMN customer_review_status TEXT",
            "ALTER TABLE batches ADD COLUMN callback_url TEXT",
            "CREATE INDEX batches_client_id ON batches (org_id, client_batch_id) WHERE client_batch_id IS NOT NULL",
            """
            CREATE TABLE task_audits (
                task_id TEXT NOT NULL, accepted BIGINT NOT NULL, comments TEXT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX task_audits_task ON task_audits (task_id, created_at)",
            "ALTER TABLE outbox_events ADD COLUMN format TEXT NOT NULL DEFAULT 'native'",
            "ALTER TABLE tasks ADD COLUMN attachment_check TEXT",
            "ALTER TABLE tasks ADD COLUMN attachment_lease BIGINT",
            "CREATE INDEX tasks_attachment_check ON tasks (attachment_check, attachment_lease) WHERE attachment_check IS NOT NULL",
        ])

    static let webUI = Migration(
        version: 7, name: "web ui: preferences, project statistics and per-project claims",
        statements: [
            "CREATE TABLE user_preferences (user_id TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at BIGINT NOT NULL)",
            "CREATE INDEX tasks_project_status ON tasks (project_id, status)",
            "CREATE INDEX tasks_project_completed ON tasks (project_id, completed_at) WHERE completed_at IS NOT NULL",
            // Claims for one project (the web UI's work screen) walk only that project's open tasks.
            "CREATE INDEX tasks_project_queue ON tasks (project_id, priority DESC, id) WHERE status IN ('pending', 'in_progress')",
        ])

    static let leaseIndexes = Migration(
        version: 8, name: "lease indexes hold only live leases",
        statements: [
            // Only leases that can expire are indexed, so a submit drops one small entry instead of
            // moving it within an index of every assignment ever made.
            "DROP INDEX assignments_active",
            "CREATE INDEX assignments_leases ON assignments (lease_expires_at) WHERE status IN ('active', 'sent_back')",
            "CREATE INDEX assignments_sent_back ON assignments (worker_id, lease_expires_at, id) WHERE status = 'sent_back'",
        ])

    static let workerHistoryIndex = Migration(
        version: 9, name: "a worker's assignments indexed by age, not status",
        statements: [
            // Keyed by what never changes: a submit or an approval no longer moves the entry (one
            // random page per worker per change), and a worker's newest assignments are read in order.
            "DROP INDEX assignments_worker",
            "CREATE INDEX assignments_worker_recent ON assignments (worker_id, created_at, id)",
        ])

    static let fullTasksLeaveQueue = Migration(
        version: 10, name: "tasks whose result slots are all taken leave the queue indexes",
        statements: [
            // A claim walked past every task whose results were all leased or in (about a third of the
            // workers' count at the head of a busy queue): they are still pending or in progress.
            // `slots_full` is set by a SQLite claim that takes the last slot and cleared by anything
            // that may free one, so a task outside these indexes never has a slot left.
            "ALTER TABLE tasks ADD COLUMN slots_full BIGINT NOT NULL DEFAULT 0",
            "DROP INDEX tasks_open_queue",
            """
            CREATE INDEX tasks_open_queue ON tasks (org_id, priority DESC, id)
            WHERE status IN ('pending', 'in_progress') AND slots_full = 0
            """,
            "DROP INDEX tasks_project_queue",
            """
            CREATE INDEX tasks_project_queue ON tasks (project_id, priority DESC, id)
            WHERE status IN ('pending', 'in_progress') AND slots_full = 0
            """,
            "DROP INDEX tasks_test_queue",
            """
            CREATE INDEX tasks_test_queue ON tasks (priority DESC, id)
            WHERE test_mode = 1 AND status IN ('pending', 'in_progress') AND slots_full = 0
            """,
        ])

    static let apiKeyRoles = Migration(
        version: 11, name: "API keys carry a role",
        statements: [
            // Every key acted as an admin until now; live keys keep that, so nothing a team has
            // scripted stops working. Test keys are sandboxed by their mode whatever the role.
            "ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'",
            "UPDATE api_keys SET role = 'requester' WHERE mode = 'test'",
        ])

    static let uniqueClientBatchIDs = Migration(
        version: 12, name: "client_batch_id unique within a project",
        statements: [
            // Concurrent creates with one client_batch_id made one batch each; later twins keep
            // their data under a suffixed name so the unique index can be built.
            """
            UPDATE batches SET client_batch_id = client_batch_id || '#' || id
            WHERE client_batch_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM batches b
                WHERE b.project_id = batches.project_id AND b.client_batch_id = batches.client_batch_id AND b.id < batches.id)
            """,
            """
            CREATE UNIQUE INDEX batches_client_unique ON batches (project_id, client_batch_id)
            WHERE client_batch_id IS NOT NULL
            """,
        ])

    static let urgencyAndRetryPresets = Migration(
        version: 13, name: "task urgency leads the queue order; events carry their mode; neutral retry presets",
        statements: [
            // Express (rank 0) before standard (rank 1), then priority: the queue indexes lead with it.
            "ALTER TABLE tasks ADD COLUMN urgency_rank BIGINT NOT NULL DEFAULT 1",
            "DROP INDEX tasks_open_queue",
            """
            CREATE INDEX tasks_open_queue ON tasks (org_id, urgency_rank, priority DESC, id)
            WHERE status IN ('pending', 'in_progress') AND slots_full = 0
            """,
            "DROP INDEX tasks_project_queue",
            """
            CREATE INDEX tasks_project_queue ON tasks (project_id, urgency_rank, priority DESC, id)
            WHERE status IN ('pending', 'in_progress') AND slots_full = 0
            """,
            "DROP INDEX tasks_test_queue",
            """
            CREATE INDEX tasks_test_queue ON tasks (urgency_rank, priority DESC, id)
            WHERE test_mode = 1 AND status IN ('pending', 'in_progress') AND slots_full = 0
            """,
            "DROP INDEX tasks_review_queue",
            "CREATE INDEX tasks_review_queue ON tasks (org_id, urgency_rank, priority DESC, id) WHERE status = 'in_review'",
            // An event's mode decides its auth key and who may list it; it was looked up per row.
            "ALTER TABLE outbox_events ADD COLUMN test_mode BIGINT NOT NULL DEFAULT 0",
            """
            UPDATE outbox_events SET test_mode = COALESCE(
                (SELECT t.test_mode FROM tasks t WHERE t.id = outbox_events.task_id),
                (SELECT b.test_mode FROM batches b WHERE b.id = outbox_events.batch_id), 0)
            """,
            // The presets were named after the vendors whose promises they copied; stored settings
            // are compact JSON written by Loupe, so the old names appear exactly like this.
            """
            UPDATE projects SET settings = REPLACE(REPLACE(settings, '"preset":"scale"', '"preset":"day"'),
                '"preset":"sama"', '"preset":"default"')
            WHERE settings LIKE '%"preset":%'
            """,
        ])

    static let stagedTasksAndPrefill = Migration(
        version: 14, name: "pre-filled answers on tasks; batches remember their dialect; failed items kept",
        statements: [
            "ALTER TABLE tasks ADD COLUMN prefill TEXT",
            "ALTER TABLE batches ADD COLUMN origin TEXT",
            // A failed item is kept (up to 64 KB) so its sender sees what was refused.
            "ALTER TABLE batch_failures ADD COLUMN item TEXT",
        ])

    static let deadLetterIndex = Migration(
        version: 15, name: "dead letters counted and listed without a scan",
        statements: ["CREATE INDEX outbox_dead ON outbox_events (project_id, id) WHERE status = 'dead'"])
}
