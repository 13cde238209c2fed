"""Cues around a trigger for `extract`: venues, plans, frames, anaphors, enumerations and
clause boundaries, as patterns over folded text (`dates.fold`). `_lexicon` re-exports them."""

from __future__ import annotations

import re

from geo_deconflict.extract._fold import _FOLD
from geo_deconflict.extract._needles import gated


def _rx(pattern: str) -> re.Pattern:
    """Compile a pattern written in plain Arabic for matching folded text (behind a lookahead
    of the characters a match opens with: `gated`)."""
    return gated(re.compile(pattern.translate(_FOLD)))


# a place named as where a speaker spoke («متحدثاً إلى الصحافيين في أنطاليا», "speaking to
# reporters in Ankara", "in an interview in Moscow"): the venue, not the event's place
VENUE = _rx(r"(?:speaking|talking|spoke|interview|reporters|journalists|news\s+conference|"
            r"press\s+conference|متحدثا|متحدثه|تحدث|الصحافيين|الصحفيين|الصحفيون|موتمر\s+صحفي|"
            r"مقابله)[^.,،;:]{0,45}$"
            # the seat of who tells: "the defence ministry in Ankara said", "officials in Moscow"
            r"|\b(?:ministry|government|officials?|spokes(?:man|woman|person)|sources?|"
            r"authorities|embassy|office|presidency|command|cent(?:re|er))\s+(?:in|at)\s+"
            r"(?:the\s+)?$"
            # «مركز المصالحة الروسي في قاعدة حميميم»: an institution at its seat
            r"|(?<![\u0621-\u064a])(?:ال)?(?:مركز|وزاره|قياده|سفاره|مكتب)(?:\s+\S+){1,3}\s+"
            r"في\s+(?:(?:ال)?(?:قاعده|عاصمه)\s+)?$")
# words right after an event noun that make it a plan: "the withdrawal ... will begin",
# «الانسحاب سيبدأ»
PLANNED_AFTER = _rx(r"\s*(?:[\w'-]+\s+){0,6}?(?:will|would|is\s+to|are\s+to|was\s+to|"
                    r"is\s+expected|are\s+expected|is\s+due|are\s+due|سوف|"
                    r"س(?:ي|ت|ن)(?:بدا|تم|كون|نفذ|جري|نطلق|ستمر|سحب|نسحب)\S*)(?:\s|$)")
# a place right after talks or an agreement is where they were held
VENUE_OF_TALKS = _rx(r"(?:قمه|محادثات|مباحثات|اجتماع|لقاء|مفاوضات|مشاورات|talks|summit|meeting|"
                     r"negotiations|consultations|agreement|agreed|deal|accord)\S*(?:\s+\S+){0,3}?\s+"
                     r"(?:في|ب|in|at)\s*(?:\S+\s+){0,2}?$")
# "under the deal", «بموجب الاتفاق»: an agreement named as the frame of what follows
UNDER_TERMS = _rx(r"(?:under|per|according\s+to|in\s+line\s+with|بموجب|وفق|وفقا\s+ل|ضمن|"
                  r"حسب|بحسب)\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?:\S+\s+)?$")
# an agreement noun followed by its signing («الاتفاق الذي وقّعه الرئيسان في سوتشي», "the
# memorandum that Putin and Erdogan signed", "the deal signed in Sochi"): the signing is told
SIGNED_AFTER = _rx(r"\s*(?:\S+\s+){0,3}?(?:(?:الذي|التي|اللذين|that|which)\s+(?:تم\s+|جري\s+|"
                   r"was\s+|were\s+|had\s+been\s+|had\s+|have\s+)?(?:\S+\s+){0,3}?"
                   r"(?:وقع|وقعه|وقعها|وقعاه|وقعاها|وقعته|وقعتها|وقعوه|وقعوها|توقيعه|توقيعها|ابرم|"
                   r"ابرمه|ابرمها|ابرمت|ابرماه|ابرماها|توصل\s+اليه|توصلا\s+اليه|توصلت\s+اليه|"
                   r"توصلوا\s+اليه|signed|concluded|struck|sealed|reached)"
                   r"|(?:signed|concluded)\s+(?:by|in|at|on|between))(?:\s|$|[.,،])")
# «وتأتي هذه الدوريات تنفيذاً لـ», "these patrols come under": an event named as what
# follows from something else (told before; what the sentence tells is the frame)
COMES_AS = _rx(r"(?:^|[\s.,،])[وف]?(?:تاتي|ياتي|جاءت|جاء)\s+(?:هذه\s+|هذا\s+|تلك\s+|ذلك\s+)?$")
# "The patrols are the first step ...", "These strikes came after ...": an act named again as
# the subject of what is said about it (opening its sentence, then a copula)
TOLD_SUBJECT_BEFORE = _rx(r"\s*(?:the|these|this|those|such)\s+(?!(?:first|second|third|fourth|"
                          r"fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|next|"
                          r"latest|new|last|previous|joint|another)\b)(?:[\w-]+\s+)?")
