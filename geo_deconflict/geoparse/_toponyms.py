"""Toponyms for `geoparse`: find place names in the tokens and resolve them with the context.

Token keys are joined into n-grams that are looked up in the gazetteer's key index, longest
first, with Arabic proclitics peeled off the first token only. Matches are filtered by stop
lists (organisation names, common words, nisba adjectives) and by context (small or distant
places need a locative preposition or a generic head), then resolved with the context
(ريف X and محافظة X mean the governorate, مدينة X and a bare X the town). A name after a
generic head that no key matches is looked up fuzzily.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from geo_deconflict.gazetteer.places import Candidate, Place
from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._lookups import _fuzzy_lookup, _lookup
from geo_deconflict.geoparse._places import _REGION
from geo_deconflict.geoparse._relatives import _ar_patterns
from geo_deconflict.geoparse._tokens import (
    _HEAD_WORDS,
    _LAT_LINKS,
    _TRIGGERS_EN,
    _ar_head,
    _ar_key,
    _ar_variants,
    _bare_forms,
    _capitalised,
    _cut_offset,
    _is_trigger,
    _lat_key,
    _lex,
    _org_openers,
    _org_starts,
)

_MAX_NGRAM = 5


@dataclass(slots=True)
class _Top:
    """A toponym found in the text (mutable while the document is parsed)."""

    i: int                 # first token
    j: int                 # last token
    start: int
    end: int
    cands: list[Candidate]
    head: str | None       # kind asked for by a generic head ("city", "governorate" ...)
    place: Place | None = None
    score: float = 0.0
    metonymic: bool = False
    relation: str | None = None
    clitics: str = ""      # proclitic letters cut off ("و", "ب", "وب" ...)
    point: tuple[float, float] | None = None
    weak: bool = False     # a small place taken on a proclitic or a coordination alone
    doubtful: bool = False  # resolved, but far from the document's area or by a thin margin
    settled: bool = False   # a small place resolved within the document's area
    listed: bool = False    # its head came from a plural head over a list
    village: bool = False   # named as one of a list of villages («قرى X وY»)


class _ToponymFinder:
    """The toponym finder of `geoparse._Doc` (a mixin).

    It reads the doc's ``text``, ``toks``, ``gaz``, ``index``, ``prefixes``, ``starts``,
    ``blocked`` and ``named_with_head``, fills ``tops``, ``top_at``, ``named_ids`` and
    ``rel_openers``, and ends with the metonymy pass (`_metonymy._Metonymy._resolve_metonymy`).
    """

    # -- organisations ----------------------------------------------------------------------
    def _block_organisations(self) -> set[int]:
        blocked: set[int] = set()
        toks = self.toks
        openers = _org_openers()
        opening = [(i, seqs) for i, tok in enumerate(toks) if tok.key in openers
                   and tok.kind != "num" and (seqs := _org_starts(tok.kind, tok.key))]
        for i, seqs in opening:
            nxt = toks[i + 1].key if i + 1 < len(toks) else None
            for seq in seqs:
                n = len(seq)   # (the second word first: it rules out most names)
                if (n == 1 or seq[1] == nxt) and i + n <= len(toks) and all(
                        toks[i + k].key == seq[k] and not toks[i + k].hard_gap
                        for k in range(1, n)):
                    blocked.update(range(i, i + n))
        return blocked

    # -- toponyms ---------------------------------------------------------------------------
    def find_toponyms(self) -> None:
        toks = self.toks
        n = len(toks)
        feature_heads = lex.FEATURE_HEADS_AR
        starts = self.starts
        # in one pass: the tokens after a head, where `_fuzzy_after_head` may find a name, and
        # those where the loop below can find anything (the first tests of `_match_at` and
        # of the branches after it); the loop jumps from one to the next. And, for
        # `find_relatives`, the Arabic and English words and the numbers that may open a
        # relative expression.
        after_head: set[int] = set()
        maybe: list[int] = []
        openers = self.rel_openers
        head = False        # the token before is a head
        for i, t in enumerate(toks):
            if head:
                after_head.add(i)
            kind = t.kind
            if kind == "ar":
                flags = starts.get(t.text)
                if flags is None:
                    flags = self._word_flags(t.text)
                if head or flags & _OPENS:
                    maybe.append(i)
                if flags & _RELATIVE:
                    openers.append(i)
                head = flags & _CITY_HEAD
            elif kind == "lat":
                if head or t.text[:1].isupper() or "-" in t.text and _capitalised(t.text) or \
                        t.key in feature_heads:
                    maybe.append(i)
                if t.key in _TRIGGERS_EN:
                    openers.append(i)
                head = t.key in lex.GENERIC_HEADS_EN or t.key == "of"
            else:
                if head:
                    maybe.append(i)
                openers.append(i)
                head = False
        pos = 0
        i = 0
        while True:
            pos = bisect_left(maybe, i, pos)
            if pos == len(maybe):
                break
            i = maybe[pos]
            found = self._match_at(i)
            if found is None:
                top = self._feature_after_head(i) if _lex(toks[i], feature_heads) is not None \
                    and i + 1 < n and not toks[i + 1].hard_gap else None
                if top is None:   # a misspelt name after a head, or a variant after "in"
                    top = self._fuzzy_after_head(i) if i in after_head else \
                        self._variant_after_locative(i) if toks[i].kind == "lat" else None
                if top is not None:
                    self._add_top(top)
                i = top.j + 1 if top is not None else i + 1
                continue
            j, cut, article, surface_start = found
            if j > i and self._starts_with_head(i) and self._match_at(i + 1) and \
                    self._match_at(i + 1)[0] == j:
                # «نهر الفرات»: the name starts after the head; but a place whose own name
                # includes its head («مطار دير الزور», «معبر التنف») is what the whole means
                if _lex(toks[i], lex.GENERIC_HEADS_AR if toks[i].kind == "ar"
                        else lex.GENERIC_HEADS_EN) is not None:
                    whole = _lookup(self.gaz, self.text[surface_start:toks[j].end])
                    if whole and whole[0].match in ("exact", "normalised"):
                        self.named_with_head[i + 1] = whole[0].place
                i += 1
                continue
            top = self._accept(i, j, cut, article, surface_start) or (
                self._fuzzy_after_head(i) if i in after_head else None)
            if top is not None:
                self._add_top(top)
                i = j + 1
            else:
                i += 1
        self._plural_lists()
        self._lists_backwards()
        self._document_prior()
        self._areas_of_many()
        self._resolve_metonymy()

    def _add_top(self, top: _Top) -> None:
        """A toponym of the pass of `find_toponyms`, which finds them in text order; the
        places it names with a cue (not weak) are kept for `_named_before`."""
        self.tops.append(top)
        self.top_at[top.i] = top
        if not top.weak and top.place is not None:
            self.named_ids.add(top.place.id)

    def _feature_after_head(self, i: int) -> _Top | None:
        """«قلعة جعبر», «سد الرشيد»: a dam, bridge, castle, field or crossing that the
        gazetteer does not hold, named after a place it does: the span keeps the head (the
        name is lexicalised) and the point is that place's."""
        found = self._match_at(i + 1)
        if found is None or found[1] != 0:
            return None
        j, _, _, start = found
        cut = _lex(self.toks[i], lex.FEATURE_HEADS_AR)[1]
        head_start = self.toks[i].start + _cut_offset(self.toks[i].text, cut)
        whole = _lookup(self.gaz, self.text[head_start:self.toks[j].end])  # «وسد تشرين»
        cands = whole if whole and whole[0].match != "fuzzy" else \
            _lookup(self.gaz, self.text[start:self.toks[j].end])
        if not cands:
            return None
        score = cands[0].score if cands is whole else cands[0].score * 0.8
        return _Top(i=i, j=j, start=head_start, end=self.toks[j].end, cands=cands[1:4],
                    head="site", place=cands[0].place, score=round(score, 3),
                    clitics=self.toks[i].key[:cut])

    def _fuzzy_after_head(self, i: int) -> _Top | None:
        """«قرية عين عيسا», "the village of Ain Issa": a name after a generic head that no
        key matches is looked up fuzzily among the towns of Syria and its neighbours."""
        toks, tok = self.toks, self.toks[i]
        if i == 0 or tok.kind == "num" or i in self.blocked or tok.hard_gap:
            return None
        prev = toks[i - 1]
        if prev.kind == "ar" and not _is_city_head(prev.key):
            return None
        if prev.kind == "lat" and prev.key not in lex.GENERIC_HEADS_EN and prev.key != "of":
            return None
        if self._head_before(i) != "city":
            return None
        if tok.kind == "ar":
            head = _lex(toks[i - 1], lex.GENERIC_HEADS_AR)
            if head is None or (head[0] != _ar_key("العاصمة") and
                                head[0].startswith("ال")):
                return None  # «المنطقة الغنية» is a noun and its adjective
            if tok.key in lex.FUNCTION_WORDS_AR or _is_trigger(tok.key) or \
                    _TANWEEN.search(tok.text) or \
                    (tok.key.startswith("ال") and tok.key.endswith(("يه", "ي"))):
                return None
            spans = [i + 1, i] if i + 1 < len(toks) and toks[i + 1].kind == "ar" and \
                not toks[i + 1].soft_gap and not toks[i + 1].hard_gap and \
                toks[i + 1].key not in lex.FUNCTION_WORDS_AR else [i]
            if tok.key in lex.COMMON_WORDS_AR or len(tok.key) < 4:
                # «قرية قصر ديب»: a common or short first word only as part of a longer name
                spans = [j for j in spans if j > i]
                if not spans or len(toks[i + 1].key) < 3:
                    return None
        else:
            if not _capitalised(tok.text) or tok.key in lex.COMMON_WORDS_EN:
                return None
            j = i
            while j + 1 < len(toks) and j - i < 2 and toks[j + 1].kind == "lat" and \
                    not toks[j + 1].hard_gap and _capitalised(toks[j + 1].text):
                j += 1
            # "the villages of Umm al-Keif": "Umm" only as part of a longer name
            spans = list(range(j, i if tok.key in lex.OPENERS_EN else i - 1, -1))
        for j in spans:
            surface = self.text[tok.start:toks[j].end]
            found = _fuzzy_lookup(self.gaz, surface)
            if found and found[0].match in _LOOSE and found[0].score >= 0.6 and (
                    found[0].match != "fuzzy" or found[0].place.country == "SY"):
                return _Top(i=i, j=j, start=tok.start, end=toks[j].end, cands=found[1:],
                            head="city", place=found[0].place,
                            score=round(found[0].score * 0.9, 3))
        return None

    def _starts_with_head(self, i: int) -> bool:
        return _lex(self.toks[i], _HEAD_WORDS) is not None

    def _may_start(self, word: str) -> bool:
        """Whether an Arabic token, some proclitics or its article peeled, is a name or the
        first word of one."""
        flags = self.starts.get(word)
        return bool((flags if flags is not None else self._word_flags(word)) & _NAME)

    def _word_flags(self, word: str) -> int:
        """What an Arabic token may be (`_NAME`, `_CITY_HEAD`, `_FEATURE_HEAD`, `_RELATIVE`),
        cached per gazetteer: one look-up per token in the first pass of `find_toponyms`."""
        if len(self.starts) > 200_000:
            self.starts.clear()
        key = _ar_key(word)
        city, feature = _ar_heads(key)
        name = any(v[0] in self.index or v[0] in self.prefixes for v in _ar_variants(word))
        relative = bool(_ar_patterns(key))
        flags = self.starts[word] = name * _NAME | city * _CITY_HEAD | \
            feature * _FEATURE_HEAD | relative * _RELATIVE
        return flags

    def _match_at(self, i: int):
        """(last token, letters cut, article peeled, start offset) of the longest match at i."""
        toks = self.toks
        tok = toks[i]
        if i in self.blocked or tok.kind == "num":
            return None
        index = self.index
        if tok.kind == "ar":
            best = None
            prefixes = self.prefixes
            if not self._may_start(tok.text):
                return None
            for key, cut, article in _ar_variants(tok.text):
                j = i
                while True:
                    if key in index and (best is None or j > best[0]):
                        best = (j, cut, article)
                    j += 1
                    # (most words begin no longer name: that test first)
                    if key not in prefixes or j >= len(toks) or j - i >= _MAX_NGRAM or \
                            toks[j].kind != "ar" or toks[j].soft_gap or j in self.blocked:
                        break
                    key += toks[j].key
                if best is not None and cut == 0 and not article and best[0] > i:
                    break  # a multi-word match of the token as written beats any peeling
            if best is None or (best[0] == i and tok.key in lex.OPENERS_AR and self._goes_on(i)):
                return None   # «قرية خربة عمو» (unknown): not a village named «خربة»
            j, cut, article = best
            return j, cut, article, tok.start + _cut_offset(tok.text, cut)
        # Latin: a capitalised name, optionally with article prefixes (al-Tanf)
        if not _capitalised(tok.text):
            return None
        best = None
        j = i
        while j < len(toks) and j - i < _MAX_NGRAM:
            if j > i and (toks[j].kind != "lat" or toks[j].hard_gap or j in self.blocked
                          or not (_capitalised(toks[j].text) or toks[j].key in _LAT_LINKS
                                  or toks[j].key in lex.FEATURE_HEADS_EN)):
                break
            key = _lat_key(self.text[tok.start:toks[j].end])
            if key and key in index and (j == i or _capitalised(toks[j].text) or toks[j].key
                                         in lex.FEATURE_HEADS_EN):   # not "al-Susah as an"
                best = j
            j += 1
        if best is None or (best == i and tok.key in lex.OPENERS_EN and i + 1 < len(toks) and
                            toks[i + 1].kind == "lat" and _capitalised(toks[i + 1].text)):
            return None   # "Tal Shenan", "Umm al-Keif": an unknown name, not the town "Tal"
        return best, 0, False, tok.start

    def _accept(self, i: int, j: int, cut: int, article: bool, start: int) -> _Top | None:
        toks = self.toks
        end = toks[j].end
        surface = self.text[start:end]
        first = toks[i]
        arabic = first.kind == "ar"
        cands = _lookup(self.gaz, surface)
        if not cands:
            return None
        head = self._head_before(i) if cut == 0 or not arabic else None
        clitics = first.key[:cut] if arabic else ""
        if clitics.endswith("ك") and cands[0].place.country != "SY":
            return None   # «كسرت» (they broke) is no «ك» + «سرت» (Sirte)
        if head is None and self._coordinated(i, clitics) and self._plural_head(self.tops[-1]):
            head = self.tops[-1].head   # «محافظتي دير الزور والرقة»: the head governs the list
            listed = True
        else:
            listed = False
        if not arabic:   # "a town U.S. troops left": an abbreviation is the country
            head = None if surface in _COUNTRY_ABBREVIATIONS else self._trailing_head_en(j) or head
        single = i == j
        bare_key = _ar_key(surface) if arabic else surface.lower()
        # stop lists ---------------------------------------------------------------------
        code = not arabic and _CODE.fullmatch(surface) is not None   # T4, M-4
        if single and len(bare_key) < 3 and surface not in _COUNTRY_ABBREVIATIONS and not code:
            return None
        if self._council(i, j) or self._outlet_before(i):
            return None   # «مجلس مدينة سراقب», «تلفزيون سوريا»: an organisation, an outlet
        if arabic and single:   # the word's own verdict, then the context's
            word = _single_word(first.text, cut)
            if word & _NEVER or head is None and (word & _NOT_BARE or word & _COMMON and
                                                  not self._in_a_list(i, clitics, cands)):
                return None
            if self._is_nisba_adjective(i, bare_key):
                return None
        elif arabic:
            if head is None and bare_key in lex.COMMON_WORDS_AR and \
                    not self._in_a_list(i, clitics, cands):
                return None
            if bare_key.endswith(lex.DEMONYM_ENDINGS_AR) and head is None:
                return None   # «السوريون»; but «بلدة بليون» is a town
        elif single and (bare_key in lex.COMMON_WORDS_EN and head is None
                         or bare_key in lex.DETERMINERS_EN):
            return None   # ("The town was shelled": no Teresina, whose code is THE)
        elif single and not code and not self._dateline_at(i, j) and _acronym(surface):
            return None  # TASS, SANA, NATO: an agency or an alliance, not Tashkent
        if not arabic and j + 1 < len(toks) and not toks[j + 1].hard_gap and \
                toks[j + 1].kind == "lat" and _capitalised(toks[j + 1].text) and \
                toks[j + 1].key not in lex.TRAILING_HEADS_EN:
            partial = True  # "Ain" of "Ain Issa": only a strong place may be cut short
        else:
            partial = False
        place, score, runner_ups = self._choose(cands, head)
        named = self.named_with_head.get(i) if head else None
        if named is not None and named.id != place.id:
            runner_ups = [c for c in cands if c.place.id != named.id][:3]
            place, score = named, max(score, 0.9)
        if place is None:
            return None
        if article and not (place.country in _REGION and _strong(place)):
            return None  # الدولة is not Dhule, الروس is not Ruse
        if article and place.feature_code.startswith("PCL"):
            return None  # «منبج السورية»: a country's name given the article is its adjective
        if partial and not _strong(place):
            return None
        weak = False
        if not _strong(place) or (arabic and bare_key in lex.AMBIGUOUS_AR):
            if self._named_before(place):
                pass   # one sense per discourse: «بلدة سلوك ... وتقع سلوك»
            elif not (head or self._locative_before(i, clitics) or self._coordinated(i, clitics)
                      or self._dateline_at(i, j)):
                return None
            elif not head and not _strong(place):
                # weak: only a clitic («بجروح») or a coordination («وجاءت») says "place"
                weak = not (self._locative_before(i, "") or self._dateline_at(i, j))
        if arabic and not weak and not head and place.country != "SY" and \
                _SHADDA in first.text and cands[0].match != "exact":
            return None   # «سيّرت» (a verb, vocalised) is not Siirt
        if arabic and not head and place.feature_class in ("P", "S") and place.country and \
                place.country not in _REGION and cands[0].match != "exact" and \
                not self._locative_before(i, clitics):
            return None   # «خلوصي أكار» (a minister) is not داكار, Dakar, by a looser key
        return _Top(i=i, j=j, start=start, end=end, cands=runner_ups, head=head, place=place,
                    score=score, clitics=clitics, weak=weak, listed=listed)

    def _council(self, i: int, j: int) -> bool:
        toks = self.toks
        if toks[i].kind == "ar":
            k = i - 1
            if k >= 0 and _lex(toks[k], lex.GENERIC_HEADS_AR) and not toks[i].hard_gap:
                k -= 1   # «مجلس مدينة X»
            return k >= 0 and _lex(toks[k], lex.COUNCIL_AR) is not None and \
                not toks[k + 1].hard_gap and not toks[i].hard_gap
        if j + 1 < len(toks) and not toks[j + 1].hard_gap and \
                toks[j + 1].key not in _COUNCIL_FIRST_EN:
            return False   # (most names: the word after them opens no council's name)
        nxt = tuple(t.key for t in toks[j + 1:j + 3] if not t.hard_gap)
        return nxt in lex.COUNCIL_EN

    def _dateline_at(self, i: int, j: int) -> bool:
        """"GENEVA (Reuters) -", «إسطنبول –»: the first words of a line, then a bracket or a dash."""
        if _DATELINE_AFTER.match(self.text, self.toks[j].end) is None:
            return False   # (the test of a few characters first)
        line_start = self.text.rfind("\n", 0, self.toks[i].start) + 1
        return not self.text[line_start:self.toks[i].start].strip()

    def _head_before(self, i: int) -> str | None:
        if i == 0:
            return None
        prev = self.toks[i - 1]
        if self.toks[i].hard_gap:
            return None
        if prev.kind == "ar":
            return _ar_head(prev.key)
        hit = _lex(prev, lex.GENERIC_HEADS_EN)
        if hit is None and prev.kind == "lat" and prev.key == "of" and i >= 2:
            # "the city of Manbij", "the province of Hama", "countryside of Hama"
            before = self.toks[i - 2]
            if before.key in lex.GENERIC_HEADS_EN:
                return lex.GENERIC_HEADS_EN[before.key]
            if before.key in lex.COUNTRYSIDE_EN:
                return "governorate"
        return hit[0] if hit else None

    def _trailing_head_en(self, j: int) -> str | None:
        if j + 1 < len(self.toks):
            nxt = self.toks[j + 2 if self.toks[j + 1].key == "air" and j + 2 < len(self.toks)
                            else j + 1]   # "air base"
            if nxt.kind == "lat" and not nxt.hard_gap and nxt.key in lex.TRAILING_HEADS_EN:
                kind = lex.TRAILING_HEADS_EN[nxt.key]
                if nxt.key == "countryside":
                    return "governorate"
                return kind
        return None

    def _locative_before(self, i: int, clitics: str) -> bool:
        if "ب" in clitics:
            return True
        if i == 0 or self.toks[i].hard_gap:
            return False
        prev = self.toks[i - 1]
        if prev.kind == "lat" and prev.key == "the" and i > 1 and self._trailing_head_en(i):
            prev = self.toks[i - 2]   # "at the Taftanaz air base": the head after the name
        if prev.kind == "lat":
            return prev.key in lex.LOCATIVE_EN or prev.key in lex.NEAR_EN or prev.key in \
                lex.PLACE_VERBS_EN or (prev.key, self.toks[i - 2].key) in lex.ATTACK_ON_EN
        if prev.key == _ALA_KEY and i > 1 and not prev.hard_gap and \
                _lex(self.toks[i - 2], lex.ATTACK_BEFORE_ALA_AR):
            return True   # «غارات على الباغوز»
        return bool(_lex(prev, lex.PREPOSITIONS_AR) or _lex(prev, lex.NEAR_AR)
                    or prev.key in lex.PLACE_VERBS_AR or self._from_to(i))

    def _coordinated(self, i: int, clitics: str) -> bool:
        """«منبج وجرابلس»: a name joined by و to a name just before it."""
        if not self.tops:
            return False
        last = self.tops[-1]
        if last.j == i - 1 and (clitics.startswith("و") or self.toks[i].kind == "ar" and self.text[
                self.toks[i - 1].end:self.toks[i].start].strip() in ("-", "–", "—")):
            return True   # («طريق أثريا – خناصر»: the two ends of a road)
        return (last.j == i - 2 and self.toks[i - 1].key in ("و", "and")
                and not self.toks[i].hard_gap)

    def _choose(self, cands: list[Candidate], head: str | None):
        """The place meant, its score and the runner-ups, from the context's head."""
        want = _WANT.get(head or "")
        chosen = None
        if want is not None:
            for c in cands:
                if c.place.feature_class == want[0] and (
                        want[1] is None or c.place.feature_code.startswith(want[1])):
                    chosen = c
                    break
            if chosen is None and head == "site":
                chosen = next((c for c in cands if c.place.feature_class in "ST"), None)
        if chosen is None:
            top = cands[0]
            chosen = top
            if top.place.feature_class == "A" and top.place.feature_code == "ADM1":
                # a bare governorate name usually means its capital, the same-named town
                town = next((c for c in cands if c.place.feature_class == "P"
                             and c.place.country == top.place.country), None)
                if town is not None:
                    chosen = town
        if chosen is cands[0]:   # (the candidates of a look-up are distinct objects)
            return chosen.place, chosen.score, cands[1:4]
        score = max(chosen.score, 0.9 if head else 0.7)
        return chosen.place, score, [c for c in cands if c is not chosen][:3]


