#!/usr/bin/env python3
"""Writes synonyms.tsv.gz, recall's query-expansion table, from Debian's wordnet-base (WordNet 3.0; its licence is
LICENSE-WordNet beside this file). Per single-word lemma: the single-word lemmas sharing its most frequent sense per part of speech
(index.* lists a lemma's synsets most frequent first), at most three. Run: python3 generate-synonyms.py [/usr/share/wordnet]"""
import gzip, sys, os

root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
SENSES, MAX = 1, 3

def synsets(pos):
    words = {}
    with open(os.path.join(root, "data." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            offset, count = parts[0], int(parts[3], 16)
            words[offset] = [parts[4 + 2 * i].lower() for i in range(count)]
    return words

table = {}
for pos in ("noun", "verb", "adj", "adv"):
    data = synsets(pos)
    with open(os.path.join(root, "index." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            if not lemma.isalpha():
                continue
            synset_count = int(parts[2])
            offsets = parts[-synset_count:][:SENSES]
            found = table.setdefault(lemma, [])
            for offset in offsets:
                for word in data.get(offset, []):
                    word = word.split("(")[0]
                    if word != lemma and word.isalpha() and word not in found:
                        found.append(word)

with gzip.open("synonyms.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as out:
    for lemma in sorted(table):
        if table[lemma]:
            out.write(lemma + "\t" + " ".join(table[lemma][:MAX]) + "\n")
