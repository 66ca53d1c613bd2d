"""The stylesheet and script inlined into the HTML report (the page must fetch nothing)."""

CSS = """\
:root { --ok: #1a7f37; --moved: #9a6700; --dead: #cf222e; --unsure: #6e40c9; --line: #d0d7de; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 3rem; color: #1f2328;
  font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP",
    "Noto Sans JP", "Yu Gothic", "Microsoft YaHei", "Malgun Gothic", sans-serif;
}
a, code, .note-text, .problem { overflow-wrap: anywhere; }
a { color: #0550ae; }
h1 { font-size: 1.5em; margin: 0.25rem 0; }
h2 { font-size: 1.2em; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--line); }
h2 small, .toc small, .line, .reason, .problem small { color: #59636e; font-weight: normal; }
.source { margin: 0; color: #59636e; overflow-wrap: anywhere; }
.summary { font-weight: 600; }
.counts, .toc ul { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; list-style: none; padding: 0; }
.offline { padding: 0.5rem 0.75rem; border: 1px solid var(--unsure); border-radius: 6px; }
.badge {
  display: inline-block; padding: 0 0.45em; border: 1px solid currentColor; border-radius: 1em;
  font-size: 0.8em; font-weight: 600; line-height: 1.5; white-space: nowrap;
}
.badge.resolvable { color: var(--ok); }
.badge.moved { color: var(--moved); }
.badge.dead { color: #fff; background: var(--dead); border-color: var(--dead); }
.badge.inconclusive { color: var(--unsure); }
.filter { position: sticky; top: 0; z-index: 1; background: #fff; padding: 0.5rem 0;
  border-bottom: 1px solid var(--line); }
.filter button {
  font: inherit; font-size: 0.85em; margin: 0.15rem 0.1rem; padding: 0.15rem 0.65rem;
  border: 1px solid var(--line); border-radius: 1em; background: #f6f8fa; cursor: pointer;
}
.filter button[aria-pressed="true"] { background: #0550ae; border-color: #0550ae; color: #fff; }
.filter output { margin-left: 0.5rem; font-size: 0.85em; color: #59636e; }
.notes { list-style: none; padding: 0; margin: 0; }
.note { margin: 0.6rem 0; padding: 0.5rem 0.75rem; border: 1px solid var(--line);
  border-left: 4px solid var(--ok); border-radius: 6px; }
.note[data-verdicts=""] { border-left-color: var(--line); }
.note[data-needs-work="true"] { border-left-color: var(--dead); }
.note-head { display: flex; gap: 0.75rem; align-items: baseline; }
.mark { font-weight: 700; font-size: 1.05em; }
.note-text { margin: 0.2rem 0 0.4rem; }
.citations, .links, .problems { margin: 0.2rem 0; padding-left: 1.1rem; }
.citation { margin: 0.3rem 0; font-size: 0.92em; }
.citation > span + span::before { content: " · "; color: #8c959f; }
.citation .title { font-weight: 600; }
.citation .type, .backref { color: #59636e; font-size: 0.85em; }
.links { list-style: none; padding-left: 0.25rem; }
.link { margin: 0.15rem 0; }
.fix { margin-left: 1.25rem; font-size: 0.9em; }
.fix::before { content: "→ "; }
.problem.error b { color: var(--dead); }
.problem.warning b { color: var(--moved); }
@media (max-width: 40rem) {
  body { padding: 0.5rem 0.6rem 2rem; font-size: 14px; }
  .filter { position: static; }
  .note { padding: 0.4rem 0.5rem; }
  .citations, .problems { padding-left: 0.8rem; }
  .fix { margin-left: 0.5rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filter, .toc { display: none !important; }
  .note { break-inside: avoid; border-width: 1px 1px 1px 3px; }
  a { color: inherit; text-decoration: none; }
  .badge.dead { color: var(--dead); background: none; }
}
"""

JS = """\
(function () {
  "use strict";
  var nav = document.querySelector("nav.filter");
  if (!nav) { return; }
  var notes = Array.prototype.slice.call(document.querySelectorAll("li.note"));
  var chapters = Array.prototype.slice.call(document.querySelectorAll("section.chapter"));
  var buttons = Array.prototype.slice.call(nav.querySelectorAll("button[data-filter]"));
  var shown = nav.querySelector("output.shown");
  var names = buttons.map(function (b) { return b.getAttribute("data-filter"); });

  function matches(note, filter) {
    if (filter === "all") { return true; }
    if (filter === "problems") { return note.getAttribute("data-needs-work") === "true"; }
    var verdicts = " " + note.getAttribute("data-verdicts") + " ";
    return verdicts.indexOf(" " + filter + " ") >= 0;
  }

  function apply(filter) {
    var count = 0;
    notes.forEach(function (note) {
      var visible = matches(note, filter);
      note.hidden = !visible;
      if (visible) { count += 1; }
    });
    chapters.forEach(function (chapter) {
      var hasNotes = chapter.querySelector("li.note:not([hidden])") !== null;
      var hasProblems = filter === "problems" && chapter.querySelector(":scope > .problems");
      chapter.hidden = filter !== "all" && !hasNotes && !hasProblems;
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === filter));
    });
    shown.textContent = count + " of " + notes.length + " notes shown";
    document.body.setAttribute("data-filter", filter);
  }

  nav.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-filter]");
    if (!button) { return; }
    var filter = button.getAttribute("data-filter");
    apply(filter);
    try { history.replaceState(null, "", "#filter=" + filter); } catch (e) { /* file: URLs */ }
  });

  var wanted = /^#filter=([a-z]+)$/.exec(location.hash);
  nav.hidden = false;
  apply(wanted && names.indexOf(wanted[1]) >= 0 ? wanted[1] : "all");
})();
"""
