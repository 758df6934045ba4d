from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preferences_update_shortcuts_type_0 import PreferencesUpdateShortcutsType0


T = TypeVar("T", bound="PreferencesUpdate")


@_attrs_define
class PreferencesUpdate:
    """
    Attributes:
        shortcuts (None | PreferencesUpdateShortcutsType0 | Unset): Action id → key names such as `Ctrl+Z` (at most 200
            actions, 8 keys each).
    """

    shortcuts: None | PreferencesUpdateShortcutsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.preferences_update_shortcuts_type_0 import PreferencesUpdateShortcutsType0  # noqa: PLC0415

        shortcuts: dict[str, Any] | None | Unset
        if isinstance(self.shortcuts, Unset):
            shortcuts = UNSET
        elif isinstance(self.shortcuts, PreferencesUpdateShortcutsType0):
            shortcuts = self.shortcuts.to_dict()
        else:
            shortcuts = self.shortcuts

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if shortcuts is not UNSET:
            field_dict["shortcuts"] = shortcuts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preferences_update_shortcuts_type_0 import PreferencesUpdateShortcutsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_shortcuts(data: object) -> None | PreferencesUpdateShortcutsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shortcuts_type_0 = PreferencesUpdateShortcutsType0.from_dict(data)

                return shortcuts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PreferencesUpdateShortcutsType0 | Unset, data)

        shortcuts = _parse_shortcuts(d.pop("shortcuts", UNSET))

        preferences_update = cls(
            shortcuts=shortcuts,
        )

        return preferences_update
