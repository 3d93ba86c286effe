"""Batch drafting: which files are inputs, output names, failures as results, up-to-date and edited reports."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from drafter.batch.run import (
    SHOWN_ERRORS,
    Job,
    draft_unit,
    find_inputs,
    listed,
    longest_first,
    name_clashes,
    plan,
    run_jobs,
)
from drafter.batch.summary import write_summary
from drafter.kits.precompile import precompile_kit

from conftest import EXAMPLES
from helpers import clean

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def test_folders_give_their_own_input_files_only(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "b.xlsx").write_bytes(b"")
    (tmp_path / "~$b.xlsx").write_bytes(b"")  # Excel's lock file
    (tmp_path / ".hidden.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "kit.yaml").write_text("x", encoding="utf-8")
    extra = tmp_path / "c.json"
    extra.write_text("{}", encoding="utf-8")
    found = find_inputs([tmp_path, extra, tmp_path / "a.yaml"], tmp_path / "out")
    assert [p.name for p in found] == ["a.yaml", "b.xlsx", "c.json"]


def test_each_unit_gets_the_output_name_of_its_input(tmp_path: Path):
    jobs = plan([Path("x/b.json"), Path("a.yaml")], tmp_path, public=True)
    assert [j.output.name for j in jobs] == ["b.docx", "a.docx"]
    assert jobs[1].public_output.name == "a（公开版）.docx"


def test_inputs_sharing_a_name_are_a_clash_whatever_their_order(tmp_path: Path):
    inputs = [Path("x/a.yaml"), Path("y/A.yaml"), Path("a.xlsx"), Path("b.json")]
    assert name_clashes(inputs) == name_clashes(inputs[::-1]) == [[Path("a.xlsx"), Path("x/a.yaml"), Path("y/A.yaml")]]
    assert name_clashes(inputs[2:]) == []
    with pytest.raises(ValueError):
        plan(inputs, tmp_path)


def test_a_broken_input_is_a_failed_result_with_the_readers_message(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("unit:\n  name: 坏\n  year: abc\n", encoding="utf-8")
    result = draft_unit(Job(broken, tmp_path / "broken.docx"))
    assert result.failed
    assert f"{broken} 第3行 unit.year（年度）：应为整数" in result.message
    assert not (tmp_path / "broken.docx").exists()
    assert not result.checked  # its warnings and generated problems are unknown, not none
    assert result.errors_known and all(f.severity == "error" for f in result.findings)
    assert ("第3行 unit.year（年度）", "应为整数，实际为\"abc\"") in [(f.place, f.message) for f in result.findings]


def test_a_failure_with_many_errors_says_the_first_few_one_per_line_and_their_count(tmp_path: Path):
    """A rolled-over input failed in batch with one line of 6,000 characters (51 messages joined by “；”)."""
    broken = tmp_path / "many.yaml"
    amounts = "".join(f"  {k}: 待填写\n" for k in ("initial_budget", "full_budget", "spent", "basic"))
    broken.write_text("unit:\n  name: 坏\n  year: abc\n  report_date: x\nfunds:\n" + amounts
                      + "staffing: {authorized: a, actual: b}\n", encoding="utf-8")
    result = draft_unit(Job(broken, tmp_path / "many.docx"))
    lines = result.message.splitlines()
    assert result.failed and "；" not in result.message.replace("；如", "")
    assert len(lines) == SHOWN_ERRORS + 1 and all(line.startswith(f"{broken} 第") for line in lines[:-1])
    count = int(lines[-1].split()[1])
    assert count > SHOWN_ERRORS and lines[-1] == f"共 {count} 个错误，完整列表见 drafter check {broken}"
    write_summary([result], tmp_path / "汇总.xlsx")  # the summary's cell says the same
    assert openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"].cell(2, 15).value == result.message


def test_a_unit_refused_for_many_findings_lists_the_first_few(tmp_path: Path):
    data = clean()
    for indicator in [*data["indicators"], *data["projects"][0]["evaluation"]["indicators"]]:
        indicator["score"] = indicator["weight"] + 1  # 16 errors: E023 ×8, E024 ×6, E025 ×2
    path = tmp_path / "scores.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps(data, default=str)), allow_unicode=True), encoding="utf-8")
    result = draft_unit(Job(path, tmp_path / "scores.docx", public=True))
    for message in (result.message, result.public_message):
        lines = message.splitlines()
        assert lines[0].startswith("输入数据存在错误，未生成报告") and len(lines) == SHOWN_ERRORS + 2
        assert lines[-1] == f"共 16 个错误，完整列表见 drafter check {path}"


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_a_rolled_over_starter_is_said_with_checks_count(tmp_path: Path, suffix: str):
    """(attacker att40a F19) batch said “共 50 个错误” of an unfilled rollover starter, `drafter check` of the same
    file “共 65 个错误” (its 50 blanks, then the 15 errors the rest of the input shows): the count is check's."""
    from click.testing import CliRunner

    from drafter.cli import main

    starter = tmp_path / f"shili-2025{suffix}"
    runner = CliRunner()
    assert runner.invoke(main, ["rollover", str(EXAMPLES / "shili-2024.yaml"), "-o", str(starter)]).exit_code == 0
    checked = runner.invoke(main, ["check", str(starter)])
    count = int(checked.output.rsplit("共 ", 1)[1].split(" 个错误")[0])
    result = draft_unit(Job(starter, tmp_path / "shili-2025.docx"))
    lines = result.message.splitlines()
    assert result.failed and len(lines) == SHOWN_ERRORS + 1
    assert lines[-1] == f"共 {count} 个错误，完整列表见 drafter check {starter}"
    blanks = int(checked.output.split("以上 ", 1)[1].split(" 项待填写")[0])
    assert count > blanks  # the starter's other errors (E026…) are counted too


