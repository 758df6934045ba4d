from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.answer_answer import AnswerAnswer


T = TypeVar("T", bound="Answer")


@_attrs_define
class Answer:
    """
    Attributes:
        answer (AnswerAnswer): In the task type's format; checked against the project's `delivery_schema` and the type's
            rules (422 naming the field).
    """

    answer: AnswerAnswer

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answer_answer import AnswerAnswer  # noqa: PLC0415

        d = dict(src_dict)
        answer = AnswerAnswer.from_dict(d.pop("answer"))

        answer = cls(
            answer=answer,
        )

        return answer
