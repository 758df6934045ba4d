from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.assignment import Assignment
    from ..models.work_task import WorkTask


T = TypeVar("T", bound="ReviewReview")


@_attrs_define
class ReviewReview:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        expires_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        task (WorkTask):
        results (list[Assignment]):
    """

    id: str
    expires_at: datetime.datetime
    task: WorkTask
    results: list[Assignment]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        expires_at = self.expires_at.isoformat()

        task = self.task.to_dict()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "expires_at": expires_at,
                "task": task,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assignment import Assignment  # noqa: PLC0415
        from ..models.work_task import WorkTask  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        task = WorkTask.from_dict(d.pop("task"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = Assignment.from_dict(results_item_data)

            results.append(results_item)

        review_review = cls(
            id=id,
            expires_at=expires_at,
            task=task,
            results=results,
        )

        review_review.additional_properties = d
        return review_review

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
