from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.outcome_results_item import OutcomeResultsItem


T = TypeVar("T", bound="Outcome")


@_attrs_define
class Outcome:
    """How the final answer was reached.

    Attributes:
        method (str | Unset):
        confidence (float | None | Unset):
        agreement (float | None | Unset):
        results (list[OutcomeResultsItem] | Unset):
    """

    method: str | Unset = UNSET
    confidence: float | None | Unset = UNSET
    agreement: float | None | Unset = UNSET
    results: list[OutcomeResultsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        confidence: float | None | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        else:
            confidence = self.confidence

        agreement: float | None | Unset
        if isinstance(self.agreement, Unset):
            agreement = UNSET
        else:
            agreement = self.agreement

        results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.results, Unset):
            results = []
            for results_item_data in self.results:
                results_item = results_item_data.to_dict()
                results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if method is not UNSET:
            field_dict["method"] = method
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if agreement is not UNSET:
            field_dict["agreement"] = agreement
        if results is not UNSET:
            field_dict["results"] = results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outcome_results_item import OutcomeResultsItem  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method", UNSET)

        def _parse_confidence(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        confidence = _parse_confidence(d.pop("confidence", UNSET))

        def _parse_agreement(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        agreement = _parse_agreement(d.pop("agreement", UNSET))

        _results = d.pop("results", UNSET)
        results: list[OutcomeResultsItem] | Unset = UNSET
        if _results is not UNSET:
            results = []
            for results_item_data in _results:
                results_item = OutcomeResultsItem.from_dict(results_item_data)

                results.append(results_item)

        outcome = cls(
            method=method,
            confidence=confidence,
            agreement=agreement,
            results=results,
        )

        outcome.additional_properties = d
        return outcome

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
