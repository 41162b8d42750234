#!/usr/bin/env python3
"""Recall's labelled development data (bench recall-eval). Deterministic (seed 7): run it again, get the same files.

Each haystack is one user's long multi-session history: filler sessions of real chat (turns of the LongMemEval sample,
MIT, LICENSE.LongMemEval and LICENSE.hydrabuild beside this file, re-dated and re-sessioned) with planted facts, each
stated once in a session by the user and answered by the assistant. Questions ask about a fact in other words than it was
stated in; some facts change over time (the question asks for the latest; both statements are evidence sessions, the
latest is the evidence turn); some facts are discussed over three turns of one session (all three are evidence
turns); some questions name a time ("in March 2023", "last summer") and are asked at a known date.

Writes messages.jsonl (the `strata import messages` format, conversation ids prefixed by the haystack) and
questions.jsonl: {haystack, question_id, question, asked_at, kind, evidence_message_ids, evidence_conversation_ids}."""
import json, random
from datetime import datetime, timedelta, timezone

SAMPLE = "/work/shared/fixtures/longmemeval_sample/longmemeval_oracle_sample.json"
rng = random.Random(7)

# (statement by the user, the assistant's reply, question in other words). {x} varies per haystack.
FACTS = [
    ("I finally adopted a rescue greyhound, we named him {x}.", "What a lovely name for a greyhound!", "What is the name of the dog I took in from the shelter?", ["Biscuit", "Pepper", "Rocket", "Mango", "Ziggy", "Otis"]),
    ("My sister {x} is getting married in Lisbon in the autumn.", "A Lisbon wedding sounds wonderful.", "Which of my siblings has a wedding coming up in Portugal?", ["Hannah", "Priya", "Sofia", "Grace", "Leila", "Mei"]),
    ("I switched careers, I'm now working as a {x}.", "Congratulations on the new path!", "What is my current occupation after I changed jobs?", ["dental hygienist", "data analyst", "pastry chef", "landscape architect", "paramedic", "UX researcher"]),
    ("The car I bought last week is a used {x}.", "Nice choice of vehicle.", "What model of automobile did I purchase recently?", ["Mazda 3", "Honda Civic", "Subaru Outback", "Toyota Prius", "Kia Niro", "Volvo V60"]),
    ("I'm allergic to {x}, so I always check labels.", "That's sensible, allergies can be serious.", "Which food gives me an allergic reaction?", ["peanuts", "shellfish", "sesame", "kiwi", "almonds", "soy"]),
    ("My daughter started violin lessons with a teacher called {x}.", "Violin is a great instrument to learn.", "Who teaches my kid the violin?", ["Mrs. Okafor", "Mr. Lindqvist", "Ms. Duarte", "Mr. Haddad", "Mrs. Novak", "Ms. Tanaka"]),
    ("We're planning a hiking trip to {x} next month.", "Remember good boots and plenty of water.", "Where am I going trekking soon?", ["Patagonia", "the Dolomites", "Zion", "the Lake District", "Banff", "Torres del Paine"]),
    ("I ran my first half marathon in {x} minutes!", "That's a great time for a first one.", "How long did it take me to finish my first 21 km race?", ["118", "124", "131", "109", "142", "127"]),
    ("Our book club is reading {x} this month.", "That's a great pick for discussion.", "Which novel is my reading group discussing currently?", ["Middlemarch", "The Overstory", "Piranesi", "Beloved", "Stoner", "Kindred"]),
    ("I've been learning {x} on Duolingo every morning.", "Consistency is key with languages.", "Which language am I studying with an app?", ["Portuguese", "Korean", "Turkish", "Greek", "Swahili", "Dutch"]),
    ("My landlord raised the rent to {x} dollars a month.", "That's a big increase, sorry to hear.", "How much do I pay for my apartment each month now?", ["1850", "2100", "1675", "2400", "1990", "2250"]),
    ("I got the deploy-{x}-hotfix build out to production last night.", "Glad the release went smoothly.", "Which hotfix release did I ship to prod?", ["v2.4.7", "v3.1.2", "v1.9.14", "v5.0.3", "v4.2.8", "v2.11.1"]),
]
# Facts that change: (first statement, later statement, question asking for the latest)
CHANGING = [
    ("I live in {a} these days, close to the river.", "We just moved house, we live in {b} now.", "Which city do I currently call home?", [("Leeds", "Bristol"), ("Denver", "Austin"), ("Lyon", "Nantes"), ("Porto", "Braga"), ("Utrecht", "Delft"), ("Osaka", "Kyoto")]),
    ("My favourite coffee is a {a}.", "Lately I've switched, my go-to coffee is a {b}.", "What coffee drink do I prefer nowadays?", [("flat white", "cortado"), ("latte", "americano"), ("cappuccino", "macchiato"), ("mocha", "espresso"), ("cold brew", "flat white"), ("americano", "latte")]),
]
# Facts asked by the time they were said in: (statement, question template with {when})
TIMED = [
    ("I bought a {x} for the garden today.", "What did I buy for the garden {when}?", ["hammock", "birdbath", "lemon tree", "compost bin", "bench", "greenhouse"]),
    ("We celebrated our anniversary at {x} restaurant.", "Where did we go to celebrate our anniversary {when}?", ["Noma", "Dishoom", "Le Jardin", "Sakura", "Trattoria Roma", "Blue Door"]),
]

