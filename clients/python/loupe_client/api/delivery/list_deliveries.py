from http import HTTPStatus
from typing import Any, Literal
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_page import DeliveryPage
from ...models.error import Error
from ...models.list_deliveries_match import ListDeliveriesMatch
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    since: Any | Unset = UNSET,
    batch: str | Unset = UNSET,
    client_batch_id: str | Unset = UNSET,
    match: ListDeliveriesMatch | Unset = UNSET,
    consumer: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_since: Any | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    params["batch"] = batch

    params["client_batch_id"] = client_batch_id

    json_match: str | Unset = UNSET
    if not isinstance(match, Unset):
        json_match = match.value

    params["match"] = json_match

    params["consumer"] = consumer

    json_limit: int | Literal[""] | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params["next_token"] = next_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects/{id}/deliveries".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeliveryPage | Error | None:
    if response.status_code == 200:
        response_200 = DeliveryPage.from_dict(response.json())

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
) -> Response[DeliveryPage | Error]:
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
    since: Any | Unset = UNSET,
    batch: str | Unset = UNSET,
    client_batch_id: str | Unset = UNSET,
    match: ListDeliveriesMatch | Unset = UNSET,
    consumer: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
) -> Response[DeliveryPage | Error]:
    """Completed tasks in delivery order, by time, page token or named consumer

     With `consumer`, the server keeps the consumer's place (no `next_token`) and the tasks handed over
    become `delivered`.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        batch (str | Unset):
        client_batch_id (str | Unset):
        match (ListDeliveriesMatch | Unset):
        consumer (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryPage | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        since=since,
        batch=batch,
        client_batch_id=client_batch_id,
        match=match,
        consumer=consumer,
        limit=limit,
        next_token=next_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    since: Any | Unset = UNSET,
    batch: str | Unset = UNSET,
    client_batch_id: str | Unset = UNSET,
    match: ListDeliveriesMatch | Unset = UNSET,
    consumer: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
) -> DeliveryPage | Error | None:
    """Completed tasks in delivery order, by time, page token or named consumer

     With `consumer`, the server keeps the consumer's place (no `next_token`) and the tasks handed over
    become `delivered`.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        batch (str | Unset):
        client_batch_id (str | Unset):
        match (ListDeliveriesMatch | Unset):
        consumer (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryPage | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        since=since,
        batch=batch,
        client_batch_id=client_batch_id,
        match=match,
        consumer=consumer,
        limit=limit,
        next_token=next_token,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    since: Any | Unset = UNSET,
    batch: str | Unset = UNSET,
    client_batch_id: str | Unset = UNSET,
    match: ListDeliveriesMatch | Unset = UNSET,
    consumer: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
) -> Response[DeliveryPage | Error]:
    """Completed tasks in delivery order, by time, page token or named consumer

     With `consumer`, the server keeps the consumer's place (no `next_token`) and the tasks handed over
    become `delivered`.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        batch (str | Unset):
        client_batch_id (str | Unset):
        match (ListDeliveriesMatch | Unset):
        consumer (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryPage | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        since=since,
        batch=batch,
        client_batch_id=client_batch_id,
        match=match,
        consumer=consumer,
        limit=limit,
        next_token=next_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    since: Any | Unset = UNSET,
    batch: str | Unset = UNSET,
    client_batch_id: str | Unset = UNSET,
    match: ListDeliveriesMatch | Unset = UNSET,
    consumer: str | Unset = UNSET,
    limit: int | Literal[""] | Unset = 100,
    next_token: str | Unset = UNSET,
) -> DeliveryPage | Error | None:
    """Completed tasks in delivery order, by time, page token or named consumer

     With `consumer`, the server keeps the consumer's place (no `next_token`) and the tasks handed over
    become `delivered`.

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        batch (str | Unset):
        client_batch_id (str | Unset):
        match (ListDeliveriesMatch | Unset):
        consumer (str | Unset):
        limit (int | Literal[''] | Unset):  Default: 100.
        next_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryPage | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            since=since,
            batch=batch,
            client_batch_id=client_batch_id,
            match=match,
            consumer=consumer,
            limit=limit,
            next_token=next_token,
        )
    ).parsed
