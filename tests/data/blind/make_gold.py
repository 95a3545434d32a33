"""Build gold.csv and gold_tallies.csv for the blind set.

Every date is derived here from the article's publication date with the rules
of shared/spec/EVENTS.md (weekday = latest such day on or before publication;
"in the past N days" = N days before publication through publication; an
undated mention = publication as upper bound, lower bound open; several
mentions of one event = intersection of their ranges).  Run from anywhere:
    python tests/data/blind/make_gold.py
"""
import csv
import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
D = dt.date.fromisoformat
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

PUB = {  # article id -> publication date (None = unknown / month only)
    "001_dpa": D("2021-06-23"),
    "002_tajik_border_statement": D("2021-07-05"),
    "003_ani": D("2021-07-10"),
    "004_afghan_mod_statement": D("2021-07-14"),
    "005_taliban_statement": D("2021-07-14"),
    "006_anadolu": D("2021-08-06"),
    "007_iranian_translated": D("2021-08-07"),
    "008_pakistani_paper": None,  # header " date 2021-08"
    "009_liveblog": D("2021-08-13"),
    "010_newsletter_digest": D("2021-08-16"),
    "011_thinktank_update": D("2021-08-03"),
    "012_russian_translated": D("2021-08-16"),
    "013_efe": D("2021-08-10"),
    "014_kyodo": D("2021-08-15"),
    "015_aggregator_repost": D("2021-08-10"),  # near-copy of 013_efe
    "016_uzbek_border_statement": D("2021-08-16"),
    "017_indian_paper": D("2021-08-08"),
    "018_central_asian_paper": D("2021-08-10"),
    "019_balkh_governor_statement": None,  # header " date 2021-07"
    "020_aggregator_explainer": None,  # fully undated
}


def wd(art, name):
    """Latest `name` day on or before the publication of `art`."""
    pub = PUB[art]
    back = (pub.weekday() - WEEKDAYS.index(name)) % 7
    d = pub - dt.timedelta(days=back)
    return (d, d)


def day(s):
    return (D(s), D(s))


def span(a, b):
    return (D(a), D(b))


def past_days(art, n):
    pub = PUB[art]
    return (pub - dt.timedelta(days=n), pub)


def since_wd(art, name):
    return (wd(art, name)[0], PUB[art])


def upto(art):
    """Undated mention: publication date as upper bound, open below."""
    return (None, PUB[art])


def month(y, m):
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (first, nxt - dt.timedelta(days=1))


def this_month_so_far(art):
    pub = PUB[art]
    return (pub.replace(day=1), pub)


def intersect(*ranges):
    lows = [r[0] for r in ranges if r[0] is not None]
    highs = [r[1] for r in ranges if r[1] is not None]
    lo = max(lows) if lows else None
    hi = min(highs) if highs else None
    assert lo is None or hi is None or lo <= hi, ranges
    return lo, hi


ROWS = []
COLS = ["event_type", "date_low", "date_high", "place", "place_type", "province",
        "destination", "outcome", "count_low", "count_high", "count_text", "status",
        "required", "articles", "note"]


def add(event_type, rng, place, place_type, province, articles, note, *,
        destination="", outcome="", count=("", ""), count_text="",
        status="reported", required="yes"):
    lo, hi = rng
    ROWS.append({
        "event_type": event_type,
        "date_low": lo.isoformat() if lo else "",
        "date_high": hi.isoformat() if hi else "",
        "place": place, "place_type": place_type, "province": province,
        "destination": destination, "outcome": outcome,
        "count_low": count[0], "count_high": count[1], "count_text": count_text,
        "status": status, "required": required,
        "articles": ";".join(sorted(articles)), "note": note,
    })


A = "001_dpa"
# ---------------------------------------------------------------- district_seized
add("district_seized",
    intersect(wd(A, "tuesday"), (None, D("2021-06-22")), (None, None)),
    "Imam Sahib", "district", "Kunduz",
    [A, "002_tajik_border_statement", "020_aggregator_explainer"],
    "Shir Khan Bandar port and Imam Sahib district captured on Tuesday; the Tajik statement dates the capture only as before the 22 June crossing; the explainer is undated")
