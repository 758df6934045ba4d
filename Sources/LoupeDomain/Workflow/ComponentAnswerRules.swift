/// Answers to a `components` task — the Swarms component model: the task's `data.components` is a
/// list of `{"type", "properties": {…}, "optionalResult"?}` (attributes may also sit on the component
/// itself) and the answer `{"results": [{"component": index, "type", "result": {…}}]}` carries one
/// entry per interactive component, with the seed's result fields (`selectedOption`, `rating`,
/// `result`, `text`, `checked`). Components marked `optionalResult` may be left out.
public enum ComponentAnswerRules {
    /// The component types that produce a result.
    public static let interactiveTypes: Set<String> = [
        "BinaryChoice", "BinaryImageChoice", "Rating", "Stepper", "TextInput", "Toggle",
    ]

    /// Problems with `answer` for a task whose components are `components`.
    public static func violations(answer: JSONObject, components: JSONValue?) -> [SchemaViolation] {
        let definitions = components?.arrayValue ?? []
        guard let results = answer["results"]?.arrayValue else {
            return [SchemaViolation(path: "/results", reason: "is required: one entry per interactive component")]
        }
        var problems: [SchemaViolation] = []
        var answered = Set<Int>()
        for (index, entry) in results.enumerated() {
            let path = "/results/\(index)"
            guard let object = entry.objectValue, let position = object["component"]?.intValue.map(Int.init) else {
                problems.append(
                    SchemaViolation(path: path + "/component", reason: "is required: the component's index"))
                continue
            }
            guard definitions.indices.contains(position), let component = definitions[position].objectValue,
                let type = component["type"]?.stringValue, interactiveTypes.contains(type)
            else {
                problems.append(
                    SchemaViolation(path: path + "/component", reason: "must be the index of an interactive component"))
                continue
            }
            guard answered.insert(position).inserted else {
                problems.append(
                    SchemaViolation(path: path + "/component", reason: "answers component \(position) twice"))
                continue
            }
            guard let result = object["result"]?.objectValue else {
                problems.append(SchemaViolation(path: path + "/result", reason: "is required and must be an object"))
                continue
            }
            let attributes = component["properties"]?.objectValue ?? component
            if let reason = problem(type: type, result: result, attributes: attributes) {
                problems.append(SchemaViolation(path: path + "/result/" + reason.field, reason: reason.text))
            }
        }
        for (position, definition) in definitions.enumerated() {
            guard let component = definition.objectValue, let type = component["type"]?.stringValue,
                interactiveTypes.contains(type), !answered.contains(position),
                component["optionalResult"]?.boolValue != true
            else { continue }
            problems.append(
                SchemaViolation(path: "/results", reason: "misses the result of component \(position) (\(type))"))
        }
        return problems
    }

    private static func problem(type: String, result: JSONObject, attributes: JSONObject) -> (
        field: String, text: String
    )? {
        switch type {
        case "BinaryChoice":
            let options = ["option1", "option2"].compactMap { attributes[$0]?.stringValue }
            return choice(result["selectedOption"], among: options)
        case "BinaryImageChoice":
            let options = ["option1", "option2"].compactMap { attributes[$0]?.objectValue?["id"]?.stringValue }
            return choice(result["selectedOption"], among: options)
        case "Rating":
            guard let rating = result["rating"]?.doubleValue else {
                return ("rating", "is required and must be a number")
            }
            let steps = attributes["steps"]?.doubleValue ?? 5
            let step = attributes["halfSteps"]?.boolValue == true ? 0.5 : 1
            guard rating >= step, rating <= steps, (rating / step).rounded() == rating / step else {
                return ("rating", "must be between \(step) and \(steps) in steps of \(step)")
            }
            return nil
        case "Stepper":
            guard let value = result["result"]?.doubleValue else {
                return ("result", "is required and must be a number")
            }
            let minimum = attributes["min"]?.doubleValue ?? -Double.greatestFiniteMagnitude
            let maximum = attributes["max"]?.doubleValue ?? Double.greatestFiniteMagnitude
            guard value >= minimum, value <= maximum else {
                return ("result", "must be between \(minimum) and \(maximum)")
            }
            if let step = attributes["step"]?.doubleValue, step > 0 {
                let base = attributes["min"]?.doubleValue ?? attributes["start"]?.doubleValue ?? 0
                let steps = (value - base) / step
                guard abs(steps - steps.rounded()) < 1e-9 else {
                    return ("result", "must be a multiple of the step \(step)")
                }
            }
            return nil
        case "TextInput":
            guard let text = result["text"]?.stringValue, !text.allSatisfy(\.isWhitespace) else {
                return ("text", "is required and must not be blank")
            }
            return nil
        case "Toggle":
            return result["checked"]?.boolValue == nil ? ("checked", "is required and must be true or false") : nil
        default:
            return nil
        }
    }

    private static func choice(_ value: JSONValue?, among options: [String]) -> (field: String, text: String)? {
        guard let chosen = value?.stringValue, options.contains(chosen) else {
            return ("selectedOption", "must be one of: \(options.joined(separator: ", "))")
        }
        return nil
    }
}