# Facts discussed over several turns of one session (as a long conversation returns to a topic): (three statements,
# question in partly other words). Every statement is an evidence turn; the session is the evidence conversation.
TOPICS = [
    (["We're redoing the kitchen and looking at {x} for the countertops.", "The quote for the {x} came in under budget, so that's settled.",
      "The contractor starts tearing out the old kitchen on Monday."],
     "What material did I choose for the counters in my kitchen remodel?", ["quartz", "granite", "butcher block", "marble", "concrete", "soapstone"]),
    (["I'm organising a trip to {x} for my mum's 60th birthday.", "We booked the flights to {x} this morning.",
      "Mum mostly wants to walk around the old town when we get there."],
     "Where are we travelling to celebrate my mother's birthday?", ["Krakow", "Vienna", "Seville", "Edinburgh", "Reykjavik", "Tallinn"]),
]

def filler_sessions():
    data = json.load(open(SAMPLE))["data"]
    turns = [(t["role"], t["content"]) for item in data for t in item["conversation"] if t["content"].strip()]
    sessions, i = [], 0
    while i < len(turns):
        size = rng.randint(8, 12)
        sessions.append(turns[i:i + size])
        i += size
    return sessions

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def month_words(t):
    return t.strftime("in %B %Y")

messages, questions = [], []
fillers = filler_sessions()
for h in range(6):
    name = f"h{h + 1:02d}"
    sessions = [list(s) for s in rng.sample(fillers, min(len(fillers), 24))]
    start = datetime(2023, 1, 9, 18, 0, tzinfo=timezone.utc)
    dates = [start + timedelta(days=int(i * 13 + rng.randint(0, 5))) for i in range(len(sessions))]
    planted = {}  # session index -> list of (user text, assistant text, label)
    slots = list(range(len(sessions)))
    rng.shuffle(slots)
    def plant(session, user, assistant, label):
        planted.setdefault(session, []).append((user, assistant, label))
    for f, (statement, reply, question, values) in enumerate(FACTS):
        plant(slots.pop(), statement.format(x=values[h]), reply, ("fact", f, question))
    for c, (first, later, question, values) in enumerate(CHANGING):
        a, b = sorted([slots.pop(), slots.pop()])
        plant(a, first.format(a=values[h][0]), "Good to know.", ("changing-old", c, question))
        plant(b, later.format(b=values[h][1]), "Thanks for the update.", ("changing-new", c, question))
    for t, (statement, question, values) in enumerate(TIMED):
        plant(slots.pop(), statement.format(x=values[h]), "Sounds lovely.", ("timed", t, question))
    for t, (statements, question, values) in enumerate(TOPICS):
        session = slots.pop()
        for statement in statements:
            plant(session, statement.format(x=values[h]), "Okay, noted.", ("topic", t, question))
    evidence = {}
    for s, turns in enumerate(sessions):
        conversation = f"{name}-s{s + 1:02d}"
        at = dates[s]
        inserts = planted.get(s, [])
        positions = sorted(rng.sample(range(len(turns) + 1), len(inserts)))
        out = []
        for i, turn in enumerate(turns + [None]):
            role, text = turn if turn is not None else (None, None)
            while positions and positions[0] == i:
                positions.pop(0)
                user, assistant, label = inserts.pop(0)
                out.append(("user", user, label))
                out.append(("assistant", assistant, None))
            if role is not None:
                out.append((role, text, None))
        for m, (role, text, label) in enumerate(out):
            message_id = f"{conversation}-m{m + 1:03d}"
            when = at + timedelta(minutes=2 * m)
            messages.append({"conversation_id": conversation, "conversation_title": f"Chat {s + 1}", "message_id": message_id,
                             "speaker": "Alex" if role == "user" else "Assistant", "role": role, "time": iso(when), "text": text})
            if label:
                evidence.setdefault((label[0].replace("-old", "").replace("-new", ""), label[1]), []).append((label[0], message_id, conversation, when))
    last = dates[-1] + timedelta(days=3)
    for (kind, index), items in sorted(evidence.items()):
        if kind == "fact":
            _, mid, conv, _ = items[0]
            q = FACTS[index][2]
            turns, convs, asked = [mid], [conv], last
        elif kind == "changing":
            new = [i for i in items if i[0] == "changing-new"][0]
            q = CHANGING[index][2]
            turns, convs, asked = [new[1]], sorted({i[2] for i in items}), last
        elif kind == "topic":
            q = TOPICS[index][1]
            turns, convs, asked = [i[1] for i in items], [items[0][2]], last
        else:
            _, mid, conv, when = items[0]
            q = TIMED[index][1].format(when=month_words(when))
            turns, convs, asked = [mid], [conv], last
        questions.append({"haystack": name, "question_id": f"{name}-{kind}-{index}", "question": q, "asked_at": iso(asked), "kind": kind,
                          "evidence_message_ids": turns, "evidence_conversation_ids": convs})

with open("messages.jsonl", "w") as f:
    for m in messages:
        f.write(json.dumps(m, ensure_ascii=False) + "\n")
with open("questions.jsonl", "w") as f:
    for q in questions:
        f.write(json.dumps(q, ensure_ascii=False) + "\n")
print(len(messages), "messages,", len(questions), "questions")
