"""`interview config`: where the config file is, whether it exists, and what it can change."""

from __future__ import annotations

import argparse

from interview_tui.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "config",
        help="where the config file is (keys and theme), and every key it can remap",
        description="Print where the config file is read from and whether it exists, then every key "
        "binding by its id, which the file's [keys] table can remap. $INTERVIEW_CONFIG names another file.",
    )
    command.add_argument("--keys", action="store_true", help="also list every binding id and its default key")
    command.set_defaults(handler=show_config)


def show_config(args: argparse.Namespace) -> int:
    from interview_tui.config import config_path, load_config

    path = config_path()
    config = load_config(path)  # a broken file is an error here too: exit 2, naming the line
    if config.exists:
        print(_("Config file: {path} (exists)").format(path=path))
        print(_("Theme: {theme}").format(theme=config.theme or _("default")))
        for binding_id, keys in sorted(config.keys.items()):
            print(_("Key: {id} = {keys}").format(id=binding_id, keys=keys))
    else:
        print(_("Config file: {path} (does not exist yet; the defaults apply)").format(path=path))
        print(_("To remap a key or pick a theme, create it, for example:"))
        print()
        print('    theme = "textual-light"')
        print()
        print("    [keys]")
        print('    skip-phase = "f9"')
        print('    mark-skipped = "f12"')
    if args.keys:
        from interview_tui.tui.user_config import bindings_by_screen

        for where, bindings in bindings_by_screen().items():
            print()
            print(_("[keys] ids for the {screen} screen:").format(screen=where))
            for binding in bindings:
                print(f"    {binding.id:<24} {binding.key:<22} {binding.tooltip or binding.description}")
    else:
        print()
        print(_("`interview config --keys` lists every binding id and its default key."))
    return 0
