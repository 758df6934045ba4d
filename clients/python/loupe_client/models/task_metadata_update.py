from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_metadata_update_metadata import TaskMetadataUpdateMetadata


T = TypeVar("T", bound="TaskMetadataUpdate")


@_attrs_define
class TaskMetadataUpdate:
    """Replaces the metadata, or with `merge: true` sets these keys on it.

    Attributes:
        metadata (TaskMetadataUpdateMetadata):
        merge (bool | None | Unset):
    """

    metadata: TaskMetadataUpdateMetadata
    merge: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        metadata = self.metadata.to_dict()

        merge: bool | None | Unset
        if isinstance(self.merge, Unset):
            merge = UNSET
        else:
            merge = self.merge

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "metadata": metadata,
            }
        )
        if merge is not UNSET:
            field_dict["merge"] = merge

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_metadata_update_metadata import TaskMetadataUpdateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        metadata = TaskMetadataUpdateMetadata.from_dict(d.pop("metadata"))

        def _parse_merge(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        merge = _parse_merge(d.pop("merge", UNSET))

        task_metadata_update = cls(
            metadata=metadata,
            merge=merge,
        )

        return task_metadata_update
