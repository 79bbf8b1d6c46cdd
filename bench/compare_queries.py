#!/usr/bin/env python3
"""The questions bench/compare.sh asks, each in quotegraph's schema and in PostGraphile's,
and the check that both answers hold the same rows.

    compare_queries.py write WORK COUNTRY < speakers.tsv   # WORK/<question>.<server>.jsonl
    compare_queries.py label WORK QUESTION                  # the table's label
    compare_queries.py check WORK QUESTION                  # exit 1 when the rows differ

speakers.tsv holds one speaker a line: the name, a tab, the folded key of that name. Each
.jsonl file holds one JSON request a line; wrk sends them in turn.
"""

import json
import sys
from pathlib import Path

# Each question: a label, then for each server a query, its variables per speaker (or
# None: the same request every time), and where the rows stand in the answer.
QUESTIONS = {
    "person": {
        "label": "a. statements by a person, with article and source, 20",
        "quotegraph": (
            "query($name: String!) { person(name: $name) { statements(first: 20) { edges { node "
            "{ text article { title publishedAt source { name } } } } } } }",
            lambda name, key: {"name": name},
        ),
        "postgraphile": (
            "query($key: String!) { personAliasByAliasKey(aliasKey: $key) { person { "
            "statementsBySpeakerId(first: 20, orderBy: PRIMARY_KEY_ASC) { edges { node "
            "{ text article { title publishedAt source { name } } } } } } } }",
            lambda name, key: {"key": key},
        ),
    },
    "direct": {
        "label": "b. direct statements with totalCount, 20, with speaker",
        "quotegraph": (
            "{ statements(filter: { kind: DIRECT }, first: 20) { totalCount edges { node "
            "{ text speaker { name } } } } }",
            None,
        ),
        "postgraphile": (
            '{ statements(condition: { kind: "direct" }, first: 20, orderBy: PRIMARY_KEY_ASC) '
            "{ totalCount edges { node { text speaker { name } } } } }",
            None,
        ),
    },
    "country": {
        "label": "c. a country's articles with totalCount, 20",
        "quotegraph": (
            'query($code: String!) { country(code: $code) { articles(first: 20) { totalCount '
            "edges { node { title publishedAt } } } } }",
            "country",
        ),
        "postgraphile": (
            "query($code: String!) { country(code: $code) { mentionsByCountryCode(first: 20, "
            "orderBy: ARTICLE_ID_ASC) { totalCount edges { node { article { title publishedAt } } } } } }",
            "country",
        ),
    },
    "counts": {
        "label": "d. statements per person (a count each), 20 people",
        "quotegraph": (
            "{ people(first: 20) { edges { node { name statements { totalCount } } } } }",
            None,
        ),
        "postgraphile": (
            "{ people(first: 20, orderBy: PRIMARY_KEY_ASC) { edges { node { name "
            "statementsBySpeakerId { totalCount } } } } }",
            None,
        ),
    },
}


def edges(connection):
    return [edge["node"] for edge in connection["edges"]]


def rows(question, server, data):
    """The answer's rows as plain tuples, the same shape for both servers."""
    if question == "person":
        person = data["person"] if server == "quotegraph" else data["personAliasByAliasKey"]["person"]
        field = "statements" if server == "quotegraph" else "statementsBySpeakerId"
        return [
            (n["text"], n["article"]["title"], n["article"]["publishedAt"],
             (n["article"]["source"] or {}).get("name"))
            for n in edges(person[field])
        ]
    if question == "direct":
        connection = data["statements"]
        return [connection["totalCount"]] + [
            (n["text"], (n["speaker"] or {}).get("name")) for n in edges(connection)
        ]
    if question == "country":
        field = "articles" if server == "quotegraph" else "mentionsByCountryCode"
        connection = data["country"][field]
        nodes = edges(connection)
        if server == "postgraphile":
            nodes = [n["article"] for n in nodes]
        return [connection["totalCount"]] + [(n["title"], n["publishedAt"]) for n in nodes]
    if question == "counts":
        field = "statements" if server == "quotegraph" else "statementsBySpeakerId"
        return [(n["name"], n[field]["totalCount"]) for n in edges(data["people"])]
    raise KeyError(question)


def write(work, country):
    speakers = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    for question, spec in QUESTIONS.items():
        for server in ("quotegraph", "postgraphile"):
            query, variables = spec[server]
            if variables is None:
                requests = [{"query": query}]
            elif variables == "country":
                requests = [{"query": query, "variables": {"code": country}}]
            else:
                requests = [{"query": query, "variables": variables(n, k)} for n, k in speakers]
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
            (work / f"{question}.{server}.jsonl").write_text(lines, encoding="utf-8")


def check(work, question):
    answers = {}
    for server in ("quotegraph", "postgraphile"):
        answer = json.loads((work / f"{question}.{server}.response.json").read_text("utf-8"))
        if answer.get("errors") or not answer.get("data"):
            print(f"{server} answered {question} with errors: {answer}", file=sys.stderr)
            return 1
        answers[server] = rows(question, server, answer["data"])
    if answers["quotegraph"] != answers["postgraphile"]:
        print(f"{question}: the answers differ", file=sys.stderr)
        for server, found in answers.items():
            print(f"  {server}: {found[:3]} … ({len(found)} rows)", file=sys.stderr)
        return 1
    if len(answers["quotegraph"]) < 2:
        print(f"{question}: too few rows to compare: {answers['quotegraph']}", file=sys.stderr)
        return 1
    print(f"{question}: the same {len(answers['quotegraph'])} rows", file=sys.stderr)
    return 0


def main(argv):
    command, work = argv[1], Path(argv[2])
    if command == "write":
        write(work, argv[3])
        return 0
    if command == "label":
        print(QUESTIONS[argv[3]]["label"])
        return 0
    if command == "check":
        return check(work, argv[3])
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
