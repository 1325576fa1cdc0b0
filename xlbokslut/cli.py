"""The command line: thin commands in Swedish (English aliases), no tracebacks for the user."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import quiet_start
from .issues import UnusableWorkbook, to_fix

EXIT_OK, EXIT_BUG, EXIT_UNUSABLE = 0, 1, 2
SHOWN_ISSUES = 10


class _Parser(argparse.ArgumentParser):
    """argparse with Swedish words where it prints its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--hjalp", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        message = (message.replace("the following arguments are required", "det här saknas")
                   .replace("invalid choice", "okänt kommando").replace("choose from", "välj bland")
                   .replace("unrecognized arguments", "okända argument")
                   .replace("expected one argument", "ett värde behövs"))
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNUSABLE, f"{self.prog}: fel: {message}\n")


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Användning: " if prefix is None else prefix)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xlbokslut")
    except PackageNotFoundError:  # run from a source folder that was never installed
        return "okänd version (inte installerad)"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xlbokslut", description="Socialt bokslut för samordningsförbund: räknar ut varje "
                                                   "indikators status och IMPACTindex i arbetsboken.")
    parser.add_argument("--version", action="version", version=f"xlbokslut {_version()}",
                        help="visa vilken version av xlbokslut som körs och avsluta")
    sub = parser.add_subparsers(dest="command", title="kommandon", metavar="KOMMANDO", parser_class=_Parser)
    new = sub.add_parser("ny", aliases=["new"], help="skapa en ny arbetsbok från mallen",
                         description="Skapar en ny arbetsbok från mallen. En befintlig fil skrivs aldrig över.")
    new.add_argument("fil", metavar="FIL", help="den nya arbetsbokens namn, t.ex. bokslut_2025.xlsx")
    new.add_argument("--organisation", metavar="TEXT", default="", help="organisationens namn")
    new.add_argument("--ar", "--år", metavar="ÅR", default="", help="verksamhetsåret")
    ev = sub.add_parser("utvardera", aliases=["utvärdera", "evaluate"], help="utvärdera en arbetsbok (på plats)",
                        description="Läser arbetsboken, räknar ut status och IMPACTindex och skriver resultatet "
                                    "tillbaka i samma fil. Inget du skrivit ändras.")
    ev.add_argument("fil", metavar="FIL", help="arbetsboken (.xlsx)")
    ev.add_argument("--fjol", metavar="FIL", default=None,
                    help="förra årets arbetsbok att jämföra med (i stället för inställningen Fjolårets arbetsbok)")
    exp = sub.add_parser("exportera", aliases=["export"], help="skriv styrelsens resultatarbetsbok och bokslutet att publicera",
                         description="Räknar ut bokslutet (arbetsboken läses bara, den ändras inte) och skriver "
                                     "<namn>_resultat_<år>.xlsx och <namn>_sammanfattning_<år>.md åt styrelsen, "
                                     "och bokslutet att publicera som Word-dokument och webbsida "
                                     "(<namn>_socialt_bokslut_<år>.docx och .html). Tidigare "
                                     "utdata med samma namn ersätts först när de nya filerna är klara.")
    exp.add_argument("fil", metavar="FIL", help="arbetsboken (.xlsx)")
    exp.add_argument("--utdata", metavar="KATALOG", default=None, help="mappen att skriva i (standard: arbetsbokens)")
    exp.add_argument("--per-enhet", action="store_true", help="skriv också filerna per enhet (delbokslut)")
    exp.add_argument("--pdf", action="store_true",
                     help="skriv också Word-dokumentet som tillgänglig (taggad) PDF; kräver LibreOffice")
    exp.add_argument("--fjol", metavar="FIL", default=None,
                     help="förra årets arbetsbok att jämföra med (i stället för inställningen Fjolårets arbetsbok)")
    addin = sub.add_parser("addin", help="bygg, installera eller ta bort Excel-tillägget (fliken Socialt bokslut)",
                           description="Excel-tillägget ger fliken Socialt bokslut med knappen Utvärdera.")
    addin_sub = addin.add_subparsers(dest="addin_command", title="kommandon", metavar="KOMMANDO",
                                     parser_class=_Parser, required=True)
    build = addin_sub.add_parser("bygg", aliases=["build"], help="bygg xlbokslut.xlam")
    build.add_argument("--utdata", metavar="KATALOG", default=".", help="mappen att skriva i (standard: här)")
    for name, alias, text in (("installera", "install", "installera tillägget i Excel (XLSTART)"),
                              ("avinstallera", "uninstall", "ta bort tillägget ur Excel")):
        p = addin_sub.add_parser(name, aliases=[alias], help=text)
        p.add_argument("--mapp", metavar="KATALOG", default=None,
                       help="en annan mapp än Excels XLSTART (för test eller nätverksinstallation)")
    demo = sub.add_parser("exempel", aliases=["demo"], help="skriv, utvärdera och exportera ett exempel (standard: "
                                                            "Umeåregionen 2021)",
                          description="Skriver en exempelarbetsbok i en mapp, utvärderar den och skriver styrelsens "
                                      "filer. Utan NAMN: Umeåregionens sociala bokslut 2021. En tidigare exempelfil "
                                      "i mappen skrivs över.")
    demo.add_argument("namn", metavar="NAMN", nargs="?", default=None,
                      help="exemplets namn eller början av det (se --lista)")
    demo.add_argument("--lista", action="store_true", help="lista exemplen och avsluta")
    demo.add_argument("--utdata", metavar="KATALOG", default=".", help="mappen att skriva i (standard: här)")
    survey = sub.add_parser("enkat", aliases=["enkät", "survey"], help="lägg in enkätsvar i arbetsboken",
                            description="Enkätsvar (en rad per svarande, en kolumn per fråga) som xlbokslut räknar "
                                        "utfallen ur, enligt bladet Enkätfrågor.")
    survey_sub = survey.add_subparsers(dest="survey_command", title="kommandon", metavar="KOMMANDO",
                                       parser_class=_Parser, required=True)
    imp = survey_sub.add_parser("importera", aliases=["import"], help="kopiera en export (CSV eller Excel) till ett "
                                                                      "nytt blad i arbetsboken",
                                description="Kopierar enkätverktygets export till ett nytt blad i arbetsboken (inget "
                                            "annat i arbetsboken ändras, inget blad skrivs över) och listar frågorna.")
    imp.add_argument("export", metavar="EXPORT", help="exporten: .csv eller .xlsx")
    imp.add_argument("--arbetsbok", metavar="FIL", required=True, help="arbetsboken (.xlsx) att lägga svaren i")
    imp.add_argument("--blad", metavar="NAMN", default=None, help="det nya bladets namn (standard: Enkät <filnamn>)")
    imp.add_argument("--behall-alla-kolumner", action="store_true",
                     help="lägg in alla exportens kolumner, också namn, e-post, telefon, IP-adresser och tider "
                          "(standard: bara frågorna, enheten och könet, det som räknas)")
    questions = survey_sub.add_parser("fragor", aliases=["frågor", "questions"], help="lista frågorna på ett "
                                                                                     "enkätblad")
    questions.add_argument("fil", metavar="FIL", help="arbetsboken (.xlsx)")
    questions.add_argument("--blad", metavar="NAMN", required=True, help="bladet med enkätsvaren")
    check = sub.add_parser("kontrollera", aliases=["check"], help="kontrollera att arbetsboken följer mallen",
                           description="Kontrollerar arbetsbokens blad, tabeller, kolumner och inställningar mot "
                                       "mallen och säger hur varje avvikelse rättas. Arbetsboken läses bara. "
                                       "Slutkod 0 när den går att utvärdera, 1 när den inte gör det.")
    check.add_argument("fil", metavar="FIL", help="arbetsboken (.xlsx)")
    check.add_argument("--utvarderad", action="store_true", help="kontrollera också att resultattabellerna är ifyllda")
    lite = sub.add_parser("lite", help="skriv ut texterna till xlwings Lite (Python i Excel utan installation)",
                          description="Skriver ut det som klistras in i xlwings Lite: fliken main.py (knappen "
                                      "Utvärdera) och fliken requirements.txt. Se README, avsnittet xlwings Lite.")
    only = lite.add_mutually_exclusive_group()
    only.add_argument("--main", action="store_true", help="skriv bara ut texten till main.py")
    only.add_argument("--requirements", action="store_true", help="skriv bara ut texten till requirements.txt")
    lite.add_argument("--publicerad", action="store_true", help="requirements.txt när xlbokslut finns på PyPI (då "
                                                                "behövs inget hjul i /data)")
    return parser


