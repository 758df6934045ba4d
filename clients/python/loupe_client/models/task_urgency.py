from enum import StrEnum


class TaskUrgency(StrEnum):
    EXPRESS = "express"
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
