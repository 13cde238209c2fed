"""Word lists for `extract`: event and claim triggers, negation, casualties, news outlets.

Arabic entries are written in the folded form of `_dates.fold` (أ إ آ → ا, ى → ي, ة → ه,
no diacritics); a leading proclitic (و ف ب ل ك) is allowed in front of every entry. Each
trigger has a `kind` (a key of `incidents.KINDS`, or ``strike``, decided later between
``airstrike`` and ``shelling``) and a part of speech: a **verb** reports an act of its own,
a **noun** after another trigger in the same sentence is that trigger's content («اتهمت
قسد الطيران الروسي **بقصف** مواقعها» is one accusation, not also a strike).
"""

from __future__ import annotations

from dataclasses import dataclass

from geo_deconflict.extract._cues import (
    ANAPHORS,  # noqa: F401  (used as lex.ANAPHORS)
    _rx,
)

CLAIM_KINDS = frozenset({"statement", "accusation", "denial", "proposal", "request_refused",
                         "casualties_report"})
HOSTILE_KINDS = frozenset({"strike", "airstrike", "shelling", "attack", "clash",
                           "ground_offensive", "capture"})
# acts of forces that are not fighting
PHYSICAL_KINDS = frozenset({"deployment", "withdrawal", "patrol", "convoy_movement",
                            "displacement", "military_presence"})


@dataclass(frozen=True, slots=True)
class TriggerWord:
    kind: str
    pos: str          # "verb" or "noun"
    pattern: str      # regex over folded text (without the proclitic and word boundaries)


def _w(kind: str, pos: str, *forms: str) -> list[TriggerWord]:
    return [TriggerWord(kind, pos, f) for f in forms]


def _v(kind: str, *stems: str) -> list[TriggerWord]:
    """Verb entries for Arabic past-tense stems: the stem (also its passive, which differs
    only in its vowels), the feminine past (+ت) and the imperfect (ي/ت + the stem, whose
    initial alef drops: انسحب → ينسحب). Plural and dual endings are added by lookup."""
    forms = []
    for stem in stems:
        present = stem.removeprefix("ا")
        forms += [stem, stem + "ت", "ي" + present, "ت" + present]
    return _w(kind, "verb", *dict.fromkeys(forms))


_X = r"(?:\s+\S+){0,4}?\s+"   # up to four words in between
# «مصادر تحدثت إلى "المدن"», «تحدث لوكالة»: a source speaking to an outlet is no meeting
_NOT_OUTLET = (r"(?!\s*[\"«“'])(?!\s+(?:ال)?(?:صحيفه|وكاله|موقع|قناه|وسائل|تلفزيون|مراسل|شبكه|"
               r"اذاعه|جريده|مجله))")
_Y = r"(?:\s+\S+){0,2}?\s+"   # up to two words in between
_XC = r",?(?:\s+[^\s,]+,?){0,6}?\s+"   # up to six, a date in commas («رفضت، الشهر الماضي، طلباً»)
_EW = r"(?:\s+[\w'-]+){0,3}?\s+"   # up to three English words in between

