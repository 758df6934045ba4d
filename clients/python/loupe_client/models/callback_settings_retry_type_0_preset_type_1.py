from enum import StrEnum


class CallbackSettingsRetryType0PresetType1(StrEnum):
    DAY = "day"
    DEFAULT = "default"

    def __str__(self) -> str:
        return str(self.value)
