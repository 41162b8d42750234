#!/usr/bin/env python3
"""A plain BM25 over turns carrying speaker and date, on a labelled set in recall-eval's format (this folder by default,
or the folder given as the first argument): the reference recall's own figures are compared with on the SAME data.

Each turn is indexed as "speaker month year weekday text" (lower-cased letters and digits, a short English stop list,
no stemming), only turns said up to the question's asked_at are searched, k1 1.2 and b 0.75. It prints turn recall@10
and session recall@5 (the share of evidence conversations among the first 5 distinct conversations of the ranking),
computed as recall-eval computes them. Deterministic; standard library only."""
import collections, json, math, os, re, sys
from datetime import datetime

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
messages = [json.loads(l) for l in open(os.path.join(folder, "messages.jsonl")) if l.strip()]
questions = [json.loads(l) for l in open(os.path.join(folder, "questions.jsonl")) if l.strip()]
STOP = set("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was "
           "will with i me my we our you your what which who whom how do did does am have has had".split())


def terms(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


haystacks = collections.defaultdict(list)
for m in messages:
    haystacks[m["conversation_id"].split("-")[0]].append(m)

turn10, session5 = [], []
for q in questions:
    asked = when(q.get("asked_at"))
    turns = [m for m in haystacks[q["haystack"]] if asked is None or m.get("time") is None or when(m["time"]) <= asked]
    indexed = [terms((m.get("speaker") or "") + " " + (when(m["time"]).strftime("%B %Y %A") if m.get("time") else "") + " " + m["text"])
               for m in turns]
    n, average = len(indexed), sum(map(len, indexed)) / max(1, len(indexed))
    df = collections.Counter(w for t in indexed for w in set(t))
    asked_terms = set(terms(q["question"]))
    scores = []
    for t in indexed:
        counts, score = collections.Counter(t), 0.0
        for w in asked_terms:
            if counts[w]:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                score += idf * counts[w] * 2.2 / (counts[w] + 1.2 * (0.25 + 0.75 * len(t) / average))
        scores.append(score)
    order = sorted((i for i in range(n) if scores[i] > 0), key=lambda i: -scores[i])
    top = [turns[i]["message_id"] for i in order[:10]]
    conversations = []
    for i in order:
        if turns[i]["conversation_id"] not in conversations:
            conversations.append(turns[i]["conversation_id"])
    evidence, sessions = q["evidence_message_ids"], q["evidence_conversation_ids"]
    turn10.append(sum(e in top for e in evidence) / len(evidence) if evidence else 1)
    session5.append(sum(s in conversations[:5] for s in sessions) / len(sessions) if sessions else 1)

print(f"plain BM25 (speaker + date), {len(questions)} questions: turn recall@10 {sum(turn10) / len(turn10):.3f}, "
      f"session recall@5 {sum(session5) / len(session5):.3f}")