# ------------------------------------------------------------------------------- helpers
# what a head asks for: (feature class, feature code prefix or None)
_WANT = {"governorate": ("A", "ADM1"), "city": ("P", None), "river": ("H", None),
         "country": ("A", "PCL"), "site": ("S", None)}
_TANWEEN = re.compile("[\u064b-\u064d]")
_COUNCIL_FIRST_EN = frozenset(name[0] for name in lex.COUNCIL_EN)   # "military", "city" ...
_ALA_KEY = _ar_key("على")
_SHADDA = "\u0651"
_CODE = re.compile(r"[A-Z]-?[0-9]{1,2}")
_DATELINE_AFTER = re.compile(r"[ \t]*[(:،,]|[ \t]+[-–—]")   # not "Iran-backed"
# country abbreviations that are names; other all-capital short words are acronyms
_COUNTRY_ABBREVIATIONS = frozenset({"US", "U.S.", "UK", "U.K.", "USA", "U.S.A.", "UAE"})


def _acronym(surface: str) -> bool:
    """An all-capital word of at most five letters that is not a country abbreviation."""
    letters = surface.replace(".", "")
    return surface.isupper() and len(letters) <= 5 and surface not in _COUNTRY_ABBREVIATIONS


@lru_cache(maxsize=100_000)
def _is_city_head(key: str) -> bool:
    return any(lex.GENERIC_HEADS_AR.get(form) == "city" for form, _ in _bare_forms(key))


