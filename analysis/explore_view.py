"""The interactive explorer in JupyterLab (ipywidgets) over an
:class:`~analysis.explorer.Explorer`: ``explore(tagged)``.

Three tabs. **Counts**: a view (actors, frames, names, events) and the
selection (outlets, dates, and the actors, groups, frames, naming concepts
or event types of the view) update a table of counts at once, without
tagging again; each count is a button that lists the sentences behind it,
50 at a time, right to left, matched words highlighted, with outlet, date
and title. **Search**: sentences of the selection holding a word or phrase
(in the matching form: alef and hamza forms, ى/ي, ة/ه, diacritics and
clitics fold). **Lexicon**: the names the lexicon lacks (the candidates
layer) with their counts, outlets and an example; one is added as a new
spelling of an actor or as a new actor to your lexicon folder
(:mod:`analysis.lexicon_edit`), and the next tag run uses it.

``explore(tagged, interactive=False)`` (the report run) shows the same
counts as static tables instead: an exported page has no widget state to
show.
"""
from __future__ import annotations

import html
import time

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display as show

from . import display
from .explorer import PAGE, ROW_FILTERS, VIEWS, Explorer, Selection
from .figures import heatmap
from .errors import AnalysisError
from .labels import Labels
from .lexicon import actor_lexicon
from .lexicon_edit import add_actor, add_spelling

MAX_ROWS = 30  # rows of counts drawn as buttons
HEATMAP_ROWS = 20  # actors in the static page's heatmap
VIEW_NAMES = {"actors": "actors × outlets", "frames": "frames × outlets", "namings": "names × outlets",
              "events": "events: month × type"}


def explore(tagged, lexicons: str = "", labels: str = "ar", interactive: bool = True,
            selection: Selection = Selection()):
    """The explorer of ``tagged`` (a :class:`~analysis.pipeline.Tagged`,
    from ``tag`` or ``Tagged.open``): a widget to display in JupyterLab,
    starting from ``selection`` (its outlets and dates); ``lexicons``: the
    folder the Lexicon tab writes to; ``interactive=False``: the counts of
    every view under ``selection`` as static tables (and None)."""
    label = Labels(labels, tagged.lexicons)
    explorer = Explorer(tagged)
    if not interactive:
        if not explorer.article_mask(selection).any():
            display.note("Nothing selected: no article of the corpus is in the selection.")
            return None
        for view in VIEWS:
            counts = explorer.counts(view, selection)
            if view == "actors" and len(counts):  # the most named actors at a glance
                heatmap(label.frame(counts.head(HEATMAP_ROWS)))
                plt.show()
                show(display.caption(f"The {min(HEATMAP_ROWS, len(counts))} most named actors per outlet."))
            show(display.table(label.frame(counts), caption=f"Counts: {VIEW_NAMES[view]}", name=f"explore_{view}",
                               max_rows=MAX_ROWS))
        return None
    view = ExplorerView(explorer, label, lexicons)
    view.outlets.value, view.date_from.value, view.date_to.value = (selection.outlets, selection.date_from,
                                                                    selection.date_to)
    return view.widget


def _evidence_html(rows: pd.DataFrame, label) -> str:
    """Evidence rows -> an escaped right-to-left table (sentences are HTML
    already, with their marks)."""
    body = "".join(
        f"<tr><td style='white-space:nowrap'>{html.escape(str(label(r.outlet)))}</td>"
        f"<td style='white-space:nowrap'>{html.escape(r.published)}</td>"
        f"<td>{html.escape(str(r.title) if isinstance(r.title, str) else '')}</td>"
        f"<td class='explorer-sentence'>{r.sentence}</td></tr>" for r in rows.itertuples())
    return ("<table dir='rtl' class='explorer-rows' style='border-collapse:collapse'>"
            "<tr><th>الوسيلة</th><th>التاريخ</th><th>العنوان</th><th>الجملة</th></tr>" + body + "</table>")


