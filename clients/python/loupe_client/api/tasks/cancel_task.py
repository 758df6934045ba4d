from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.task import Task
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    clear_unique_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["clear_unique_id"] = clear_unique_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/tasks/{id}/cancel".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Task | None:
    if response.status_code == 200:
        response_200 = Task.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Task]:
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
    clear_unique_id: str | Unset = UNSET,
) -> Response[Error | Task]:
    """Cancel a task (clear_unique_id=true frees its unique id)

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        clear_unique_id (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Task]
    """

    kwargs = _get_kwargs(
        id=id,
        clear_unique_id=clear_unique_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: str | Unset = UNSET,
) -> Error | Task | None:
    """Cancel a task (clear_unique_id=true frees its unique id)

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        clear_unique_id (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Task
    """

    return sync_detailed(
        id=id,
        client=client,
        clear_unique_id=clear_unique_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: str | Unset = UNSET,
) -> Response[Error | Task]:
    """Cancel a task (clear_unique_id=true frees its unique id)

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        clear_unique_id (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Task]
    """

    kwargs = _get_kwargs(
        id=id,
        clear_unique_id=clear_unique_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: str | Unset = UNSET,
) -> Error | Task | None:
    """Cancel a task (clear_unique_id=true frees its unique id)

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        clear_unique_id (str | Unset): `true`, `false`, `1` or `0` (any case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Task
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            clear_unique_id=clear_unique_id,
        )
    ).parsed
