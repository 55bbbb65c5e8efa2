"""Reading a page into its plan, and putting its results where its markers are."""