def _print_summary(path: Path, ev) -> None:
    from collections import Counter

    from .export.view import board_view
    from .issues import ERROR, NOTICE, WARNING
    from .participants import throughput_text
    from .values import counted, fmt_num, fmt_signed

    s = ev.budget.settings
    print(f"Utvärderade {path}" + (f" – {s.organisation}" if s.organisation else "") + (f" {s.year}" if s.year else ""))
    for unit in ev.units:
        view = board_view(ev, unit)
        total = view.total
        label = f"IMPACTindex {unit}" if unit else "IMPACTindex"
        if (total.index is None or total.versus_target is None) and not unit:
            print(f"{label}: kan inte räknas ut (inga impactpoäng)")
        elif total.index is None or total.versus_target is None:
            print(f"{label}: {view.index_text()}")
        else:
            measured = f"; {view.measured()}" if unit else ""
            print(f"{label}: {total.index} (mål {fmt_num(s.impact_target)}, {fmt_signed(total.versus_target)}{measured})")
        if not unit:
            for a in view.areas:
                index = "–" if a.index is None or a.versus_target is None else f"{a.index:>3} ({fmt_signed(a.versus_target)})"
                print(f"  {a.number:>3} {a.name:<40} {index}")
    forbund = board_view(ev)
    figures = forbund.figures()
    if figures is not None and throughput_text(figures):
        print(f"Genomströmning hela förbundet: {throughput_text(figures)}")
    if forbund.last_year_sentence():
        print(forbund.last_year_sentence())
    counts = forbund.counts()
    print("Indikatorer: " + ", ".join(f"{n} {st}" for st, n in counts.items()))
    levels = Counter(i.level for i in ev.issues)
    found = [counted(levels[level], *words) for level, words in ((ERROR, ("fel", "fel")),
                                                                 (WARNING, ("varning", "varningar")),
                                                                 (NOTICE, ("notis", "notiser"))) if levels[level]]
    print("Problem i indata: " + (", ".join(found) + " (se bladet Indataproblem)" if found else "0"))
    serious = to_fix(ev.issues)
    for issue in serious[:SHOWN_ISSUES]:
        print(f"  {issue}")
    if len(serious) > SHOWN_ISSUES:
        print(f"  … och {len(serious) - SHOWN_ISSUES} till")


