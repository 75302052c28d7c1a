"""The `collabrel evidence` commands: suggest evidence from documents, and accept it into a plan.

`collabrel evidence suggest PLAN DOCS... [--standard NAME] [--top-k N] [--ranker RANKER]
[-o OUT]` reads the documents (files, folders, globs) and suggests, per requirement of the
standard, the passages that may evidence it (`collabrel.evidence.suggest`, the plan giving the
wording of the reasons). A document that cannot be read is a warning on stderr, and the others
are read. OUT's suffix chooses what is written:

- `.html`: a self-contained reviewer page. Per requirement its suggestions, the matched words
  highlighted, each with accept and reject buttons; a small inline script writes the choices
  as a register file, `evidence.json`, offered for download (a JSON list of `EvidenceLink`
  data: status, and the reviewer and day if given on the page);
- `.json`: the suggestions' records (`EvidenceSuggestions.to_records`);
- no `-o`: a text summary on stdout (`--json`: the records).

`collabrel evidence accept PLAN REGISTER [--standard NAME] [--by PERSON] [--on DATE]
[-o OUT]` reads a register file (a JSON list of link data, as the page writes, or suggested
links) and writes the plan with the links in its evidence register (`plan.evidence`): a
suggested link is accepted by `--by` on `--on` (default today); a link already judged keeps
its status and gains `--by` and `--on` where it names no reviewer or day. A link for the same
requirement, document and passage as one already in the register replaces it. The plan is
saved atomically to OUT (its suffix gives the format), which may be PLAN only when named
explicitly; without `-o` the plan is printed on stdout in PLAN's format.

Every problem of the register is reported at once, each with its entry's path
(`register[3].requirement`); a reviewer who is not a person of the plan is refused.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

import collabrel._cli_io as cli_io
from collabrel._cli_options import Commands, _iso_date, add_output, add_standard, today
from collabrel._text import plural
from collabrel.conformance import catalogue
from collabrel.errors import CollabrelError, DocumentError, Problem
from collabrel.model import EvidenceLink, RelationshipManagementPlan
from collabrel.model._evidence import EvidenceStatus
from collabrel.report import _outline as outline
from collabrel.report._render import html_page, wrap
from collabrel.serialization import dump, dumps, from_data, to_data
from collabrel.serialization._save import write_atomically

if TYPE_CHECKING:
    from collabrel.evidence import EvidenceSuggestion, EvidenceSuggestions, Passage

__all__ = ["add_evidence"]

_RANKERS: Final = ("bm25", "bm25+embed")
"""The `--ranker` choices (`collabrel.evidence.RANKERS`, not imported: the extra may be absent)."""
_REGISTER: Final = "register"
"""How the register file's entries are named in messages: `register[3].requirement`."""
_PLAN_FORMATS: Final = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}

_PAGE_CSS: Final = """<style>
blockquote.passage { margin: .3rem 0; padding: .2rem .7rem; border-left: 3px solid #e0e0e0; }
div.suggestion { margin: .6rem 0; }
p.review label { margin-right: 1rem; }
</style>"""
_PAGE_SCRIPT: Final = """<script>
document.getElementById("download").addEventListener("click", function () {
  var links = JSON.parse(document.getElementById("links").textContent);
  var by = document.getElementById("by").value.trim();
  var on = document.getElementById("on").value;
  var register = [];
  links.forEach(function (link, i) {
    var chosen = document.querySelector('input[name="s' + i + '"]:checked');
    if (!chosen) { return; }
    link.status = chosen.value;
    if (by) { link.reviewed_by = by; }
    if (on) { link.reviewed_on = on; }
    register.push(link);
  });
  var blob = new Blob([JSON.stringify(register, null, 2) + "\\n"], {type: "application/json"});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "evidence.json";
  document.body.appendChild(a);
  a.click();
  a.remove();
  document.getElementById("count").textContent = register.length + " links written";
});
</script>"""


