"""The extractor's use of the gazetteer-anchored list reader (analysis.extract.lists): lists of districts and
capitals after a verb or before it, passive subjects longer than a clause, plural anaphora and timelines."""

from __future__ import annotations

import re

from analysis.extract.drafts import MentionDraft
from analysis.extract import lists
from analysis.extract.clauses import scope_before as _scope_before
from analysis.extract.datepick import _pick_date
from analysis.extract.places import close_district
from analysis.extract.refs import _Ref, _Sent, _as_capital, _as_district, _as_province, _capital_of, _readings
from analysis.extract.triggers import _CAPITAL_OUTCOME, _GAP_WORDS, _Pos
from analysis.records import Place

# an entry's own status denying what its heading tells ("Bazarak (Panjshir): not taken", "- Kabul: still held")
_ENTRY_NOT_TAKEN = re.compile(r"\b(?:not|never|yet\s+to\s+be)\s+(?:yet\s+)?(?:taken|captured|fallen|lost|seized|overrun)\b|"
                              r"\bstill\s+(?:held|holding|in\s+government\s+hands)\b|\bunder\s+government\s+control\b", re.I)
# a place in the possessive before a common noun ("Almar's neighbour"): no item of a list
_POSSESSIVE_NOUN = re.compile(r"['’]s\s+(?-i:[a-z])")

# a place named as a time's anchor ("the day after Kandahar", "two days after the fall of Kunduz")
_OPEN_RELATIVE = re.compile(r",\s+(?:which|where|who|whose)\b[^,;]*$", re.I)  # a relative clause still open
_ANCHOR_BEFORE = re.compile(r"\b(?:days?|weeks?|hours?)\s+(?:after|before)\s+(?:the\s+(?:fall|capture|loss)\s+of\s+)?$", re.I)
# a capitalised name the gazetteer does not know, opening a list right before its first known item ("On Tuesday, Darqat
# and Chah Ab districts of Takhar fell")
_LEADING_UNKNOWN = re.compile(r"(?:^|[,;:]\s*|\b(?:that|when|as|and|while)\s+)(?P<name>(?-i:[A-Z])[a-z][\w\-’']+)(?:\s+and\s+|,\s*)$")


# words that may open a subject list without a verb of their own ("On Monday, A, B and C fell")
_SUBJECT_LEAD = frozenset("""on in by at late early last this week weekend month meanwhile also so far now since
monday tuesday wednesday thursday friday saturday sunday overnight yesterday today same day
january february march april may june july august september october november december""".split())

# a plural noun that points at places named after it, and a sentence naming places the government still holds
_POINTS_AHEAD = re.compile(r"\b(?:below|as\s+follows)\b", re.I)
_HELD_PLACES = re.compile(r"\bstill\s+(?:holds?|held|controls?|in\s+government\s+hands)\b|"
                          r"\bremain(?:s|ed)?\s+(?:in\s+government\s+hands|under\s+government\s+control)", re.I)

# what may open a timeline entry before its places: "the", or a count of them ("two more districts, A and B")
_ENTRY_LEAD = re.compile(r"\W*(?:the\s+)?(?:(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?(?:more|other|"
                         r"further|new)\s+(?:districts?|district\s+cent(?:re|er)s|capitals|cities|towns)\s*[,:\u2014\u2013-]?\s*)?",
                         re.I)


