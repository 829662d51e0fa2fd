"""Residents answer back: 纠错 reports on every page, questions with official replies.

The top layer beside search and open data: it reads plans and districts, nothing below imports
it. Contact details (PIPL) live in their own table (``Contact``), seen only by the moderators
of an item's section and administrators: docs/feedback.md.
"""
