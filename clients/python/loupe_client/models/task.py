from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus
from ..models.task_urgency import TaskUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.outcome import Outcome
    from ..models.task_data import TaskData
    from ..models.task_metadata import TaskMetadata
    from ..models.task_prefill import TaskPrefill


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        project_id (str): 24 lowercase hex characters, ordered by creation time.
        batch_id (None | str):
        type_ (str):
        status (TaskStatus):
        data (TaskData):
        unique_id (None | str):
        priority (int):
        urgency (TaskUrgency):
        metadata (TaskMetadata):
        callback_url (None | str):
        tags (list[str]):
        response (Any): The final answer in the type's own format; null until there is one.
        test_mode (bool):
        created_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        updated_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        completed_at (datetime.datetime | None):
        canceled_at (datetime.datetime | None):
        prefill (TaskPrefill | Unset):
        outcome (Outcome | Unset): How the final answer was reached.
        round_ (int | Unset): Present once a rework round began.
        delivery_sequence (int | Unset): Place in the project's delivery feed, once completed.
        callback_succeeded (bool | Unset): Present once a callback ended.
        callback_at (datetime.datetime | None | Unset):
        delivered_at (datetime.datetime | Unset): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        acknowledged_at (datetime.datetime | Unset): RFC 3339 UTC time with milliseconds, e.g.
            `2026-11-22T13:50:00.123Z`.
    """

    id: str
    project_id: str
    batch_id: None | str
    type_: str
    status: TaskStatus
    data: TaskData
    unique_id: None | str
    priority: int
    urgency: TaskUrgency
    metadata: TaskMetadata
    callback_url: None | str
    tags: list[str]
    response: Any
    test_mode: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    completed_at: datetime.datetime | None
    canceled_at: datetime.datetime | None
    prefill: TaskPrefill | Unset = UNSET
    outcome: Outcome | Unset = UNSET
    round_: int | Unset = UNSET
    delivery_sequence: int | Unset = UNSET
    callback_succeeded: bool | Unset = UNSET
    callback_at: datetime.datetime | None | Unset = UNSET
    delivered_at: datetime.datetime | Unset = UNSET
    acknowledged_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        project_id = self.project_id

        batch_id: None | str
        batch_id = self.batch_id

        type_ = self.type_

        status = self.status.value

        data = self.data.to_dict()

        unique_id: None | str
        unique_id = self.unique_id

        priority = self.priority

        urgency = self.urgency.value

        metadata = self.metadata.to_dict()

        callback_url: None | str
        callback_url = self.callback_url

        tags = self.tags

        response = self.response

        test_mode = self.test_mode

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        canceled_at: None | str
        if isinstance(self.canceled_at, datetime.datetime):
            canceled_at = self.canceled_at.isoformat()
        else:
            canceled_at = self.canceled_at

        prefill: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prefill, Unset):
            prefill = self.prefill.to_dict()

        outcome: dict[str, Any] | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.to_dict()

        round_ = self.round_

        delivery_sequence = self.delivery_sequence

        callback_succeeded = self.callback_succeeded

        callback_at: None | str | Unset
        if isinstance(self.callback_at, Unset):
            callback_at = UNSET
        elif isinstance(self.callback_at, datetime.datetime):
            callback_at = self.callback_at.isoformat()
        else:
            callback_at = self.callback_at

        delivered_at: str | Unset = UNSET
        if not isinstance(self.delivered_at, Unset):
            delivered_at = self.delivered_at.isoformat()

        acknowledged_at: str | Unset = UNSET
        if not isinstance(self.acknowledged_at, Unset):
            acknowledged_at = self.acknowledged_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "project_id": project_id,
                "batch_id": batch_id,
                "type": type_,
                "status": status,
                "data": data,
                "unique_id": unique_id,
                "priority": priority,
                "urgency": urgency,
                "metadata": metadata,
                "callback_url": callback_url,
                "tags": tags,
                "response": response,
                "test_mode": test_mode,
                "created_at": created_at,
                "updated_at": updated_at,
                "completed_at": completed_at,
                "canceled_at": canceled_at,
            }
        )
        if prefill is not UNSET:
            field_dict["prefill"] = prefill
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if round_ is not UNSET:
            field_dict["round"] = round_
        if delivery_sequence is not UNSET:
            field_dict["delivery_sequence"] = delivery_sequence
        if callback_succeeded is not UNSET:
            field_dict["callback_succeeded"] = callback_succeeded
        if callback_at is not UNSET:
            field_dict["callback_at"] = callback_at
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at
        if acknowledged_at is not UNSET:
            field_dict["acknowledged_at"] = acknowledged_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outcome import Outcome  # noqa: PLC0415
        from ..models.task_data import TaskData  # noqa: PLC0415
        from ..models.task_metadata import TaskMetadata  # noqa: PLC0415
        from ..models.task_prefill import TaskPrefill  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        project_id = d.pop("project_id")

        def _parse_batch_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        batch_id = _parse_batch_id(d.pop("batch_id"))

        type_ = d.pop("type")

        status = TaskStatus(d.pop("status"))

        data = TaskData.from_dict(d.pop("data"))

        def _parse_unique_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unique_id = _parse_unique_id(d.pop("unique_id"))

        priority = d.pop("priority")

        urgency = TaskUrgency(d.pop("urgency"))

        metadata = TaskMetadata.from_dict(d.pop("metadata"))

        def _parse_callback_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        callback_url = _parse_callback_url(d.pop("callback_url"))

        tags = cast(list[str], d.pop("tags"))

        response = d.pop("response")

        test_mode = d.pop("test_mode")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_canceled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                canceled_at_type_0 = datetime.datetime.fromisoformat(data)

                return canceled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        canceled_at = _parse_canceled_at(d.pop("canceled_at"))

        _prefill = d.pop("prefill", UNSET)
        prefill: TaskPrefill | Unset
        if isinstance(_prefill, Unset):
            prefill = UNSET
        else:
            prefill = TaskPrefill.from_dict(_prefill)

        _outcome = d.pop("outcome", UNSET)
        outcome: Outcome | Unset
        if isinstance(_outcome, Unset):
            outcome = UNSET
        else:
            outcome = Outcome.from_dict(_outcome)

        round_ = d.pop("round", UNSET)

        delivery_sequence = d.pop("delivery_sequence", UNSET)

        callback_succeeded = d.pop("callback_succeeded", UNSET)

        def _parse_callback_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                callback_at_type_0 = datetime.datetime.fromisoformat(data)

                return callback_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        callback_at = _parse_callback_at(d.pop("callback_at", UNSET))

        _delivered_at = d.pop("delivered_at", UNSET)
        delivered_at: datetime.datetime | Unset
        if isinstance(_delivered_at, Unset):
            delivered_at = UNSET
        else:
            delivered_at = datetime.datetime.fromisoformat(_delivered_at)

        _acknowledged_at = d.pop("acknowledged_at", UNSET)
        acknowledged_at: datetime.datetime | Unset
        if isinstance(_acknowledged_at, Unset):
            acknowledged_at = UNSET
        else:
            acknowledged_at = datetime.datetime.fromisoformat(_acknowledged_at)

        task = cls(
            id=id,
            project_id=project_id,
            batch_id=batch_id,
            type_=type_,
            status=status,
            data=data,
            unique_id=unique_id,
            priority=priority,
            urgency=urgency,
            metadata=metadata,
            callback_url=callback_url,
            tags=tags,
            response=response,
            test_mode=test_mode,
            created_at=created_at,
            updated_at=updated_at,
            completed_at=completed_at,
            canceled_at=canceled_at,
            prefill=prefill,
            outcome=outcome,
            round_=round_,
            delivery_sequence=delivery_sequence,
            callback_succeeded=callback_succeeded,
            callback_at=callback_at,
            delivered_at=delivered_at,
            acknowledged_at=acknowledged_at,
        )

        task.additional_properties = d
        return task

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
