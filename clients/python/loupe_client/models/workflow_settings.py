from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.callback_settings import CallbackSettings
    from ..models.workflow_settings_review_type_0 import WorkflowSettingsReviewType0
    from ..models.workflow_settings_workers_type_0 import WorkflowSettingsWorkersType0


T = TypeVar("T", bound="WorkflowSettings")


@_attrs_define
class WorkflowSettings:
    """Workflow settings; times in seconds. Stored and shown as given.

    Attributes:
        overlap (int | None | Unset):
        max_results_per_worker (int | None | Unset):
        max_work_time (int | None | Unset): Seconds.
        max_review_time (int | None | Unset): Seconds.
        payment_per_result (float | None | Unset):
        workers (None | Unset | WorkflowSettingsWorkersType0): `full` and `partitioned` need a non-empty `user_ids`.
        review (None | Unset | WorkflowSettingsReviewType0):
        callback (CallbackSettings | None | Unset):
    """

    overlap: int | None | Unset = UNSET
    max_results_per_worker: int | None | Unset = UNSET
    max_work_time: int | None | Unset = UNSET
    max_review_time: int | None | Unset = UNSET
    payment_per_result: float | None | Unset = UNSET
    workers: None | Unset | WorkflowSettingsWorkersType0 = UNSET
    review: None | Unset | WorkflowSettingsReviewType0 = UNSET
    callback: CallbackSettings | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.callback_settings import CallbackSettings  # noqa: PLC0415
        from ..models.workflow_settings_review_type_0 import WorkflowSettingsReviewType0  # noqa: PLC0415
        from ..models.workflow_settings_workers_type_0 import WorkflowSettingsWorkersType0  # noqa: PLC0415

        overlap: int | None | Unset
        if isinstance(self.overlap, Unset):
            overlap = UNSET
        else:
            overlap = self.overlap

        max_results_per_worker: int | None | Unset
        if isinstance(self.max_results_per_worker, Unset):
            max_results_per_worker = UNSET
        else:
            max_results_per_worker = self.max_results_per_worker

        max_work_time: int | None | Unset
        if isinstance(self.max_work_time, Unset):
            max_work_time = UNSET
        else:
            max_work_time = self.max_work_time

        max_review_time: int | None | Unset
        if isinstance(self.max_review_time, Unset):
            max_review_time = UNSET
        else:
            max_review_time = self.max_review_time

        payment_per_result: float | None | Unset
        if isinstance(self.payment_per_result, Unset):
            payment_per_result = UNSET
        else:
            payment_per_result = self.payment_per_result

        workers: dict[str, Any] | None | Unset
        if isinstance(self.workers, Unset):
            workers = UNSET
        elif isinstance(self.workers, WorkflowSettingsWorkersType0):
            workers = self.workers.to_dict()
        else:
            workers = self.workers

        review: dict[str, Any] | None | Unset
        if isinstance(self.review, Unset):
            review = UNSET
        elif isinstance(self.review, WorkflowSettingsReviewType0):
            review = self.review.to_dict()
        else:
            review = self.review

        callback: dict[str, Any] | None | Unset
        if isinstance(self.callback, Unset):
            callback = UNSET
        elif isinstance(self.callback, CallbackSettings):
            callback = self.callback.to_dict()
        else:
            callback = self.callback

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if overlap is not UNSET:
            field_dict["overlap"] = overlap
        if max_results_per_worker is not UNSET:
            field_dict["max_results_per_worker"] = max_results_per_worker
        if max_work_time is not UNSET:
            field_dict["max_work_time"] = max_work_time
        if max_review_time is not UNSET:
            field_dict["max_review_time"] = max_review_time
        if payment_per_result is not UNSET:
            field_dict["payment_per_result"] = payment_per_result
        if workers is not UNSET:
            field_dict["workers"] = workers
        if review is not UNSET:
            field_dict["review"] = review
        if callback is not UNSET:
            field_dict["callback"] = callback

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.callback_settings import CallbackSettings  # noqa: PLC0415
        from ..models.workflow_settings_review_type_0 import WorkflowSettingsReviewType0  # noqa: PLC0415
        from ..models.workflow_settings_workers_type_0 import WorkflowSettingsWorkersType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_overlap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        overlap = _parse_overlap(d.pop("overlap", UNSET))

        def _parse_max_results_per_worker(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_results_per_worker = _parse_max_results_per_worker(d.pop("max_results_per_worker", UNSET))

        def _parse_max_work_time(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_work_time = _parse_max_work_time(d.pop("max_work_time", UNSET))

        def _parse_max_review_time(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_review_time = _parse_max_review_time(d.pop("max_review_time", UNSET))

        def _parse_payment_per_result(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        payment_per_result = _parse_payment_per_result(d.pop("payment_per_result", UNSET))

        def _parse_workers(data: object) -> None | Unset | WorkflowSettingsWorkersType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                workers_type_0 = WorkflowSettingsWorkersType0.from_dict(data)

                return workers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkflowSettingsWorkersType0, data)

        workers = _parse_workers(d.pop("workers", UNSET))

        def _parse_review(data: object) -> None | Unset | WorkflowSettingsReviewType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = WorkflowSettingsReviewType0.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkflowSettingsReviewType0, data)

        review = _parse_review(d.pop("review", UNSET))

        def _parse_callback(data: object) -> CallbackSettings | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                callback_type_0 = CallbackSettings.from_dict(data)

                return callback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallbackSettings | None | Unset, data)

        callback = _parse_callback(d.pop("callback", UNSET))

        workflow_settings = cls(
            overlap=overlap,
            max_results_per_worker=max_results_per_worker,
            max_work_time=max_work_time,
            max_review_time=max_review_time,
            payment_per_result=payment_per_result,
            workers=workers,
            review=review,
            callback=callback,
        )

        return workflow_settings
