"""Word lists of the geoparser: generic heads, directions, relation cues, stop lists, metonymy cues.

Entries are written as they appear in text and folded once, at import, with
`names.arabic_key` (Arabic) or lower-casing (English), so that hamza, alef, taa marbuta and
diacritic variants all match. `geoparse` looks tokens up here after peeling proclitics.
"""

from __future__ import annotations

from geo_deconflict.geo.names import arabic_key


def _ar(*words: str) -> frozenset[str]:
    return frozenset(arabic_key(w) for w in words)


def _ar_map(mapping: dict[str, str]) -> dict[str, str]:
    return {arabic_key(k): v for k, v in mapping.items()}


# -- generic heads: a classifier before a name; not part of the toponym span ---------------
# value: the kind of place the head asks for ("city", "governorate", "river", "area", "site")
GENERIC_HEADS_AR = _ar_map({
    "مدينة": "city", "المدينة": "city", "بلدة": "city", "البلدة": "city", "قرية": "city",
    "القرية": "city", "قرى": "city", "بلدات": "city", "مدن": "city", "العاصمة": "city",
    "عاصمة": "city", "حي": "city", "مخيم": "city", "ناحية": "area", "منطقة": "area",
    "المنطقة": "area", "محافظة": "governorate", "المحافظة": "governorate",
    "محافظتي": "governorate", "محافظات": "governorate",
    "المحافظات": "governorate", "ولاية": "governorate", "إقليم": "area", "نهر": "river",
    "النهر": "river", "حامية": "site", "قاعدة": "site", "مطار": "site", "معبر": "site",
    "دولة": "country", "بلاد": "country",
    # duals and plurals head a list («بلدتي الباغوز والسوسة»)
    "بلدتي": "city", "مدينتي": "city", "قريتي": "city", "البلدات": "city",
    "القرى": "city", "المدن": "city", "مخيمي": "city", "منطقتي": "area",
    # (the nominative duals: «تعرّضت قريتا خافية والتينة لقصف»)
    "بلدتا": "city", "مدينتا": "city", "قريتا": "city", "مخيما": "city", "منطقتا": "area",
    "محافظتا": "governorate", "مخيمات": "city",
    # fronts: «على محور قرية الداودية», «محوري البحرة وأبو حسن»
    "محور": "area", "محوري": "area", "محاور": "area", "جبهة": "area", "جبهات": "area",
})
GENERIC_HEADS_EN = {
    "city": "city", "town": "city", "village": "city", "villages": "city", "capital": "city",
    "settlement": "city", "settlements": "city", "hamlet": "city", "towns": "city",
    "neighbourhood": "city", "neighborhood": "city", "suburb": "city", "camp": "city",
    "province": "governorate", "governorate": "governorate", "river": "river",
    "region": "area", "area": "area", "district": "area", "base": "site", "garrison": "site",
}
# plural and dual heads, which govern a list of names («محافظتي دير الزور والرقة»)
PLURAL_HEADS_AR = _ar("محافظتي", "محافظات", "المحافظات", "مدن", "المدن", "قرى", "القرى",
                      "بلدات", "البلدات", "مدينتي", "بلدتي", "قريتي", "منطقتي", "مناطق",
                      "محافظتا", "مدينتا", "بلدتا", "قريتا", "منطقتا", "مخيمي", "مخيما",
                      "مخيمات", "محوري", "محاور", "جبهات")
PLURAL_HEADS_EN = {"provinces", "governorates", "towns", "villages", "cities"}
# heads of lexicalised feature names, kept in the span («سد تشرين», «حقل العمر», "Tabqa dam")
FEATURE_HEADS_AR = _ar("سد", "جسر", "قلعة", "حقل", "معمل")
FEATURE_HEADS_EN = {"dam", "bridge", "castle", "citadel", "field", "crossing", "highway",
                    "motorway", "stream", "airbase", "plant"}
# heads written after an English name ("the Euphrates River", "Hama province")
TRAILING_HEADS_EN = {"river": "river", "province": "governorate", "governorate": "governorate",
                     "city": "city", "town": "city", "valley": None, "base": "site",
                     "garrison": "site", "countryside": None, "camp": "city", "village": "city",
                     "district": None, "airport": "site", "airbase": "site", "area": None,
                     "region": None, "crossing": "site", "neighbourhood": "city",
                     "neighborhood": "city", "subdistrict": None, "bridge": "site"}

# anaphoric nominals: "the governorate", "the river" ... (anchor = last such place)
ANAPHORS_AR = _ar_map({
    "المحافظة": "governorate", "المدينة": "city", "البلدة": "city", "النهر": "river",
    "البلاد": "country", "القاعدة": "site", "الحامية": "site",
})
ANAPHORS_EN = {"province": "governorate", "governorate": "governorate", "city": "city",
               "town": "city", "river": "river", "country": "country", "base": "site"}

# -- directions ----------------------------------------------------------------------------
_DIRS = (("north", "شمال"), ("south", "جنوب"), ("east", "شرق"), ("west", "غرب"))
_COMPOUND = {("north", "east"): "northeast", ("north", "west"): "northwest",
             ("south", "east"): "southeast", ("south", "west"): "southwest"}


