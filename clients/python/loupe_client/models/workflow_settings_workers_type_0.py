from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.workflow_settings_workers_type_0_strategy_type_1 import WorkflowSettingsWorkersType0StrategyType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_settings_workers_type_0_weights_type_0 import WorkflowSettingsWorkersType0WeightsType0


T = TypeVar("T", bound="WorkflowSettingsWorkersType0")


@_attrs_define
class WorkflowSettingsWorkersType0:
    """`full` and `partitioned` need a non-empty `user_ids`.

    Attributes:
        strategy (None | Unset | WorkflowSettingsWorkersType0StrategyType1):
        user_ids (list[str] | None | Unset):
        weights (None | Unset | WorkflowSettingsWorkersType0WeightsType0): Keys must be listed in `user_ids`.
        workers_per_input (int | None | Unset): For `partitioned`: at most the number of distinct `user_ids`.
        group (None | str | Unset):
    """

    strategy: None | Unset | WorkflowSettingsWorkersType0StrategyType1 = UNSET
    user_ids: list[str] | None | Unset = UNSET
    weights: None | Unset | WorkflowSettingsWorkersType0WeightsType0 = UNSET
    workers_per_input: int | None | Unset = UNSET
    group: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.workflow_settings_workers_type_0_weights_type_0 import WorkflowSettingsWorkersType0WeightsType0  # noqa: PLC0415

        strategy: None | str | Unset
        if isinstance(self.strategy, Unset):
            strategy = UNSET
        elif isinstance(self.strategy, WorkflowSettingsWorkersType0StrategyType1):
            strategy = self.strategy.value
        else:
            strategy = self.strategy

        user_ids: list[str] | None | Unset
        if isinstance(self.user_ids, Unset):
            user_ids = UNSET
        elif isinstance(self.user_ids, list):
            user_ids = self.user_ids

        else:
            user_ids = self.user_ids

        weights: dict[str, Any] | None | Unset
        if isinstance(self.weights, Unset):
            weights = UNSET
        elif isinstance(self.weights, WorkflowSettingsWorkersType0WeightsType0):
            weights = self.weights.to_dict()
        else:
            weights = self.weights

        workers_per_input: int | None | Unset
        if isinstance(self.workers_per_input, Unset):
            workers_per_input = UNSET
        else:
            workers_per_input = self.workers_per_input

        group: None | str | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        else:
            group = self.group

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if strategy is not UNSET:
            field_dict["strategy"] = strategy
        if user_ids is not UNSET:
            field_dict["user_ids"] = user_ids
        if weights is not UNSET:
            field_dict["weights"] = weights
        if workers_per_input is not UNSET:
            field_dict["workers_per_input"] = workers_per_input
        if group is not UNSET:
            field_dict["group"] = group

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workflow_settings_workers_type_0_weights_type_0 import WorkflowSettingsWorkersType0WeightsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_strategy(data: object) -> None | Unset | WorkflowSettingsWorkersType0StrategyType1:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                strategy_type_1 = WorkflowSettingsWorkersType0StrategyType1(data)

                return strategy_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkflowSettingsWorkersType0StrategyType1, data)

        strategy = _parse_strategy(d.pop("strategy", UNSET))

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

        def _parse_weights(data: object) -> None | Unset | WorkflowSettingsWorkersType0WeightsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                weights_type_0 = WorkflowSettingsWorkersType0WeightsType0.from_dict(data)

                return weights_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkflowSettingsWorkersType0WeightsType0, data)

        weights = _parse_weights(d.pop("weights", UNSET))

        def _parse_workers_per_input(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        workers_per_input = _parse_workers_per_input(d.pop("workers_per_input", UNSET))

        def _parse_group(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        workflow_settings_workers_type_0 = cls(
            strategy=strategy,
            user_ids=user_ids,
            weights=weights,
            workers_per_input=workers_per_input,
            group=group,
        )

        return workflow_settings_workers_type_0
