#!/usr/bin/env python3
"""Writes inflections.tsv.gz, recall's table of irregular word forms, from Debian's wordnet-base (WordNet 3.0; its
licence is LICENSE-WordNet beside this file): WordNet's exception lists for verbs and nouns (verb.exc, noun.exc), one
line per inflected form and its dictionary forms ("bought\tbuy", "children\tchild"). A stemmer meets "adopted" and
"adopt" but not "bought" and "buy"; recall asks for both. Run: python3 generate-inflections.py [/usr/share/wordnet]"""
import gzip, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"

table = {}
for pos in ("verb", "noun"):
    with open(os.path.join(root, pos + ".exc"), encoding="latin-1") as f:
        for line in f:
            form, *lemmas = line.split()
            lemmas = [l for l in lemmas if l.isalpha() and l != form]
            if form.isalpha() and lemmas:
                found = table.setdefault(form, [])
                found.extend(l for l in lemmas if l not in found)

with gzip.open("inflections.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as out:
    for form in sorted(table):
        out.write(form + "\t" + " ".join(table[form]) + "\n")