def add_evidence(commands: Commands) -> None:
    """Add `evidence suggest` and `evidence accept` to the CLI's sub-commands."""
    evidence = commands.add_parser(
        "evidence",
        help="suggest evidence in documents; add it to a plan",
        description="Suggest, per requirement, the passages of documents (DOCX, PDF, Markdown,"
        " text) that may evidence it, and record a reviewer's choices in the plan's evidence"
        " register. Needs the evidence extra: pip install 'collabrel[evidence]'.",
    )
    actions = evidence.add_subparsers(dest="action", required=True, metavar="ACTION")
    suggest_ = actions.add_parser(
        "suggest",
        help="suggest passages of documents as evidence of each requirement",
        description="Read the documents and suggest, per requirement, the passages that may"
        " evidence it: a reviewer page (-o FILE.html), the records (-o FILE.json) or a text"
        " summary.",
    )
    suggest_.add_argument("plan", type=Path, metavar="PLAN", help="the plan the evidence is for")
    suggest_.add_argument(
        "docs", nargs="+", metavar="DOCS", help="the documents: files, folders or globs"
    )
    add_standard(suggest_, "whose requirements to suggest evidence for")
    suggest_.add_argument(
        "--top-k",
        type=_count,
        default=3,
        metavar="N",
        help="the most suggestions per requirement (default: 3)",
    )
    suggest_.add_argument(
        "--ranker",
        choices=_RANKERS,
        default="bm25",
        help="BM25 alone, or BM25 with the embedding re-rank of the evidence-embed extra"
        " (default: bm25)",
    )
    add_output(
        suggest_,
        "write a reviewer page (.html) or the suggestions' records (.json) instead of a summary",
    )
    suggest_.set_defaults(command=_suggest)
    accept_ = actions.add_parser(
        "accept",
        help="add the links of a register file to a plan's evidence register",
        description="Read a register file (a JSON list of evidence links, as the reviewer page"
        " writes) and write the plan with the links in its evidence register. Suggested links"
        " are accepted by --by on --on.",
    )
    accept_.add_argument("plan", type=Path, metavar="PLAN", help="the plan to add the links to")
    accept_.add_argument("register", type=Path, metavar="REGISTER", help="the register file")
    add_standard(accept_, "whose requirements the links are for")
    accept_.add_argument(
        "--by",
        default=None,
        metavar="PERSON",
        help="the reviewer, a person of the plan, for links that name none",
    )
    accept_.add_argument(
        "--on",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day of the review, for links that name none (default: today)",
    )
    add_output(
        accept_,
        "write the plan to PATH (its suffix gives the format; PLAN itself only if named);"
        " default: print it",
    )
    accept_.set_defaults(command=_accept)
    for action in actions.choices.values():  # `evidence --json ACTION` and `ACTION --json`
        action.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS,
            help="print machine-readable JSON (errors: one JSON object on stderr)",
        )


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of at least 1 (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return value


# ----------------------------------------------------------------------------- suggest


def _suggest(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if output is not None and output.suffix.lower() not in (".html", ".htm", ".json"):
        msg = f"-o {output}: write a reviewer page (.html) or the records (.json)"
        raise CollabrelError(msg)
    plan = cli_io.read_plan(args.plan, None)
    try:
        from collabrel.evidence import load_documents, suggest  # noqa: PLC0415 - an extra
        from collabrel.evidence._register import link  # noqa: PLC0415

        documents = load_documents(cli_io.expand(args.docs, None))
        for problem in documents.problems:
            sys.stderr.write(f"collabrel: warning: {problem}\n")
        if not documents.documents:
            raise CollabrelError("no document could be read")
        found = suggest(args.standard, documents, top_k=args.top_k, ranker=args.ranker, plan=plan)
    except ImportError as exc:
        raise CollabrelError(str(exc)) from None
    records = found.to_records()
    if output is None:
        if args.json:
            cli_io.print_json(records)
        else:
            sys.stdout.write(_summary(found, len(documents.documents)))
        return cli_io.EXIT_OK
    count = len(records)
    if output.suffix.lower() == ".json":
        payload = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        links = [
            to_data(link(s, documents=documents)) for rid in found for s in found.suggestions[rid]
        ]
        payload = _page(found, links, args.plan)
    write_atomically(output, payload.encode("utf-8"))
    cli_io.wrote(
        output,
        f"{count} suggestions for {found.catalogue}",
        as_json=args.json,
        suggestions=count,
        standard=found.catalogue,
    )
    return cli_io.EXIT_OK


def _where(passage: Passage) -> str:
    """`document, location` of a passage."""
    return f"{passage.document}, {passage.location.describe()}"


def _summary(found: EvidenceSuggestions, documents: int) -> str:
    """The suggestions in words: per requirement with any, each passage and its matched terms."""
    titles = {r.id: r.title for r in catalogue(found.catalogue)}
    head = (
        f"Suggestions for {found.catalogue} ({found.method}) from"
        f" {plural(found.passages, 'passage')} of {plural(documents, 'document')}:"
    )
    lines = [head]
    with_any = 0
    for rid, items in found.suggestions.items():
        if not items:
            continue
        with_any += 1
        lines.append(wrap(f"{rid}: {titles.get(rid, '')}", hang=2))
        for s in items:
            lines.append(wrap(f"  {s.rank}. {_where(s.passage)} (score {s.score:.2f})", hang=5))
            if s.matched_terms:
                lines.append(wrap(f"     matched: {', '.join(s.matched_terms)}", hang=5))
    lines.append(f"{with_any} of {len(found)} requirements have suggestions.")
    return "\n".join(lines) + "\n"


def _page(found: EvidenceSuggestions, links: list[object], plan: Path) -> str:
    """The reviewer page: `html_page`'s with the suggestions, their buttons and the script."""
    titles = {r.id: r.title for r in catalogue(found.catalogue)}
    title = f"Evidence suggestions for {found.catalogue}"
    intro = (
        f"Suggestions from {found.passages} passages ({found.method}, up to {found.top_k} per"
        f" requirement) for the plan {plan.name}. Accept or reject each, then download the"
        " register file and add it to the plan with: collabrel evidence accept PLAN"
        " evidence.json"
    )
    blocks: list[outline.Block] = [
        outline.Heading(1, (outline.plain(title),)),
        outline.Para((outline.plain(intro),)),
    ]
    controls = (
        '<p class="review"><label>Reviewer (a person of the plan) <input id="by"'
        ' size="16"></label><label>Reviewed on <input id="on" type="date"></label>'
        '<button type="button" id="download">Download evidence.json</button>'
        ' <span id="count"></span></p>'
    )
    sections = [controls]
    n = 0
    for rid, items in found.suggestions.items():
        if not items:
            continue
        parts = [f"<h3>{html.escape(rid)}: {html.escape(titles.get(rid, ''))}</h3>"]
        for s in items:
            parts.append(_suggestion(s, n))
            n += 1
        inner = "\n".join(parts)
        sections.append(f'<section class="finding" id="{html.escape(rid)}">\n{inner}\n</section>')
    data = json.dumps(links, ensure_ascii=False).replace("<", "\\u003c")
    tail = "\n".join(
        [
            *sections,
            "</main>",
            _PAGE_CSS,
            f'<script type="application/json" id="links">{data}</script>',
            _PAGE_SCRIPT,
        ]
    )
    return html_page(title, blocks).replace("</main>", tail, 1)


def _suggestion(s: EvidenceSuggestion, n: int) -> str:
    """One suggestion on the page: where, the highlighted passage, why, and its buttons."""
    why = "; ".join(str(r) for r in s.reasons)
    terms = ", ".join(s.matched_terms)
    buttons = "".join(
        f'<label><input type="radio" name="s{n}" value="{status.value}"> {verb}</label>'
        for status, verb in (
            (EvidenceStatus.ACCEPTED, "accept"),
            (EvidenceStatus.REJECTED, "reject"),
        )
    )
    lines = [
        '<div class="suggestion">',
        f'<p class="where">{s.rank}. {html.escape(_where(s.passage))} (score {s.score:.2f})</p>',
        f'<blockquote class="passage">{s.highlighted("html")}</blockquote>',
        f"<p>Matched: {html.escape(terms)}</p>" if terms else "",
        f"<p>Speaks to: {html.escape(why)}</p>" if why else "",
        f'<p class="review">{buttons}</p>',
        "</div>",
    ]
    return "\n".join(line for line in lines if line)


# ----------------------------------------------------------------------------- accept


def _accept(args: argparse.Namespace) -> int:
    plan_path: Path = args.plan
    output: Path | None = args.output
    plan = cli_io.read_plan(plan_path, None)
    if args.by is not None:
        _check_person(plan, args.by)
    links = _register(args.register, args)
    keys = {_key(item) for item in links}
    kept = [item for item in plan.evidence if _key(item) not in keys]
    try:
        updated = attrs.evolve(plan, evidence=[*kept, *links])
    except DocumentError as exc:
        raise DocumentError(_renamed(exc.problems, len(kept)), source=str(args.register)) from None
    accepted = sum(1 for item in links if item.is_accepted)
    detail = (
        f"{plural(len(links), 'link')} from {args.register}: {accepted} accepted,"
        f" {len(links) - accepted} rejected; {len(updated.evidence)} in the register"
    )
    if output is None and args.json:
        cli_io.print_json(to_data(updated))
        return cli_io.EXIT_OK
    if output is None:
        sys.stdout.write(dumps(updated, _PLAN_FORMATS.get(plan_path.suffix.lower(), "json")))
        return cli_io.EXIT_OK
    dump(updated, output)
    cli_io.wrote(output, detail, as_json=args.json, links=len(links), accepted=accepted)
    return cli_io.EXIT_OK


def _check_person(plan: RelationshipManagementPlan, person: str) -> None:
    """Refuse `--by` naming someone who is not a person of the plan."""
    people = [p.id for p in plan.relationship.people] if plan.relationship is not None else []
    if person not in people:
        known = ", ".join(people) or "none"
        msg = f"--by {person!r} is not a person of the plan (relationship.people: {known})"
        raise CollabrelError(msg)


def _key(item: EvidenceLink) -> tuple[str, str, str]:
    return (item.requirement, item.document, item.quote_sha256)


def _renamed(problems: Sequence[Problem], offset: int) -> list[Problem]:
    """The plan's problems with its new links' paths (`evidence[k]`) as the register's."""
    renamed = []
    for problem in problems:
        path = problem.path
        if path.startswith("evidence["):
            index, _, rest = path.removeprefix("evidence[").partition("]")
            if index.isdigit() and int(index) >= offset:
                path = f"{_REGISTER}[{int(index) - offset}]{rest}"
        renamed.append(Problem(path, problem.message))
    return renamed


def _register(path: Path, args: argparse.Namespace) -> list[EvidenceLink]:
    """The links of the register file, reviewed by `--by` on `--on` where they say no one.

    Raises:
        DocumentError: Listing every entry's problems, each with its path
            (`register[3].requirement`).
        CollabrelError: If the file is not JSON or not a list.
    """
    try:
        entries = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise CollabrelError(f"{path}: not a JSON register file ({exc})") from None
    if not isinstance(entries, list):
        kind = type(entries).__name__
        msg = f"{path}: a register file is a JSON list of evidence links (got a {kind})"
        raise CollabrelError(msg)
    known = frozenset(r.id for r in catalogue(args.standard))
    day: date = args.on if args.on is not None else today()
    problems: list[Problem] = []
    links: list[EvidenceLink] = []
    for i, entry in enumerate(entries):
        found = _entry(f"{_REGISTER}[{i}]", entry, args, known, day)
        if isinstance(found, EvidenceLink):
            links.append(found)
        else:
            problems.extend(found)
    if problems:
        raise DocumentError(problems, source=str(path))
    return links


def _entry(
    where: str, entry: object, args: argparse.Namespace, known: frozenset[str], day: date
) -> EvidenceLink | list[Problem]:
    """One entry of the register as a link, reviewed where it says no one; else its problems."""
    if not isinstance(entry, dict):
        return [Problem(where, "expected an evidence link (a JSON object)")]
    data = dict(entry)
    requirement = data.get("requirement")
    if isinstance(requirement, str) and requirement not in known:
        return [
            Problem(f"{where}.requirement", f"no requirement {requirement!r} in {args.standard}")
        ]
    if data.get("status", EvidenceStatus.SUGGESTED.value) == EvidenceStatus.SUGGESTED.value:
        data["status"] = EvidenceStatus.ACCEPTED.value
    if data.get("reviewed_by") is None:
        if args.by is None:
            return [Problem(f"{where}.reviewed_by", "names no reviewer: give --by PERSON")]
        data["reviewed_by"] = args.by
    if data.get("reviewed_on") is None:
        data["reviewed_on"] = day.isoformat()
    try:
        return from_data(data, EvidenceLink)
    except DocumentError as exc:
        return [Problem(f"{where}.{p.path}" if p.path else where, p.message) for p in exc.problems]
