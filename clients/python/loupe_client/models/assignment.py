from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_status import AssignmentStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Assignment")


@_attrs_define
class Assignment:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        task_id (str): 24 lowercase hex characters, ordered by creation time.
        project_id (str): 24 lowercase hex characters, ordered by creation time.
        status (AssignmentStatus):
        expires_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        round_ (int):
        feedback (str | Unset): The reviewer's reason, for rejected or sent-back results.
        answer (Any | Unset): The submitted answer.
        submitted_at (datetime.datetime | Unset): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        payment (float | Unset):
    """

    id: str
    task_id: str
    project_id: str
    status: AssignmentStatus
    expires_at: datetime.datetime
    round_: int
    feedback: str | Unset = UNSET
    answer: Any | Unset = UNSET
    submitted_at: datetime.datetime | Unset = UNSET
    payment: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        task_id = self.task_id

        project_id = self.project_id

        status = self.status.value

        expires_at = self.expires_at.isoformat()

        round_ = self.round_

        feedback = self.feedback

        answer = self.answer

        submitted_at: str | Unset = UNSET
        if not isinstance(self.submitted_at, Unset):
            submitted_at = self.submitted_at.isoformat()

        payment = self.payment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "task_id": task_id,
                "project_id": project_id,
                "status": status,
                "expires_at": expires_at,
                "round": round_,
            }
        )
        if feedback is not UNSET:
            field_dict["feedback"] = feedback
        if answer is not UNSET:
            field_dict["answer"] = answer
        if submitted_at is not UNSET:
            field_dict["submitted_at"] = submitted_at
        if payment is not UNSET:
            field_dict["payment"] = payment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        task_id = d.pop("task_id")

        project_id = d.pop("project_id")

        status = AssignmentStatus(d.pop("status"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        round_ = d.pop("round")

        feedback = d.pop("feedback", UNSET)

        answer = d.pop("answer", UNSET)

        _submitted_at = d.pop("submitted_at", UNSET)
        submitted_at: datetime.datetime | Unset
        if isinstance(_submitted_at, Unset):
            submitted_at = UNSET
        else:
            submitted_at = datetime.datetime.fromisoformat(_submitted_at)

        payment = d.pop("payment", UNSET)

        assignment = cls(
            id=id,
            task_id=task_id,
            project_id=project_id,
            status=status,
            expires_at=expires_at,
            round_=round_,
            feedback=feedback,
            answer=answer,
            submitted_at=submitted_at,
            payment=payment,
        )

        assignment.additional_properties = d
        return assignment

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
