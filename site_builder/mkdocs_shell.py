"""The one seam between the theme and the pages the core writes: the theme's shell per folder.

Pages outside the navigation (procedures, pages of long lists) are written by the core into a
shell: the theme's page for their folder with a marker in each slot (render/shell.py says why).
The shells are real MkDocs pages, built by MkDocs like any other through public plugin events:

- on_files: one generated page per (folder, hidden parts) key, `<folder>/thutucslotname.md`, not
  in the navigation (a second key of the same folder is `thutucslotname2.md`, …);
- on_page_markdown: its page.meta holds the markers (title, description, JSON-LD) and `hide`;
  its Markdown is empty (no table of contents, like the pages it stands for);
- on_page_content: its body is `render.shell.BODY`, the content marker inside a real <h1>;
- on_post_page: the theme's HTML is kept as the folder's shell and nothing is written (MkDocs
  logs "Page skipped" at INFO level for it); on_template_context leaves it out of the sitemap.

What this relies on in the theme (Material for MkDocs 9 with overrides/main.html):
- the body is printed once and as given (`{{ page.content }}`), and the theme adds no <h1> of its
  own to a body that has one (Material's partials/content.html tests `"<h1" in page.content`);
- `page.meta.title` and `page.meta.description` are printed (escaped: markers are plain letters);
- `page.meta.thutuc_jsonld` is printed as is (overrides/main.html);
- links are written relative to the page's own folder, hence one shell per folder.
`render.shell.split_shell` refuses a shell that breaks any of these with a message saying which;
tests/test_shell_seam.py builds the sample and checks every shell.

Other plugins' page events run on a shell once per folder, never once per procedure page:
`other_page_hooks` names the plugins that have such events so the build can warn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from .escaping import terminal
from .render.direct_pages import ShellKey
from .render.shell import BODY, MARKERS, Shell, ShellError, shell_src, split_shell

PAGE_HOOKS = ("on_page_markdown", "on_page_content", "on_page_context", "on_post_page")


class ShellPages:
    """The shell pages of one build: added, filled and captured (see the module's docstring)."""

    def __init__(self, keys: Iterable[ShellKey]) -> None:
        self.keys: dict[str, ShellKey] = {}
        for folder, hide in keys:
            variant = sum(1 for known in self.keys.values() if known[0] == folder)
            self.keys[shell_src(folder, variant)] = (folder, hide)
        self.shells: dict[ShellKey, Shell] = {}

    def files(self, config: MkDocsConfig) -> list[File]:
        return [
            File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV) for src in self.keys
        ]

    def owns(self, src_uri: str) -> bool:
        return src_uri in self.keys

    def meta(self, src_uri: str) -> dict[str, object] | None:
        """A shell's page.meta: the markers (None for another page)."""
        if src_uri not in self.keys:
            return None
        return {
            "title": MARKERS["title"],
            "description": MARKERS["description"],
            "hide": list(self.keys[src_uri][1]),
            "thutuc_jsonld": MARKERS["jsonld"],
        }

    body = BODY

    def capture(self, src_uri: str, html: str) -> None:
        """Keep the theme's page as a shell; MkDocs reports a refused one as a build error."""
        try:
            self.shells[self.keys[src_uri]] = split_shell(html)
        except ShellError as exc:
            raise PluginError(str(exc)) from exc

    def outside(self, files: Iterable[File]) -> list[File]:
        """`files` without the shells (for the sitemap)."""
        return [file for file in files if file.src_uri not in self.keys]

    def captured(self) -> dict[ShellKey, Shell]:
        """Every shell, once MkDocs has built the pages."""
        missing = [src for src, key in self.keys.items() if key not in self.shells]
        if missing:
            raise PluginError(
                f"MkDocs không dựng trang khung {', '.join(missing)}: không ghi được các trang thủ tục "
                "(một plugin khác bỏ qua trang này?)."
            )
        return self.shells


def other_page_hooks(plugins: Mapping[str, object], ours: object) -> dict[str, list[str]]:
    """The other plugins (and hooks modules) with page events: name → its page events."""
    found = {}
    for name, plugin in plugins.items():
        # As MkDocs registers events: a plugin (or a hooks module) has an event if it has the method.
        events = [event for event in PAGE_HOOKS if callable(getattr(plugin, event, None))]
        if events and plugin is not ours:
            found[name] = events
    return found


def hooks_warning(found: Mapping[str, list[str]]) -> str:
    """The warning for `other_page_hooks`: what does not happen, and what to do about it."""
    names = "; ".join(f"«{terminal(name)}» ({', '.join(events)})" for name, events in found.items())
    return (
        f"Plugin {names} xử lý từng trang, nhưng các trang thủ tục và trang danh sách dài không đi qua "
        "xử lý đó: thutuc ghi chúng thẳng từ dữ liệu vào khung trang chung của thư mục, và khung chỉ đi "
        "qua plugin một lần cho cả thư mục. Nếu plugin phải chạy trên mọi trang, đặt «direct_pages: "
        "false» cho plugin thutuc trong mkdocs.yml (dựng chậm hơn nhiều)."
    )


def theme_icons() -> Path | None:
    """Material's icon folder (pages show its icons inline); another theme: pages go without."""
    try:
        import material
    except ImportError:
        return None
    return Path(material.__file__).parent / "templates" / ".icons"