def _check_listing(runner, path: Path) -> tuple[int, int, list[tuple[str, str, str, str]]]:
    """`drafter check PATH`: its error and warning counts, and each finding it lists as (code, 错误/警告, message,
    place) — the blanks to fill (stderr `错误：file place：message`, no code) and the findings of the rest."""
    import re

    from drafter.cli import main

    checked = runner.invoke(main, ["check", str(path)])
    assert checked.exit_code == 1, checked.output
    total = re.search(r"共 (\d+) 个错误，(\d+) 个警告", checked.output)
    assert total, checked.output
    listing = []
    for line in checked.stderr.splitlines():
        if line.startswith(f"错误：{path} "):
            place, message = line.removeprefix(f"错误：{path} ").split("：", 1)
            listing.append(("", "错误", message, place))
    for code, message, place in re.findall(r"^  ([EW]\d{3}) (.+)\n      位置：(.+)$", checked.stdout, re.M):
        listing.append((code, "错误" if code.startswith("E") else "警告", message, place))
    return int(total[1]), int(total[2]), listing


def test_a_rolled_over_starter_in_the_summary_is_as_check_lists_it(tmp_path: Path):
    """(att40a F19, left after narr41) the terminal said check's “共 65 个错误” of an unfilled rollover starter,
    but 汇总.xlsx's 错误 column said 50, its 警告 nothing, and 问题清单 listed only the 50 blanks. Now the summary has
    check's counts and every finding check lists, each with its place, for the .yaml and the .xlsx starter."""
    from click.testing import CliRunner

    from drafter.cli import main

    runner = CliRunner()
    folder = tmp_path / "in2"
    folder.mkdir()
    for name in ("shili-2025.yaml", "s2025x.xlsx"):
        assert runner.invoke(main, ["rollover", str(EXAMPLES / "shili-2024.yaml"), "-o",
                                    str(folder / name)]).exit_code == 0
    batch = runner.invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out")])
    assert batch.exit_code == 1, batch.output
    book = openpyxl.load_workbook(tmp_path / "out" / "汇总.xlsx")
    heads = [c.value for c in book["汇总"][1]]
    units = {row[heads.index("输入文件")]: row for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    listed_rows = list(book["问题清单"].iter_rows(min_row=2, values_only=True))
    for name in ("shili-2025.yaml", "s2025x.xlsx"):
        path = folder / name
        errors, warnings, listing = _check_listing(runner, path)
        assert errors > 50 and warnings > 0 and len(listing) == errors + warnings
        row = units[str(path)]
        assert (row[heads.index("错误")], row[heads.index("警告")]) == (errors, warnings)
        summary = [(code or "", level, message, place) for _, code, level, message, place, source in listed_rows
                   if source == str(path)]
        assert sorted(summary) == sorted(listing)
        assert f"共 {errors} 个错误，完整列表见 drafter check {path}" in batch.output


def test_a_count_check_gives_is_said_even_when_few_errors_are_listed():
    assert listed(["a", "b"], Path("x.yaml"), total=7) == "a\nb\n共 7 个错误，完整列表见 drafter check x.yaml"


def test_few_errors_are_all_said_without_a_count():
    assert listed(["a", "b"], Path("x.yaml"), "头") == "头\na\nb"


def test_a_unit_refused_for_its_errors_was_checked(tmp_path: Path):
    seeded = Path(__file__).resolve().parents[1] / "seed_errors" / "000-income-split.yaml"  # E012: no report
    result = draft_unit(Job(seeded, tmp_path / "seeded.docx"))
    assert result.failed and result.checked and result.count("error") >= 1
    assert draft_unit(Job(YUETANG, tmp_path / "y.docx")).checked


def test_one_failure_does_not_stop_the_others(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("{{", encoding="utf-8")
    jobs = plan([broken, YUETANG], tmp_path)
    results = run_jobs(jobs, workers=2)
    assert [r.status for r in results] == ["failed", "written"]
    assert (tmp_path / "yuetang-2022.docx").exists()
    assert results[1].unit == "株洲市荷塘区月塘街道办事处"
    assert {f.key for f in results[1].figures} >= {"funds.spent", "score.total", "score.grade"}


def test_units_are_handed_out_largest_input_first_and_results_come_back_in_the_jobs_order(tmp_path: Path):
    small, large, tie = tmp_path / "small.yaml", tmp_path / "large.yaml", tmp_path / "tie.yaml"
    small.write_text("{{", encoding="utf-8")
    tie.write_text("{{", encoding="utf-8")
    large.write_bytes(YUETANG.read_bytes())
    jobs = plan([small, tmp_path / "gone.yaml", large, tie], tmp_path / "out")
    assert longest_first(jobs) == [2, 0, 3, 1]  # largest, then equal sizes in order, a missing file last
    assert [r.job.input.name for r in run_jobs(jobs, workers=2)] == ["small.yaml", "gone.yaml", "large.yaml",
                                                                      "tie.yaml"]


def test_an_up_to_date_report_is_not_rendered_again(tmp_path: Path):
    job = Job(YUETANG, tmp_path / "r.docx")
    assert draft_unit(job).status == "written"
    before = job.output.stat().st_mtime_ns
    again = draft_unit(job)
    assert again.status == "current" and again.rendered == [] and again.outputs == [job.output]
    assert job.output.stat().st_mtime_ns == before


def test_a_changed_input_is_rendered_again(tmp_path: Path):
    source = tmp_path / "in.yaml"
    shutil.copy(YUETANG, source)
    job = Job(source, tmp_path / "r.docx")
    draft_unit(job)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("head: 李四", "head: 李五"), encoding="utf-8")
    assert draft_unit(job).status == "written"


def test_a_report_scored_by_the_input_s_own_rule_pack_follows_that_pack(tmp_path: Path):
    """No hash in a report covers a pack the input names by path (`rules: sub/x.yaml`): after it is edited, the
    batch renders the unit again instead of keeping a report scored by the old pack."""
    (tmp_path / "sub").mkdir()
    pack = tmp_path / "sub" / "x.yaml"
    pack.write_text("extends: hunan-2023\nname: x\n", encoding="utf-8")
    source = tmp_path / "in.yaml"
    source.write_text(YUETANG.read_text(encoding="utf-8").replace("rules: hunan-2023", "rules: sub/x.yaml"),
                      encoding="utf-8")
    job = Job(source, tmp_path / "r.docx")
    assert draft_unit(job).status == "written"
    pack.write_text("extends: hunan-2023-dengji\nname: x\n", encoding="utf-8")
    assert draft_unit(job).status == "written"
    with zipfile.ZipFile(job.output) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "二等" in body and "良" not in body.split("等级为")[1][:200]  # hunan-2023-dengji's grade, not 良


def test_an_edited_report_is_left_alone_and_named(tmp_path: Path):
    job = Job(YUETANG, tmp_path / "r.docx")
    draft_unit(job)
    document = docx.Document(str(job.output))
    document.add_paragraph("手工补充的一段")
    document.save(str(job.output))
    edited = job.output.read_bytes()
    result = draft_unit(job)
    assert result.status == "edited" and result.left_alone == [job.output]
    assert "r.docx 在 drafter 生成之后被修改过，未覆盖" in result.message
    assert job.output.read_bytes() == edited
    forced = draft_unit(Job(YUETANG, job.output, force=True))
    assert forced.status == "written" and job.output.read_bytes() != edited


def test_public_writes_both_versions(tmp_path: Path):
    job = Job(YUETANG, tmp_path / "r.docx", public=True)
    result = draft_unit(job)
    assert result.rendered == [job.output, tmp_path / "r（公开版）.docx"]
    assert draft_unit(job).status == "current"


def test_batch_writes_the_same_bytes_as_render(tmp_path: Path):
    """The batch composes from its own stages: the result must be render's file, byte for byte."""
    from drafter.pipeline import prepare, render_docx

    job = Job(YUETANG, tmp_path / "r.docx", public=True)
    draft_unit(job)
    assert job.output.read_bytes() == render_docx(prepare(YUETANG))
    assert job.public_output.read_bytes() == render_docx(prepare(YUETANG, public=True))


def test_an_edited_kit_makes_its_reports_render_again(tmp_path: Path):
    """Up to date means the same kit content, not only the same kit name (issue 16)."""
    from drafter.kits.spec import builtin_kits_dir, load_kit
    from drafter.writers.manifest import read_manifest

    kit = Path(shutil.copytree(builtin_kits_dir() / "hunan-standard", tmp_path / "kit"))
    job = Job(YUETANG, tmp_path / "r.docx", kit=str(kit), public=True)
    assert draft_unit(job).status == "written"
    assert read_manifest(job.output.read_bytes()).kit_sha256 == load_kit(str(kit)).content_sha256
    assert draft_unit(job).status == "current"
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("latin: Times New Roman", "latin: Arial"),
                    encoding="utf-8")
    again = draft_unit(job)
    assert again.status == "written" and again.rendered == [job.output, job.public_output]
    assert read_manifest(job.output.read_bytes()).kit_sha256 == load_kit(str(kit)).content_sha256
    assert "Arial" in docx.Document(str(job.output)).styles["公文正文"].element.xml  # drafted with the edited kit
    assert draft_unit(job).status == "current"


