"""What a user does to applications, without a screen: create (with the private key kept),
rotate a key, export / apply / clone JSON documents, import a private key.

No Textual here (tests check it): every operation takes a ``VonageClient`` and a ``KeyVault`` and
returns an outcome, so scripts can use them and the rules (what is sent, when a key is stored)
are tested without a terminal. The TUI drives them from ``vonage_tui.tui.flows``.

- ``create``: a new application's document, its key pair, the POST and storing the key.
- ``rotate``: a new key pair replacing an application's, never leaving no working key.
- ``export``: documents as JSON files (export, apply plan, clone body).
- ``key_import``: what storing an imported private key would replace, and whether it matches.
- ``key_storage``: storing a new private key in the vault, or in a file when that fails.
- ``lost_answers``: whether a change happened when its answer was lost.
"""
