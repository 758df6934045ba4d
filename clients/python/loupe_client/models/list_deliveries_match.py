from enum import StrEnum


class ListDeliveriesMatch(StrEnum):
    CONTAINS = "contains"
    EXACT = "exact"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
