import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def evaluated_example(tmp_path_factory):
    """The bundled example, copied and evaluated once, for tests that only read it."""
    from xlbokslut.example import EXAMPLE_PATH
    from xlbokslut.workbook.files import evaluate_file

    path = tmp_path_factory.mktemp("example") / "example.xlsx"
    shutil.copy(EXAMPLE_PATH, path)
    evaluate_file(path)
    return path