TOLD_SUBJECT_AFTER = _rx(r"\s+(?:is|are|was|were|come|came|comes|follows?|followed)\b")
# a deal named before the verb that struck it ("the deal the two countries struck")
DEAL_STRUCK = _rx(r"\b(?:deal|agreement|accord|bargain|truce|compromise|understanding)\s+"
                  r"(?:that\s+|which\s+)?(?:[\w'-]+\s+){0,4}?(?:had\s+|have\s+)?$")
# a request, then its refusal in the same sentence: «وهو ما رفضته قيادتها», "which the SDF
# rejected", "a request that Damascus turned down"
REFUSED_AFTER = _rx(r"(?<![\u0621-\u064a])(?:وهو|وهي|الامر\s+الذي)?\s*ما\s+(?:رفض|رفضت|رفضته|رفضه|"
                    r"رفضوه|رفضها)|\b(?:which|that)\s+(?:[\w'-]+\s+){0,4}?(?:refused|rejected|"
                    r"turned\s+down|declined)\b")
# what forces face or repel («لمواجهة العدوان», «للتصدي للهجوم», "to repel the attack"): the
# act right after (FACED), or an actor up to a word after (FACED_ACTOR, "to fight" too)
_FACING_AR = r"(?<![\u0621-\u064a])(?:ل|و)?(?:مواجهه|التصدي\s+ل?|صد|ردع|ملاحقه|مطارده)"
_FACING_EN = "counter|confront|repel|face|deter|pursue|hunt\\s+down|chase"
FACED = _rx(rf"(?:{_FACING_AR}|\bto\s+(?:{_FACING_EN}))\s+$")
FACED_ACTOR = _rx(rf"(?:{_FACING_AR}|\bto\s+(?:{_FACING_EN}|fight))\s+(?:\S+\s+)?$")
# an attack resumed or pressed on with is an offensive («استأنفت قسد مساء أمس هجومها على»)
RESUMED = _rx(r"(?<![\u0621-\u064a])[وف]?(?:استانف|استانفت|تستانف|يستانف|واصل|واصلت|تواصل|يواصل)"
              r"(?:\s+[^\s.,،]+){0,6}?\s+$")
# verbs of announcing: what they name by a noun is announced, not (yet) reported done
ANNOUNCE = _rx(r"[وف]?(?:اعلن|اعلنت|اعلنوا|يعلن|تعلن|announced|announces|announce)")
# a sentence told at the time of the one before: «وبالتزامن مع ذلك», «في الوقت نفسه», "Meanwhile"
SAME_TIME = _rx(r"\s*[وف]?(?:بالتزامن\s*(?=[,،])|تزامنا\s*(?=[,،])|بالتزامن\s+مع\s+(?:ذلك|هذا|هذه)|في\s+الوقت\s+(?:نفسه|ذاته)|في\s+"
                r"غضون\s+ذلك|تزامنا\s+مع\s+(?:ذلك|هذا)|(?:at\s+the\s+same\s+time|meanwhile|"
                r"simultaneously)\b)")
# «أي استهداف جديد», "any new attack": an act that may come, not one told
ANY_BEFORE = _rx(r"(?:(?<![\u0621-\u064a])[وبل]?اي|\bany)\s+(?:new\s+|further\s+)?$|"
                 # "No Russian or Syrian air strikes had been recorded": none
                 r"\bno\s+(?:(?:russian|syrian|turkish|us|u\.s\.|israeli|iranian|coalition|"
                 r"new|further|major|such|other|or|and)\s+){0,4}$|"
                 # «تحسباً لتسلل», «خشية هجوم», "for fear of an attack": feared, not told
                 r"(?<![\u0621-\u064a])(?:تحسبا\s+ل|خشيه\s+|خوفا\s+من\s+|لمنع\s+|منعا\s+ل)(?:ال)?$|"
                 r"\b(?:in\s+anticipation\s+of|for\s+fear\s+of|to\s+prevent|to\s+forestall|"
                 r"to\s+deter)\s+(?:an?\s+|the\s+|any\s+)?(?:new\s+|further\s+|possible\s+)?$")
# after the event told before, as a sentence or a clause opens («وعقب الغارات،», "After the
# attack,", «سحبت، عقب الضربة، ...»): its time
AFTER_THE_EVENT = _rx(r"(?:^|[,،.]|(?<=\n))\s*[وف]?(?:(?:بعد\s+)?(?:ساعات|ساعه|ساعتين|دقائق)\s+(?:من\s+)?|"
                      r"(?:hours|minutes|shortly|soon)\s+)?(?:عقب|بعد|اثر|فور|following|after)"
                      r"\s+(?:ال\S+|the\s+\S+|that|this)\s*[,،]")
