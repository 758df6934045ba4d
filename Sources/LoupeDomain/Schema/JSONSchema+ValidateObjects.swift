extension JSONSchema {
    /// The keywords that apply to objects.
    func checkObject(
        _ keyword: SchemaKeyword, _ object: JSONObject, depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        var valid = true
        switch keyword {
        case .required(let names):
            for name in names where object[name] == nil {
                context.record("is required", at: .member(name))
                valid = false
            }
        case .dependentRequired(let pairs):
            for (property, requires) in pairs where object[property] != nil {
                for name in requires where object[name] == nil {
                    context.record("is required when \"\(property)\" is present", at: .member(name))
                    valid = false
                }
            }
        case .minProperties(let minimum) where object.count < minimum:
            context.record("must have at least \(minimum) \(minimum == 1 ? "property" : "properties")")
            valid = false
        case .maxProperties(let maximum) where object.count > maximum:
            context.record("must have at most \(maximum) \(maximum == 1 ? "property" : "properties")")
            valid = false
        case .properties(let pairs):
            for (name, child) in pairs {
                guard let member = object[name] else { continue }
                if context.tracksAnnotations { evaluated.properties.insert(name) }
                if !descend(member, .member(name), node: child, depth: depth, &context) {
                    valid = false
                    if !context.recording { return false }
                }
            }
        case .patternProperties(let pairs):
            for (name, member) in object {
                for (pattern, child) in pairs where pattern.matches(name) {
                    if context.tracksAnnotations { evaluated.properties.insert(name) }
                    if !descend(member, .member(name), node: child, depth: depth, &context) {
                        valid = false
                        if !context.recording { return false }
                    }
                }
            }
        case .additionalProperties(let child, let known, let patterns):
            let refusesAll = nodes[child].always == false
            for (name, member) in object where !known.contains(name) && !patterns.contains(where: { $0.matches(name) })
            {
                if refusesAll {
                    context.record("is not allowed (additionalProperties is false)", at: .member(name))
                    valid = false
                } else if !descend(member, .member(name), node: child, depth: depth, &context) {
                    valid = false
                }
                if !valid && !context.recording { return false }
            }
            if context.tracksAnnotations { evaluated.allProperties = true }
        case .propertyNames(let child):
            for (name, _) in object {
                var ignored = EvaluatedLocations()
                if !passes(.string(name), node: child, depth: depth, &context, &ignored) {
                    context.record("has a name that does not match propertyNames", at: .member(name))
                    valid = false
                    if !context.recording { return false }
                }
            }
        case .unevaluatedProperties(let child):
            let refusesAll = nodes[child].always == false
            for (name, member) in object where !evaluated.evaluated(property: name) {
                if refusesAll {
                    context.record("is not allowed (unevaluatedProperties is false)", at: .member(name))
                    valid = false
                } else if !descend(member, .member(name), node: child, depth: depth, &context) {
                    valid = false
                }
                if !valid && !context.recording { return false }
            }
            evaluated.allProperties = true
        default:
            break
        }
        return valid
    }
}
