from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.task_create_urgency_type_1 import TaskCreateUrgencyType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_create_data import TaskCreateData
    from ..models.task_create_metadata_type_0 import TaskCreateMetadataType0
    from ..models.task_create_prefill_type_0 import TaskCreatePrefillType0


T = TypeVar("T", bound="TaskCreate")


@_attrs_define
class TaskCreate:
    """
    Attributes:
        data (TaskCreateData): Inputs for the worker; checked against the project's `creation_schema`.
        unique_id (None | str | Unset): Unique in the organization; at most 256 UTF-8 bytes.
        priority (int | None | Unset):
        urgency (None | TaskCreateUrgencyType1 | Unset): express tasks are offered before standard ones whatever their
            priority (default standard).
        staged (bool | None | Unset): Held back from workers until POST /api/v1/tasks/submit.
        prefill (None | TaskCreatePrefillType0 | Unset): A partial answer the worker starts from, checked against the
            delivery schema without its required list.
        metadata (None | TaskCreateMetadataType0 | Unset):
        callback_url (None | str | Unset): Absolute http or https URL.
        tags (list[str] | None | Unset):
    """

    data: TaskCreateData
    unique_id: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    urgency: None | TaskCreateUrgencyType1 | Unset = UNSET
    staged: bool | None | Unset = UNSET
    prefill: None | TaskCreatePrefillType0 | Unset = UNSET
    metadata: None | TaskCreateMetadataType0 | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_create_metadata_type_0 import TaskCreateMetadataType0  # noqa: PLC0415
        from ..models.task_create_prefill_type_0 import TaskCreatePrefillType0  # noqa: PLC0415

        data = self.data.to_dict()

        unique_id: None | str | Unset
        if isinstance(self.unique_id, Unset):
            unique_id = UNSET
        else:
            unique_id = self.unique_id

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        urgency: None | str | Unset
        if isinstance(self.urgency, Unset):
            urgency = UNSET
        elif isinstance(self.urgency, TaskCreateUrgencyType1):
            urgency = self.urgency.value
        else:
            urgency = self.urgency

        staged: bool | None | Unset
        if isinstance(self.staged, Unset):
            staged = UNSET
        else:
            staged = self.staged

        prefill: dict[str, Any] | None | Unset
        if isinstance(self.prefill, Unset):
            prefill = UNSET
        elif isinstance(self.prefill, TaskCreatePrefillType0):
            prefill = self.prefill.to_dict()
        else:
            prefill = self.prefill

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, TaskCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "data": data,
            }
        )
        if unique_id is not UNSET:
            field_dict["unique_id"] = unique_id
        if priority is not UNSET:
            field_dict["priority"] = priority
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if staged is not UNSET:
            field_dict["staged"] = staged
        if prefill is not UNSET:
            field_dict["prefill"] = prefill
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_create_data import TaskCreateData  # noqa: PLC0415
        from ..models.task_create_metadata_type_0 import TaskCreateMetadataType0  # noqa: PLC0415
        from ..models.task_create_prefill_type_0 import TaskCreatePrefillType0  # noqa: PLC0415

        d = dict(src_dict)
        data = TaskCreateData.from_dict(d.pop("data"))

        def _parse_unique_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unique_id = _parse_unique_id(d.pop("unique_id", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_urgency(data: object) -> None | TaskCreateUrgencyType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                urgency_type_1 = TaskCreateUrgencyType1(data)

                return urgency_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskCreateUrgencyType1 | Unset, data)

        urgency = _parse_urgency(d.pop("urgency", UNSET))

        def _parse_staged(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        staged = _parse_staged(d.pop("staged", UNSET))

        def _parse_prefill(data: object) -> None | TaskCreatePrefillType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prefill_type_0 = TaskCreatePrefillType0.from_dict(data)

                return prefill_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskCreatePrefillType0 | Unset, data)

        prefill = _parse_prefill(d.pop("prefill", UNSET))

        def _parse_metadata(data: object) -> None | TaskCreateMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = TaskCreateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskCreateMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        task_create = cls(
            data=data,
            unique_id=unique_id,
            priority=priority,
            urgency=urgency,
            staged=staged,
            prefill=prefill,
            metadata=metadata,
            callback_url=callback_url,
            tags=tags,
        )

        return task_create
