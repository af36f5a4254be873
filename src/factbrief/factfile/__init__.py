"""factfile."""
