"""Aligning two versions of a sequence (a section's paragraphs, a table's rows, the attachment tables) by content.

Why not difflib.SequenceMatcher over the whole sequence: with autojunk on, an item occurring in more than 1% of
a sequence of 200 or more (a repeated row, the same heading text) can no longer anchor a match; with it off, items
repeated d times make each longest-match search O(n·d) and the recursion quadratic. Here each item is made unique
by its occurrence (the 3rd "无" of the old version pairs with the 3rd of the new), so the longest common
subsequence of the exact matches is a longest increasing subsequence: O(n log n) for any input. Between two
exact matches, the runs left over are paired by similarity (shared character pairs, `similarity`), order kept,
within a bounded number of comparisons (at most RUN_LIMIT a run, so ten per item, and TOTAL_LIMIT an alignment);
past the bound, items alike but for their numbers are paired, the rest one by one in order.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from operator import add

Pair = tuple[int | None, int | None]
"""(old index, new index): both set for the same or a changed item; (i, None) removed; (None, j) added."""

SIMILAR = 0.5  # similarity from which two items of a run are taken for one changed item
RUN_LIMIT = 400  # comparisons in one run (old items × new items) before pairing it one by one in order
TOTAL_LIMIT = 5_000  # comparisons in one alignment before every later run is paired one by one
ENDS = 2000  # characters compared at each end of a longer text


def align(old: Sequence[str], new: Sequence[str]) -> list[Pair]:
    """Pairs in document order: the exact matches (longest common subsequence), and between them each run of
    old items against its run of new items (see `pair_run`). Texts compared as given (normalise before)."""
    anchors = _common(old, new)
    pairs: list[Pair] = []
    budget = [TOTAL_LIMIT]
    i = j = 0
    for a, b in [*anchors, (len(old), len(new))]:
        if a > i or b > j:
            pairs.extend(pair_run(old, new, range(i, a), range(j, b), budget))
        if a < len(old):
            pairs.append((a, b))
        i, j = a + 1, b + 1
    return pairs


def _common(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """The longest common subsequence of exact matches, each item keyed by (text, occurrence)."""
    where: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = {}
    for j, text in enumerate(new):
        seen[text] = seen.get(text, 0) + 1
        where[(text, seen[text])] = j
    seen.clear()
    matches: list[tuple[int, int]] = []
    for i, text in enumerate(old):
        seen[text] = seen.get(text, 0) + 1
        found = where.get((text, seen[text]))
        if found is not None:
            matches.append((i, found))
    return increasing(matches)


def increasing(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (i, j) pairs (i increasing) whose j also increases (patience sorting)."""
    tails: list[int] = []  # tails[k]: smallest j ending an increasing run of length k + 1
    tail_at: list[int] = []  # index into matches of that run's last pair
    back: list[int] = []  # each pair's predecessor in its run
    for n, (_, j) in enumerate(matches):
        k = bisect_left(tails, j)
        back.append(tail_at[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = j, n
    out: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(matches[n])
        n = back[n]
    return out[::-1]


def pair_run(old: Sequence[str], new: Sequence[str], olds: range, news: range, budget: list[int]) -> list[Pair]:
    """One run between exact matches. One item each side: a changed item. Otherwise the order-keeping pairing
    with the greatest total similarity, pairs only from SIMILAR; unpaired items are removed or added (a lone
    old item and a lone new item left between two pairs are still paired). A run of more than RUN_LIMIT
    comparisons, or past the alignment's budget (a list of one count, spent here), is paired `_by_wording`."""
    if not olds or not news or (len(olds) == 1 and len(news) == 1):
        return _in_order(olds, news)
    cost = len(olds) * len(news)
    if cost > RUN_LIMIT or cost > budget[0]:
        return _by_wording(old, new, olds, news)
    budget[0] -= cost
    matched = _best_pairing(old, new, olds, news)
    out: list[Pair] = []
    i, j = olds.start, news.start
    for a, b in [*matched, (olds.stop, news.stop)]:
        out.extend(_in_order(range(i, a), range(j, b)) if a - i == 1 and b - j == 1 else
                   [*((x, None) for x in range(i, a)), *((None, y) for y in range(j, b))])
        if a < olds.stop:
            out.append((a, b))
        i, j = a + 1, b + 1
    return out


def _by_wording(old: Sequence[str], new: Sequence[str], olds: range, news: range) -> list[Pair]:
    """A long run, in linear time: items alike but for their numbers (a row whose amounts or scores moved) are
    paired as exact matches are; between them, one by one in order."""
    anchors = _common([_NUMBERS.sub("#", old[i]) for i in olds], [_NUMBERS.sub("#", new[j]) for j in news])
    out: list[Pair] = []
    i, j = 0, 0
    for a, b in [*anchors, (len(olds), len(news))]:
        out.extend(_in_order(olds[i:a], news[j:b]))
        if a < len(olds):
            out.append((olds[a], news[b]))
        i, j = a + 1, b + 1
    return out


_NUMBERS = re.compile(r"[\d.,%]+")


def _in_order(olds: range, news: range) -> list[Pair]:
    """Paired one by one in order; the longer side's surplus removed or added."""
    n = min(len(olds), len(news))
    return [*zip(olds[:n], news[:n], strict=True), *((i, None) for i in olds[n:]), *((None, j) for j in news[n:])]


def _best_pairing(old: Sequence[str], new: Sequence[str], olds: range, news: range) -> list[tuple[int, int]]:
    """Order-keeping pairs of similar items with the greatest total similarity (dynamic programming)."""
    rows, cols = len(olds), len(news)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    grams = [_grams(new[j]) for j in news]
    weight = [[_dice(x, y) for y in grams] for x in (_grams(old[i]) for i in olds)]
    for r in range(rows - 1, -1, -1):
        for c in range(cols - 1, -1, -1):
            take = score[r + 1][c + 1] + weight[r][c] if weight[r][c] >= SIMILAR else -1.0
            score[r][c] = max(take, score[r + 1][c], score[r][c + 1])
    out: list[tuple[int, int]] = []
    r = c = 0
    while r < rows and c < cols:
        if weight[r][c] >= SIMILAR and score[r][c] == score[r + 1][c + 1] + weight[r][c]:
            out.append((olds[r], news[c]))
            r, c = r + 1, c + 1
        elif score[r][c] == score[r + 1][c]:
            r += 1
        else:
            c += 1
    return out


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1: the Dice coefficient of their character pairs (bigrams). Linear in the
    texts' length, unlike difflib's ratio, which is quadratic on long paragraphs (a problem listing hundreds
    of indicators runs to thousands of characters); bigrams keep enough of the order for paragraphs and rows
    built from the same wording with other names and numbers."""
    return _dice(_grams(a), _grams(b))


def _grams(text: str) -> Counter[str]:
    """The text's character pairs; of a text longer than 2 × ENDS, those of its first and last ENDS characters
    (a bound on each comparison: a generated paragraph can run to 50,000 characters)."""
    if len(text) > 2 * ENDS:
        text = text[:ENDS] + text[-ENDS:]
    return Counter(map(add, text, text[1:]) if len(text) > 1 else text)


def _dice(x: Counter[str], y: Counter[str]) -> float:
    total = x.total() + y.total()
    return 2 * (x & y).total() / total if total else 1.0
