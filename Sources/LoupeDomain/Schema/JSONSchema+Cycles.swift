extension SchemaCompiler {
    /// Refuses a schema in which a node reaches itself without moving into the instance
    /// (`{"$ref": "#"}`, two `$defs` referring to each other, `allOf` back to an ancestor):
    /// validating any instance against it would never end. Also refuses chains of such
    /// in-place schemas longer than ``JSONSchema/maximumNesting``, which validation would cut off.
    func checkNoCycleWithoutProgress(_ compiled: [SchemaNode]) throws(JSONSchemaError) {
        // 0: not visited, 1: on the current path, 2: done.
        var state = [UInt8](repeating: 0, count: compiled.count)
        // The most schemas, this one included, that apply to one instance location from here.
        var chain = [Int](repeating: 1, count: compiled.count)
        var stack: [(node: Int, next: Int)] = []
        let edges = compiled.map(\.inPlaceEdges)
        for start in compiled.indices where state[start] == 0 {
            state[start] = 1
            stack.append((start, 0))
            while let top = stack.last {
                guard top.next < edges[top.node].count else {
                    state[top.node] = 2
                    stack.removeLast()
                    let longest = edges[top.node].max { chain[$0.node] < chain[$1.node] }
                    chain[top.node] = 1 + (longest.map { chain[$0.node] } ?? 0)
                    if let longest, chain[top.node] > JSONSchema.maximumNesting {
                        throw JSONSchemaError(
                            path: pointerByIndex[top.node] + "/" + longest.keyword,
                            reason:
                                "nests more than \(JSONSchema.maximumNesting) schemas ($ref, allOf, not, …) on the same value; "
                                + "validation would stop before reaching the end")
                    }
                    continue
                }
                stack[stack.count - 1].next += 1
                let (child, keyword) = edges[top.node][top.next]
                if state[child] == 1 {
                    let path =
                        stack.drop { $0.node != child }.map { "#" + pointerByIndex[$0.node] } + [
                            "#" + pointerByIndex[child]
                        ]
                    throw JSONSchemaError(
                        path: pointerByIndex[top.node] + "/" + keyword,
                        reason: "$ref cycle that never moves into the instance: " + path.joined(separator: " → "))
                }
                if state[child] == 0 {
                    state[child] = 1
                    stack.append((child, 0))
                }
            }
        }
    }
}

extension SchemaNode {
    /// The subschemas applied to the same instance as this node (not to a member or an item),
    /// each with the keyword that applies it.
    var inPlaceEdges: [(node: Int, keyword: String)] {
        var edges: [(node: Int, keyword: String)] = []
        for keyword in keywords {
            switch keyword {
            case .ref(let target): edges.append((target, "$ref"))
            case .dynamicRef(let reference):
                edges.append((reference.initial, "$dynamicRef"))
                for candidate in reference.candidates { edges.append((candidate.node, "$dynamicRef")) }
            case .allOf(let children): edges += children.map { ($0, "allOf") }
            case .anyOf(let children): edges += children.map { ($0, "anyOf") }
            case .oneOf(let children): edges += children.map { ($0, "oneOf") }
            case .not(let child): edges.append((child, "not"))
            case .conditional(let condition, let then, let otherwise):
                edges.append((condition, "if"))
                if let then { edges.append((then, "then")) }
                if let otherwise { edges.append((otherwise, "else")) }
            case .dependentSchemas(let pairs): edges += pairs.map { ($0.schema, "dependentSchemas") }
            default: break
            }
        }
        return edges
    }
}
