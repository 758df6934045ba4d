extension JSONSchema {
    /// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` and `dependentSchemas`: subschemas
    /// applied to the instance itself.
    func checkInPlace(
        _ keyword: SchemaKeyword, _ instance: JSONValue, depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        switch keyword {
        case .allOf(let children):
            var valid = true
            for child in children where !applies(instance, node: child, depth: depth, &context, &evaluated) {
                valid = false
                if !context.recording { return false }
            }
            return valid
        case .anyOf(let children):
            var matched = false
            for child in children where passes(instance, node: child, depth: depth, &context, &evaluated) {
                matched = true
                // Every passing branch contributes evaluated locations, so keep going only if they matter.
                if !context.tracksAnnotations { break }
            }
            if !matched { context.record("must match at least one schema in anyOf") }
            return matched
        case .oneOf(let children):
            var matched = 0
            var branch = EvaluatedLocations()
            for child in children where passes(instance, node: child, depth: depth, &context, &branch) {
                matched += 1
                if matched > 1 && !context.recording { return false }
            }
            guard matched == 1 else {
                context.record("must match exactly one schema in oneOf (matched \(matched))")
                return false
            }
            if context.tracksAnnotations { evaluated.merge(branch) }
            return true
        case .not(let child):
            var ignored = EvaluatedLocations()
            guard !passes(instance, node: child, depth: depth, &context, &ignored) else {
                context.record("must not match the schema in not")
                return false
            }
            return true
        case .conditional(let condition, let then, let otherwise):
            if passes(instance, node: condition, depth: depth, &context, &evaluated) {
                return then.map { applies(instance, node: $0, depth: depth, &context, &evaluated) } ?? true
            }
            return otherwise.map { applies(instance, node: $0, depth: depth, &context, &evaluated) } ?? true
        case .dependentSchemas(let pairs):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for (property, child) in pairs where object[property] != nil {
                if !applies(instance, node: child, depth: depth, &context, &evaluated) {
                    valid = false
                    if !context.recording { return false }
                }
            }
            return valid
        default:
            return true
        }
    }

    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`.
    func checkNumber(_ keyword: SchemaKeyword, _ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard let number = SchemaNumber(instance) else { return true }
        let problem: String?
        switch keyword {
        case .minimum(let bound): problem = number.compare(to: bound) < 0 ? "must be at least \(bound.text)" : nil
        case .maximum(let bound): problem = number.compare(to: bound) > 0 ? "must be at most \(bound.text)" : nil
        case .exclusiveMinimum(let bound):
            problem = number.compare(to: bound) <= 0 ? "must be greater than \(bound.text)" : nil
        case .exclusiveMaximum(let bound):
            problem = number.compare(to: bound) >= 0 ? "must be less than \(bound.text)" : nil
        case .multipleOf(let step): problem = number.isMultiple(of: step) ? nil : "must be a multiple of \(step.text)"
        default: problem = nil
        }
        guard let problem else { return true }
        context.record(problem)
        return false
    }

    /// `minLength`, `maxLength`, `pattern` and `format`.
    func checkString(_ keyword: SchemaKeyword, _ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .string(let string) = instance else { return true }
        let problem: String?
        switch keyword {
        case .minLength(let minimum):
            problem = string.unicodeScalars.count < minimum ? "must be at least \(minimum) characters" : nil
        case .maxLength(let maximum):
            problem = string.unicodeScalars.count > maximum ? "must be at most \(maximum) characters" : nil
        case .pattern(let regex): problem = regex.matches(string) ? nil : "does not match pattern \(regex.pattern)"
        case .format(let format): problem = format.accepts(string) ? nil : "must be \(format.expectation)"
        default: problem = nil
        }
        guard let problem else { return true }
        context.record(problem)
        return false
    }
}
