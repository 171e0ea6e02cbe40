"""The answer before in fewer sentences, for "shorter pls" or "say that in 2 sentences", or only its figures."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.citations import LIST_PREFIX, META_LINE, split_claims
from advisor.figures import VALUE
from advisor.schema import Citation

# A row of a table of figures ("Senior: US$ 208,000") is shorter than this: the rows and their lead-in are one point.
ROW_LENGTH = 80


def shortened(text: str, lead: str, citations: Sequence[Citation], sentences: int,
              figured: bool = False) -> tuple[str, tuple[Citation, ...]]:
    """The first `sentences` cited points of an answer's text after its lead, numbered afresh, and the citations
    they use. A point is a sentence or list item (quoted as a sentence), or a table of figures under its lead-in;
    framing lines and other lead-ins are left out. figured: only the points that give a figure."""
    body = text.split(lead, 1)[1] if lead and lead in text else text
    by_n = {c.n: c.passage for c in citations}
    points: list[list[tuple[str, tuple[int, ...], bool]]] = []  # each: (claim, markers, a row of figures)
    lead_in: tuple[str, tuple[int, ...]] | None = None
    for line in body.splitlines():
        if not line.strip() or META_LINE.match(line) or line.lstrip().startswith("#"):
            continue
        item = LIST_PREFIX.match(line) is not None
        for claim, markers in split_claims(LIST_PREFIX.sub("", line)):
            if not markers or not all(m in by_n for m in markers):
                continue
            if claim.endswith(":"):
                lead_in = (claim, markers)
                continue
            row = item and len(claim) < ROW_LENGTH and VALUE.search(claim) is not None
            if row and points and points[-1][-1][2]:
                points[-1].append((claim, markers, True))
            elif row and lead_in is not None:
                points.append([(*lead_in, False), (claim, markers, True)])
            else:
                points.append([(claim, markers, False)])
            if not row:
                lead_in = None
    kept = [p for p in points if not figured or any(VALUE.search(c) for c, _, _ in p)][:sentences]
    new: dict[int, int] = {}
    for point in kept:
        for _, markers, _ in point:
            for m in markers:
                new.setdefault(m, len(new) + 1)

    def cited(claim: str, markers: tuple[int, ...]) -> str:
        return f"{claim} " + " ".join(f"[{new[m]}]" for m in markers)

    # Sentences run on; a table stands on lines of its own.
    blocks = ["\n".join(("- " if row else "") + cited(c, ms) for c, ms, row in point) if len(point) > 1
              else cited(point[0][0], point[0][1]) for point in kept]
    out = "".join(b if i == 0 else ("\n" if "\n" in b or "\n" in blocks[i - 1] else " ") + b
                  for i, b in enumerate(blocks))
    return out.strip(), tuple(Citation(n, by_n[m]) for m, n in new.items())
