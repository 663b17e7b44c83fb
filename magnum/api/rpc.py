"""The conductor RPC client the API uses, one per process."""

import threading

from magnum.conductor import rpcapi

_LOCK = threading.Lock()
_CONDUCTOR_API = None


def conductor_api():
    """Return the process-wide :class:`rpcapi.ConductorAPI`.

    Created on first use, so that importing the API does not need a
    messaging transport; tests replace this function with a recorder.
    """
    global _CONDUCTOR_API
    if _CONDUCTOR_API is None:
        with _LOCK:
            if _CONDUCTOR_API is None:
                _CONDUCTOR_API = rpcapi.ConductorAPI()
    return _CONDUCTOR_API
