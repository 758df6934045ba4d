from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.callback_settings_retry_type_0_preset_type_1 import CallbackSettingsRetryType0PresetType1
from ..types import UNSET, Unset

T = TypeVar("T", bound="CallbackSettingsRetryType0")


@_attrs_define
class CallbackSettingsRetryType0:
    """
    Attributes:
        preset (CallbackSettingsRetryType0PresetType1 | None | Unset):
        max_attempts (int | None | Unset):
        initial_backoff (float | None | Unset):
        max_backoff (float | None | Unset): Must not be shorter than `initial_backoff`.
    """

    preset: CallbackSettingsRetryType0PresetType1 | None | Unset = UNSET
    max_attempts: int | None | Unset = UNSET
    initial_backoff: float | None | Unset = UNSET
    max_backoff: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        preset: None | str | Unset
        if isinstance(self.preset, Unset):
            preset = UNSET
        elif isinstance(self.preset, CallbackSettingsRetryType0PresetType1):
            preset = self.preset.value
        else:
            preset = self.preset

        max_attempts: int | None | Unset
        if isinstance(self.max_attempts, Unset):
            max_attempts = UNSET
        else:
            max_attempts = self.max_attempts

        initial_backoff: float | None | Unset
        if isinstance(self.initial_backoff, Unset):
            initial_backoff = UNSET
        else:
            initial_backoff = self.initial_backoff

        max_backoff: float | None | Unset
        if isinstance(self.max_backoff, Unset):
            max_backoff = UNSET
        else:
            max_backoff = self.max_backoff

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if preset is not UNSET:
            field_dict["preset"] = preset
        if max_attempts is not UNSET:
            field_dict["max_attempts"] = max_attempts
        if initial_backoff is not UNSET:
            field_dict["initial_backoff"] = initial_backoff
        if max_backoff is not UNSET:
            field_dict["max_backoff"] = max_backoff

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_preset(data: object) -> CallbackSettingsRetryType0PresetType1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preset_type_1 = CallbackSettingsRetryType0PresetType1(data)

                return preset_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallbackSettingsRetryType0PresetType1 | None | Unset, data)

        preset = _parse_preset(d.pop("preset", UNSET))

        def _parse_max_attempts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_attempts = _parse_max_attempts(d.pop("max_attempts", UNSET))

        def _parse_initial_backoff(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        initial_backoff = _parse_initial_backoff(d.pop("initial_backoff", UNSET))

        def _parse_max_backoff(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_backoff = _parse_max_backoff(d.pop("max_backoff", UNSET))

        callback_settings_retry_type_0 = cls(
            preset=preset,
            max_attempts=max_attempts,
            initial_backoff=initial_backoff,
            max_backoff=max_backoff,
        )

        return callback_settings_retry_type_0
