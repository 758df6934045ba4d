import Foundation

extension JSONSchema {
    func validate(_ instance: JSONValue, node index: Int, path: String, depth: Int, into violations: inout [SchemaViolation]) {
        let node = nodes[index]
        func add(_ reason: String, _ at: String = path) { violations.append(SchemaViolation(path: at, reason: reason)) }
        guard depth < Self.maximumDepth else {
            add("is nested too deeply to validate (more than \(Self.maximumDepth) levels of schema and data)")
            return
        }
        let depth = depth + 1
        if let always = node.always {
            if !always { add("is not allowed") }
            return
        }
        if let ref = node.ref { validate(instance, node: ref, path: path, depth: depth, into: &violations) }
        if let types = node.types, !types.contains(where: { Self.has(type: $0, instance) }) {
            let expected = types.count == 1 ? types[0] : "one of " + types.joined(separator: ", ")
            add("must be \(Self.article(expected)) \(expected), got \(instance.typeName)")
            return
        }
        if let values = node.enumValues, !values.contains(where: { jsonEqual($0, instance) }) {
            add("must be one of \(JSONValue.array(values).serialized())")
        }
        if let constant = node.constValue, let value = constant, !jsonEqual(value, instance) {
            add("must be \(value.serialized())")
        }
        switch instance {
        case .object(let object):
            for name in node.required where object[name] == nil { add("is required", path + "/" + Self.escape(name)) }
            var known = Set<String>()
            for (name, child) in node.properties {
                known.insert(name)
                if let member = object[name] {
                    validate(member, node: child, path: path + "/" + Self.escape(name), depth: depth, into: &violations)
                }
            }
            switch node.additional {
            case .allowed: break
            case .forbidden:
                for (name, _) in object where !known.contains(name) {
                    add("is not allowed (additionalProperties is false)", path + "/" + Self.escape(name))
                }
            case .schema(let child):
                for (name, member) in object where !known.contains(name) {
                    validate(member, node: child, path: path + "/" + Self.escape(name), depth: depth, into: &violations)
                }
            }
        case .array(let array):
            if let minimum = node.minItems, array.count < minimum { add("must have at least \(minimum) items") }
            if let maximum = node.maxItems, array.count > maximum { add("must have at most \(maximum) items") }
            if node.uniqueItems {
                outer: for i in array.indices {
                    for j in array.indices where j > i && jsonEqual(array[i], array[j]) {
                        add("must have unique items (items \(i) and \(j) are equal)")
                        break outer
                    }
                }
            }
            if let child = node.items {
                for (offset, element) in array.enumerated() {
                    validate(element, node: child, path: path + "/\(offset)", depth: depth, into: &violations)
                }
            }
        case .string(let string):
            let length = string.unicodeScalars.count
            if let minimum = node.minLength, length < minimum { add("must be at least \(minimum) characters") }
            if let maximum = node.maxLength, length > maximum { add("must be at most \(maximum) characters") }
            if let pattern = node.pattern, !pattern.matches(string) { add("does not match pattern \(pattern.pattern)") }
            switch node.format {
            case "uri": if !Self.isURI(string) { add("must be a valid URI") }
            case "date-time": if Timestamp.parse(string) == nil { add("must be an RFC 3339 date-time") }
            default: break
            }
        case .int, .double:
            let number = instance.doubleValue!
            if let minimum = node.minimum, number < minimum { add("must be at least \(Self.show(minimum))") }
            if let maximum = node.maximum, number > maximum { add("must be at most \(Self.show(maximum))") }
            if let minimum = node.exclusiveMinimum, number <= minimum { add("must be greater than \(Self.show(minimum))") }
            if let maximum = node.exclusiveMaximum, number >= maximum { add("must be less than \(Self.show(maximum))") }
        default:
            break
        }
        if !node.allOf.isEmpty {
            for child in node.allOf { validate(instance, node: child, path: path, depth: depth, into: &violations) }
        }
        if !node.anyOf.isEmpty, !node.anyOf.contains(where: { matches(instance, node: $0, depth: depth) }) {
            add("must match at least one schema in anyOf")
        }
        if !node.oneOf.isEmpty {
            let matched = node.oneOf.filter { matches(instance, node: $0, depth: depth) }.count
            if matched != 1 { add("must match exactly one schema in oneOf (matched \(matched))") }
        }
        if let child = node.not, matches(instance, node: child, depth: depth) { add("must not match the schema in not") }
    }

    private func matches(_ instance: JSONValue, node: Int, depth: Int) -> Bool {
        var violations: [SchemaViolation] = []
        validate(instance, node: node, path: "", depth: depth, into: &violations)
        return violations.isEmpty
    }

    static func has(type: String, _ value: JSONValue) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string): true
        case ("number", .int), ("number", .double), ("integer", .int): true
        case ("integer", .double(let number)): number.rounded() == number
        default: false
        }
    }

    static func article(_ word: String) -> String {
        word.hasPrefix("one of") ? "" : (["a", "e", "i", "o", "u"].contains(word.first.map(String.init) ?? "") ? "an" : "a")
    }

    static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    static func escape(_ key: String) -> String {
        guard key.contains("~") || key.contains("/") else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// An absolute URI: a scheme (letter, then letters, digits, + - .), a colon, something after it, no spaces.
    static func isURI(_ string: String) -> Bool {
        guard let colon = string.firstIndex(of: ":"), colon != string.startIndex else { return false }
        let scheme = string[..<colon]
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return false }
        let rest = string[string.index(after: colon)...]
        return !rest.isEmpty && !string.contains(where: { $0 == " " || $0.isNewline })
    }
}
