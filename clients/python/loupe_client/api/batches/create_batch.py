from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch import Batch
from ...models.batch_create import BatchCreate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: BatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/projects/{id}/batches".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Batch | Error | None:
    if response.status_code == 200:
        response_200 = Batch.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Batch.from_dict(response.json())

        return response_201

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Batch | Error]:
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
    body: BatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Batch | Error]:
    """Create an inline batch or an upload batch

     201 with the new batch (an upload batch carries `upload_url`); 200 with `existing: true` when the
    `client_batch_id` was already used in the project. The body may be up to 32 MiB.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        idempotency_key (str | Unset):
        body (BatchCreate): Either `tasks` (an inline batch of up to 1,000, created at once) or
            `upload: true` (a file PUT to the returned `upload_url`, then finalized).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Batch | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: BatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> Batch | Error | None:
    """Create an inline batch or an upload batch

     201 with the new batch (an upload batch carries `upload_url`); 200 with `existing: true` when the
    `client_batch_id` was already used in the project. The body may be up to 32 MiB.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        idempotency_key (str | Unset):
        body (BatchCreate): Either `tasks` (an inline batch of up to 1,000, created at once) or
            `upload: true` (a file PUT to the returned `upload_url`, then finalized).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Batch | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: BatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Batch | Error]:
    """Create an inline batch or an upload batch

     201 with the new batch (an upload batch carries `upload_url`); 200 with `existing: true` when the
    `client_batch_id` was already used in the project. The body may be up to 32 MiB.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        idempotency_key (str | Unset):
        body (BatchCreate): Either `tasks` (an inline batch of up to 1,000, created at once) or
            `upload: true` (a file PUT to the returned `upload_url`, then finalized).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Batch | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: BatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> Batch | Error | None:
    """Create an inline batch or an upload batch

     201 with the new batch (an upload batch carries `upload_url`); 200 with `existing: true` when the
    `client_batch_id` was already used in the project. The body may be up to 32 MiB.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        idempotency_key (str | Unset):
        body (BatchCreate): Either `tasks` (an inline batch of up to 1,000, created at once) or
            `upload: true` (a file PUT to the returned `upload_url`, then finalized).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Batch | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
