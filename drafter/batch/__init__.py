"""A whole district at once: batch drafting in worker processes, the summary workbook, PDF conversion."""
