from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.param_version_params import ParamVersionParams


T = TypeVar("T", bound="ParamVersion")


@_attrs_define
class ParamVersion:
    """
    Attributes:
        version (int):
        instruction (str):
        params (ParamVersionParams):
        created_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
    """

    version: int
    instruction: str
    params: ParamVersionParams
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        instruction = self.instruction

        params = self.params.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "instruction": instruction,
                "params": params,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.param_version_params import ParamVersionParams  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        instruction = d.pop("instruction")

        params = ParamVersionParams.from_dict(d.pop("params"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        param_version = cls(
            version=version,
            instruction=instruction,
            params=params,
            created_at=created_at,
        )

        param_version.additional_properties = d
        return param_version

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
