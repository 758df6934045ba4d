from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MyProject")


@_attrs_define
class MyProject:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        name (str):
        type_ (str):
        instruction (str):
        can_work (bool):
        can_review (bool):
        payment_per_result (float):
        open_tasks (int):
        in_review (int):
    """

    id: str
    name: str
    type_: str
    instruction: str
    can_work: bool
    can_review: bool
    payment_per_result: float
    open_tasks: int
    in_review: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        instruction = self.instruction

        can_work = self.can_work

        can_review = self.can_review

        payment_per_result = self.payment_per_result

        open_tasks = self.open_tasks

        in_review = self.in_review

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "instruction": instruction,
                "can_work": can_work,
                "can_review": can_review,
                "payment_per_result": payment_per_result,
                "open_tasks": open_tasks,
                "in_review": in_review,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type")

        instruction = d.pop("instruction")

        can_work = d.pop("can_work")

        can_review = d.pop("can_review")

        payment_per_result = d.pop("payment_per_result")

        open_tasks = d.pop("open_tasks")

        in_review = d.pop("in_review")

        my_project = cls(
            id=id,
            name=name,
            type_=type_,
            instruction=instruction,
            can_work=can_work,
            can_review=can_review,
            payment_per_result=payment_per_result,
            open_tasks=open_tasks,
            in_review=in_review,
        )

        my_project.additional_properties = d
        return my_project

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