for d_ in ["Khanabad", "Aliabad", "Chahar Dara"]:
    add("district_seized", wd(A, "tuesday"), d_, "district", "Kunduz", [A],
        "list 'Khanabad, Aliabad and Chahar Dara' stormed Monday; 'These districts fell on Tuesday' (plural anaphora)")
add("district_seized", wd(A, "monday"), "Yangi Qala", "district", "Takhar", [A],
    "fell on Monday after a two-day battle")

T = "002_tajik_border_statement"
for d_, spelt in [("Ishkashim", "Ishkashim"), ("Shighnan", "Shugnan"), ("Khwahan", "Khvakhan"),
                  ("Kuf Ab", "Kufab"), ("Raghistan", "Ragistan")]:
    arts = [T] + (["020_aggregator_explainer"] if d_ == "Ishkashim" else [])
    add("district_seized", past_days(T, 3), d_, "district", "Badakhshan", arts,
        f"Tajik border statement, Russian-style spelling '{spelt}'; 'in the last three days' before 5 July"
        + ("; undated explainer mention joins" if d_ == "Ishkashim" else ""))

N = "003_ani"
for d_, prov, spelt in [("Kohsan", "Herat", "Kohsan"), ("Ghoryan", "Herat", "Ghorian"),
                        ("Kushk-e Kohna", "Herat", "Kushk-i-Kuhna"),
                        ("Shirin Tagab", "Faryab", "Shirin Tagab"), ("Qaisar", "Faryab", "Qaisar")]:
    arts = [N] + (["020_aggregator_explainer"] if d_ == "Kohsan" else [])
    add("district_seized", since_wd(N, "thursday"), d_, "district", prov, arts,
        f"list with per-province sub-lists 'have changed hands since Thursday' (spelt '{spelt}')"
        + ("; holds the Islam Qala crossing; undated explainer mention joins" if d_ == "Kohsan" else ""))
add("district_seized",
    intersect(since_wd(N, "thursday"), (None, D("2021-07-09"))),
    "Torghundi", "border_crossing", "Herat", [N, "020_aggregator_explainer"],
    "crossing at the end of the list 'along with the Torghundi port'; Taliban said on Friday (July 9) it had been taken (upper bound); crossing lies in Kushk (Robat-e Sangi) district; explainer undated")

M, TS = "004_afghan_mod_statement", "005_taliban_statement"
add("district_seized",
    intersect(day("2021-07-14"), upto(M), month(2021, 7), (None, None)),
    "Spin Boldak", "district", "Kandahar",
    [M, TS, "008_pakistani_paper", "020_aggregator_explainer"],
    "Taliban statement: taken 'this morning' (14 July); MoD denies the same day (district 'remains under the full control'); Pakistani paper: 'took last month' (month-only header 2021-08); explainer: claim and denial, undated",
    status="disputed")
for d_ in ["Shah Wali Kot", "Khakrez"]:
    add("district_seized", wd(TS, "tuesday"), d_, "district", "Kandahar", [TS],
        "'on Tuesday, the district centres of Shah Wali Kot and Khakrez ... came under the control of the Mujahideen' (Taliban claim, not denied)")

I = "007_iranian_translated"
for d_ in ["Kang", "Chakhansur", "Charburjak"]:
    add("district_seized", upto(I), d_, "district", "Nimroz", [I],
        "'the Taliban have captured also the districts of Kang, Chakhansur and Charburjak' - no temporal expression: upper bound = publication (7 August 2021 from the text)")

K = "011_thinktank_update"
add("district_seized", wd(K, "sunday"), "Shindand", "district", "Herat", [K],
    "'overran the key garrison town of Shindand' (epithet in apposition) on Sunday")
for d_ in ["Pashtun Zarghun", "Adraskan"]:
    add("district_seized", span("2021-07-30", "2021-08-01"), d_, "district", "Herat", [K],
        "'overran the district centres of Pashtun Zarghun and Adraskan between July 30 and August 1'")

IN, CA = "017_indian_paper", "018_central_asian_paper"
add("district_seized", wd(IN, "thursday"), "Chisht-e Sharif", "district", "Herat", [IN],
    "'on Thursday overran Chisht-e-Sharif district', home of Salma Dam; 'June 2016' is background")
