from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.review_decision_decision_type_1 import ReviewDecisionDecisionType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.result_verdict import ResultVerdict
    from ..models.review_decision_answer_type_0 import ReviewDecisionAnswerType0


T = TypeVar("T", bound="ReviewDecision")


@_attrs_define
class ReviewDecision:
    """The top-level decision (default approve) applies to results not listed in `results`.

    Attributes:
        decision (None | ReviewDecisionDecisionType1 | Unset):
        reason (None | str | Unset): Required to reject or send back.
        deadline (datetime.datetime | None | Unset): send_back: a future RFC 3339 time.
        deadline_seconds (int | None | Unset): send_back: seconds from now, when no `deadline`. Default: 86400.
        answer (None | ReviewDecisionAnswerType0 | Unset): The final answer, checked like a worker's.
        results (list[ResultVerdict] | None | Unset):
    """

    decision: None | ReviewDecisionDecisionType1 | Unset = UNSET
    reason: None | str | Unset = UNSET
    deadline: datetime.datetime | None | Unset = UNSET
    deadline_seconds: int | None | Unset = 86400
    answer: None | ReviewDecisionAnswerType0 | Unset = UNSET
    results: list[ResultVerdict] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.review_decision_answer_type_0 import ReviewDecisionAnswerType0  # noqa: PLC0415

        decision: None | str | Unset
        if isinstance(self.decision, Unset):
            decision = UNSET
        elif isinstance(self.decision, ReviewDecisionDecisionType1):
            decision = self.decision.value
        else:
            decision = self.decision

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

        answer: dict[str, Any] | None | Unset
        if isinstance(self.answer, Unset):
            answer = UNSET
        elif isinstance(self.answer, ReviewDecisionAnswerType0):
            answer = self.answer.to_dict()
        else:
            answer = self.answer

        results: list[dict[str, Any]] | None | Unset
        if isinstance(self.results, Unset):
            results = UNSET
        elif isinstance(self.results, list):
            results = []
            for results_type_0_item_data in self.results:
                results_type_0_item = results_type_0_item_data.to_dict()
                results.append(results_type_0_item)

        else:
            results = self.results

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if decision is not UNSET:
            field_dict["decision"] = decision
        if reason is not UNSET:
            field_dict["reason"] = reason
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if deadline_seconds is not UNSET:
            field_dict["deadline_seconds"] = deadline_seconds
        if answer is not UNSET:
            field_dict["answer"] = answer
        if results is not UNSET:
            field_dict["results"] = results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_verdict import ResultVerdict  # noqa: PLC0415
        from ..models.review_decision_answer_type_0 import ReviewDecisionAnswerType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_decision(data: object) -> None | ReviewDecisionDecisionType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_1 = ReviewDecisionDecisionType1(data)

                return decision_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewDecisionDecisionType1 | Unset, data)

        decision = _parse_decision(d.pop("decision", UNSET))

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

        def _parse_answer(data: object) -> None | ReviewDecisionAnswerType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answer_type_0 = ReviewDecisionAnswerType0.from_dict(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewDecisionAnswerType0 | Unset, data)

        answer = _parse_answer(d.pop("answer", UNSET))

        def _parse_results(data: object) -> list[ResultVerdict] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                results_type_0 = []
                _results_type_0 = data
                for results_type_0_item_data in _results_type_0:
                    results_type_0_item = ResultVerdict.from_dict(results_type_0_item_data)

                    results_type_0.append(results_type_0_item)

                return results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ResultVerdict] | None | Unset, data)

        results = _parse_results(d.pop("results", UNSET))

        review_decision = cls(
            decision=decision,
            reason=reason,
            deadline=deadline,
            deadline_seconds=deadline_seconds,
            answer=answer,
            results=results,
        )

        return review_decision
