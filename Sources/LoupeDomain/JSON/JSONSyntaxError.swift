/// A JSON syntax problem and the byte offset where it was found.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset in the input.
    public var offset: Int
    /// What is wrong.
    public var reason: String
    /// For a refused duplicate key, the JSON Pointer of the repeated member (e.g. `/tasks/3/name`);
    /// nil for other errors.
    public var pointer: String?

    /// An error at `offset`.
    public init(offset: Int, reason: String, pointer: String? = nil) {
        self.offset = offset
        self.reason = reason
        self.pointer = pointer
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }

    /// The error for a repeated key; `trail` runs from the key up to the root, innermost first.
    static func duplicateKey(trail: [String], offset: Int) -> JSONSyntaxError {
        func pointer(_ components: some Sequence<String>) -> String {
            var pointer = ""
            for component in components {
                pointer += "/"
                for scalar in component.unicodeScalars {
                    switch scalar {
                    case "~": pointer += "~0"
                    case "/": pointer += "~1"
                    default: pointer.unicodeScalars.append(scalar)
                    }
                }
            }
            return pointer
        }
        let key = trail.first ?? ""
        let objectPointer = pointer(trail.dropFirst().reversed())
        let place = objectPointer.isEmpty ? "the top-level object" : "an object at \(objectPointer)"
        return JSONSyntaxError(
            offset: offset, reason: "duplicate key \(JSONValue.string(key).serialized()) in \(place)",
            pointer: pointer(trail.reversed()))
    }
}
