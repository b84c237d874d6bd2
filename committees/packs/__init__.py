"""Committee agenda packs: agenda numbering, uploads, the pack builder, visibility, publishing and clear days.

- ``agenda``: item numbers (``B1``), the motion to exclude the press and public;
- ``uploads``: checking and storing uploaded PDFs in private storage;
- ``content``: the print HTML of the front sheet, cover reports, notices and stamps;
- ``builder``: lays the pack out, renders (with a cache per part) and assembles both packs;
- ``assemble``: merges the parts keeping their tagging, stamps page numbers, adds the outline;
- ``services`` / ``selectors``: writes and reads; ``clear_days``: the five clear days rule.
"""
