"""A click on an xlwings Lite script button, done the way Lite's runtime does it (after its public predecessor in
xlwings-server): ``XLWINGS_ON_SERVER=true`` before xlwings is imported, main.py exec'd as the module ``main``,
the workbook built from the payload Excel sends, the script called through ``xlwings.server.custom_scripts_call``
and ``book.json()`` handed back. The same code runs in CPython and in real Pyodide (tests/pyodide/run_lite.mjs),
so their actions can be compared byte for byte.

    python tests/lite_runtime.py MAIN_PY PAYLOAD_JSON...   # prints one JSON line per payload
"""
import os

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # what Lite's runtime sets for the remote engine

import importlib.util  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402


def load_main(source: str):
    """main.py as Lite loads it: a fresh module named ``main`` whose namespace the source is exec'd in."""
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("main", loader=None))
    exec(source, module.__dict__)
    sys.modules["main"] = module
    return module


async def click(main_py: str, payload: dict, script: str = "utvardera") -> str:
    """One click: a JSON line with the actions sent back to Excel and the seconds the click took in Python."""
    import xlwings as xw
    import xlwings.server

    start = time.perf_counter()
    module = load_main(main_py)
    book = xw.Book(json=payload)
    book = await xlwings.server.custom_scripts_call(module=module, script_name=script,
                                                    typehint_to_value={xw.Book: book})
    actions = book.json()["actions"]
    return json.dumps({"actions": actions, "seconds": time.perf_counter() - start}, ensure_ascii=False)


def as_from_javascript(payload: dict) -> dict:
    """The payload as Pyodide hands it over from Office.js: a JavaScript number with an integral value becomes
    an int (``3.0`` arrives as ``3``)."""
    def number(text: str):
        value = float(text)
        return int(value) if value.is_integer() else value

    return json.loads(json.dumps(payload), parse_float=number)


def main(argv: list[str]) -> None:
    import asyncio

    with open(argv[0], encoding="utf-8") as f:
        main_py = f.read()
    for name in argv[1:]:
        with open(name, encoding="utf-8") as f:
            payload = as_from_javascript(json.load(f))
        print(asyncio.run(click(main_py, payload)))


if __name__ == "__main__":
    main(sys.argv[1:])
