"""Assets by layer: ingested (documents), extracted (sections, mentions, metrics), published (release)."""
