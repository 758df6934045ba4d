import Foundation

/// Turns schema JSON into a node table. Nodes are keyed by their JSON Pointer in the document,
/// so a schema reached twice (by `$ref` or `$dynamicRef`) is compiled once and cycles are fine.
/// Compilation uses a work list rather than recursion, so long `$ref` chains cannot exhaust the stack.
struct SchemaCompiler {
    /// The schema document.
    let root: JSONValue
    /// Its resources and anchors.
    let map: SchemaResourceMap
    /// The compiled nodes; nil while a node waits in the work list.
    var nodes: [SchemaNode?] = []
    /// Node indices by the pointer of their schema.
    var indexByPointer: [String: Int] = [:]
    /// The pointer of each node's schema.
    var pointerByIndex: [String] = []
    /// Whether any schema uses `unevaluatedItems` or `unevaluatedProperties`.
    var usesUnevaluated = false
    /// Whether any `$dynamicRef` can resolve dynamically.
    var usesDynamicScope = false

    /// A compiler for the document `root`.
    init(root: JSONValue) {
        self.root = root
        self.map = SchemaResourceMap(root: root)
    }

    /// Compiles the root schema and everything it reaches.
    mutating func compileDocument() throws(JSONSchemaError) {
        if let duplicate = map.duplicate {
            throw JSONSchemaError(
                path: duplicate.pointer + "/$id", reason: "$id \"\(duplicate.uri)\" is used by two schemas")
        }
        _ = node(at: "")
        var next = 0
        while next < nodes.count {
            nodes[next] = try compileNode(at: pointerByIndex[next])
            next += 1
        }
    }

    /// The index of the node for the schema at `pointer`, queueing it for compilation if new.
    mutating func node(at pointer: String) -> Int {
        if let index = indexByPointer[pointer] { return index }
        let index = nodes.count
        nodes.append(nil)
        indexByPointer[pointer] = index
        pointerByIndex.append(pointer)
        return index
    }

    /// The value at `pointer` in the document.
    func value(at pointer: String) -> JSONValue? {
        var current = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = Self.unescape(token)
            switch current {
            case .object(let object):
                guard let next = object[key] else { return nil }
                current = next
            case .array(let array):
                guard let index = Int(key), array.indices.contains(index) else { return nil }
                current = array[index]
            default: return nil
            }
        }
        return current
    }

    /// A JSON Pointer token with `~1` and `~0` decoded.
    static func unescape(_ token: Substring) -> String {
        guard token.contains("~") else { return String(token) }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// Where a `$ref` or `$dynamicRef` written in the schema at `pointer` points.
    /// - Returns: the target's pointer and, when the fragment is a plain name, that anchor name.
    func resolve(reference: String, from pointer: String, keyword: String) throws(JSONSchemaError) -> (
        pointer: String, anchor: String?
    ) {
        let path = pointer + "/" + keyword
        let base = SchemaURI(map.resources[map.resource(containing: pointer)].uri)
        let uri = SchemaURI(reference).resolved(against: base)
        let document = uri.withoutFragment.text
        guard let resourceIndex = map.resourceByURI[document] else {
            throw JSONSchemaError(
                path: path,
                reason: "refers to \"\(reference)\", which is outside this schema; remote references are not supported "
                    + "(embed the schema under $defs with that $id instead)")
        }
        let resource = map.resources[resourceIndex]
        let fragment = uri.fragment ?? ""
        let decoded = fragment.removingPercentEncoding ?? fragment
        if decoded.isEmpty { return (resource.pointer, nil) }
        if decoded.hasPrefix("/") {
            let tokens = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            let target = resource.pointer + tokens.map { "/" + JSONSchema.escape(Self.unescape($0)) }.joined()
            guard value(at: target) != nil else {
                throw JSONSchemaError(path: path, reason: "target \(reference) does not exist")
            }
            return (target, nil)
        }
        guard let target = map.anchors[document + "#" + decoded] else {
            throw JSONSchemaError(path: path, reason: "anchor \(reference) does not exist")
        }
        return (target, decoded)
    }

    /// Compiles a `$dynamicRef`: dynamic only when its initial target declares the same `$dynamicAnchor`.
    mutating func dynamicReference(_ reference: String, from pointer: String) throws(JSONSchemaError)
        -> DynamicReference
    {
        let (target, anchor) = try resolve(reference: reference, from: pointer, keyword: "$dynamicRef")
        var compiled = DynamicReference(initial: node(at: target))
        guard let anchor, value(at: target)?.objectValue?["$dynamicAnchor"]?.stringValue == anchor else {
            return compiled
        }
        compiled.anchor = anchor
        for (index, resource) in map.resources.enumerated() {
            if let declaring = resource.dynamicAnchors[anchor] {
                compiled.candidates.append((index, node(at: declaring)))
            }
        }
        usesDynamicScope = true
        return compiled
    }
}