# a time of day with no day of its own («بعد الظهر», «مساءً», "later that day"): the day of the
# events told before
TIME_OF_DAY = _rx(r"(?<![\u0621-\u064a])(?:بعد\s+الظهر|ظهرا|صباحا|مساء|ليلا|فجرا|عصرا|"
                  r"في\s+اليوم\s+(?:نفسه|ذاته))(?![\u0621-\u064a])|\b(?:later\s+(?:that|the"
                  r"\s+same|in\s+the)\s+day|in\s+the\s+(?:morning|afternoon|evening)|that\s+"
                  r"(?:morning|afternoon|evening|night)|the\s+same\s+day)\b")
# "following weeks of talks", «بعد جولات من المحادثات»: what came before the reported act
AFTER_TERMS = _rx(r"(?:following|after|عقب|بعد|اثر)\s+(?:\S+\s+){0,4}?(?:of\s+|من\s+)?$")
# the same, opening its sentence («وعقب الهجوم،», "Following the attack,")
# (and «رغم إعلان وقف إطلاق النار، شنّ ...», "Despite the truce, ...": the frame of the act)
AFTER_OPENING = _rx(r"\s*[وف]?(?:(?:shortly|soon|just|immediately|hours|minutes|days|moments)\s+)?"
                    r"(?:following|after|despite|in\s+spite\s+of|عقب|بعد|بعيد|فور|اثر|رغم|برغم|بالرغم|"
                    r"على\s+الرغم\s+من)\s+(?:\S+\s+){0,4}?(?:of\s+|من\s+)?")
# an operation named by its aim: «عملية استعادة», «معركة تحرير», "an operation to retake"
OPERATION_TO = _rx(r"(?:(?<![\u0621-\u064a])(?:ال)?(?:عمليه|معركه|حمله|هجوم)\s+(?:ل|ل?ا?جل\s+)?"
                   r"|\b(?:operation|offensive|campaign|battle|push|drive|bid|race)s?\s+to\s+)$")
# right before an event word: "after the operation began", «عقب بدء العملية»
RIGHT_AFTER = _rx(r"(?:\bfollowing|\bafter|\bin\s+(?:response|retaliation)\s+(?:to|for)|"
                  r"(?<![\u0621-\u064a])(?:[وف]?(?:عقب|بعد|اثر|ردا\s+علي)))\s+(?:the\s+)?$")
# two parties named before: «الجانبان», «الطرفين», «الرئيسان», "the two leaders", "both sides"
PAIR_ANAPHORS = _rx(r"(?<![\u0621-\u064a])[وفبل]?(?:ال)?(?:جانب|طرف|رئيس|وزير|بلد|زعيم|جيش)"
                    r"(?:ان|ين|ا)(?![\u0621-\u064a])|\b(?:the\s+two|both)\s+(?:sides|leaders|"
                    r"presidents|ministers|countries|armies|parties|men)\b|\bboth\b")
# the pair named before, right after an act: «اشتباكات متقطعة بين الطرفين», "clashes between
# the two sides"
BETWEEN_THE_TWO = _rx(r"\s*(?:\S+\s+)?(?:بين\s+(?:ال)?(?:طرفين|جانبين)(?![\u0621-\u064a])|"
                      r"between\s+the\s+two\s+(?:sides|parties|forces))")
# where a sentence's next main clause, with a subject of its own, begins ("..., and on Monday
# Russian police patrolled", «، في حين ...»): what follows is not the content of a claim before
NEW_MAIN_CLAUSE = _rx(r"[,،;]\s*(?:and|but|while|following|after)\b|[,،;]\s*(?:[وف]?(?:عقب|اثر))\s|"
                      r"(?<![\u0621-\u064a])(?:في\s+حين|بينما|فيما)(?![\u0621-\u064a])|"
                      r"\b(?:while|whereas)\b")
# the ordinals that open the items of an enumeration («الأولى في ...، والثانية في ...»)
ORDINALS = _rx(r"(?<![\u0621-\u064a])(?<!تشرين\s)(?<!كانون\s)[وف]?(?:ال)?"
               r"(?:اولي|ثانيه|ثالثه|رابعه|خامسه|سادسه|اول|ثاني|"
               r"ثالث|رابع|خامس|سادس)(?![\u0621-\u064a])|\b(?:the\s+)?(?:first|second|third|"
               r"fourth|fifth|sixth)\b")
