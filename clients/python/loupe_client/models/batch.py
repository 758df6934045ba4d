from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_counts import BatchCounts
    from ..models.batch_failure import BatchFailure


T = TypeVar("T", bound="Batch")


@_attrs_define
class Batch:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        project_id (str): 24 lowercase hex characters, ordered by creation time.
        client_batch_id (None | str):
        status (BatchStatus):
        priority (int):
        test_mode (bool):
        counts (BatchCounts):
        failures (list[BatchFailure]): The first failures (all of them: `GET /batches/{id}/failures`).
        uploaded_bytes (int | None):
        error (None | str):
        created_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        updated_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        finished_at (datetime.datetime | None):
        upload_url (str | Unset): Only in the answer that created an upload batch: the upload capability.
        upload_expires_at (datetime.datetime | None | Unset):
        existing (bool | Unset): Present and true when a create found the batch already made with the same
            client_batch_id.
    """

    id: str
    project_id: str
    client_batch_id: None | str
    status: BatchStatus
    priority: int
    test_mode: bool
    counts: BatchCounts
    failures: list[BatchFailure]
    uploaded_bytes: int | None
    error: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    finished_at: datetime.datetime | None
    upload_url: str | Unset = UNSET
    upload_expires_at: datetime.datetime | None | Unset = UNSET
    existing: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        project_id = self.project_id

        client_batch_id: None | str
        client_batch_id = self.client_batch_id

        status = self.status.value

        priority = self.priority

        test_mode = self.test_mode

        counts = self.counts.to_dict()

        failures = []
        for failures_item_data in self.failures:
            failures_item = failures_item_data.to_dict()
            failures.append(failures_item)

        uploaded_bytes: int | None
        uploaded_bytes = self.uploaded_bytes

        error: None | str
        error = self.error

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        upload_url = self.upload_url

        upload_expires_at: None | str | Unset
        if isinstance(self.upload_expires_at, Unset):
            upload_expires_at = UNSET
        elif isinstance(self.upload_expires_at, datetime.datetime):
            upload_expires_at = self.upload_expires_at.isoformat()
        else:
            upload_expires_at = self.upload_expires_at

        existing = self.existing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "project_id": project_id,
                "client_batch_id": client_batch_id,
                "status": status,
                "priority": priority,
                "test_mode": test_mode,
                "counts": counts,
                "failures": failures,
                "uploaded_bytes": uploaded_bytes,
                "error": error,
                "created_at": created_at,
                "updated_at": updated_at,
                "finished_at": finished_at,
            }
        )
        if upload_url is not UNSET:
            field_dict["upload_url"] = upload_url
        if upload_expires_at is not UNSET:
            field_dict["upload_expires_at"] = upload_expires_at
        if existing is not UNSET:
            field_dict["existing"] = existing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_counts import BatchCounts  # noqa: PLC0415
        from ..models.batch_failure import BatchFailure  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        project_id = d.pop("project_id")

        def _parse_client_batch_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_batch_id = _parse_client_batch_id(d.pop("client_batch_id"))

        status = BatchStatus(d.pop("status"))

        priority = d.pop("priority")

        test_mode = d.pop("test_mode")

        counts = BatchCounts.from_dict(d.pop("counts"))

        failures = []
        _failures = d.pop("failures")
        for failures_item_data in _failures:
            failures_item = BatchFailure.from_dict(failures_item_data)

            failures.append(failures_item)

        def _parse_uploaded_bytes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        uploaded_bytes = _parse_uploaded_bytes(d.pop("uploaded_bytes"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        upload_url = d.pop("upload_url", UNSET)

        def _parse_upload_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                upload_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return upload_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        upload_expires_at = _parse_upload_expires_at(d.pop("upload_expires_at", UNSET))

        existing = d.pop("existing", UNSET)

        batch = cls(
            id=id,
            project_id=project_id,
            client_batch_id=client_batch_id,
            status=status,
            priority=priority,
            test_mode=test_mode,
            counts=counts,
            failures=failures,
            uploaded_bytes=uploaded_bytes,
            error=error,
            created_at=created_at,
            updated_at=updated_at,
            finished_at=finished_at,
            upload_url=upload_url,
            upload_expires_at=upload_expires_at,
            existing=existing,
        )

        batch.additional_properties = d
        return batch

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
