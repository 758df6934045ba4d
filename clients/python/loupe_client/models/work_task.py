from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.work_task_aggregate import WorkTaskAggregate
    from ..models.work_task_params import WorkTaskParams


T = TypeVar("T", bound="WorkTask")


@_attrs_define
class WorkTask:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        type_ (str):
        data (Any):
        instruction (str):
        params (WorkTaskParams):
        aggregate (WorkTaskAggregate | Unset): Review only: the aggregate without its results.
    """

    id: str
    type_: str
    data: Any
    instruction: str
    params: WorkTaskParams
    aggregate: WorkTaskAggregate | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        data = self.data

        instruction = self.instruction

        params = self.params.to_dict()

        aggregate: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregate, Unset):
            aggregate = self.aggregate.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "data": data,
                "instruction": instruction,
                "params": params,
            }
        )
        if aggregate is not UNSET:
            field_dict["aggregate"] = aggregate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.work_task_aggregate import WorkTaskAggregate  # noqa: PLC0415
        from ..models.work_task_params import WorkTaskParams  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        data = d.pop("data")

        instruction = d.pop("instruction")

        params = WorkTaskParams.from_dict(d.pop("params"))

        _aggregate = d.pop("aggregate", UNSET)
        aggregate: WorkTaskAggregate | Unset
        if isinstance(_aggregate, Unset):
            aggregate = UNSET
        else:
            aggregate = WorkTaskAggregate.from_dict(_aggregate)

        work_task = cls(
            id=id,
            type_=type_,
            data=data,
            instruction=instruction,
            params=params,
            aggregate=aggregate,
        )

        work_task.additional_properties = d
        return work_task

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
