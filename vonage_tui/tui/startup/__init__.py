"""From `vonage-tui` to a connected app, one module per part:

- ``launch``: command-line options → the app (demo or real account), and running it.
- ``demo``: ``--demo``'s emulator and session (the only importer of the emulator).
- ``config``: what a run of the flow is given (flags, environment, stores, test seams).
- ``steps``: what the flow asks a UI to do next, and what the credentials form sends.
- ``flow``: ``Startup``, the steps from a profile to a session, without Textual.
- ``profiles``: the saved profiles as the profiles screen lists and deletes them.
- ``deferred_vault``: private keys in a store opened on first use.
- ``texts``: what start-up says to the person at the terminal.
- ``driver``: the start screen, and the driver that turns steps into screens.

Nothing is re-exported here, so importing one module costs only what that module needs.
"""
