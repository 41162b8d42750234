#!/usr/bin/env python3
"""Rewrites store sessions opened with a flag into the typed calls (issue 25 item 8).

    store.OpenAsync(userId, write: false, ct)  ->  store.OpenReadAsync(userId, ct)   (an IStoreReader)
    store.OpenAsync(userId, write: true, ct)   ->  store.OpenWriteAsync(userId, ct)  (an IStoreSession)

Idempotent: a tree already rewritten is left as it is, and a branch merged later with new flag-style calls is
rewritten by running it again. Usage: python3 tools/codemods/typed-sessions.py [root ...] (default: the whole tree).
A call whose flag is not a literal (write: !dryRun) cannot be rewritten safely: it is listed, and the exit code is 1,
so that a person chooses (usually a read session for the dry run and a write session otherwise).
"""
import pathlib
import re
import sys

# The first argument may hold one level of parentheses or a member access (run.UserId, Ids("a")).
CALL = re.compile(r"\.OpenAsync\((?P<user>(?:[^(),]|\([^()]*\))+?),\s*write:\s*(?P<flag>true|false)\s*,\s*")
LEFT = re.compile(r"\.OpenAsync\((?:[^(),]|\([^()]*\))+?,\s*write:\s*(?!true\b|false\b)[^,)]+")


def rewrite(text: str) -> tuple[str, int]:
    def replace(match: re.Match[str]) -> str:
        method = "OpenWriteAsync" if match["flag"] == "true" else "OpenReadAsync"
        return f".{method}({match['user']}, "
    return CALL.subn(replace, text)


def main(roots: list[str]) -> int:
    changed, calls, left = 0, 0, []
    for root in roots:
        for path in sorted(pathlib.Path(root).rglob("*.cs")):
            if any(part in ("bin", "obj", "node_modules") or part.startswith(".") and part != "." for part in path.parts):
                continue
            text = path.read_text(encoding="utf-8")
            new, count = rewrite(text)
            if count:
                path.write_text(new, encoding="utf-8")
                changed += 1
                calls += count
            for number, line in enumerate(new.splitlines(), 1):
                if LEFT.search(line):
                    left.append(f"{path}:{number}: {line.strip()}")
    print(f"typed-sessions: {calls} call(s) rewritten in {changed} file(s)")
    for line in left:
        print(f"  not a literal flag, choose by hand: {line}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["."]))
