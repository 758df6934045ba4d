from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_auth_key_mode import CallbackAuthKeyMode

T = TypeVar("T", bound="CallbackAuthKey")


@_attrs_define
class CallbackAuthKey:
    """
    Attributes:
        dialect (str): The dialect whose callbacks carry the key.
        header (str): The header it is sent in, e.g. scale-callback-auth.
        mode (CallbackAuthKeyMode):
        key (str): 64 hex digits.
    """

    dialect: str
    header: str
    mode: CallbackAuthKeyMode
    key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dialect = self.dialect

        header = self.header

        mode = self.mode.value

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dialect": dialect,
                "header": header,
                "mode": mode,
                "key": key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dialect = d.pop("dialect")

        header = d.pop("header")

        mode = CallbackAuthKeyMode(d.pop("mode"))

        key = d.pop("key")

        callback_auth_key = cls(
            dialect=dialect,
            header=header,
            mode=mode,
            key=key,
        )

        callback_auth_key.additional_properties = d
        return callback_auth_key

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
