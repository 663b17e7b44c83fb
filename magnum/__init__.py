"""magnum: container infrastructure management for OpenStack."""

from oslo_service import backend as _service_backend

# magnum runs on plain threads, never eventlet: make oslo.service pick its
# threading backend whenever any magnum code first asks for a component.
_service_backend.register_backend_default_hook(
    lambda: _service_backend.BackendType.THREADING)
