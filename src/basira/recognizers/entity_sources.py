"""Designated-entity data: the bundled YAML, operator CSV files and FollowTheMoney (OpenSanctions) entities.

Not a recogniser: ``entities.py`` builds its matcher from the records loaded here, and ``basira entities``
lists, shows and checks them. Every record keeps its provenance: which list names it, in which
jurisdiction, since when (when known) and with which source reference. Nothing here judges an entity;
it only records who listed it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from basira.normalize import normalize_plain
from basira.recognizers.lexicon import load_yaml_text

DATA_DIR = Path(__file__).parent / "data"
BUNDLED_FILE = DATA_DIR / "entities.yaml"

KNOWN_JURISDICTIONS = ("un", "us", "eu", "uk")
NAME_FORMS = ("self_name", "pejorative", "neutral")
ENTITY_KINDS = ("organization", "person")
STATUSES = ("active", "revoked")
OPERATOR_COLUMNS = ("id", "name", "aliases", "list", "jurisdiction", "listed", "ref")
FTM_SCHEMAS = {"Organization": "organization", "LegalEntity": "organization", "Person": "person"}
# OpenSanctions dataset names → (list name, jurisdiction). Unknown datasets keep their own name and take
# the jurisdiction from their country prefix ("gb_" → uk).
FTM_DATASETS: Mapping[str, tuple[str, str]] = {
    "un_sc_sanctions": ("UN-SC", "un"),
    "us_ofac_sdn": ("US-OFAC-SDN", "us"),
    "us_ofac_cons": ("US-OFAC-CONS", "us"),
    "eu_fsf": ("EU-FSF", "eu"),
    "eu_journal_sanctions": ("EU-OJ", "eu"),
    "gb_hmt_sanctions": ("UK-HMT", "uk"),
    "gb_fcdo_sanctions": ("UK-FCDO", "uk"),
    "gb_proscribed_orgs": ("UK-PROSCRIBED", "uk"),
}
# A single generic word is never an entity name on its own (e.g. "كتائب" = brigades, "القاعدة" = the
# base/rule, "حماس" without context = enthusiasm is handled by its own restrictions in the bundled data).
_GENERIC_AR = (
    "كتائب كتيبة لواء ألوية سرايا سرية حركة جماعة تنظيم حزب الدولة دولة الجبهة جبهة القاعدة قاعدة "
    "الجيش جيش المقاومة مقاومة الشباب أنصار جند جنود الله الإسلام المجاهدين المجاهدون مجاهدين الخلافة "
    "الولاية ولاية مؤسسة المنظمة منظمة"
)
_GENERIC_EN = (
    "state base front army movement brigade brigades group party resistance organization organisation "
    "the islamic jihad network battalion council"
)
GENERIC_WORDS = frozenset(normalize_plain(w) for w in f"{_GENERIC_AR} {_GENERIC_EN}".split(" "))
MIN_TERM_LETTERS = 3
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ARABIC = re.compile(r"[\u0600-\u06ff]")


class EntitySourceError(ValueError):
    """A source file that cannot be used (missing columns, unreadable, invalid)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding of ``check``: ``error`` makes a file unusable, ``warning`` drops or flags one value."""

    where: str
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ListMembership:
    """One designation: which list, which jurisdiction, since when, and the source reference."""

    list: str
    jurisdiction: str
    listed: str | None = None
    ref: str | None = None
    status: str = "active"
    delisted: str | None = None
    source: str = "bundled"

    @property
    def active(self) -> bool:
        return self.status == "active"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "list": self.list,
            "jurisdiction": self.jurisdiction,
            "listed": self.listed,
            "ref": self.ref,
            "status": self.status,
        }
        if self.delisted:
            data["delisted"] = self.delisted
        if self.source != "bundled":
            data["source"] = self.source
        return data


@dataclass(frozen=True, slots=True)
class EntityName:
    """One surface form of an entity's name and how to treat it.

    ``form``: self_name (the group's own name), pejorative (mostly used by opponents) or neutral.
    ``ambiguous``: the phrase also has an ordinary meaning (history, religion, everyday words).
    ``allow_prefixes``/``allow_suffixes`` narrow the clitics the name profile allows (normalised);
    ``veto_next``/``veto_prev`` are neighbouring words that cancel a hit ("word*" matches a prefix).
    """

    term: str
    form: str = "neutral"
    ambiguous: bool = False
    case_sensitive: bool = False
    allow_prefixes: tuple[str, ...] | None = None
    allow_suffixes: tuple[str, ...] | None = None
    veto_next: tuple[str, ...] = ()
    veto_prev: tuple[str, ...] = ()

    @property
    def latin(self) -> bool:
        return not ARABIC.search(self.term)


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A designated organisation or person with its names and list memberships."""

    id: str
    name: str
    kind: str = "organization"
    names: tuple[EntityName, ...] = ()
    lists: tuple[ListMembership, ...] = ()
    name_ar: str | None = None
    parent: str | None = None
    leader_of: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ("bundled",)

    @property
    def active_lists(self) -> tuple[ListMembership, ...]:
        return tuple(m for m in self.lists if m.active)

    @property
    def list_names(self) -> list[str]:
        return sorted({m.list for m in self.active_lists})

    @property
    def jurisdictions(self) -> list[str]:
        return sorted({m.jurisdiction for m in self.active_lists})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_ar": self.name_ar,
            "kind": self.kind,
            "parent": self.parent,
            "leader_of": self.leader_of,
            "note": self.note,
            "names": [
                {"term": n.term, "form": n.form, "ambiguous": n.ambiguous, "case_sensitive": n.case_sensitive}
                for n in self.names
            ],
            "lists": [m.to_dict() for m in self.lists],
            "sources": list(self.sources),
        }


