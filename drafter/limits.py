"""Every bound on untrusted input, kits and templates, as named constants (one place to read and tune).

Each limit is far above anything a real unit-year input or district kit needs (the three examples are
under 30 KB, nest 6 levels and have a few thousand YAML nodes) and far below what exhausts a machine;
every message that enforces one names the file (and field, line or cell) and the limit.
"""
from __future__ import annotations

from decimal import Decimal

MIB = 1024 * 1024

# ---------------------------------------------------------------- input files (.yaml / .json / .xlsx)
MAX_INPUT_BYTES = 20 * MIB  # size of an input file on disk
MAX_YAML_NODES = 200_000  # YAML/JSON values after expanding every alias (*name): stops "billion laughs"
MAX_REREAD_CHARS = 300_000  # a YAML/JSON text up to this long with a syntax error is read again by PyYAML's Python
# parser for its clearer problem texts (~1.5 s at this length); a longer one keeps libyaml's (the Python parser
# would take over a minute on a 20 MB file of empty lines)
MAX_NESTING = 40  # levels of lists/mappings inside each other (the model needs 6)
MAX_NUMBER_CHARS = 40  # characters of one number as written (a 5,000-digit year is refused, not parsed)
MAX_SENTENCE_CONTEXT = 400  # characters before a figure that lint (and E031) read for whose and which year it is:
# a sentence of 20,000 figures held each one's whole prefix (2.8 GB, 142 s); a real sentence says it well within this
MAX_TEXT_CHARS = 20_000  # characters in one text field (a long 成效 paragraph is ~2,000)
MAX_LIST_ITEMS = 2_000  # items of any one list of an input (indicators, 内设机构…; bench renders 2,000 indicators)
MAX_PROJECTS = 500  # projects of an input (one 1-3 table each: MAX_TABLE_BLOCKS; a large unit has ~100)
MAX_PROJECT_INDICATORS = 5_000  # indicators of all projects together (rows of the 1-3 tables; bench: 200 × 9)
MAX_NAME_CHARS = 100  # characters in the unit's name, city and district (they go into the cover and document title)
MAX_MAGNITUDE = Decimal("1e10")  # any amount or number must be below this (万元: 10^14 yuan)
MIN_MAGNITUDE = Decimal("1e-10")  # a number in an indicator's 指标值/完成值 is 0 or at least this: their ratio, the
# achievement in %, then stays within the 28 digits Decimal computes with (an achievement of 10^22 % at most)
MONEY_DECIMALS = 2  # amounts in 万元 are given to at most 2 decimals (see README "金额的小数位")

# ---------------------------------------------------------------- finished reports (`drafter lint`)
MAX_REPORT_BYTES = 50 * MIB  # size of a .docx/.pdf/.txt/.html report on disk (a report with photos is ~5 MB)
MAX_DOCX_PART_BYTES = 64 * MIB  # declared unpacked size of one part of a .docx read (2,000 indicators: 14 MB body)
MAX_DOCX_BYTES = 256 * MIB  # declared unpacked size of all parts of a .docx read
MAX_REPORT_PARAGRAPHS = 100_000  # paragraphs in a .docx body read (2,000 indicators + 200 projects: 41,802)
MAX_REPORT_PAGES = 1_000  # pages of a PDF read (a report is 10 to 60; 2,000 indicators + 200 projects: ~700)
MAX_REPORT_FIGURES = 40_000  # numbers in a report's paragraphs (not its tables' rows) lint reads: the sentence rules
# take about 1 ms per sentence of figures, linearly (a .docx of 95,000 copies of one sentence took 13 minutes and
# 560 MB before); 2,000 indicators + 200 projects: 19,443 in 4,085 sentences
MAX_REPORT_TEXT_BYTES = 5 * MIB  # a .txt/.md report (2,000 indicators + 200 projects: 0.8 MB of text)
MAX_REPORT_HTML_BYTES = 10 * MIB  # an .html report (its text and markup)
MAX_QUOTED_TERMS = 12  # terms of a sum or list a lint finding quotes whole (more: the first 9 … the last 3, 共 N 项)
MAX_QUOTED_CHARS = 300  # characters of a report's text a lint finding quotes whole (more: its start … its end)
MAX_E031_PER_PARAGRAPH = 5  # E031 findings one paragraph of the draft gets; more: one line saying how many more

# ---------------------------------------------------------------- generated prose (problems, measures)
MAX_NAMED_INDICATORS = 10  # indicators one generated problem, cause or measure names (missed, unexplained, far above
# target, met only at a strict bound); more: these first, then 等 N 项 (N the exact count, the rest in 附件1-2/1-3)

# ---------------------------------------------------------------- zip packages (.xlsx inputs, .zip kits)
MAX_XLSX_MEMBER_BYTES = 64 * MIB  # declared unpacked size of one part of a workbook
MAX_XLSX_BYTES = 256 * MIB  # declared unpacked size of all parts of a workbook
MAX_KIT_FILES = 500  # files in a kit .zip
MAX_KIT_MEMBER_BYTES = 20 * MIB  # unpacked size of one file of a kit .zip
MAX_KIT_BYTES = 50 * MIB  # unpacked size of a whole kit .zip
MAX_KIT_FILE_BYTES = 2 * MIB  # a kit's kit.yaml, template or phrasebank file as read

# ---------------------------------------------------------------- kit templates (the Jinja sandbox)
MAX_RENDER_STEPS = 50_000  # loop iterations plus calls in one render (the built-in sections need under 200)
MAX_RENDER_SECONDS = 10.0  # wall-clock time to render one template or string
MAX_RENDER_CHARS = 1_000_000  # characters one render may produce (a whole report is ~50,000)
MAX_REPEAT = 100_000  # longest string or list a template may build by `*`, `+`, `~`, join or replace
MAX_WIDTH = 10_000  # a width, count or padding a template passes to center/indent/format/…
MAX_EXPONENT = 64  # `**` exponent
MAX_INT_BITS = 4_096  # size of an integer a template may compute

# ---------------------------------------------------------------- attachment table specs (templates/tables/, kits)
MAX_TABLE_COLUMNS = 30  # grid columns of one attachment table (the forms have 7 to 11)
MAX_TABLE_ROWS = 5_000  # rows one table may render (an indicator table of a large unit is ~100)
MAX_TABLE_BLOCKS = 500  # tables one repeated block may render (one 1-3 per evaluated project)
MAX_TABLE_STEPS = 200_000  # rows, items and cells one attachment visits (nested `each` over long lists)
MAX_TABLE_CHARS = 1_000_000  # characters of text one attachment's tables may render (like MAX_RENDER_CHARS)
MAX_TABLE_NESTING = 8  # rows/each/when levels inside each other in a spec (the built-in specs need 3)
MAX_LABEL_NESTING = 4  # {label.a} whose text names {label.b}, … levels deep in a table spec (the built-in specs need 2)

# ---------------------------------------------------------------- the web page (`drafter serve`)
MAX_UPLOAD_BYTES = 100 * MIB  # one request's upload: a district's workbooks at once (each still MAX_INPUT_BYTES)
MAX_UPLOAD_FILES = 300  # files in one upload (a district has a few dozen units)
