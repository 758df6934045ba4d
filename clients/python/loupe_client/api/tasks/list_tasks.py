from http import HTTPStatus
from typing import Any, Literal

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.task_list import TaskList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    status: str | Unset = UNSET,
    created_after: Any | Unset = UNSET,
    created_before: Any | Unset = UNSET,
    updated_after: Any | Unset = UNSET,
    completed_after: Any | Unset = UNSET,
    unique_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_total: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project"] = project

    params["batch"] = batch

    params["status"] = status

    json_created_after: Any | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: Any | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    json_updated_after: Any | Unset
    if isinstance(updated_after, Unset):
        json_updated_after = UNSET
    else:
        json_updated_after = updated_after
    params["updated_after"] = json_updated_after

    json_completed_after: Any | Unset
    if isinstance(completed_after, Unset):
        json_completed_after = UNSET
    else:
        json_completed_after = completed_after
    params["completed_after"] = json_completed_after

    params["unique_id"] = unique_id

    params["tag"] = tag

    json_limit: int | Literal[""] | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params["next_token"] = next_token

    params["include_total"] = include_total

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | TaskList | None:
    if response.status_code == 200:
        response_200 = TaskList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | TaskList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    status: str | Unset = UNSET,
    created_after: Any | Unset = UNSET,
    created_before: Any | Unset = UNSET,
    updated_after: Any | Unset = UNSET,
    completed_after: Any | Unset = UNSET,
    unique_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_total: str | Unset = UNSET,
) -> Response[Error | TaskList]:
    """List tasks with filters and cursor pagination

    Args:
        project (str | Unset):
        batch (str | Unset):
        status (str | Unset):
        created_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        created_before (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        updated_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        completed_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        unique_id (str | Unset):
        tag (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_total (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TaskList]
    """

    kwargs = _get_kwargs(
        project=project,
        batch=batch,
        status=status,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        completed_after=completed_after,
        unique_id=unique_id,
        tag=tag,
        limit=limit,
        next_token=next_token,
        include_total=include_total,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    status: str | Unset = UNSET,
    created_after: Any | Unset = UNSET,
    created_before: Any | Unset = UNSET,
    updated_after: Any | Unset = UNSET,
    completed_after: Any | Unset = UNSET,
    unique_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_total: str | Unset = UNSET,
) -> Error | TaskList | None:
    """List tasks with filters and cursor pagination

    Args:
        project (str | Unset):
        batch (str | Unset):
        status (str | Unset):
        created_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        created_before (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        updated_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        completed_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        unique_id (str | Unset):
        tag (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_total (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TaskList
    """

    return sync_detailed(
        client=client,
        project=project,
        batch=batch,
        status=status,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        completed_after=completed_after,
        unique_id=unique_id,
        tag=tag,
        limit=limit,
        next_token=next_token,
        include_total=include_total,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    status: str | Unset = UNSET,
    created_after: Any | Unset = UNSET,
    created_before: Any | Unset = UNSET,
    updated_after: Any | Unset = UNSET,
    completed_after: Any | Unset = UNSET,
    unique_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_total: str | Unset = UNSET,
) -> Response[Error | TaskList]:
    """List tasks with filters and cursor pagination

    Args:
        project (str | Unset):
        batch (str | Unset):
        status (str | Unset):
        created_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        created_before (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        updated_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        completed_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        unique_id (str | Unset):
        tag (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_total (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TaskList]
    """

    kwargs = _get_kwargs(
        project=project,
        batch=batch,
        status=status,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        completed_after=completed_after,
        unique_id=unique_id,
        tag=tag,
        limit=limit,
        next_token=next_token,
        include_total=include_total,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    status: str | Unset = UNSET,
    created_after: Any | Unset = UNSET,
    created_before: Any | Unset = UNSET,
    updated_after: Any | Unset = UNSET,
    completed_after: Any | Unset = UNSET,
    unique_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_total: str | Unset = UNSET,
) -> Error | TaskList | None:
    """List tasks with filters and cursor pagination

    Args:
        project (str | Unset):
        batch (str | Unset):
        status (str | Unset):
        created_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        created_before (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        updated_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        completed_after (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm`
            zone (an empty value is ignored).
        unique_id (str | Unset):
        tag (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_total (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TaskList
    """

    return (
        await asyncio_detailed(
            client=client,
            project=project,
            batch=batch,
            status=status,
            created_after=created_after,
            created_before=created_before,
            updated_after=updated_after,
            completed_after=completed_after,
            unique_id=unique_id,
            tag=tag,
            limit=limit,
            next_token=next_token,
            include_total=include_total,
        )
    ).parsed
