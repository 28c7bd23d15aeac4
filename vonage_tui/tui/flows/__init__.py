"""The TUI side of what a user does to applications: confirmations, file prompts, diffs, key
capture, notifications, announcements.

Each ``run_*`` coroutine takes the account's typed ``Services`` (never the app), drives the
Textual-free operations of ``vonage_tui.operations``, and returns a typed outcome
(``outcomes.py``) for the screen that started it to apply. They wait for modals, so they run
in a worker; ``launch`` makes it an app worker, so closing the screen that started a flow
cannot cancel a write or drop a private key. Every expected error ends as a message and an
outcome: these never raise.

- ``create``: the one create sequence (key → POST → key stored or captured), for the create
  form and clone.
- ``rotate``, ``export``, ``apply``, ``clone``: one verb each.
- ``save_application``: an editor's save (preview → conflict check → PUT); ``saving`` holds
  what every editor's save takes. The editor runs it in an app worker itself, to keep its
  "still waiting… esc cancels" watch on the request.
- ``key_capture``: a new private key the key store would not take goes to a file.
- ``common``: launching, the read-only refusal, asking for a JSON file.
"""
