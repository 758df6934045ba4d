from enum import StrEnum


class ReviewDecisionDecisionType1(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    SEND_BACK = "send_back"

    def __str__(self) -> str:
        return str(self.value)
