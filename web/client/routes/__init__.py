"""Routes of the web client, grouped by what they serve."""
