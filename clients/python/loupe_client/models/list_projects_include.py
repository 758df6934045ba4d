from enum import StrEnum


class ListProjectsInclude(StrEnum):
    PARAM_HISTORY = "param_history"

    def __str__(self) -> str:
        return str(self.value)
