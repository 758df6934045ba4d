from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_error_details_item import ErrorErrorDetailsItem


T = TypeVar("T", bound="ErrorError")


@_attrs_define
class ErrorError:
    """
    Attributes:
        code (str): Machine-readable code: `invalid_request`, `invalid_json` (400), `unauthorized` (401), `forbidden`
            (403), `not_found` (404), `conflict`, `invalid_state` (409), `expired` (410), `payload_too_large` (413),
            `schema_violation`, `invalid_schema` (422), `rate_limited` (429).
        message (str):
        details (list[ErrorErrorDetailsItem]):
        existing_task_id (str | Unset): 24 lowercase hex characters, ordered by creation time.
    """

    code: str
    message: str
    details: list[ErrorErrorDetailsItem]
    existing_task_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        details = []
        for details_item_data in self.details:
            details_item = details_item_data.to_dict()
            details.append(details_item)

        existing_task_id = self.existing_task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "details": details,
            }
        )
        if existing_task_id is not UNSET:
            field_dict["existing_task_id"] = existing_task_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_error_details_item import ErrorErrorDetailsItem  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        details = []
        _details = d.pop("details")
        for details_item_data in _details:
            details_item = ErrorErrorDetailsItem.from_dict(details_item_data)

            details.append(details_item)

        existing_task_id = d.pop("existing_task_id", UNSET)

        error_error = cls(
            code=code,
            message=message,
            details=details,
            existing_task_id=existing_task_id,
        )

        error_error.additional_properties = d
        return error_error

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
