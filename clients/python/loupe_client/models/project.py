from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_schema_type_0 import JSONSchemaType0
    from ..models.param_version import ParamVersion
    from ..models.project_metadata import ProjectMetadata
    from ..models.project_params import ProjectParams
    from ..models.project_settings import ProjectSettings


T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """
    Attributes:
        id (str): 24 lowercase hex characters, ordered by creation time.
        name (str):
        type_ (str):
        instruction (str): Markdown.
        params (ProjectParams):
        creation_schema (bool | JSONSchemaType0 | None):
        delivery_schema (bool | JSONSchemaType0 | None):
        settings (ProjectSettings): The workflow settings as given (see `WorkflowSettings`).
        version (int):
        metadata (ProjectMetadata):
        archived (bool):
        created_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        updated_at (datetime.datetime): RFC 3339 UTC time with milliseconds, e.g. `2026-11-22T13:50:00.123Z`.
        param_history (list[ParamVersion] | Unset): The last 20 versions; lists leave it out unless
            `include=param_history`.
    """

    id: str
    name: str
    type_: str
    instruction: str
    params: ProjectParams
    creation_schema: bool | JSONSchemaType0 | None
    delivery_schema: bool | JSONSchemaType0 | None
    settings: ProjectSettings
    version: int
    metadata: ProjectMetadata
    archived: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    param_history: list[ParamVersion] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_schema_type_0 import JSONSchemaType0  # noqa: PLC0415

        id = self.id

        name = self.name

        type_ = self.type_

        instruction = self.instruction

        params = self.params.to_dict()

        creation_schema: bool | dict[str, Any] | None
        if isinstance(self.creation_schema, JSONSchemaType0):
            creation_schema = self.creation_schema.to_dict()
        else:
            creation_schema = self.creation_schema

        delivery_schema: bool | dict[str, Any] | None
        if isinstance(self.delivery_schema, JSONSchemaType0):
            delivery_schema = self.delivery_schema.to_dict()
        else:
            delivery_schema = self.delivery_schema

        settings = self.settings.to_dict()

        version = self.version

        metadata = self.metadata.to_dict()

        archived = self.archived

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        param_history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.param_history, Unset):
            param_history = []
            for param_history_item_data in self.param_history:
                param_history_item = param_history_item_data.to_dict()
                param_history.append(param_history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "instruction": instruction,
                "params": params,
                "creation_schema": creation_schema,
                "delivery_schema": delivery_schema,
                "settings": settings,
                "version": version,
                "metadata": metadata,
                "archived": archived,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if param_history is not UNSET:
            field_dict["param_history"] = param_history

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_schema_type_0 import JSONSchemaType0  # noqa: PLC0415
        from ..models.param_version import ParamVersion  # noqa: PLC0415
        from ..models.project_metadata import ProjectMetadata  # noqa: PLC0415
        from ..models.project_params import ProjectParams  # noqa: PLC0415
        from ..models.project_settings import ProjectSettings  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type")

        instruction = d.pop("instruction")

        params = ProjectParams.from_dict(d.pop("params"))

        def _parse_creation_schema(data: object) -> bool | JSONSchemaType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_json_schema_type_0 = JSONSchemaType0.from_dict(data)

                return componentsschemas_json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | JSONSchemaType0 | None, data)

        creation_schema = _parse_creation_schema(d.pop("creation_schema"))

        def _parse_delivery_schema(data: object) -> bool | JSONSchemaType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_json_schema_type_0 = JSONSchemaType0.from_dict(data)

                return componentsschemas_json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | JSONSchemaType0 | None, data)

        delivery_schema = _parse_delivery_schema(d.pop("delivery_schema"))

        settings = ProjectSettings.from_dict(d.pop("settings"))

        version = d.pop("version")

        metadata = ProjectMetadata.from_dict(d.pop("metadata"))

        archived = d.pop("archived")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _param_history = d.pop("param_history", UNSET)
        param_history: list[ParamVersion] | Unset = UNSET
        if _param_history is not UNSET:
            param_history = []
            for param_history_item_data in _param_history:
                param_history_item = ParamVersion.from_dict(param_history_item_data)

                param_history.append(param_history_item)

        project = cls(
            id=id,
            name=name,
            type_=type_,
            instruction=instruction,
            params=params,
            creation_schema=creation_schema,
            delivery_schema=delivery_schema,
            settings=settings,
            version=version,
            metadata=metadata,
            archived=archived,
            created_at=created_at,
            updated_at=updated_at,
            param_history=param_history,
        )

        project.additional_properties = d
        return project

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
