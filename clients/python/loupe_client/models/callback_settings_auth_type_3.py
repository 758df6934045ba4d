from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CallbackSettingsAuthType3")


@_attrs_define
class CallbackSettingsAuthType3:
    """
    Attributes:
        type_ (Literal['token']):
        token (str):
    """

    type_: Literal["token"]
    token: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["token"], d.pop("type"))
        if type_ != "token":
            raise ValueError(f"type must match const 'token', got '{type_}'")

        token = d.pop("token")

        callback_settings_auth_type_3 = cls(
            type_=type_,
            token=token,
        )

        return callback_settings_auth_type_3
