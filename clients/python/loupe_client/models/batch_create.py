from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_create_metadata_type_0 import BatchCreateMetadataType0


T = TypeVar("T", bound="BatchCreate")


@_attrs_define
class BatchCreate:
    """Either `tasks` (an inline batch of up to 1,000, created at once) or `upload: true` (a file PUT to the returned
    `upload_url`, then finalized).

        Attributes:
            tasks (list[Any] | None | Unset):
            upload (bool | None | Unset):
            client_batch_id (None | str | Unset): Unique in the project; at most 256 UTF-8 bytes.
            priority (int | None | Unset):
            metadata (BatchCreateMetadataType0 | None | Unset):
    """

    tasks: list[Any] | None | Unset = UNSET
    upload: bool | None | Unset = UNSET
    client_batch_id: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    metadata: BatchCreateMetadataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_create_metadata_type_0 import BatchCreateMetadataType0  # noqa: PLC0415

        tasks: list[Any] | None | Unset
        if isinstance(self.tasks, Unset):
            tasks = UNSET
        elif isinstance(self.tasks, list):
            tasks = self.tasks

        else:
            tasks = self.tasks

        upload: bool | None | Unset
        if isinstance(self.upload, Unset):
            upload = UNSET
        else:
            upload = self.upload

        client_batch_id: None | str | Unset
        if isinstance(self.client_batch_id, Unset):
            client_batch_id = UNSET
        else:
            client_batch_id = self.client_batch_id

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, BatchCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tasks is not UNSET:
            field_dict["tasks"] = tasks
        if upload is not UNSET:
            field_dict["upload"] = upload
        if client_batch_id is not UNSET:
            field_dict["client_batch_id"] = client_batch_id
        if priority is not UNSET:
            field_dict["priority"] = priority
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_create_metadata_type_0 import BatchCreateMetadataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_tasks(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tasks_type_0 = cast(list[Any], data)

                return tasks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        tasks = _parse_tasks(d.pop("tasks", UNSET))

        def _parse_upload(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        upload = _parse_upload(d.pop("upload", UNSET))

        def _parse_client_batch_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_batch_id = _parse_client_batch_id(d.pop("client_batch_id", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_metadata(data: object) -> BatchCreateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = BatchCreateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchCreateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        batch_create = cls(
            tasks=tasks,
            upload=upload,
            client_batch_id=client_batch_id,
            priority=priority,
            metadata=metadata,
        )

        return batch_create