def compound(first: str, second: str) -> str | None:
    """``compound("north", "east") == "northeast"``; None for impossible pairs."""
    return _COMPOUND.get((first, second))


# preposition-like nouns: شرق X, شرقي X (east of X / the east of X)
DIRECTION_NOUNS_AR: dict[str, str] = {}
# adjectives after a noun: الريف الشمالي / ريف حماة الشمالي الشرقي
DIRECTION_ADJ_AR: dict[str, str] = {}
# adverbs: شرقاً (eastwards / to the east), whose anchor is the last relation's
DIRECTION_ADV_AR: dict[str, str] = {}
for _en, _stem in _DIRS:
    for _form in (_stem, _stem + "ي"):
        DIRECTION_NOUNS_AR[arabic_key(_form)] = _en
    for _form in ("ال" + _stem + "ي", "ال" + _stem + "ية"):
        DIRECTION_ADJ_AR[arabic_key(_form)] = _en
    for _form in (_stem + "اً", _stem + "ا"):
        DIRECTION_ADV_AR[arabic_key(_form)] = _en
DIRECTION_NOUNS_AR[arabic_key("شمالي")] = "north"
DIRECTION_ADV_AR[arabic_key("شمالاً")] = "north"
DIRECTION_ADV_AR[arabic_key("جنوباً")] = "south"

DIRECTIONS_EN = {"north": "north", "south": "south", "east": "east", "west": "west",
                 "northeast": "northeast", "north-east": "northeast", "northwest": "northwest",
                 "north-west": "northwest", "southeast": "southeast", "south-east": "southeast",
                 "southwest": "southwest", "south-west": "southwest"}
DIRECTION_ADJ_EN = {"northern": "north", "southern": "south", "eastern": "east",
                    "western": "west", "northeastern": "northeast", "north-eastern": "northeast",
                    "northwestern": "northwest", "north-western": "northwest",
                    "southeastern": "southeast", "south-eastern": "southeast",
                    "southwestern": "southwest", "south-western": "southwest"}

# -- countryside, banks, near, distance ---------------------------------------------------
CAPITAL_AR = _ar("العاصمة", "عاصمة")
COUNTRYSIDE_AR = _ar("ريف", "الريف", "أرياف", "بادية")   # «بادية السخنة»: the desert around it
COUNTRYSIDE_EN = {"countryside", "rural"}
BANK_AR = _ar("الضفة", "ضفة", "الضفاف", "ضفاف", "ضفتي", "الضفتين", "جانب", "الجانب")
BANK_SIDE_AR = _ar_map({"اليسرى": "left", "اليمنى": "right", "الشرقية": "east",
                        "الغربية": "west", "الشمالية": "north", "الجنوبية": "south",
                        "الشرقي": "east", "الغربي": "west", "الشمالي": "north",
                        "الجنوبي": "south", "الأيسر": "left", "الأيمن": "right"})
OTHER_AR = _ar("الآخر", "الأخرى", "المقابل", "المقابلة")
BANK_EN = {"bank", "banks", "side", "shore"}
BANK_SIDE_EN = {"left": "left", "right": "right", "east": "east", "west": "west",
                "eastern": "east", "western": "west", "north": "north", "south": "south",
                "northern": "north", "southern": "south"}
OTHER_EN = {"other", "opposite", "far"}

# near-words: single tokens, and multi-token cues (as tuples of keys)
NEAR_AR = _ar("قرب", "قُرب", "بالقرب", "مقربة", "محيط", "أطراف", "ضواحي", "بجوار", "جوار",
              "قريبا", "قريباً", "قريب", "القريبة", "القريب", "المحيطة", "المحاذية", "محاذاة",
              "بمحاذاة", "تخوم", "مشارف")
NEAR_EN = {"near", "nearby", "outside", "outskirts", "vicinity", "around", "close", "surroundings",
           "environs", "edge"}
NEAR_BRIDGE_AR = _ar("من", "عن", "مع", "بين", "حدود", "الحدود", "الإدارية", "الادارية",
                     "المشتركة", "منطقة", "مدينة", "بلدة", "قرية", "محافظة", "نهر", "مناطق",
                     "حامية", "قاعدة", "مطار", "معبر", "خط", "خطوط", "جبهة", "الحدودية")
NEAR_BRIDGE_EN = {"of", "to", "the", "from", "with", "border", "borders", "frontier", "city",
                  "town", "village", "province", "governorate", "river", "base", "on", "in"}
BORDER_AR = _ar("حدود", "الحدود", "الحدودية", "حدودها", "الحدودي", "حدودي")
BORDER_EN = {"border", "borders", "frontier", "boundary"}
# a part of a place named by a noun and a direction adjective: «الأطراف الغربية لبلدة X»,
# «المدخل الشرقي لمدينة X», "the western outskirts of X", "the eastern entrance to X"
PART_NOUNS_AR = _ar("أطراف", "الأطراف", "طرف", "الطرف", "مدخل", "المدخل", "مداخل", "المداخل",
                    "الجهة", "جهة", "القسم", "قسم", "الأحياء", "أحياء", "الضواحي", "ضواحي",
                    "الأجزاء", "أجزاء", "الجزء", "جزء", "المشارف", "مشارف", "تخوم", "التخوم",
                    "الحي", "حي", "البوابة", "بوابة", "القطاع", "قطاع")
