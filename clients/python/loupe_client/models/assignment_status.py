from enum import StrEnum


class AssignmentStatus(StrEnum):
    ACTIVE = "active"
    APPROVED = "approved"
    EXPIRED = "expired"
    REJECTED = "rejected"
    RELEASED = "released"
    SENT_BACK = "sent_back"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
