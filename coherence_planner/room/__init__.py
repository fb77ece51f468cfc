"""The room: the small web server a rating round runs on the local network while it is open,
and the page it serves. Qt-free, so it runs (and is tested) without a window; the window's
part is ui/room/. Imported only when a round opens, never at start-up."""
