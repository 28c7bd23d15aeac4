"""Flows behind the create, rotate, delete, export, apply and clone actions.

The modules here without ``ui`` in their name never import Textual: they take a client and a
key vault and return outcomes, so the rules (what is sent, when a key is stored) are tested
without a terminal. ``flows.py`` drives them from the TUI (modals, key capture).
"""
