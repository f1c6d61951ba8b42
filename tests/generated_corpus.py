"""A corpus of any size resampled from the seeds' real sentences, for
benchmarks and scale tests.

``write_corpus(folder, n_articles, seed, new_words)`` writes ``n_articles``
``.txt`` files and a ``metadata.csv`` (8 outlets, publication dates spread
over 2023-2025, one article in 20 undated, a title and a URL) into ``folder`` and returns it.
Each article is 3 to 6 paragraphs of 1 to 3 sentences drawn at random from
the seed articles (about 1,600 characters), so every tagger meets real
Arabic text: names, dates, quotes, frame cues. The seeds have fewer than
2,000 distinct words, a real archive tens of thousands: ``new_words`` is the
share of words (of four letters or more) given one changed letter, which
makes the vocabulary grow as a real one does (0.15: 43,000 distinct words
in 2,000 articles). The same arguments give the same files.
"""
from __future__ import annotations

import csv
import random
import re
import warnings
from pathlib import Path

OUTLETS = ("Alwaght", "Al Ain News", "Al-Araby Al-Jadeed", "Arabi21", "Al Jazeera", "Asharq Al-Awsat",
           "Hespress", "RT Arabic")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_sentences() -> list[str]:
    """Every body sentence of the seed articles, in order."""
    import analysis
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = analysis.load_corpus(SEEDS)
    table = analysis.tag(articles, layers=["sentences"]).sentences
    return [t for t in table["text"] if len(t.split()) >= 4]


LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ARABIC_WORD = re.compile(r"[\u0621-\u064a]{4,}")


def write_corpus(folder: Path | str, n_articles: int, seed: int = 0, new_words: float = 0.0,
                 outlets: tuple[str, ...] = OUTLETS) -> Path:
    """Write the corpus described in the module docstring (from ``outlets``);
    return ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pool = seed_sentences()
    rng = random.Random(seed)

    def changed(match: re.Match) -> str:
        word = match.group()
        if rng.random() >= new_words:
            return word
        at = rng.randrange(1, len(word))
        return word[:at] + rng.choice(LETTERS) + word[at + 1:]

    rows = []
    for number in range(n_articles):
        article_id = f"gen_{number:07d}"
        paragraphs = [ARABIC_WORD.sub(changed, " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3))))
                      if new_words else " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
                      for _ in range(rng.randint(3, 6))]
        (folder / f"{article_id}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        day = rng.randrange(3 * 365)
        published = "" if rng.random() < 0.05 else f"{2023 + day // 365}-{1 + day % 365 // 31 % 12:02d}-{1 + day % 28:02d}"
        rows.append({"article_id": article_id, "outlet": rng.choice(outlets), "published": published,
                     "title": paragraphs[0][:60], "url": f"https://example.org/news/{article_id}"})
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["article_id", "outlet", "published", "title", "url"])
        writer.writeheader()
        writer.writerows(rows)
    return folder
