"""Refresh's edited tables, row by row. A table the user edited (a cell typed over, a row deleted) is not replaced
whole; when the manifest recorded its rows (`Manifest.rows`), each row the user left as drafter wrote it is replaced by
the new input's row of the same name (`_merge_rows`), and its figures with content controls are rewritten one by one
(refresh_figures). What is left different from the new input is listed row by row (`_kept_rows`): every row still
showing what the new input changed, every row the new input has that the document lacks; a row of drafter's the user
deleted is reported as deleted, and the table's line says what was updated in it. A report written before rows were
recorded has only its figures rewritten, and every row differing from the new input's is listed."""
from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from drafter.figures.itemkeys import split_key
from drafter.figures.naming import item_name
from drafter.lint.structure import squash, vocabulary
from drafter.tracking.changes import Change
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.rendered import alias_of
from drafter.tracking.stale import present_names
from drafter.writers.manifest import W_NS, figure_cells, row_digest, sdt_text, table_rows, tagged_sdts

DELETED = "（文档中已删除此行）"
ADDED = "（新输入新增的行，文档中没有）"
MISSING = "（新输入中没有此行）"
GONE = "（新输入中没有此行，已删去）"
PUT = "（新输入新增的行，已加入）"
_SEP = " | "
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NOTE = re.compile(r"[（(][^（）()#\d]{1,20}[）)]")  # a note in brackets, no figure in it
_WORDS = re.compile(r"[^\d\s.,%（）()：:、/|+\-−—]")  # a character that is no figure, mark or space


@dataclass(frozen=True)
class RowKey:
    """A table row's name for matching it with the fresh table's (`_keyed`): `name` as matched (the numbers in a
    row named by its first text masked: 执行率封顶扣减（执行率#%低于#%…）, 其中：一般公共预算：#), `n` the rows so
    named before it, `shown` the name as written (what the review lists)."""

    name: str
    n: int
    shown: str = field(compare=False)


Rows = dict[RowKey, tuple[etree._Element, list[str]]]


