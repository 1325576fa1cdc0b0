"""xlbokslut: socialt bokslut (social accounting) for a samordningsförbund, in Excel.

The ribbon button runs ``xlbokslut.main()``; the command line is ``xlbokslut``.
"""
__version__ = "0.1.0"