PART_NOUNS_EN = {"outskirts", "edge", "edges", "entrance", "entrances", "part", "parts", "side",
                 "neighbourhoods", "neighborhoods", "neighbourhood", "neighborhood", "districts",
                 "suburbs", "approaches", "flank", "reaches", "gate", "gates", "sector",
                 "quarter", "quarters", "fringes", "periphery"}
# a three-country border point: «المثلث الحدودي», "tri-border area", "border triangle"
TRI_BORDER_AR = _ar("المثلث", "مثلث")
TRI_BORDER_EN = {"tri-border", "triborder", "tripoint", "tri-point", "tri"}
# verbs of distance: «يبعد 40 كم عن X» (about that far from X, not within it)
DISTANCE_VERB_AR = _ar("يبعد", "تبعد", "يبعدان", "تبعدان", "يبعدون", "يبعدُ", "تبعدُ")
# "nearby areas" with no anchor of its own
NEARBY_AREAS_AR = _ar("مناطق", "المناطق", "منطقة", "قرى", "القرى", "مواقع", "المواقع")
NEARBY_ADJ_AR = _ar("قريبة", "القريبة", "مجاورة", "المجاورة", "محيطة", "المحيطة", "محاذية")

# a length or a depth («بعمق 3 كلم», «مسار طوله 38 كم»): a measure, not a place, unless a
# «من / عن X» says from where («بعمق 30 كم عن الحدود»)
MEASURE_AR = _ar("عمق", "بعمق", "عمقه", "عمقها", "طول", "بطول", "طوله", "طولها", "عرض",
                 "بعرض", "عرضه", "عرضها", "مسار", "مسارها", "مساره", "امتداد", "ارتفاع",
                 "بارتفاع", "مدى", "بمدى", "مداها")
MEASURE_EN = {"deep", "depth", "long", "length", "wide", "width", "high", "altitude", "range",
              "stretch", "route"}
DISTANCE_LEAD_AR = _ar("بعد", "مسافة", "نحو", "حوالي", "قرابة", "مسافه", "نطاق", "ضمن", "شعاع")
WITHIN_AR = _ar("نطاق", "ضمن", "شعاع", "داخل")
KM_UNITS_AR = _ar("كم", "كلم", "كيلومتر", "كيلومترات", "كيلومترا", "كيلو", "كيلومتراً")
MILE_UNITS_AR = _ar("ميل", "أميال", "ميلا", "ميلاً")
KM_UNITS_EN = {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "kilometre-",
               "kilometer-"}
MILE_UNITS_EN = {"mile", "miles", "mi"}
WITHIN_EN = {"within", "inside", "radius"}
NUMBER_WORDS_AR = _ar_map({
    "خمسة": "5", "خمس": "5", "ستة": "6", "سبعة": "7", "ثمانية": "8", "تسعة": "9", "عشرة": "10",
    "عشر": "10", "عشرين": "20", "عشرون": "20", "ثلاثين": "30", "ثلاثون": "30", "أربعين": "40",
    "أربعون": "40", "خمسين": "50", "خمسون": "50", "ستين": "60", "سبعين": "70", "ثمانين": "80",
    "تسعين": "90", "مئة": "100", "مائة": "100"})
NUMBER_WORDS_EN = {"five": "5", "ten": "10", "fifteen": "15", "twenty": "20", "thirty": "30",
                   "forty": "40", "fifty": "50", "sixty": "60", "hundred": "100"}

# -- stop lists ------------------------------------------------------------------------------
# organisation, operation and institution names that contain or look like a place name; a
# place inside them is not a toponym. Written as token sequences (proclitics allowed on the
# first token).
ORGANISATIONS_AR = [
    "قوات سوريا الديمقراطية", "قوات سوريا الديموقراطية", "قوات سورية الديمقراطية",
    "مجلس سوريا الديمقراطية", "مجلس سوريا الديموقراطية", "غضب الفرات", "درع الفرات",
    "جيش الفرات", "عاصفة الجزيرة", "هيئة تحرير الشام", "جبهة فتح الشام", "أحرار الشام",
    "جبهة النصرة لأهل الشام", "الدولة الإسلامية في العراق والشام", "الدولة الاسلامية في العراق والشام",
    "تنظيم الدولة في العراق والشام", "حلف شمال الأطلسي", "حلف شمال الاطلسي", "شمال الأطلسي",
    "الأمم المتحدة", "الامم المتحدة", "جامعة الدول العربية", "مجلس الأمن", "البنتاغون",
    "البنتاجون", "البيت الأبيض", "الكرملين", "قصر الإليزيه", "وكالة الأناضول", "الأناضول",
    "سانا", "روسيا اليوم", "صوت أمريكا", "المرصد السوري", "جيش سوريا الجديد",
    "قوات النخبة السورية", "الجيش السوري الحر", "سوريا الديمقراطية", "سوريا الديموقراطية",
    "مغاوير الثورة", "لواء القدس", "فيلق الشام", "جيش الإسلام", "الحرس الثوري",
    "مركز المصالحة الروسي في سوريا", "مركز المصالحة الروسي في سورية",
    "مركز المصالحة في سوريا", "مركز المصالحة الروسي",
]
# a council named after its town or governorate: «مجلس مدينة سراقب», «مجلس منبج العسكري»
COUNCIL_AR = _ar("مجلس")
COUNCIL_AFTER_AR = _ar("العسكري", "المحلي")
COUNCIL_EN = (("military", "council"), ("city", "council"), ("local", "council"),
              ("provincial", "council"))