TRIGGERS: list[TriggerWord] = [
    # --- composite claims first (longest match wins at one position)
    *_w("request_refused", "verb", rf"رفض(?:ت|وا|ا)?{_XC}(?:ال)?طلب(?:ا|ه|ات)?",
        rf"لم\s+(?:ي|ت)ستجب{_X}?ل(?:ل)?طلب",
        r"(?:refused|rejected|turned\s+down|declined|denied)(?:\s+\S+){0,4}?\s+"
        r"(?:a\s+|the\s+|an?\s+)?(?:\S+\s+)?(?:request|permission)"),
    *_w("denial", "verb", rf"رفض(?:ت|وا)?{_X}?(?:ال)?(?:مزاعم|اتهام(?:ات)?|ادعاءات)",
        r"(?:rejected|dismissed)\s+(?:the\s+)?(?:claims?|accusations?|allegations?|reports?)"),
    *_w("accusation", "verb", r"حمل(?:ت|وا)?(?:\s+\S+){0,6}?\s+(?:ال)?مسؤوليه",
        r"held\s+(?:\S+\s+){1,4}?responsible",
        # «وصفت دمشق الضربات بأنها جريمة حرب», "called the strikes a war crime"
        r"(?:وصف|وصفت|وصفوا|اعتبر|اعتبرت|اعتبروا)(?:\s+\S+){0,5}?\s+(?:ب)?(?:انها|انه|انهما)?\s*"
        r"(?:\S+\s+)?[\"«“]?(?:جريمه|جرائم|مجزره|عدوان|انتهاك|خرق|ارهاب|اعتداء)",
        r"(?:called|calls|call|calling|described|describes|describing|branded|brands|branding|"
        r"labell?ed|labell?ing|termed)\s+"
        r"(?:[\w'-]+\s+){0,7}?(?:as\s+)?[\"']?(?:an?\s+)?(?:acts?\s+of\s+)?(?:[\w'-]+\s+)?"
        r"[\"']?(?:war\s+crimes?|crimes?|"
        r"massacres?|aggression|violations?|breach(?:es)?|terrorism|terrorist)\b"),
    *_w("hotline_contact", "verb", rf"(?:اتصل|اتصلت|تواصل|تواصلت|ابلغ|ابلغت|طلب|طلبت){_XC}"
        r"(?:عبر|من\s+خلال|ب)\s*(?:ال)?(?:خط|قناه|قنوات|اليه)",
        # «جرى التنسيق بشأنها مع الجانب الأمريكي عبر قنوات الاتصال»: coordinated over the line
        r"(?:ال)?تنسيق(?:\s+\S+){0,6}?\s+(?:عبر|من\s+خلال)\s+(?:ال)?(?:خط|قناه|قنوات)",
        rf"(?:contacted|notified|informed|warned|called|communicated|spoke|spoken|talked|"
        rf"coordinated|asked|requested){_EW}(?:via|over|through|on)\s+"
        r"(?:the\s+)?(?:\S+\s+)?(?:hotline|deconfliction|channel|line)"),
    # --- claims
    *_w("statement", "verb",
        "قال", "قالت", "قالوا", "يقول", "تقول", "يقولون", "اعلن", "اعلنت", "اعلنوا", "يعلن",
        "تعلن", "اكد", "اكدت", "اكدوا", "اكده", "اكدها", "يوكد", "توكد", "اوضح", "اوضحت",
        "اشار", "اشارت", "صرح", "صرحت", "اضاف", "اضافت", "ذكر", "ذكرت", "ذكروا", "افاد",
        "افادت", "كشف", "كشفت", "كشف عن", "اعترف", "اعترفت", "اقر", "اقرت", "شدد", "شددت",
        # («نشرت قوات» deploys: what is published is named)
        r"نشر(?:ت|وا)?(?=\s+(?:\S+\s+){0,3}?(?:ال)?(?:بيان|تقرير|صور|مقطع|فيديو|تسجيل|تغريد|"
        r"خريط|نص|رسال|وثيق|معلومات|اسماء|حصيل))", rf"نقل(?:ت|وا)?(?={_X}?(?:عن|ان|انه|انها|بان)\s)", "حذر", "حذرت",
        "تبنى", "تبنت", "دعا",
        "دعت", "طالب", "طالبت", "مشددا", "مضيفا", "موضحا", "موكدا", "معتبرا", "لافتا", "مشيرا",
        "منوها", "محذرا", "موكده", "مشيره", "مضيفه", "موضحه", "معتبره", "لافته", "محذره",
        "مشدده", "وصف", "وصفت", "رحب", "رحبت", "رحبوا", "welcomed", "welcomes",
        # «اعتبر أردوغان أن ...»: what a speaker deems, told
        r"(?:اعتبر|اعتبرت|اعتبروا)(?=(?:\s+\S+){0,5}?\s+(?:ان|انه|انها|بان)\s)",
        r"dismissed(?=\s+(?:the|this|that|it|as|these|those)\b)", "said", "says", "say", "told", "stated", "announced",
        "confirmed", "added", "disclosed", "revealed", "acknowledged", "stressed", "emphasi[sz]ed",
        "underlined", "reiterated", "explained", "argued", "pointed\\s+out", "according\\s+to",
        "published", "reported", "warned", "claimed", "insisted", "noted", "urged",
        "called\\s+on", "described", "quoted",
        # a threat is told as a statement (what it threatens is no act: `MODALS`)
        "توعد", "توعدت", "هدد", "هددت", "threatened", "vowed"),
    *_w("statement", "noun", "بيان", "البيان", "تصريح", "تصريحات", "موتمر صحفي", "statement", "briefing", "announcement"),
    *_w("accusation", "verb", "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "لاتهام", "اتهام",
        "متهما", "متهمه", "accusing", "blaming",
        "زعم", "زعمت", "ادعى", "ادعت", "ادان", "ادانت", "دان", "دانت", "ندد", "نددت", "accused", "accuses",
        "accuse", "blamed", "blames", "alleged", "alleges", "condemned", "denounced"),
    # "hit out at", "lashed out at": words against someone, not a strike
    *_w("accusation", "verb", r"(?:hit|hits|hitting|lashed|lashes)\s+(?:back|out)\s+at"),
    *_w("accusation", "noun", "اتهامات", "الاتهامات", "تواطو", "accusations", "allegations"),
    *_w("denial", "verb", "نفى", "نفي", "نفت", "نفوا", "نفته", "نفاه", "نفتها", "ينفي", "تنفي",
        "نافيا", "نافيه", "نافين",
        "كذبت", "denied", "denies", "deny"),
    *_w("proposal", "verb", "اقترح", "اقترحت", "طلبت\\s+من", "طلب\\s+من", "proposed",
        "suggested", "offered", "asked"),
    *_w("proposal", "noun", "اقتراح", "مقترح", "المقترح", "العرض", "proposal", "offer"),
    # documenting deaths is a casualty report; documenting anything else («وثّق المرصد نزوح
    # العائلات») reports that event
    *_w("casualties_report", "verb",
        r"(?:وثق|وثقت)(?=\s+(?:\S+\s+){0,3}?(?:مقتل|سقوط|اصابه|اصابات|قتلي|ضحايا|مصرع|استشهاد|"
        r"حصيله|وفاه|جرحي))", "ارتفعت\\s+حصيله",
        r"documented(?=\s+(?:\S+\s+){0,3}?(?:deaths?|killings?|casualties|dead|toll|"
        r"fatalities|injuries|wounded))",
        r"(?:قدر|قدرت|قدروا)\s+(?:\S+\s+){0,2}?(?:عدد|حصيله)\s+"
        r"(?:ال)?(?:قتلي|ضحايا|القتلي|الضحايا)",
        r"(?:estimated|put|gave)\s+(?:the\s+)?(?:death\s+)?toll",
        # «خلّفت المواجهات عشرات القتلى», "left dozens dead": a toll, not a new act
        r"(?:خلفت|خلف|اسفرت|اسفر|اوقعت|اوقع)\s+(?:عن\s+)?(?:\S+\s+){0,2}?(?:ال)?(?:قتلي|قتيلا|"
        r"جرحي|ضحايا|اصابات)", r"left\s+(?:\S+\s+){0,3}?(?:dead|killed|wounded|injured)",
        r"put\s+the\s+(?:death\s+)?toll"),
    *_w("casualties_report", "noun", "حصيله", "death\\s+toll", "toll"),
    # --- strikes: air or ground decided by the trigger, else by its clause
    *_w("airstrike", "verb", rf"(?:شن|شنت|نفذ|نفذت|شنوا|تشن|يشن|تنفذ|ينفذ|يشنون){_X}"
        r"(?:غار|ضرب(?:ه|ات)\s+جوي)\S*",
        r"carried\s+out\s+(?:\S+\s+){0,2}?(?:air\s*strikes?|raids?|bombing)"),
    *_w("airstrike", "verb", r"(?:القت|القى|القتا|القوا|اسقطت)\s+(?:\S+\s+)?(?:قنابل|"
        r"براميل|صواريخ)", r"dropped\s+(?:\S+\s+){0,2}?(?:bombs|barrels|munitions)"),
    *_w("airstrike", "noun", "غاره", "الغاره", "غارات", "الغارات", "غارتين", "الغارتين", "قصف\\s+جوي",
        "القصف\\s+الجوي", "ضربه\\s+جويه", "ضربات\\s+جويه", "الضربات\\s+الجويه",
        "الضربه\\s+الجويه", "قصفا\\s+جويا", "air\\s*strikes?", "air\\s+raids?", "airstrikes?",
        "drone\\s+strikes?", "bombing\\s+raids?", "air\\s+attacks?", "aerial\\s+bombardment"),
    *_w("shelling", "verb", "shelled", r"fired\s+(?:\S+\s+){0,2}?(?:rockets|mortars?|shells|"
        r"artillery|missiles)", rf"(?:اطلق|اطلقت|اطلقوا){_Y}(?:\S+\s+)?(?:قذائف|صواريخ|قذيفه)"),
    *_w("shelling", "noun", "قصف\\s+مدفعي", "القصف\\s+المدفعي", "قصف\\s+صاروخي",
        "القصف\\s+الصاروخي", "قصفا\\s+مدفعيا", "قصفا\\s+صاروخيا", "قذائف", "القذائف",
        "قذيفه", "قذائف\\s+الهاون", "القصف\\s+المدفعي\\s+والصاروخي", "shelling",
        "artillery\\s+(?:fire|shelling|strikes?|barrage|exchanges?|duels?)",
        "تبادل\\s+(?:ال)?قصف", "(?:ال)?قصف\\s+المتبادل", "mortar\\s+(?:fire|shells|rounds)",
        "rocket\\s+(?:fire|attacks?)", "rockets", "mortars", "shells"),
    *_v("strike", "قصف", "استهدف", "ضرب", "دك"),   # «دكّت المدفعية»: pounded
    # «أصابت أفراد طاقمها», "hit two soldiers": a wounding (casualties), not a strike
    *_w("strike", "verb", "قصفوا", "استهدفوا", "طاولت", "طالت",
        r"اصابت(?!\s+(?:\S+\s+)?(?:افراد|عناصر|جنود|جنديين|جندي|مدني|شخص|اشخاص|طاقم|عدد|"
        r"[0-9]|اثنين|ثلاث|اربع|خمس))", "bombed", "struck",
        "hit", "targeted", "bombarded", "pounded",
        # gerunds: what is denied or blamed ("denied hitting civilians", "accused of targeting")
        "hitting", "targeting", "striking",
        # «ردّت القوات التركية على مصادر النيران»: fire returned on where it came from
        r"(?:رد|ردت|ردوا)\s+(?:\S+\s+){0,3}?علي\s+مصادر\s+(?:ال)?(?:نيران|قصف)"),
    *_w("strike", "noun", "القصف", "ضربه", "ضربات", "الضربه", "الضربات", "استهداف",
        "strikes?", "bombing", "bombardment"),
    # --- fighting
    *_v("attack", "هاجم", "اقتحم"),
    *_w("attack", "verb", "هاجموا", "اقتحموا", "شن\\s+هجوما", "شنت\\s+هجوما",
        "شنوا\\s+هجوما", "attacked", "stormed", "ambushed", "raided",
        # bringing an aircraft down: «أسقطت الدفاعات طائرة», "shot down a drone"
        r"(?:اسقط|اسقطت|اسقطوا|اسقطا)(?!\s+(?:\S+\s+)?(?:قنابل|براميل|صواريخ|حمول))",
        r"shot\s+down", "downed",
        # firing on people or a post ("fired on a checkpoint", «أطلقت النار على»)
        r"(?:fired|firing|opened\s+fire|opening\s+fire)\s+(?:on|at|upon)", r"shot\s+(?:dead|at)",
        r"gunned\s+down", r"(?:اطلق|اطلقت|اطلقوا|فتح|فتحت|فتحوا)\s+(?:ال)?نار\S*\s+(?:\S+\s+)?علي",
        # «جراء إطلاق قوات الاحتلال النار على الأهالي»: the verbal noun, its subject between
        r"(?:اطلاق|فتح)\s+(?:[^\s.,،]+\s+){0,4}?(?:ال)?نار\s+(?:\S+\s+)?علي"),
    # «اعتداء قوات الاحتلال على أهالي القرية», «عدوان إسرائيلي بالصواريخ على محيط دمشق»: an
    # assault on someone or somewhere (not «العدوان التركي» as a name for a campaign)
    *_w("attack", "noun", r"(?:ال)?(?:اعتداء|اعتداءات|عدوان)ا?(?=(?:\s+\S+){0,5}?\s+علي\s)"),
    *_w("attack", "verb", r"(?:اعتدي|اعتدت|اعتدوا|يعتدي|تعتدي)(?=(?:\s+\S+){0,8}?\s+علي\s)"),
    *_w("attack", "noun", "هجوم", "هجوما", "هجمات", "الهجوم", "كمين", "تفجير", "انفجار",
        "اسقاط", "downing",
        "مهاجمه", "اقتحام",
        "عبوه\\s+ناسفه", "سياره\\s+مفخخه", "هجوم\\s+انتحاري",
        r"attacks?(?!\s+(?:helicopters?|aircraft|jets?|drones?|planes?|submarines?|boats?))",
        "assault", "ambush",
        "explosion", "blast", "car\\s+bomb", "suicide\\s+(?:bombing|attack)", "ied",
        # explosive devices and mines: an attack whatever verb tells it ("a roadside bomb
        # hit their car", «انفجرت عبوة ناسفة»)
        r"(?:roadside|car|truck|motorcycle)\s+bombs?", r"(?:improvised\s+)?explosive\s+devices?",
        "ieds", "landmines?", r"(?:عبوه|عبوات)\s+ناسف\S*", "لغم", "الغام", "انفجارا",
        "مفخخه", "مفخخات"),
    *_w("attack", "verb", "انفجرت", "انفجر", "exploded", "detonated", r"went\s+off",
        # a sniper's or a guided missile's shot: «قُتل برصاص قناص», "fired an anti-tank missile"
        r"fired\s+(?:an?\s+)?(?:anti-tank|guided|tow|kornet|atgm)\s+(?:guided\s+)?missiles?"),
    *_w("attack", "noun", r"(?:ب)?رصاص\s+(?:\S+\s+)?(?:قناص|القناص|قناصه|قناصي)", "قنص",
        r"(?:صاروخ|صاروخا|صواريخ)\s+(?:موجه|موجها|حراري|مضاد\S*\s+(?:لل)?دروع)",
        r"sniper\s+(?:fire|shots?|bullets?)"),
    *_v("clash", "اشتبك", "تقاتل", "اعترض", "صدم"),
    # fighting off an attack: «صدّت قسد هجوماً», "repelled infiltration attempts"
    *_w("clash", "verb", r"(?:repelled|repulsed|fended\s+off|beat\s+back|thwarted)(?:\s+(?:an?|the|"
        r"several|two|three|multiple)?\s*(?:[\w/'-]+\s+){0,3}?(?:attacks?|assaults?|offensive|"
        r"attempts?|advances?|incursions?|infiltrations?))?",
        r"(?:صد|صدت|صدوا|تصدت|تصدي|تصدوا)\s+(?:[^\s.,،]+\s+){0,5}?(?:ل)?(?:ال)?(?:هجوم|هجمات|محاول|"
        r"تسلل|تقدم)\S*(?:\s+(?:ال)?(?:تسلل|تقدم|هجوم|اقتحام)\S*)?", r"(?:احبط|احبطت|احبطوا)\s+(?:\S+\s+){0,3}?(?:ال)?(?:هجوم|محاول|تسلل)\S*"),
    *_w("clash", "verb", "اشتبكوا", "collided", r"(?:اصطدم|اصطدمت|تصادمت|تصادم)\s+(?:\S+\s+)?مع", "clashed", "intercepted", "rammed", "confronted", "exchanged\\s+fire", "fought",
        # "Bradley fighting vehicles", "fighting age": a kind of thing, not a fight
        r"fighting(?!\s+(?:vehicles?|machines?|age|chance|season|spirit|units?)\b)",
        "battled", r"(?:traded|trading|trade|trades)\s+(?:gun)?fire", "skirmished",
        r"(?:exchanging|exchange|exchanges)\s+(?:of\s+)?(?:gun)?fire"),
    *_w("clash", "noun", "اشتباك", "اشتباكات", "الاشتباكات", "تصادم", "اصطدام", "احتكاك",
        "collision", "scuffle", "standoff", "stand-off", "تبادل\\s+(?:ل)?اطلاق\\s+النار",
        "مواجهات", "المواجهات", "معارك",
        # «خلال مواجهة بين دورية وأهالي», «مواجهة مع»: one clash («بمواجهة داعش», «في
        # مواجهة التهديد»: against)
        r"(?:ال)?مواجهه(?=\s+(?:\S+\s+)?(?:بين|مع)\s)", "المعارك", "قتال", "القتال", "اقتتال",
        "clash(?:es)?", "firefight", "exchange\\s+of\\s+fire", "battles?", "gunfight",
        r"gun\s+battles?", "shootout", "skirmish(?:es)?", "confrontation"),
    *_v("ground_offensive", "طوق", "حاصر"),
    *_w("ground_offensive", "verb", "طوقوا", "حاصروا", "يطوقون", "يحاصرون", "encircled",
        "besieged", "surrounded", "encircling", "besieging",
        "يقاتلون", "تقاتلان", "يركز\\s+عملياته",
        r"(?:خاض|خاضت|تخوض|يخوض|يخوضون)(?=\s+(?:\S+\s+){0,6}?(?:ال)?(?:معرك|عملي|حمل|هجوم))",
        r"(?:conducting|waging|waged|conducted)\s+(?:an?\s+|the\s+)?(?:\S+\s+)?(?:operation|"
        r"offensive|battle|campaign)",
        # «شرعوا في مهاجمة القرى», «بدأت باقتحام»: an assault begun is an offensive
        r"(?:شرع|شرعت|شرعوا|بدا|بدات|بداوا|باشر|باشرت)\s+(?:\S+\s+){0,6}?(?:في\s+|ب)?(?:ال)?"
        r"(?:مهاجمه|اقتحام|هجوم|تقدم|توغل)\S*",
        # «تواصل قسد ... عملياتها العسكرية ضد», "pressed on with its offensive"
        r"(?:تواصل|يواصل|واصلت|واصل|تتابع|يتابع)(?=(?:\s+\S+){0,10}?\s+(?:ال)?(?:عمليات|عمليه|"
        r"هجوم|حمله|معارك|تقدم)\S*(?:\s+(?:ال)?عسكري\S*)?\s+(?:ضد|على|في|نحو|باتجاه))",
        r"(?:continues?|continued|resumed|resumes|pressed\s+on\s+with|pushed\s+on\s+with)"
        r"(?:\s+\S+){0,3}?\s+"
        r"(?:offensive|operations?|campaign|assault|advance)",
        rf"(?:تخوض|يخوض|خاضت|خاض|تخوضان|يخوضون){_X}(?:ال)?(?:عمليه|معرك|معارك|هجوم|حمله)\S*",
        rf"(?:اطلق|اطلقت|بدا|بدات|بدء|شن|شنت|اعلن|اعلنت){_Y}(?:ال)?(?:عمليه|معركه|هجوم|حمله)"
        r"(?:\s+\S+)?",
        r"تقدم(?:ت|وا)?\s+(?:\S+\s+)?(?:نحو|باتجاه|الى|في|على|داخل)",
        r"(?:يتقدم|تتقدم|يتقدمون)\s+(?:\S+\s+)?(?:نحو|باتجاه|الى|في|على|داخل)",
        # «وتقدمت قوات النظام صباح الجمعة إلى بلدات», «قد تقدمت يوم الجمعة باتجاه»: a subject
        # and a time between, when the verb opens its clause (the verb alone is the trigger,
        # so that the time is the event's date)
        r"(?:(?<=\sو)|(?<=^و)|(?<=\sف)|(?<=قد\s)|(?<=ثم\s)|(?<=كما\s)|(?<=^))"
        r"(?:تقدم|تقدمت|تقدموا|يتقدم|تتقدم|يتقدمون)(?=\s+(?:[^\s.,،!?؟]+\s+){2,5}?"
        r"(?:نحو|باتجاه|الى|داخل)(?![\u0621-\u064a]))",
        rf"(?:launched|began|started|opened|announced|mounted){_EW}(?:offensive|operation|"
        r"assault|incursion|attack|push)",
        "advanced", "advancing", r"pushed\s+(?:into|toward|towards|deeper|to\s+within)",
        "racing",
        # breaking a siege: «كسر/فك الحصار», "broke the siege of"
        r"(?:broke|breaking|break|lifted|lifting|broken)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:siege|blockade)",
        r"(?:كسرت|كسروا|فكت|فكوا)(?=\s+(?:[^\s.,،]+\s+){0,5}?(?:ال)?حصار)",
        "عبرت", "عبروا", "تسلل", "تسللت", "تسللوا", "توغلت", "توغل", "توغلوا", "crossed",
        "infiltrated", r"(?:began|started)\s+(?:an?\s+)?(?:\S+\s+)?(?:attack|assault)",
        "fights?"),
    # «دخلت المعركة أسبوعها الخامس», "the offensive entered its third week": a battle that
    # goes on, not forces entering a place
    *_w("ground_offensive", "verb", r"(?:دخل|دخلت|تدخل|يدخل)\s+(?:ال)?(?:معركه|حمله|هجوم|"
        r"عمليه|معارك|عمليات)(?:\s+[^\s.!?؟]+){0,20}?\s+(?:يوم|اسبوع|شهر|مرحله)\S*",
        r"(?:offensive|operation|battle|campaign|assault|fighting)\s+(?:[\w'-]+\s+){0,8}?"
        r"entered\s+(?:its|a)\s+(?:[\w'-]+\s+)?(?:day|week|month|phase|stage)s?"),
    *_w("ground_offensive", "noun", "هجومين", "حمله\\s+عسكريه", "الحمله\\s+العسكريه",
        "عمليه\\s+عسكريه", "العمليه\\s+العسكريه", "هجوما?\\s+بريا?", "الهجوم\\s+البري",
        "عمليه\\s+بريه", "العمليه\\s+البريه", "هجمات\\s+بريه",
        "معركه", "توغل", "التوغل", "تقدم", "التقدم", "offensive", "incursion",
        "ground\\s+(?:attack|operation|offensive|assault|incursion)", "military\\s+operation",
        "advance", "push"),
    # generic words: only ever the content of another trigger
    *_w("ground_offensive", "weak", "عمليه", "العمليه", "عمليات", "العمليات", "عملياته",
        "عملياتها", "operations?", "campaign"),
    # --- control of ground
    *_v("capture", "سيطر", "استعاد", "استولى", "انتزع", "حرر", "طرد", "احكم"),
    *_w("capture", "verb", "استولت", "استولوا", "سيطروا", "استعادوا", "انتزعوا", "حرروا", "طردوا",
        # «احتلوا مدينتي سري كانيه وكري سبي» (the verb: «جيش الاحتلال» names an army)
        "احتل", "احتلت", "احتلوا",
        r"(?:احكم|احكمت|احكموا|بسط|بسطت|بسطوا)(?:\s+\S+){0,6}?\s+(?:ال)?(?:قبض|سيطر)\S*",
        rf"(?:سقط|سقطت){_Y}(?:بيد|بايدي|في\s+يد|في\s+قبضه|تحت\s+سيطره)",
        "captured", "seized", "recaptured", "retook", "overran", "overrun", "liberated",
        "capturing", "seizing", "recapturing", "retaking", "overrunning",
        "expelled", r"(?:took|taken|taking|take|takes|seized|gained|assumed)\s+(?:full\s+|complete\s+|"
        r"total\s+)?control\s+(?:of|over)", r"fell\s+to",
        r"drove\s+(?:\S+\s+){0,3}?out", r"(?:took|taken|take)\s+(?:over\s+)?(?:the\s+)?(?:centre\s+of\s+|center\s+of\s+)?"
        r"(?:town|city|village|villages|area|base|airport|airbase|district|hill|"
        r"neighbou?rhood|border\s+town|strategic)", r"gained\s+control", r"wrested\s+(?:\S+\s+)?control"),
    *_w("capture", "noun", "السيطره\\s+(?:(?:ال)?(?:كامله|تامه)\\s+)?على", "سيطره(?:\\s+\\S+){0,3}?\\s+علي(?:ه|ها|هم)?",
        "استعاده",
        "تحرير", "capture", "takeover", "recapture", r"fall\s+of"),
    # --- forces that move, stay or leave
    *_v("withdrawal", "انسحب"),
    *_w("withdrawal", "verb",
        # «أخلت القوات الأمريكية قاعدتيها», "evacuated their bases"
        rf"(?:اخلت|اخلي|اخلوا|يخلي|تخلي){_XC}(?:مقر|مواقع|نقاط|نقطه|قاعد|موقع)\S*",
        r"(?:evacuated|vacated|abandoned)\s+(?:\S+\s+){0,2}?(?:bases?|posts?|positions?|"
        r"outposts?|headquarters)"),
    *_w("withdrawal", "verb", "انسحبوا", r"(?:سحب|سحبت|سحبوا),?\s+(?:\S+\s+){0,4}?"
        r"(?:قوات|جنود|عناصر|مستشار|مقاتل|اسلح|اليات|اليات|اعداد)\S*", "withdrew", "withdrawn", "withdraw",
        # "the last US troops stationed near Kobani left on Monday" (not "the left bank")
        r"(?:troops|forces|soldiers|personnel)\s+(?:[\w-]+\s+){0,4}?(?:had\s+|have\s+)?left\b"
        r"(?!\s+(?:bank|flank|side|wing|behind|over|unclear|open))",
        "غادر", "غادرت", "غادروا", "خرج", "خرجت", "خرجوا",
        r"اخلت\s+(?:\S+\s+)?(?:مواقع|مقر|نقاط|قاعد)\S*", "اخلتها", "اخلاها", "اخلوها",
        r"pulled\s+(?:\S+\s+){0,4}?(?:out|back)", r"pull(?:ing)?\s+(?:out|back)", "retreated",
        "retreating", "retreats", r"(?:fell|falling|fall)\s+back\b",
        # "completed a deliberate withdrawal from Manbij": the act, told as done
        r"(?:completed|finished|carried\s+out)\s+(?:a\s+|an\s+|the\s+|its\s+|their\s+)?['\"]?"
        r"(?:[\w-]+\s+){0,2}?(?:withdrawal|pull-?out|pullback)",
        "evacuated\\s+(?:its|their)\\s+(?:positions|posts|bases?)",
        # "abandoned the airfield", «تخلّت القوات عن مواقعها»: forces leaving a place they held
        r"(?:abandoned|vacated|evacuated|quit)\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:\S+\s+){0,2}?"
        r"(?:base|bases|airfield|airport|positions?|posts?|outposts?|checkpoints?|garrison)\b",
        r"(?:تخلت|تخلى|تخلوا)\s+(?:\S+\s+){0,5}?عن\s+(?:ال)?(?:مواقع|قاعد|مطار|نقاط|نقطه|مقر)\S*"),
    *_w("withdrawal", "noun", "انسحاب", "الانسحاب", "سحب", "withdrawal", "pullout",
        # «أجبره على التراجع مسافة عشرة كيلومترات»: a pull-back
        r"(?:ال)?تراجع(?=\s+(?:مسافه|الي|نحو|باتجاه|عن|من)\s)",
        rf"(?:ال)?اخلاء{_XC}(?:مقر|مواقع|نقاط|نقطه|قاعد|موقع)\S*",
        r"(?:vacate|vacating|evacuation\s+of)\s+(?:its|their|the)\s+(?:post|positions?|base|"
        r"posts|headquarters)",
        r"pull-?back", "drawdown",
        "pull-out", "retreat"),
    # the past tense is a move, the present a presence («تتمركز»: military_presence)
    *_w("deployment", "verb", "انتشر", "انتشرت", "تمركز", "تمركزت",
        # «سحبت الميليشيات عناصرها ... ونشرتها في مزارع»: deployed them somewhere
        r"(?:نشر|نشرت|نشروا|نقل|نقلت|نقلوا)(?:ها|هم|هما)(?=\s+(?:في|علي|الي|قرب|داخل|حول|بين|ب|"
        r"عند|على)\s)"),
    *_w("deployment", "verb",
        rf"(?:نشر|نشرت|نشروا|ارسل|ارسلت|دفع|دفعت|استقدم|استقدمت|حشد|حشدت|حشدوا|تحشد|يحشد|"
        # («نقلت قناة الجزيرة عن مصادر أن الطائرات»: what a channel reported, not a transfer)
        rf"(?:نقل|نقلت|نقلوا)(?!(?:,?\s+[^\s,]+,?){{0,6}}?\s+(?:عن|ان|وكاله|قناه|صحيفه|مصادر|"
        rf"مصدر|موقع|شبكه|مراسل)\s)){_XC}(?:ب)?(?:ال)?(?:قوات|جنود|"
        r"عناصر|قوه|منظوم|صواريخ|تعزيز|طائرات|مقاتل|دبابات|اسلحه|مدرعات|اليات|مروحي|"
        r"مدافع|راجمات|بطاري|زوارق|عبارات|ذخائر|عتاد)\S*",
        r"(?:took|taken|take|takes|taking)\s+up\s+(?:new\s+|defensive\s+)?positions",
        r"(?:massed|amassed|massing|amassing)(?=\s+(?:\S+\s+){0,3}?(?:troops|forces|fighters|"
        r"soldiers|tanks|reinforcements|militiamen|vehicles))",
        # an airdrop («أنزلت مروحيات التحالف مئات المقاتلين», "airlifted hundreds of fighters")
        rf"(?:انزلت|انزل|انزلوا){_XC}(?:مئات|عشرات|العشرات|المئات|قوات|جنود|عناصر|مقاتل)\S*",
        r"(?:airlifted|airdropped|air-dropped)",
        # «عززت الشرطة العسكرية الروسية وجودها في بلدة صرين»: more forces where they stand
        r"(?:عزز|عززت|عززوا|وسع|وسعت|وسعوا)\s+(?:\S+\s+){0,4}?(?:ال)?(?:وجود|تواجد|انتشار|"
        r"مواقع|نقاط)\S*",
        r"(?:وصل|وصلت)\s+(?:\S+\s+)?(?:ال)?(?:تعزيزات|قوات)",
        "دخل", "دخلت", "دخلوا", "وصل", "وصلت", "وصلوا", "deployed", "deploying", "redeployed",
        r"sent\s+(?:\S+\s+){0,3}?(?:troops|forces|reinforcements|aircraft|jets|soldiers)",
        "entered", r"(?<!fighting\s)(?<!battle\s)(?<!front\s)(?<!war\s)moved\s+(?:[\w-]+\s+){0,3}?(?:into|toward|towards)\b", r"linked\s+up",
        # "moved HIMARS rocket systems from Jordan to al-Tanf"
        r"moved\s+(?:[\w()-]+\s+){1,8}?from\s+[\w-]+(?:\s+[\w-]+)?\s+to\b",
        "arrived", "reinforced", r"(?:rolled|headed)\s+(?:into|toward|towards)\b",
        # «تحركت القوات نحو», «توجهت أرتال باتجاه»: forces moving towards a place
        r"(?:تحرك|تحركت|تحركوا|توجه|توجهت|توجهوا|اتجهت|اتجه)(?=\s+(?:\S+\s+){0,4}?(?:نحو|"
        r"باتجاه|صوب|الي)\s)",
        # aircraft that land at a base are deployed there
        r"(?:هبطت|هبط|حطت)(?=\s+(?:\S+\s+){0,4}?(?:في|ب)\s*(?:ال)?(?:قاعده|مطار))",
        r"landed\s+(?:at|in)", r"(?:set\s+up|established)\s+(?:\S+\s+){0,3}?(?:position|base|"
        r"post|outpost|checkpoint)s?\b", r"(?:اقام|اقامت|انشا|انشات)\s+(?:\S+\s+){0,2}?(?:ال)?"
        r"(?:نقطه|نقاط|قاعده|حاجز)\S*",
        r"(?:moving|moved|relocating|transferring|flew|sent|sending)\s+(?:[\w'-]+\s+){0,3}?"
        r"(?:troops|forces|helicopters|aircraft|jets|equipment|soldiers|units|vehicles|weapons|"
        r"systems|reinforcements|fighters|planes|police)(?:\s+[\w'-]+){0,4}?\s+to\s+"
        r"(?:a|an|the|its|their)\b",
        r"(?:were|was|been)\s+(?:relocated|transferred|redeployed|flown|moved)\s+to",
        r"(?:نقل|نقلت|نقلوا)(?:\s+\S+){0,4}?\s+(?:الى|نحو)",
        # «بلغت القوات أطراف المدينة», "reached the outskirts of"
        r"(?:بلغ|بلغت|بلغوا|بلغا|بلغتا)\s+(?:ال)?(?:منطقه|اطراف|مشارف|محيط|مدينه|بلده|قريه|حدود|"
        r"ضفه|الضفه)\S*", r"reached\s+(?:the\s+)?(?:outskirts|edge|area|town|city|village|"
        r"border|bank|gates|vicinity)"),
    *_w("deployment", "noun", "نشر\\s+(?:\\S+\\s+)?(?:قوات|جنود|عناصر|نقطه|نقاط|منظوم\\S*|صواريخ)", "تعزيزات", "وصول",
        "دخول", "انتشار\\s+(?:\\S+\\s+)?(?:قوات|جنود|عناصر)",
        "التعزيزات", "انتشار", "الانتشار", "deployment", "reinforcements",
        r"(?:ال)?انزال\s+(?:ال)?جوي", "airdrop", "airlift"),
    *_w("military_presence", "verb", "تتواجد", "يتواجد", "يتمركز", "تتمركز", "يتمركزون",
        "ينتشر", "تنتشر", "ينتشرون", "تسيطر\\s+على", "يسيطر\\s+على", "تسيطر\\s+عليها",
        "يسيطر\\s+عليها", "يتحصن", "يتحصنون", "تتحصن", "تحرس", "يحرس", "يحرسون",
        "guarding", "guard", "guards", r"under\s+(?:\S+\s+){0,2}?control", "stationed", r"based\s+(?:in|at|near)",
        r"remain(?:s|ed)?\s+(?:inside|in|at)", r"holed\s+up",
        r"(?:troops|forces|soldiers|personnel|fighters)\s+(?:still\s+)?remain(?:s|ed)?\b", "entrenched", "garrisoned",
        r"(?:are|is|were|was)\s+present", "controls",
        r"(?:man|mans|manned|manning|staff|staffed)\s+(?:\S+\s+){0,2}?(?:posts?|outposts?|"
        r"positions?|checkpoints?|bases?)\b", r"(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?(?:held|controlled)\s+by",
        r"(?:are|is|were|was|remain)\s+(?:still\s+)?(?:in\s+(?:the|its|their)\s+vicinity|deployed\s+(?:in|at|near))",
        # participles and relatives: «القوات المتمركزة في», «الخاضع لسيطرة», «ما زالوا داخل»
        *(f"{a}{b}{c}" for a in ("", "ال") for b in ("متمركز", "منتشر", "متواجد", "متحصن")
          for c in ("", "ه", "ين", "ون")),
        r"(?:ال)?(?:خاضع|واقع)(?:ه|ين)?\s+(?:تحت\s+|ل)(?:ل)?سيطره",
        r"(?:(?:ما|لا)\s+)?(?:زال|زالت|زالوا|يزال|تزال|يزالون)\s+(?:[^\s,،.]+\s+)?(?:داخل|في|يتحصن|"
        r"يتمركز)"),
    # (not «بسبب وجود جرحى», "because there are wounded": the presence of people)
    *_w("military_presence", "noun", r"(?:وجود|تواجد)(?!\s+(?:عدد\s+من\s+|بعض\s+)?(?:ال)?(?:جرحي|"
        r"مصاب|قتلي|مدني|نازح|لاجي|سكان|عائل|اهالي|مواطن|اطفال|نساء|مرضي))", "تحت\\s+سيطره", "سيطره", "السيطره",
        "نفوذ", "معقل", "معاقل",
        "قاعده\\s+عسكريه", "قواعد\\s+عسكريه", "presence", "garrison", "stronghold",
        r"military\s+bases?",
        # a force's post where it stands: «نقطة المراقبة التركية في مورك», "the Turkish
        # observation post at Morek"
        r"(?:ال)?(?:نقطه|نقاط)\s+(?:ال)?مراقبه", r"(?:observation|military)\s+(?:posts?|points?)",
        "outposts?"),
    *_w("military_presence", "verb",
        r"(?:maintains?|maintained|maintaining|keeps?|kept|keeping)\s+(?:a\s+|an\s+|its\s+|"
        r"their\s+)?(?:\S+\s+)?(?:base|garrison|outpost|presence)s?\b",
        # «تحتفظ واشنطن بنحو 600 جندي», "keeps about 600 troops": troops kept where they are
        r"(?:يحتفظ|تحتفظ|احتفظ|احتفظت|يحتفظون)(?:\s+\S+){0,3}?\s+ب(?:نحو\s+|حوالي\s+)?"
        r"(?:\S+\s+){0,2}?(?:جندي|جنود|عسكري|عسكريين|قوات|عنصر|عناصر)",
        r"(?:maintains?|maintained|keeps?|kept|has|have|had)\s+(?:some\s+|about\s+|around\s+|"
        r"roughly\s+|nearly\s+|an\s+estimated\s+)?[0-9][0-9,]*\s+(?:\S+\s+)?(?:troops|soldiers|"
        r"personnel|service\s+members)"),
    *_v("patrol", "سير"),
    *_w("patrol", "verb", r"(?:ارسل|ارسلت|ارسلوا|اطلق|اطلقت|اطلقوا)\s+(?:\S+\s+)?دوري\S*",
        r"(?:sent|dispatched)\s+(?:\S+\s+){0,2}?patrols?"),
    *_w("patrol", "verb", "سيروا", "patrolled", "patrolling", "patrols"),
    *_w("patrol", "noun", "دوريه", "دوريات", "الدوريه", "الدوريات", "دوريتين", "patrol",
        r"joint\s+patrols?"),
    *_w("convoy_movement", "verb", r"(?:نقل|نقلت|نقلوا|جرى\s+نقل)\S*(?:\s+\S+){0,5}?\s+(?:ب)?(?:ال)?"
        r"(?:شاحنات|حافلات|باصات|اليات)", "trucked", "bused", "bussed",
        r"transported\s+(?:\S+\s+){0,3}?(?:by|in|on)\s+(?:\S+\s+)?(?:trucks|buses|vehicles)"),
    # escorting buses or a convoy («رافقت عربات روسية الحافلات»); not «ترافقها مروحيتان»,
    # helicopters that go with a patrol
    *_w("convoy_movement", "verb", r"(?:رافق|رافقت|رافقوا)\s+(?:\S+\s+){0,6}?(?:ال)?(?:حافلات|"
        r"باصات|قافله|قوافل|رتل|ارتال|شاحنات)",
        r"escorted\s+(?:\S+\s+){0,3}?(?:convoys?|buses|trucks|columns?)"),
    *_w("convoy_movement", "noun", "رتل", "الرتل", "ارتال", "الارتال", "قافله", "القافله",
        "قوافل", "القوافل", "convoys?", "column",
        # a convoy that moves is one convoy movement, not a deployment besides
        r"(?:convoys?|columns?)\s+(?:[\w'-]+\s+){0,6}?(?:moved|headed|rolled)\s+"
        r"(?:into|toward|towards)\b",
        r"(?:ال)?(?:رتل|ارتال|قافله|قوافل)\s+(?:\S+\s+){0,6}?(?:تحرك|توجه|اتجه)\S*"),
    *_v("displacement", "نزح"),
    *_w("displacement", "verb", "نزحوا", "فروا", "هربوا", "فر", "هرب", "اجلت", "اجلى",
        "اجلوا", "fled", "fleeing", r"(?<!the\s)displaced", "flee", "uprooted",
        # the wounded evacuated for treatment are no displaced people
        r"evacuated(?!\s+(?:\S+\s+)?(?:for|to)\s+(?:medical|treatment|hospitals?|a\s+hospital))"),
    *_w("displacement", "noun", "نزوح", "النزوح", "فرار", "اجلاء", "تهجير", "موجه\\s+نزوح",
        "displacement", "exodus", "evacuation", "refugees"),
    # --- contacts between the parties
    *_w("meeting", "verb", "اجتمع", "اجتمعت", "التقى", "التقت", f"تحدث\\s+(?:الى|مع){_NOT_OUTLET}",
        f"تحدثت\\s+(?:الى|مع){_NOT_OUTLET}", "تشاور", "اجرتا\\s+مشاورات", "اجرى\\s+\\S+\\s+مناقشات",
        r"بحث(?:ت|ا|تا|وا)?(?!\s+عن)",   # («بحثاً عن ألغام»: searching, not talks)
        "ناقش", "ناقشت", "استقبل", "استقبلت",
        "met", r"spoke\s+(?:to|with)", "talked", "discussed", "hosted"),
    *_w("meeting", "noun", "اجتماع", "اجتماعا", "لقاء", "لقاءات", "محادثات", "مباحثات",
        "مشاورات", "مناقشات", "اتصالات", "اتصال\\s+هاتفي", "على\\s+الهاتف", "مكالمه",
        "قمه", "مفاوضات", "meeting",
        # a call on the phone, not a name ("which Kurds call Serekaniye") nor a demand
        "talks", r"(?:tele)?phone\s+calls?", r"(?:a|the)\s+call(?!\s+(?:for|on|to)\b)",
        "summit", "negotiations", "consultations"),
    *_w("agreement", "verb", "اتفق", "اتفقا", "اتفقت", "اتفقوا", "تم\\s+الاتفاق", "توصلت", "توصلا",
        "توصل", "توافق", "توافقت", r"وقع(?:ت|ا|تا)?\s+(?:\S+\s+){0,7}?(?:على\s+)?(?:ال)?"
        r"(?:اتفاق|مذكره|وثيقه)", "agreed", "signed", "endorsed",
        r"reached\s+(?:an?\s+)?(?:\S+\s+)?(?:agreement|deal|understanding|accord)",
        # striking or sealing a deal is agreeing, not a strike ("struck a deal with")
        r"(?:struck|strikes?|striking|sealed|clinched|brokered|cut)\s+(?:an?\s+|the\s+)?"
        r"(?:[\w'-]+\s+){0,2}?(?:deal|agreement|bargain|accord|compromise|truce|understanding)",
        r"(?:ابرم|ابرمت|ابرما|ابرمتا|ابرموا|يبرم|تبرم|عقد|عقدت|عقدا|عقدتا)\s+(?:\S+\s+){0,3}?"
        r"(?:ال)?(?:اتفاق|اتفاقيه|صفقه|تفاهم|هدنه)\S*"),
    # «أقرّتا خريطة الطريق»: endorsing a plan or a deal
    *_w("agreement", "verb", rf"(?:اقر|اقرت|اقرتا|اقرا|اقروا|صادق|صادقت){_X}(?:ال)?(?:خريطه|"
        r"خارطه|خطه|اتفاق|مذكره|تفاهم|اتفاقيه)\S*"),
    # a deal "entered into force", «دخل حيّز التنفيذ»: the agreement, not a deployment
    *_w("agreement", "verb", r"(?:دخل|دخلت|يدخل|تدخل)\s+(?:[^\s.!?؟]+\s+){0,8}?حيز\s+التنفيذ",
        r"(?:entered|enters|came|comes|went|goes)\s+into\s+(?:force|effect)",
        r"took\s+effect", r"takes\s+effect"),
    *_w("agreement", "noun", "اتفاق", "الاتفاق", "اتفاقا", "اتفاقيه", "الاتفاقيه", "مذكره\\s+التفاهم",
        "مذكره\\s+تفاهم", "تفاهم", "التفاهم", "تفاهمات", "التفاهمات", "هدنه", "الهدنه", "وقف\\s+اطلاق\\s+النار",
        "خارطه\\s+الطريق", "خريطه\\s+الطريق", "agreement", "deal", "memorandum",
        "ceasefire", r"cease-fire", "truce",
        r"(?:deal|ceasefire|cease-fire|agreement|truce|accord)\s+(?:\S+\s+)?(?:struck|brokered|reached)", "cessation\\s+of\\s+hostilities", "roadmap", "road\\s+map",
        "accord", "understanding"),
    *_w("hotline_contact", "verb", rf"(?:ال)?(?:اتصال|تواصل)(?:ات)?{_X}(?:جري\s+|تم\s+)?"
        r"(?:عبر|من\s+خلال|بواسطه)\s+(?:ال)?(?:خط|قناه)",
        r"contact\s+(?:\S+\s+){0,3}?(?:was\s+)?(?:made\s+)?(?:via|over|through|on)\s+"
        r"(?:the\s+)?(?:\S+\s+)?(?:hotline|channel|line)"),
    *_w("hotline_contact", "noun", "الخط\\s+الساخن", "خط\\s+ساخن", "القناه\\s+الخاصه",
        "قناه\\s+الاتصال", "قنوات\\s+(?:ال)?اتصال",
        "(?:خط|قناه|قنوات|اليه|الخط|القناه|الاليه)\\s+منع\\s+(?:الاشتباك|التصادم|الاصطدام|"
        "الاحتكاك)",
        "hotline", r"deconfliction\s+(?:line|channel|hotline|mechanism)"),
    *_w("protest", "noun", r"(?:hunger|general|labou?r)\s+strikes?", r"اضراب\s+عن\s+الطعام",
        r"(?:ال)?اضراب(?:\s+(?:ال)?عام)?"),
    *_w("protest", "verb", "تظاهر", "تظاهروا", "يتظاهر", "يتظاهرون", "احتج", "احتجوا",
        "يحتج", "يحتجون", "protested", "rallied"),
    *_w("protest", "noun", "مظاهره", "مظاهرات", "تظاهره", "المتظاهرين", "متظاهرين",
        "المتظاهرون", "متظاهرون", "المحتجين", "محتجين", "المحتجون", "محتجون",
        "احتجاج", "احتجاجات", "وقفه", "اعتصام", "protests?", "protesters", "demonstrations?",
        "rally"),
]