@lru_cache(maxsize=100_000)
def _ar_heads(key: str) -> tuple[bool, bool]:
    """Whether an Arabic token (proclitics peeled) is a city head («قرية», «وبلدة») and
    whether it is a feature head («سد», «وجسر»)."""
    return _is_city_head(key), any(form in lex.FEATURE_HEADS_AR for form, _ in _bare_forms(key))


# what the stop lists say of an Arabic word matched alone (`_single_word`)
_NEVER = 1      # no place: an adverb («روسيًّا»), a head («مدينة», not Medina), a preposition
_COMMON = 2     # a common or function word: a place after a head or in a list
_NOT_BARE = 4   # a place after a head only: «السوريون» (but «بلدة بليون»), «برميل» (not ب +
#                 a village)


@lru_cache(maxsize=100_000)
def _single_word(word: str, cut: int) -> int:
    """The verdict (`_NEVER`, `_COMMON`, `_NOT_BARE`) of the stop lists on an Arabic token
    matched alone with `cut` letters of proclitics off: the tests of `_accept` on the word
    itself, once per word."""
    key = _ar_key(word[_cut_offset(word, cut):])   # the matched surface's key
    # («للمدينة» is ل + المدينة, whose surface keeps one ل: the keys matched with that cut)
    if _TANWEEN.search(word) or key in lex.GENERIC_HEADS_AR or key in lex.FUNCTION_WORDS_AR \
            or any(k in lex.GENERIC_HEADS_AR for k, c, _ in _ar_variants(word) if c == cut):
        return _NEVER   # («نساء القرية داخله»: a preposition, even after a head)
    common = key in lex.COMMON_WORDS_AR or any(form in lex.FUNCTION_WORDS_AR or form in
                                               lex.COMMON_WORDS_AR for form, _ in _bare_forms(key))
    not_bare = key.endswith(lex.DEMONYM_ENDINGS_AR) or _ar_key(word) in lex.COMMON_WORDS_AR
    return common * _COMMON | not_bare * _NOT_BARE