def test_a_kit_wording_edited_between_two_units_of_one_process_is_used_by_the_second(tmp_path: Path):
    """Each unit reads the kit's files afresh (resources.file_snapshot: once per unit, not once per process)."""
    from drafter.kits.spec import builtin_kits_dir

    kit = Path(shutil.copytree(builtin_kits_dir() / "hunan-standard", tmp_path / "kit"))
    (kit / "phrasebank").mkdir(exist_ok=True)
    wording = kit / "phrasebank" / "district.yaml"
    texts = []
    for word in ("甲", "乙乙"):
        wording.write_text(f'midyear_addition:\n  measure: ["本区措辞{word}：追加须事先报批。"]\n', encoding="utf-8")
        job = Job(YUETANG, tmp_path / "r.docx", kit=str(kit), force=True)
        assert draft_unit(job).status == "written"
        texts.append("\n".join(p.text for p in docx.Document(str(job.output)).paragraphs))
    assert "本区措辞甲" in texts[0] and "本区措辞乙乙" in texts[1] and "本区措辞甲" not in texts[1]


def test_one_batch_drafts_every_unit_with_one_version_of_the_kit(tmp_path: Path):
    """run_jobs holds one file snapshot for the batch: a kit wording edited while the batch runs (after its first
    unit) is not used by its later units (a batch's reports and 汇总 all follow one kit), and the next batch uses it."""
    from drafter.kits.spec import builtin_kits_dir

    kit = Path(shutil.copytree(builtin_kits_dir() / "hunan-standard", tmp_path / "kit"))
    (kit / "phrasebank").mkdir(exist_ok=True)
    wording = kit / "phrasebank" / "district.yaml"

    def say(word: str) -> None:
        wording.write_text(f'midyear_addition:\n  measure: ["本区措辞{word}：追加须事先报批。"]\n', encoding="utf-8")

    def texts(results: list) -> list[str]:
        return ["\n".join(p.text for p in docx.Document(str(r.job.output)).paragraphs) for r in results]

    say("甲")
    jobs = [Job(YUETANG, tmp_path / f"r{i}.docx", kit=str(kit), force=True) for i in range(3)]
    first = run_jobs(jobs, workers=1, progress=lambda r: say("乙乙"))
    assert [r.status for r in first] == ["written"] * 3
    assert all("本区措辞甲" in t and "本区措辞乙乙" not in t for t in texts(first))
    again = run_jobs(jobs, workers=1)
    assert all("本区措辞乙乙" in t for t in texts(again))


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("zipped", [False, True], ids=["folder", "zip"])
def test_a_kit_renamed_while_the_batch_runs_fails_none_of_its_units(tmp_path: Path, workers: int, zipped: bool):
    """Renaming (or removing) the kit after the batch's first unit failed every later unit, each with its own
    “找不到报告模板” (attacker s39 F24). The batch drafts every unit from its own copy of the kit, made as it starts:
    all are written, from the kit as it was, their reports recording the kit's name (not the copy's folder), and a
    failure names the kit as given."""
    from drafter.kits.spec import builtin_kits_dir
    from drafter.writers.manifest import recorded_kit

    kit = Path(shutil.copytree(builtin_kits_dir() / "hunan-standard", tmp_path / "kit"))
    given = kit
    if zipped:
        given = tmp_path / "kit.zip"
        with zipfile.ZipFile(given, "w") as archive:
            for path in sorted(kit.rglob("*")):
                archive.write(path, path.relative_to(kit).as_posix())
    moved = given.with_name(given.name + ".moved")
    jobs = [Job(YUETANG, tmp_path / f"r{i}.docx", kit=str(given), force=True) for i in range(4)]

    def rename(result) -> None:
        if given.exists():
            given.rename(moved)

    results = run_jobs(jobs, workers=workers, progress=rename)
    assert moved.exists() and not given.exists()
    assert [(r.status, r.message) for r in results] == [("written", "")] * 4
    assert [r.job for r in results] == jobs  # the kit as given
    assert all(recorded_kit(job.output) == "hunan-standard" for job in jobs)
    if not zipped:
        (moved / "kit.yaml").write_text("name: 坏\nsections: 5\n", encoding="utf-8")
        [failed] = run_jobs([Job(YUETANG, tmp_path / "m.docx", kit=str(moved))], workers=workers)
        assert f"{moved / 'kit.yaml'}" in failed.message and "drafter-kit-" not in failed.message, failed.message


