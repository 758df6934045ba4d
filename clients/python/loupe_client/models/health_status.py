from enum import StrEnum


class HealthStatus(StrEnum):
    ALIVE = "alive"
    DATABASE_UNAVAILABLE = "database_unavailable"
    DRAINING = "draining"
    OK = "ok"
    READY = "ready"
    STARTING = "starting"

    def __str__(self) -> str:
        return str(self.value)
