from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ErrorErrorDetailsItem")


@_attrs_define
class ErrorErrorDetailsItem:
    """
    Attributes:
        path (str): JSON Pointer into the body, or the name of the query parameter or header.
        reason (str):
    """

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "path": path,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        reason = d.pop("reason")

        error_error_details_item = cls(
            path=path,
            reason=reason,
        )

        return error_error_details_item