ORGANISATIONS_EN = [
    "Syrian Democratic Forces", "Hayat Tahrir al-Sham", "Hayat Tahrir al Sham", "Jabhat Fateh al-Sham",
    "Ahrar al-Sham", "Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant",
    "Islamic State in Iraq and Syria", "United Nations", "UN Security Council",
    "North Atlantic Treaty Organization", "White House", "Pentagon", "Kremlin",
    "Anadolu Agency", "Anadolu", "Euphrates Shield", "Wrath of the Euphrates",
    "Euphrates Wrath", "Syrian Observatory", "Russia Today", "Voice of America",
    "Maghawir al-Thawra", "New Syrian Army", "Free Syrian Army", "Arab League", "Jaysh al-Islam",
    "Grand National Assembly of Turkey", "Turkish Grand National Assembly",
    "Russian Reconciliation Center", "Russian Reconciliation Centre",
]

# common Arabic words that are also the name of some place in the gazetteer: never a toponym
# on their own (they still count after a generic head: «بلدة الباب»).
COMMON_WORDS_AR = _ar(
    "كان", "كانت", "لم", "لن", "أن", "إن", "ان", "انه", "أنه", "إنه", "انها", "أنها", "هو", "هي",
    "من", "في", "على", "عن", "مع", "إلى", "الى", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي",
    "الذين", "بين", "حتى", "قد", "لا", "ما", "كما", "كل", "بعض", "غير", "أي", "اي", "منذ", "عند",
    "بيان", "البيان", "هيئة", "الهيئة", "الدولة", "دولة", "الثورة", "ثورة", "الصور", "صور",
    "الإشارة", "اشارة", "الأمان", "امان", "سماء", "السماء", "باب", "الفصائل", "الصدد",
    "الأول", "أول", "لأول", "الثاني", "الثالث", "المرحلة", "العملية", "عملية", "الحرب", "حرب",
    "السلام", "سلام", "النصر", "نصر", "الوحدة", "الحرية", "الأمل", "الجيش", "جيش",
    "النظام", "الحكومة", "حكومة", "الطيران", "الأسد", "الاسد", "بشار", "العرب", "عرب", "مصر",
    "الشرق", "الغرب", "الشمال", "الجنوب", "الوسط", "الساحل", "الجزيرة", "البادية", "الريف",
    "القرية", "المدينة", "المنطقة", "الحدود", "المعبر", "القاعدة", "المطار", "السد", "الجسر",
    "النفط", "الغاز", "الأمن", "امن", "العمل", "عمل", "الكرد", "الأكراد", "كردستان",
    "قال", "قالت", "يوم", "اليوم", "أمس", "عام", "العام", "شهر", "الشهر", "أيام", "ساعة",
    "مساء", "صباح", "ليل", "ليلة", "فجر", "ظهر", "الجيب", "جيب", "عين", "تل", "جبل",
    "وادي", "رأس", "بئر", "سوق", "حلف", "تحرير",
    # words that open village names: alone they name no place («قرية خربة عمو»)
    "خربة", "كفر", "بيت", "أم", "ام", "أبو", "ابو", "مزرعة",
    "الامر", "الأمر", "امر", "الوضع", "حال", "حالة", "حالات", "مناطق", "منطقة", "موقع", "مواقع",
    "قسد", "داعش", "النصرة", "جبهة", "الجبهة", "وقف", "إطلاق", "اطلاق", "فوري", "هدنة",
    "الهدنة", "اتفاق", "الاتفاق", "مجلس", "المجلس", "الشعب", "شعب", "الوطن", "وطن", "المعارضة",
    "معارضة", "التحالف", "تحالف", "القوات", "قوات", "الجنود", "المقاتلين", "السيطرة",
)
# news vocabulary that villages are also named after: ordinals, «بحلول» (by), «برميل»
# (barrel), «بجروح» (wounded); a toponym only after a generic head
COMMON_WORDS_AR |= _ar(
    "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
    "التاسعة", "العاشرة", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
    "حلول", "بحلول", "برميل", "براميل", "جروح", "بجروح", "مدرسة", "المدرسة", "مستشفى",
    "المستشفى", "جامع", "الجامع", "مسجد", "المسجد", "سجن", "السجن", "معمل", "المعمل",
    "شركة", "الشركة", "مركز", "المركز", "مقر", "المقر", "جاءت", "جاء", "وزارة", "الوزارة",
    # a river's bank or side («الضفة المقابلة»), never a place on its own
    "الضفة", "ضفة", "الضفتين", "الجانب", "الطرف",
    # a map («خريطة السيطرة», «خارطة الطريق»): not the village Khurayta
    "خريطة", "الخريطة", "خارطة", "الخارطة",
    # orchards («في بساتين محيطة بالبوكمال»), not a village Basatin
    "بساتين", "البساتين", "بستان",
    # a flag («ترفع العلم الروسي», «رفعت أعلامها»), not the village Al-'Alam
    "العلم", "علم", "الأعلام", "أعلام", "أعلامها", "العلمين",
    # an ambush («في كمين»), the largest («كبرى بلدات»)
    "كمين", "الكمين", "كبرى", "الكبرى",
    # the (Autonomous) Administration («الإدارة الذاتية»), not the village Al Idarah
    "الإدارة", "الادارة", "إدارة", "ادارة",
    # «بدوره، قال», «وبدورها»: "in turn", not ب + the village Durah; «في خطاب» (a speech)
    "بدوره", "بدورها", "بدورهم", "خطاب", "الخطاب", "خطابه", "خطابها",
    # «بحجة أن» (on the pretext that), not the village Hajjah
    "حجة", "بحجة", "الحجة", "ذريعة", "بذريعة",
    # «أودى بحياة 5 مدنيين» (claimed the lives of), not the village Hayat
    "حياة", "بحياة",
    # months of the Levantine calendar («تشرين الأول»), also names of villages
    "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين")