add("district_seized", intersect(past_days(IN, 2), upto(CA)), "Samangan", "province", "Samangan",
    [IN, CA],
    "counted: 'all six districts outside the provincial capital Aybak have fallen in the past two days' (017) and 'All the districts of Samangan except the provincial centre' undated (018)",
    count=(6, 6), count_text="all six districts")
for d_, prov, xing in [("Khamyab", "Jawzjan", "Imam Nazar"), ("Qaramqol", "Faryab", "Aqina")]:
    add("district_seized", wd(CA, "sunday"), d_, "district", prov, [CA],
        f"taken on Sunday, includes the {xing} crossing on the Turkmen border")
add("district_seized", upto(CA), "Faryab", "province", "Faryab", [CA],
    "counted: 'captured ten of the province's 14 districts', no temporal expression",
    count=(10, 10), count_text="ten of the province's 14 districts")

B = "019_balkh_governor_statement"
for d_, spelt in [("Shortepa", "Shortepa"), ("Kaldar", "Kaldar"), ("Dawlatabad", "Dowlatabad"),
                  ("Charbolak", "Chaharbolak")]:
    add("district_seized", span("2021-06-20", "2021-06-25"), d_, "district", "Balkh", [B],
        f"governor's statement (month-only header 2021-07): 'between 20 and 25 June ... came under the control of the Taliban' (spelt '{spelt}')"
        + ("; Dawlatabad of Balkh, not of Faryab" if d_ == "Dawlatabad" else ""))

# ---------------------------------------------------------------- capital_entered
add("capital_entered", wd(N, "wednesday"), "Qala-e-Naw", "capital", "Badghis", [N],
    "'On Wednesday, the insurgents briefly entered Qala-i-Naw ... before being pushed back'",
    outcome="repelled")
add("capital_entered", wd(K, "sunday"), "Herat", "capital", "Herat", [K],
    "Taliban claim to have entered Herat City on Sunday through Police District 9; provincial officials deny, attack repelled",
    outcome="repelled", status="disputed")
add("capital_entered", wd(K, "monday"), "Lashkar Gah", "capital", "Helmand", [K],
    "'took most of Lashkar Gah's police districts on Monday'; fighting continues inside the city (police districts = capital_entered)",
    outcome="contested")

E, R = "013_efe", "015_aggregator_repost"
NL = "010_newsletter_digest"
AN, IR, PK = "006_anadolu", "007_iranian_translated", "008_pakistani_paper"
add("capital_entered",
    intersect(wd(AN, "friday"), wd(IR, "friday"), day("2021-08-06"), day("2021-08-06"),
              past_days(E, 5), past_days(R, 5), wd(IN, "friday")),
    "Zaranj", "capital", "Nimroz", [AN, IR, PK, NL, E, R, IN],
    "Friday (006, 007 'Zarang', 017); August 6 (008, month-only header); timeline line Aug 6 (010); 'in the past five days ... capitals of Nimroz, ...' (013, 015: province stands for capital)",
    outcome="fell")
add("capital_entered",
    intersect(day("2021-08-07"), day("2021-08-07"), past_days(E, 5), past_days(R, 5),
              wd(IN, "saturday"), wd(CA, "saturday")),
    "Sheberghan", "capital", "Jawzjan", [PK, NL, E, R, IN, CA],
    "August 7 (008); Aug 7 'Shibarghan' (010); past five days via 'Jawzjan' (013, 015); Saturday 'Shibirghan' (017); Saturday (018). 006's 'under threat' is not a mention of entry",
    outcome="fell")
for cap, prov, spell in [("Kunduz", "Kunduz", "Kondoz"), ("Sar-e-Pul", "Sar-e-Pul", "Sar-i-Pul"),
                         ("Taloqan", "Takhar", "Talaqan")]:
    add("capital_entered",
        intersect(day("2021-08-08"), day("2021-08-08"), past_days(E, 5), past_days(R, 5),
                  wd(IN, "sunday")),
        cap, "capital", prov, [PK, NL, E, R, IN],
        f"'seized the capitals of Kunduz, Takhar and Sar-e-Pul provinces' on August 8 (008); Aug 8 line '{spell}' (010); past five days (013, 015); Sunday list with appositives (017)",
        outcome="fell")
