from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.result_verdict_decision import ResultVerdictDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="ResultVerdict")


@_attrs_define
class ResultVerdict:
    """
    Attributes:
        assignment_id (str):
        decision (ResultVerdictDecision):
        reason (None | str | Unset): Required to reject or send back.
        deadline (datetime.datetime | None | Unset): send_back: a future RFC 3339 time.
        deadline_seconds (int | None | Unset): send_back: seconds from now, when no `deadline`. Default: 86400.
    """

    assignment_id: str
    decision: ResultVerdictDecision
    reason: None | str | Unset = UNSET
    deadline: datetime.datetime | None | Unset = UNSET
    deadline_seconds: int | None | Unset = 86400

    def to_dict(self) -> dict[str, Any]:
        assignment_id = self.assignment_id

        decision = self.decision.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        deadline_seconds: int | None | Unset
        if isinstance(self.deadline_seconds, Unset):
            deadline_seconds = UNSET
        else:
            deadline_seconds = self.deadline_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignment_id": assignment_id,
                "decision": decision,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if deadline_seconds is not UNSET:
            field_dict["deadline_seconds"] = deadline_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assignment_id = d.pop("assignment_id")

        decision = ResultVerdictDecision(d.pop("decision"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_deadline(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deadline = _parse_deadline(d.pop("deadline", UNSET))

        def _parse_deadline_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        deadline_seconds = _parse_deadline_seconds(d.pop("deadline_seconds", UNSET))

        result_verdict = cls(
            assignment_id=assignment_id,
            decision=decision,
            reason=reason,
            deadline=deadline,
            deadline_seconds=deadline_seconds,
        )

        return result_verdict
