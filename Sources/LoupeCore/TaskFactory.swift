public import LoupeDomain

/// Turns checked task specs into stored tasks: the one place the creation rules live, used by
/// single creation, inline batches and the batch ingester alike.
public struct TaskFactory: Sendable {
    /// Source of ids.
    public let ids: ObjectIDGenerator
    /// Source of time.
    public let clock: LoupeClock
    /// Compiled schemas.
    public let schemas: SchemaCache

    /// A factory with the given dependencies.
    public init(ids: ObjectIDGenerator, clock: LoupeClock, schemas: SchemaCache) {
        self.ids = ids
        self.clock = clock
        self.schemas = schemas
    }

    /// Throws unless the project accepts new tasks.
    public func checkAcceptsTasks(_ project: Project) throws(DomainError) {
        if project.archived {
            throw DomainError(.invalidState, "project \(project.id) is archived and accepts no new tasks")
        }
    }

    /// A new pending task from `spec`, after checking its data against the project's creation schema.
    /// - Parameters:
    ///   - path: pointer of the spec in the request, for error messages (`""` or `/tasks/3`).
    public func makeTask(
        _ spec: TaskSpec, project: Project, testMode: Bool, batch: Batch? = nil, batchIndex: Int? = nil,
        path: String = "", now: Timestamp? = nil
    ) throws(DomainError) -> WorkTask {
        if let schema = try schemas.creationSchema(of: project) {
            let violations = schema.validate(spec.data)
            if !violations.isEmpty {
                let details = violations.prefix(20).map {
                    DomainError.Detail(path: path + "/data" + $0.path, reason: $0.reason)
                }
                let first = details[0]
                throw DomainError(
                    .schemaViolation, "\(first.path) \(first.reason) (creation_schema of project \(project.id))",
                    details: Array(details))
            }
        }
        if let prefill = spec.prefill, let schema = try schemas.prefillSchema(of: project) {
            if let first = schema.validate(.object(prefill)).first {
                // Like data against the creation schema: well-formed, but not what the project takes.
                let location = path + "/prefill" + first.path
                throw DomainError(
                    .schemaViolation, "\(location) \(first.reason) (delivery_schema of project \(project.id))",
                    details: [.init(path: location, reason: first.reason)])
            }
        }
        let time = now ?? clock.now()
        var task = WorkTask(
            id: ids.next(), organizationID: project.organizationID, projectID: project.id, batchID: batch?.id,
            batchIndex: batchIndex, type: project.type, data: RawJSON(spec.data), uniqueID: spec.uniqueID,
            priority: spec.priority ?? batch?.priority ?? 0,
            metadata: spec.metadata.isEmpty ? .emptyObject : RawJSON(.object(spec.metadata)),
            callbackURL: spec.callbackURL, tags: spec.tags, status: .pending, testMode: testMode, createdAt: time,
            updatedAt: time)
        task.urgency = spec.urgency ?? .standard
        if spec.staged { task.status = .staged }
        task.prefill = spec.prefill.map { RawJSON(.object($0)) }
        return task
    }

    /// One batch item (raw JSON text, or a CSV row as a flat object of cell texts) as a task, or
    /// the reason it failed.
    public func makeTask(
        fromItem bytes: [UInt8], index: Int, project: Project, batch: Batch, dialect: any TaskDialect = NativeDialect(),
        isTableRow: Bool = false, now: Timestamp
    ) -> Result<WorkTask, BatchFailure> {
        do {
            let value = try JSONParser.parse(bytes)
            let spec =
                isTableRow
                ? try typedCells(
                    of: dialect.taskSpec(fromTableRow: value.objectValue ?? JSONObject()), project: project)
                : try dialect.taskSpec(fromItem: value)
            var task = try makeTask(
                spec, project: project, testMode: batch.testMode, batch: batch, batchIndex: index, now: now)
            task.dialect = dialect.id
            return .success(task)
        } catch let error as JSONSyntaxError {
            return .failure(BatchFailure(index: index, reason: error.description, item: bytes))
        } catch let error as DomainError {
            let reason = error.details.first.map { "\($0.path) \($0.reason)" } ?? error.message
            return .failure(BatchFailure(index: index, reason: reason, item: bytes))
        } catch {
            return .failure(BatchFailure(index: index, reason: "\(error)", item: bytes))
        }
    }

    /// A spec read from a CSV row with its `data` and `prefill` cells typed by the project's
    /// creation and delivery schemas.
    private func typedCells(of spec: TaskSpec, project: Project) throws(DomainError) -> TaskSpec {
        var spec = spec
        if case .object(let data) = spec.data {
            spec.data = .object(try TableCells.typed(data, by: project.creationSchema, path: "/data"))
        }
        if let prefill = spec.prefill {
            spec.prefill = try TableCells.typed(prefill, by: project.deliverySchema, path: "/prefill")
        }
        return spec
    }
}
