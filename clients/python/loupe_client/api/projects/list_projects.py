from http import HTTPStatus
from typing import Any, Literal

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_projects_include import ListProjectsInclude
from ...models.project_list import ProjectList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_archived: str | Unset = UNSET,
    include: ListProjectsInclude | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_limit: int | Literal[""] | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params["next_token"] = next_token

    params["include_archived"] = include_archived

    json_include: str | Unset = UNSET
    if not isinstance(include, Unset):
        json_include = include.value

    params["include"] = json_include

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ProjectList | None:
    if response.status_code == 200:
        response_200 = ProjectList.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ProjectList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_archived: str | Unset = UNSET,
    include: ListProjectsInclude | Unset = UNSET,
) -> Response[Error | ProjectList]:
    """List projects (limit, next_token, include_archived)

    Args:
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_archived (str | Unset): `true`, `false`, `1` or `0` (any case).
        include (ListProjectsInclude | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectList]
    """

    kwargs = _get_kwargs(
        limit=limit,
        next_token=next_token,
        include_archived=include_archived,
        include=include,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_archived: str | Unset = UNSET,
    include: ListProjectsInclude | Unset = UNSET,
) -> Error | ProjectList | None:
    """List projects (limit, next_token, include_archived)

    Args:
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_archived (str | Unset): `true`, `false`, `1` or `0` (any case).
        include (ListProjectsInclude | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectList
    """

    return sync_detailed(
        client=client,
        limit=limit,
        next_token=next_token,
        include_archived=include_archived,
        include=include,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_archived: str | Unset = UNSET,
    include: ListProjectsInclude | Unset = UNSET,
) -> Response[Error | ProjectList]:
    """List projects (limit, next_token, include_archived)

    Args:
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_archived (str | Unset): `true`, `false`, `1` or `0` (any case).
        include (ListProjectsInclude | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectList]
    """

    kwargs = _get_kwargs(
        limit=limit,
        next_token=next_token,
        include_archived=include_archived,
        include=include,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
    include_archived: str | Unset = UNSET,
    include: ListProjectsInclude | Unset = UNSET,
) -> Error | ProjectList | None:
    """List projects (limit, next_token, include_archived)

    Args:
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):
        include_archived (str | Unset): `true`, `false`, `1` or `0` (any case).
        include (ListProjectsInclude | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectList
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            next_token=next_token,
            include_archived=include_archived,
            include=include,
        )
    ).parsed
