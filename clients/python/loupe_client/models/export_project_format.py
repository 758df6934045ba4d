from enum import StrEnum


class ExportProjectFormat(StrEnum):
    COCO = "coco"
    CSV = "csv"
    JSONL = "jsonl"
    VALUE_0 = ""
    VOC = "voc"
    YOLO = "yolo"

    def __str__(self) -> str:
        return str(self.value)
