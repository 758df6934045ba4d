from enum import StrEnum


class ListEventsStatus(StrEnum):
    DEAD = "dead"
    DELIVERED = "delivered"
    DELIVERING = "delivering"
    PENDING = "pending"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
