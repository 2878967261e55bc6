"""A generated, seeded benchmark corpus: neutral Arabic text with basira's own lexicon terms sprinkled in.

How it is made (so a reader can judge what the benchmark measures):

* **Vocabulary.** Everyday Modern Standard Arabic about weather, food, school, football, travel, markets,
  family and technology (``NOUNS``, ``VERBS``, ``ADJECTIVES``, ``FUNCTION_WORDS`` below), plus the noise
  real posts carry: hashtags, mentions, links, emoji, Latin words, Arabic-Indic digits, and now and then
  harakat or tatweel on a word (so normalisation has work to do). Any vocabulary word whose normalised form
  equals a lexicon term is dropped, so neutral text contributes no planted hits.
* **Lexicon terms.** Every term of every YAML lexicon under ``basira/recognizers/data`` (the values of
  ``terms``, ``names`` and ``term`` keys, whatever the file's schema). Each word slot is replaced by a
  lexicon term with probability ``term_rate`` (default 0.005, i.e. one term per 200 words); a fifth of
  them get the conjunction و in front, to exercise clitic matching. The count of planted terms is
  reported. These are short trigger phrases from basira's own data; no real statement, post or other
  extremist material is used or imitated.
* **Shapes.** ``posts``: ~280 characters (a short social-media post). ``statements``: ~4 KB of UTF-8
  (~2,200 characters) with a title, a date line and paragraphs, the size of a typical published statement.
* **Determinism.** ``random.Random(seed)``; the same seed and lexicon data give the same corpus.

Command line: ``python -m basira.bench.corpus --kind statements --count 1000 --out corpus.jsonl``
writes JSON Lines (``id``, ``text``) ready for ``basira scan``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from basira.normalize import normalize_plain
from basira.types import Document

DATA_DIR = Path(__file__).resolve().parent.parent / "recognizers" / "data"
DEFAULT_SEED = 20240501
DEFAULT_TERM_RATE = 0.005
POST_CHARS = 280
STATEMENT_BYTES = 4096

NOUNS = [
    "الطقس", "المطر", "الشمس", "السماء", "البحر", "المدينة", "القرية", "الشارع", "السوق", "المدرسة", "الجامعة",
    "الطالب", "المعلم", "الكتاب", "المكتبة", "القهوة", "الشاي", "الخبز", "الطعام", "المطعم", "الفطور",
    "العشاء", "الغداء", "الأسرة", "الأطفال", "الأصدقاء", "الجيران", "الحديقة", "الشجرة", "الزهور", "الربيع",
    "الصيف", "الخريف", "الشتاء", "المباراة", "الفريق", "الملعب", "اللاعب", "المدرب", "البطولة", "الدوري",
    "الكأس", "الجمهور", "الحافلة", "القطار", "الطائرة", "المطار", "السفر", "الرحلة", "الفندق", "الشاطئ",
    "الجبل", "الصحراء", "النهر", "الهاتف", "الحاسوب", "الإنترنت", "التطبيق", "الموقع", "الصورة", "الفيديو",
    "الموسيقى", "الأغنية", "الفيلم", "المسلسل", "السينما", "المسرح", "المعرض", "الفن", "الرسم", "الثقافة",
    "التاريخ", "العلوم", "الرياضيات", "الصحة", "الطبيب", "المستشفى", "الدواء", "الرياضة", "المشي", "السباحة",
    "الدراجة", "السيارة", "الطريق", "الزحام", "العمل", "الشركة", "الموظف", "الراتب", "الأسعار", "الاقتصاد",
    "البنك", "التجارة", "المنتج", "الزراعة", "الفلاح", "المحصول", "التمر", "الزيتون", "البرتقال", "التفاح",
    "الحليب", "العسل", "السكر", "الملح", "الماء", "الكهرباء", "البيت", "الغرفة", "المطبخ", "النافذة", "الباب",
    "الأسبوع", "الشهر", "السنة", "الساعة", "الصباح", "المساء", "الليل", "العيد", "الحفلة", "الزفاف", "الهدية",
    "الضيوف", "الوقت", "الفكرة", "المشروع", "الخطة", "النتيجة", "الامتحان", "الدرس", "الواجب", "اللغة",
    "الكلمة", "القصة", "الرواية", "الشعر", "الصحيفة", "المجلة", "البرنامج", "الحلقة", "المذيع", "الجائزة",
    "الطبيعة", "الحيوانات", "القطة", "الحصان", "الطيور", "العصافير", "البيئة", "النظافة", "الطاقة", "المتحف",
    "الحرفة", "النجار", "الخياط", "الحلوى", "الكعك", "البهارات", "الأرز", "العدس", "الفول", "الخضار",
    "الفواكه", "السلطة", "الموسم", "المهرجان", "الندوة", "المؤتمر", "المحاضرة", "الباحث", "الدراسة", "التقرير",
    "الإحصاء", "السكان", "الحي", "المبنى", "الجسر", "الميناء", "السفينة", "الصيد", "المزرعة",
]

VERBS = [
    "يذهب", "ذهبنا", "يحب", "أحب", "نحب", "يقرأ", "قرأت", "يكتب", "كتبت", "يشرب", "يأكل", "يلعب", "لعب", "فاز",
    "خسر", "يسافر", "سافرنا", "يعمل", "يدرس", "درست", "يشاهد", "شاهدت", "يزور", "زرنا", "يطبخ", "طبخت",
    "يشتري", "اشتريت", "يبيع", "يفتح", "افتتح", "يغلق", "يبدأ", "بدأ", "ينتهي", "انتهى", "يعود", "عاد", "يصل",
    "وصل", "ينتظر", "انتظرنا", "يساعد", "يتحدث", "تحدث", "يستمع", "يضحك", "يفكر", "يتعلم", "تعلمت", "يسكن",
    "يمشي", "ينام", "يستيقظ", "يحتفل", "احتفلنا", "يشكر", "نشكر", "ينصح", "يقترح", "يعلن", "أعلن", "يناقش",
    "ناقش", "ينظم", "نظمت", "يشارك", "شارك", "يزرع", "يقطف", "يرسم", "يغني", "يصور", "ينشر", "يجرب",
]

ADJECTIVES = [
    "جميل", "جميلة", "رائع", "رائعة", "كبير", "كبيرة", "صغير", "صغيرة", "جديد", "جديدة", "قديم", "قديمة",
    "سعيد", "سعيدة", "لذيذ", "لذيذة", "بارد", "باردة", "حار", "حارة", "مشمس", "ممطر", "هادئ", "هادئة", "مزدحم",
    "واسع", "قريب", "بعيد", "سريع", "بطيء", "مفيد", "مفيدة", "ممتع", "ممتعة", "طويل", "قصير", "أخضر", "أزرق",
    "أبيض", "ذهبي", "رخيص", "غالي", "مهم", "مهمة", "ممتاز", "جيد", "لطيف", "نظيف", "دافئ", "منعش",
]

FUNCTION_WORDS = [
    "في", "من", "إلى", "على", "عن", "مع", "هذا", "هذه", "ذلك", "التي", "الذي", "ثم", "لكن", "أو", "قد", "لقد",
    "كان", "كانت", "هناك", "هنا", "جدا", "كل", "بعض", "بعد", "قبل", "عند", "حتى", "لأن", "إن", "أن", "لا",
    "لم", "لن", "ما", "كما", "أيضا", "اليوم", "غدا", "أمس", "الآن",
]

HASHTAGS = ["#الطقس_اليوم", "#كرة_القدم", "#وصفات_سهلة", "#سفر", "#معرض_الكتاب", "#صباح_الخير", "#تقنية"]
EMOJI = ["😊", "☀️", "⚽", "🌧️", "❤️", "👏", "📚", "☕", "🌴"]
LATIN = ["weekend", "match", "live", "OK", "thanks", "update", "Dubai", "Cairo", "coffee"]
TITLES = ["بيان", "نشرة", "تقرير", "إعلان", "رسالة"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر"]
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b"]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Generated texts and how they were made."""

    kind: str
    texts: tuple[str, ...]
    seed: int
    term_rate: float
    planted_terms: int
    lexicon_terms: int

    @property
    def chars(self) -> int:
        return sum(len(t) for t in self.texts)

    @property
    def utf8_bytes(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.texts)

    def documents(self) -> list[Document]:
        return [
            Document(id=f"{self.kind}-{i:06d}", source=f"bench:{self.kind}", text=text, format="bench",
                     locator=f"line {i + 1}", lang="ar")
            for i, text in enumerate(self.texts)
        ]

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "documents": len(self.texts),
            "chars": self.chars,
            "bytes": self.utf8_bytes,
            "mean_chars": round(self.chars / max(1, len(self.texts)), 1),
            "mean_bytes": round(self.utf8_bytes / max(1, len(self.texts)), 1),
            "seed": self.seed,
            "term_rate": self.term_rate,
            "planted_terms": self.planted_terms,
            "lexicon_terms": self.lexicon_terms,
        }


