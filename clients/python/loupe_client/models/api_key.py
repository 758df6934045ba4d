from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_key_mode import APIKeyMode
from ..models.api_key_role import APIKeyRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="APIKey")


@_attrs_define
class APIKey:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        name (str):
        mode (APIKeyMode):
        role (APIKeyRole):
        sandboxed (bool):
        prefix (str):
        created_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        revoked_at (datetime.datetime | None):
        key (str | Unset): The key itself: only in the answer that created it.
    """

    id: str
    name: str
    mode: APIKeyMode
    role: APIKeyRole
    sandboxed: bool
    prefix: str
    created_at: datetime.datetime
    revoked_at: datetime.datetime | None
    key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        mode = self.mode.value

        role = self.role.value

        sandboxed = self.sandboxed

        prefix = self.prefix

        created_at = self.created_at.isoformat()

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "mode": mode,
                "role": role,
                "sandboxed": sandboxed,
                "prefix": prefix,
                "created_at": created_at,
                "revoked_at": revoked_at,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        mode = APIKeyMode(d.pop("mode"))

        role = APIKeyRole(d.pop("role"))

        sandboxed = d.pop("sandboxed")

        prefix = d.pop("prefix")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        key = d.pop("key", UNSET)

        api_key = cls(
            id=id,
            name=name,
            mode=mode,
            role=role,
            sandboxed=sandboxed,
            prefix=prefix,
            created_at=created_at,
            revoked_at=revoked_at,
            key=key,
        )

        api_key.additional_properties = d
        return api_key

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
