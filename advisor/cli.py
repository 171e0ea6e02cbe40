"""Command line: parse, call the Advisor, format. Errors become messages and exit codes in one place."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import yaml
from pydantic import ValidationError

from advisor.errors import AdvisorError, ConfigError, error_body
from advisor.evaluation.questions import Source
from advisor.schema import Answer, Turn

if TYPE_CHECKING:
    from advisor.core import Advisor

FILE_PROBLEM = 8  # not 1: `make index` treats 1 as "some guides skipped, the rest indexed"
SIGPIPE_EXIT = 141  # what a shell reports for a tool stopped by a closed pipe (128 + SIGPIPE)


def _advisor(args: argparse.Namespace) -> Advisor:
    from advisor.factory import build_advisor

    if getattr(args, "corpus", None):
        return build_advisor(corpus_dir=Path(args.corpus))
    return build_advisor()


def _one_question(args: argparse.Namespace) -> Advisor:
    """An advisor for a command that answers once and exits: it skips the per-revision matrices (heading
    and chunk vectors) a server prepares on a background thread, which would only compete with its answer."""
    adv = _advisor(args)
    adv.retriever.background = False
    return adv


@contextlib.contextmanager
def _starting() -> Iterator[None]:
    """Pause the cycle collector while torch, transformers and chromadb import and the model loads.

    They allocate millions of objects, none of them garbage, and the collector's hundreds of passes over
    them cost about a second of each cold start (`time advisor ask ...`, with and without). Afterwards
    the survivors are frozen, so later collections (during requests) no longer walk them either.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def cmd_ingest(args: argparse.Namespace) -> int:
    adv = _advisor(args)
    report = adv.ingest(progress=sys.stderr.isatty() or args.progress)
    for path, reason in report.failures:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    for path, found in report.flagged:
        print(f"flagged {path}: {found} (indexed; such sentences are never quoted)", file=sys.stderr)
    print(report.summary())
    # Exit 1 tells scripts that some files failed although the rest were indexed.
    return 1 if report.failures else 0


def cmd_retrieve(args: argparse.Namespace) -> int:
    with _starting():
        passages = _one_question(args).retrieve(args.question, k=args.k)
    if args.json:
        print(json.dumps([p.to_dict() for p in passages], indent=2, ensure_ascii=False))
        return 0
    for i, p in enumerate(passages, 1):
        print(f"[{i}] {p.label}  ({p.byline}; score {p.score:.4f}; id {p.chunk_id})")
        print("    " + " ".join(p.text.split())[:400])
        print()
    return 0


def _print_answer(answer: Answer, streamed: bool) -> None:
    if not streamed:
        print(answer.text)
    if answer.label:
        print(f"\n[{answer.label}]")
    if answer.notice:
        print(f"\n({answer.notice})")
    if answer.figures:
        print("\nFigures:")
        for f in answer.figures:
            print(f"  {f.label}")
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            p = c.passage
            print(f"  [{c.n}] {p.label} — {p.byline}" + (f" <{p.url}>" if p.url else ""))


def _profile(values: list[str] | None) -> dict[str, str]:
    """--profile field=value (repeatable), or one JSON object, or a path to a JSON file holding one."""
    out: dict[str, str] = {}
    for value in values or []:
        if "=" in value and not value.lstrip().startswith("{"):
            key, _, text = value.partition("=")
            out[key.strip()] = text.strip()
            continue
        raw = Path(value).read_text("utf-8") if not value.lstrip().startswith("{") else value
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("--profile JSON must be an object, e.g. {\"education\": \"BSc physics\"}")
        out.update(data)
    return out


def cmd_ask(args: argparse.Namespace) -> int:
    with _starting():
        answer = _one_question(args).ask(args.question, None, _profile(args.profile))
    if args.json:
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_answer(answer, streamed=False)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    adv = _advisor(args)
    plan = adv.plan(adv.check_profile(_profile(args.profile)))
    text = plan.to_html() if args.html else plan.to_markdown()
    if args.out:
        Path(args.out).write_text(text, "utf-8")
        print(f"plan with {len(plan.steps)} steps written to {args.out}")
    else:
        print(text, end="")
    return 0 if plan.steps else 1


def cmd_chat(args: argparse.Namespace) -> int:
    adv = _advisor(args)
    profile = adv.check_profile(_profile(args.profile))  # checked once, before the first question
    history: list[Turn] = []
    print("Ask a career question (empty line or Ctrl-D to quit, /new to start over).")
    while True:
        try:
            question = input("\nyou> ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        if question == "/new":
            history.clear()
            continue
        print("advisor> ", end="", flush=True)
        answer = None
        try:
            for piece in adv.stream(question, adv.fit_history(history), profile):  # a long chat keeps its latest turns
                if isinstance(piece, Answer):
                    answer = piece
                else:
                    print(piece, end="", flush=True)
        except AdvisorError as exc:  # a bad question ends the turn, not the conversation
            print(f"\nerror: {exc}")
            continue
        print()
        if answer:
            _print_answer(answer, streamed=True)
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]


