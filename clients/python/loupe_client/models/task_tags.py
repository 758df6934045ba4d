from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskTags")


@_attrs_define
class TaskTags:
    """`set` replaces the tags, then `add` and `remove` apply; at least one must be given (`set`, or a non-empty `add` or
    `remove`). A task has at most 100 tags.

        Attributes:
            set_ (list[str] | None | Unset):
            add (list[str] | None | Unset):
            remove (list[str] | None | Unset):
    """

    set_: list[str] | None | Unset = UNSET
    add: list[str] | None | Unset = UNSET
    remove: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        set_: list[str] | None | Unset
        if isinstance(self.set_, Unset):
            set_ = UNSET
        elif isinstance(self.set_, list):
            set_ = self.set_

        else:
            set_ = self.set_

        add: list[str] | None | Unset
        if isinstance(self.add, Unset):
            add = UNSET
        elif isinstance(self.add, list):
            add = self.add

        else:
            add = self.add

        remove: list[str] | None | Unset
        if isinstance(self.remove, Unset):
            remove = UNSET
        elif isinstance(self.remove, list):
            remove = self.remove

        else:
            remove = self.remove

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if set_ is not UNSET:
            field_dict["set"] = set_
        if add is not UNSET:
            field_dict["add"] = add
        if remove is not UNSET:
            field_dict["remove"] = remove

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_set_(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                set_type_0 = cast(list[str], data)

                return set_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        set_ = _parse_set_(d.pop("set", UNSET))

        def _parse_add(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                add_type_0 = cast(list[str], data)

                return add_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        add = _parse_add(d.pop("add", UNSET))

        def _parse_remove(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                remove_type_0 = cast(list[str], data)

                return remove_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        remove = _parse_remove(d.pop("remove", UNSET))

        task_tags = cls(
            set_=set_,
            add=add,
            remove=remove,
        )

        return task_tags
