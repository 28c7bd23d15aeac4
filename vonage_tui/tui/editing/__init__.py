"""Editor state that needs no Textual: the document outline, field parsing, edits and problems.

The application editor's widgets render what these functions compute, so the rules of editing
(what is a field, what can be added, what blocks a save) are tested without a terminal.
"""