def _snapshot_held() -> bool:
    from drafter import resources

    return resources._SNAPSHOT.get() is not None


def test_a_batch_worker_holds_one_file_snapshot_for_its_life():
    """start_worker opens the snapshot each of the worker's units then shares (resources.hold_file_snapshot)."""
    from concurrent.futures import ProcessPoolExecutor

    from drafter.batch.run import start_worker

    with ProcessPoolExecutor(1, initializer=start_worker) as pool:
        assert pool.submit(_snapshot_held).result() is True


def test_a_warm_worker_has_the_kit_loaded_and_renders_the_same_bytes(tmp_path: Path):
    """warm_worker loads each named kit once (a broken one is left for its units to report); what the warm
    worker then writes is what a cold render writes."""
    from drafter.batch.run import warm_worker
    from drafter.kits import spec
    from drafter.pipeline import prepare, render_docx

    spec._SPECS.clear()
    warm_worker((None, "short-five", "no-such-kit"))
    assert {Path(path).parent.name for path, _, _ in spec._SPECS} == {"hunan-standard", "short-five"}
    job = Job(YUETANG, tmp_path / "r.docx", kit="short-five")
    assert draft_unit(job).status == "written"
    assert job.output.read_bytes() == render_docx(prepare(YUETANG, kit="short-five"))