class RowSteps(RefreshState):
    def _merge_rows(self, tag: str, sdt: etree._Element, fresh: etree._Element, label: str) -> None:
        """Edited table TAG (`sdt`): each of its rows the manifest recorded as drafter wrote it, named as one row of
        the FRESH table (and as many times in both), replaced by that row (`result.rows_updated`). Not when the
        fresh table is about another item (附件1-3 of a project the new input renamed): the kept one is the user's."""
        recorded = set(self.old.rows.get(tag, "").split())
        if not recorded or alias_of(sdt) != alias_of(fresh):
            return
        mine, theirs = _keyed(table_rows(sdt)), _keyed(table_rows(fresh))
        kept: set[RowKey] = set()
        if held := self._hold_edited_rows(mine, theirs, recorded):
            groups = _row_groups(mine)
            if groups is None:
                # a row kept as the user has it: the table is held whole, its totals (总分, 等级, 合计) with it — the
                # new input's 总分 beside the user's 得分 would contradict it — and each row the new input changes is
                # listed (`_kept_rows`)
                self.held.update(s for _, s in tagged_sdts(sdt))
                self.held_tables.add(tag)
                return
            # a table of independent groups (附件1-1): only the groups holding a kept row are held, their 合计 with
            # them (a subtotal of the new input's beside the user's row would contradict it); the rest is updated
            held_groups = {groups[key] for key in held}
            kept = {key for key in mine if groups[key] in held_groups}
            self.held.update(s for key in kept for _, s in tagged_sdts(mine[key][0]))
            heads = dict.fromkeys(groups[key] for key in mine if groups[key] in held_groups)
            self.held_groups[tag] = [next(k.shown for k in mine if groups[k] == g) for g in heads]
        counts, fresh_counts = Counter(key.name for key in mine), Counter(key.name for key in theirs)
        written = {key: key.shown for key in theirs}  # each fresh row's name as written (a key matches it by words)
        for key, (tr, cells) in mine.items():
            pair = theirs.get(key)
            if pair is None or key in kept or row_digest(cells) not in recorded \
                    or counts[key.name] != fresh_counts[key.name]:
                continue
            new_tr, new_cells = pair
            if new_cells == cells or len(new_cells) != len(cells):
                continue
            tr.addnext(deepcopy(new_tr))
            tr.getparent().remove(tr)  # type: ignore[union-attr]
            self.touched = True
            self.result.rows_updated.append(Change(tag, f"{label}“{written[key]}”", _shown(cells),
                                                   _shown(new_cells)))
        self._rows_of_input(tag, sdt, theirs, recorded, label, {mine[key][0] for key in kept})

    def _hold_edited_rows(self, mine: Rows, theirs: Rows, recorded: set[str]) -> list[RowKey]:
        """The figures of each row of an edited table the user edited (not as drafter wrote it) that the fresh table
        shows otherwise are held as they are (`held`) when, its figures updated, its numbers would still differ from
        the fresh row's (a figure typed over, a 完成值 typed or left as plain text): its 得分 rewritten beside that
        完成值 would make a row whose score follows from no 完成值 it shows. The row is listed whole
        against the new input's (`_kept_rows`). A row whose user only added words (a note after its label:
        `其他资金（含上级补助）`, a note typed in its 偏差原因 cell, even one quoting a number: `问卷覆盖300户。`) has
        its figures updated. The rows held."""
        found = []
        for key, (tr, cells) in mine.items():
            pair = theirs.get(key)
            if pair is None or pair[1] == cells or row_digest(cells) in recorded:
                continue
            words = _own_words(cells, pair[0], pair[1])
            if _masked(self._updated_numbers(tr), words) != _masked(_numbers(pair[1]), words):
                self.held.update(sdt for _, sdt in tagged_sdts(tr))
                found.append(key)
        return found

    def _updated_numbers(self, tr: etree._Element) -> list[list[str]]:
        """The numbers of each cell of row TR once refresh has updated its figures: each figure the user left as
        drafter wrote it (the old input's) read as the new input's; the rest (a figure typed over, text typed or
        left as plain text) as it stands."""
        figures = {sdt: tag for tag, sdt in tagged_sdts(tr)}
        out = []
        for tc in tr.iter(f"{{{W_NS}}}tc"):
            said, seen = [], set()
            for t in tc.iter(f"{{{W_NS}}}t"):
                sdt = next((a for a in t.iterancestors(f"{{{W_NS}}}sdt") if a in figures), None)
                old = self.old.figures.get(figures[sdt]) if sdt is not None else None
                new = self.new.figures.get(figures[sdt]) if sdt is not None else None
                if sdt is None or old is None or new is None or sdt_text(sdt) != old:
                    said.append(t.text or "")
                elif sdt not in seen:
                    seen.add(sdt)
                    said.append(new)
            out.append("".join(said))
        return _numbers(out)

    def _rows_of_input(self, tag: str, sdt: etree._Element, fresh_rows: Rows, recorded: set[str],
                       label: str, kept: set[etree._Element]) -> None:
        """In edited table TAG (SDT), after `_merge_rows`: each row of drafter's the user left as written that the fresh
        table has none of the name of goes (a 执行率封顶扣减 row the corrected input no longer caps), and each row the
        new input adds that the document never had (not one the user deleted: `_deleted_by_user`) is put after the
        row the fresh table has before it — as a fresh render would have them; a row in a vertical merge is left to
        the review list, as is a row in a group of rows held (KEPT: its rows). Each said in `result.rows_updated`."""
        mine = _keyed(table_rows(sdt))
        mine_names, fresh_names = {k.name for k in mine}, {k.name for k in fresh_rows}
        for key, (tr, cells) in mine.items():
            if key.name not in fresh_names and row_digest(cells) in recorded and not _merged(tr) and tr not in kept:
                tr.getparent().remove(tr)  # type: ignore[union-attr]
                self.touched = True
                self.result.rows_updated.append(Change(tag, f"{label}“{key.shown}”", _shown(cells), GONE))
        new_names = present_names(self.renumbering.labels) - present_names(self.old_labels)
        before = None
        for key, (new_tr, cells) in fresh_rows.items():
            if key in mine:
                before = mine[key][0]
                continue
            if before is None or before in kept or key.name in mine_names or row_digest(cells) in recorded \
                    or _merged(new_tr) \
                    or self._deleted_by_user(new_tr, key.shown, new_names, recorded):
                continue
            copy = deepcopy(new_tr)
            before.addnext(copy)
            before = copy
            self.touched = True
            self.result.rows_updated.append(Change(tag, f"{label}“{key.shown}”", PUT, _shown(cells)))

    def _kept_rows(self) -> None:
        """Each kept table the new input changed too (a conflict): the rows it shows otherwise than the new input
        (`result.rows`: key, "附件1-1“社区服务提升”", document's cells, new input's; ADDED, DELETED or MISSING for a
        row only one has) — with recorded rows, only those the new input changed, a row of drafter's the user deleted
        being `result.rows_deleted` — and the conflict's `after` saying what was updated in it; a table left with no
        such row is no conflict."""
        updated = {c.key for c in self.result.updated}
        conflicts = {c.key: c for c in self.result.conflicts}
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if t in conflicts and t in self.kept_tables]:
            if tag not in self.new.places:
                continue
            fresh = self.new.table(tag)
            recorded = set(self.old.rows.get(tag, "").split())
            rows = self._row_changes(conflicts[tag].label, _keyed(table_rows(sdt)), _keyed(table_rows(fresh)),
                                     recorded, tag)
            stale = [c for c in rows if c.before != DELETED or not recorded]
            self.result.rows.extend(stale)
            self.result.rows_deleted.extend(c for c in rows if c not in stale)
            if stale or not recorded:
                conflicts[tag].after = self._what_happened(tag, sdt, updated, stale)
            else:
                self.result.conflicts.remove(conflicts[tag])
        listed = {t for tags in self.row_tags.values() for t in tags}  # a deleted row: listed once, by its item
        self.result.deleted = [c for c in self.result.deleted if c.key not in listed]

    def _row_changes(self, label: str, mine: Rows, theirs: Rows, recorded: set[str], tag: str) -> list[Change]:
        """The rows of the fresh table (THEIRS) the document's (MINE) shows otherwise or not at all — with RECORDED
        rows, only those the new input changed or added, and those of drafter's the user deleted (DELETED) — and the
        document's rows of drafter's the fresh table has none for."""
        new_names = present_names(self.renumbering.labels) - present_names(self.old_labels)
        out = []
        for key, (tr, cells) in theirs.items():
            shown = mine.get(key)
            changed = not recorded or row_digest(cells) not in recorded
            name, how = f"{label}“{key.shown}”", ""
            if shown is None:
                how = DELETED if not changed or self._deleted_by_user(tr, key.shown, new_names, recorded) else ADDED
                out.append(Change(tag, name, how, _shown(cells)))
            elif _masked(_noted(shown[1]), words := _own_words(shown[1], tr, cells)) != _masked(_noted(cells), words) \
                    and (changed or _figures_differ(shown[1], cells, words) or _worded_figures(shown[1], tr, cells)):
                out.append(Change(tag, name, _shown(shown[1]), _shown(cells)))  # the user's figures against the input's
            else:
                continue
            if how != DELETED or not recorded:
                self.stale_rows.add(row_digest(cells))
            if how == DELETED:
                self.row_tags.setdefault(tag, set()).update(t for t, _ in tagged_sdts(tr))
        out += [Change(tag, f"{label}“{key.shown}”", _shown(cells), MISSING) for key, (_, cells) in mine.items()
                if key not in theirs and (not recorded or row_digest(cells) in recorded)]
        return out

    def _deleted_by_user(self, tr: etree._Element, name: str, new_names: set[str], recorded: set[str]) -> bool:
        """Whether fresh row TR (named NAME), which the document lacks and the new input changed, is one the user
        deleted rather than one the new input adds: its figures were drafter's and the user deleted them (the manifest
        records them, the document had none of them before refresh); a row without figures (附件1-1's row of a
        project), or any row of a table whose rows were not recorded, unless it is named after an item only the new
        input has (NEW_NAMES)."""
        tags = [tag for tag, _ in tagged_sdts(tr)]
        if tags and all(tag in self.old.figures and tag not in self.present_before for tag in tags):
            return True
        return (not tags or not recorded) and name not in new_names

    def overwritten_rows(self, tag: str, sdt: etree._Element, fresh: etree._Element) -> str:
        """What rewriting the edited table TAG (`sdt`) as FRESH (take_input) undoes, in Chinese: the rows it restores
        (the user deleted them), overwrites (the user edited them: with recorded rows, those drafter did not write;
        else those unlike the fresh row) and removes (the user added them), each by name."""
        recorded = set(self.old.rows.get(tag, "").split())
        mine, theirs = _keyed(table_rows(sdt)), _keyed(table_rows(fresh))

        def edited(key: RowKey) -> bool:
            cells = mine[key][1]
            return row_digest(cells) not in recorded if recorded else cells != theirs[key][1]

        kinds = (("恢复了手工删除的行", [key for key in theirs if key not in mine]),
                 ("覆盖了手工修改的行", [key for key in theirs if key in mine and edited(key)]),
                 ("删去了手工添加的行", [key for key, (_, cells) in mine.items()
                                        if key not in theirs and row_digest(cells) not in recorded]))
        said = "；".join(f"{what}“{'”“'.join(key.shown for key in keys)}”" for what, keys in kinds if keys)
        return f"整张表格已按新输入重写：{said}" if said else "整张表格已按新输入重写，手工修改未保留"

    def _rows_written(self, tag: str, sdt: etree._Element) -> str:
        """What the manifest records of table TAG's rows after refresh (see `Manifest.rows`): the fresh render's for
        a table replaced or untouched; for a kept one, the rows drafter wrote that it still shows and the new input's
        rows except those it lacks or shows otherwise (listed until resolved); nothing if nothing was recorded."""
        if tag not in self.kept_tables:
            return self.fresh_rows(tag)
        recorded = self.old.rows.get(tag, "").split()
        if not recorded or tag not in self.new.places:
            return " ".join(recorded)
        fresh = self.new.table(tag)
        shown = {row_digest(cells) for _, cells in table_rows(sdt)}
        digests = [d for d in recorded if d in shown]
        digests += [d for _, cells in table_rows(fresh) if (d := row_digest(cells)) not in self.stale_rows]
        return " ".join(dict.fromkeys(digests))

    def fresh_rows(self, tag: str) -> str:
        """The digests of the fresh render's table TAG's rows ("" when it has none): as its manifest records them (the
        writer digests the rows it writes, as it hashes the tables refresh compares), not read again from the table."""
        return self.new.manifest.rows.get(tag, "")

    def _what_happened(self, tag: str, sdt: etree._Element, updated: set[str], stale: list[Change]) -> str:
        """The conflict line's account of an edited table: what of it was updated, how many rows are left."""
        if tag in self.held_tables:
            left = f"，{len(stale)} 行与新输入不同，见“需要复核”" if stale else ""
            return f"未更新：其中手工修改的行与新输入不同，整张表（含总分等合计）保留原样，以免表格前后矛盾{left}"
        rows = sum(1 for c in self.result.rows_updated if c.key == tag)
        figures = sum(1 for t, _ in tagged_sdts(sdt) if t in updated)
        done = "、".join(x for x in (f"{rows} 行" if rows else "", f"{figures} 个数字" if figures else "") if x)
        said = f"已按新输入更新其中未经手工修改的 {done}" if done else "其中没有可单独更新的内容"
        if groups := self.held_groups.get(tag):
            said += (f"；“{'”“'.join(g.strip('　 ：:') for g in groups)}”{'各' if len(groups) > 1 else ''}组各行"
                     "（含其合计）因其中有手工修改的行而保留原样，以免合计与所列各行前后矛盾")
        left = f"，{len(stale)} 行与新输入不同，见“需要复核”" if stale else ""
        return f"未整体更新，{said}{left}"


