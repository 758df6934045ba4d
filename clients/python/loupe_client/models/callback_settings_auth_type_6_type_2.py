from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CallbackSettingsAuthType6Type2")


@_attrs_define
class CallbackSettingsAuthType6Type2:
    """
    Attributes:
        type_ (Literal['access_key']):
        access_key (str):
    """

    type_: Literal["access_key"]
    access_key: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        access_key = self.access_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "access_key": access_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["access_key"], d.pop("type"))
        if type_ != "access_key":
            raise ValueError(f"type must match const 'access_key', got '{type_}'")

        access_key = d.pop("access_key")

        callback_settings_auth_type_6_type_2 = cls(
            type_=type_,
            access_key=access_key,
        )

        return callback_settings_auth_type_6_type_2
