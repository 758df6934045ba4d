from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.predictions_result_failures_item import PredictionsResultFailuresItem


T = TypeVar("T", bound="PredictionsResult")


@_attrs_define
class PredictionsResult:
    """
    Attributes:
        read (int):
        set_ (int):
        kept (int):
        unmatched (list[str]):
        failures (list[PredictionsResultFailuresItem]):
    """

    read: int
    set_: int
    kept: int
    unmatched: list[str]
    failures: list[PredictionsResultFailuresItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        read = self.read

        set_ = self.set_

        kept = self.kept

        unmatched = self.unmatched

        failures = []
        for failures_item_data in self.failures:
            failures_item = failures_item_data.to_dict()
            failures.append(failures_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "read": read,
                "set": set_,
                "kept": kept,
                "unmatched": unmatched,
                "failures": failures,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.predictions_result_failures_item import PredictionsResultFailuresItem  # noqa: PLC0415

        d = dict(src_dict)
        read = d.pop("read")

        set_ = d.pop("set")

        kept = d.pop("kept")

        unmatched = cast(list[str], d.pop("unmatched"))

        failures = []
        _failures = d.pop("failures")
        for failures_item_data in _failures:
            failures_item = PredictionsResultFailuresItem.from_dict(failures_item_data)

            failures.append(failures_item)

        predictions_result = cls(
            read=read,
            set_=set_,
            kept=kept,
            unmatched=unmatched,
            failures=failures,
        )

        predictions_result.additional_properties = d
        return predictions_result

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