_PRECOMPILED: list[str] = []


def _counting_precompile(kit, real=precompile_kit):
    _PRECOMPILED.append(kit.folder.name)
    return real(kit)


def _precompiled_here() -> list[str]:
    return list(_PRECOMPILED)


def test_a_worker_forked_from_a_warm_process_loads_only_the_kits_it_lacks(monkeypatch):
    """A batch of the warm process forks its workers from a process whose kit is loaded: a worker loads only the
    kits its jobs name that the process had not (issue 17: ~3 ms and ~600 copied pages a worker saved)."""
    from concurrent.futures import ProcessPoolExecutor

    from drafter.batch import run
    from drafter.batch.run import start_worker, warm_worker
    from drafter.kits import precompile

    monkeypatch.setattr(run, "_warmed", set())  # as a process that warmed nothing yet
    warm_worker((None,))
    monkeypatch.setattr(precompile, "precompile_kit", _counting_precompile)
    _PRECOMPILED.clear()
    with ProcessPoolExecutor(1, initializer=start_worker, initargs=((None, "short-five"),)) as pool:
        assert pool.submit(_precompiled_here).result() == ["short-five"]


def test_two_workers_write_what_one_writes(tmp_path: Path):
    inputs = [shutil.copy(p, tmp_path / p.name) for p in sorted(EXAMPLES.glob("*.yaml"))]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = run_jobs(plan([Path(p) for p in inputs], tmp_path / "one"), workers=1)
    two = run_jobs(plan([Path(p) for p in inputs], tmp_path / "two"), workers=2)
    assert [r.status for r in one] == [r.status for r in two] == ["written"] * len(inputs)
    for a, b in zip(one, two, strict=True):
        assert a.outputs[0].read_bytes() == b.outputs[0].read_bytes()


