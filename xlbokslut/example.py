"""The bundled example: Samordningsförbundet Umeåregionen's socialt bokslut 2021, rebuilt.

Goals, indicators, targets and outcomes are taken from the published report
(shared/seeds/004). The report does not print the weights, nor every count
behind a percentage; those are reconstructed (see ABOUT) so that evaluating
the workbook gives the report's table: indices 56, 80, 85, 72, 76, total 70.

``python -m xlbokslut.example`` regenerates examples/umearegionen_2021.xlsx.
"""
from __future__ import annotations

from pathlib import Path

EXAMPLE_PATH = Path(__file__).resolve().parents[1] / "examples" / "umearegionen_2021.xlsx"
EXAMPLE_NAME = "umearegionen_2021.xlsx"

ABOUT = (
    "Exemplet är Samordningsförbundet Umeåregionens sociala bokslut 2021, återskapat ur den publicerade "
    "rapporten: målområden, målvikter, mål, indikatorer, målvärden och utfall (n av N) är rapportens.",
    "Återskapat (står inte i rapporten): vikterna (valda så att varje målområdes maximala och uppnådda "
    "impactvärde blir rapportens 68/38, 44/35, 26/22, 18/13 och 21/16), antalen bakom könsfördelningarna för "
    "personal, styrgrupper och styrelse och bakom könsskillnaderna (valda så att procenten blir rapportens), "
    "samt helårsekvivalenternas nivåer per kommun (rapporten ger bara förändringen).",
)

SETTINGS = {"Organisation": "Samordningsförbundet Umeåregionen", "Verksamhetsår": "2021"}

AREAS = [
    [1, "Samhälls- och medlemsnytta", 40],
    [2, "Jämlik samverkan", 25],
    [3, "Deltagarnöjdhet", 15],
    [4, "Samordning", 10],
    [5, "Medarbetarnöjdhet", 10],
]

_GOALS = {
    "1.1": "Verksamheterna ska undvika inlåsning och främja funktionell genomströmning.",
    "1.2": "Deltagarna som avslutat har gått vidare till en för individen positiv lösning.",
    "1.3": "Andelen människor som är beroende av ersättning från det offentliga trygghetssystemet ska minska.",
    "2.1": "Representationen i Samordningsförbundets verksamhet är jämställd.",
    "2.2": "Deltagarna upplever att de har blivit bemötta med värdighet.",
    "2.3": "Effekterna av insatserna ska inte obefogat visa att något kön gynnas.",
    "2.4": "Deltagarnas upplevelse av stödet skiljer sig inte mellan kvinnor och män.",
    "2.5": "Deltagarna anger att de har blivit bemötta med respekt, sett utifrån diskrimineringsgrunderna.",
    "3.1": "Erfarenheter, kunskaper och synpunkter tas tillvara från enskilda deltagare.",
    "3.2": "Deltagarna känner att de verksamheter som erbjuds är organiserade runt deras behov.",
    "3.3": "Deltagarna upplever inflytande över rehabiliteringsprocessen.",
    "3.4": "Deltagarna har blivit väl bemötta.",
    "3.5": "Deltagarna tycker att insatsen de deltagit i är viktig.",
    "4.1": "Samordningsförbundet tar ansvar för den lagstadgade uppgiften att svara för uppföljningen och "
           "utvärderingen av den finansiella samordningen.",
    "4.2": "Samordnade verksamheter inkluderar även andra aktörer i samhället som företag, ideella krafter och "
           "föreningsliv i verksamheten för deltagarna.",
    "4.3": "Det finns en fungerande lokal samverkan utifrån samverkansuppdraget.",
    "4.4": "Det finns en fungerande regional samverkan mellan plattformarna i Umeåregionen.",
    "4.5": "Verksamheter har identifierat och återkopplat utvecklingsområden hos samverkansparterna.",
    "5.1": "Medarbetarna trivs med att samarbeta utifrån ett gemensamt uppdrag med gemensam målgrupp.",
    "5.2": "Medarbetarna upplever att professionella i andra myndigheter respekterar deras kunskap, roller och "
           "arbetssätt.",
    "5.3": "Personalen känner meningsfullhet och resultatglädje i arbetet.",
}

