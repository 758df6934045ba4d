from http import HTTPStatus
from typing import Any, Literal
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.project_stats import ProjectStats
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    hours: int | Literal[""] | Unset = 48,
    bucket_seconds: int | Literal[""] | Unset = 3600,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_hours: int | Literal[""] | Unset
    if isinstance(hours, Unset):
        json_hours = UNSET
    else:
        json_hours = hours
    params["hours"] = json_hours

    json_bucket_seconds: int | Literal[""] | Unset
    if isinstance(bucket_seconds, Unset):
        json_bucket_seconds = UNSET
    else:
        json_bucket_seconds = bucket_seconds
    params["bucket_seconds"] = json_bucket_seconds

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects/{id}/stats".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ProjectStats | None:
    if response.status_code == 200:
        response_200 = ProjectStats.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ProjectStats]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    hours: int | Literal[""] | Unset = 48,
    bucket_seconds: int | Literal[""] | Unset = 3600,
) -> Response[Error | ProjectStats]:
    """Tasks per status and completions over time

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        hours (int | Literal[''] | Unset):  Default: 48.
        bucket_seconds (int | Literal[''] | Unset):  Default: 3600.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectStats]
    """

    kwargs = _get_kwargs(
        id=id,
        hours=hours,
        bucket_seconds=bucket_seconds,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    hours: int | Literal[""] | Unset = 48,
    bucket_seconds: int | Literal[""] | Unset = 3600,
) -> Error | ProjectStats | None:
    """Tasks per status and completions over time

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        hours (int | Literal[''] | Unset):  Default: 48.
        bucket_seconds (int | Literal[''] | Unset):  Default: 3600.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectStats
    """

    return sync_detailed(
        id=id,
        client=client,
        hours=hours,
        bucket_seconds=bucket_seconds,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    hours: int | Literal[""] | Unset = 48,
    bucket_seconds: int | Literal[""] | Unset = 3600,
) -> Response[Error | ProjectStats]:
    """Tasks per status and completions over time

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        hours (int | Literal[''] | Unset):  Default: 48.
        bucket_seconds (int | Literal[''] | Unset):  Default: 3600.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectStats]
    """

    kwargs = _get_kwargs(
        id=id,
        hours=hours,
        bucket_seconds=bucket_seconds,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    hours: int | Literal[""] | Unset = 48,
    bucket_seconds: int | Literal[""] | Unset = 3600,
) -> Error | ProjectStats | None:
    """Tasks per status and completions over time

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        hours (int | Literal[''] | Unset):  Default: 48.
        bucket_seconds (int | Literal[''] | Unset):  Default: 3600.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectStats
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            hours=hours,
            bucket_seconds=bucket_seconds,
        )
    ).parsed