# matches by a looser key than the exact-key n-grams ("Trumba" for Turumbah, after a head)
_LOOSE = frozenset({"normalised", "variant", "fuzzy"})
_STARTS: dict[int, dict[str, int]] = {}  # gazetteer -> Arabic token -> its flags:
_NAME = 1           # a name or the first word of one (`_ToponymFinder._may_start`)
_CITY_HEAD = 2      # «قرية», «وبلدة»: a head a misspelt name may follow (`_ar_heads`)
_FEATURE_HEAD = 4   # «سد», «وجسر»: a feature named after a place (`_ar_heads`)
_RELATIVE = 8       # «شرق», «ريف»: it may open a relative expression (`_ar_patterns`)
_OPENS = _NAME | _FEATURE_HEAD   # where `_match_at` or `_feature_after_head` may find one


def _strong(place: Place) -> bool:
    """Places that a bare mention may name without a locative cue."""
    fc = place.feature_class
    if fc in ("A", "H", "L", "S", "T"):
        return fc != "A" or place.feature_code.startswith(("PCL", "ADM1")) or \
            place.country in _REGION
    if fc == "P":
        if place.feature_code == "PPLC":
            return True
        if place.country in _REGION:
            return place.population >= 15_000 or place.feature_code in ("PPLA", "PPLA2")
        return place.population >= 1_000_000
    return False