def _cmd_new(args) -> int:
    from .workbook.template import write_template

    from .values import ValueProblem, parse_year

    if not args.fil.strip():
        raise UnusableWorkbook("Ange ett namn på den nya arbetsboken, t.ex. bokslut_2025.xlsx.")
    path = Path(args.fil)
    if path.suffix.lower() in (".xls", ".xlsm", ".xlsb", ".ods", ".csv"):
        raise UnusableWorkbook(f"Den nya arbetsboken blir en .xlsx-fil; ge den ett namn som slutar på .xlsx i stället "
                               f"för {path.suffix}.")
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    try:
        year = parse_year(args.ar) if args.ar else ""
    except ValueProblem as problem:
        raise UnusableWorkbook(f"--ar: {problem}.") from None
    if path.exists():
        raise UnusableWorkbook(f"{path} finns redan och skrivs inte över. Välj ett annat namn.")
    if not path.parent.is_dir():
        raise UnusableWorkbook(f"Mappen {path.parent} finns inte.")
    write_template(path, args.organisation, year)
    print(f"Skapade {path}. Fyll i bladen Inställningar, Målområden, Budget och Verifikationer, "
          f"och kör sedan: xlbokslut utvardera \"{path}\"")
    return EXIT_OK


def _cmd_evaluate(args) -> int:
    from .workbook.files import evaluate_file

    path = Path(args.fil)
    _print_summary(path, evaluate_file(path, args.fjol))
    return EXIT_OK


def _print_written(paths: list[Path]) -> None:
    print("Skrev:")
    for path in paths:
        print(f"  {path}")


