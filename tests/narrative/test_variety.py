"""Generated wording varies between units (issue 13): the most common generated sentence of sections 七/八,
measured over the examples and 20 synthetic units, must not appear in most reports.

The synthetic units are the three examples under other names (the wording is chosen by unit name, rule and
field) with a missed indicator, 执行率 below 100% and no deviation reasons, so that more rules fire."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from drafter.model.plaintext import plain_text
from drafter.pipeline import prepare

from conftest import EXAMPLES

SYNTHETIC = 20
MAX_SHARE = 0.40  # before issue 13: 0.74 (17 of 23 reports said "经费预算控制不够严格。"); after: 0.39 (9 of 23)


def synthetic_units(folder: Path) -> list[Path]:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    paths = list(examples)
    for n in range(SYNTHETIC):
        data = yaml.safe_load(examples[n % len(examples)].read_text(encoding="utf-8"))
        data["unit"]["name"] = f"示例区第{n + 1}街道办事处"
        for ind in data["indicators"][:1]:
            ind.update(actual="0个" if ind["target"].endswith("个") else ind["actual"], deviation="", score=None)
        path = folder / f"unit-{n + 1:02d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def generated_sentences(path: Path) -> set[str]:
    narrative = prepare(path).narrative
    out = set()
    for item in [*narrative.problems, *narrative.measures]:
        if item.get("source") == "user":
            continue
        for name in ("title", "problem", "cause", "measure"):
            for sentence in re.split(r"(?<=[。；])", plain_text(item.get(name) or "")):
                if len(sentence.strip()) >= 8:
                    out.add(sentence.strip())
    return out


def most_common_share(paths: list[Path]) -> tuple[float, str]:
    counts = Counter(s for p in paths for s in generated_sentences(p))
    sentence, count = counts.most_common(1)[0]
    return count / len(paths), sentence


def test_the_most_common_generated_sentence_is_in_few_reports(tmp_path: Path):
    share, sentence = most_common_share(synthetic_units(tmp_path))
    print(f"most common generated sentence: {share:.0%} of reports: {sentence}")
    assert share <= MAX_SHARE, (share, sentence)
