from __future__ import annotations

import importlib
import pkgutil

import eventwire


def test_init_public_api_is_pinned() -> None:
    assert sorted(eventwire.__all__) == [
        "Actor", "Entity", "Event", "EventwireError", "Extraction", "Failure", "InputError", "Pipeline",
        "Place", "Quote", "Settings", "Timex", "extract", "load_settings",
    ]


def test_init_extract_stays_the_function_after_every_submodule_is_imported() -> None:
    # eventwire.extract is both a function (the library API) and a subpackage (the stages):
    # importing stage modules later must not replace the function.
    for module in pkgutil.walk_packages(eventwire.__path__, "eventwire."):
        if module.name.startswith(("eventwire.api", "eventwire.cli.serve", "eventwire.views")):
            continue  # the optional web extra
        importlib.import_module(module.name)
    assert callable(eventwire.extract) and eventwire.extract.__module__ == "eventwire"