add("capital_entered", intersect(day("2021-08-09"), wd(E, "monday"), wd(R, "monday"), wd(CA, "monday")),
    "Aybak", "capital", "Samangan", [NL, E, R, CA],
    "Aug 9 (010); 'On Monday the insurgents captured Aybak' (013, 015); 'On Monday, Aybak ... also fell' (018)",
    outcome="fell")
add("capital_entered", intersect(day("2021-08-10"), wd(E, "tuesday"), wd(R, "tuesday")),
    "Pul-e-Khumri", "capital", "Baghlan", [NL, E, R],
    "Aug 10 'Pul-i-Khumri' (010); Tuesday (013, 015). 017's 'Residents feared the fighters would enter Pul-e-Khumri' is speculative, not a mention",
    outcome="fell")
add("capital_entered", intersect(day("2021-08-10"), wd(E, "tuesday"), wd(R, "tuesday")),
    "Farah", "capital", "Farah", [NL, E, R],
    "Aug 10 (010); 'took control of ... the western city of Farah' on Tuesday (013, 015). 007's 'reach to Farah city in the next days' is speculative",
    outcome="fell")
add("capital_entered", day("2021-08-11"), "Faizabad", "capital", "Badakhshan", [NL],
    "Aug 11 'Feyzabad' (010). 013/015 'Residents feared the fighters would also enter Faizabad' is speculative",
    outcome="fell")
L = "009_liveblog"
for cap, prov, note in [("Ghazni", "Ghazni", "'fell on Thursday morning' (009); Aug 12 (010). 004's 'some 40 kilometres from Ghazni ... enter the city were foiled' is not a mention"),
                        ("Herat", "Herat", "'Herat fell on Thursday evening' (009); Aug 12 (010); separate from the 1 August disputed entry"),
                        ("Qala-e-Naw", "Badghis", "Taliban say they captured 'Qalay-i-Naw' on Thursday, no official comment (009); Aug 12 'Qala-i-Naw' (010); separate from the 7 July entry")]:
    add("capital_entered", intersect(wd(L, "thursday"), day("2021-08-12")), cap, "capital", prov,
        [L, NL], note, outcome="fell")
add("capital_entered", intersect(wd(L, "friday"), day("2021-08-13")), "Kandahar", "capital", "Kandahar",
    [L, NL], "governor's office fell around 1 am 'early on Friday' (009); Aug 13 (010)", outcome="fell")
add("capital_entered", intersect(upto(L), day("2021-08-13")), "Lashkar Gah", "capital", "Helmand",
    [L, NL], "'confirm that the provincial capital has fallen' undated in a 13 August live blog (009); Aug 13 'Lashkargah' (010); separate from the 2 August police-districts entry",
    outcome="fell")
add("capital_entered", intersect(day("2021-08-13"), day("2021-08-13")), "Tarinkot", "capital", "Uruzgan",
    [L, NL], "'Tirinkot ... was handed over to the Taliban this morning' (009, publication day); Aug 13 'Terinkot' (010)",
    outcome="fell")
add("capital_entered", intersect(wd(L, "friday"), day("2021-08-13")), "Qalat", "capital", "Zabul",
    [L, NL], "'handed over to the Taliban on Friday' (009); Aug 13 (010)", outcome="fell")
add("capital_entered", intersect(upto(L), day("2021-08-13")), "Chaghcharan", "capital", "Ghor",
    [L, NL], "'has fallen without a fight' undated (009); Aug 13 line gives the alias 'Firozkoh' (010)", outcome="fell")
add("capital_entered", intersect(upto(L), upto(L), day("2021-08-13")), "Pul-e-Alam", "capital", "Logar",
    [L, NL], "'Fighters have entered Pul-e Alam ... taken the police headquarters' then 'Pol-e Alam ... has fallen' (009, undated entries); Aug 13 (010)",
    outcome="fell")
RU, KY = "012_russian_translated", "014_kyodo"
add("capital_entered", intersect(day("2021-08-14"), wd(RU, "saturday"), wd(KY, "saturday")),
    "Mazar-i-Sharif", "capital", "Balkh", [NL, RU, KY],
    "Aug 14 'Mazar-e Sharif' (010); Saturday (012, 014). 008/009/013/017/018/019 only speculate or deny entry",
    outcome="fell")
