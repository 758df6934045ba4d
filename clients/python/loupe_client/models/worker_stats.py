from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkerStats")


@_attrs_define
class WorkerStats:
    """
    Attributes:
        worker_id (str):
        in_review (int):
        approved (int):
        rejected (int):
        sent_back (int):
        abandoned (int):
        experience (int):
        reputation (float):
        earnings (float):
        agreement (float | None):
        estimated_accuracy (float | None):
        median_seconds_per_task (float | None):
    """

    worker_id: str
    in_review: int
    approved: int
    rejected: int
    sent_back: int
    abandoned: int
    experience: int
    reputation: float
    earnings: float
    agreement: float | None
    estimated_accuracy: float | None
    median_seconds_per_task: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        worker_id = self.worker_id

        in_review = self.in_review

        approved = self.approved

        rejected = self.rejected

        sent_back = self.sent_back

        abandoned = self.abandoned

        experience = self.experience

        reputation = self.reputation

        earnings = self.earnings

        agreement: float | None
        agreement = self.agreement

        estimated_accuracy: float | None
        estimated_accuracy = self.estimated_accuracy

        median_seconds_per_task: float | None
        median_seconds_per_task = self.median_seconds_per_task

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "worker_id": worker_id,
                "in_review": in_review,
                "approved": approved,
                "rejected": rejected,
                "sent_back": sent_back,
                "abandoned": abandoned,
                "experience": experience,
                "reputation": reputation,
                "earnings": earnings,
                "agreement": agreement,
                "estimated_accuracy": estimated_accuracy,
                "median_seconds_per_task": median_seconds_per_task,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        worker_id = d.pop("worker_id")

        in_review = d.pop("in_review")

        approved = d.pop("approved")

        rejected = d.pop("rejected")

        sent_back = d.pop("sent_back")

        abandoned = d.pop("abandoned")

        experience = d.pop("experience")

        reputation = d.pop("reputation")

        earnings = d.pop("earnings")

        def _parse_agreement(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        agreement = _parse_agreement(d.pop("agreement"))

        def _parse_estimated_accuracy(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        estimated_accuracy = _parse_estimated_accuracy(d.pop("estimated_accuracy"))

        def _parse_median_seconds_per_task(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_seconds_per_task = _parse_median_seconds_per_task(d.pop("median_seconds_per_task"))

        worker_stats = cls(
            worker_id=worker_id,
            in_review=in_review,
            approved=approved,
            rejected=rejected,
            sent_back=sent_back,
            abandoned=abandoned,
            experience=experience,
            reputation=reputation,
            earnings=earnings,
            agreement=agreement,
            estimated_accuracy=estimated_accuracy,
            median_seconds_per_task=median_seconds_per_task,
        )

        worker_stats.additional_properties = d
        return worker_stats

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
