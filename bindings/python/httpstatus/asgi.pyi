# The types of httpstatus.asgi (written by hand: the module is small). The
# ASGI types are Starlette's (starlette.types), which other frameworks share.
import logging
from typing import (Any, Awaitable, Callable, FrozenSet, Iterator, List, Literal, MutableMapping, Optional, Set,
                    Tuple, Union)

_Level = Literal["info", "should", "must"]
_RuleIds = Union[List[str], Tuple[str, ...], Set[str], FrozenSet[str], Iterator[str]]
_Logger = Union[logging.Logger, logging.LoggerAdapter[Any]]
_Scope = MutableMapping[str, Any]
_Message = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[_Message]]
_Send = Callable[[_Message], Awaitable[None]]
_ASGIApp = Callable[[_Scope, _Receive, _Send], Awaitable[None]]

__all__ = ["CheckMiddleware"]

class CheckMiddleware:
    app: _ASGIApp
    def __init__(
        self,
        app: _ASGIApp,
        *,
        level: Optional[_Level] = "should",
        ignore: _RuleIds = (),
        logger: Optional[_Logger] = None,
        raise_on_finding: bool = False,
        server_adds_date: bool = True,
    ) -> None: ...
    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None: ...
