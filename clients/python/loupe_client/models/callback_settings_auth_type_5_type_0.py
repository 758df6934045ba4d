from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CallbackSettingsAuthType5Type0")


@_attrs_define
class CallbackSettingsAuthType5Type0:
    """
    Attributes:
        type_ (Literal['none']):
    """

    type_: Literal["none"]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["none"], d.pop("type"))
        if type_ != "none":
            raise ValueError(f"type must match const 'none', got '{type_}'")

        callback_settings_auth_type_5_type_0 = cls(
            type_=type_,
        )

        return callback_settings_auth_type_5_type_0
