from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.callback_settings_events_type_0_item import CallbackSettingsEventsType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.callback_settings_auth_type_0 import CallbackSettingsAuthType0
    from ..models.callback_settings_auth_type_1 import CallbackSettingsAuthType1
    from ..models.callback_settings_auth_type_2 import CallbackSettingsAuthType2
    from ..models.callback_settings_auth_type_3 import CallbackSettingsAuthType3
    from ..models.callback_settings_auth_type_4 import CallbackSettingsAuthType4
    from ..models.callback_settings_auth_type_5_type_0 import CallbackSettingsAuthType5Type0
    from ..models.callback_settings_auth_type_5_type_1 import CallbackSettingsAuthType5Type1
    from ..models.callback_settings_auth_type_5_type_2 import CallbackSettingsAuthType5Type2
    from ..models.callback_settings_auth_type_5_type_3 import CallbackSettingsAuthType5Type3
    from ..models.callback_settings_auth_type_5_type_4 import CallbackSettingsAuthType5Type4
    from ..models.callback_settings_auth_type_6_type_0 import CallbackSettingsAuthType6Type0
    from ..models.callback_settings_auth_type_6_type_1 import CallbackSettingsAuthType6Type1
    from ..models.callback_settings_auth_type_6_type_2 import CallbackSettingsAuthType6Type2
    from ..models.callback_settings_auth_type_6_type_3 import CallbackSettingsAuthType6Type3
    from ..models.callback_settings_auth_type_6_type_4 import CallbackSettingsAuthType6Type4
    from ..models.callback_settings_retry_type_0 import CallbackSettingsRetryType0


T = TypeVar("T", bound="CallbackSettings")