class ExplorerView:
    """The widgets of the explorer; ``widget`` is what to display."""

    def __init__(self, explorer: Explorer, label, lexicons: str):
        import ipywidgets as w
        self.w, self.explorer, self.label = w, explorer, label
        self.view = w.ToggleButtons(options=[(VIEW_NAMES[v], v) for v in VIEWS], value="actors")
        self.outlets = w.SelectMultiple(options=[(str(label(o)), o) for o in explorer.outlets], description="outlets",
                                        rows=min(6, max(2, len(explorer.outlets))))
        self.date_from = w.Text(placeholder="YYYY-MM-DD", description="from")
        self.date_to = w.Text(placeholder="YYYY-MM-DD", description="to")
        self.keys = w.SelectMultiple(description="rows", rows=6)
        self.groups = w.SelectMultiple(options=sorted(explorer.choices("actors", "group")), description="groups",
                                       rows=4)
        self.status = w.HTML()
        self.grid = w.VBox()
        self.evidence = w.HTML().add_class("explorer-evidence")
        self.pager = w.HBox()
        self.chosen: tuple | None = None
        for control in (self.view, self.outlets, self.keys, self.groups):
            control.observe(self._changed, names="value")
        for control in (self.date_from, self.date_to):
            control.observe(self._changed, names="value")
        self._fill_keys()
        counts = w.VBox([self.view, w.HBox([self.outlets, self.keys, self.groups]),
                         w.HBox([self.date_from, self.date_to]), self.status, self.grid, self.pager, self.evidence])
        self.query = w.Text(placeholder="كلمة أو عبارة", description="search").add_class("explorer-query")
        self.search_button = w.Button(description="search").add_class("explorer-search")
        self.search_button.on_click(lambda _: self._search(0))
        self.found = w.HTML().add_class("explorer-found")
        self.search_pager = w.HBox()
        search = w.VBox([w.HBox([self.query, self.search_button]), self.search_pager, self.found])
        self.lexicon_tab = LexiconTab(w, explorer.tagged, lexicons)
        self.widget = w.Tab(children=[counts, search, self.lexicon_tab.widget])
        for i, title in enumerate(["Counts", "Search", "Lexicon"]):
            self.widget.set_title(i, title)
        self._refresh()

    def selection(self) -> Selection:
        view = self.view.value
        rows = {ROW_FILTERS[view][0][1]: tuple(self.keys.value)}
        groups = {"groups": tuple(self.groups.value)} if view == "actors" else {}
        return Selection(outlets=tuple(self.outlets.value), date_from=self.date_from.value.strip(),
                         date_to=self.date_to.value.strip(), **rows, **groups)

    def _fill_keys(self) -> None:
        view = self.view.value
        keys = self.explorer.choices(view)
        self.keys.unobserve(self._changed, names="value")
        self.keys.value = ()
        self.keys.options = [(str(self.label(k)), k) for k in keys]
        self.keys.observe(self._changed, names="value")
        self.groups.layout.display = None if view == "actors" else "none"

    def _changed(self, change) -> None:
        if change["owner"] is self.view:
            self._fill_keys()
        self._refresh()

    def _refresh(self) -> None:
        """Counts under the current selection, drawn as buttons."""
        w = self.w
        began = time.perf_counter()
        try:
            counts = self.explorer.counts(self.view.value, self.selection())
        except (ValueError, KeyError) as err:  # a date that is not one
            self.status.value = f"<span style='color:#b00'>{html.escape(str(err))}</span>"
            return
        seconds = time.perf_counter() - began
        shown = counts.head(MAX_ROWS)
        header = [w.Label("")] + [w.Label(str(self.label(c))) for c in shown.columns]
        cells = list(header)
        for key, row in shown.iterrows():
            cells.append(w.Label(str(self.label(key))))
            for column, count in row.items():
                button = w.Button(description=f"{count:,}", tooltip=f"{key} | {column}",
                                  layout=w.Layout(width="auto")).add_class("explorer-count")
                button.disabled = count == 0
                button.on_click(lambda _, k=key, c=column: self._show(k, c, 0))
                cells.append(button)
        self.grid.children = [w.GridBox(cells, layout=w.Layout(
            grid_template_columns=f"minmax(10em, max-content) repeat({len(shown.columns)}, minmax(4em, max-content))"))]
        self.status.value = (f"{int(counts.to_numpy().sum()):,} in {len(counts):,} rows"
                             + (f" (first {MAX_ROWS} shown)" if len(counts) > MAX_ROWS else "")
                             + f"; counted in {seconds:.2f} s. Click a count to read its sentences.")
        if self.chosen:
            self._show(*self.chosen)

    def _show(self, key, column, page: int) -> None:
        rows, total = self.explorer.evidence(self.view.value, key, column, self.selection(), page)
        self.chosen = (key, column, page)
        title = f"<p><b>{html.escape(str(self.label(key)))} · {html.escape(str(self.label(column)))}</b>: {total:,} "
        self.evidence.value = title + f"rows, {page * PAGE + 1:,}–{page * PAGE + len(rows):,} shown</p>" \
            + _evidence_html(rows, self.label)
        self.pager.children = self._pages(total, page, lambda p: self._show(key, column, p))

    def _search(self, page: int) -> None:
        rows, total = self.explorer.search(self.query.value, self.selection(), page)
        self.found.value = (f"<p>{total:,} sentences</p>" + _evidence_html(rows, self.label)) if total else \
            "<p>No sentence of the selection holds it.</p>"
        self.search_pager.children = self._pages(total, page, self._search)

    def _pages(self, total: int, page: int, go) -> list:
        w = self.w
        buttons = []
        if page > 0:
            back = w.Button(description="previous 50").add_class("explorer-previous")
            back.on_click(lambda _: go(page - 1))
            buttons.append(back)
        if (page + 1) * PAGE < total:
            forward = w.Button(description="next 50").add_class("explorer-next")
            forward.on_click(lambda _: go(page + 1))
            buttons.append(forward)
        return buttons


