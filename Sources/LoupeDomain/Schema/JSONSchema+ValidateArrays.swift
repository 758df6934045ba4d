extension JSONSchema {
    /// The keywords that apply to arrays.
    func checkArray(
        _ keyword: SchemaKeyword, _ items: [JSONValue], depth: Int, _ context: inout ValidationContext,
        _ evaluated: inout EvaluatedLocations
    ) -> Bool {
        var valid = true
        switch keyword {
        case .minItems(let minimum) where items.count < minimum:
            context.record("must have at least \(minimum) \(minimum == 1 ? "item" : "items")")
            valid = false
        case .maxItems(let maximum) where items.count > maximum:
            context.record("must have at most \(maximum) \(maximum == 1 ? "item" : "items")")
            valid = false
        case .uniqueItems:
            if let (first, second) = firstDuplicate(in: items) {
                context.record("must have unique items (items \(first) and \(second) are equal)")
                valid = false
            }
        case .prefixItems(let children):
            for (offset, child) in children.enumerated() where offset < items.count {
                if !descend(items[offset], .item(offset), node: child, depth: depth, &context) {
                    valid = false
                    if !context.recording { return false }
                }
            }
            if context.tracksAnnotations {
                evaluated.itemPrefix = max(evaluated.itemPrefix, min(children.count, items.count))
            }
        case .items(let child, let start):
            valid = checkEach(items, from: start, against: child, keyword: "items", depth: depth, &context)
            if context.tracksAnnotations { evaluated.allItems = true }
        case .contains(let child, let minimum, let maximum):
            var matches = 0
            for (offset, item) in items.enumerated() {
                var ignored = EvaluatedLocations()
                context.path.append(.item(offset))
                let matched = passes(item, node: child, depth: depth, &context, &ignored)
                context.path.removeLast()
                if matched {
                    matches += 1
                    if context.tracksAnnotations { evaluated.items.insert(offset) }
                }
            }
            if matches < minimum {
                context.record(
                    "must contain at least \(minimum) \(minimum == 1 ? "item" : "items") matching contains (found \(matches))"
                )
                valid = false
            } else if let maximum, matches > maximum {
                context.record(
                    "must contain at most \(maximum) \(maximum == 1 ? "item" : "items") matching contains (found \(matches))"
                )
                valid = false
            }
        case .unevaluatedItems(let child):
            let pending = items.indices.filter { !evaluated.evaluated(item: $0) }
            if nodes[child].always == false {
                for offset in pending {
                    context.record("is not allowed (unevaluatedItems is false)", at: .item(offset))
                }
                valid = pending.isEmpty
            } else {
                for offset in pending where !descend(items[offset], .item(offset), node: child, depth: depth, &context)
                {
                    valid = false
                    if !context.recording { return false }
                }
            }
            evaluated.allItems = true
        default:
            break
        }
        return valid
    }

    private func checkEach(
        _ items: [JSONValue], from start: Int, against child: Int, keyword: String, depth: Int,
        _ context: inout ValidationContext
    ) -> Bool {
        guard start < items.count else { return true }
        var valid = true
        let refusesAll = nodes[child].always == false
        for offset in start..<items.count {
            if refusesAll {
                context.record("is not allowed (\(keyword) is false)", at: .item(offset))
                valid = false
            } else if !descend(items[offset], .item(offset), node: child, depth: depth, &context) {
                valid = false
            }
            if !valid && !context.recording { return false }
        }
        return valid
    }
}