# «مصر» (Egypt) is a real toponym: keep it out of the common words
COMMON_WORDS_AR = COMMON_WORDS_AR - _ar("مصر")
# town names that are also common words: a toponym only after a locative preposition or a
# generic head («في الميادين», «مدينة الباب»), never bare («الباب مفتوح»)
AMBIGUOUS_AR = _ar("الباب", "الميادين", "صور", "الصور", "السفيرة", "النبك", "الحسينية",
                   "المنصورة", "الكرامة", "الشدادي", "التح", "البصيرة", "الطبقة")
FUNCTION_WORDS_AR = _ar("عنه", "عنها", "عنهم", "منهم", "إليه", "إليها", "اليه", "اليها",
                        "إليهم", "عليهم", "به", "بها", "بهم", "معه", "معها", "معهم", "لديه",
                        "لديها", "عندها", "عنده", "فيهم", "لنا", "لكم", "منا", "عنا",
                        "في", "من", "إلى", "الى", "على", "عن", "مع", "و", "أو", "او", "ثم",
                        "بين", "حتى", "منذ", "عند", "لدى", "نحو", "قرب", "داخل", "خارج",
                        "فوق", "تحت", "حول", "عبر", "ضد", "أن", "إن", "ان", "بأن", "كما",
                        "أما", "إما", "اما", "لكن", "أيضا", "إذا", "اذا", "لو", "كي", "حيث",
                        "بل", "هل", "قبل", "بعد", "خلال", "أمام", "وراء", "دون", "ليس", "كذلك",
                        "هنا", "هناك", "عندما", "بينما", "فيما", "مثل", "نفس", "أكثر", "أقل",
                        "إنها", "إنه", "انه", "أنه", "أنها", "لها", "له", "لهم", "منها", "منه",
                        "فيها", "فيه", "عليها", "عليه", "كان", "كانت", "يكون", "تكون", "ذلك")
# a preposition or adverb with a pronoun («خلاله», «بينها», «داخله», «عقبه»): never a place,
# though some are spelt like villages (Khallalah, Dakhla)
FUNCTION_WORDS_AR |= _ar(*(word + pronoun for word in (
    "خلال", "بين", "خلف", "داخل", "خارج", "جميع", "عقب", "لصالح", "حول", "ضمن", "عبر", "فوق",
    "تحت", "أمام", "وراء", "قرب", "نحو", "ضد", "مثل", "بعض", "كل", "غير", "إثر", "جراء", "تجاه",
    "إزاء", "حيال", "مقابل", "وسط", "محيط", "بحق", "بدل", "دون", "عند", "قبل", "بعد", "لدي")
    for pronoun in ("ه", "ها", "هم", "هما", "هن", "نا", "كم")))
# never a name, even before a head ("The town", "this crossing")
DETERMINERS_EN = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their",
                            "his", "her", "our", "some", "any", "each", "every", "no"})
COMMON_WORDS_EN = {
    "the", "a", "an", "he", "she", "it", "we", "they", "i", "you", "this", "that", "these",
    "those", "his", "her", "their", "our", "its", "in", "on", "at", "of", "for", "to", "from",
    "by", "with", "and", "or", "but", "not", "no", "yes", "as", "if", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "said",
    "says", "say", "mr", "mrs", "ms", "gen", "general", "col", "colonel", "president",
    "minister", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "isis", "isil", "daesh", "sdf", "hts", "nato", "un",
    "state", "islamic", "reuters", "afp", "ap", "cnn", "bbc", "however", "after",
    "before", "while", "when", "where", "there", "here", "also", "both", "all", "some",
    "army", "forces", "force", "coalition", "regime", "government", "assad", "russian",
    "american", "syrian", "turkish", "iranian", "kurdish", "arab", "western", "eastern",
    "northern", "southern", "north", "south", "east", "west", "centre", "center", "mount",
    "lake", "valley", "river", "bank", "side", "camp", "border", "city", "town", "province",
    "front", "line", "bay", "port", "airport", "base", "new", "old", "great", "royal", "union",
    "victoria", "georgia", "jordan's",
}

