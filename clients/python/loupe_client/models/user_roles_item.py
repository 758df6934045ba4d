from enum import StrEnum


class UserRolesItem(StrEnum):
    ADMIN = "admin"
    REQUESTER = "requester"
    REVIEWER = "reviewer"
    WORKER = "worker"

    def __str__(self) -> str:
        return str(self.value)