_DISCRIMINATION = [("kön", 87), ("ålder", 81), ("religion", 87), ("funktionsnedsättning", 82),
                   ("sexuell läggning", 86), ("könsidentitet", 86), ("etnicitet", 87)]
_MUNICIPALITIES = [("Vännäs", 12.4, 11.5), ("Robertsfors", 11.8, 10.9), ("Vindeln", 13.9, 11.8),
                   ("Bjurholm", 14.2, 12.6), ("Nordmaling", 13.5, 12.3), ("Umeå", 10.7, 10.4)]

# (indicator no, indicator, kind, target, upper, weight, source, verification inputs, reference)
# inputs: dict of Verifikationer columns.
_INDICATORS = [
    ("1.1.1", "Verksamheterna ska uppnå 40 % genomströmning: antalet årliga avslut i förhållande till det totala "
              "antalet deltagare under hela året.", "Andel minst", 40, None, 8, "Deltagarstatistik",
     {"link": "Deltagare: genomströmning"}, "Deltagarstatistik 2021, tabell 1"),
    ("1.2.1", "80 % av de som avslutat insatsen ska avslutas till en för individen positiv lösning.",
     "Andel minst", 80, None, 12, "Deltagarstatistik", {"link": "Deltagare: positiv lösning"},
     "Deltagarstatistik 2021, tabell 1"),
    ("1.2.2", "Av de som avslutat insatsen med en positiv lösning ska 35 % gå vidare till arbete.",
     "Andel minst", 35, None, 10, "Deltagarstatistik", {"link": "Deltagare: till arbete"},
     "Deltagarstatistik 2021, tabell 1"),
    ("1.2.3", "Av de som avslutat insatsen med en positiv lösning ska 25 % gå vidare till studier.",
     "Andel minst", 25, None, 8, "Deltagarstatistik", {"link": "Deltagare: till studier"},
     "Deltagarstatistik 2021, tabell 1"),
    ("1.2.4", "En sammanfattande redovisning beskriver de positiva lösningar, utöver arbete eller studier, som "
              "genererats under året, fördelat i procent.", "Ja/Nej", None, None, 3, "Kansliet",
     {"Värde": "Ja"}, "Bokslutet: Beskrivning positiva lösningar utanför arbete eller studier"),
    ("1.2.5", "Två (2) framgångsbeskrivningar ska presenteras om positiva individuella lösningar.",
     "Antal minst", 2, None, 3, "Kansliet", {"Värde": 2},
     "Exempel 1 Ålderspension, Exempel 2 Beviljad sjukersättning"),
    *[(f"1.3.{i}", f"Andelen helårsekvivalenter av befolkningen 20–64 år i {name} har minskat jämfört med "
                   "föregående år.", "Minskning minst procentenheter", 0, None, 4, "SCB",
       {"link": f"Helårsekvivalenter: {name}"}, f"SCB helårsekvivalenter, {name}")
      for i, (name, base, now) in enumerate(_MUNICIPALITIES, start=1)],
    ("2.1.1", "Det ska vara jämställd könsfördelning, 40–60 %, bland deltagarna.", "Könsfördelning", 40, 60, 3,
     "Deltagarstatistik", {"link": "Deltagare: deltagare"}, "Deltagarstatistik 2021, tabell 1"),
    ("2.1.2", "Det ska vara jämställd könsfördelning, 40–60 %, bland personalen.", "Könsfördelning", 40, 60, 2,
     "Personal", {"Kvinnor": 72, "Män": 17}, "Personalförteckning"),
    ("2.1.3", "Det ska vara jämställd könsfördelning, 40–60 %, i styrgrupperna.", "Könsfördelning", 40, 60, 3,
     "Styrgrupper", {"Kvinnor": 11, "Män": 9}, "Styrgruppernas ledamöter"),
    ("2.1.4", "Det ska vara jämställd könsfördelning, 40–60 %, i Samordningsförbundets styrelse.",
     "Könsfördelning", 40, 60, 3, "Styrelse", {"Kvinnor": 4, "Män": 6}, "Styrelsens ledamöter"),
    ("2.2.1", "Skillnaden mellan män och kvinnor får inte överstiga 20 % bland de deltagare som svarat mycket "
              "bra eller bra på frågan ”Hur har du blivit bemött?”", "Könsskillnad högst", 20, None, 3,
     "Deltagare", {"Kvinnor": 52, "Kvinnor av": 54, "Män": 36, "Män av": 38}, "Deltagarenkät 2021"),
    ("2.3.1", "Andelen deltagare som avslutat insatsen och funnit en för individen positiv lösning är jämnt "
              "fördelat (40–60 %) mellan kvinnor och män.", "Könsfördelning", 40, 60, 3, "Deltagarstatistik",
     {"link": "Deltagare: positiv lösning"}, "Deltagarstatistik 2021, tabell 1"),
    ("2.3.2", "Andelen deltagare som avslutat insatsen och gått vidare till arbete är jämnt fördelat (40–60 %) "
              "mellan kvinnor och män.", "Könsfördelning", 40, 60, 3, "Deltagarstatistik",
     {"link": "Deltagare: till arbete"}, "Deltagarstatistik 2021, tabell 1"),
    ("2.3.3", "Andelen deltagare som avslutat insatsen och gått vidare till studier är jämnt fördelat (40–60 %) "
              "mellan kvinnor och män.", "Könsfördelning", 40, 60, 3, "Deltagarstatistik",
     {"link": "Deltagare: till studier"}, "Deltagarstatistik 2021, tabell 1"),
    ("2.3.4", "Andelen deltagare som funnit en annan positiv lösning än arbete eller studier är jämnt fördelat "
              "(40–60 %) mellan kvinnor och män.", "Könsfördelning", 40, 60, 3, "Deltagarstatistik",
     {"Kvinnor": 46, "Män": 67}, "Deltagarstatistik 2021, tabell 1"),
    ("2.3.5", "Genomströmningen ska vara jämnt fördelad, 40–60 %, mellan kvinnor och män.", "Könsfördelning",
     40, 60, 3, "Deltagarstatistik", {"link": "Deltagare: genomströmning"}, "Deltagarstatistik 2021, tabell 1"),
    ("2.4.1", "Skillnaden mellan män och kvinnor får inte överstiga 20 % bland de deltagare som svarat till "
              "stor del eller till mycket stor del på frågan ”Har du fått det stöd du behöver …?”",
     "Könsskillnad högst", 20, None, 3, "Deltagare",
     {"Kvinnor": 36, "Kvinnor av": 54, "Män": 28, "Män av": 38}, "Deltagarenkät 2021"),
    ("2.4.2", "Skillnaden mellan män och kvinnor får inte överstiga 20 % bland de deltagare som svarat till "
              "stor del eller till mycket stor del på frågan ”Har du fått vara med och bestämma vilket stöd som "
              "du har fått?”", "Könsskillnad högst", 20, None, 3, "Deltagare",
     {"Kvinnor": 46, "Kvinnor av": 54, "Män": 33, "Män av": 38}, "Deltagarenkät 2021"),
    ("2.4.3", "Skillnaden mellan män och kvinnor får inte överstiga 20 % bland de deltagare som svarat mycket "
              "viktig eller viktig på frågan ”Hur tycker du tiden i verksamheten har varit för dig?”",
     "Könsskillnad högst", 20, None, 2, "Deltagare",
     {"Kvinnor": 24, "Kvinnor av": 26, "Män": 13, "Män av": 16}, "Deltagarenkät 2021"),
    *[(f"2.5.{i}", f"100 % av de deltagare som svarat ska ha svarat nej på ”Har du blivit diskriminerad på grund "
                   f"av {ground}?”", "Andel minst", 100, None, 1, "Deltagare",
       {"Täljare": n, "Nämnare": 93}, "Deltagarenkät 2021")
      for i, (ground, n) in enumerate(_DISCRIMINATION, start=1)],
    ("3.1.1", "70 % av deltagarna ska svara till mycket stor del eller till stor del på ”Har personalen lyssnat "
              "på dig och tagit tillvara dina synpunkter?”", "Andel minst", 70, None, 3, "Deltagare",
     {"Täljare": 81, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.1.2", "Högst 10 % av deltagarna får svara inte alls på samma fråga.", "Andel högst", 10, None, 2,
     "Deltagare", {"Täljare": 2, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.1.3", "80 % av personalen ska svara till mycket stor del eller till stor del på ”Har ni som personal "
              "lyssnat på deltagarna och tagit tillvara deras synpunkter?”", "Andel minst", 80, None, 2,
     "Personal", {"Täljare": 86, "Nämnare": 89}, "Personalenkät 2021"),
    ("3.1.4", "Högst 10 % av personalen får svara inte alls på samma fråga.", "Andel högst", 10, None, 1,
     "Personal", {"Täljare": 0, "Nämnare": 89}, "Personalenkät 2021"),
    ("3.2.1", "70 % av deltagarna ska svara till mycket stor del eller till stor del på ”Har du fått det stöd "
              "du behöver för att öka din chans att få ett arbete, påbörja studier eller hitta en annan positiv "
              "lösning?”", "Andel minst", 70, None, 4, "Deltagare", {"Täljare": 64, "Nämnare": 93},
     "Deltagarenkät 2021"),
    ("3.2.2", "Högst 10 % av deltagarna får svara inte alls på samma fråga.", "Andel högst", 10, None, 2,
     "Deltagare", {"Täljare": 4, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.2.3", "80 % av deltagarna ska svara ja på ”Har du haft en person eller ett team som du kunnat vända dig "
              "till med dina frågor?”", "Andel minst", 80, None, 2, "Deltagare", {"Täljare": 85, "Nämnare": 93},
     "Deltagarenkät 2021"),
    ("3.3.1", "70 % av deltagarna ska svara till stor del eller till mycket stor del på ”Har du fått vara med "
              "och bestämma vilket stöd som du har fått?”", "Andel minst", 70, None, 2, "Deltagare",
     {"Täljare": 79, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.3.2", "Högst 10 % av deltagarna får svara inte alls på samma fråga.", "Andel högst", 10, None, 1,
     "Deltagare", {"Täljare": 2, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.4.1", "70 % av deltagarna ska svara mycket bra eller bra på ”Hur har du blivit bemött?”", "Andel minst",
     70, None, 2, "Deltagare", {"Täljare": 88, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.4.2", "Högst 10 % av deltagarna får svara mycket dåligt på samma fråga.", "Andel högst", 10, None, 1,
     "Deltagare", {"Täljare": 2, "Nämnare": 93}, "Deltagarenkät 2021"),
    ("3.5.1", "70 % av deltagarna ska svara mycket viktig eller viktig på ”Hur tycker du tiden i verksamheten "
              "har varit för dig?”", "Andel minst", 70, None, 2, "Deltagare", {"Täljare": 37, "Nämnare": 42},
     "Deltagarenkät 2021"),
    ("3.5.2", "Högst 10 % av deltagarna får svara inte alls viktig på samma fråga.", "Andel högst", 10, None, 2,
     "Deltagare", {"Täljare": 4, "Nämnare": 42}, "Deltagarenkät 2021"),
    ("4.1.1", "80 % av styrelsen och förbundscheferna ska svara ja på ”Har ni en strategi för hur ni arbetar med "
              "uppföljning och utvärdering av de samordnade rehabiliteringsverksamheterna?”", "Andel minst", 80,
     None, 1, "Styrelse/förbundschefer", {"Täljare": 12, "Nämnare": 12}, "Styrelseenkät 2021"),
    ("4.1.2", "80 % av styrgrupperna ska svara ja på samma fråga.", "Andel minst", 80, None, 1, "Styrgrupper",
     {"Täljare": 17, "Nämnare": 20}, "Styrgruppsenkät 2021"),
    ("4.1.3", "80 % av styrelsen och förbundscheferna ska svara ja på ”Använder ni uppföljning och utvärdering "
              "som underlag för att utveckla de samordnade rehabiliteringsverksamheterna?”", "Andel minst", 80,
     None, 1, "Styrelse/förbundschefer", {"Täljare": 12, "Nämnare": 12}, "Styrelseenkät 2021"),
    ("4.1.4", "80 % av styrgrupperna ska svara ja på samma fråga.", "Andel minst", 80, None, 1, "Styrgrupper",
     {"Täljare": 14, "Nämnare": 20}, "Styrgruppsenkät 2021"),
    ("4.1.5", "80 % av personalen ska svara ja på samma fråga.", "Andel minst", 80, None, 1, "Personal",
     {"Täljare": 73, "Nämnare": 89}, "Personalenkät 2021"),
    ("4.1.6", "Ledningen för Samordningsförbundet redogör i en fallstudie för strategin för uppföljning och "
              "utvärdering av de samordnade rehabiliteringsverksamheterna.", "Ja/Nej", None, None, 3, "Kansliet",
     {"Värde": "Ja"}, "Bokslutet: Beskrivning (fallstudie)"),
    ("4.2.1", "Två (2) framgångsbeskrivningar belyser hur verksamheterna inkluderar andra aktörer i samhället.",
     "Antal minst", 2, None, 3, "Kansliet", {"Värde": 4},
     "Exempel: Svenska kyrkan, Västerbottens museum, Reboot, Företagsmässa"),
    ("4.2.2", "70 % av styrelsen och förbundscheferna ska svara i mycket stor eller stor utsträckning på "
              "”Samarbetar ni med andra aktörer som företag, sociala företag och föreningsliv?”", "Andel minst",
     70, None, 1, "Styrelse/förbundschefer", {"Täljare": 5, "Nämnare": 12}, "Styrelseenkät 2021"),
    ("4.2.3", "70 % av styrgrupperna ska svara i mycket stor eller stor utsträckning på samma fråga.",
     "Andel minst", 70, None, 0, "Styrgrupper", {"Täljare": 11, "Nämnare": 20}, "Styrgruppsenkät 2021"),
    ("4.2.4", "70 % av personalen ska svara i mycket stor eller stor utsträckning på samma fråga.", "Andel minst",
     70, None, 1, "Personal", {"Täljare": 56, "Nämnare": 89}, "Personalenkät 2021"),
    ("4.3.1", "80 % av styrgrupperna ska svara till mycket stor eller stor del på ”Den lokala samverkan utifrån "
              "samverkansuppdraget har fungerat”.", "Andel minst", 80, None, 1, "Styrgrupper",
     {"Täljare": 18, "Nämnare": 20}, "Styrgruppsenkät 2021"),
    ("4.3.2", "80 % av personalen ska svara till mycket stor eller stor del på samma fråga.", "Andel minst", 80,
     None, 1, "Personal", {"Täljare": 73, "Nämnare": 89}, "Personalenkät 2021"),
    ("4.4.1", "80 % av styrelsen och förbundscheferna ska svara till mycket stor eller stor del på ”Den "
              "regionala samverkan mellan plattformarna har fungerat”.", "Andel minst", 80, None, 1,
     "Styrelse/förbundschefer", {"Täljare": 11, "Nämnare": 12}, "Styrelseenkät 2021"),
    ("4.4.2", "80 % av personalen ska svara till mycket stor eller stor del på samma fråga.", "Andel minst", 80,
     None, 1, "Personal", {"Täljare": 60, "Nämnare": 89}, "Personalenkät 2021"),
    ("4.5.1", "Två (2) framgångsbeskrivningar belyser hur verksamheterna har identifierat och återkopplat "
              "utvecklingsområden hos samverkansparterna.", "Antal minst", 2, None, 1, "Kansliet", {"Värde": 0},
     "Inga framgångsbeskrivningar redovisade"),
    ("5.1.1", "80 % av personalen ska svara till mycket stor eller stor del på ”Jag trivs med att samarbeta "
              "utifrån ett gemensamt uppdrag med gemensam målgrupp”.", "Andel minst", 80, None, 2, "Personal",
     {"Täljare": 85, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.2.1", "80 % av personalen ska svara till mycket stor eller stor del på ”Upplever du att de du samverkar "
              "med hos andra myndigheter lyssnar på dig?”", "Andel minst", 80, None, 2, "Personal",
     {"Täljare": 80, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.2.2", "80 % av personalen ska svara till mycket stor eller stor del på ”Upplever du att de du samverkar "
              "med hos andra myndigheter vet vad du kan tillföra?”", "Andel minst", 80, None, 2, "Personal",
     {"Täljare": 79, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.3.1", "80 % av personalen ska svara ja på ”Finns det en tillräcklig planering för vad som ska hända "
              "efter att detta stöd upphör?”", "Andel minst", 80, None, 5, "Personal",
     {"Täljare": 50, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.3.2", "80 % av personalen ska svara till mycket stor eller stor del på ”Jag upplever att jag bidragit "
              "till att vi lyckats med vårt samverkansuppdrag”.", "Andel minst", 80, None, 2, "Personal",
     {"Täljare": 77, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.3.3", "70 % av personalen ska svara till mycket stor eller stor del på ”Deltagarna har fått det stöd de "
              "behöver för att få ett arbete, påbörja studier eller hitta en annan positiv lösning”.",
     "Andel minst", 70, None, 2, "Personal", {"Täljare": 75, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.3.4", "70 % av personalen ska svara till mycket stor eller stor del på ”Jag anser att vi i "
              "samverkansplattformen är medskapare och bidrar till verksamhetens uppnåendemål”.",
     "Andel minst", 70, None, 2, "Personal", {"Täljare": 69, "Nämnare": 89}, "Personalenkät 2021"),
    ("5.3.5", "70 % av styrgrupperna ska svara ja på ”Jag anser att vi i samverkansplattformen bidrar till en "
              "god och säker dokumentation”.", "Andel minst", 70, None, 2, "Styrgrupper",
     {"Täljare": 19, "Nämnare": 20}, "Styrgruppsenkät 2021"),
    ("5.3.6", "70 % av styrelsen och förbundscheferna ska svara ja på samma fråga.", "Andel minst", 70, None, 2,
     "Styrelse/förbundschefer", {"Täljare": 12, "Nämnare": 12}, "Styrelseenkät 2021"),
]

# The delbokslut: each plattform's own outcome for the indicators its participant table answers.
_UNIT_LINKS = [("1.1.1", "Deltagare: genomströmning"), ("1.2.1", "Deltagare: positiv lösning"),
               ("1.2.2", "Deltagare: till arbete"), ("1.2.3", "Deltagare: till studier"),
               ("2.1.1", "Deltagare: deltagare")]

# Deltagarbakgrund 2021 (the report's three tables; its "Slutsumma" rows are what xlbokslut must compute).
BACKGROUND = {
    "Åldersintervall": [("15–19", 40, 30), ("20–24", 70, 93), ("25–29", 67, 80), ("30–34", 33, 59),
                        ("35–39", 36, 27), ("40–44", 23, 22), ("45–49", 22, 16), ("50–54", 14, 15),
                        ("55–59", 13, 16), ("60–64", 2, 9)],
    "Utbildningsnivå": [("Annan eftergymnasial utbildning", 15, 12), ("Grundskola", 107, 132),
                        ("Gymnasium", 124, 154), ("Högskola/universitet mer än 3 år", 9, 7),
                        ("Högskola/universitet upp till 3 år", 16, 8), ("Högskola/universitet upp till 1 år", 7, 10),
                        ("Saknas/okänd", 42, 44)],
    "Försörjningskälla före": [("A-kassa", 9, 10), ("Aktivitetsersättning", 37, 26), ("Aktivitetsstöd", 47, 46),
                               ("Annan offentlig försörjning", 13, 14), ("Försörjningsstöd", 126, 190),
                               ("Ingen offentlig försörjning", 67, 68), ("Sjukersättning", 3, 2),
                               ("Sjukpenning/rehabpenning", 47, 25), ("Studiestöd/studiemedel", 4, 8)],
}
# Befolkning 20–64 år (2020, 2021), reconstructed: the report gives only the change in helårsekvivalenter.
_POPULATION = {"Vännäs": (4900, 4920), "Robertsfors": (3500, 3480), "Vindeln": (2800, 2790),
               "Bjurholm": (1250, 1240), "Nordmaling": (3900, 3880), "Umeå": (76000, 76500)}

# Deltagarna i siffror 2021: per unit, the twelve categories as (kvinnor, män, föregående år).
PARTICIPANTS = {
    "Ungdomstorget": [(121, 127, 244), (26, 34, 77), (43, 39, None), (34, 35, 77), (11, 10, 40), (0, 0, 0),
                      (13, 12, 26), (4, 9, 35), (6, 4, 0), (8, 2, 16), (1, 2, 7), (78, 88, None)],
    "Vuxentorget": [(152, 194, 434), (32, 24, 122), (65, 62, None), (46, 48, 73), (19, 15, 41), (0, 0, 0),
                    (9, 11, 24), (12, 14, 28), (6, 8, 7), (15, 12, 18), (4, 2, 10), (87, 132, None)],
    "Bjurholm": [(13, 13, 15), (6, 6, 11), (5, 7, None), (5, 6, 100), (1, 1, 100), (3, 4, 0), (1, 0, 0),
                 (0, 0, 0), (0, 1, 0), (0, 0, 0), (0, 1, 0), (8, 6, None)],
    "Vännäs": [(33, 33, 78), (9, 13, 35), (18, 15, None), (13, 12, 47), (5, 5, 13), (3, 3, 6), (2, 1, 38),
               (1, 3, 38), (2, 0, 6), (3, 3, 26), (2, 0, 26), (15, 18, None)],
    "Nordmaling": [(16, 25, 53), (7, 7, 32), (9, 18, None), (7, 12, 81), (2, 1, 14), (1, 0, 14), (3, 2, 19),
                   (1, 8, 24), (0, 1, 29), (2, 2, 4), (0, 4, 15), (7, 7, None)],
    "Robertsfors": [(16, 20, 57), (8, 5, 32), (11, 15, None), (9, 13, 79), (4, 2, 30), (1, 2, 33), (0, 3, 11),
                    (3, 4, 22), (1, 2, 4), (1, 0, 9), (1, 2, 12), (5, 5, None)],
    "Vindeln": [(11, 13, 33), (5, 5, 18), (4, 8, None), (2, 5, 68), (0, 1, 23), (2, 3, 8), (0, 0, 23),
                (0, 0, 38), (0, 1, 8), (1, 2, 0), (1, 1, 32), (7, 5, None)],
}
# The förbund's total: only last year's column is typed; xlbokslut sums the units.
PARTICIPANTS_TOTAL_PREVIOUS = [914, 327, None, 71, 31, 9, 23, 30, 7, 14, 15, None]


def _rows():
    from .schema import OUTCOME_COLUMNS, PARTICIPANT_CATEGORIES

    budget, verifications = [], []
    previous_goal = previous_area = None
    for number, text, kind, target, upper, weight, source, inputs, reference in _INDICATORS:
        goal_no = number.rsplit(".", 1)[0]
        area = int(goal_no.split(".")[0])
        new_goal = goal_no != previous_goal
        budget.append([area if area != previous_area else None, goal_no if new_goal else None,
                       _GOALS[goal_no] if new_goal else None, number, text, kind, target, upper, weight, source,
                       None])
        previous_goal, previous_area = goal_no, area
        verifications.append([number, None, *[inputs.get(c) for c in OUTCOME_COLUMNS], inputs.get("link"),
                              reference, None])
    for unit in PARTICIPANTS:  # the plattformar's delbokslut, from their own participant tables
        for number, link in _UNIT_LINKS:
            verifications.append([number, unit, *[None] * len(OUTCOME_COLUMNS), link,
                                  f"Deltagarstatistik 2021, {unit}", None])
    participants = []
    for unit, figures in PARTICIPANTS.items():
        for category, (women, men, previous) in zip(PARTICIPANT_CATEGORIES, figures):
            participants.append([unit, category, women, men, previous])
    for category, previous in zip(PARTICIPANT_CATEGORIES, PARTICIPANTS_TOTAL_PREVIOUS):
        participants.append(["Totalt", category, None, None, previous])
    background = [[table, category, women, men] for table, rows in BACKGROUND.items()
                  for category, women, men in rows]
    equivalents = []
    for name, (pop_before, pop_now) in _POPULATION.items():
        base, now = next((b, n) for m, b, n in _MUNICIPALITIES if m == name)
        equivalents.append([name, 2020, round(base * pop_before / 100), pop_before])
        equivalents.append([name, 2021, round(now * pop_now / 100), pop_now])
    return budget, verifications, participants, background, equivalents


def build_example():
    from .workbook.template import build_workbook

    budget, verifications, participants, background, equivalents = _rows()
    return build_workbook(SETTINGS, AREAS, budget, verifications, participants, ABOUT, background, equivalents)


def write_example(path: Path = EXAMPLE_PATH) -> Path:
    from .workbook.files import safe_save

    path.parent.mkdir(parents=True, exist_ok=True)
    safe_save(build_example(), path)
    return path


if __name__ == "__main__":
    print(write_example())
