"""SPEC §11, `gmvcli score`: every merchant of a table at once.

- `batch.score_batch`: the batch function (Arrow record batch in, record batch out), pure, so that
  the local loop, Dask's `map_partitions` and Spark's `mapInArrow` all run the same code; it reads
  the cells (`cells`), completes each row's merchant (`merchants`) and collects the problems of
  bad rows (`problems`);
- `forecast`: §4 and §5 over columns (the engine's formulas on numpy arrays);
- `tables`: reading CSV/JSONL/Parquet in batches; `run`: the local and Dask engines.

pyarrow and numpy (and dask, for `--engine dask`) are imported inside functions: they come with
the `scale` extra and only this command loads them.
"""
