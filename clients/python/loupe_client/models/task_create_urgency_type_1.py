from enum import StrEnum


class TaskCreateUrgencyType1(StrEnum):
    EXPRESS = "express"
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
