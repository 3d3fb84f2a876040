# The types of httpstatus.wsgi (written by hand: the module is small).
import logging
from typing import Any, FrozenSet, Iterable, Iterator, List, Literal, Optional, Set, Tuple, Union

from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

_Level = Literal["info", "should", "must"]
_RuleIds = Union[List[str], Tuple[str, ...], Set[str], FrozenSet[str], Iterator[str]]
_Logger = Union[logging.Logger, logging.LoggerAdapter[Any]]

__all__ = ["CheckMiddleware"]

class CheckMiddleware:
    app: WSGIApplication
    def __init__(
        self,
        app: WSGIApplication,
        *,
        level: Optional[_Level] = "should",
        ignore: _RuleIds = (),
        logger: Optional[_Logger] = None,
        raise_on_finding: bool = False,
        server_adds_date: bool = True,
    ) -> None: ...
    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]: ...
