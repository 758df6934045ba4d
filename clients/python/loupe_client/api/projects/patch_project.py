from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.project import Project
from ...models.project_patch import ProjectPatch
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: ProjectPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/projects/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Project | None:
    if response.status_code == 200:
        response_200 = Project.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Project]:
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
    body: ProjectPatch,
) -> Response[Error | Project]:
    """Change a project; a new instruction or params appends to param_history

     409 `conflict` when another project has this name.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        body (ProjectPatch): Every field optional; null leaves a field unchanged, except
            `creation_schema` and `delivery_schema` where null clears the schema. `type` cannot
            change. A new instruction or params appends to `param_history`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Project]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ProjectPatch,
) -> Error | Project | None:
    """Change a project; a new instruction or params appends to param_history

     409 `conflict` when another project has this name.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        body (ProjectPatch): Every field optional; null leaves a field unchanged, except
            `creation_schema` and `delivery_schema` where null clears the schema. `type` cannot
            change. A new instruction or params appends to `param_history`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Project
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ProjectPatch,
) -> Response[Error | Project]:
    """Change a project; a new instruction or params appends to param_history

     409 `conflict` when another project has this name.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        body (ProjectPatch): Every field optional; null leaves a field unchanged, except
            `creation_schema` and `delivery_schema` where null clears the schema. `type` cannot
            change. A new instruction or params appends to `param_history`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Project]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ProjectPatch,
) -> Error | Project | None:
    """Change a project; a new instruction or params appends to param_history

     409 `conflict` when another project has this name.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        body (ProjectPatch): Every field optional; null leaves a field unchanged, except
            `creation_schema` and `delivery_schema` where null clears the schema. `type` cannot
            change. A new instruction or params appends to `param_history`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Project
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
