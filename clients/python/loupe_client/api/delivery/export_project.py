from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.export_project_format import ExportProjectFormat
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    format_: ExportProjectFormat | Unset = UNSET,
    batch: str | Unset = UNSET,
    since: Any | Unset = UNSET,
    status: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["batch"] = batch

    json_since: Any | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    params["status"] = status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects/{id}/export".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | File]:
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
    format_: ExportProjectFormat | Unset = UNSET,
    batch: str | Unset = UNSET,
    since: Any | Unset = UNSET,
    status: str | Unset = UNSET,
) -> Response[Error | File]:
    """Stream completed tasks (or, with status, tasks in any status) as JSONL, CSV, COCO, YOLO or Pascal
    VOC

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        format_ (ExportProjectFormat | Unset):
        batch (str | Unset):
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        id=id,
        format_=format_,
        batch=batch,
        since=since,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportProjectFormat | Unset = UNSET,
    batch: str | Unset = UNSET,
    since: Any | Unset = UNSET,
    status: str | Unset = UNSET,
) -> Error | File | None:
    """Stream completed tasks (or, with status, tasks in any status) as JSONL, CSV, COCO, YOLO or Pascal
    VOC

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        format_ (ExportProjectFormat | Unset):
        batch (str | Unset):
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        id=id,
        client=client,
        format_=format_,
        batch=batch,
        since=since,
        status=status,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportProjectFormat | Unset = UNSET,
    batch: str | Unset = UNSET,
    since: Any | Unset = UNSET,
    status: str | Unset = UNSET,
) -> Response[Error | File]:
    """Stream completed tasks (or, with status, tasks in any status) as JSONL, CSV, COCO, YOLO or Pascal
    VOC

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        format_ (ExportProjectFormat | Unset):
        batch (str | Unset):
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        id=id,
        format_=format_,
        batch=batch,
        since=since,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportProjectFormat | Unset = UNSET,
    batch: str | Unset = UNSET,
    since: Any | Unset = UNSET,
    status: str | Unset = UNSET,
) -> Error | File | None:
    """Stream completed tasks (or, with status, tasks in any status) as JSONL, CSV, COCO, YOLO or Pascal
    VOC

    Args:
        id (str): 24 lowercase hex characters, ordered by creation time.
        format_ (ExportProjectFormat | Unset):
        batch (str | Unset):
        since (Any | Unset): RFC 3339 with up to 9 fraction digits and a `Z` or `±hh:mm` zone (an
            empty value is ignored).
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            format_=format_,
            batch=batch,
            since=since,
            status=status,
        )
    ).parsed
