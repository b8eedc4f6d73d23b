"""The baseline: a bare Textual app with a header, an input and a footer, started like ours."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type a note · Enter saves")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
