import Foundation
import LoupeDomain

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`.
public enum OpenAPIDocument {
    /// One documented operation.
    public struct Operation: Sendable {
        /// HTTP method, lowercase.
        public var method: String
        /// Path with `{param}` placeholders.
        public var path: String
        /// One line for people.
        public var summary: String
        /// Whether it takes a JSON body.
        public var hasBody: Bool
        /// Whether it needs an API key.
        public var authenticated: Bool
    }

    /// Every route of the native API.
    public static let operations: [Operation] = [
        .init(
            method: "get", path: "/health", summary: "200 once migrations are done and the server accepts work",
            hasBody: false, authenticated: false),
        .init(
            method: "get", path: "/health/live", summary: "200 while the process runs (liveness)", hasBody: false,
            authenticated: false),
        .init(
            method: "get", path: "/health/ready",
            summary: "200 when start-up is done, the node is not draining and the database answers", hasBody: false,
            authenticated: false),
        .init(method: "get", path: "/metrics", summary: "Prometheus metrics", hasBody: false, authenticated: false),
        .init(
            method: "get", path: "/api/v1/openapi.json", summary: "This document", hasBody: false, authenticated: false),
        .init(
            method: "post", path: "/api/v1/projects", summary: "Create a project", hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects", summary: "List projects (limit, next_token, include_archived)",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}", summary: "Get a project", hasBody: false, authenticated: true),
        .init(
            method: "patch", path: "/api/v1/projects/{id}",
            summary: "Change a project; a new instruction or params appends to param_history", hasBody: true,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/archive", summary: "Archive a project", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/unarchive", summary: "Unarchive a project", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/tasks", summary: "Create a task (Idempotency-Key supported)",
            hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/tasks", summary: "List tasks with filters and cursor pagination",
            hasBody: false, authenticated: true),
        .init(method: "get", path: "/api/v1/tasks/{id}", summary: "Get a task", hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/{id}/cancel",
            summary: "Cancel a task (clear_unique_id=true frees its unique id)", hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/delete", summary: "Delete tasks by id", hasBody: true,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/priority", summary: "Set the priority of tasks", hasBody: true,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/submit",
            summary: "Offer staged tasks to workers (ids; staged ones become pending, others are skipped)",
            hasBody: true, authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/{id}/metadata", summary: "Replace or merge a task's metadata",
            hasBody: true, authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/{id}/tags", summary: "Set, add or remove a task's tags", hasBody: true,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/batches", summary: "Create an inline batch or an upload batch",
            hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/batches", summary: "List a project's batches", hasBody: false,
            authenticated: true),
        .init(
            method: "get", path: "/api/v1/batches/{id}", summary: "Batch status, counts and first failures",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/batches/{id}/failures",
            summary: "All failures of a batch, paged by item index", hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/batches/{id}/finalize", summary: "Start creating the uploaded batch's tasks",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/batches/{id}/cancel", summary: "Cancel a batch", hasBody: false,
            authenticated: true),
        .init(
            method: "put", path: "/api/v1/uploads/{token}",
            summary: "Upload a batch file (JSON array, JSONL or CSV with a header row); the URL is the capability",
            hasBody: true,
            authenticated: false),
        .init(
            method: "get", path: "/api/v1/keys", summary: "List API keys with their mode and role (live admins only)",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/keys",
            summary: "Create an API key (shown once): name, mode live|test, role admin|requester|read_only",
            hasBody: true, authenticated: true),
        .init(
            method: "post", path: "/api/v1/keys/{id}/revoke", summary: "Revoke an API key", hasBody: false,
            authenticated: true),
        .init(
            method: "get", path: "/api/v1/callback-auth-keys",
            summary: "The keys dialects' callbacks carry in their auth header, live and test (live admins only)",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/callback-auth-keys/{dialect}/{mode}/rotate",
            summary: "Replace a dialect's callback auth key for live or test work", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/users",
            summary: "Create a user (email, password of 10+ characters, roles, groups)", hasBody: true,
            authenticated: true),
        .init(method: "get", path: "/api/v1/users", summary: "List users", hasBody: false, authenticated: true),
        .init(method: "get", path: "/api/v1/users/{id}", summary: "Get a user", hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/auth/token", summary: "Log in: e-mail and password for a session token",
            hasBody: true, authenticated: false),
        .init(
            method: "post", path: "/api/v1/auth/logout", summary: "End the session", hasBody: false, authenticated: true
        ),
        .init(
            method: "post", path: "/api/v1/work/next", summary: "Lease the next task (worker session); 204 when none",
            hasBody: true, authenticated: true),
        .init(
            method: "post", path: "/api/v1/assignments/{id}/heartbeat", summary: "Extend the lease", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/assignments/{id}/release", summary: "Give the task back", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/assignments/{id}/submit", summary: "Submit the answer", hasBody: true,
            authenticated: true),
        .init(
            method: "get", path: "/api/v1/assignments", summary: "The worker's own results with reviewers' feedback",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/review/next",
            summary: "Lease the next task to review (reviewer session); 204 when none", hasBody: true,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/reviews/{id}/decision", summary: "Approve, reject or send back the results",
            hasBody: true, authenticated: true),
        .init(
            method: "post", path: "/api/v1/reviews/{id}/release", summary: "Give the review back", hasBody: false,
            authenticated: true),
        .init(
            method: "get", path: "/api/v1/tasks/{id}/results", summary: "Every result of a task, all rounds",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/tasks/{id}/pdf",
            summary: "A PDF attachment of a task, fetched by the server (for viewers)", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/tasks/{id}/reject", summary: "Reject a completed task: a rework round",
            hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/workers", summary: "Per-worker statistics in a project",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/users/{id}/stats", summary: "A worker's statistics", hasBody: false,
            authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/deliveries",
            summary: "Completed tasks in delivery order, by time, page token or named consumer", hasBody: false,
            authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/deliveries/ack",
            summary: "Acknowledge delivered tasks up to a position", hasBody: true, authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/predictions",
            summary: "Starting answers from COCO or Label Studio JSON, matched to tasks by image file name, URL or id",
            hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/export",
            summary:
                "Stream completed tasks (or, with status, tasks in any status) as JSONL, CSV, COCO, YOLO or Pascal VOC",
            hasBody: false,
            authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/events", summary: "Webhook events, newest first",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/events/dead", summary: "Dead letters: events given up on",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/events/resend", summary: "Send every dead letter again",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/events/{id}", summary: "An event with its body and delivery log",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/events/{id}/resend", summary: "Send a delivered or dead event again",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/webhook-secrets", summary: "The secrets signing deliveries",
            hasBody: false, authenticated: true),
        .init(
            method: "post", path: "/api/v1/projects/{id}/webhook-secrets/rotate",
            summary: "Rotate the signing secret with an overlap", hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/me", summary: "The logged-in user with their preferences", hasBody: false,
            authenticated: true),
        .init(
            method: "put", path: "/api/v1/me/preferences", summary: "Save the user's preferences (remapped shortcuts)",
            hasBody: true, authenticated: true),
        .init(
            method: "get", path: "/api/v1/me/projects", summary: "Projects the user may work on or review",
            hasBody: false, authenticated: true),
        .init(
            method: "get", path: "/api/v1/projects/{id}/stats", summary: "Tasks per status and completions over time",
            hasBody: false, authenticated: true),
    ]

    /// The document as JSON bytes: the full description (`OpenAPI/openapi.json`, every route's
    /// parameters, bodies and errors), or an outline from `operations` if the file is missing.
    public static let bytes: [UInt8] = described ?? document.serializedBytes()

    /// The full description shipped with the binary, if it is found.
    static let described: [UInt8]? = {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = [
            executable.deletingLastPathComponent().appendingPathComponent(
                "loupe_LoupeHTTP.resources/OpenAPI/openapi.json"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("OpenAPI/openapi.json"),
        ]
        return candidates.lazy.compactMap { FileManager.default.contents(atPath: $0.path) }.first.map(Array.init)
    }()

    static var document: JSONValue {
        var paths = JSONObject()
        for operation in operations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            var entry: JSONObject = [
                "summary": .string(operation.summary),
                "operationId": .string(operation.method + operation.path.replacingPlaceholders()),
                "responses": [
                    "2XX": ["description": "Success", "content": ["application/json": ["schema": ["type": "object"]]]],
                    "4XX": [
                        "description": "Error",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                    ],
                ] as JSONValue,
            ]
            let parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                part -> JSONValue in
                [
                    "name": .string(String(part.dropFirst().dropLast())), "in": "path", "required": true,
                    "schema": ["type": "string"],
                ]
            }
            if !parameters.isEmpty { entry["parameters"] = .array(parameters) }
            if operation.hasBody {
                entry["requestBody"] = ["content": ["application/json": ["schema": ["type": "object"]]]]
            }
            entry["security"] = operation.authenticated ? [["bearer": []], ["basic": []]] : []
            item[operation.method] = .object(entry)
            paths[operation.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Loupe native API", "version": "1.0.0"],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "API key as bearer token"],
                    "basic": [
                        "type": "http", "scheme": "basic", "description": "API key as user name, empty password",
                    ],
                ],
                "schemas": [
                    "Error": [
                        "type": "object",
                        "properties": [
                            "error": [
                                "type": "object",
                                "properties": [
                                    "code": ["type": "string"], "message": ["type": "string"],
                                    "details": [
                                        "type": "array",
                                        "items": [
                                            "type": "object",
                                            "properties": ["path": ["type": "string"], "reason": ["type": "string"]],
                                        ],
                                    ],
                                ],
                            ],
                            "request_id": ["type": "string"],
                        ],
                    ]
                ],
            ],
        ]
    }
}

extension String {
    fileprivate func replacingPlaceholders() -> String {
        split(separator: "/").map { part in
            part.hasPrefix("{") ? "By" + part.dropFirst().dropLast().capitalized : part.capitalized
        }.joined().filter { $0.isLetter || $0.isNumber }
    }
}