# nisba adjectives are caught by shape (…ي / …ية after an indefinite noun); demonym plurals
DEMONYM_ENDINGS_AR = ("يين", "يون", "ييين")

# -- metonymy --------------------------------------------------------------------------------
# locative prepositions: the place is a location, not an actor
LOCATIVE_AR = _ar("جهة", "ناحية", "اتجاه", "محادثات", "مفاوضات", "قمة", "مؤتمر", "مسار",
                  "اجتماعات", "اتفاق", "اتفاقية", "تفاهمات", "مباحثات",
                  "في", "فى", "داخل", "فوق", "عبر", "نحو", "باتجاه", "قرب", "أجواء", "اجواء",
                  "سماء", "أراضي", "اراضي", "حدود", "سواحل", "شمال", "جنوب", "شرق", "غرب",
                  "وسط", "أنحاء", "انحاء", "مناطق", "ريف", "مدينة", "محافظة", "بلدة", "العاصمة",
                  "عاصمة", "إلى", "الى", "من", "حول", "خارج", "مطار", "مدن", "أرض", "ارض",
                  "جنوبي", "شمالي", "شرقي", "غربي", "أطراف", "ضواحي", "محيط", "زار", "زيارة",
                  "وصل", "وصول", "يزور", "تزور")
# prepositions after which a small place may be named without a generic head («في معدان»)
# («إلى» and «من» are left out: they take verbal nouns too, «إلى وقف إطلاق النار»)
PREPOSITIONS_AR = _ar("في", "فى", "قرب", "باتجاه", "داخل", "بلدة", "قرية", "مدينة", "أطراف",
                      "ضواحي", "محيط", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
                      "شرقي", "غربي",
                      # a road named by its towns («على طريق أثريا – خناصر», «الطريق الواصل بين
                      # أثريا وخناصر»)
                      "طريق", "الطريق", "أوتوستراد", "اوتوستراد", "بين")
# «غارات على الباغوز», «السيطرة على هجين»: على after these is locative
ATTACK_BEFORE_ALA_AR = _ar("غارة", "غارات", "الغارات", "هجوم", "هجمات", "الهجوم", "قصف",
                           "القصف", "قصفا", "قصفاً", "ضربة", "ضربات", "سيطرة", "السيطرة",
                           "سيطرت", "سيطر", "استولت", "استولى", "الاستيلاء", "هجوما", "هجوماً",
                           "زحف", "تقدم", "التقدم", "اعتداء", "اعتداءات", "غاراتها", "هجومها",
                           "هجومه", "الضربات", "ضرباتها", "قذائف", "صواريخ")
# verbs whose object is a place when the gazetteer knows it («قصفت معدان», "shelled Tal
# Tamr"): as good a cue as a preposition for a small place
PLACE_VERBS_AR = _ar("قصفت", "قصف", "قصفوا", "تقصف", "يقصف", "استهدفت", "استهدف", "دخلت", "دخل",
                     "دخلوا", "اقتحمت", "اقتحم", "حاصرت", "حاصر", "استعادت", "استعاد", "داهمت",
                     "داهم", "طوقت", "طوق", "هاجمت", "هاجم", "اجتاحت", "اجتاح", "أخلت", "أخلى",
                     "قصفتا", "ضربت", "ضرب", "حررت", "حرر")
PLACE_VERBS_EN = {"shelled", "bombed", "bombarded", "struck", "hit", "attacked", "entered",
                  "captured", "seized", "stormed", "recaptured", "retook", "besieged", "reached",
                  "raided", "targeted", "liberated", "encircled", "surrounded", "evacuated",
                  "overran", "shelling", "bombing", "pounded", "occupied", "took", "retaken"}
# words that open a Latin name ("Tal Shenan", "Umm al-Keif"): alone before another name word
# they are not the town they may also name ("Tal", "Umm")
OPENERS_EN = frozenset({"tal", "tall", "tell", "tel", "umm", "um", "abu", "ain", "ayn", "ras",
                        "deir", "dayr", "jabal", "jebel", "khirbet", "khirbat", "kafr", "kfar",
                        "beit", "bayt", "bir", "marj", "qasr", "sheikh", "shaykh", "wadi"})
# the same in Arabic (keys): «قرية خربة عمو» is no village named «خربة»
OPENERS_AR = _ar("خربة", "تل", "عين", "أم", "ام", "أبو", "ابو", "رأس", "راس", "دير", "كفر", "بيت",
                 "بئر", "بير", "مرج", "قصر", "جبل", "وادي", "مزرعة", "تلول", "جب", "حوش")
# "strikes on Hajin", "an attack on al-Susah": (on, the noun before it) as a locative cue
ATTACK_ON_EN = {("on", noun) for noun in (
    "strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "raid", "raids",
    "assault", "offensive", "shelling", "bombardment", "advance", "push", "rockets", "shells",
    "fire", "bombing")}
