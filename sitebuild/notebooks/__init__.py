"""The chapters' notebooks: made from the pages, written, rendered by
mkdocs-jupyter and mended for this site."""
