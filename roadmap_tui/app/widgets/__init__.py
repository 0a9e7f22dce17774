"""The panes: widgets that show a roadmap and send messages; no rules live here."""
