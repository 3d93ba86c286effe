"""`python -m drafter.cli …` runs the same command line as the `drafter` script."""
from drafter.cli import main

main(prog_name="drafter")
