from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.predictions_import_format import PredictionsImportFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="PredictionsImport")


@_attrs_define
class PredictionsImport:
    """
    Attributes:
        format_ (PredictionsImportFormat):
        data (Any): A COCO document (object with images, annotations, categories), or a list of Label Studio tasks;
            anything else is reported in failures
        source (None | str | Unset): The model or tool that made them (metadata.prediction.source)
        overwrite (bool | None | Unset): Replace starting answers tasks already have
    """

    format_: PredictionsImportFormat
    data: Any
    source: None | str | Unset = UNSET
    overwrite: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_.value

        data = self.data

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        overwrite: bool | None | Unset
        if isinstance(self.overwrite, Unset):
            overwrite = UNSET
        else:
            overwrite = self.overwrite

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "format": format_,
                "data": data,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if overwrite is not UNSET:
            field_dict["overwrite"] = overwrite

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        format_ = PredictionsImportFormat(d.pop("format"))

        data = d.pop("data")

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_overwrite(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        overwrite = _parse_overwrite(d.pop("overwrite", UNSET))

        predictions_import = cls(
            format_=format_,
            data=data,
            source=source,
            overwrite=overwrite,
        )

        return predictions_import
