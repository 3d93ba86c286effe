"""The warm drafter process: the `drafter` command hands its command line to a resident process of the same
drafter that has already imported every stage and loaded the built-in kit, and forks one child per command.

A command run this way does exactly what it does in a process of its own — the child runs `drafter.cli.main`
with the caller's arguments, working folder, environment, umask and standard streams (the file descriptors
themselves, passed over the socket) — but skips Python's start-up, the imports and the first use of every
cache: about 0.6 s of a one-report render. Each command runs in its own forked child, so nothing one command
changes is seen by the next; caches keyed by file versions still notice a kit edited between two commands.

- `place`: where the socket lives (a folder only this user can enter) and the key that names it: this
  drafter's code version, interpreter, import path, installed libraries and locale — another drafter, another
  checkout or an upgraded library never reaches this process.
- `client`: the `drafter` script's entry point; falls back to running the command itself whenever the warm
  process is missing, busy starting or refuses, and then starts one for the next command.
- `server`: the resident process; it exits after `IDLE_SECONDS` without a command.

DRAFTER_WARM=0 (or off/no/false) runs every command in its own process and starts no warm process.
Windows has no fork: commands always run in their own process there.
"""
