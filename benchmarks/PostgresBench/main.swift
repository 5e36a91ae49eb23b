// placeholder: replaced by the benchmark's real sources
