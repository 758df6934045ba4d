/// Writes one COCO object-detection document:
/// `{"info": {...}, "images": [...], "annotations": [...], "categories": [...]}`.
///
/// Pass 0 writes an image per task (ids 1, 2… in feed order) and numbers the labels (category ids
/// 1, 2… in first-seen order); pass 1 writes the boxes and polygons, counting images again in the
/// same order so their `image_id`s match; `finish` writes the categories.
public struct COCOExportWriter: TaskExportWriter {
    private let exportedAt: Timestamp
    private var labels: LabelIndex
    private var imagesWritten = 0
    private var imagesAnnotated = 0
    private var annotationsWritten = 0
    private var annotationsOpened = false

    /// A writer dating the export `exportedAt`.
    public init(exportedAt: Timestamp, labels: [String] = []) {
        self.exportedAt = exportedAt
        self.labels = LabelIndex(seed: labels)
    }

    /// Two passes: images, then annotations.
    public var passes: Int { 2 }

    /// The info object and the opening of the images array.
    public mutating func begin() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("description")
        writer.string("Loupe export")
        writer.key("date_created")
        writer.string(exportedAt.iso8601)
        writer.endObject()
        return Array(#"{"info":"#.utf8) + writer.bytes + Array(#","images":["#.utf8)
    }

    /// Pass 0: the task's image; pass 1: the task's annotations.
    public mutating func write(_ task: WorkTask, pass: Int) -> [UInt8] {
        switch pass {
        case 0: image(task)
        case 1: annotations(task)
        default: []
        }
    }

    /// The categories, closing the document.
    public mutating func finish() -> [UInt8] {
        var bytes = openAnnotations()
        var writer = JSONWriter()
        writer.beginArray()
        for (index, label) in labels.labels.enumerated() {
            writer.beginObject()
            writer.key("id")
            writer.int(Int64(index + 1))
            writer.key("name")
            writer.string(label)
            writer.key("supercategory")
            writer.string("")
            writer.endObject()
        }
        writer.endArray()
        bytes += Array(#"],"categories":"#.utf8) + writer.bytes + [UInt8(ascii: "}")]
        return bytes
    }

    private mutating func image(_ task: WorkTask) -> [UInt8] {
        imagesWritten += 1
        for shape in ExportAnswer(response: task.response).shapes { _ = labels.number(of: shape.label) }
        let image = ExportImage(data: task.data)
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("id")
        writer.int(Int64(imagesWritten))
        writer.key("file_name")
        writer.string(image.location ?? task.id)
        if let size = image.size {
            writer.key("width")
            writer.double(size.width)
            writer.key("height")
            writer.double(size.height)
        }
        writer.key("loupe_task_id")
        writer.string(task.id)
        writer.endObject()
        return (imagesWritten > 1 ? [UInt8(ascii: ",")] : []) + writer.bytes
    }

    private mutating func annotations(_ task: WorkTask) -> [UInt8] {
        var bytes = openAnnotations()
        imagesAnnotated += 1
        for shape in ExportAnswer(response: task.response).shapes {
            annotationsWritten += 1
            if annotationsWritten > 1 { bytes.append(UInt8(ascii: ",")) }
            bytes += annotation(shape, id: annotationsWritten, imageID: imagesAnnotated)
        }
        return bytes
    }

    private mutating func annotation(_ shape: ExportShape, id: Int, imageID: Int) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("id")
        writer.int(Int64(id))
        writer.key("image_id")
        writer.int(Int64(imageID))
        writer.key("category_id")
        writer.int(Int64(labels.number(of: shape.label) + 1))
        if shape.isPolygon {
            writer.key("segmentation")
            writer.beginArray()
            writer.beginArray()
            for point in shape.vertices {
                writer.double(point.x)
                writer.double(point.y)
            }
            writer.endArray()
            writer.endArray()
        }
        writer.key("bbox")
        writer.beginArray()
        for value in [shape.left, shape.top, shape.width, shape.height] { writer.double(value) }
        writer.endArray()
        writer.key("area")
        writer.double(shape.area)
        writer.key("iscrowd")
        writer.int(0)
        writer.endObject()
        return writer.bytes
    }

    /// Closes the images array and opens the annotations array, once.
    private mutating func openAnnotations() -> [UInt8] {
        guard !annotationsOpened else { return [] }
        annotationsOpened = true
        return Array(#"],"annotations":["#.utf8)
    }
}
