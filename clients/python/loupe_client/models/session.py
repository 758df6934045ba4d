from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_roles_item import SessionRolesItem

T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """
    Attributes:
        token (str):
        expires_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        user_id (str): 24 lowercase hex characters, ordered by creation time.
        roles (list[SessionRolesItem]):
    """

    token: str
    expires_at: datetime.datetime
    user_id: str
    roles: list[SessionRolesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        expires_at = self.expires_at.isoformat()

        user_id = self.user_id

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "expires_at": expires_at,
                "user_id": user_id,
                "roles": roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        user_id = d.pop("user_id")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = SessionRolesItem(roles_item_data)

            roles.append(roles_item)

        session = cls(
            token=token,
            expires_at=expires_at,
            user_id=user_id,
            roles=roles,
        )

        session.additional_properties = d
        return session

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
