"""Casualty figures in a report's folded text: the patterns that find a number of dead or
wounded (before or after its verb or noun, or a toll that rose to it) and the value of a
number written in digits or words."""

from __future__ import annotations

from geo_deconflict.extract._cues import _rx

_AR_L = "\u0621-\u064a"


AR_NUMBERS = {"واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4,
              "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8,
              "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10}
EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_NUM = "|".join([r"\d{1,3}(?:,\d{3})+", r"\d+", *sorted(AR_NUMBERS, key=len, reverse=True),
                 *sorted(EN_NUMBERS, key=len, reverse=True)])
_KILLED_AR = (r"قتل(?:وا)?|قتيلا|قتلى|لقوا\s+(?:حتفهم|مصرعهم)|لقي\s+(?:حتفه|مصرعه)|"
              r"(?:تم\s+)?تحييدهم")
_WOUNDED_AR = r"اصيب(?:وا)?|جرح(?:وا|ى)?|جريحا|مصابا|مصابين|باصابات"
CASUALTIES = [  # (role, pattern over folded text)
    ("killed", _rx(rf"(?<![{_AR_L}\w])(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:{_KILLED_AR})"
                          rf"(?![{_AR_L}])")),
    ("wounded", _rx(rf"(?<![{_AR_L}\w])(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:{_WOUNDED_AR})"
                           rf"(?![{_AR_L}])")),
    # «ارتفع عدد القتلى المدنيين ... إلى 112», "the death toll rose to 112"
    ("killed", _rx(rf"(?<![{_AR_L}])(?:عدد|حصيله)\s+(?:ال)?(?:قتلي|ضحايا)(?:\s+\S+){{0,6}}?\s+"
                   rf"(?:الي|ب)\s*(?P<n>{_NUM})(?![{_AR_L}\d])|\b(?:death\s+)?toll\b(?:\s+\S+){{0,6}}?"
                   rf"\s+(?:to|at)\s+(?:at\s+least\s+)?(?P<n2>{_NUM})\b")),
    # «مقتل 9», «تحييد 480 إرهابياً», «وفاة ثمانية أطفال»
    ("killed", _rx(rf"(?<![{_AR_L}])[وب]?(?:مقتل|تحييد|وفاه)\s+(?P<n>{_NUM})(?![{_AR_L}\d])")),
    ("wounded", _rx(rf"(?<![{_AR_L}])[وب]?(?:اصابه|جرح)\s+(?P<n>{_NUM})(?![{_AR_L}\d])")),
    # «قُتل 18 عنصراً», «أصيب ثلاثة مدنيين»: the verb, then the figure
    ("killed", _rx(rf"(?<![{_AR_L}])[وف]?(?:قتل|قتلت|استشهد|لقي)\s+(?:نحو\s+|قرابه\s+|حوالي\s+|"
                   rf"اكثر\s+من\s+)?(?P<n>{_NUM})(?![{_AR_L}\d])")),
    ("wounded", _rx(rf"(?<![{_AR_L}])[وف]?(?:اصيب|جرح)\s+(?:نحو\s+|قرابه\s+|حوالي\s+|"
                    rf"اكثر\s+من\s+)?(?P<n>{_NUM})(?![{_AR_L}\d])")),
    ("killed", _rx(rf"\b(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:were\s+|was\s+|had\s+been\s+|"
                          r"have\s+been\s+)?(?:killed|dead|died|neutrali[sz]ed)\b|"
                          r"\bkill(?:ing|ed)\s+(?:at\s+least\s+)?"
                          rf"(?P<n2>{_NUM})\b")),
    ("wounded", _rx(rf"\b(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:were\s+|was\s+)?"
                           r"(?:wounded|injured|hurt)\b|\b(?:wounding|injuring)\s+"
                           rf"(?:at\s+least\s+)?(?P<n2>{_NUM})\b")),
]


# a word every casualty pattern needs: sentences without one are not searched
CASUALTY_HINT = _rx(r"قتل|قتيل|حتف|مصرع|لقي|اصاب|اصيب|جرح|جريح|مصاب|تحييد|وفاه|ضحايا|kill|dead|died|wound|"
                    r"injur|hurt|neutrali|toll")


def number_value(text: str) -> int | None:
    """The value of a number written in digits or as an Arabic or English word."""
    text = text.strip().replace(",", "")   # "3,444"
    if text.isdigit():
        return int(text)
    return AR_NUMBERS.get(text) or EN_NUMBERS.get(text)
