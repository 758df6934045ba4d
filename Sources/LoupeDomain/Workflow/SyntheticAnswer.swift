/// Plausible, valid answers for test-mode tasks, made without a person: the first category, one box
/// inside the image, every transcription field filled, or the smallest instance of the delivery schema.
public enum SyntheticAnswer {
    /// An answer for a task of `type` that the type's rules and `deliverySchema` accept.
    public static func make(type: String, data: JSONObject, params: JSONObject, deliverySchema: JSONValue?)
        -> JSONObject
    {
        let settings = TypeParameters(data: data, params: params)
        switch type {
        case "imageannotation" where settings.value("geometries") != nil:
            return AnnotationSyntheticAnswer.make(type: type, params: settings.merged) ?? ["annotations": []]
        case "pointannotation", "lineannotation", "polygonannotation", "cuboidannotation", "comparison":
            return AnnotationSyntheticAnswer.make(type: type, params: settings.merged) ?? [:]
        case "transcription" where settings.value("repeatable_fields") != nil:
            return AnnotationSyntheticAnswer.make(type: type, params: settings.merged) ?? [:]
        case "text":
            return ["text": "test"]
        case "components":
            return ["results": .array(componentResults(settings.value("components")?.arrayValue ?? []))]
        case "categorization":
            let first = JSONValue.string(settings.strings("categories").first ?? "test")
            return ["category": settings.flag("allow_multiple") ? .array([first]) : first]
        case "annotation", "imageannotation", "boxes":
            let width = settings.number("image_width") ?? 100
            let height = settings.number("image_height") ?? 100
            let label = (settings.strings("objects_to_annotate") + settings.strings("labels")).first ?? "object"
            let box: JSONValue = [
                "label": .string(label), "left": .double(width / 4), "top": .double(height / 4),
                "width": .double(width / 2), "height": .double(height / 2),
            ]
            return ["annotations": [box]]
        case "transcription":
            var fields = JSONObject()
            for (key, _) in settings.object("fields") ?? JSONObject() { fields[key] = "test" }
            return ["fields": .object(fields)]
        default:
            return deliverySchema.flatMap { instance(of: $0, depth: 0).objectValue } ?? ["synthetic": true]
        }
    }

    /// A valid result for every interactive Swarms component: the first option, the lowest rating,
    /// the stepper's start, a word of text, the toggle's default.
    static func componentResults(_ components: [JSONValue]) -> [JSONValue] {
        components.enumerated().compactMap { index, definition in
            guard let component = definition.objectValue, let type = component["type"]?.stringValue else { return nil }
            let attributes = component["properties"]?.objectValue ?? component
            let result: JSONObject
            switch type {
            case "BinaryChoice": result = ["selectedOption": attributes["option1"] ?? "option1"]
            case "BinaryImageChoice":
                result = ["selectedOption": attributes["option1"]?.objectValue?["id"] ?? "option1"]
            case "Rating": result = ["rating": .double(attributes["halfSteps"]?.boolValue == true ? 0.5 : 1)]
            case "Stepper": result = ["result": attributes["start"] ?? attributes["min"] ?? 0]
            case "TextInput": result = ["text": "test"]
            case "Toggle": result = ["checked": .bool(attributes["checkedByDefault"]?.boolValue ?? false)]
            default: return nil
            }
            return ["component": .int(Int64(index)), "type": .string(type), "result": .object(result)]
        }
    }

    /// The smallest value a schema accepts for the common keywords (type, enum, const, required,
    /// properties, minItems, minLength, minimum); good enough for the schemas projects use.
    static func instance(of schema: JSONValue, depth: Int) -> JSONValue {
        guard depth < 16, let schema = schema.objectValue else { return .null }
        if let constant = schema["const"] { return constant }
        if let first = schema["enum"]?.arrayValue?.first { return first }
        if let options = (schema["anyOf"] ?? schema["oneOf"])?.arrayValue, let first = options.first {
            return instance(of: first, depth: depth + 1)
        }
        let type =
            schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue
            ?? (schema["properties"] != nil ? "object" : "null")
        switch type {
        case "object":
            var object = JSONObject()
            let properties = schema["properties"]?.objectValue ?? JSONObject()
            for name in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) {
                object[name] = properties[name].map { instance(of: $0, depth: depth + 1) } ?? "test"
            }
            return .object(object)
        case "array":
            let count = Int(schema["minItems"]?.intValue ?? 0)
            let item = schema["items"].map { instance(of: $0, depth: depth + 1) } ?? .null
            return .array(Array(repeating: item, count: count))
        case "string":
            let length = max(4, Int(schema["minLength"]?.intValue ?? 0))
            return .string(
                String(repeating: "t", count: min(length, Int(schema["maxLength"]?.intValue ?? Int64(length)))))
        case "integer": return .int(schema["minimum"]?.intValue ?? 0)
        case "number": return .double(schema["minimum"]?.doubleValue ?? 0)
        case "boolean": return true
        default: return .null
        }
    }
}
