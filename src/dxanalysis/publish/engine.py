"""A papermill engine that keeps its kernels warm: ``papermill --engine dxanalysis``.

papermill's own engine starts a kernel for every notebook and shuts it down
after: each report pays a new Python, ipykernel and the imports of pandas,
matplotlib and seaborn. This engine runs a notebook in the same way (it is
papermill's :class:`~papermill.clientwrap.PapermillNotebookClient`, cell by
cell, with papermill's error handling), but on a kernel this process keeps:

- a kernel may be started ahead (:func:`prestart`), with code to warm it up
  (the imports a report needs), while the caller does other work;
- after a notebook, the kernel is parked, and the next notebook in the same
  working folder, with the same kernel and environment variables, runs on it
  after a reset: the IPython
  namespace and history are new (``execution_count`` starts at 1 again),
  figures are closed, matplotlib's settings and the working folder are put
  back as they were before the first notebook. Imported modules stay
  imported: that is the saving.

A notebook that changes other process-wide state (environment variables,
``sys.path``, a module's globals) leaves it changed for the next one; the
review notebook changes none (``tests/test_engine.py`` checks that a report
made on a warm kernel is the one a fresh kernel makes). Only Python kernels
are kept; any other kernel is started and shut down per notebook, as
papermill does. Kernels are shut down when the process exits.

It is registered under papermill's ``papermill.engine`` entry point group as
``dxanalysis``, so ``papermill --engine dxanalysis in.ipynb out.ipynb`` and
``papermill.execute_notebook(..., engine_name="dxanalysis")`` use it.

Examples
--------
>>> from papermill.engines import papermill_engines
>>> papermill_engines.get_engine(ENGINE_NAME) is WarmKernelEngine
True
"""

from __future__ import annotations

import atexit
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

ENGINE_NAME = "dxanalysis"
# The kernel's own history goes nowhere: a kept kernel must not grow a file, nor share one with others.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]
STARTUP_TIMEOUT = 60
# jupyter_client's own words for a kernel that does not come up, which a caller may look for (a port
# taken at start); they reach the analyst inside dxanalysis's message about the kernel, in their language.
KERNEL_DIED = "Kernel died before replying to kernel_info"
KERNEL_SILENT = "Kernel didn't respond in {seconds} seconds"
# Run silently (no execution count, no output kept) once a kernel is up: what "as it was before the
# first notebook" means for matplotlib and the working folder.
_REMEMBER_STATE = """\
import os as _os, sys as _sys, types as _types
_state = _sys.modules.setdefault("_dxanalysis_warm_kernel", _types.ModuleType("_dxanalysis_warm_kernel"))
_state.cwd = _os.getcwd()
try:
    import matplotlib as _mpl
    _state.rc = dict(_mpl.rcParams)
except ImportError:
    _state.rc = None
"""
_RESET = """\
get_ipython().reset(new_session=True)
import os as _os, sys as _sys, warnings as _warnings
_state = _sys.modules["_dxanalysis_warm_kernel"]
_os.chdir(_state.cwd)
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
if _state.rc is not None:
    import matplotlib as _mpl
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")  # deprecated keys are in the copy too
        _mpl.rcParams.clear()
        _mpl.rcParams.update(_state.rc)
del _os, _sys, _warnings, _state
"""


# Set by pandera when it is imported (in this process after a kernel is started, and in the kernel too):
# not a change the next notebook would miss.
SET_BY_IMPORTS = frozenset({"SPARK_LOCAL_IP", "PYARROW_IGNORE_TIMEZONE"})


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in SET_BY_IMPORTS}


class KernelResetFailed(RuntimeError):
    """A kept kernel could not be reset (it is shut down; a new one is started)."""


@dataclass
class WarmKernel:
    """A kernel this process started and may run several notebooks on, with its client and its stderr."""

    name: str
    cwd: str
    manager: Any  # jupyter_client.AsyncKernelManager
    client: Any  # jupyter_client.AsyncKernelClient
    log: Path
    environment: dict[str, str] = field(default_factory=_environment)  # as launched with
    log_read: int = 0
    runs: int = 0
    ready: bool = False
    keep: bool = True
    pending: list[str] = field(default_factory=list)  # silent requests whose replies are not read yet

    def said(self) -> str:
        """What the kernel wrote to its stderr since last asked."""
        try:
            with open(self.log, "rb") as handle:
                handle.seek(self.log_read)
                text = handle.read()
        except OSError:
            return ""
        self.log_read += len(text)
        return text.decode("utf-8", errors="replace")


