#!/usr/bin/env python3
"""The README restructure of issue 21 point 8, done mechanically so it can be done again after
later merges: README.md keeps its top (the two commands, the introduction), the sections KEEP
names and a "Documentation" list of links; every other "## " section moves whole, in README order,
into the site page MOVES names (src/site/markdown/<page>.md, written anew on each run: run it on
the README as merged, before the move). A section whose text a generated page
already carries (GENERATED) is dropped, its "### " subsections moved as MOVES says. A section this
script does not know stops it, naming the section: add it to one of the tables and run it again.

Run from the repository root: python3 src/docs/readme-move.py
"""
import re
import sys
from pathlib import Path

KEEP = ["The example", "License"]
# section heading (as written after "## ", up to the first ":" or "`") -> page, the page's title
MOVES = {
    "Goals": ("goals", "Goals, parameters and how the build writes"),
    "RHEL 4 and RHEL 5 guests": ("rhel45", "RHEL 4 and RHEL 5 guests"),
    "Safety": ("safety", "Safety: hostile images, guests and POMs"),
    "Applying the bundle": ("applying", "Applying the bundle: image root and live guest"),
    "Bring in existing guests": ("import", "Bring in existing guests: xenpv:import"),
    "Packaging and release": ("release", "Packaging and release: xenpv:bundle"),
    "Your own templates": ("templates", "Your own templates and their data model"),
    "How the files map to the procedure": ("procedure", "How the files map to the procedure"),
    "Benchmark": ("benchmark", "Benchmark"),
    "Architecture": ("architecture", "Architecture"),
    "Development": ("development", "Development"),
}
# sections whose own text is a generated site page: (page it is on, page for their ### subsections, title)
GENERATED = {
    "The guest declaration": ("guest-reference", "boot", "The guest at boot: load order, failing drivers, kernels, NICs"),
    "Validation rules": ("validation", None, None),
}
# what the move changes in a moved page: page -> [(its "### " subsection, the subsection's new text)]
POST_EDITS = {"development": [("### The plugin site\n", """### The plugin site

`mvn site` writes `target/site/`: `index.html` (the README's introduction), `usage.html` (the
example, `pluginGroups` and the release pipeline), `examples.html` (worked examples: a reactor, a
release, an import), `guest-reference.html` (every element of a guest, its type, default and
meaning, and an outline of where each goes), `validation.html` (every rule and why), the manual
moved from the README (`goals.html`, `applying.html`, `boot.html`, `import.html`, `release.html`,
`templates.html`, `procedure.html`), the developers' pages (`architecture.html`,
`development.html`, `benchmark.html`), `plugin-info.html` and one page per goal
(`validate-mojo.html`, `generate-mojo.html`, `bundle-mojo.html`, `import-mojo.html`,
`help-mojo.html`) with every parameter, its property, default and description
(maven-plugin-report-plugin), and the project reports (license, SCM, issues, team,
dependencies). `src/site/markdown/` holds the written pages; `SitePagesTest` keeps their text in
step with the README and the examples, and checks that this list, the menu and the README's links
name every page.

The guest element reference and the validation rules are generated from one file,
`src/docs/guest-reference.txt`: after changing it, or adding a setter to a POM bean of
`io.github.xenpv.model`, run `mvn -o -B test -Dtest=GuestReferenceTest -Dxenpv.updateDocs=true`.
`GuestReferenceTest` fails while a page differs from the file (naming the lines), while the file
misses an element the model binds or names one it does not, and while an element that holds a
value has no rule. When a merge brings hand edits of a generated table into a page, add
`-Dxenpv.adoptDocs=<that page>`: its element and rule rows go into the file first, then every
page is written from it.

""")]}
PAGE_TITLES = {"guest-reference": "Guest element reference", "validation": "Validation rules"}


def key(heading):
    return re.split(r"[:`]", heading)[0].strip()


def sections(text):
    """(top, [(heading, body)]) split at "## " lines outside code fences."""
    parts, heading, lines, fence = [], None, [], False
    top = None
    for line in text.split("\n"):
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("## "):
            if heading is None:
                top = "\n".join(lines)
            else:
                parts.append((heading, "\n".join(lines)))
            heading, lines = line[3:], []
        else:
            lines.append(line)
    parts.append((heading, "\n".join(lines)))
    return top, parts


def subsections(body):
    """The text before the first "### " line, and the rest (fences respected)."""
    fence = False
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("### "):
            return "\n".join(lines[:i]), "\n".join(lines[i:])
    return body, ""


def promoted(text):
    """### headings become ## (outside fences), for a page whose sections were subsections."""
    out, fence = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fence = not fence
        out.append(line[1:] if not fence and line.startswith("### ") else line)
    return "\n".join(out)


def main():
    readme = Path("README.md")
    top, parts = sections(readme.read_text())
    unknown = [h for h, _ in parts if key(h) not in KEEP and key(h) not in MOVES and key(h) not in GENERATED]
    if unknown:
        sys.exit("readme-move.py: no place for README section(s): " + "; ".join(unknown))
    pages = {}       # page -> [section text]
    titles = {}
    held = {}        # page -> [heading]
    kept = []
    for heading, body in parts:
        k = key(heading)
        if k in KEEP:
            kept.append((heading, body))
        elif k in MOVES:
            page, title = MOVES[k]
            titles[page] = title
            pages.setdefault(page, []).append("## " + heading + "\n" + body.rstrip("\n") + "\n")
            held.setdefault(page, []).append(heading)
        else:
            on, sub_page, sub_title = GENERATED[k]
            titles[on] = PAGE_TITLES[on]
            held.setdefault(on, []).append(heading)
            _, rest = subsections(body)
            if rest.strip():
                titles[sub_page] = sub_title
                pages.setdefault(sub_page, []).append(promoted(rest).rstrip("\n") + "\n")
                held.setdefault(sub_page, []).extend(re.findall(r"^### (.*)$", rest, re.M))
    for page, texts in pages.items():
        path = Path("src/site/markdown") / (page + ".md")
        text = "# " + titles[page] + "\n\n" + "\n".join(texts)
        for heading, replacement in POST_EDITS.get(page, []):
            start = text.index(heading)
            end = text.index("\n### ", start + 1) + 1
            text = text[:start] + replacement + text[end:]
        path.write_text(text)
    links = ["## Documentation", "",
             "The manual is the plugin's site (`mvn site` writes it to `target/site/`, one page per goal included);",
             "its written pages, in this repository:", "",
             "- [Usage](src/site/markdown/usage.md): the example, `pluginGroups`, the guest filter, the release",
             "- [Worked examples](src/site/markdown/examples.md): a reactor of modules, a release, an import"]
    for page in held:
        sections_held = [re.sub(r"`", "", h) for h in held[page]]
        same = len(sections_held) == 1
        links.append("- [" + titles[page] + "](src/site/markdown/" + page + ".md)"
                     + ("" if same else ": " + "; ".join(sections_held)))
    out = [top.rstrip("\n") + "\n"]
    for heading, body in kept:
        if key(heading) == "License":
            out.append("\n".join(links) + "\n")
        out.append("## " + heading + "\n" + body.rstrip("\n") + "\n")
    readme.write_text("\n".join(out))
    print("moved:", {page: held[page] for page in held})


main()