def cmd_feedback_export(args: argparse.Namespace) -> int:
    text = _advisor(args).feedback.export(args.format)
    if args.out:
        Path(args.out).write_text(text, "utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    adv = _advisor(args)
    report = adv.gaps(days=args.days, min_count=args.min_count, limit=args.limit, similarity=args.similarity)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    if not report.logging:
        print("note: the gap log is off (ADVISOR_GAP_LOG=false): no new questions are being recorded.",
              file=sys.stderr)
    if not report.total:
        print(f"No questions logged in the last {report.days} days: nothing declined, partly covered or rated "
              "down" + (" was recorded." if report.logging else "."))
        return 0
    print(f"{report.total} logged question(s) in the last {report.days} days, {report.groups} topic(s); "
          f"showing {len(report.topics)} (asked at least {args.min_count} time(s)), most asked first:")
    for t in report.topics:
        why = ", ".join(f"{n} {r.replace('_', ' ')}" for r, n in t.reasons.items())
        print(f"\n{t.count:>5}  {t.label}\n       ({why})")
        for example in t.examples:
            print(f"       - {example}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from advisor.serve.app import serve

    with _starting():
        adv = _advisor(args)
        with contextlib.suppress(AdvisorError):  # no index yet: the first request says how to build one
            adv.warm_up()  # the model and the corpus statistics are ready before the first user waits
    serve(adv, host=args.host, port=args.port)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from advisor.config import get_settings
    from advisor.doctor import run_doctor

    settings = get_settings()
    if args.corpus:
        settings = settings.model_copy(update={"corpus_dir": Path(args.corpus)})
    checks = run_doctor(settings)
    for check in checks:
        print(check.line())
    problems = [c for c in checks if not c.ok]
    print("all checks passed" if not problems
          else f"{len(problems)} problem(s); fix them and run `advisor doctor` again")
    return problems[0].exit_code if problems else 0


def _positive(value: str) -> int:
    n = int(value) if value.strip().isdigit() else 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1 (got {value!r})")
    return n


def _similarity(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not 0 < x <= 1:
        raise argparse.ArgumentTypeError(f"must be a number above 0 and at most 1 (got {value!r})")
    return x


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def cmd_eval(args: argparse.Namespace) -> int:
    from advisor.evaluation.paths import questions_dir, reports_dir
    from advisor.evaluation.questions import SPLITS
    from advisor.evaluation.run import run_eval, with_distractors
    from advisor.factory import build_advisor

    questions = questions_dir(_path(args.questions))
    splits = SPLITS if args.split == "both" else (args.split,)
    with contextlib.ExitStack() as stack:
        adv = build_advisor()  # (--corpus here adds folders; it does not replace the guides)
        if args.corpus:  # the guides among other folders' chunks, in a temporary index
            adv = stack.enter_context(with_distractors(adv, [Path(c) for c in args.corpus]))
        print(run_eval(adv, questions, reports_dir(questions, _path(args.out)),
                       answers=not args.retrieval_only, splits=splits, sources=tuple(args.source or ())))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from advisor.evaluation.bench import run_bench, write_report
    from advisor.evaluation.paths import questions_dir
    from advisor.factory import build_advisor

    if args.security:
        from advisor.evaluation.reliability import run_reliability

        report, held = run_reliability(
            Path.cwd(), Path(args.out or "docs/reliability.md"),
            load=(args.clients, 60 * (args.load_minutes if args.load_minutes is not None else 2.0)),
            soak=(args.soak_clients, 60 * (args.soak_minutes if args.soak_minutes is not None else 15.0),
                  60 * args.warmup_minutes), questions=_path(args.questions))
        print(report)
        return 0 if held else 1
    out = Path(args.out or "eval/reports")
    quick = args.quick
    result = run_bench(build_advisor(), questions_dir(_path(args.questions)),
                       queries=args.queries or (20 if quick else 200), quick=quick,
                       corpora=[Path(c) for c in args.corpus or []],
                       load_seconds=args.load_seconds or (1.0 if quick else 15.0))
    print(write_report(result, out))
    print(f"\n(JSON and Markdown written to {out}/bench.json and bench.md)")
    return 0


PROFILE_HELP = ("who you are, repeatable: education='BSc physics' current='teacher' (fields: current, education, "
                "experience, target, country, constraints), or a JSON object or file")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="advisor", description="Offline career advisor over a corpus of guides.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="build or update the index from the corpus folder")
    p.add_argument("--corpus", help="corpus folder (default: ADVISOR_CORPUS_DIR or corpus/)")
    p.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("retrieve", help="show the passages retrieved for a question")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--json", action="store_true", help="print passages as JSON")
    p.set_defaults(func=cmd_retrieve)

    p = sub.add_parser("ask", help="answer a question from the guides, with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print {answer, refused, citations, follow_ups} as JSON")
    p.add_argument("--profile", action="append", metavar="FIELD=VALUE|JSON|FILE", help=PROFILE_HELP)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("plan", help="an ordered, cited plan from the guides' step-by-step sections")
    p.add_argument("--profile", action="append", metavar="FIELD=VALUE|JSON|FILE", help=PROFILE_HELP)
    p.add_argument("--out", help="write the plan to this file (default: print it)")
    p.add_argument("--html", action="store_true", help="a printable HTML page instead of Markdown")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("chat", help="an interactive conversation in the terminal")
    p.add_argument("--profile", action="append", metavar="FIELD=VALUE|JSON|FILE", help=PROFILE_HELP)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("serve", help="start the web app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("feedback", help="work with stored thumbs up/down")
    fsub = p.add_subparsers(dest="feedback_command", required=True)
    p = fsub.add_parser("export", help="write all feedback as CSV or JSON Lines")
    p.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_feedback_export)

    p = sub.add_parser("gaps", help="questions the guides missed (declined, partly covered, rated down), by topic")
    p.add_argument("--days", type=_positive, help="only questions of the last N days (default: all kept, "
                   "ADVISOR_GAP_RETENTION_DAYS)")
    p.add_argument("--min-count", type=_positive, default=1, help="only topics asked at least N times (default 1)")
    p.add_argument("--limit", type=_positive, default=20, help="most topics shown (default 20)")
    p.add_argument("--similarity", type=_similarity,
                   help="how alike questions must be to share a topic, above 0 and at most 1 (higher: more, "
                   "narrower topics; default 0.5)")
    p.add_argument("--json", action="store_true", help="print {days, logging, total, groups, topics} as JSON")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("doctor", help="check the configuration, the data folder and the index; say how to fix them")
    p.add_argument("--corpus", help="corpus folder (default: ADVISOR_CORPUS_DIR or corpus/)")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("eval", help="measure retrieval and answer quality on eval/questions, dev and test splits")
    p.add_argument("--questions", help="folder of question files (default: the project's eval/questions/)")
    p.add_argument("--split", choices=["dev", "test", "both"], default="both", help="which split(s) to run")
    p.add_argument("--out", help="report folder (default: reports/ next to the questions folder)")
    p.add_argument("--retrieval-only", action="store_true", help="skip the (slower) answer evaluation")
    p.add_argument("--corpus", action="append", metavar="DIR",
                   help="also index this folder beside the guides, in a temporary index (repeatable): do the "
                   "guides' questions still find their passages among its chunks?")
    p.add_argument("--source", action="append", choices=list(get_args(Source)),
                   help="only questions from this source (repeatable; seed: the 69 the old system was tuned on; "
                        "blind-2: the second blind round of coach questions; blind-3 to blind-6: near-domain "
                        "and persona questions written blind after the fourth, fifth, seventh and eighth "
                        "answerability rounds; blind-8 and blind-9: answerable questions written by a helper "
                        "who read only the guides; blind-10: near-domain questions written blind)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="ingest, latency, load, cold start and memory against yardsticks in one run")
    p.add_argument("--queries", type=int, help="questions timed per latency row (default 200; 20 with --quick)")
    p.add_argument("--corpus", action="append", help="corpus folder to bench (repeat to combine several)")
    p.add_argument("--quick", action="store_true", help="two guides, a few queries, 1 s of load: for CI")
    p.add_argument("--load-seconds", type=float, help="seconds of load per client count (default 15)")
    p.add_argument("--security", action="store_true",
                   help="run the security and fault suites, then load and soak a served advisor, and write "
                   "the tried/held report")
    p.add_argument("--clients", type=int, default=64, help="--security: clients of the load run (default 64)")
    p.add_argument("--load-minutes", type=float, help="--security: minutes of the load run (default 2; 0 skips)")
    p.add_argument("--soak-clients", type=int, default=8, help="--security: clients of the soak (default 8)")
    p.add_argument("--soak-minutes", type=float, help="--security: minutes of the soak (default 15; 0 skips)")
    p.add_argument("--warmup-minutes", type=float, default=2.0,
                   help="--security: soak minutes before memory growth is counted (default 2)")
    p.add_argument("--out", help="where reports go (default eval/reports/ for bench.json and bench.md; "
                   "docs/reliability.md with --security)")
    p.add_argument("--questions", help="question folder to time (default: the project's eval/questions/)")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except AdvisorError as exc:
        return _fail(args, type(exc).__name__, str(exc), exc.exit_code)
    except BrokenPipeError:  # the reader went away ("| head"): stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not complain either
        return SIGPIPE_EXIT
    except ValidationError as exc:  # an ADVISOR_* variable with a bad value
        problems = "; ".join(f"ADVISOR_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        return _fail(args, "ConfigError", f"bad setting: {problems}", ConfigError.exit_code)
    except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:  # unreadable, unwritable or malformed files
        what = f"a field is missing: {exc}" if isinstance(exc, KeyError) else str(exc)
        return _fail(args, "FileProblem", what, FILE_PROBLEM)
    except KeyboardInterrupt:
        print("interrupted; re-run the same command to finish (it only does what is left)", file=sys.stderr)
        return 130


def _fail(args: argparse.Namespace, kind: str, message: str, code: int) -> int:
    """Say what is wrong on stderr; with --json also on stdout, in the API's error shape, so a script reads JSON."""
    print(f"error: {message}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps(error_body(kind, message, exit_code=code), ensure_ascii=False))
    return code


if __name__ == "__main__":
    sys.exit(main())