# "من" and "إلى" are locative unless one of these comes right before them
NON_LOCATIVE_BEFORE_MIN_AR = _ar(
    "طلب", "طلبت", "يطلب", "تطلب", "بدعم", "دعم", "مدعوم", "مدعومة", "المدعوم", "المدعومة",
    "المدعومين", "المدعومون", "مدعومين", "بطلب", "مقربة", "بإيعاز", "بأوامر", "بتمويل",
    "موقف", "طلبا", "طلباً", "تحذير", "تحذيرات", "اتهامات", "انتقادات", "رسالة", "دعوة",
    # «لم يصدر أي تعليق رسمي من تل أبيب»: who comments, not where
    "تعليق", "تعقيب", "رد", "رسمي", "تصريح", "تصريحات")
NON_LOCATIVE_BEFORE_ILA_AR = _ar(
    "نسب", "نسبت", "ينسب", "نسبه", "منسوب", "رسالة", "دعوة", "طلب", "طلبا", "تحذير",
    "اتهامات", "توجهها", "توجه", "وجه", "وجهت", "مقدم", "سلم", "سلمت", "قدم", "قدمت",
    "إشارة", "اشارة", "رسائل", "بالنسبة", "أشار", "اشار", "نظر", "تطرق", "دعا", "دعت")
# a word right before the place that makes it an actor (verb-subject, agent phrases, genitives)
AGENTIVE_BEFORE_AR = _ar(
    "أما", "اما",   # «أما دمشق، فرحّبت»: the topic of a clause whose verb follows
    "قال", "قالت", "أعلن", "أعلنت", "اعلن", "اعلنت", "أكد", "أكدت", "اكد", "اكدت", "نفى", "نفت",
    "نفته", "نفتها", "رفض", "رفضت", "طلب", "طلبت", "اتهم", "اتهمت", "اتهمها", "حذر", "حذرت",
    "هدد", "هددت", "قرر", "قررت", "وافق", "وافقت", "دعا", "دعت", "أرسل", "أرسلت", "ارسلت",
    "تدعم", "تدعمها", "تدعمه", "يدعمها", "يدعمه", "تدعمهم", "تساند", "تساندها", "تساندهم",
    "تقود", "تقوده", "تقودها", "يقوده", "يقودها", "بقيادة", "قيادة", "بدعم", "دعم", "مع", "أن",
    "ان", "إن", "لأن", "لان", "بأن", "بان", "وأن", "تعتزم", "تريد", "تحاول", "حمّلت", "حملت",
    "موقف", "مشاركة", "بمشاركة", "اشراك", "إشراك", "سفارة", "سفير", "حكومة", "وزارة", "وزير",
    "رئيس", "جيش", "قوات", "طائرات", "تواطؤ", "تواطوء", "دور", "سياسة", "استراتيجية", "خطة",
    "اقترحت", "اقترح", "تقترح", "صرحت", "أوضحت", "ذكرت", "أشارت", "ردت", "ترد", "اتفقت",
    "تتهم", "يتهم", "تعتبر", "ترى", "تحذر", "تطالب", "طالبت", "توصلت", "أجرت", "اجرت",
    "نبهت", "تحذر", "تتنافس", "أبلغت", "ابلغت", "تبلغ", "دعمت", "أيدت", "عارضت", "تعارض",
    "حكومتي", "سفارتي", "نسب", "نسبت", "تنشر", "نشرت", "شنت", "تشن", "قصفت", "تقصف",
    "تحالف", "التحالف", "لدى", "جانب", "لصالح", "إدارة", "ادارة", "مصالح", "علاقات",
    "وصفت", "وصف", "اعتبرت", "أدانت", "ادانت", "نددت", "رأت", "استنكرت", "انتقدت",
)
AGENTIVE_AFTER_AR = _ar(
    "قالت", "أعلنت", "اعلنت", "أكدت", "اكدت", "نفت", "رفضت", "طلبت", "اتهمت", "حذرت", "هددت",
    "قررت", "وافقت", "دعت", "أرسلت", "ارسلت", "تدعم", "تقود", "تعتزم", "تريد", "تحاول", "ستحتفظ",
    "تحتفظ", "حملت", "حمّلت", "اقترحت", "تقترح", "صرحت", "أوضحت", "ذكرت", "أشارت", "ردت",
    "ترد", "اتفقت", "تتهم", "تعتبر", "ترى", "تحذر", "تطالب", "طالبت", "توصلت", "أجرت", "اجرت",
    "اجرتا", "أجرتا", "نبهت", "أبلغت", "ابلغت", "تبلغ", "دعمت", "أيدت", "عارضت", "تعارض",
    "تنشر", "نشرت", "شنت", "تشن", "قصفت", "تقصف", "تواصلان", "تواصل", "ستشن", "ستقصف",
    "لم", "لن", "لا", "قد", "على", "عادة", "ستواصل", "تستمر", "تسعى", "يسعى", "تخطط", "تملك",
    "كانت", "باتت", "أصبحت", "تعمل", "تتعاون", "تتفاوض", "تدرس", "تراقب", "تنفي", "تؤكد",
    "وافقتا", "اتفقتا", "توصلتا", "تعهدت", "سمحت", "منعت", "أرادت", "ارادت", "حاولت",
)
# motion before «إلى X» makes X a destination, not a recipient
MOTION_AR = _ar("وصل", "وصلت", "يصل", "تصل", "وصول", "توجه", "توجهت", "يتوجه", "سافر", "سافرت",
                "عاد", "عادت", "يعود", "انتقل", "انتقلت", "انتقلوا", "فر", "فروا", "هرب", "هربوا",
                "لجأ", "لجأوا", "نقل", "نقلت", "نقلوا", "زيارة", "رحلة", "دخل", "دخلت", "دخلوا",
                "وصلوا", "اتجه", "اتجهت", "ينتقل", "يفر", "نزح", "نزحوا", "أرسلت", "ارسلت",
                "أرسل", "أعيد", "عودة", "طريق", "الطريق", "حدود", "الحدود", "الحدودية")
