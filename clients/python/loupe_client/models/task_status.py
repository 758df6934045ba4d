from enum import StrEnum


class TaskStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    CANCELED = "canceled"
    COMPLETED = "completed"
    DELIVERED = "delivered"
    ERROR = "error"
    IN_PROGRESS = "in_progress"
    IN_REVIEW = "in_review"
    PENDING = "pending"
    STAGED = "staged"

    def __str__(self) -> str:
        return str(self.value)