add("capital_entered", intersect(day("2021-08-14"), wd(KY, "saturday")), "Maimana", "capital", "Faryab",
    [NL, KY], "Aug 14 'Maymana' (010); Saturday 'Meymaneh, capital of Faryab Province' (014). 018 'under threat' is speculative",
    outcome="fell")
add("capital_entered", intersect(day("2021-08-14"), wd(KY, "saturday")), "Sharana", "capital", "Paktika",
    [NL, KY], "Aug 14 (010); Saturday, spelt 'Sharan in Paktika' (014)", outcome="fell")
for cap, prov in [("Mehtarlam", "Laghman"), ("Gardez", "Paktia"), ("Nili", "Daykundi")]:
    add("capital_entered", day("2021-08-14"), cap, "capital", prov, [NL],
        "newsletter timeline line 'Aug 14 — ...' under 'PROVINCIAL CAPITALS THAT FELL'", outcome="fell")
add("capital_entered", intersect(day("2021-08-15"), wd(KY, "sunday")), "Jalalabad", "capital", "Nangarhar",
    [NL, KY], "Aug 15 (010); 'Earlier Sunday, Jalalabad ... fell without a fight' (014)", outcome="fell")
for cap, prov in [("Asadabad", "Kunar"), ("Bamyan", "Bamyan"), ("Khost", "Khost")]:
    add("capital_entered", day("2021-08-15"), cap, "capital", prov, [NL],
        "newsletter timeline line 'Aug 15 — ...'", outcome="fell")
add("capital_entered",
    intersect(wd(NL, "sunday"), day("2021-08-15"), wd(RU, "sunday"), wd(KY, "sunday")),
    "Kabul", "capital", "Kabul", [NL, RU, KY],
    "'Kabul fell on Sunday' and Aug 15 line (010); entered on Sunday, palace taken (012, 014). 'Kabul offered' (008) and 'Kabul administration' (005) are the government, not the city",
    outcome="fell")

# ---------------------------------------------------------------- troops_fled
add("troops_fled", intersect(wd(A, "tuesday"), day("2021-06-22")), "Imam Sahib", "district", "Kunduz",
    [A, T], "134 soldiers 'crossed the Tajik border on Tuesday' (001); Tajik statement 'on 22 June 2021 ... crossed the state border' (002: agency of Tajikistan, own country unnamed)",
    destination="Tajikistan", count=(134, 134), count_text="134")
add("troops_fled", intersect(day("2021-06-24"), month(2021, 6)), "Kaldar", "district", "Balkh",
    [B, "016_uzbek_border_statement"],
    "'On 24 June, three dozen soldiers ... in Kaldar district withdrew into Uzbekistan' (019); Uzbek statement 'in June, 36 servicemen who had crossed the border from the Kaldar district were returned' (016)",
    destination="Uzbekistan", count=(36, 36), count_text="three dozen")
add("troops_fled", intersect(span("2021-07-04", "2021-07-05"), this_month_so_far(M)), "Badakhshan", "province", "Badakhshan",
    [T, M], "Tajik statement: 'During the night from 4 to 5 July ... 1,037 servicemen ... crossed it' without naming Tajikistan in the sentence (002); MoD: 'more than 1,000 ANDSF members who had entered Tajikistan earlier this month have returned' (004)",
    destination="Tajikistan", count=(1037, 1037), count_text="1,037")
add("troops_fled", wd(N, "thursday"), "Kohsan", "district", "Herat", [N],
    "'Some 300 Afghan soldiers and customs officials crossed the Iranian border at Islam Qala on Thursday night'",
    destination="Iran", count=(300, 300), count_text="some 300")
add("troops_fled", day("2021-07-26"), "Kunar", "province", "Kunar", [PK],
    "'On July 26, 46 Afghan soldiers ... sought refuge in Pakistan' (month-only header 2021-08); later handed back",
    destination="Pakistan", count=(46, 46), count_text="46")
