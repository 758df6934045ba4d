// Answer rules: the first byte picks a task type, the rest is JSON split into params and answer
// (`[params, answer]`, `[data, answer, params]`, or one object used for both). Runs the creation
// rules (AnnotationTaskRules), the answer rules (AnnotationResponseRules, AnswerRules, ComponentAnswerRules,
// Segmentation), the synthetic answers and the Scale task rendering. Nothing may crash, and a
// synthetic answer for params the creation rules accept must pass the answer rules.
// Type "png" feeds the rest of the input straight to PNGReader (segmentation masks).
import Foundation
#if !FUZZ_SINGLE_MODULE
    @testable import LoupeDomain
#endif

private let types = [
    "annotation", "pointannotation", "lineannotation", "polygonannotation", "cuboidannotation", "segmentannotation",
    "imageannotation", "categorization", "comparison", "transcription", "boxes", "text", "components", "png",
]

/// The largest segmentation image the harness renders as PNG (the rules allow 50 megapixels; rendering
/// those is correct but would slow fuzzing to a crawl).
private let renderLimit = 1 << 18

private func renderScale(type: String, params: JSONObject, answer: JSONObject) {
    let task = WorkTask(
        id: "task_1", organizationID: "org", projectID: "project", type: type, data: RawJSON(.object(params)),
        metadata: RawJSON(.object(JSONObject())), status: .completed, response: RawJSON(.object(answer)),
        createdAt: Timestamp(microseconds: 0), updatedAt: Timestamp(microseconds: 0))
    var context = TaskContext(projectName: "p", batchName: "b")
    context.linkBase = "https://example.com"
    _ = ScaleTaskJSON.callbackBody(task, context).text
    _ = ScaleDialect().absoluteLinks(in: "\"/scale/v1/task/x\"", base: "https://example.com")
    if let segmentation = Segmentation(answer: answer, params: params) {
        _ = segmentation.response(base: "/x").serialized()
        _ = segmentation.coverage
        // Uploaded masks are served as sent (Segmentation.violations checked them); rendered ones must be PNGs.
        if segmentation.indexMap != nil, segmentation.width * segmentation.height <= renderLimit {
            for name in ["indexed", "unlabeled", "combined", "label-1", "label-2"] {
                if let png = segmentation.image(named: name), PNGWriter.size(of: png) == nil {
                    fuzzFinding("segmentation image \(name) is not a PNG PNGWriter can size")
                }
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    let type = types[Int(input.byte()) % types.count]
    if type == "png" {
        _ = PNGReader.setPixels(Array(input.rest), maxPixels: renderLimit)
        return 0
    }
    guard let value = parseJSON(input.rest) else { return 0 }
    let params: JSONObject
    let answer: JSONObject
    let taskData: JSONObject
    switch value {
    case .array(let parts) where parts.count == 2:
        params = parts[0].objectValue ?? JSONObject()
        answer = parts[1].objectValue ?? JSONObject()
        taskData = params
    case .array(let parts) where parts.count == 3:
        taskData = parts[0].objectValue ?? JSONObject()
        answer = parts[1].objectValue ?? JSONObject()
        params = parts[2].objectValue ?? JSONObject()
    case .object(let object):
        params = object
        answer = object
        taskData = object
    default:
        return 0
    }

    // Creation rules, then the answer rules for whatever the answer is.
    let creationProblems = AnnotationTaskRules.violations(type: type, params: params)
    _ = AnnotationResponseRules.violations(type: type, params: params, response: answer)
    _ = ScaleDialect().answerViolations(type: type, data: params, answer: answer)
    _ = AnswerRules.violations(type: type, answer: answer, data: taskData, params: params)
    _ = AnswerRules.categories(data: taskData, params: params)
    _ = ComponentAnswerRules.violations(answer: answer, components: params["components"])
    _ = ScaleAttachments.urls(in: params)
    _ = ScaleAttachments.withDirectDownloadLinks(params)

    // Synthetic answers are only made for tasks that were accepted.
    if AnnotationTaskRules.checkedTypes.contains(type), creationProblems.isEmpty {
        if let synthetic = AnnotationSyntheticAnswer.make(type: type, params: params) {
            let problems = AnnotationResponseRules.violations(type: type, params: params, response: synthetic)
            if !problems.isEmpty {
                fuzzFinding(
                    "synthetic \(type) answer \(JSONValue.object(synthetic).serialized()) for params "
                        + "\(JSONValue.object(params).serialized()) breaks the answer rules: \(problems)")
            }
            renderScale(type: type, params: params, answer: synthetic)
        }
        _ = SyntheticAnswer.make(type: type, data: taskData, params: params, deliverySchema: nil)
    }
    renderScale(type: type, params: params, answer: answer)
    return 0
}