def _keyed(rows: list[tuple[etree._Element, list[str]]]) -> Rows:
    """Rows by (name, how many rows so named came before): a row is named by the list item its figures are about
    when one of its cells reads that name (an indicator row: its 三级指标, never the 一级/二级 it shares with others, or
    the merged cells it continues), else by its first cell with text."""
    seen: Counter[str] = Counter()
    out = {}
    for tr, cells in rows:
        texts = [cell.strip().strip("　") for cell in cells]
        named = (item_name(tag, alias_of(sdt)) for tag, sdt in tagged_sdts(tr) if split_key(tag) is not None)
        item = next((n for n in named if n and n in texts), "")
        shown = item or next((t for t in texts if t), "（空行）")
        name = item or _unnoted(_NUMBER.sub("#", shown) if _WORDS.search(shown) else shown)
        out[RowKey(name, seen[name], shown)] = (tr, cells)
        seen[name] += 1
    return out


def _row_groups(rows: Rows) -> dict[RowKey, int] | None:
    """Each row's group in a table of independent groups of rows, each summed within itself (附件1-1: 三公经费 and
    its parts, 项目支出 with its categories and projects, 公用经费 with its 其中 rows, 政府采购金额…:
    templates/lint.yaml `base_row_groups`): a group starts at a row whose label (not indented, as a project's is)
    starts with one of those words. None for a table with no such row (附件1-2, 1-3: their 总分 adds up every row)."""
    heads = vocabulary()["base_row_groups"]
    out, group, found = {}, 0, False
    for key, (_, cells) in rows.items():
        label = next((cell for cell in cells if cell.strip()), "")
        if label[:1] not in " 　\t" and any(squash(label).startswith(head) for head in heads):
            group, found = group + 1, True
        out[key] = group
    return out if found else None


