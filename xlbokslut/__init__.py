"""xlbokslut: socialt bokslut (social accounting) for a samordningsförbund, in Excel.

The ribbon button runs ``xlbokslut.main()``; the command line is ``xlbokslut``. Importing the package
loads nothing heavy, so that the button starts fast.
"""
import os
import signal
import sys

__version__ = "0.1.0"


def quiet_start(signum, frame) -> None:
    """Ctrl-C while the command line starts: nothing to clean up yet, so end at once, without a traceback."""
    sys.stderr.write("Avbrutet. Inga filer har ändrats.\n")
    os._exit(2)


_main_file = getattr(sys.modules.get("__main__"), "__file__", None) or ""
if os.path.splitext(os.path.basename(_main_file))[0].lower() in ("xlbokslut", "xlbokslut-script", "__main__") \
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # the console script or python -m
    signal.signal(signal.SIGINT, quiet_start)  # cli.main puts Python's handler back when the command begins


def main() -> None:
    """The ribbon button: evaluate the active workbook, export the board's files, show a message box."""
    from .button import run

    run()
