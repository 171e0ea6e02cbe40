"""Corpus files -> cleaned SourceDocs -> Chunks. Reads files; loads no model and opens no database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from advisor.chunking import chunk_document
from advisor.clean import clean_markdown, strip_mdx
from advisor.errors import CorpusError
from advisor.poison import planted_kinds
from advisor.schema import Chunk, SourceDoc
from advisor.urls import normal_url

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".txt": "text",
             ".html": "html", ".htm": "html"}
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
# LICENSE, SOURCE.txt, REMOVED_STUBS.txt...: files about the corpus, not guides in it.
META_FILE = re.compile(r"^[A-Z][A-Z0-9_-]*(\.txt)?$")
MAX_FILE_BYTES = 5_000_000


class LoadError(Exception):
    """One file could not be used; the message is the reason shown to the user."""


@dataclass
class Corpus:
    """The result of reading a corpus folder: good documents and the files that failed."""

    docs: list[SourceDoc] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (path, kinds of text aimed at an assistant)

    def chunks(self, max_chars: int) -> list[Chunk]:
        return [c for d in self.docs for c in chunk_document(d, max_chars=max_chars)]


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise LoadError("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); re-save it as UTF-8") from None


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict):
        # Hand-written front matter is often not strict YAML ("title:Switch", tabs): read key: value lines.
        pairs = re.findall(r"^\s*([A-Za-z_][\w-]*)\s*:[ \t]*(.*?)\s*$", m.group(1), re.M)
        if not pairs:
            raise LoadError("front matter is neither YAML nor 'key: value' lines")
        meta = {k: v.strip("'\"") for k, v in pairs}
    return meta, text[m.end():]


def _as_of(value: object) -> str:
    """Front matter `as_of` as text: "2024", 2024 and 2024-05-01 (YAML reads a date) all work; absent is ""."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return " ".join(text.split())[:40]  # a date, not a paragraph: hand-written front matter can hold anything


def html_to_markdown(html: str) -> tuple[str, str]:
    """Main text of an HTML page as Markdown (headings, paragraphs, lists, tables); returns (md, title)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
                     "form", "iframe", "button", "img"]):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[str] = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote"]):
        if el.find_parent(["li", "pre", "blockquote"]) and el.name != "li":
            continue  # text inside a list item or quote is taken with its container
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        if el.name[0] == "h":
            lines.append(f"{'#' * int(el.name[1])} {text}")
        elif el.name == "li":
            depth = len(el.find_parents(["ul", "ol"])) - 1
            lines.append(f"{'  ' * max(depth, 0)}- {text}")
            continue
        elif el.name == "tr":
            cells = [" ".join(c.get_text(' ', strip=True).split()) for c in el.find_all(["td", "th"])]
            lines.append("| " + " | ".join(cells) + " |")
            continue
        elif el.name == "pre":
            lines.append("```\n" + el.get_text() + "\n```")
        else:
            lines.append(text)
        lines.append("")
    md = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return md, title


def _folder_source(path: Path, root: Path) -> dict[str, str]:
    """Attribution from the nearest SOURCE.txt ('repo: URL' lines) between the file and the corpus root."""
    for folder in [path.parent, *path.parent.parents]:
        src = folder / "SOURCE.txt"
        if src.is_file():
            fields = dict(
                (k.strip(), v.strip()) for k, _, v in
                (line.partition(":") for line in src.read_text("utf-8", "replace").splitlines()) if v
            )
            repo = fields.get("repo", "")
            return {"url": repo, "publisher": repo.rstrip("/").split("github.com/")[-1] if repo else ""}
        if folder == root:
            break
    return {}


def doc_id_for(path: Path, root: Path) -> str:
    """Stable id from the path inside the corpus (without suffix)."""
    rel = path.relative_to(root).with_suffix("").as_posix()
    return re.sub(r"[^A-Za-z0-9/_.-]+", "-", rel)


def load_document(path: Path, root: Path) -> SourceDoc:
    """Read and clean one file, or raise LoadError saying why it cannot be used."""
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise LoadError(f"unsupported file type '{path.suffix or '(none)'}' (use .md, .txt or .html)")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("empty file")
    if size > MAX_FILE_BYTES:
        raise LoadError(f"file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,}); split it into guides")
    text = _decode(path.read_bytes())
    flags = tuple(planted_kinds(text))  # before cleaning removes comments and invisible characters
    meta: dict[str, object] = {}
    html_title = ""
    if kind == "markdown":
        meta, text = _front_matter(text)
        if path.suffix.lower() == ".mdx":
            text = strip_mdx(text)
    elif kind == "html":
        text, html_title = html_to_markdown(text)
    body, found_url = clean_markdown(text, detect=(kind == "text"))
    if len(re.sub(r"[\s#>*_-]+", "", body)) < 20:
        raise LoadError("no readable text left after cleaning")
    h1 = re.search(r"^# (.+)$", body, re.M)
    folder = _folder_source(path, root)
    title = str(meta.get("title") or (h1.group(1).strip() if h1 else "") or html_title or path.stem)
    return SourceDoc(
        doc_id=doc_id_for(path, root),
        title=title,
        text=body,
        publisher=str(meta.get("publisher") or folder.get("publisher") or "unknown"),
        url=normal_url(str(meta.get("url") or found_url or folder.get("url") or "")),
        flags=flags,
        as_of=_as_of(meta.get("as_of")),
    )


def iter_files(root: Path) -> Iterator[Path]:
    """Candidate files under root, sorted, skipping hidden paths and corpus metadata files."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if META_FILE.match(path.name):
            continue
        yield path


def read_corpus(root: Path) -> Corpus:
    """Load every file under root; failures are collected with reasons, never fatal on their own."""
    if not root.is_dir():
        raise CorpusError(f"Corpus folder '{root}' does not exist. Set ADVISOR_CORPUS_DIR or pass --corpus DIR.")
    corpus = Corpus()
    for path in iter_files(root):
        try:
            corpus.docs.append(load_document(path, root))
            if corpus.docs[-1].flags:
                corpus.flagged.append((path.relative_to(root).as_posix(), ", ".join(corpus.docs[-1].flags)))
        except LoadError as exc:
            corpus.failures.append((path.relative_to(root).as_posix(), str(exc)))
        except OSError as exc:
            corpus.failures.append((path.relative_to(root).as_posix(), f"unreadable: {exc.strerror or exc}"))
    if not corpus.docs and not corpus.failures:
        raise CorpusError(f"Corpus folder '{root}' holds no guides (.md, .txt or .html files).")
    return corpus