# verbs of threatening: whose object (with «ب») may follow the subject and a time
# (`_triggers._negated`), and a claim told as a statement whoever it is against
THREATS = frozenset({"هدد", "هددت", "يهدد", "تهدد", "توعد", "توعدت", "يتوعد", "تتوعد", "لوح",
                     "لوحت", "يلوح", "تلوح"})
THREATS_EN = frozenset({"threatened", "vowed"})
NEGATORS = frozenset({"لا", "لم", "لن", "ليس", "ليست", "عدم", "بعدم", "لعدم", "غياب", "دون",
                      "بدون", "not", "no", "never", "without", "n't", "didn't", "nor"})
HYPOTHETICAL = frozenset({"طلب", "طلبا", "الطلب", "اقتراح", "مقترح", "خطه", "تعتزم", "يعتزم",
                          "بشان", "تنفيذ", "السماح", "اي", "كل", "عاده", "request", "proposal",
                          "plan", "would", "will", "to", "any", "every", "usually"})
# words that make the next verb a plan, a threat or a possibility, not a reported act
MODALS = frozenset({"سوف", "ستقوم", "سيقوم", "تعتزم", "يعتزم", "تنوي", "ينوي", "تخطط", "يخطط",
                    "تهدد", "يهدد", "هددت", "هدد", "بصدد", "الراميه", "الهادفه", "بهدف", "تهدف",
                    "يهدف", "سعيا", "محاوله", "will", "aimed", "aiming", "seeking", "attempt",
                    "bid", "would", "could", "may", "might", "plans", "planned", "plan", "intends",
                    "threatened", "threatens", "ready", "should", "must", "shall", "to",
                    # threats and demands: what is threatened or demanded has not happened
                    "لوح", "لوحت", "يلوح", "تلوح", "توعد", "توعدت", "يتوعد", "تتوعد", "مطالبه",
                    "مطالبا", "مطالبين", "طالب", "طالبت", "طالبوا", "يطالب", "تطالب", "داعيا",
                    "داعيه", "دعت", "دعوا", "يدعو", "تدعو", "threatening", "vowed", "vows",
                    "demanded", "demanding", "demands", "demand", "urged", "urging", "urges"})