def _run_sync(coroutine_function):  # noqa: ANN001, ANN202 - jupyter_core's bridge, imported when used
    from jupyter_core.utils import run_sync

    return run_sync(coroutine_function)


class KernelPool:
    """The kernels this process keeps, by kernel name and working folder: one idle kernel at most.

    >>> pool = KernelPool()
    >>> kernel = pool.take("python3", ".")  # none parked: a new one, ready
    >>> pool.park(kernel)
    >>> pool.take("python3", ".") is kernel  # the same process, reset
    True
    >>> pool.discard(kernel)
    """

    def __init__(self) -> None:
        self._idle: WarmKernel | None = None  # one at most: a process running notebooks from many folders
        # must not gather kernels
        self._log_dir: Path | None = None

    def start(self, kernel_name: str, cwd: str | Path, warm_up: str = "") -> WarmKernel:
        """Launch a kernel and queue ``warm_up`` on it; return at once, before the kernel is ready."""
        from jupyter_client import AsyncKernelManager

        if self._log_dir is None:
            self._log_dir = Path(tempfile.mkdtemp(prefix="dxanalysis-kernels-"))
            atexit.register(self.shutdown_all)
        manager = AsyncKernelManager(kernel_name=kernel_name)
        log = self._log_dir / f"kernel-{os.getpid()}-{id(manager)}.log"
        with open(log, "ab") as stderr:  # the kernel keeps its own copy of the descriptor
            _run_sync(manager.start_kernel)(cwd=str(cwd), extra_arguments=KERNEL_ARGUMENTS, stderr=stderr)
        kernel = WarmKernel(kernel_name, str(Path(cwd).resolve()), manager, manager.client(), log,
                            keep=getattr(manager.kernel_spec, "language", "") == "python")
        kernel.client.start_channels()
        # queued now, run as soon as the kernel is up; the state remembered is the warmed-up kernel's
        if warm_up:
            kernel.pending.append(kernel.client.execute(warm_up, silent=True, store_history=False))
        if kernel.keep:
            kernel.pending.append(kernel.client.execute(_REMEMBER_STATE, silent=True, store_history=False))
        return kernel

    def prestart(self, kernel_name: str, cwd: str | Path, warm_up: str = "") -> None:
        """Start a kernel for the next notebook run in ``cwd`` and park it (unless one is parked already);
        it boots while the caller works."""
        if not self._fits(self._idle, kernel_name, cwd):
            self._keep(self.start(kernel_name, cwd, warm_up))

    @staticmethod
    def _fits(kernel: WarmKernel | None, kernel_name: str, cwd: str | Path) -> bool:
        """True for a kernel that may run the next notebook: same kernel, folder and environment variables."""
        return kernel is not None and (kernel.name, kernel.cwd) == (kernel_name, str(Path(cwd).resolve())) \
            and kernel.environment == _environment()  # else the notebook would not see what changed

    def _keep(self, kernel: WarmKernel) -> None:
        if self._idle is not None and self._idle is not kernel:
            self.discard(self._idle)
        self._idle = kernel

    def take(self, kernel_name: str, cwd: str | Path, startup_timeout: float = STARTUP_TIMEOUT) -> WarmKernel:
        """A ready kernel for ``cwd``: a parked one, reset, or a new one."""
        kernel, self._idle = self._idle, None
        if self._fits(kernel, kernel_name, cwd):
            try:
                self._make_ready(kernel, startup_timeout)
                return kernel
            except Exception:  # noqa: BLE001 - a parked kernel that died or cannot reset is replaced
                pass
        if kernel is not None:
            self.discard(kernel)
        kernel = self.start(kernel_name, cwd)
        try:
            self._make_ready(kernel, startup_timeout)
        except Exception as err:
            err.kernel_said = kernel.said()  # type: ignore[attr-defined] - why it died, for the caller's log
            self.discard(kernel)
            raise
        return kernel

    def _make_ready(self, kernel: WarmKernel, startup_timeout: float) -> None:
        if kernel.runs:
            kernel.pending.append(kernel.client.execute(_RESET, silent=True, store_history=False))
        if not kernel.ready and not kernel.pending:
            _run_sync(kernel.client.wait_for_ready)(timeout=startup_timeout)
        # (the replies to the requests queued at start tell that the kernel is up: wait_for_ready would
        # read them and throw them away)
        self._read_replies(kernel, startup_timeout)
        kernel.ready = True

    @staticmethod
    def _read_replies(kernel: WarmKernel, timeout: float) -> None:
        """Wait for the silent requests' replies; a failed warm-up or reset means a kernel not to use."""
        from queue import Empty

        waited = 0.0
        while kernel.pending:
            try:
                reply = _run_sync(kernel.client.get_shell_msg)(timeout=1)
            except Empty:
                waited += 1
                if not _run_sync(kernel.manager.is_alive)():
                    raise RuntimeError(KERNEL_DIED) from None
                if waited >= timeout:
                    raise RuntimeError(KERNEL_SILENT.format(seconds=timeout)) from None
                continue
            msg_id = reply.get("parent_header", {}).get("msg_id")
            if msg_id in kernel.pending:
                kernel.pending.remove(msg_id)
                content = reply.get("content", {})
                if content.get("status") != "ok":
                    raise KernelResetFailed(f"{content.get('ename', '')}: {content.get('evalue', '')}")

    def park(self, kernel: WarmKernel) -> None:
        """Keep a kernel after a notebook ran on it, or shut it down if it is not to be kept or has died."""
        kernel.runs += 1
        if kernel.keep and _run_sync(kernel.manager.is_alive)():
            self._keep(kernel)
        else:
            self.discard(kernel)

    def discard(self, kernel: WarmKernel) -> None:
        """Shut a kernel down now."""
        try:
            kernel.client.stop_channels()
            _run_sync(kernel.manager.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already gone
            pass
        kernel.log.unlink(missing_ok=True)

    def shutdown_all(self) -> None:
        """Shut down every parked kernel (at exit, or when a batch worker is done)."""
        if self._idle is not None:
            self.discard(self._idle)
        self._idle = None


KERNELS = KernelPool()


def prestart(kernel_name: str, cwd: str | Path, warm_up: str = "") -> None:
    """Start a kernel now for this process's next notebook in ``cwd`` (see :class:`KernelPool`)."""
    KERNELS.prestart(kernel_name, cwd, warm_up)


class WarmKernelEngine:
    """papermill's nbclient engine on a kernel from :data:`KERNELS`, kept for the next notebook.

    papermill calls its engines' ``execute_notebook``; the engine itself, a subclass of papermill's
    ``NBClientEngine``, is made on first use, so that importing this module never imports papermill
    (whose import loads this entry point: each importing the other first would be a cycle).
    """

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):  # noqa: ANN001, ANN206 - papermill's signature
        """Run ``nb`` as :meth:`papermill.engines.Engine.execute_notebook` does, on a warm kernel."""
        return _nbclient_engine().execute_notebook(nb, kernel_name, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb, name=None):  # noqa: ANN001, ANN206 - papermill's signature
        """The kernel ``nb`` asks for, as papermill's engines read it."""
        return _nbclient_engine().nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):  # noqa: ANN001, ANN206 - papermill's signature
        """The language of ``nb``, as papermill's engines read it."""
        return _nbclient_engine().nb_language(nb, language)


@lru_cache(maxsize=1)
def _nbclient_engine() -> type:
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.utils import merge_kwargs, remove_args

    class Engine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,  # noqa: ANN001, ANN206
                                     stderr_file=None, start_timeout=STARTUP_TIMEOUT, execution_timeout=None,
                                     kernel_log=None, **kwargs):
            # ``kernel_log`` (a path) gets what the kernel wrote to its stderr during this notebook
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            try:
                kernel = KERNELS.take(kernel_name, os.getcwd(), start_timeout)
            except Exception as err:
                _append(kernel_log, getattr(err, "kernel_said", ""))
                raise
            final_kwargs = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                        kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file,
                                        stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, km=kernel.manager, **final_kwargs)
            client.kc = kernel.client
            try:
                return client.execute()
            finally:
                _append(kernel_log, kernel.said())
                KERNELS.park(kernel)

    return Engine


def _append(log: str | Path | None, text: str) -> None:
    if log and text:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(text)
