from enum import StrEnum


class PredictionsImportFormat(StrEnum):
    COCO = "coco"
    LABELSTUDIO = "labelstudio"

    def __str__(self) -> str:
        return str(self.value)
