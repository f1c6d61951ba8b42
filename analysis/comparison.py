"""Tagged layers -> tables that compare outlets: frame profiles with
bootstrap intervals, naming choices, whose voices are quoted, distinctive
terms (log-odds with an informative Dirichlet prior), tone near actors.

Every function takes DataFrames (the ``tagged`` layers and ``articles``)
and returns one; counts keep the columns that lead back to the text.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import SelectionError
from .layers.frames import FRAMES
from .layers.sentences import sentence_texts

UNITS = ("sentence", "paragraph")


def _outlets(table: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    return table["article_id"].map(articles["outlet"]).fillna("(no outlet)").rename("outlet")


def frame_shares(frames: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, unit: str = "sentence",
                 n_boot: int = 1000, seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """Share of each outlet's sentences (or paragraphs) that carry each frame.

    Columns: ``outlet, frame, units, framed, share, ci_low, ci_high``: the
    percentile interval of ``n_boot`` bootstrap resamples of the outlet's
    units (with replacement, fixed ``seed``; each frame's resampled count
    drawn as the binomial it is). Units of one article are not
    independent, so with few articles per outlet the interval is too narrow
    rather than too wide.
    """
    if unit not in UNITS:
        raise SelectionError("unit", [unit], UNITS)
    columns = ["outlet", "frame", "units", "framed", "share", "ci_low", "ci_high"]
    names = [f for f in FRAMES if f in set(frames["frame"])]
    if not names:
        return pd.DataFrame(columns=columns)
    key = ["article_id", "sentence_id" if unit == "sentence" else "paragraph_id"]
    units = sentences[sentences["article_id"].isin(articles.index)].drop_duplicates(key)[key].reset_index(drop=True)
    tagged = frames.merge(sentences[["article_id", "sentence_id", "paragraph_id"]], on=["article_id", "sentence_id"])
    matrix = pd.crosstab([tagged[k] for k in key], tagged["frame"]).clip(upper=1)  # unit carries the frame: 1
    matrix = units.merge(matrix.reset_index(), on=key, how="left").fillna(0)
    outlet = _outlets(units, articles)
    rng = np.random.default_rng(seed)
    rows = []
    for name in sorted(outlet.unique()):
        values = matrix.loc[outlet == name, names].to_numpy(dtype=float)
        n = len(values)
        # a resample's count of units carrying a frame is Binomial(n, share): drawn directly, the
        # bootstrap costs n_boot x frames numbers whatever the number of units (not n_boot x n)
        draws = rng.binomial(n, values.mean(axis=0), size=(n_boot, len(names))) / n
        low, high = np.quantile(draws, [(1 - level) / 2, 1 - (1 - level) / 2], axis=0)
        for i, frame in enumerate(names):
            rows.append((name, frame, n, int(values[:, i].sum()), values[:, i].mean(), low[i], high[i]))
    return pd.DataFrame(rows, columns=columns)


def primary_frame_shares(paragraphs: pd.DataFrame, article_frames: pd.DataFrame,
                         articles: pd.DataFrame) -> pd.DataFrame:
    """How many of each outlet's articles and paragraphs have each primary
    frame: ``outlet, frame, articles, article_share, paragraphs,
    paragraph_share`` (shares of the outlet's articles / paragraphs); units
    without a frame cue are counted under the frame "(none)"."""
    whole = pd.DataFrame({"article_id": articles.index.astype("string")}).merge(
        article_frames[["article_id", "primary_frame"]], on="article_id", how="left")
    parts = paragraphs.loc[paragraphs["article_id"].isin(articles.index), ["article_id", "primary_frame"]]
    counted = []
    for name, units in (("articles", whole), ("paragraphs", parts)):
        units = units.assign(outlet=_outlets(units, articles), frame=units["primary_frame"].fillna("(none)"))
        counts = units.groupby(["outlet", "frame"]).size().rename(name)
        counted += [counts, (counts / counts.groupby(level="outlet").transform("sum")).rename(f"{name[:-1]}_share")]
    table = pd.concat(counted, axis=1).fillna(0).reset_index()
    table = table.astype({"articles": "int64", "paragraphs": "int64"})
    return _in_order(table, "frame", [*FRAMES, "(none)"])


def frame_profile_table(shares: pd.DataFrame) -> pd.DataFrame:
    """``frame_shares`` as frames (rows) x outlets (columns) of
    "share (low-high)" in percent, for reading."""
    cells = shares.assign(cell=[f"{s * 100:.0f} ({lo * 100:.0f}–{hi * 100:.0f})"
                                for s, lo, hi in zip(shares["share"], shares["ci_low"], shares["ci_high"])])
    table = cells.pivot(index="frame", columns="outlet", values="cell")
    return table.reindex([f for f in FRAMES if f in table.index])


def naming_choices(namings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """How often each outlet uses each variant of each concept: ``concept,
    outlet, variant, n, share`` (of the outlet's names for that concept),
    ``articles`` (how many of the outlet's articles use it), ``examples``."""
    if namings.empty:
        return pd.DataFrame(columns=["concept", "outlet", "variant", "n", "share", "articles", "examples"])
    table = namings.assign(outlet=_outlets(namings, articles))
    counts = table.groupby(["concept", "outlet", "variant"]).agg(
        n=("start", "size"), articles=("article_id", "nunique"),
        examples=("surface", lambda s: "، ".join(s.value_counts().index[:3]))).reset_index()
    counts["share"] = counts["n"] / counts.groupby(["concept", "outlet"])["n"].transform("sum")
    return counts[["concept", "outlet", "variant", "n", "share", "articles", "examples"]].sort_values(
        ["concept", "outlet", "n"], ascending=[True, True, False]).reset_index(drop=True)


def _speakers(quotes: pd.DataFrame) -> pd.Series:
    """Each quote's speaker as shown: the actor's name, else the words naming the source."""
    return quotes["speaker_name_en"].fillna(quotes["speaker_text"]).replace("", "(no source)")


def _in_order(table: pd.DataFrame, column: str, order) -> pd.DataFrame:
    """``table`` sorted by outlet, then by ``column`` in the order of ``order``."""
    rank = {key: i for i, key in enumerate(order)}
    return table.sort_values(["outlet", column], key=lambda c: c.map(rank) if c.name == column else c,
                             ignore_index=True)


def _most_quoted(who: pd.Series, top: int = 10) -> str:
    """Speakers -> "A (5); B (2)" for the ``top`` most quoted, then how many more."""
    counts = who.value_counts()
    listed = "; ".join(f"{w} ({n})" for w, n in counts.head(top).items())
    return listed + (f"; and {len(counts) - top:,} more" if len(counts) > top else "")


def voices(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Whose voices each outlet carries: ``outlet, speaker_group, quotes,
    share`` (of the outlet's quotes), ``direct`` (in quotation marks),
    ``speakers`` (the ten most quoted, and how many more)."""
    if quotes.empty:
        return pd.DataFrame(columns=["outlet", "speaker_group", "quotes", "share", "direct", "speakers"])
    table = quotes.assign(outlet=_outlets(quotes, articles),
                          who=_speakers(quotes))
    grouped = table.groupby(["outlet", "speaker_group"]).agg(
        quotes=("start", "size"), direct=("form", lambda k: int((k == "direct").sum())),
        speakers=("who", _most_quoted)).reset_index()
    grouped["share"] = grouped["quotes"] / grouped.groupby("outlet")["quotes"].transform("sum")
    return grouped[["outlet", "speaker_group", "quotes", "share", "direct", "speakers"]].sort_values(
        ["outlet", "quotes"], ascending=[True, False]).reset_index(drop=True)


CLAIM_ORDER = ("direct", "reported", "according_to", "accusation", "denial", "warning", "pledge", "concern",
               "characterisation", "opinion", "document")


def claim_kinds(quotes: pd.DataFrame, articles: pd.DataFrame, label=str) -> pd.DataFrame:
    """Who is given voice, per outlet and kind of claim: ``outlet, kind,
    claims, share`` (of the outlet's claims), ``sources`` (claims whose
    source is named: an actor, a name or a typed group), ``types`` (the
    speaker types, most frequent first, with counts, each shown by
    ``label``), ``speakers`` (the ten most frequent, and how many more)."""
    columns = ["outlet", "kind", "claims", "share", "sources", "types", "speakers"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    table = quotes.assign(outlet=_outlets(quotes, articles),
                          who=_speakers(quotes))
    grouped = table.groupby(["outlet", "kind"]).agg(
        claims=("start", "size"), sources=("speaker_type", lambda t: int((t != "unnamed").sum())),
        types=("speaker_type", lambda t: "، ".join(f"{label(k)} {n}" for k, n in t.value_counts().items())),
        speakers=("who", _most_quoted)).reset_index()
    grouped["share"] = grouped["claims"] / grouped.groupby("outlet")["claims"].transform("sum")
    return _in_order(grouped[columns], "kind", CLAIM_ORDER)


def log_odds(counts: pd.DataFrame, prior_size: float = 500.0) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
    and Quinn 2008, eq. 16-22) of each group against all the others.

    ``counts``: terms (rows) x groups (columns) of token counts. The prior
    is the pooled term distribution scaled to ``prior_size`` pseudo-tokens.
    Returns ``group, term, count, count_rest, delta, z`` (z = delta / its
    standard error; |z| > 1.96 is the conventional threshold).
    """
    total = counts.sum(axis=1).to_numpy(dtype=float)
    alpha = prior_size * total / total.sum()
    alpha0 = alpha.sum()
    rows = []
    for group in counts.columns:
        y_i = counts[group].to_numpy(dtype=float)
        y_j = total - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        delta = (np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha))
                 - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha)))
        z = delta / np.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
        rows.append(pd.DataFrame({"group": group, "term": counts.index, "count": y_i.astype(int),
                                  "count_rest": y_j.astype(int), "delta": delta, "z": z}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["group", "term", "count", "count_rest", "delta", "z"])


def frame_evidence(frames: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                   chosen: list[str] | tuple[str, ...] = (), per_outlet: int | None = None) -> pd.DataFrame:
    """Sentences behind frame counts: ``frame, outlet, article_id,
    sentence_id, cue, sentence``; for each chosen frame (all by default)
    and outlet, most cues first: all, or the first ``per_outlet``."""
    picked = frames[frames["frame"].isin(chosen)] if len(chosen) else frames
    table = picked.assign(outlet=_outlets(picked, articles), sentence=sentence_texts(picked, sentences))
    table = table.sort_values(["frame", "outlet", "n_cues", "article_id", "sentence_id"],
                              ascending=[True, True, False, True, True], kind="stable")
    if per_outlet is not None:
        table = table.groupby(["frame", "outlet"], sort=False).head(per_outlet)
    return table[["frame", "outlet", "article_id", "sentence_id", "cue", "sentence"]].reset_index(drop=True)


def select_frames(frames: pd.DataFrame, chosen: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of the chosen frames (all when empty); an unknown name raises."""
    unknown = [f for f in chosen if f not in FRAMES]
    if unknown:
        raise SelectionError("frame(s)", unknown, FRAMES)
    return frames[frames["frame"].isin(chosen)] if len(chosen) else frames


def select_concepts(namings: pd.DataFrame, chosen: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of the chosen naming concepts (all when empty); an unknown one raises."""
    unknown = sorted(set(chosen) - set(namings["concept"]))
    if unknown:
        raise SelectionError("concept(s)", unknown, sorted(set(namings["concept"])))
    return namings[namings["concept"].isin(chosen)] if len(chosen) else namings


def distinctive_terms(terms: pd.DataFrame, articles: pd.DataFrame, reference: str | None = None, top: int = 15,
                      min_count: int = 2, prior_size: float = 500.0) -> pd.DataFrame:
    """The ``top`` terms of each outlet with the highest log-odds z-score
    against all other outlets (or against ``reference``): ``outlet, term,
    shown`` (its most frequent written form), ``count, count_rest, delta,
    z``. Terms used fewer than ``min_count`` times in the outlet are left
    out of its list (they still count in the prior)."""
    # counted per article first (fewer rows than words), then per outlet
    per_article = terms.groupby(["article_id", "term"], observed=True).size().rename("n").reset_index()
    per_article["outlet"] = per_article["article_id"].map(articles["outlet"]).fillna("(no outlet)")
    outlets = sorted(per_article["outlet"].unique())
    if reference is not None and reference not in outlets:
        raise SelectionError("reference outlet", [reference], outlets)
    counts = per_article.groupby(["term", "outlet"])["n"].sum().unstack(fill_value=0)
    counts.columns.name, counts.index.name = "outlet", "term"
    if reference is None:
        scored = log_odds(counts, prior_size)
    else:
        scored = pd.concat([log_odds(counts[[o, reference]], prior_size).query("group == @o")
                            for o in outlets if o != reference], ignore_index=True)
    scored = scored[scored["count"] >= min_count].rename(columns={"group": "outlet"})
    scored = scored.sort_values(["outlet", "z"], ascending=[True, False]).groupby("outlet").head(top)
    forms = terms.loc[terms["term"].isin(set(scored["term"])), ["term", "surface"]].value_counts()  # most used first
    shown = forms.reset_index().drop_duplicates("term").set_index("term")["surface"]
    scored.insert(2, "shown", scored["term"].map(shown))
    return scored.reset_index(drop=True)


def tone_by_outlet(hits: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor: ``mentions, positive, negative, tone, words``."""
    named = mentions[mentions["actor_id"].notna() & (mentions["kind"] == "name")]
    base = named.assign(outlet=named["article_id"].map(articles["outlet"])).groupby(
        ["outlet", "name_en"]).size().rename("mentions")
    signs = hits.assign(outlet=hits["article_id"].map(articles["outlet"]))
    counts = (signs.groupby(["outlet", "name_en", "polarity"]).size().unstack("polarity")
              .reindex(columns=["positive", "negative"]))
    table = base.to_frame().join(counts, how="left").fillna(0).astype({"positive": int, "negative": int})
    found = table["positive"] + table["negative"]
    table["tone"] = ((table["positive"] - table["negative"]) / found.where(found > 0)).round(2)
    words = signs.groupby(["outlet", "name_en"])["word"].agg(lambda s: "، ".join(s.value_counts().index[:5]))
    table["words"] = words.reindex(table.index).fillna("")
    return table.reset_index().sort_values(["outlet", "mentions"], ascending=[True, False]).reset_index(drop=True)
