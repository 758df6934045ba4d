from enum import StrEnum


class EventStatus(StrEnum):
    DEAD = "dead"
    DELIVERED = "delivered"
    DELIVERING = "delivering"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
