import Foundation
public import Hummingbird
import LoupeDomain
import LoupeStore

/// `GET /scale/v1/tasks` filters as the official client sends them.
enum ScaleTaskQuery {
    /// The filter, and whether the named project and batch exist (a list of an unknown one is empty).
    static func filter(_ request: Request, caller: Caller, env: APIEnvironment) async throws -> (TaskFilter, Bool) {
        var filter = TaskFilter(for: caller)
        // Scale lists tasks newest first.
        filter.newestFirst = true
        var known = true
        if let name = ScaleInput.all(request, "project").last {
            let project = try await env.store.project(named: name, organizationID: caller.organizationID)
            filter.projectID = project?.id ?? "-"
            known = known && project != nil
        }
        if let name = ScaleInput.all(request, "batch").last {
            let batch = try await env.visibleBatch(named: name, for: caller)
            filter.batchID = batch?.id ?? "-"
            known = known && batch != nil
        }
        if let status = ScaleInput.all(request, "status").last {
            guard let statuses = ScaleTaskJSON.statuses(forScale: status) else {
                throw DomainError.invalidField("status", "must be one of pending, completed, canceled, error")
            }
            filter.statuses = statuses
        }
        filter.type = ScaleInput.all(request, "type").last
        filter.createdAfter = try ScaleInput.time(request, "start_time")
        filter.createdBefore = try ScaleInput.time(request, "end_time")
        filter.completedAfter = try ScaleInput.time(request, "completed_after")
        filter.completedBefore = try ScaleInput.time(request, "completed_before")
        filter.updatedAfter = try ScaleInput.time(request, "updated_after")
        filter.updatedBefore = try ScaleInput.time(request, "updated_before")
        filter.uniqueIDs = ScaleInput.all(request, "unique_id")
        filter.tags = ScaleInput.all(request, "tags")
        filter.reviewStatuses = ScaleInput.all(request, "customer_review_status")
            .flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        return (filter, known)
    }

    /// `limit`: 1…100, default 100.
    static func limit(_ request: Request) throws(DomainError) -> Int {
        guard let text = ScaleInput.all(request, "limit").last else { return 100 }
        guard let limit = Int(text), (1...100).contains(limit) else {
            throw DomainError.invalidField("limit", "must be an integer between 1 and 100")
        }
        return limit
    }

    /// `offset`: tasks to skip (0…100,000), echoed in the answer; 400 naming it otherwise.
    static func offset(_ request: Request) throws(DomainError) -> Int {
        guard let text = ScaleInput.all(request, "offset").last else { return 0 }
        guard let value = Int(text), (0...100_000).contains(value) else {
            throw DomainError.invalidField("offset", "must be an integer from 0 to 100000")
        }
        return value
    }
}
