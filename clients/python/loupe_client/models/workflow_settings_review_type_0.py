from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.workflow_settings_review_type_0_strategy_type_1 import WorkflowSettingsReviewType0StrategyType1
from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowSettingsReviewType0")


@_attrs_define
class WorkflowSettingsReviewType0:
    """
    Attributes:
        strategy (None | Unset | WorkflowSettingsReviewType0StrategyType1):
        approval_threshold (int | None | Unset):
        sample_percentage (float | None | Unset):
        min_confidence (float | None | Unset):
        max_extra_results (int | None | Unset):
        user_ids (list[str] | None | Unset):
    """

    strategy: None | Unset | WorkflowSettingsReviewType0StrategyType1 = UNSET
    approval_threshold: int | None | Unset = UNSET
    sample_percentage: float | None | Unset = UNSET
    min_confidence: float | None | Unset = UNSET
    max_extra_results: int | None | Unset = UNSET
    user_ids: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        strategy: None | str | Unset
        if isinstance(self.strategy, Unset):
            strategy = UNSET
        elif isinstance(self.strategy, WorkflowSettingsReviewType0StrategyType1):
            strategy = self.strategy.value
        else:
            strategy = self.strategy

        approval_threshold: int | None | Unset
        if isinstance(self.approval_threshold, Unset):
            approval_threshold = UNSET
        else:
            approval_threshold = self.approval_threshold

        sample_percentage: float | None | Unset
        if isinstance(self.sample_percentage, Unset):
            sample_percentage = UNSET
        else:
            sample_percentage = self.sample_percentage

        min_confidence: float | None | Unset
        if isinstance(self.min_confidence, Unset):
            min_confidence = UNSET
        else:
            min_confidence = self.min_confidence

        max_extra_results: int | None | Unset
        if isinstance(self.max_extra_results, Unset):
            max_extra_results = UNSET
        else:
            max_extra_results = self.max_extra_results

        user_ids: list[str] | None | Unset
        if isinstance(self.user_ids, Unset):
            user_ids = UNSET
        elif isinstance(self.user_ids, list):
            user_ids = self.user_ids

        else:
            user_ids = self.user_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if strategy is not UNSET:
            field_dict["strategy"] = strategy
        if approval_threshold is not UNSET:
            field_dict["approval_threshold"] = approval_threshold
        if sample_percentage is not UNSET:
            field_dict["sample_percentage"] = sample_percentage
        if min_confidence is not UNSET:
            field_dict["min_confidence"] = min_confidence
        if max_extra_results is not UNSET:
            field_dict["max_extra_results"] = max_extra_results
        if user_ids is not UNSET:
            field_dict["user_ids"] = user_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_strategy(data: object) -> None | Unset | WorkflowSettingsReviewType0StrategyType1:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                strategy_type_1 = WorkflowSettingsReviewType0StrategyType1(data)

                return strategy_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkflowSettingsReviewType0StrategyType1, data)

        strategy = _parse_strategy(d.pop("strategy", UNSET))

        def _parse_approval_threshold(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        approval_threshold = _parse_approval_threshold(d.pop("approval_threshold", UNSET))

        def _parse_sample_percentage(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sample_percentage = _parse_sample_percentage(d.pop("sample_percentage", UNSET))

        def _parse_min_confidence(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        min_confidence = _parse_min_confidence(d.pop("min_confidence", UNSET))

        def _parse_max_extra_results(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_extra_results = _parse_max_extra_results(d.pop("max_extra_results", UNSET))

        def _parse_user_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                user_ids_type_0 = cast(list[str], data)

                return user_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        user_ids = _parse_user_ids(d.pop("user_ids", UNSET))

        workflow_settings_review_type_0 = cls(
            strategy=strategy,
            approval_threshold=approval_threshold,
            sample_percentage=sample_percentage,
            min_confidence=min_confidence,
            max_extra_results=max_extra_results,
            user_ids=user_ids,
        )

        return workflow_settings_review_type_0
