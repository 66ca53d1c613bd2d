from citecheck.cli import command

raise SystemExit(command())