@_attrs_define
class CallbackSettings:
    """
    Attributes:
        url (None | str | Unset): Absolute http or https URL.
        events (list[CallbackSettingsEventsType0Item] | None | Unset):
        auth (CallbackSettingsAuthType0 | CallbackSettingsAuthType1 | CallbackSettingsAuthType2 |
            CallbackSettingsAuthType3 | CallbackSettingsAuthType4 | CallbackSettingsAuthType5Type0 |
            CallbackSettingsAuthType5Type1 | CallbackSettingsAuthType5Type2 | CallbackSettingsAuthType5Type3 |
            CallbackSettingsAuthType5Type4 | CallbackSettingsAuthType6Type0 | CallbackSettingsAuthType6Type1 |
            CallbackSettingsAuthType6Type2 | CallbackSettingsAuthType6Type3 | CallbackSettingsAuthType6Type4 | Unset):
        retry (CallbackSettingsRetryType0 | None | Unset):
        max_concurrency (int | None | Unset):
    """

    url: None | str | Unset = UNSET
    events: list[CallbackSettingsEventsType0Item] | None | Unset = UNSET
    auth: (
        CallbackSettingsAuthType0
        | CallbackSettingsAuthType1
        | CallbackSettingsAuthType2
        | CallbackSettingsAuthType3
        | CallbackSettingsAuthType4
        | CallbackSettingsAuthType5Type0
        | CallbackSettingsAuthType5Type1
        | CallbackSettingsAuthType5Type2
        | CallbackSettingsAuthType5Type3
        | CallbackSettingsAuthType5Type4
        | CallbackSettingsAuthType6Type0
        | CallbackSettingsAuthType6Type1
        | CallbackSettingsAuthType6Type2
        | CallbackSettingsAuthType6Type3
        | CallbackSettingsAuthType6Type4
        | Unset
    ) = UNSET
    retry: CallbackSettingsRetryType0 | None | Unset = UNSET
    max_concurrency: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.callback_settings_auth_type_0 import CallbackSettingsAuthType0  # noqa: PLC0415
        from ..models.callback_settings_auth_type_1 import CallbackSettingsAuthType1  # noqa: PLC0415
        from ..models.callback_settings_auth_type_2 import CallbackSettingsAuthType2  # noqa: PLC0415
        from ..models.callback_settings_auth_type_3 import CallbackSettingsAuthType3  # noqa: PLC0415
        from ..models.callback_settings_auth_type_4 import CallbackSettingsAuthType4  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_0 import CallbackSettingsAuthType5Type0  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_1 import CallbackSettingsAuthType5Type1  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_2 import CallbackSettingsAuthType5Type2  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_3 import CallbackSettingsAuthType5Type3  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_4 import CallbackSettingsAuthType5Type4  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_0 import CallbackSettingsAuthType6Type0  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_1 import CallbackSettingsAuthType6Type1  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_2 import CallbackSettingsAuthType6Type2  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_3 import CallbackSettingsAuthType6Type3  # noqa: PLC0415
        from ..models.callback_settings_retry_type_0 import CallbackSettingsRetryType0  # noqa: PLC0415

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        events: list[str] | None | Unset
        if isinstance(self.events, Unset):
            events = UNSET
        elif isinstance(self.events, list):
            events = []
            for events_type_0_item_data in self.events:
                events_type_0_item = events_type_0_item_data.value
                events.append(events_type_0_item)

        else:
            events = self.events

        auth: dict[str, Any] | Unset
        if isinstance(self.auth, Unset):
            auth = UNSET
        elif isinstance(self.auth, CallbackSettingsAuthType0):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType1):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType2):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType3):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType4):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType5Type0):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType5Type1):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType5Type2):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType5Type3):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType5Type4):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType6Type0):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType6Type1):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType6Type2):
            auth = self.auth.to_dict()
        elif isinstance(self.auth, CallbackSettingsAuthType6Type3):
            auth = self.auth.to_dict()
        else:
            auth = self.auth.to_dict()

        retry: dict[str, Any] | None | Unset
        if isinstance(self.retry, Unset):
            retry = UNSET
        elif isinstance(self.retry, CallbackSettingsRetryType0):
            retry = self.retry.to_dict()
        else:
            retry = self.retry

        max_concurrency: int | None | Unset
        if isinstance(self.max_concurrency, Unset):
            max_concurrency = UNSET
        else:
            max_concurrency = self.max_concurrency

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if events is not UNSET:
            field_dict["events"] = events
        if auth is not UNSET:
            field_dict["auth"] = auth
        if retry is not UNSET:
            field_dict["retry"] = retry
        if max_concurrency is not UNSET:
            field_dict["max_concurrency"] = max_concurrency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.callback_settings_auth_type_0 import CallbackSettingsAuthType0  # noqa: PLC0415
        from ..models.callback_settings_auth_type_1 import CallbackSettingsAuthType1  # noqa: PLC0415
        from ..models.callback_settings_auth_type_2 import CallbackSettingsAuthType2  # noqa: PLC0415
        from ..models.callback_settings_auth_type_3 import CallbackSettingsAuthType3  # noqa: PLC0415
        from ..models.callback_settings_auth_type_4 import CallbackSettingsAuthType4  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_0 import CallbackSettingsAuthType5Type0  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_1 import CallbackSettingsAuthType5Type1  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_2 import CallbackSettingsAuthType5Type2  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_3 import CallbackSettingsAuthType5Type3  # noqa: PLC0415
        from ..models.callback_settings_auth_type_5_type_4 import CallbackSettingsAuthType5Type4  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_0 import CallbackSettingsAuthType6Type0  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_1 import CallbackSettingsAuthType6Type1  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_2 import CallbackSettingsAuthType6Type2  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_3 import CallbackSettingsAuthType6Type3  # noqa: PLC0415
        from ..models.callback_settings_auth_type_6_type_4 import CallbackSettingsAuthType6Type4  # noqa: PLC0415
        from ..models.callback_settings_retry_type_0 import CallbackSettingsRetryType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_events(data: object) -> list[CallbackSettingsEventsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                events_type_0 = []
                _events_type_0 = data
                for events_type_0_item_data in _events_type_0:
                    events_type_0_item = CallbackSettingsEventsType0Item(events_type_0_item_data)

                    events_type_0.append(events_type_0_item)

                return events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CallbackSettingsEventsType0Item] | None | Unset, data)

        events = _parse_events(d.pop("events", UNSET))

        def _parse_auth(
            data: object,
        ) -> (
            CallbackSettingsAuthType0
            | CallbackSettingsAuthType1
            | CallbackSettingsAuthType2
            | CallbackSettingsAuthType3
            | CallbackSettingsAuthType4
            | CallbackSettingsAuthType5Type0
            | CallbackSettingsAuthType5Type1
            | CallbackSettingsAuthType5Type2
            | CallbackSettingsAuthType5Type3
            | CallbackSettingsAuthType5Type4
            | CallbackSettingsAuthType6Type0
            | CallbackSettingsAuthType6Type1
            | CallbackSettingsAuthType6Type2
            | CallbackSettingsAuthType6Type3
            | CallbackSettingsAuthType6Type4
            | Unset
        ):
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_0 = CallbackSettingsAuthType0.from_dict(data)

                return auth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_1 = CallbackSettingsAuthType1.from_dict(data)

                return auth_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_2 = CallbackSettingsAuthType2.from_dict(data)

                return auth_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_3 = CallbackSettingsAuthType3.from_dict(data)

                return auth_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_4 = CallbackSettingsAuthType4.from_dict(data)

                return auth_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_5_type_0 = CallbackSettingsAuthType5Type0.from_dict(data)

                return auth_type_5_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_5_type_1 = CallbackSettingsAuthType5Type1.from_dict(data)

                return auth_type_5_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_5_type_2 = CallbackSettingsAuthType5Type2.from_dict(data)

                return auth_type_5_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_5_type_3 = CallbackSettingsAuthType5Type3.from_dict(data)

                return auth_type_5_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_5_type_4 = CallbackSettingsAuthType5Type4.from_dict(data)

                return auth_type_5_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_6_type_0 = CallbackSettingsAuthType6Type0.from_dict(data)

                return auth_type_6_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_6_type_1 = CallbackSettingsAuthType6Type1.from_dict(data)

                return auth_type_6_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_6_type_2 = CallbackSettingsAuthType6Type2.from_dict(data)

                return auth_type_6_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                auth_type_6_type_3 = CallbackSettingsAuthType6Type3.from_dict(data)

                return auth_type_6_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            auth_type_6_type_4 = CallbackSettingsAuthType6Type4.from_dict(data)

            return auth_type_6_type_4

        auth = _parse_auth(d.pop("auth", UNSET))

        def _parse_retry(data: object) -> CallbackSettingsRetryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                retry_type_0 = CallbackSettingsRetryType0.from_dict(data)

                return retry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallbackSettingsRetryType0 | None | Unset, data)

        retry = _parse_retry(d.pop("retry", UNSET))

        def _parse_max_concurrency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_concurrency = _parse_max_concurrency(d.pop("max_concurrency", UNSET))

        callback_settings = cls(
            url=url,
            events=events,
            auth=auth,
            retry=retry,
            max_concurrency=max_concurrency,
        )

        return callback_settings
