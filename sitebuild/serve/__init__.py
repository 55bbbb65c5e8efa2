"""`mkdocs serve --dirty`: rebuild only the pages an edit changed."""
