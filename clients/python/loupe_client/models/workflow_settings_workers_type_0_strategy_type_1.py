from enum import StrEnum


class WorkflowSettingsWorkersType0StrategyType1(StrEnum):
    FULL = "full"
    OPEN = "open"
    PARTITIONED = "partitioned"

    def __str__(self) -> str:
        return str(self.value)
