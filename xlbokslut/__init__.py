"""xlbokslut: socialt bokslut (social accounting) for a samordningsförbund, in Excel.

The ribbon button runs ``xlbokslut.main()``; the command line is ``xlbokslut``. Importing the package
loads nothing heavy, so that the button starts fast.
"""
__version__ = "0.1.0"


def main() -> None:
    """The ribbon button: evaluate the active workbook, export the board's files, show a message box."""
    from .button import run

    run()