def _cmd_export(args) -> int:
    from .jobs import export_file

    _, paths = export_file(Path(args.fil), args.utdata, args.per_enhet, args.fjol)
    why_not = ""
    if args.pdf:
        from .export.pdf import to_pdf

        pdfs, why_not = to_pdf([p for p in paths if p.suffix == ".docx"])
        paths += pdfs
    _print_written(paths)
    if why_not:
        print(why_not)
    return EXIT_OK


def _cmd_addin(args) -> int:
    from . import addin

    command = {"build": "bygg", "install": "installera", "uninstall": "avinstallera"}.get(args.addin_command,
                                                                                          args.addin_command)
    if command == "bygg":
        path = addin.build(Path(args.utdata) / addin.ADDIN_NAME)
        print(f"Byggde {path} (menyfliksområdets XML och knappens VBA är kontrollerade).")
    elif command == "installera":
        path = addin.install(Path(args.mapp) if args.mapp else None)
        print(f"Installerade {path}. Knappen använder Python {sys.executable}. Starta om Excel; fliken heter "
              "Socialt bokslut.")
    else:
        removed = addin.uninstall(Path(args.mapp) if args.mapp else None)
        print(f"Tog bort {removed}." if removed else "Tillägget var inte installerat.")
    return EXIT_OK


def _example_name(typed: str) -> str:
    """An example by its name, the start of it (``003``) or a word of its title (``2017``)."""
    from .example import titles

    examples = titles()
    key = typed.strip().casefold()
    found = [n for n, t in examples.items() if n.casefold() == key] or \
            [n for n, t in examples.items() if n.casefold().startswith(key) or key in t.casefold().split()]
    if len(found) != 1:
        listing = "; ".join(examples)
        raise UnusableWorkbook(f"exemplet ”{typed}” {'finns inte' if not found else 'är inte entydigt'}. "
                               f"Exemplen: {listing} (se xlbokslut exempel --lista).")
    return found[0]


def _cmd_demo(args) -> int:
    from .example import DEFAULT, titles
    from .jobs import write_demo

    if args.lista:
        for name, title in titles().items():
            print(f"{name}  {title}{'  (standard)' if name == DEFAULT else ''}")
        return EXIT_OK
    path, evaluation, paths = write_demo(Path(args.utdata), _example_name(args.namn) if args.namn else None)
    _print_summary(path, evaluation)
    _print_written([path] + paths)
    return EXIT_OK


def _print_questions(sheet) -> None:
    print(f"Frågor på bladet ”{sheet.name}” ({len(sheet.rows)} svarande). Kopiera rubriken till kolumnen Fråga på "
          "bladet Enkätfrågor:")
    for i, header in enumerate(sheet.headers):
        if header:
            print(f"  {i + 1:>3}  {sheet.column(i):>3}  {header}")


def _cmd_survey(args) -> int:
    from .workbook.surveys import import_survey, questions_of

    command = {"import": "importera", "questions": "fragor", "frågor": "fragor"}.get(args.survey_command,
                                                                                   args.survey_command)
    if command == "importera":
        name, sheet, left_out = import_survey(Path(args.arbetsbok), Path(args.export), args.blad,
                                              args.behall_alla_kolumner)
        print(f"Lade in {Path(args.export).name} på bladet ”{name}” i {args.arbetsbok}.")
        if left_out:
            print(f"Lämnade utanför {len(left_out)} {'kolumn' if len(left_out) == 1 else 'kolumner'} som inte "
                  "behövs för att räkna och kan vara personuppgifter (namn, kontaktuppgifter, tider, id): "
                  + ", ".join(left_out) + ". Med --behall-alla-kolumner kommer de med.")
    else:
        sheet = questions_of(Path(args.fil), args.blad)
    _print_questions(sheet)
    return EXIT_OK


