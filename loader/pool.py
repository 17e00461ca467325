"""Worker processes that outlive a dead worker: ``map_in_order``.

multiprocessing.Pool loses the task of a worker that dies (killed, out of memory, a segfault in
a dependency) and waits for its result for ever; concurrent.futures' pool breaks and fails every
task in flight. Here each worker has a pipe of its own and answers for each item as soon as it
has done it, so when a worker dies the first item it has not answered is the one it died on.
A new worker takes its place; that item is tried once more, alone, and given up if it kills a
worker again (``MAX_DEATHS``); the items after it are handed out again.
"""
import collections
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator

MAX_DEATHS = 2  # workers an item may kill before it is given up


class _Worker:
    def __init__(self, context, function: Callable, args: tuple, others: list[Connection]):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_work, daemon=True,
                                       args=(child_end, function, args, [self.connection, *others]))
        self.process.start()
        child_end.close()
        self.chunks: collections.deque[list[int]] = collections.deque()  # sent, not all answered

    def cause_of_death(self) -> str:
        self.process.join()
        code = self.process.exitcode
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exited with status {code}"


def map_in_order(function: Callable, items: list[tuple], workers: int, args: tuple = (),
                 chunk_size: int = 16, chunks_ahead: int = 4) -> Iterator[tuple[Any, list[str]]]:
    """``function(*item, *args)`` for each of ``items`` in ``workers`` forked processes, yielded
    in input order as ``(result, deaths)``: how each worker that died on the item died, and
    ``None`` for the result of an item that killed ``MAX_DEATHS`` workers. Each worker has up
    to two chunks of ``chunk_size`` items, so that it never waits for the next; no item more than
    ``workers * chunks_ahead`` chunks ahead of the next to yield is handed out, so memory stays
    flat behind a slower consumer. An exception in ``function`` is raised here."""
    context = multiprocessing.get_context("fork")
    todo = collections.deque(list(range(start, min(start + chunk_size, len(items))))
                             for start in range(0, len(items), chunk_size))
    ahead = workers * chunks_ahead * chunk_size
    done: dict[int, tuple[Any, list[str]]] = {}
    deaths: dict[int, list[str]] = collections.defaultdict(list)
    pool: list[_Worker] = []

    def start_worker() -> None:
        pool.append(_Worker(context, function, args, [worker.connection for worker in pool]))

    def answered(worker: _Worker, message: tuple) -> None:
        index, ok, value = message
        if not ok:
            raise value
        worker.chunks[0].remove(index)
        if not worker.chunks[0]:
            worker.chunks.popleft()
        done[index] = (value, deaths.pop(index, []))

    def buried(worker: _Worker) -> None:
        pool.remove(worker)
        worker.connection.close()
        cause = worker.cause_of_death()
        unanswered = [index for chunk in worker.chunks for index in chunk]
        if unanswered:
            culprit, rest = unanswered[0], unanswered[1:]
            deaths[culprit].append(cause)
            if rest:
                todo.appendleft(rest)
            if len(deaths[culprit]) >= MAX_DEATHS:
                done[culprit] = (None, deaths.pop(culprit))
            else:
                todo.appendleft([culprit])
        start_worker()

    next_index = 0
    try:
        for _ in range(workers):
            start_worker()
        while next_index < len(items):
            if next_index in done:
                yield done.pop(next_index)
                next_index += 1
                continue
            for worker in pool:
                while len(worker.chunks) < 2 and todo and todo[0][0] < next_index + ahead:
                    chunk = todo.popleft()
                    worker.chunks.append(chunk)
                    try:
                        worker.connection.send([(index, items[index]) for index in chunk])
                    except OSError:  # it has died: its chunks are handed out again below
                        break
            ready = set(wait([worker.connection for worker in pool] +
                             [worker.process.sentinel for worker in pool]))
            for worker in list(pool):
                if worker.connection not in ready and worker.process.sentinel not in ready:
                    continue
                try:
                    while worker.connection.poll():
                        answered(worker, worker.connection.recv())
                except (EOFError, OSError):  # it died, maybe halfway through a message
                    pass
                if not worker.process.is_alive():
                    buried(worker)
    finally:
        for worker in pool:
            worker.process.kill()
        for worker in pool:
            worker.process.join()
            worker.connection.close()


def _work(connection: Connection, function: Callable, args: tuple, inherited: list[Connection]) -> None:
    """A worker: chunks in, one answer per item out, until the pipe closes or the build is gone."""
    for other in inherited:  # the build's ends of the pipes: held here, they would hide its death
        other.close()
    # Ctrl-C reaches every process of the terminal: the build stops and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    build_process = os.getppid()
    while True:
        try:
            chunk = connection.recv()
        except (EOFError, OSError):
            return
        for index, item in chunk:
            if os.getppid() != build_process:  # the build was killed: stop at once
                return
            try:
                message = (index, True, function(*item, *args))
            except Exception as error:
                message = (index, False, error)
            try:
                connection.send(message)
            except OSError:
                return
            except Exception as error:  # the result or the error could not be pickled
                connection.send((index, False, RuntimeError(f"item {index}: {error!r}")))
