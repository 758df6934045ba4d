from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.callback_auth_key import CallbackAuthKey
from ...models.error import Error
from ...models.rotate_callback_auth_key_mode import RotateCallbackAuthKeyMode
from ...types import Response


def _get_kwargs(
    dialect: str,
    mode: RotateCallbackAuthKeyMode,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/callback-auth-keys/{dialect}/{mode}/rotate".format(
            dialect=quote(str(dialect), safe=""),
            mode=quote(str(mode), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CallbackAuthKey | Error | None:
    if response.status_code == 200:
        response_200 = CallbackAuthKey.from_dict(response.json())

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
) -> Response[CallbackAuthKey | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dialect: str,
    mode: RotateCallbackAuthKeyMode,
    *,
    client: AuthenticatedClient,
) -> Response[CallbackAuthKey | Error]:
    """Replace a dialect's callback auth key for live or test work

    Args:
        dialect (str):
        mode (RotateCallbackAuthKeyMode):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CallbackAuthKey | Error]
    """

    kwargs = _get_kwargs(
        dialect=dialect,
        mode=mode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dialect: str,
    mode: RotateCallbackAuthKeyMode,
    *,
    client: AuthenticatedClient,
) -> CallbackAuthKey | Error | None:
    """Replace a dialect's callback auth key for live or test work

    Args:
        dialect (str):
        mode (RotateCallbackAuthKeyMode):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CallbackAuthKey | Error
    """

    return sync_detailed(
        dialect=dialect,
        mode=mode,
        client=client,
    ).parsed


async def asyncio_detailed(
    dialect: str,
    mode: RotateCallbackAuthKeyMode,
    *,
    client: AuthenticatedClient,
) -> Response[CallbackAuthKey | Error]:
    """Replace a dialect's callback auth key for live or test work

    Args:
        dialect (str):
        mode (RotateCallbackAuthKeyMode):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CallbackAuthKey | Error]
    """

    kwargs = _get_kwargs(
        dialect=dialect,
        mode=mode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dialect: str,
    mode: RotateCallbackAuthKeyMode,
    *,
    client: AuthenticatedClient,
) -> CallbackAuthKey | Error | None:
    """Replace a dialect's callback auth key for live or test work

    Args:
        dialect (str):
        mode (RotateCallbackAuthKeyMode):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CallbackAuthKey | Error
    """

    return (
        await asyncio_detailed(
            dialect=dialect,
            mode=mode,
            client=client,
        )
    ).parsed
