from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CallbackSettingsAuthType5Type4")


@_attrs_define
class CallbackSettingsAuthType5Type4:
    """
    Attributes:
        type_ (Literal['hmac']):
        secret (str):
        key_id (None | str | Unset):
    """

    type_: Literal["hmac"]
    secret: str
    key_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        secret = self.secret

        key_id: None | str | Unset
        if isinstance(self.key_id, Unset):
            key_id = UNSET
        else:
            key_id = self.key_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "secret": secret,
            }
        )
        if key_id is not UNSET:
            field_dict["key_id"] = key_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["hmac"], d.pop("type"))
        if type_ != "hmac":
            raise ValueError(f"type must match const 'hmac', got '{type_}'")

        secret = d.pop("secret")

        def _parse_key_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key_id = _parse_key_id(d.pop("key_id", UNSET))

        callback_settings_auth_type_5_type_4 = cls(
            type_=type_,
            secret=secret,
            key_id=key_id,
        )

        return callback_settings_auth_type_5_type_4
