from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskPriority")


@_attrs_define
class TaskPriority:
    """
    Attributes:
        ids (list[str]):
        priority (int):
    """

    ids: list[str]
    priority: int

    def to_dict(self) -> dict[str, Any]:
        ids = self.ids

        priority = self.priority

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ids": ids,
                "priority": priority,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ids = cast(list[str], d.pop("ids"))

        priority = d.pop("priority")

        task_priority = cls(
            ids=ids,
            priority=priority,
        )

        return task_priority
