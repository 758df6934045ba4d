/// State carried through one validation.
struct ValidationContext {
    /// Whether `unevaluated*` needs evaluated locations.
    let tracksAnnotations: Bool
    /// Whether `$dynamicRef` needs the dynamic scope.
    let tracksDynamicScope: Bool
    /// Whether failures are recorded as violations; off inside `anyOf`, `not`, `if`, `contains`
    /// and the like, where a failure is an answer rather than a problem, and evaluation stops early.
    var recording: Bool
    /// The violations recorded so far.
    var violations: [SchemaViolation] = []
    /// The current location in the instance; the path string is built only for violations.
    var path: [InstancePathSegment] = []
    /// The schema resources entered so far, outermost first.
    var dynamicScope: [Int] = []
    /// Schema nodes evaluated so far: bounded by `JSONSchema.maximumSteps`, since applicators that
    /// revisit a node (`allOf` of two `$ref`s to an ancestor) can double the work per data level.
    var steps = 0

    /// A context for one validation.
    init(tracksAnnotations: Bool, tracksDynamicScope: Bool, recording: Bool) {
        self.tracksAnnotations = tracksAnnotations
        self.tracksDynamicScope = tracksDynamicScope
        self.recording = recording
    }

    /// Records a limit that was hit, even where failures are answers (inside `not`, `anyOf`, …),
    /// so hitting it can never turn into a pass.
    mutating func recordLimit(_ reason: String) {
        let wasRecording = recording
        recording = true
        record(reason)
        recording = wasRecording
    }

    /// Records `reason` at the current location, or at its member or item `segment`.
    mutating func record(_ reason: String, at segment: InstancePathSegment? = nil) {
        guard recording else { return }
        var text = ""
        for part in path { part.append(to: &text) }
        segment?.append(to: &text)
        violations.append(SchemaViolation(path: text, reason: reason))
    }
}

/// One step of a JSON Pointer into the instance.
enum InstancePathSegment {
    /// An object member, by name.
    case member(String)
    /// An array item, by position.
    case item(Int)

    /// Appends "/name" or "/index" to `text`.
    func append(to text: inout String) {
        switch self {
        case .member(let name): text += "/" + JSONSchema.escape(name)
        case .item(let index): text += "/" + String(index)
        }
    }
}

extension JSONSchema {
    /// Validates `instance` against node `index`, recording violations in `context` and adding
    /// what it evaluated to `evaluated`. Returns whether it matched.
    func evaluate(
        _ instance: JSONValue, node index: Int, depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard depth < Self.maximumDepth else {
            context.recordLimit(
                "is nested too deeply to validate (more than \(Self.maximumDepth) levels of schema and data)")
            return false
        }
        context.steps += 1
        guard context.steps <= Self.maximumSteps else {
            if context.steps == Self.maximumSteps + 1 {
                context.recordLimit(
                    "takes more than \(Self.maximumSteps) schema evaluations to validate; simplify the schema")
            }
            return false
        }
        let node = nodes[index]
        if let always = node.always {
            if !always { context.record("is not allowed") }
            return always
        }
        let entersResource = context.tracksDynamicScope && context.dynamicScope.last != node.resource
        if entersResource { context.dynamicScope.append(node.resource) }
        defer { if entersResource { context.dynamicScope.removeLast() } }
        var valid = true
        for keyword in node.keywords {
            if !check(keyword, instance, depth: depth + 1, &context, &evaluated) {
                valid = false
                if !context.recording { return false }
                if case .type = keyword { return false }
            }
        }
        return valid
    }

    /// Whether `instance` passes node `index`, recording nothing; `evaluated` gains its
    /// evaluated locations only when it passes.
    func passes(
        _ instance: JSONValue, node index: Int, depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        let recording = context.recording
        context.recording = false
        defer { context.recording = recording }
        var local = EvaluatedLocations()
        let valid = evaluate(instance, node: index, depth: depth, &context, &local)
        if valid && context.tracksAnnotations { evaluated.merge(local) }
        return valid
    }

    /// Validates `instance` against node `index` in place, merging its evaluated locations when it passes.
    func applies(
        _ instance: JSONValue, node index: Int, depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard context.tracksAnnotations else {
            return evaluate(instance, node: index, depth: depth, &context, &evaluated)
        }
        var local = EvaluatedLocations()
        let valid = evaluate(instance, node: index, depth: depth, &context, &local)
        if valid { evaluated.merge(local) }
        return valid
    }

    /// Validates `value`, a member or item of the instance, against node `index`.
    func descend(
        _ value: JSONValue, _ segment: InstancePathSegment, node index: Int, depth: Int,
        _ context: inout ValidationContext
    ) -> Bool {
        var ignored = EvaluatedLocations()
        context.path.append(segment)
        defer { context.path.removeLast() }
        return evaluate(value, node: index, depth: depth, &context, &ignored)
    }

    /// Checks one keyword.
    private func check(
        _ keyword: SchemaKeyword, _ instance: JSONValue, depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        switch keyword {
        case .type(let types):
            guard types.admits(instance) else {
                context.record("must be \(types.description), got \(instance.typeName)")
                return false
            }
            return true
        case .enumeration(let values):
            guard values.contains(where: { jsonEqual($0, instance) }) else {
                context.record("must be one of \(JSONValue.array(values).serialized())")
                return false
            }
            return true
        case .constant(let value):
            guard jsonEqual(value, instance) else {
                context.record("must be \(value.serialized())")
                return false
            }
            return true
        case .ref(let target):
            return applies(instance, node: target, depth: depth, &context, &evaluated)
        case .dynamicRef(let reference):
            return applies(instance, node: target(of: reference, context), depth: depth, &context, &evaluated)
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
            return checkNumber(keyword, instance, &context)
        case .minLength, .maxLength, .pattern, .format:
            return checkString(keyword, instance, &context)
        case .allOf, .anyOf, .oneOf, .not, .conditional, .dependentSchemas:
            return checkInPlace(keyword, instance, depth: depth, &context, &evaluated)
        case .minItems, .maxItems, .uniqueItems, .prefixItems, .items, .contains, .unevaluatedItems:
            guard case .array(let items) = instance else { return true }
            return checkArray(keyword, items, depth: depth, &context, &evaluated)
        case .required, .dependentRequired, .minProperties, .maxProperties, .properties, .patternProperties,
            .additionalProperties, .propertyNames, .unevaluatedProperties:
            guard case .object(let object) = instance else { return true }
            return checkObject(keyword, object, depth: depth, &context, &evaluated)
        }
    }

    /// The schema a `$dynamicRef` names now: the outermost resource in the dynamic scope that
    /// declares its anchor, else its static target.
    private func target(of reference: DynamicReference, _ context: ValidationContext) -> Int {
        guard reference.anchor != nil else { return reference.initial }
        for resource in context.dynamicScope {
            if let candidate = reference.candidates.first(where: { $0.resource == resource }) { return candidate.node }
        }
        return reference.initial
    }
}
