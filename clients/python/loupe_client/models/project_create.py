from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_schema_type_0 import JSONSchemaType0
    from ..models.project_create_metadata_type_0 import ProjectCreateMetadataType0
    from ..models.project_create_params_type_0 import ProjectCreateParamsType0
    from ..models.workflow_settings import WorkflowSettings


T = TypeVar("T", bound="ProjectCreate")


@_attrs_define
class ProjectCreate:
    """
    Attributes:
        name (str): At most 200 UTF-8 bytes.
        type_ (str): Task type: lowercase letters, digits and underscores, starting with a letter.
        instruction (None | str | Unset): Markdown; at most 1,000,000 UTF-8 bytes.
        params (None | ProjectCreateParamsType0 | Unset):
        creation_schema (bool | JSONSchemaType0 | None | Unset):
        delivery_schema (bool | JSONSchemaType0 | None | Unset):
        settings (None | Unset | WorkflowSettings):
        metadata (None | ProjectCreateMetadataType0 | Unset):
    """

    name: str
    type_: str
    instruction: None | str | Unset = UNSET
    params: None | ProjectCreateParamsType0 | Unset = UNSET
    creation_schema: bool | JSONSchemaType0 | None | Unset = UNSET
    delivery_schema: bool | JSONSchemaType0 | None | Unset = UNSET
    settings: None | Unset | WorkflowSettings = UNSET
    metadata: None | ProjectCreateMetadataType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_schema_type_0 import JSONSchemaType0  # noqa: PLC0415
        from ..models.project_create_metadata_type_0 import ProjectCreateMetadataType0  # noqa: PLC0415
        from ..models.project_create_params_type_0 import ProjectCreateParamsType0  # noqa: PLC0415
        from ..models.workflow_settings import WorkflowSettings  # noqa: PLC0415

        name = self.name

        type_ = self.type_

        instruction: None | str | Unset
        if isinstance(self.instruction, Unset):
            instruction = UNSET
        else:
            instruction = self.instruction

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, ProjectCreateParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        creation_schema: bool | dict[str, Any] | None | Unset
        if isinstance(self.creation_schema, Unset):
            creation_schema = UNSET
        elif isinstance(self.creation_schema, JSONSchemaType0):
            creation_schema = self.creation_schema.to_dict()
        else:
            creation_schema = self.creation_schema

        delivery_schema: bool | dict[str, Any] | None | Unset
        if isinstance(self.delivery_schema, Unset):
            delivery_schema = UNSET
        elif isinstance(self.delivery_schema, JSONSchemaType0):
            delivery_schema = self.delivery_schema.to_dict()
        else:
            delivery_schema = self.delivery_schema

        settings: dict[str, Any] | None | Unset
        if isinstance(self.settings, Unset):
            settings = UNSET
        elif isinstance(self.settings, WorkflowSettings):
            settings = self.settings.to_dict()
        else:
            settings = self.settings

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ProjectCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if instruction is not UNSET:
            field_dict["instruction"] = instruction
        if params is not UNSET:
            field_dict["params"] = params
        if creation_schema is not UNSET:
            field_dict["creation_schema"] = creation_schema
        if delivery_schema is not UNSET:
            field_dict["delivery_schema"] = delivery_schema
        if settings is not UNSET:
            field_dict["settings"] = settings
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_schema_type_0 import JSONSchemaType0  # noqa: PLC0415
        from ..models.project_create_metadata_type_0 import ProjectCreateMetadataType0  # noqa: PLC0415
        from ..models.project_create_params_type_0 import ProjectCreateParamsType0  # noqa: PLC0415
        from ..models.workflow_settings import WorkflowSettings  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        type_ = d.pop("type")

        def _parse_instruction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instruction = _parse_instruction(d.pop("instruction", UNSET))

        def _parse_params(data: object) -> None | ProjectCreateParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = ProjectCreateParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectCreateParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        def _parse_creation_schema(data: object) -> bool | JSONSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_json_schema_type_0 = JSONSchemaType0.from_dict(data)

                return componentsschemas_json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | JSONSchemaType0 | None | Unset, data)

        creation_schema = _parse_creation_schema(d.pop("creation_schema", UNSET))

        def _parse_delivery_schema(data: object) -> bool | JSONSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_json_schema_type_0 = JSONSchemaType0.from_dict(data)

                return componentsschemas_json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | JSONSchemaType0 | None | Unset, data)

        delivery_schema = _parse_delivery_schema(d.pop("delivery_schema", UNSET))

        def _parse_settings(data: object) -> None | Unset | WorkflowSettings:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                settings_type_0 = WorkflowSettings.from_dict(data)

                return settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkflowSettings, data)

        settings = _parse_settings(d.pop("settings", UNSET))

        def _parse_metadata(data: object) -> None | ProjectCreateMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ProjectCreateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectCreateMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        project_create = cls(
            name=name,
            type_=type_,
            instruction=instruction,
            params=params,
            creation_schema=creation_schema,
            delivery_schema=delivery_schema,
            settings=settings,
            metadata=metadata,
        )

        return project_create
