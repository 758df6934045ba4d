from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_key_create_mode_type_1 import APIKeyCreateModeType1
from ..models.api_key_create_role_type_1 import APIKeyCreateRoleType1
from ..types import UNSET, Unset

T = TypeVar("T", bound="APIKeyCreate")


@_attrs_define
class APIKeyCreate:
    """A test key cannot be an admin key.

    Attributes:
        name (str):
        mode (APIKeyCreateModeType1 | None | Unset):  Default: APIKeyCreateModeType1.LIVE.
        role (APIKeyCreateRoleType1 | None | Unset):  Default: APIKeyCreateRoleType1.REQUESTER.
    """

    name: str
    mode: APIKeyCreateModeType1 | None | Unset = APIKeyCreateModeType1.LIVE
    role: APIKeyCreateRoleType1 | None | Unset = APIKeyCreateRoleType1.REQUESTER

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, APIKeyCreateModeType1):
            mode = self.mode.value
        else:
            mode = self.mode

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, APIKeyCreateRoleType1):
            role = self.role.value
        else:
            role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_mode(data: object) -> APIKeyCreateModeType1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_1 = APIKeyCreateModeType1(data)

                return mode_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(APIKeyCreateModeType1 | None | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        def _parse_role(data: object) -> APIKeyCreateRoleType1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_1 = APIKeyCreateRoleType1(data)

                return role_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(APIKeyCreateRoleType1 | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        api_key_create = cls(
            name=name,
            mode=mode,
            role=role,
        )

        return api_key_create
