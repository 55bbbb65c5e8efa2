"""Korean search: word forms split with Kiwi for Material's search index."""