def _figures_differ(mine: list[str], theirs: list[str], words: set[int]) -> bool:
    """Whether a row the user edited shows other numbers than the new input's row (`12场` typed over as `8场`), not
    only other words (a note typed in its 偏差原因 cell, the cells WORDS: `_own_words`)."""
    return _masked(_numbers(mine), words) != _masked(_numbers(theirs), words)


def _own_words(mine: list[str], theirs_tr: etree._Element, theirs: list[str]) -> set[int]:
    """The cells of a row in which the user only wrote words of their own: a cell of text in the new input's row
    (THEIRS_TR: no figure's content control, no number with at most a unit) still holding that text, with the
    user's words around it, that reads as no figure either — a note typed in the 偏差原因 cell, numbers and all
    (`问卷覆盖300户。`). Such a cell is the user's own text, kept and not compared (README: refresh)."""
    return {i for i, (tagged, m, t) in enumerate(zip(figure_cells(theirs_tr), mine, theirs, strict=False))
            if m != t and not tagged and not _a_figure(t) and not _a_figure(m)
            and "".join(t.split()) in "".join(m.split())}


def _masked(cells: list, words: set[int]) -> list:
    """CELLS (texts, or the numbers each holds), each of the cells WORDS as empty."""
    return [cell[:0] if i in words else cell for i, cell in enumerate(cells)]


