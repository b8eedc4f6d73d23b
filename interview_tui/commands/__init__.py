"""The subcommands of `interview`, one module per area; each has `register(subparsers)`."""