TERM_KEYS = ("terms", "names")  # lists of strings or of {term: ...}


def _collect_terms(node: Any, out: set[str]) -> None:
    """Terms anywhere in a lexicon's YAML: ``terms``/``names`` lists (strings or ``{term: ...}``) and
    ``term`` values. Schemas differ per recogniser (``entries``, ``entities`` ...); the keys do not."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TERM_KEYS and isinstance(value, list):
                for item in value:
                    term = item.get("term") if isinstance(item, dict) else item
                    if isinstance(term, str) and term.strip():
                        out.add(term.strip())
                    if isinstance(item, dict):
                        _collect_terms({k: v for k, v in item.items() if k != "term"}, out)
            elif key == "term" and isinstance(value, str) and value.strip():
                out.add(value.strip())
            else:
                _collect_terms(value, out)
    elif isinstance(node, list):
        for item in node:
            _collect_terms(item, out)


def lexicon_terms_by_file(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """The terms of each YAML lexicon under ``data_dir`` (files without terms are left out)."""
    found: dict[str, list[str]] = {}
    for path in sorted(data_dir.rglob("*.y*ml")):
        terms: set[str] = set()
        _collect_terms(yaml.safe_load(path.read_text(encoding="utf-8")), terms)
        if terms:
            found[str(path.relative_to(data_dir))] = sorted(terms)
    return found


def lexicon_terms(data_dir: Path = DATA_DIR) -> list[str]:
    """Every term of every lexicon, as written in the data (deduplicated, sorted)."""
    return sorted({t for terms in lexicon_terms_by_file(data_dir).values() for t in terms})


class _Writer:
    """Draws words for one corpus; counts the lexicon terms it plants."""

    def __init__(self, rng: random.Random, terms: Sequence[str], term_rate: float):
        self.rng = rng
        self.terms = list(terms)
        self.term_rate = term_rate if self.terms else 0.0
        planted = {normalize_plain(t) for t in self.terms}
        keep = [w for w in (*NOUNS, *VERBS, *ADJECTIVES) if normalize_plain(w) not in planted]
        self.content = keep or list(NOUNS)
        self.function = [w for w in FUNCTION_WORDS if normalize_plain(w) not in planted] or ["في"]
        self.planted = 0

    def word(self) -> str:
        rng = self.rng
        if self.term_rate and rng.random() < self.term_rate:
            self.planted += 1
            term = rng.choice(self.terms)
            return "و" + term if rng.random() < 0.2 else term
        word = rng.choice(self.function) if rng.random() < 0.3 else rng.choice(self.content)
        roll = rng.random()
        if roll < 0.03 and len(word) > 2:  # a haraka or shadda on one letter
            i = rng.randrange(1, len(word))
            word = word[:i] + rng.choice(HARAKAT) + word[i:]
        elif roll < 0.04 and len(word) > 2:  # stretched with tatweel
            i = rng.randrange(1, len(word))
            word = word[:i] + "\u0640" * rng.randint(1, 3) + word[i:]
        return word

    def sentence(self, low: int, high: int) -> str:
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        if len(words) > 6 and self.rng.random() < 0.5:
            words[len(words) // 2] += "،"
        return " ".join(words) + self.rng.choice([".", ".", ".", "!", "؟"])

    def number(self) -> str:
        n = str(self.rng.randint(1, 2030))
        return n.translate(ARABIC_INDIC) if self.rng.random() < 0.5 else n


def _post(w: _Writer, target_chars: int) -> str:
    rng = w.rng
    parts: list[str] = []
    if rng.random() < 0.2:
        parts.append(f"@user_{rng.randint(1, 9999)}")
    while sum(len(p) + 1 for p in parts) < target_chars - 40:
        parts.append(w.sentence(4, 12))
        extra = rng.random()
        if extra < 0.15:
            parts.append(rng.choice(EMOJI))
        elif extra < 0.25:
            parts.append(rng.choice(LATIN))
        elif extra < 0.32:
            parts.append(w.number())
    if rng.random() < 0.4:
        parts.append(rng.choice(HASHTAGS))
    if rng.random() < 0.15:
        parts.append(f"https://example.org/p/{rng.randint(1000, 99999)}")
    return " ".join(parts)


def _statement(w: _Writer, target_bytes: int) -> str:
    rng = w.rng
    title = f"{rng.choice(TITLES)} {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}"
    date = f"{w.number()} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"
    paragraphs: list[str] = [title, date]
    size = len(title.encode()) + len(date.encode()) + 2
    while size < target_bytes - 200:
        paragraph = " ".join(w.sentence(8, 20) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def generate(
    kind: str,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    term_rate: float = DEFAULT_TERM_RATE,
    terms: Sequence[str] | None = None,
) -> Corpus:
    """``count`` texts of ``kind`` ("posts" or "statements")."""
    if kind not in ("posts", "statements"):
        raise ValueError(f"unknown corpus kind {kind!r}; use 'posts' or 'statements'")
    terms = list(terms) if terms is not None else lexicon_terms()
    rng = random.Random(f"{seed}:{kind}")
    writer = _Writer(rng, terms, term_rate)
    if kind == "posts":
        texts = tuple(_post(writer, POST_CHARS) for _ in range(count))
    else:
        texts = tuple(_statement(writer, STATEMENT_BYTES) for _ in range(count))
    return Corpus(kind, texts, seed, term_rate, writer.planted, len(terms))


LARGE_POST_BYTES = 375_000  # issue 14: "a 375 KB adversarial post through /v1/analyze answers in < 1 s"


def cut_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 encoding fits in ``max_bytes`` (cut between characters)."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")


def repeated_sentence_post(target_bytes: int = LARGE_POST_BYTES, *, seed: int = DEFAULT_SEED) -> str:
    """One sentence repeated to ``target_bytes`` of UTF-8: the adversarial post, every repetition a new hit
    for every recogniser that has a lexicon. The sentence is neutral words around one term of each lexicon
    file (basira's own trigger phrases, as in ``generate``)."""
    rng = random.Random(f"{seed}:repeated")
    writer = _Writer(rng, [], 0.0)
    words: list[str] = []
    for _name, terms in sorted(lexicon_terms_by_file().items()):
        words += [writer.word() for _ in range(3)]
        words.append(rng.choice(terms))
    sentence = " ".join(words) + ". "
    return cut_utf8(sentence * (target_bytes // len(sentence.encode("utf-8")) + 1), target_bytes).rstrip()


def varied_post(target_bytes: int = LARGE_POST_BYTES, *, seed: int = DEFAULT_SEED) -> str:
    """Generated statements (``generate``, lexicon terms at the usual rate) joined to ``target_bytes``:
    a long post of text that does not repeat."""
    count = target_bytes // (STATEMENT_BYTES - 300) + 1
    return cut_utf8("\n\n".join(generate("statements", count, seed=seed + 1).texts), target_bytes).rstrip()


def write_jsonl(texts: Iterable[str], path: Path, *, prefix: str = "doc") -> int:
    """JSON Lines with ``id`` and ``text``; returns the number of records."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for n, text in enumerate(texts, start=1):
            f.write(json.dumps({"id": f"{prefix}-{n:06d}", "text": text}, ensure_ascii=False) + "\n")
    return n


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the generated benchmark corpus as JSON Lines.")
    parser.add_argument("--kind", choices=["posts", "statements"], default="statements")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--term-rate", type=float, default=DEFAULT_TERM_RATE)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    corpus = generate(args.kind, args.count, seed=args.seed, term_rate=args.term_rate)
    write_jsonl(corpus.texts, args.out, prefix=args.kind)
    print(json.dumps(corpus.describe(), ensure_ascii=False))


if __name__ == "__main__":
    main()