# two words that do the same ("called for the withdrawal of ...")
MODAL_PAIRS = frozenset({("called", "for"), ("calling", "for"), ("calls", "for"),
                         ("call", "for"), ("pushing", "for"), ("pushed", "for")})
# words between a modal and the act it governs: articles, prepositions and light verbs
# ("to launch an offensive", «بشن هجوم», «بتنفيذ عملية»)
LIGHT_WORDS = frozenset({"the", "a", "an", "its", "their", "his", "her", "new", "fresh",
                         "another", "launch", "carry", "out", "conduct", "stage", "mount",
                         "wage", "full-scale", "large-scale", "major", "possible", "military",
                         "ground",
                         "ب", "ل", "شن", "بشن", "تنفيذ", "بتنفيذ", "القيام", "بالقيام", "توسيع",
                         "بتوسيع", "عمليه", "بعمليه", "عسكريه", "اطلاق", "باطلاق", "بدء",
                         "ببدء"})
# words that make what follows a question, a condition or a purpose, not a report ("once the
# forces have left", "to let them withdraw", «ريثما تنسحب», «بمجرد انسحاب»)
CONDITIONAL = frozenset({"اذا", "لو", "whether", "if", "unless", "until", "once", "let", "allow",
                         "allowing", "ريثما", "لحين", "بمجرد"})
