from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.project_stats_throughput_points_item import ProjectStatsThroughputPointsItem


T = TypeVar("T", bound="ProjectStatsThroughput")


@_attrs_define
class ProjectStatsThroughput:
    """
    Attributes:
        bucket_seconds (int):
        points (list[ProjectStatsThroughputPointsItem]):
    """

    bucket_seconds: int
    points: list[ProjectStatsThroughputPointsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket_seconds = self.bucket_seconds

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bucket_seconds": bucket_seconds,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_stats_throughput_points_item import ProjectStatsThroughputPointsItem  # noqa: PLC0415

        d = dict(src_dict)
        bucket_seconds = d.pop("bucket_seconds")

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = ProjectStatsThroughputPointsItem.from_dict(points_item_data)

            points.append(points_item)

        project_stats_throughput = cls(
            bucket_seconds=bucket_seconds,
            points=points,
        )

        project_stats_throughput.additional_properties = d
        return project_stats_throughput

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