# a speaker named before, taken up by a pronoun or a definite noun right before the verb
# ("It said", "the ministry said", «وأوضحت الوزارة» after the verb is handled as its subject)
SPEAKER_ANAPHORS = _rx(r"\b(?:it|he|she|they|the\s+(?:ministry|council|group|agency|centre|"
                       r"center|spokesman|spokeswoman|official|source|militia|command))\s+"
                       r"(?:also\s+|later\s+|then\s+)?$")
SPEAKER_AFTER = _rx(r"\s*(?:ال)?(?:وزاره|مركز|مصدر|متحدث|وحدات|مجلس|حركه|قياده|هيئه|مسوول)"
                    r"(?![\u0621-\u064a])(?!\s+(?:ال)?(?:دفاع|خارجيه|عسكري|روسي|امريكي|تركي))")
CONTENT_START = _rx(r"(?<![\u0621-\u064a])(?:ان|انه|انها|انهم|بان)(?![\u0621-\u064a])|\bthat\b")
# nouns for a site or a group of settlements that a report names first with a region only
# ("an airfield in northern Syria", «قرى في ريف حلب») and later with its place ("the airfield
# near Kobane", «القرى الواقعة غرب منبج»)
SITE_NOUN = _rx(r"(?<![\u0621-\u064a])[وفب]?(?P<def>ال|لل|ل)?(?P<ar>مطار|قاعده|قري|قريه|"
                r"بلدات|بلده|مخيم|حقل|سد|معبر|حواجز|حاجز)(?![\u0621-\u064a])|"
                r"\b(?P<the>the\s+)?(?P<en>air\s*fields?|air\s*bases?|airports?|bases?|villages?|"
                r"towns?|camps?|fields?|dams?|crossings?|checkpoints?)\b")
# a place named before, taken up: «في المنطقة», «هناك», "the area", "in its vicinity"
ANAPHORS = _rx(r"(?<![\u0621-\u064a])(?:[وفب]?(?:في|ب)\s*)?(?:المنطقه|هناك|"
               r"المدينه|المحافظه|الموقع|القاعده)(?![\u0621-\u064a])|\b(?:there|the area|"
               r"the region|the town|the city|the base|(?:in|near)\s+its\s+vicinity)\b|"
               # an event named before: «هذا القصف», "this attack" (at its place)
               r"(?<![\u0621-\u064a])(?:هذا|هذه|ذلك|تلك)\s+(?:ال)?(?:قصف|غارات|غاره|"
               r"ضربات|ضربه|هجوم|هجمات|اشتباكات|عمليه)(?![\u0621-\u064a])|"
               r"\b(?:this|that|these|those)\s+(?:strikes?|attacks?|bombing|raids?|"
               r"shelling|clashes)\b")
# between a place and a bearing that describes where it lies: a comma, then "a village
# (which lies) about", «الواقعة», «التي تقع على بعد» (see `_arguments._appositive`)
APPOSITION = _rx(r"\s*[,،]\s*(?:(?:a|an|the)\s+)?(?:(?:small|large|key|strategic|nearby)\s+)?"
                 r"(?:(?:village|town|city|hamlet|area|district|suburb|camp|base|crossing)\s+)?"
                 r"(?:(?:which|that)\s+(?:lies|is|sits|lay|was|are)\s+)?"
                 r"(?:(?:located|situated|lying)\s+)?"
                 r"(?:(?:ال)?(?:واقع|واقعه|واقعتين)\s+|(?:التي|الذي|اللتين)\s+(?:تقع|يقع|تقعان)\s+|"
                 r"(?:وهي|وهو)\s+(?:تقع\s+|يقع\s+)?)?"
                 r"(?:(?:about|some|around|roughly|nearly|just|only|approximately)\s+)?"
                 # «بلدة سلوك الواقعة على بعد 25 كيلومتراً», "Suluk, located": no comma needed
                 r"|\s+(?:(?:ال)?(?:واقع|واقعه|واقعتين)|(?:التي|الذي|اللتين)\s+(?:تقع|يقع|تقعان)|"
                 r"(?:which|that)\s+(?:lies|lay|sits)|located|situated|lying)\s+"
                 r"(?:(?:about|some|around|roughly|nearly|just|only|approximately)\s+)?")
# a place that underwent an act names it after it: «تعرّضت قرى ... لقصف», «شهدت قريتا X وY
# اشتباكات», "X came under fire", "X saw clashes"
UNDERGO = _rx(r"(?<![\u0621-\u064a])[وف]?(?:تعرض|تعرضت|تتعرض|يتعرض|تعرضا|تعرضتا|تعرضوا|"
              r"يتعرضون|تتعرضان|شهد|شهدت|تشهد|يشهد|شهدتا|شهدا)(?![\u0621-\u064a])|"
              r"\b(?:came|comes|come|coming)\s+under\b|\b(?:saw|sees|witnessed)\b")
