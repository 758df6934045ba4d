from enum import StrEnum


class EventEvent(StrEnum):
    BATCH_FINISHED = "batch.finished"
    TASK_COMPLETED = "task.completed"
    TASK_CREATED = "task.created"
    TASK_ERROR = "task.error"
    TASK_REWORKED = "task.reworked"

    def __str__(self) -> str:
        return str(self.value)
