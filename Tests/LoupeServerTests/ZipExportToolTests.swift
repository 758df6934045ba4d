import Foundation
import LoupeDomain
import Testing

@Suite("Zip exports read by Python tools")
struct ZipExportToolTests {
    /// YOLO and VOC zips of annotated tasks (boxes, a polygon, a label outside the project's list,
    /// a task without an image size) read by Python's zipfile, PyYAML and ElementTree as
    /// Ultralytics and VOC loaders would.
    @Test func yoloAndVOCZipsReadBack() async throws {
        let now = Timestamp.now()
        let answers = [
            #"{"annotations":[{"left":10,"top":20,"width":30,"height":40,"label":"car"},{"left":600,"top":400,"width":80,"height":120,"label":"person"}]}"#,
            #"{"annotations":[{"type":"polygon","label":"tree","vertices":[{"x":1,"y":1},{"x":50,"y":1},{"x":50,"y":60}]},{"left":5,"top":5,"width":5,"height":5,"label":"kite"}]}"#,
            #"{"annotations":[{"left":1,"top":1,"width":2,"height":2,"label":"car"}]}"#,
        ]
        let tasks = answers.enumerated().map { index, answer in
            let size = index == 2 ? "" : #","image_width":640,"image_height":480"#
            return WorkTask(
                id: String(format: "%024x", index + 1), organizationID: "o", projectID: "p", type: "imageannotation",
                data: RawJSON(unchecked: #"{"image":"https://example.com/\#(index).jpg"\#(size)}"#), status: .completed,
                response: RawJSON(unchecked: answer), createdAt: now, updatedAt: now, completedAt: now)
        }
        let labels = ExportLabels.of(params: [
            "geometries": [
                "box": ["objects_to_annotate": ["car", "person"]], "polygon": ["objects_to_annotate": ["tree"]],
            ]
        ])
        let directory = NSTemporaryDirectory() + "loupe-zip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for format in [ExportFormat.yolo, .voc] {
            var writer = format.makeWriter(exportedAt: now, labels: labels) { _, _ in }
            var bytes = writer.begin()
            for task in tasks { bytes += writer.write(task, pass: 0) }
            bytes += writer.finish()
            try Data(bytes).write(to: URL(fileURLWithPath: "\(directory)/\(format.rawValue).zip"))
        }
        let (status, output) = try await ExternalProcess.python([
            "Tests/Exports/check_zip_exports.py", "\(directory)/yolo.zip", "\(directory)/voc.zip",
        ])
        #expect(status == 0, "\(output)")
        #expect(
            output.contains("yolo: 2 label files, 4 boxes, 4 classes ['car', 'person', 'tree', 'kite']"), "\(output)")
        #expect(output.contains("voc: 3 annotation files, 5 objects"), "\(output)")
    }
}
