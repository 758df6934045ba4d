from http import HTTPStatus
from typing import Any, Literal
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_failures import BatchFailures
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    after: int | Literal[""] | Unset = -1,
    limit: int | Literal[""] | Unset = 1000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: int | Literal[""] | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_limit: int | Literal[""] | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/batches/{id}/failures".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BatchFailures | Error | None:
    if response.status_code == 200:
        response_200 = BatchFailures.from_dict(response.json())

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
) -> Response[BatchFailures | Error]:
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
    after: int | Literal[""] | Unset = -1,
    limit: int | Literal[""] | Unset = 1000,
) -> Response[BatchFailures | Error]:
    """All failures of a batch, paged by item index

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        after (int | Literal[''] | Unset):  Default: -1.
        limit (int | Literal[''] | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchFailures | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    after: int | Literal[""] | Unset = -1,
    limit: int | Literal[""] | Unset = 1000,
) -> BatchFailures | Error | None:
    """All failures of a batch, paged by item index

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        after (int | Literal[''] | Unset):  Default: -1.
        limit (int | Literal[''] | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchFailures | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    after: int | Literal[""] | Unset = -1,
    limit: int | Literal[""] | Unset = 1000,
) -> Response[BatchFailures | Error]:
    """All failures of a batch, paged by item index

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        after (int | Literal[''] | Unset):  Default: -1.
        limit (int | Literal[''] | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchFailures | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    after: int | Literal[""] | Unset = -1,
    limit: int | Literal[""] | Unset = 1000,
) -> BatchFailures | Error | None:
    """All failures of a batch, paged by item index

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        after (int | Literal[''] | Unset):  Default: -1.
        limit (int | Literal[''] | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchFailures | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
