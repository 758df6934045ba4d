from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_event import EventEvent
from ..models.event_status import EventStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_attempt import DeliveryAttempt


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        project_id (str): 24 lowercase hex characters, ordered by creation time.
        task_id (None | str):
        batch_id (None | str):
        event (EventEvent):
        target_url (str):
        status (EventStatus):
        attempts (int):
        max_attempts (int):
        next_attempt_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        last_status_code (int | None):
        last_error (None | str):
        created_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        delivered_at (datetime.datetime | None):
        payload (Any | Unset): `GET /events/{id}` only: the body sent.
        delivery_log (list[DeliveryAttempt] | Unset): `GET /events/{id}` only.
    """

    id: str
    project_id: str
    task_id: None | str
    batch_id: None | str
    event: EventEvent
    target_url: str
    status: EventStatus
    attempts: int
    max_attempts: int
    next_attempt_at: datetime.datetime
    last_status_code: int | None
    last_error: None | str
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    payload: Any | Unset = UNSET
    delivery_log: list[DeliveryAttempt] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        project_id = self.project_id

        task_id: None | str
        task_id = self.task_id

        batch_id: None | str
        batch_id = self.batch_id

        event = self.event.value

        target_url = self.target_url

        status = self.status.value

        attempts = self.attempts

        max_attempts = self.max_attempts

        next_attempt_at = self.next_attempt_at.isoformat()

        last_status_code: int | None
        last_status_code = self.last_status_code

        last_error: None | str
        last_error = self.last_error

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        payload = self.payload

        delivery_log: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.delivery_log, Unset):
            delivery_log = []
            for delivery_log_item_data in self.delivery_log:
                delivery_log_item = delivery_log_item_data.to_dict()
                delivery_log.append(delivery_log_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "project_id": project_id,
                "task_id": task_id,
                "batch_id": batch_id,
                "event": event,
                "target_url": target_url,
                "status": status,
                "attempts": attempts,
                "max_attempts": max_attempts,
                "next_attempt_at": next_attempt_at,
                "last_status_code": last_status_code,
                "last_error": last_error,
                "created_at": created_at,
                "delivered_at": delivered_at,
            }
        )
        if payload is not UNSET:
            field_dict["payload"] = payload
        if delivery_log is not UNSET:
            field_dict["delivery_log"] = delivery_log

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_attempt import DeliveryAttempt  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        project_id = d.pop("project_id")

        def _parse_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_id = _parse_task_id(d.pop("task_id"))

        def _parse_batch_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        batch_id = _parse_batch_id(d.pop("batch_id"))

        event = EventEvent(d.pop("event"))

        target_url = d.pop("target_url")

        status = EventStatus(d.pop("status"))

        attempts = d.pop("attempts")

        max_attempts = d.pop("max_attempts")

        next_attempt_at = datetime.datetime.fromisoformat(d.pop("next_attempt_at"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        payload = d.pop("payload", UNSET)

        _delivery_log = d.pop("delivery_log", UNSET)
        delivery_log: list[DeliveryAttempt] | Unset = UNSET
        if _delivery_log is not UNSET:
            delivery_log = []
            for delivery_log_item_data in _delivery_log:
                delivery_log_item = DeliveryAttempt.from_dict(delivery_log_item_data)

                delivery_log.append(delivery_log_item)

        event = cls(
            id=id,
            project_id=project_id,
            task_id=task_id,
            batch_id=batch_id,
            event=event,
            target_url=target_url,
            status=status,
            attempts=attempts,
            max_attempts=max_attempts,
            next_attempt_at=next_attempt_at,
            last_status_code=last_status_code,
            last_error=last_error,
            created_at=created_at,
            delivered_at=delivered_at,
            payload=payload,
            delivery_log=delivery_log,
        )

        event.additional_properties = d
        return event

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