def _started_batch(tmp_path: Path, units: int) -> subprocess.Popen[str]:
    """`drafter batch --jobs 2` in a process of its own over `units` copies of an example, its first unit done."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(units):
        shutil.copy(YUETANG, inputs / f"u{i:03d}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "drafter.cli", "batch", str(inputs), "-o", str(tmp_path / "out"),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "DRAFTER_WARM": "0"})
    assert proc.stdout is not None
    assert "[1/" in proc.stdout.readline()
    return proc


def _reports_settle(out: Path) -> int:
    """The number of reports in `out` once no more appear (asserting that none does over 1.5 s)."""
    import time

    time.sleep(0.5)
    written = len(list(out.glob("*.docx")))
    time.sleep(1.5)
    assert len(list(out.glob("*.docx"))) == written
    return written


def test_ctrl_c_stops_handing_out_units(tmp_path: Path):
    import signal

    proc = _started_batch(tmp_path, 120)
    proc.send_signal(signal.SIGINT)  # to the batch's process only: its workers ignore Ctrl-C anyway
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "已中断（Ctrl-C）" in err and "Traceback" not in err
    assert _reports_settle(tmp_path / "out") < 60  # queued units were not drafted after the interruption
    assert not (tmp_path / "out" / "汇总.xlsx").exists()


def test_workers_end_with_a_killed_batch(tmp_path: Path):
    import signal

    proc = _started_batch(tmp_path, 120)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGTERM
    assert _reports_settle(tmp_path / "out") < 60  # no orphaned worker went on writing reports


def test_a_drafted_unit_leaves_nothing_for_the_cyclic_collector(tmp_path: Path):
    # a batch worker drafts unit after unit: what one unit made must go when its result does, by reference
    # counting alone — a cycle (a template macro kept in the context it reads) would keep the unit's whole model,
    # figures and document alive until the collector walks them all (~2 % of a unit's time)
    import gc

    first, second = (Job(EXAMPLES / name, tmp_path / f"{Path(name).stem}.docx")
                     for name in ("yuetang-2022.yaml", "wangyue-2023.yaml"))
    assert draft_unit(first).status == "written"  # first-use caches filled
    gc.collect()
    gc.disable()
    try:
        assert draft_unit(second).status == "written"
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_kit_s_switched_off_checks_and_problem_rules_apply_in_a_batch_as_in_render(tmp_path: Path):
    """The batch leaves out what the kit switches off, as `render` does: its report is render's, byte for byte
    (it generated the problem the kit switched off, and listed the warning)."""
    from drafter.kits.new import new_kit
    from drafter.pipeline import prepare, render_docx

    kit = new_kit(tmp_path / "kit", "hunan-standard")
    with (kit / "kit.yaml").open("a", encoding="utf-8") as spec:
        spec.write("disabled_problems: [missed_indicator]\ndisabled_checks: [W045]\n")
    source = EXAMPLES / "yuetang-2022.yaml"
    [result] = run_jobs([Job(source, tmp_path / "out.docx", str(kit))], workers=1)
    assert result.status == "written", result.message
    assert "W045" not in [f.code for f in result.findings]
    draft = prepare(source, str(kit))
    assert "missed_indicator" not in [p["rule"] for p in draft.narrative.problems]
    assert (tmp_path / "out.docx").read_bytes() == render_docx(draft)


def test_two_public_versions_named_alike_are_both_refused_never_one_overwriting_the_other(tmp_path: Path):
    """Two inputs of one unit and year, each named after its confidential project: their public versions both take
    the neutral name <单位名称><年度>年度（公开版）.docx. The second silently overwrote the first, and 汇总 linked both
    rows to it (attacker); now both are refused, the file removed, the full reports written."""
    import yaml

    data = yaml.safe_load(YUETANG.read_text(encoding="utf-8"))
    secret = data["projects"][0]["name"]
    data["projects"][0]["confidential"] = True
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in (secret, f"{secret}-修订"):
        (folder / f"{stem}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    results = run_jobs(plan(find_inputs([folder], out), out, public=True), workers=1)
    assert [r.status for r in results] == ["written", "written"]
    assert all("公开版同名" in r.public_refused and secret not in r.public_refused for r in results)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{r.job.input.stem}.docx" for r in results)


@pytest.mark.parametrize("written", [True, False])
def test_a_unit_s_findings_in_a_batch_are_check_s_placeholders_included(tmp_path: Path, written: bool):
    """The summary counts what check and render count for the same input, W051 (a 【待填写】 left in the draft)
    included — it was left out (final attacker F8: 2 warnings in 汇总, 3 from check) — whether the report is
    written now or already up to date."""
    from drafter.pipeline import check_input

    hetang = EXAMPLES / "hetang-gov-2022.yaml"
    job = Job(hetang, tmp_path / "h.docx")
    first = draft_unit(job)
    result = first if written else draft_unit(job)
    assert result.status == ("written" if written else "current")
    assert [f.code for f in result.findings] == [f.code for f in check_input(hetang).findings]
    assert "W051" in [f.code for f in result.findings]


def test_a_placeholder_in_the_public_summary_quotes_no_paragraph_of_the_full_version(tmp_path: Path):
    """W051's message quotes the opening of the full version's paragraph, which may name a confidential project's
    indicator: the public summary says the placeholder without it (final attacker F29)."""
    result = draft_unit(Job(EXAMPLES / "hetang-gov-2022.yaml", tmp_path / "h.docx", public=True))
    [gap] = [f for f in result.findings if f.code == "W051"]
    assert "该段以" in gap.message and "该段以" not in gap.public and "【待填写：偏差原因】" in gap.public


def test_a_public_name_clash_is_said_as_the_second_unit_ends_and_the_first_is_revised(tmp_path: Path):
    """batch printed “[1/2] 已生成：…” for both, the refusal only after the run; now the unit that meets the name
    is told of with its public version refused, and the one before is said again (`revised`)."""
    import yaml

    data = yaml.safe_load(YUETANG.read_text(encoding="utf-8"))
    secret = data["projects"][0]["name"]
    data["projects"][0]["confidential"] = True
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in (secret, f"{secret}-修订", f"{secret}-再订"):
        (folder / f"{stem}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    told: list[tuple[str, str, str]] = []
    results = run_jobs(plan(find_inputs([folder], out), out, public=True), workers=1,
                       progress=lambda r: told.append(("progress", r.job.input.stem, r.public_refused)),
                       revised=lambda r: told.append(("revised", r.job.input.stem, r.public_refused)))
    stems = [r.job.input.stem for r in results]
    assert [(what, stem, bool(refused)) for what, stem, refused in told] == [
        ("progress", stems[0], False), ("progress", stems[1], True), ("revised", stems[0], True),
        ("progress", stems[2], True)]
    assert all("本批 3 个输入的公开版同名" in r.public_refused for r in results)  # the final count, in each
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{stem}.docx" for stem in stems)


def test_a_public_version_never_takes_the_name_of_another_inputs_full_report(tmp_path: Path):
    """a.yaml and a（公开版）.yaml under --public: the public version of the first is the full report of the second;
    the batch wrote both to one file (the district's 公开版 held the other unit's full report, attacker D7). Now a
    clash refused up front, as inputs sharing a name are; without --public there is none."""
    from click.testing import CliRunner

    from drafter.batch.run import clashing_report
    from drafter.cli import main

    inputs = [Path("in/a.yaml"), Path("in/a（公开版）.yaml"), Path("in/b.yaml")]
    assert name_clashes(inputs) == []
    assert name_clashes(inputs, public=True) == [[Path("in/a.yaml"), Path("in/a（公开版）.yaml")]]
    assert clashing_report(name_clashes(inputs, public=True)[0], public=True) == "a（公开版）.docx"
    with pytest.raises(ValueError):
        plan(inputs, tmp_path, public=True)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "shili-2024.yaml", folder / "a.yaml")
    shutil.copy(YUETANG, folder / "a（公开版）.yaml")
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out"), "--public"])
    assert result.exit_code == 2 and "→ a（公开版）.docx" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_public_version_named_after_the_unit_never_replaces_another_inputs_full_report(tmp_path: Path):
    """An input named after its confidential project gets a public version named after the unit and year; an input
    of the batch already named so would have its full report replaced. That public version is refused instead."""
    import yaml

    data = yaml.safe_load(YUETANG.read_text(encoding="utf-8"))
    secret = data["projects"][0]["name"]
    data["projects"][0]["confidential"] = True
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{secret}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    taken = f"{data['unit']['name']}{data['unit']['year']}年度（公开版）"
    shutil.copy(EXAMPLES / "shili-2024.yaml", folder / f"{taken}.yaml")
    out = tmp_path / "out"
    out.mkdir()
    results = run_jobs(plan(find_inputs([folder], out), out, public=True), workers=1)
    by_input = {r.job.input.stem: r for r in results}
    assert "与本批另一输入的报告同名" in by_input[secret].public_refused
    assert secret not in by_input[secret].public_refused
    assert docx.Document(str(out / f"{taken}.docx")).core_properties.author == "示例市示例区示范街道办事处"


def test_a_broken_link_or_a_pipe_named_as_an_input_is_a_failed_unit_not_a_missing_one(tmp_path: Path):
    """A folder with a link to a deleted input and a pipe named *.yaml: batch dropped both silently (汇总 had no row,
    exit 0; attacker D2). Each is now a unit that failed, saying why, and the batch exits 1."""
    from click.testing import CliRunner

    from drafter.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "shili-2024.yaml", folder / "ok.yaml")
    (folder / "gone.yaml").symlink_to(tmp_path / "deleted.yaml")
    os.mkfifo(folder / "pipe.yaml")
    assert [p.name for p in find_inputs([folder], tmp_path / "out")] == ["gone.yaml", "ok.yaml", "pipe.yaml"]
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "gone.yaml：是指向" in result.output and "而该文件不存在" in result.output
    assert "pipe.yaml：不是普通文件" in result.output


def test_batch_never_swaps_a_public_version_and_a_full_one_under_one_name(tmp_path: Path):
    """An earlier run's b（公开版）.docx (b's public version) was replaced silently by the full report of an input
    named b（公开版）.yaml; and a full report so named was taken as the up-to-date public version of b.yaml (final
    attacker C1, C2). The unit (or its public version) is refused now, as render refuses it."""
    first, second, out = tmp_path / "in1", tmp_path / "in2", tmp_path / "out"
    first.mkdir()
    second.mkdir()
    out.mkdir()
    shutil.copy(YUETANG, first / "b.yaml")
    [written] = run_jobs(plan(find_inputs([first], out), out, public=True), workers=1)
    assert (out / "b（公开版）.docx") in written.rendered
    before = (out / "b（公开版）.docx").read_bytes()
    shutil.copy(EXAMPLES / "shili-2024.yaml", second / "b（公开版）.yaml")
    [swapped] = run_jobs(plan(find_inputs([second], out), out), workers=1)
    assert swapped.status == "failed" and "该文件是 drafter 生成的公开版，此次生成的是完整版，未覆盖" in swapped.message
    assert (out / "b（公开版）.docx").read_bytes() == before
    # the reverse: a full report named b（公开版）.docx is no public version of b.yaml, current or not
    (out / "b（公开版）.docx").unlink()
    assert run_jobs(plan(find_inputs([second], out), out), workers=1)[0].status == "written"
    full = (out / "b（公开版）.docx").read_bytes()
    [public] = run_jobs(plan(find_inputs([first], out), out, public=True), workers=1)
    assert "该文件是 drafter 生成的完整版，此次生成的是公开版，未覆盖" in public.public_refused
    assert (out / "b（公开版）.docx").read_bytes() == full


def test_batch_never_writes_a_full_report_under_a_public_name_whose_pdf_remains(tmp_path: Path):
    """b（公开版）.docx deleted, b（公开版）.pdf (b's public version) kept: the full report of an input named
    b（公开版）.yaml took the public name, and --pdf then replaced the public PDF (attacker C10).
    The unit is refused."""
    first, second, out = tmp_path / "in1", tmp_path / "in2", tmp_path / "out"
    for folder in (first, second, out):
        folder.mkdir()
    shutil.copy(YUETANG, first / "b.yaml")
    run_jobs(plan(find_inputs([first], out), out, public=True), workers=1)
    (out / "b（公开版）.docx").unlink()
    (out / "b（公开版）.pdf").write_bytes(b"%PDF-1.4 public\n")
    shutil.copy(EXAMPLES / "shili-2024.yaml", second / "b（公开版）.yaml")
    [refused] = run_jobs(plan(find_inputs([second], out), out), workers=1)
    assert refused.status == "failed" and "（公开版的 PDF），此次生成的是完整版，未写入" in refused.message
    assert refused.outputs == [] and not (out / "b（公开版）.docx").exists()
    assert (out / "b（公开版）.pdf").read_bytes() == b"%PDF-1.4 public\n"
    [public] = run_jobs(plan(find_inputs([first], out), out, public=True), workers=1)  # b's own public version
    assert (out / "b（公开版）.docx") in public.rendered and not public.public_refused


def test_a_unit_whose_text_states_another_figure_fails_and_writes_nothing(tmp_path: Path):
    """E031 (the draft's prose against the computed figures) refuses the unit as check and render do: batch wrote the
    report and counted no error (attacker s36 F4)."""
    from helpers import edited_copy

    said = {"各项重点工作完成情况良好。": "各项重点工作完成情况良好，全年执行数9999.00万元。"}
    source = edited_copy(YUETANG, tmp_path, said, "y.yaml")
    result = draft_unit(Job(source, tmp_path / "y.docx"))
    assert result.status == "failed" and not (tmp_path / "y.docx").exists()
    assert [f.code for f in result.findings if f.severity == "error"] == ["E031"]
    assert "全年执行数在报告中写作 9999.00 万元" in result.message and "第139行" in result.message


@pytest.mark.parametrize("force", [False, True])
def test_a_figure_typed_in_the_users_text_is_refused_in_a_batch_as_check_refuses_it(tmp_path: Path, force: bool):
    """An achievement's “在职人员控制率为80.00%” (26 of 36: 72.22%) is E031 in check and render, which lint would send
    back (L020); batch read the unit without lint's reading, wrote the report and counted no error. It refuses it
    now, with check's findings; with --force it writes it and still lists the E031."""
    from drafter.pipeline import check_input

    data = yaml.safe_load(YUETANG.read_text(encoding="utf-8"))
    data["achievements"][0]["text"] += "全年在职人员控制率为80.00%。"
    source = tmp_path / "a.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = draft_unit(Job(source, tmp_path / "a.docx", force=force))
    said = [f for f in result.findings if f.code == "E031"]
    assert [f.code for f in result.findings] == [f.code for f in check_input(source).findings]
    assert len(said) == 1 and "人员控制率写作 80.00%" in said[0].message and "72.22%" in said[0].message, said
    assert result.status == ("written" if force else "failed")
    assert (tmp_path / "a.docx").exists() is force