# ---------------------------------------------------------------------------------------------- helpers


def _date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _norm_words(words: Iterable[str], *, keep_empty: bool = False) -> tuple[str, ...]:
    normalised = (normalize_plain(w).strip() for w in words)
    return tuple(w for w in normalised if w or keep_empty)


def valid_date(value: str) -> bool:
    if not DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def term_problem(term: str, *, case_sensitive: bool = False) -> str | None:
    """Why ``term`` is unsafe as a name on its own (too short, one generic word), or None.

    A case-sensitive abbreviation (HTS) may be a single word, but never shorter than 3 letters.
    """
    norm = normalize_plain(term).strip()
    letters = [c for c in norm if c.isalnum()]
    if len(letters) < MIN_TERM_LETTERS:
        return f"name {term!r} is shorter than {MIN_TERM_LETTERS} letters"
    words = norm.split()
    if not case_sensitive and len(words) == 1 and words[0].strip("'’-") in GENERIC_WORDS:
        return f"name {term!r} is a single generic word"
    return None


def _auto_case_sensitive(term: str) -> bool:
    """Short all-capital Latin abbreviations (HTS, PIJ) only match as written."""
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and not ARABIC.search(term) and term.upper() == term and len(letters) <= 5


def _jurisdiction_for_dataset(dataset: str) -> str:
    prefix = dataset.split("_", 1)[0].lower()
    if prefix == "gb":
        return "uk"
    return prefix if len(prefix) == 2 else "other"


# ---------------------------------------------------------------------------------------------- bundled


