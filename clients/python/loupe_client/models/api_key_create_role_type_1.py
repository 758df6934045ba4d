from enum import StrEnum


class APIKeyCreateRoleType1(StrEnum):
    ADMIN = "admin"
    READ_ONLY = "read_only"
    REQUESTER = "requester"

    def __str__(self) -> str:
        return str(self.value)
