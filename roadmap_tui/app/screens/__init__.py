"""The app's screens: each shows a view of the session and asks the user."""
