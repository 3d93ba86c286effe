"""Building, ahead of first use, the pydantic models that defer building their validators."""
from __future__ import annotations

from pydantic import BaseModel


def build_deferred(prefix: str = "drafter.") -> int:
    """Build the validator and serializer of every pydantic model class defined in a module under `prefix` and
    imported so far whose build was deferred (`defer_build=True`: a command that never validates one never pays
    for it). A long-lived process (the warm process, a batch before it forks its workers) calls this once, so
    that each forked child starts with them built rather than building them again (a few ms each, per child).
    Returns how many it built; a model that cannot be built yet (a forward reference) is left for its first use."""
    built = 0
    todo: list[type[BaseModel]] = [BaseModel]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith(prefix) and not cls.__pydantic_complete__ and cls.model_rebuild(
                raise_errors=False):
            built += 1
    return built
