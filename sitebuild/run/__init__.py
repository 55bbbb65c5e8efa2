"""Running the pages' examples: the engine, the runs, their results and
their cache. The results lock is this whole folder (:mod:`sitebuild.digests`)."""