def _affixes(raw: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    return _norm_words(_tuple(raw[key]), keep_empty=True) if key in raw else None


def _name_from_yaml(raw: Any, default_form: str) -> EntityName:
    if isinstance(raw, str):
        return EntityName(term=raw, form=default_form)
    if not isinstance(raw, Mapping) or "term" not in raw:
        raise EntitySourceError(f"E201: entity name must be a string or a mapping with 'term': {raw!r}")
    return EntityName(
        term=str(raw["term"]),
        form=str(raw.get("form", default_form)),
        ambiguous=bool(raw.get("ambiguous", False)),
        case_sensitive=bool(raw.get("case_sensitive", False)),
        allow_prefixes=_affixes(raw, "allow_prefixes"),
        allow_suffixes=_affixes(raw, "allow_suffixes"),
        veto_next=_norm_words(_tuple(raw.get("veto_next"))),
        veto_prev=_norm_words(_tuple(raw.get("veto_prev"))),
    )


def _membership_from_yaml(raw: Mapping[str, Any], source: str) -> ListMembership:
    return ListMembership(
        list=str(raw["list"]),
        jurisdiction=str(raw["jurisdiction"]).lower(),
        listed=_date(raw.get("listed")),
        ref=str(raw["ref"]) if raw.get("ref") else None,
        status=str(raw.get("status", "active")),
        delisted=_date(raw.get("delisted")),
        source=source,
    )


def load_bundled(path: str | Path = BUNDLED_FILE) -> list[EntityRecord]:
    """The YAML entity file: ``{derived_lists: {...}, entities: [{id, name, names, lists, ...}]}``.

    ``derived_lists`` adds a membership wherever a list implies another (e.g. the EU's Regulation
    881/2002 implements the UN ISIL/Al-Qaida list), so the data says it once.
    """
    data = load_yaml_text(Path(path).read_text(encoding="utf-8")) or {}
    derived: Mapping[str, list[Mapping[str, Any]]] = data.get("derived_lists") or {}
    records = []
    for raw in data.get("entities") or []:
        default_form = str(raw.get("default_form", "neutral"))
        lists = [_membership_from_yaml(m, "bundled") for m in raw.get("lists") or []]
        own = {m.list for m in lists}
        for membership in list(lists):
            for extra in derived.get(membership.list, []):
                if extra["list"] not in own:
                    lists.append(
                        ListMembership(
                            list=str(extra["list"]),
                            jurisdiction=str(extra["jurisdiction"]),
                            listed=None,
                            ref=f"{extra.get('ref', '')} (follows {membership.list})".strip(),
                            status=membership.status,
                            source="bundled",
                        )
                    )
                    own.add(str(extra["list"]))
        records.append(
            EntityRecord(
                id=str(raw["id"]),
                name=str(raw["name"]),
                kind=str(raw.get("kind", "organization")),
                names=tuple(_name_from_yaml(n, default_form) for n in raw.get("names") or []),
                lists=tuple(lists),
                name_ar=raw.get("name_ar"),
                parent=raw.get("parent"),
                leader_of=raw.get("leader_of"),
                note=raw.get("note"),
            )
        )
    return records


def validate_records(records: Sequence[EntityRecord], where: str = "entities") -> list[Problem]:
    """Consistency checks shared by every source (ids unique, known values, safe names)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    ids = {r.id for r in records}
    for record in records:
        at = f"{where}:{record.id}"
        if record.id in seen:
            problems.append(Problem(at, "error", "duplicate id"))
        seen.add(record.id)
        if record.kind not in ENTITY_KINDS:
            problems.append(Problem(at, "error", f"unknown kind {record.kind!r}"))
        if not record.names:
            problems.append(Problem(at, "error", "no names"))
        if not record.lists and not record.parent:
            problems.append(Problem(at, "error", "no list membership and no parent"))
        for ref in (record.parent, record.leader_of):
            if ref and ref not in ids:
                problems.append(Problem(at, "error", f"refers to unknown entity {ref!r}"))
        for name in record.names:
            if name.form not in NAME_FORMS:
                problems.append(Problem(at, "error", f"name {name.term!r}: unknown form {name.form!r}"))
            why = term_problem(name.term, case_sensitive=name.case_sensitive)
            if why:
                problems.append(Problem(at, "error", why))
        for m in record.lists:
            if m.status not in STATUSES:
                problems.append(Problem(at, "error", f"list {m.list}: unknown status {m.status!r}"))
            for value in (m.listed, m.delisted):
                if value and not valid_date(value):
                    problems.append(Problem(at, "error", f"list {m.list}: date {value!r} is not YYYY-MM-DD"))
            if m.jurisdiction not in KNOWN_JURISDICTIONS:
                problems.append(Problem(at, "warning", f"list {m.list}: jurisdiction {m.jurisdiction!r}"))
    return problems


# ---------------------------------------------------------------------------------------------- operator CSV


def read_operator_csv(path: str | Path) -> tuple[list[EntityRecord], list[Problem]]:
    """Operator CSV (columns id,name,aliases,list,jurisdiction,listed,ref; aliases ';'-separated).

    One row per (entity, list); rows with the same id merge. Returns the records and every problem;
    unsafe aliases are dropped with a warning, bad rows are skipped with an error.
    """
    path = Path(path)
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EntitySourceError(f"E202: cannot read {path}: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in OPERATOR_COLUMNS if c not in header]
    if missing:
        problems.append(Problem(str(path), "error", f"missing column(s): {', '.join(missing)}"))
        return [], problems
    merged: dict[str, dict[str, Any]] = {}
    for line_no, raw_row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw_row.items()}
        where = f"{path.name}:{line_no}"
        entity_id, name = row.get("id", ""), row.get("name", "")
        if not entity_id or not name:
            problems.append(Problem(where, "error", "id and name are required; row skipped"))
            continue
        if not re.match(r"^[A-Za-z0-9_.:-]+$", entity_id):
            problems.append(Problem(where, "error", f"id {entity_id!r} must be ASCII letters, digits, _.:-"))
            continue
        jurisdiction = row.get("jurisdiction", "").lower()
        list_name = row.get("list", "")
        listed = row.get("listed") or None
        if listed and not valid_date(listed):
            problems.append(Problem(where, "error", f"listed {listed!r} is not a valid YYYY-MM-DD date"))
            listed = None
        if not list_name or not jurisdiction:
            problems.append(Problem(where, "error", "list and jurisdiction are required; row skipped"))
            continue
        if jurisdiction not in KNOWN_JURISDICTIONS:
            problems.append(Problem(where, "warning", f"jurisdiction {jurisdiction!r} is not one of "
                                    f"{', '.join(KNOWN_JURISDICTIONS)} (kept)"))
        entry = merged.setdefault(entity_id, {"name": name, "terms": [], "lists": []})
        for term in [name, *[a.strip() for a in row.get("aliases", "").split(";")]]:
            if not term or term in entry["terms"]:
                continue
            why = term_problem(term, case_sensitive=_auto_case_sensitive(term))
            if why:
                problems.append(Problem(where, "warning", f"{why}; not used for matching"))
                continue
            entry["terms"].append(term)
        entry["lists"].append(
            ListMembership(list_name, jurisdiction, listed, row.get("ref") or None, source=f"operator:{path.name}")
        )
    records = [
        EntityRecord(
            id=entity_id,
            name=entry["name"],
            names=tuple(EntityName(t, case_sensitive=_auto_case_sensitive(t)) for t in entry["terms"]),
            lists=tuple(entry["lists"]),
            sources=(f"operator:{path.name}",),
        )
        for entity_id, entry in merged.items()
    ]
    for record in records:
        if not record.names:
            problems.append(Problem(f"{path.name}:{record.id}", "error", "no usable name; entity skipped"))
    return [r for r in records if r.names], problems


def load_operator_csv(path: str | Path) -> list[EntityRecord]:
    """Records from an operator CSV; raises ``EntitySourceError`` if the file has errors."""
    records, problems = read_operator_csv(path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise EntitySourceError("E203: " + "; ".join(str(p) for p in errors))
    return records


# ---------------------------------------------------------------------------------------------- FtM / OpenSanctions


def _iter_ftm(path: Path) -> Iterator[tuple[int, Any]]:
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from enumerate(json.loads(stripped), start=1)
        return
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield line_no, json.loads(line)


def read_ftm_entities(
    path: str | Path, *, topics: Sequence[str] = ("crime.terror",)
) -> tuple[list[EntityRecord], list[Problem]]:
    """FollowTheMoney entities (JSON Lines, or a JSON array): Organization, LegalEntity, Person.

    Only entities whose ``properties.topics`` contain one of ``topics`` are kept (all, if ``topics`` is
    empty). Names come from ``properties.name`` and ``properties.alias`` (``weakAlias`` is ignored: weak by
    definition); lists from ``datasets``.
    """
    path = Path(path)
    problems: list[Problem] = []
    records = []
    try:
        items = list(_iter_ftm(path))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EntitySourceError(f"E204: cannot read {path}: {exc}") from exc
    for line_no, item in items:
        where = f"{path.name}:{line_no}"
        if not isinstance(item, Mapping):
            problems.append(Problem(where, "error", "not a JSON object; skipped"))
            continue
        kind = FTM_SCHEMAS.get(str(item.get("schema")))
        if kind is None:
            continue
        props = item.get("properties") or {}
        entity_topics = set(_tuple(props.get("topics")))
        if topics and not entity_topics.intersection(topics):
            continue
        names = list(_tuple(props.get("name")))
        if not item.get("id") or not names:
            problems.append(Problem(where, "error", "entity without id or name; skipped"))
            continue
        terms: list[str] = []
        for term in [*names, *_tuple(props.get("alias"))]:
            term = unicodedata.normalize("NFC", term.strip())
            if not term or term in terms:
                continue
            why = term_problem(term, case_sensitive=_auto_case_sensitive(term))
            if why:
                problems.append(Problem(where, "warning", f"{why}; not used for matching"))
                continue
            terms.append(term)
        if not terms:
            problems.append(Problem(where, "warning", f"{names[0]!r}: no usable name; skipped"))
            continue
        memberships = []
        for dataset in _tuple(item.get("datasets")):
            list_name, jurisdiction = FTM_DATASETS.get(
                dataset, (dataset.upper(), _jurisdiction_for_dataset(dataset))
            )
            memberships.append(
                ListMembership(
                    list_name, jurisdiction, None, f"OpenSanctions {dataset}: {item['id']}",
                    source=f"ftm:{path.name}",
                )
            )
        if not memberships:
            problems.append(Problem(where, "warning", f"{names[0]!r}: no datasets; listed as FTM"))
            memberships.append(ListMembership("FTM", "other", None, str(item["id"]), source=f"ftm:{path.name}"))
        records.append(
            EntityRecord(
                id=f"ftm:{item['id']}",
                name=names[0],
                kind=kind,
                names=tuple(EntityName(t, case_sensitive=_auto_case_sensitive(t)) for t in terms),
                lists=tuple(memberships),
                sources=(f"ftm:{path.name}",),
            )
        )
    return records, problems


def load_ftm_entities(path: str | Path, *, topics: Sequence[str] = ("crime.terror",)) -> list[EntityRecord]:
    """Records from a FollowTheMoney file; malformed entities are skipped (see ``read_ftm_entities``)."""
    return read_ftm_entities(path, topics=topics)[0]


# ---------------------------------------------------------------------------------------------- dispatch, merge


def read_entity_file(path: str | Path) -> tuple[list[EntityRecord], list[Problem]]:
    """By extension: ``.csv`` operator list, ``.json``/``.jsonl``/``.ndjson`` FtM, ``.yaml``/``.yml`` bundled."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_operator_csv(path)
    if suffix in (".json", ".jsonl", ".ndjson"):
        return read_ftm_entities(path)
    if suffix in (".yaml", ".yml"):
        records = load_bundled(path)
        return records, validate_records(records, path.name)
    raise EntitySourceError(f"E205: {path}: unknown entity file type (use .csv, .json, .jsonl or .yaml)")


def load_entity_file(path: str | Path) -> list[EntityRecord]:
    records, problems = read_entity_file(path)
    if Path(path).suffix.lower() == ".csv":
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise EntitySourceError("E203: " + "; ".join(str(p) for p in errors))
    return records


def merge_entities(base: Sequence[EntityRecord], extra: Sequence[EntityRecord]) -> list[EntityRecord]:
    """Add ``extra`` records to ``base``.

    An extra record joins a base record with the same id, or else one that shares a (non-ambiguous)
    normalised name; it then contributes its list memberships and new names. Otherwise it stays a record
    of its own.
    """
    merged = {r.id: r for r in base}
    by_name: dict[str, str] = {}
    for record in base:
        for name in record.names:
            if not name.ambiguous:
                by_name.setdefault(normalize_plain(name.term).strip(), record.id)
    for record in extra:
        target = record.id if record.id in merged else None
        if target is None:
            for name in record.names:
                target = by_name.get(normalize_plain(name.term).strip())
                if target:
                    break
        if target is None:
            merged[record.id] = record
            for name in record.names:
                by_name.setdefault(normalize_plain(name.term).strip(), record.id)
            continue
        old = merged[target]
        known_terms = {normalize_plain(n.term).strip() for n in old.names}
        new_names = [n for n in record.names if normalize_plain(n.term).strip() not in known_terms]
        known_lists = {(m.list, m.jurisdiction) for m in old.lists}
        new_lists = [m for m in record.lists if (m.list, m.jurisdiction) not in known_lists]
        merged[target] = replace(
            old,
            names=old.names + tuple(new_names),
            lists=old.lists + tuple(new_lists),
            sources=tuple(dict.fromkeys(old.sources + record.sources)),
        )
    return list(merged.values())


@dataclass
class EntityStore:
    """The bundled entities plus any extra files, merged; what the recogniser and the CLI use."""

    records: list[EntityRecord]
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = (), bundled: str | Path = BUNDLED_FILE) -> EntityStore:
        records = load_bundled(bundled)
        problems = validate_records(records, Path(bundled).name)
        for path in extra_files:
            records = merge_entities(records, load_entity_file(path))
        return cls(records, problems)

    def get(self, entity_id: str) -> EntityRecord | None:
        return next((r for r in self.records if r.id == entity_id), None)