class LexiconTab:
    """The names the lexicon lacks, added to the analyst's lexicon folder."""

    def __init__(self, w, tagged, lexicons: str):
        self.w = w
        candidates = tagged.tables.get("candidates", pd.DataFrame(columns=["surface", "article_id", "context"]))
        outlets = candidates["article_id"].map(tagged.articles["outlet"])
        summary = candidates.assign(outlet=outlets).groupby("surface").agg(
            count=("article_id", "size"), outlets=("outlet", lambda o: "، ".join(sorted(set(o.dropna())))),
            example=("context", "first")).sort_values("count", ascending=False)
        self.summary = summary
        self.table = w.HTML(display.table(summary.reset_index(), caption="Names the lexicon lacks",
                                          name="candidates").data)
        self.folder = w.Text(value=lexicons, description="folder", placeholder="data/my_story").add_class(
            "lexicon-folder")
        self.name = w.Dropdown(options=list(summary.index), description="name").add_class("lexicon-name")
        known = actor_lexicon(tagged.lexicons).actors
        self.actor = w.Dropdown(options=[(f"{r.name_en} ({r.id})", r.id) for r in known.itertuples()],
                                description="actor").add_class("lexicon-actor")
        self.spelling = w.Button(description="add as a spelling of the actor").add_class("lexicon-add-spelling")
        self.new_id = w.Text(description="new id", placeholder="park_won_gon")
        self.new_name = w.Text(description="English", placeholder="Park Won-gon")
        self.new_type = w.Dropdown(options=["PERSON", "ORG", "COUNTRY", "CITY", "REGION"], description="type")
        self.new_group = w.Text(description="group", placeholder="South Korea")
        self.new_qid = w.Text(description="QID", placeholder="Q…")
        self.create = w.Button(description="add as a new actor").add_class("lexicon-add-actor")
        self.result = w.HTML().add_class("lexicon-result")
        self.spelling.on_click(lambda _: self._run(lambda: add_spelling(self.folder.value, self.actor.value,
                                                                        self.name.value)))
        self.create.on_click(lambda _: self._run(lambda: add_actor(
            self.folder.value, self.new_id.value.strip(), self.new_name.value.strip(), self.new_type.value,
            self.new_group.value.strip(), [self.name.value], wikidata=self.new_qid.value.strip())))
        self.widget = w.VBox([self.table, self.folder, self.name, w.HBox([self.actor, self.spelling]),
                              w.HBox([self.new_id, self.new_name, self.new_type]),
                              w.HBox([self.new_group, self.new_qid, self.create]), self.result])

    def _run(self, change) -> None:
        try:
            diff = change()
        except AnalysisError as err:
            self.result.value = f"<pre style='color:#b00'>{html.escape(str(err))}</pre>"
            return
        self.result.value = (f"<p>Written to {html.escape(self.folder.value)}/actors.tsv; the next tag run "
                             f"with this lexicon folder uses it.</p><pre dir='ltr'>{html.escape(diff)}</pre>")
