import Foundation
public import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeStore
import NIOCore

/// `PUT /api/v1/uploads/{token}`: the upload capability. The body (a JSON array, JSONL or CSV file of
/// any size) is streamed to disk, never held in memory, then moved into place atomically.
public struct UploadsController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The unauthenticated capability route, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .put("uploads/:token", use: upload)
    }

    func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let unknown = DomainError(.notFound, "this upload URL is not valid")
        guard token.utf8.count == 43,
            let batch = try await env.store.batch(uploadTokenHash: BatchesController.hash(token))
        else { throw unknown }
        if let expiry = batch.uploadExpiresAt, expiry < env.now {
            throw DomainError(.expired, "this upload URL expired at \(expiry.iso8601); create a new batch")
        }
        guard
            try await env.store.transitionBatch(
                id: batch.id, organizationID: nil, from: [.pending], to: .uploading, at: env.now) != nil
        else {
            throw DomainError(.invalidState, "batch \(batch.id) is \(batch.status.rawValue) and accepts no upload")
        }
        let partial = env.uploads.partialPath(for: batch.id)
        var bytes: Int64 = 0
        do {
            FileManager.default.createFile(atPath: partial, contents: nil)
            guard let file = FileHandle(forWritingAtPath: partial) else {
                throw DomainError(.invalidState, "cannot store the upload")
            }
            defer { try? file.close() }
            var lastTouch = ContinuousClock.now
            let touchInterval = Duration.seconds(max(0.25, env.uploadStaleSeconds / 4))
            for try await buffer in request.body {
                bytes += Int64(buffer.readableBytes)
                try buffer.withUnsafeReadableBytes { try file.write(contentsOf: $0) }
                // A live upload says so now and then; one that falls silent (its node crashed)
                // returns to `pending` after LOUPE_UPLOAD_STALE_SECONDS.
                if ContinuousClock.now - lastTouch > touchInterval {
                    try await env.store.touchUpload(batchID: batch.id, now: env.now)
                    lastTouch = ContinuousClock.now
                }
            }
            try file.synchronize()
            try env.uploads.commitPartial(batchID: batch.id)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            _ = try? await env.store.transitionBatch(
                id: batch.id, organizationID: nil, from: [.uploading], to: .pending, at: env.now)
            throw error
        }
        guard
            let updated = try await env.store.transitionBatch(
                id: batch.id, organizationID: nil, from: [.uploading], to: .pending, at: env.now,
                set: [("uploaded_bytes", .int(bytes))])
        else {
            throw DomainError(.invalidState, "batch \(batch.id) was canceled during the upload")
        }
        return JSONResponse.make(value: BatchDTO.value(updated, failures: []))
    }
}
