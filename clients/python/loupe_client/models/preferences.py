from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preferences_shortcuts import PreferencesShortcuts


T = TypeVar("T", bound="Preferences")


@_attrs_define
class Preferences:
    """
    Attributes:
        shortcuts (PreferencesShortcuts | Unset): Action id → key names such as `Ctrl+Z` (at most 200 actions, 8 keys
            each).
    """

    shortcuts: PreferencesShortcuts | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shortcuts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shortcuts, Unset):
            shortcuts = self.shortcuts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if shortcuts is not UNSET:
            field_dict["shortcuts"] = shortcuts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preferences_shortcuts import PreferencesShortcuts  # noqa: PLC0415

        d = dict(src_dict)
        _shortcuts = d.pop("shortcuts", UNSET)
        shortcuts: PreferencesShortcuts | Unset
        if isinstance(_shortcuts, Unset):
            shortcuts = UNSET
        else:
            shortcuts = PreferencesShortcuts.from_dict(_shortcuts)

        preferences = cls(
            shortcuts=shortcuts,
        )

        preferences.additional_properties = d
        return preferences

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
