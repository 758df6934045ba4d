from enum import StrEnum


class APIKeyRole(StrEnum):
    ADMIN = "admin"
    READ_ONLY = "read_only"
    REQUESTER = "requester"

    def __str__(self) -> str:
        return str(self.value)
