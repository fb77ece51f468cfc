"""The rating round in the window: the Retreat menu's actions, the set-up dialog, and the
presenter's live view with the QR code. Only `actions` is imported at start-up; the server,
the QR code and the views load when a round opens."""
