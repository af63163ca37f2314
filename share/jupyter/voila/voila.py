"""Voila's server settings for the course (`make present`, the tests): read by Voila from here.

- Idle kernels are culled: a page opened and closed (or fetched by a script) leaves a kernel
  running until 5 minutes without a connection have passed. A projected page keeps its
  connection, so its kernel is never culled while it is on screen.
- At most ``LessonKernels.max_kernels`` kernels at once (12 unless `make present MAX_KERNELS=N`):
  one more page gets a plain message instead of a new kernel, so a shared link cannot exhaust
  the laptop's memory (each lesson kernel takes 150-250 MB).
- Requests must name this server by a local name (127.0.0.1, localhost) unless the page is
  shared on purpose (COURSE_PRESENT_SHARED=1, `make present SHARE=1`): a web page elsewhere
  cannot reach it by DNS rebinding.
"""

import os

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer


class LessonKernels(AsyncMappingKernelManager):  # type: ignore[misc]
    """Jupyter's kernel manager with a cap on how many kernels run at once."""

    max_kernels = Integer(12, config=True, help="The most lesson kernels running at once.")

    async def start_kernel(self, *args: object, **kwargs: object) -> str:
        if len(self.list_kernel_ids()) >= self.max_kernels:
            # The reason is what the page shows (Voila's error page prints only the status line).
            words = (
                f"This lesson is already open in {self.max_kernels} pages, the most this "
                "computer serves at once. Close a page you no longer need, or try again in a "
                "few minutes: pages closed without a goodbye are cleared after 5 minutes"
            )
            raise web.HTTPError(503, words, reason=words)
        kernel_id: str = await super().start_kernel(*args, **kwargs)
        return kernel_id


c = get_config()  # type: ignore[name-defined]  # noqa: F821  (traitlets provides it)
c.VoilaConfiguration.multi_kernel_manager_class = LessonKernels
c.MappingKernelManager.cull_idle_timeout = 300
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
shared = os.environ.get("COURSE_PRESENT_SHARED") == "1"
c.Voila.tornado_settings = {"allow_remote_access": shared}
