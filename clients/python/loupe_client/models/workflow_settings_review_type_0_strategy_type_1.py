from enum import StrEnum


class WorkflowSettingsReviewType0StrategyType1(StrEnum):
    AGGREGATE = "aggregate"
    CONSENSUS = "consensus"
    MANUAL = "manual"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
