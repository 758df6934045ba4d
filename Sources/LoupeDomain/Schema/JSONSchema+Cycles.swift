extension SchemaCompiler {
    /// Refuses a schema in which a node reaches itself without moving into the instance
    /// (`{"$ref": "#"}`, two `$defs` referring to each other, `allOf` back to an ancestor):
    /// validating any instance against it would never end.
    func checkNoCycleWithoutProgress() throws(JSONSchemaError) {
        let compiled = nodes.map { $0! }
        // 0: not visited, 1: on the current path, 2: done.
        var state = [UInt8](repeating: 0, count: compiled.count)
        var stack: [(node: Int, next: Int)] = []
        for start in compiled.indices where state[start] == 0 {
            state[start] = 1
            stack.append((start, 0))
            while let top = stack.last {
                let edges = compiled[top.node].inPlaceChildren
                guard top.next < edges.count else {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let child = edges[top.next]
                if state[child] == 1 {
                    let path = stack.drop { $0.node != child }.map { "#" + pointerByIndex[$0.node] } + ["#" + pointerByIndex[child]]
                    throw JSONSchemaError(
                        path: pointerByIndex[top.node] + (compiled[top.node].ref == child ? "/$ref" : ""),
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
    /// The subschemas applied to the same instance as this node (not to a member or an item).
    var inPlaceChildren: [Int] {
        var children = allOf + anyOf + oneOf
        if let ref { children.append(ref) }
        if let not { children.append(not) }
        return children
    }
}