def _cmd_check(args) -> int:
    from .issues import ERROR
    from .workbook.check import check_results, check_workbook

    path = Path(args.fil)
    issues = check_workbook(path)
    results = check_results(path) if args.utvarderad else []
    errors = [i for i in issues if i.level == ERROR]
    print(f"Kontrollerade {path}")
    for issue in issues + results:
        print(f"  {issue.level}: {issue}")
    if errors:
        print(f"Arbetsboken går inte att utvärdera: rätta {'felet' if len(errors) == 1 else 'felen'} ovan.")
        return EXIT_BUG
    if any(i.level == ERROR for i in results):
        # The contract holds, so the workbook can be evaluated: what is missing is the evaluation itself.
        print(f"Arbetsboken följer mallen men är inte utvärderad: kör xlbokslut utvardera {path}")
        return EXIT_BUG
    others = len(issues)
    print("Arbetsboken följer mallen." if not others else
          f"Arbetsboken går att utvärdera ({others} {'avvikelse' if others == 1 else 'avvikelser'} från mallen).")
    return EXIT_OK


def _cmd_lite(args) -> int:
    from . import lite

    requirements = lite.PUBLISHED_REQUIREMENTS if args.publicerad else lite.REQUIREMENTS
    if args.main or args.requirements:
        sys.stdout.write(lite.MAIN_PY if args.main else requirements)
        return EXIT_OK
    print("Fliken requirements.txt i xlwings Lite (ersätt allt där med):\n")
    sys.stdout.write(requirements)
    print("\nFliken main.py (ersätt allt där med):\n")
    sys.stdout.write(lite.MAIN_PY)
    if not args.publicerad:
        print("\nImportera också hjulet xlbokslut-*.whl under xlwings Lite-menyn > Files > Import/Export "
              "(se README, avsnittet xlwings Lite).")
    return EXIT_OK


COMMANDS = {"ny": _cmd_new, "new": _cmd_new, "utvardera": _cmd_evaluate, "utvärdera": _cmd_evaluate,
            "evaluate": _cmd_evaluate, "exportera": _cmd_export, "export": _cmd_export, "exempel": _cmd_demo,
            "demo": _cmd_demo, "addin": _cmd_addin, "kontrollera": _cmd_check, "check": _cmd_check,
            "enkat": _cmd_survey, "enkät": _cmd_survey, "survey": _cmd_survey, "lite": _cmd_lite}


def _untouched() -> str:
    """What the user may rely on after a failure: nothing written, or which files were."""
    from .safefile import WRITTEN

    if not WRITTEN:
        return "Inga filer har ändrats."
    return "Hann sparas: " + ", ".join(str(p) for p in WRITTEN) + "."


def _output_failed(problem: OSError) -> int:
    """stdout cannot be written (xlbokslut … > /dev/full): say so on stderr, and let Python's exit flush nothing."""
    from .safefile import why

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    print(f"Fel: utskriften kunde inte skrivas ({why(problem)}). {_untouched()}", file=sys.stderr)
    return EXIT_UNUSABLE


def main(argv: list[str] | None = None) -> int:
    try:
        if signal.getsignal(signal.SIGINT) is quiet_start:  # the command has begun: Ctrl-C cleans up after it
            signal.signal(signal.SIGINT, signal.default_int_handler)
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")
        from .safefile import WRITTEN

        WRITTEN.clear()
        parser = _parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return EXIT_UNUSABLE
        code = COMMANDS[args.command](args)
        try:
            sys.stdout.flush()
        except OSError as problem:
            return _output_failed(problem)
        return code
    except UnusableWorkbook as problem:
        print(f"Fel: {problem}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # the reader of our output went away (xlbokslut … | head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(f"Avbrutet. {_untouched()}", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as problem:  # the machine, not xlbokslut: a full disk, a name too long for the folder
        if problem.filename is None:  # writing the output (a file's problems name the file)
            return _output_failed(problem)
        from .safefile import why

        where = Path(os.fsdecode(problem.filename)).name if problem.filename else "en fil"
        print(f"Fel: {where} kan inte användas ({why(problem)}). {_untouched()}", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception:  # a bug: say so plainly, never a traceback
        print(f"Ett oväntat fel inträffade i xlbokslut. {_untouched()} Kör samma kommando med miljövariabeln "
              "XLBOKSLUT_DEBUG=1 för detaljer och rapportera felet.", file=sys.stderr)
        if os.environ.get("XLBOKSLUT_DEBUG"):
            raise
        return EXIT_BUG

