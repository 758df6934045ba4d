public import LoupeDomain

/// The native API's JSON form of a project.
public enum ProjectDTO {
    /// The project as a JSON value; lists leave out the version history (`param_history`).
    public static func value(_ project: Project, includeHistory: Bool = true) -> JSONValue {
        let history: [JSONValue] = project.paramHistory.map { version in
            let entry: JSONObject = [
                "version": .int(Int64(version.version)), "instruction": .string(version.instruction),
                "params": .object(version.params), "created_at": .string(version.createdAt.iso8601),
            ]
            return .object(entry)
        }
        var object: JSONObject = [
            "id": .string(project.id),
            "name": .string(project.name),
            "type": .string(project.type),
            "instruction": .string(project.instruction),
            "params": .object(project.params),
            "creation_schema": project.creationSchema ?? .null,
            "delivery_schema": project.deliverySchema ?? .null,
            "settings": .object(project.settings),
            "param_history": .array(history),
            "version": .int(Int64(project.currentVersion)),
            "metadata": .object(project.metadata),
            "archived": .bool(project.archived),
            "created_at": .string(project.createdAt.iso8601),
            "updated_at": .string(project.updatedAt.iso8601),
        ]
        if !includeHistory { object["param_history"] = nil }
        return .object(object)
    }
}

/// The native API's JSON form of a batch.
public enum BatchDTO {
    /// The batch as a JSON value, with a page of its failures.
    public static func value(_ batch: Batch, failures: [BatchFailure], uploadURL: String? = nil) -> JSONValue {
        let counts: JSONObject = [
            "total": .int(Int64(batch.total)), "created": .int(Int64(batch.created)),
            "failed": .int(Int64(batch.failed)),
        ]
        let failureValues: [JSONValue] = failures.map { failure in
            let entry: JSONObject = ["index": .int(Int64(failure.index)), "reason": .string(failure.reason)]
            return .object(entry)
        }
        var object = JSONObject()
        object["id"] = .string(batch.id)
        object["project_id"] = .string(batch.projectID)
        object["client_batch_id"] = batch.clientBatchID.map(JSONValue.string) ?? .null
        object["status"] = .string(batch.status.rawValue)
        object["priority"] = .int(Int64(batch.priority))
        object["test_mode"] = .bool(batch.testMode)
        object["counts"] = .object(counts)
        object["failures"] = .array(failureValues)
        object["uploaded_bytes"] = batch.uploadedBytes.map(JSONValue.int) ?? .null
        object["error"] = batch.error.map(JSONValue.string) ?? .null
        object["created_at"] = .string(batch.createdAt.iso8601)
        object["updated_at"] = .string(batch.updatedAt.iso8601)
        object["finished_at"] = batch.finishedAt.map { .string($0.iso8601) } ?? .null
        if let uploadURL {
            object["upload_url"] = .string(uploadURL)
            object["upload_expires_at"] = batch.uploadExpiresAt.map { .string($0.iso8601) } ?? .null
        }
        return .object(object)
    }
}

/// The native API's JSON form of an API key (never the key itself, except once at creation).
public enum APIKeyDTO {
    /// The key record as a JSON value; `secret` is included only when just created.
    public static func value(_ key: APIKey, secret: String? = nil) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(key.id)
        object["name"] = .string(key.name)
        object["mode"] = .string(key.mode.rawValue)
        object["role"] = .string(key.role.rawValue)
        object["sandboxed"] = .bool(key.mode == .test)
        object["prefix"] = .string(key.prefix)
        object["created_at"] = .string(key.createdAt.iso8601)
        object["revoked_at"] = key.revokedAt.map { .string($0.iso8601) } ?? .null
        if let secret { object["key"] = .string(secret) }
        return .object(object)
    }
}
