from enum import StrEnum


class BatchStatus(StrEnum):
    CANCELED = "canceled"
    COMPLETED = "completed"
    FAILED = "failed"
    PENDING = "pending"
    PROCESSING = "processing"
    UPLOADING = "uploading"

    def __str__(self) -> str:
        return str(self.value)