# verbs that continue the previous speaker's statement
CONTINUATION = _rx(r"^[وف]?(?:اضاف|اضافت|اوضح|اوضحت|اشار|اشارت|تابع|تابعت|تابعوا|"
                          r"مضيفا|مضيفه|مشددا|موضحا|موكدا|معتبرا|لافتا|مشيرا|منوها|موكده|"
                          r"مشيره|موضحه|معتبره|لافته|مشدده|added|"
                          r"continued)$")
RELATIVE_PRONOUNS = ("الذي", "التي", "الذين", "اللذين", "اللتين", "حيث", "which", "that",
                     "who", "where")
CONTENT_MARKERS = ("ان", "انه", "انها", "انهم", "بان", "that")
AIR_WORDS = _rx(r"طائر|طيران|مقاتلات|جوي|الجو|مروحي|مسير|درون|غار[هات]|سوخوي|aircraft|"
                r"jets?\b|planes?\b|air\b|airstrike|air\s*raid|drone|warplanes?|helicopter|"
                r"sukhoi|su-\d+|f-\d+")
# where a sentence's next clause begins: a subordinating or contrasting conjunction, a
# comma or semicolon followed by «و/ف» or "and", an English relative or time clause
CLAUSE_BREAK = _rx(r"(?<![\u0621-\u064a])(?:في\s+حين|بينما|فيما|بعد\s+ان|بعدما|قبل\s+ان|[،,]?\s*ثم|"
                   r"بالتزامن\s+مع|في\s+الوقت\s+(?:نفسه|ذاته)|كما|حيث|وسط|عقب)"
                   r"(?![\u0621-\u064a])|[,;؛]\s*[وف](?=[\u0621-\u064a]{3})|;|"
                   r"\b(?:while|whereas|after|before|as\s+well\s+as|meanwhile|"
                   r"at\s+the\s+same\s+time|alongside)\b|,\s*(?:and|while|but|as|which|"
                   r"where|when)\b")