add("troops_fled", intersect(upto(AN), wd(IR, "friday")), "Zaranj", "capital", "Nimroz", [AN, IR],
    "'Several officials, including the provincial police chief, crossed into Iran along with dozens of soldiers' (006, undated sentence); 'on Friday evening ... 46 persons from the army and police ... entered the territory of Islamic Republic of Iran' (007)",
    destination="Iran", count=(46, 46), count_text="46")
add("troops_fled", day("2021-08-08"), "Kunduz", "capital", "Kunduz", [PK],
    "'the Afghan army retreated to its corps headquarters at the city's airport on August 8' (flight inside the country)")
add("troops_fled", intersect(wd(E, "tuesday"), wd(R, "tuesday")), "Farah", "capital", "Farah", [E, R],
    "'security forces had retreated to an army base on the outskirts of the city' (same sentence as 'on Tuesday afternoon')")
add("troops_fled", wd(L, "friday"), "Kandahar", "capital", "Kandahar", [L],
    "'Government forces withdrew to the airport early on Friday'")
add("troops_fled", wd(L, "friday"), "Lashkar Gah", "capital", "Helmand", [L],
    "'Troops withdrew from the city on Friday morning to the army corps base outside the city'")
U = "016_uzbek_border_statement"
add("troops_fled", intersect(span("2021-08-14", "2021-08-15"), span("2021-08-14", "2021-08-15"),
                             span("2021-08-14", "2021-08-15")),
    "Balkh", "province", "Balkh", [NL, RU, U],
    "two groups in one sentence: '585 servicemen flew in ... and 84 more came across the Friendship Bridge on foot' (012; 'retreated into Uzbekistan from the neighbouring Balkh province'); 'About 670 ... flew or walked into Uzbekistan' (010); Uzbek border statement '84 servicemen ... illegally crossed the state border' plus aircraft (016, own country unnamed). Count = 585 + 84",
    destination="Uzbekistan", count=(669, 669), count_text="585 flew in and 84 more came across")
add("troops_fled", intersect(day("2021-08-15"), wd(RU, "sunday")), "", "", "", [NL, RU],
    "'A smaller group of pilots and soldiers flew their aircraft to Tajikistan' (010, Aug 15); '143 military on board landed at the airport of the city of Bokhtar' on Sunday (012)",
    destination="Tajikistan", count=(143, 143), count_text="143")
# optional
add("troops_fled", day("2021-07-14"), "Spin Boldak", "district", "Kandahar", [TS],
    "Taliban statement: 'others fled toward Kandahar city with their vehicles' (inside the country); borderline: a Taliban claim about a district whose fall the MoD denies",
    required="optional")
add("troops_fled", span("2021-08-12", "2021-08-13"), "Ghazni", "capital", "Ghazni", [L],
    "the governor 'left the city in a convoy' after Ghazni fell on Thursday; an official leaving, borderline flight",
    required="optional")
add("troops_fled", intersect(wd(NL, "sunday"), upto(RU), upto(KY)), "Kabul", "capital", "Kabul", [NL, RU, KY],
    "President Ghani 'fled the country on Sunday afternoon' (010) / 'left the country' (012, 014); head of state, no destination named",
    required="optional")

with open(HERE / "gold.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=COLS, lineterminator="\n")
    w.writeheader()
    w.writerows(ROWS)

TALLY_COLS = ["article_id", "date", "claimant", "scope", "unit", "count_low", "count_high", "count_text"]
TALLIES = [
    (A, "international_org", 50, "", "more than 50"),
    (A, "taliban", 87, 87, "87 districts"),
    (TS, "taliban", 220, "", "more than 220"),
    (K, "media", 223, 223, "223 of Afghanistan's 407 districts"),
    (E, "afghan_government", 127, 127, "127 districts"),
    (E, "taliban", 250, "", "more than 250"),
]
with open(HERE / "gold_tallies.csv", "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(TALLY_COLS)
    for art, who, lo, hi, txt in TALLIES:
        w.writerow([art, PUB[art].isoformat(), who, "national", "districts", lo, hi, txt])

if __name__ == "__main__":
    from collections import Counter
    c = Counter((r["event_type"], r["required"]) for r in ROWS)
    for k in sorted(c):
        print(*k, c[k])
    print("total", len(ROWS))