# nisba adjectives of the countries around Syria, for «الحدود السورية التركية»
NISBA_COUNTRY_AR = _ar_map({
    "السورية": "SY", "السوري": "SY", "سورية": "SY", "الأردنية": "JO", "الأردني": "JO",
    "العراقية": "IQ", "العراقي": "IQ", "التركية": "TR", "التركي": "TR", "اللبنانية": "LB",
    "اللبناني": "LB", "الإسرائيلية": "IL", "الإسرائيلي": "IL", "الفلسطينية": "PS"})
NISBA_COUNTRY_EN = {"syrian": "SY", "jordanian": "JO", "iraqi": "IQ", "turkish": "TR",
                    "lebanese": "LB", "israeli": "IL"}

# second halves of English compounds whose first half is an actor: "Iran-backed"
COMPOUND_AGENT_EN = {"backed", "led", "allied", "funded", "supported", "sponsored", "armed",
                     "trained", "brokered", "controlled", "run", "aligned", "affiliated",
                     "based", "made", "built", "owned", "friendly"}

# the same for English
LOCATIVE_EN = {"summit", "talks", "process", "conference", "format", "in", "at", "near", "into", "to", "from", "over", "across", "inside", "outside",
               "around", "toward", "towards", "through", "of", "visited", "visit", "via"}
NON_LOCATIVE_BEFORE_FROM_EN = {"request", "requests", "support", "backing", "backed", "help",
                               "pressure", "demand", "demands", "asked", "warning", "aid",
                               "comment", "response", "reaction", "statement"}
# "a deal with Damascus", «اتفاق مع دمشق»: a partner in talks is a government, even at home
PARTNER_NOUNS_EN = {"deal", "deals", "talks", "agreement", "agreements", "accord", "negotiations",
                    "understanding", "truce", "relations", "ties", "contacts", "dialogue",
                    "coordination", "reconciliation", "arrangement", "pact", "alliance"}
PARTNER_NOUNS_AR = _ar("اتفاق", "اتفاقا", "اتفاقاً", "اتفاقية", "مفاوضات", "محادثات", "تفاهم",
                       "تفاهمات", "هدنة", "علاقات", "اتصالات", "حوار", "تنسيق", "مصالحة",
                       "مباحثات", "صفقة", "تحالف")
# "U.S. forces", "Turkey's campaign": a state named before what it fields or does
ACTOR_NOUNS_EN = {"forces", "force", "troops", "soldiers", "military", "army", "officials",
                  "official", "government", "jets", "warplanes", "aircraft", "drones", "envoy",
                  "diplomats", "president", "ministry", "defense", "defence", "campaign",
                  "offensive", "operation", "operations", "strikes", "airstrikes", "advisers",
                  "advisors", "personnel", "contractors", "militias", "proxies", "commanders",
                  "delegation", "leadership", "regime", "administration", "intelligence"}
# «تزويد سوريا بمنظومات»: a state that receives arms or aid
RECIPIENT_BEFORE_AR = _ar("تزويد", "بتزويد", "تزود", "زودت", "يزود", "تسليم", "بتسليم",
                          "سلمت", "تسلم", "بيع", "ببيع", "باعت", "تبيع", "إمداد", "بإمداد",
                          "منح", "تمويل")
AGENTIVE_BEFORE_EN = {"by", "with", "and", "said", "accused", "told", "asked", "urged",
                      "between", "against", "that", "led", "backed", "warned", "blamed"}
AGENTIVE_AFTER_EN = {
    "said", "says", "say", "announced", "announces", "denied", "denies", "rejected", "rejects",
    "asked", "asks", "accused", "accuses", "warned", "warns", "threatened", "threatens",
    "decided", "agreed", "agrees", "wants", "plans", "planned", "intends", "has", "have",
    "had", "is", "was", "will", "would", "could", "can", "should", "must", "may", "might",
    "did", "does", "refused", "refuses", "insisted", "confirmed", "confirms", "proposed",
    "proposes", "backs", "backed", "supports", "supported", "struck", "strikes", "bombed",
    "launched", "sent", "sends", "claims", "claimed", "stressed", "told", "hopes", "hoped",
    "and", "'s", "’s", "government", "officials", "authorities", "administration", "insists",
    "described", "describes", "called", "calls", "condemned", "condemns", "denounced",
    "denounces", "blamed", "blames", "branded", "brands", "demanded", "demands",
}
