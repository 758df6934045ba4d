from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.project_stats_counts import ProjectStatsCounts
    from ..models.project_stats_throughput import ProjectStatsThroughput


T = TypeVar("T", bound="ProjectStats")


@_attrs_define
class ProjectStats:
    """
    Attributes:
        counts (ProjectStatsCounts):
        throughput (ProjectStatsThroughput):
    """

    counts: ProjectStatsCounts
    throughput: ProjectStatsThroughput
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        throughput = self.throughput.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "throughput": throughput,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_stats_counts import ProjectStatsCounts  # noqa: PLC0415
        from ..models.project_stats_throughput import ProjectStatsThroughput  # noqa: PLC0415

        d = dict(src_dict)
        counts = ProjectStatsCounts.from_dict(d.pop("counts"))

        throughput = ProjectStatsThroughput.from_dict(d.pop("throughput"))

        project_stats = cls(
            counts=counts,
            throughput=throughput,
        )

        project_stats.additional_properties = d
        return project_stats

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