# people (not fighters) in a clause: who flees them is displaced, not withdrawing
PEOPLE_WORDS = _rx(r"شخص|اشخاص|مدني|سكان|عائل|اهالي|نازح|مواطن|لاجي|people|civilian|resident|"
                   r"famil|refugee|villager")
GROUND_WORDS = _rx(r"مدفع|صاروخ|صواريخ|قذائف|قذيفه|هاون|راجم|الدبابات|دبابه|ارض ارض|"
                  r"artiller|rocket|mortar|shell(?:s|ed|ing)\b|howitzer|tank\s+fire|"
                  r"grad\b|missile\s+launcher")
# explosive devices and mines: a strike by one is an attack, not a shelling
BOMB_WORDS = _rx(r"عبوه\s+ناسف|عبوات\s+ناسف|لغم|الغام|مفخخ|انتحاري|"
                 r"(?:roadside|car|truck)\s+bomb|explosive\s+device|\bieds?\b|landmine|"
                 r"suicide\s+bomb")
# ------------------------------------------------------------------------------- outlets

OUTLETS = {
    "CNN": ("cnn",), "AFP": ("afp", "ا ف ب", "فرانس برس", "فرانس بريس"),
    "Reuters": ("reuters", "رويترز"), "Anadolu": ("anadolu", "الاناضول", "الأناضول"),
    "AP": ("associated press", "اسوشيتد برس"), "SANA": ("sana", "سانا"),
    "TASS": ("tass", "تاس"), "Sputnik": ("sputnik", "سبوتنيك"), "RIA Novosti": ("ria", "ريا نوفوستي"),
    "Interfax": ("interfax", "انترفاكس"), "Al Jazeera": ("al jazeera", "الجزيره"),
    "BBC": ("bbc",), "DPA": ("dpa", "د ب ا"),
}