class ListReader:
    """Extractor methods that read lists, plural anaphora and timelines through analysis.extract.lists."""

    def _plural_antecedent(self, i: int, s: _Sent, noun: str, kind: str, m: re.Match[str], lo: int,
                           negated: bool) -> list[MentionDraft]:
        """The places of the list a plural anaphor ('these districts', 'the three capitals') refers back to."""
        if _POINTS_AHEAD.search(s.text):
            return []  # "Below are the capitals taken so far": the places follow, they were not named before
        # (in its own sentence, the speakers' places too: "Elders of A and B districts said both districts were
        # surrendered")
        here = [r for r in s.refs if r.end <= lo or (r.in_speaker and noun != "any" and r.end <= m.start())]
        pools = [(i, s, here)] + [(j, self.sents[j], self.sents[j].refs) for j in range(i - 1, max(-1, i - 3), -1)]
        for j, sent, refs in pools:
            if j < i and _HELD_PLACES.search(sent.text):
                continue  # "The government still holds Kabul, Mazar and Jalalabad": not the places taken
            best: list[tuple[_Ref, Place | None]] = []
            for r in refs:
                if (r.in_speaker and j != i) or r.kind != "named" or (best and r.start < best[-1][0].end):
                    continue
                items = self._read_list(sent, r, len(sent.text), peripheral=True)[0]
                want = noun if noun != "any" or not items else (
                    "capital" if _as_capital(items[0][0], self.gaz) is not None else "district")
                ok = [(it, loc) for it, loc in items if (_as_capital(it, self.gaz) is not None) == (want == "capital")
                      and (want == "capital" or _as_district(it, self.gaz) is not None)]  # ("In Logar, Charkh ...": no list)
                if len(items) >= 2 and len(ok) == len(items):
                    best = items
            if not best and j < i:
                # "overran Azra on Tuesday and Khoshi two days later. ... withdrawn from these districts": the places
                # the sentence before reported taken, when it names no list
                want = "capital_entered" if noun == "capital" else "district_seized"
                taken = {d.mention.place_id: d.mention for d in self.drafts if d.sent_index == j
                         and d.mention.event_type == want and d.mention.place_type in ("district", "capital")
                         and d.mention.stance == "asserted" and d.mention.modality == "asserted"}
                if len(taken) >= 2 and noun != "any" and kind != "entry":
                    places = [p for pid in taken for p in [self.gaz.get(pid)] if p is not None]
                    return [self._capital_result(kind, p, m, set(_CAPITAL_OUTCOME[kind]), negated)
                            if noun == "capital" else self._district_result(p, None, m, negated)
                            for p in places if noun != "capital" or kind in _CAPITAL_OUTCOME]
            if not best:
                continue
            out = []
            if noun == "any":
                noun = "capital" if _as_capital(best[0][0], self.gaz) is not None else "district"
            for r, locus in best:
                if noun == "capital":
                    cap = _as_capital(r, self.gaz)
                    if cap is not None and kind in _CAPITAL_OUTCOME:
                        out.append(self._capital_result(kind, cap, m, set(_CAPITAL_OUTCOME[kind]), negated))
                elif kind != "entry" or lists.anaphor_names_centres(s.text, m.end(), m.end() + 40):
                    # (entering district centres takes them: "the Taliban entered both centres")
                    dc = self._located_district(r, locus)
                    if dc is not None:
                        out.append(self._district_result(dc[0], dc[1], m, negated))
            return out
        return []

    def _timeline(self, i: int, s: _Sent, noun: str, head: _Sent, day: _Sent | None = None) -> None:
        """A timeline line or bullet under a heading about places that fell ('Aug 13 — A, B, C', '• A'): each item
        fell on the line's date, else in the heading's time ('Districts lost in P this week:'), in its province."""
        start = lists.timeline_entry(s.text)
        first = next((r for r in s.refs if r.kind == "named" and r.start >= start), None)
        if start < 0 or first is None or not _ENTRY_LEAD.fullmatch(s.text, start, first.start):
            return  # an entry opens on its places ("• Nad Ali (Helmand)"), not on a sentence ("5. If no help comes ...")
        if _ENTRY_NOT_TAKEN.search(s.text, first.end):
            return  # "• Bazarak (Panjshir): not taken." under "Capitals taken between 6 and 15 August": its own status
        from analysis.extract.dates import find_dates
        published, precision = self.now  # the day of the post the entry is in, else of the page
        row = s.text.count("|") >= 2  # a table row: "Kunduz | Dasht-e-Archi | 21 Jun | police"
        found = find_dates(s.text, published, precision)
        own = [d for d in found if row or d.end <= start] or found  # a bullet's own date may follow its places
        above = day if day is not None else head  # a date line between the heading and the entry, else the heading
        when = _pick_date(own, 0, s.text, self.pub_high) if own else \
            _pick_date(find_dates(above.text, published, precision), 0, above.text, self.pub_high)
        homes = {p.name: p for r in head.refs for p in [_as_province(r, self.gaz)] if p is not None}
        home = next(iter(homes.values())) if len(homes) == 1 else None
        m = _Pos(re.match(r"", s.text), first.start)  # type: ignore[arg-type]
        label = _as_province(first, self.gaz) if noun == "district" and not row and \
            re.match(r"\s*:\s+(?-i:[A-Z])", s.text[first.end:]) else None
        if label is not None:  # "• Ghazni: A and B on Monday 19 July; C on Tuesday 20 July": the province labels the line
            heading_when = _pick_date(find_dates(above.text, published, precision), 0, above.text, self.pub_high)
            self._labelled_entry(i, s, label, first.end, found, heading_when)
            return
        if row:  # each cell is read on its own; a province cell locates the district cells of its row
            named = [r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start >= start]
            cells = {p.name: p for r in named for p in [_as_province(r, self.gaz)] if p is not None and
                     re.search(r"(?:^|\|)\W*$", s.text[:r.start])}
            home = next(iter(cells.values())) if len(cells) == 1 else home
            items: list[tuple[_Ref, Place | None]] = [(r, None) for r in named if _as_province(r, self.gaz) is None
                                                       or _as_district(r, self.gaz) is not None]
            if len(items) > 1:  # "| 24 Jul 2021 | Chimtal | Balkh |": the province cell locates; its district namesake
                items = [(r, x) for r, x in items if _as_province(r, self.gaz) is None]  # is no second item
                items = items or [(r, None) for r in named if _as_province(r, self.gaz) is None]
            if noun == "capital":  # "| Aug 8 | Kunduz, Taloqan | Kunduz, Takhar |": the capitals, each once
                caps = [r for r in named if _as_capital(r, self.gaz) is not None and not r.province_word]
                items = [(r, None) for r in (caps or named)]
        else:
            items = self._read_list(s, first, len(s.text))[0]
        done: set[str] = set()
        for r, locus in items:
            cap = _as_capital(r, self.gaz)
            if noun == "capital" and (cap is None or r.province_word):
                prov = _as_province(r, self.gaz)
                cap = _capital_of(prov, self.gaz) if prov is not None else cap
            if noun == "capital" and cap is not None:
                res = self._capital_result("capture", cap, m, {"fell"}, False)  # type: ignore[arg-type]
            elif noun == "district" and cap is None and self._located_district(r, locus or home) is not None:
                dc = self._located_district(r, locus or home)
                res = self._district_result(dc[0], dc[1], m, False)  # type: ignore[arg-type,index]
            else:
                continue
            if res.key in done:
                continue  # a place named twice in one row (its capital cell and its province cell)
            done.add(res.key)
            res.pos, res.date, res.modality = r.start, when, "asserted"
            self._emit(i, s, res)

    def _labelled_entry(self, i: int, s: _Sent, province: Place, after: int, found: list, heading_when: tuple) -> None:
        """The districts of a line labelled by their province, each part between semicolons dated by its own time (else
        the heading's): 'Ghazni: A and B on Monday 19 July; C on Tuesday 20 July'."""
        text = s.text
        for part in re.finditer(r"[^;]+", text[after:]):
            lo, hi = after + part.start(), after + part.end()
            first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker and lo <= r.start < hi), None)
            if first is None:
                continue
            own = [d for d in found if lo <= d.start and d.end <= hi]
            when = _pick_date(own, 0, text, self.pub_high) if own else heading_when
            m = _Pos(re.match(r"", text), first.start)  # type: ignore[arg-type]
            for r, locus in self._read_list(s, first, hi)[0]:
                dc = self._located_district(r, locus or province)
                if dc is None or dc[0].place_type != "district":
                    continue
                res = self._district_result(dc[0], dc[1], m, False)  # type: ignore[arg-type]
                res.pos, res.date, res.modality = r.start, when, "asserted"
                self._emit(i, s, res)

    def _list_from(self, s: _Sent, first: _Ref, hi: int) -> list[_Ref]:
        """The named places of a list starting at `first` ('A, B and C'), ending before `hi`."""
        return [r for r, _ in self._read_list(s, first, hi)[0]]

    def _read_list(self, s: _Sent, first: _Ref, hi: int,
                   peripheral: bool = False) -> tuple[list[tuple[_Ref, Place | None]], bool]:
        """The items of the list opening at `first` with the province locating each (if named), and whether a
        'capitals of' head makes its provinces stand for their capitals; unknown items become warnings."""
        refs = [r for r in s.refs if r.in_speaker == first.in_speaker and r.kind == "named"]  # (a list in a speaker
        # phrase, "Elders of A and B districts said ...", read among its own places)
        if first not in refs:
            return [(first, None)], False
        provs = [_as_province(r, self.gaz) for r in refs]
        reading = lists.read_list(s.text, [(r.start, r.end) for r in refs], [p is not None for p in provs],
                                  refs.index(first), hi)
        out: list[tuple[_Ref, Place | None]] = []
        for item in reading.items:
            r = refs[item.index]
            if r.peripheral and out and not peripheral:
                break
            if out and _POSSESSIVE_NOUN.match(s.text, r.end):
                break  # "Qaisar, Almar's neighbour on the road to Herat, ...": a possessive describes the item before
            out.append((r, provs[item.locus] if item.locus >= 0 else None))
        spelled = 0
        named = {p.name: p for r, p in zip(refs, provs) if p is not None and r.province_word}
        opener = next(iter(named.values())) if len(named) == 1 else None  # "In Ghazni province, A, B and C ..."
        lead = _LEADING_UNKNOWN.search(s.text, max(0, first.start - 40), first.start)
        if lead is not None and not lists.is_common_word(lead.group("name")) and reading.items:
            # "Darqat and Chah Ab districts of Takhar fell": an unknown first item, before the first known one, read
            # only when its spelling is near a district of the list's province
            u = lists.Unknown(lead.group("name"), lead.start("name"), lead.end("name"), 0, reading.items[0].locus)
            near = self._near_spelling(u, provs[u.locus] if u.locus >= 0 else opener, out)
            if near is not None:
                out.insert(0, (near, provs[u.locus] if u.locus >= 0 else None))
                spelled += 1
                self._warn(f"list item {u.name!r} in sentence {s.sentence.index + 1} read as {near.place.name} "
                           f"({near.place.province}), a near spelling")
        for u in reading.unknown_items:
            near = self._near_spelling(u, provs[u.locus] if u.locus >= 0 else opener, out)
            if near is not None and u.after <= len(out):
                out.insert(u.after + spelled, (near, provs[u.locus] if u.locus >= 0 else None))
                spelled += 1
                self._warn(f"list item {u.name!r} in sentence {s.sentence.index + 1} read as {near.place.name} "
                           f"({near.place.province}), a near spelling")
            else:
                self._unknown_item(s, u.name)
        return out, reading.capitals

    def _unknown_item(self, s: _Sent, name: str) -> None:
        """Name in the warnings a list item the gazetteer does not know."""
        self._warn(f"list item not recognised: {name!r} in sentence {s.sentence.index + 1}")

    def _warn(self, note: str) -> None:
        """Add a warning once."""
        if note not in self.warnings:
            self.warnings.append(note)

    def _near_spelling(self, u: lists.Unknown, locus: Place | None,
                       known: list[tuple[_Ref, Place | None]]) -> _Ref | None:
        """An unknown list item read as a district of its sub-list's province, or of the one province all the
        list's known districts lie in, when its spelling is near one of that province's districts."""
        province = locus.province if locus is not None else ""
        if not province:
            homes = {r.place.province for r, _ in known if r.place.place_type == "district"}
            if len(homes) != 1 or len(known) < 2:
                return None
            province = homes.pop()
        place = close_district(u.name, province, self.gaz)
        return _Ref(place=place, start=u.start, end=u.end, kind="named", candidates=(place,)) if place else None

    def _subject_start(self, s: _Sent, lo: int, verb: int) -> int:
        """Where the subject list of a passive verb begins: the earliest place whose list reaches the last place
        before the verb (even before the clause scope, for long lists), when that place is a district or a city."""
        refs = [r for r in s.refs if not r.in_speaker and r.kind == "named"]
        before = [k for k, r in enumerate(refs) if r.end <= verb and r.start >= lo - 400]
        last = next((refs[k] for k in reversed(before) if not refs[k].peripheral and not refs[k].remote  # (a route's end)
                     and refs[k].start >= lo), None)
        if last is None:
            return lo
        provinces = [_as_province(r, self.gaz) is not None for r in refs]
        spans = [(r.start, r.end) for r in refs]
        start = None
        for k in reversed(before):
            r = refs[k]
            if r.start > last.start:
                continue
            if _ANCHOR_BEFORE.search(s.text, max(0, r.start - 40), r.start) and k + 1 < len(refs) and \
                    re.match(r"\s*,\s*and\s", s.text[r.end:refs[k + 1].start]):
                break  # "..., the day after Kandahar, and Hairatan ... went": a time's anchor opens no subject list
            if _OPEN_RELATIVE.search(s.text, max(0, r.start - 120), r.start) and "," in s.text[r.end:verb]:
                continue  # "In Balkh, which is home to the city of Mazar-i-Sharif, the district of Shortepa passed ...":
                # a place inside a relative clause closed before the verb is not its subject
            if r.start < lo:
                pre = s.text[_scope_before(s.text, r.start, 120):r.start]
                if any(w not in _GAP_WORDS and w not in _SUBJECT_LEAD for w in re.findall(r"[a-z][\w’'\-]*", pre.lower())):
                    continue  # "attacked Kohsan, and ...": the earlier place is another verb's object
            if lists.read_list(s.text, spans, provinces, k, verb).end >= last.end:
                start = r
            elif r.start < lo:
                break
        if start is None or (_as_district(start, self.gaz) is None and _as_capital(start, self.gaz) is None
                             and not lists.capitals_head(s.text, start.start)):  # ("the capitals of Logar and Wardak")
            return lo
        if _as_province(start, self.gaz) is not None and re.fullmatch(
                r"\W*(?:in|across)\s+(?:the\s+)?(?:province\s+of\s+)?", s.text[:start.start], re.I) and \
                re.match(r"(?:\s+province)?\s*,", s.text[start.end:]):
            later = next((r for r in refs if start.end < r.start < verb), None)
            if later is not None:  # "In Khost, Spera fell": the opening names the province, the subject follows
                return later.start
        return start.start

    def _located_district(self, r: _Ref, locus: Place | None) -> tuple[Place, Place | None] | None:
        """A list item read as a district, in the province its sub-list names when it has readings there."""
        dc = _as_district(r, self.gaz)
        if dc is None or locus is None or dc[0].province == locus.name:
            return dc
        for p in _readings(r):
            if p.place_type == "district" and p.province == locus.name:
                return p, dc[1]
        return dc

    def _district_list(self, s: _Sent, first: _Ref, m: re.Match[str], lo: int, hi: int, voice: str,
                       negated: bool) -> list[MentionDraft]:
        """Named districts, including lists ('the districts of A, B and C', 'A and B districts in P and C in Q')."""
        text = s.text
        refs = [r for r in s.refs if not r.in_speaker and r.kind == "named"]
        idx = refs.index(first) if first in refs else -1
        chosen: list[tuple[_Ref, Place | None]] = [(first, None)]
        if idx >= 0:
            end = hi if voice != "passive" else m.start()
            chosen = self._read_list(s, first, end)[0]
            j = idx - 1
            while j >= 0 and voice == "passive":
                gap = text[refs[j].end:chosen[0][0].start]
                if re.fullmatch(r"\s*(?:,\s*|\s+and\s+|,\s*and\s+)", gap, re.I) and _as_district(refs[j], self.gaz):
                    chosen.insert(0, (refs[j], chosen[0][1]))
                    j -= 1
                else:
                    break
        out = []
        for r, locus in chosen:
            dc = self._located_district(r, locus)
            if dc is not None:
                out.append(self._district_result(dc[0], dc[1], m, negated))
                if locus is not None and dc[0].place_type != "district":
                    out[-1].province = locus.name
        return out