def _numbers(cells: list[str]) -> list[list[str]]:
    """The numbers each cell of a row holds, in order."""
    return [_NUMBER.findall(cell) for cell in cells]


def _worded_figures(mine: list[str], theirs_tr: etree._Element, theirs: list[str]) -> bool:
    """Whether a figure's cell of the new input's row (THEIRS_TR: a figure's content control, or a number with at
    most a unit, `12场`, `≥10场`) reads otherwise in the document although its numbers are the same (`110.00（含结转）`,
    `12场（含线上）`): words typed into a figure change what it says, and the row is listed. A cell of text (a 偏差原因
    typed in) is the user's own words, kept and not listed, as an edited paragraph the input left alone is."""
    return any((tagged or _a_figure(t)) and "".join(m.split()) != "".join(t.split())
               for tagged, m, t in zip(figure_cells(theirs_tr), mine, theirs, strict=False))


def _a_figure(text: str) -> bool:
    """A cell's text that is a figure: a number with at most a few characters of unit (`12场`, `≥10个`, `99.50%`)."""
    return bool(_NUMBER.search(text)) and len(_WORDS.findall(text)) <= _UNIT_CHARS


_UNIT_CHARS = 4  # 万元/平方米/人次: a longer text around a number is words, not a unit


def _unnoted(name: str) -> str:
    """A row's name without the notes a user adds to a label in brackets (`其他资金（含上级补助）：#` is `其他资金：#`,
    `其中：办公经费（含印刷）` is `其中：办公经费`): the same row relabelled, not one deleted and another added.
    A bracket holding a figure (`执行率封顶扣减（执行率#%低于#%…）`) is part of the name."""
    return _NOTE.sub("", name) or name


def _noted(cells: list[str]) -> list[str]:
    """A row's cells, its first with text (its label, what `_keyed` names it by) without the notes in brackets a
    user adds to a label (`_unnoted`)."""
    first = next((i for i, cell in enumerate(cells) if cell.strip()), 0)
    return [_unnoted(cell) if i == first else cell for i, cell in enumerate(cells)]


def _merged(tr: etree._Element) -> bool:
    """Whether row TR holds a cell of a vertical merge (removing or adding it would break the merge)."""
    return next(tr.iter(f"{{{W_NS}}}vMerge"), None) is not None



def _shown(cells: list[str]) -> str:
    """A row's cells after its first, as the review list shows them (an empty cell as 空)."""
    return _SEP.join(cell or "空" for cell in cells[1:])
