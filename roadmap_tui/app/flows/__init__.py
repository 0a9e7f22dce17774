"""What the main screen does, one concern a module: editing, capture, forms, files,
safekeeping, the timer, comparing and the conference's exports.

Each flow is a plain class the main screen holds. It turns a request (a key, a
widget's message) into model edits on the open document and into questions asked
with dialogs (``push_screen_wait`` inside a worker); the screen's bound roadmap
then redraws what depends on it. Flows see the screen only through ``MainView``.
"""
