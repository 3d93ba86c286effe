"""The local web page (`drafter serve`): upload an input, see its findings, preview and download the report,
explain, diff, refresh and batch — each page only parses the upload, calls the same stages as the command line
and renders the result (Chinese)."""
