"""Reads clara-monitor profile files with whylogs 1.6.4, merges them per window and prints JSON.

Usage: python read_profiles.py FILE...

Files are grouped by the dataset timestamp whylogs reads from them (one group per window) and
each group is merged with DatasetProfileView.merge, as a whylogs user would. WHY1 files are read
with why.read; v0 files (what whylogs itself writes for profiles with model performance metrics)
with whylogs.migration.converters.read_v0_to_view. Classification metrics are derived from the
merged whylogs ConfusionMatrix (whylogs 1.6.4 has no accuracy/precision/recall/F1 functions of its
own): per-label precision, recall and F1 with 0 for an empty denominator, and their macro mean.
"""
import json
import logging
import sys

logging.disable(logging.WARNING)  # whylogs warns on every "None" label; stdout must stay JSON

try:
    import whylogs
    import whylogs as why
    import whylogs_sketching as ds
    from whylogs.migration.converters import read_v0_to_view
except ImportError as error:
    sys.exit(f"whylogs 1.6.4 is not importable by {sys.executable}: {error}")

if whylogs.__version__ != "1.6.4":
    sys.exit(f"expected whylogs 1.6.4, found {whylogs.__version__} in {sys.executable}")

QUANTILE_RANKS = [0.1, 0.5, 0.9]


def read(path):
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic == b"WHY1":
        return "WHY1", why.read(path).view()
    return "v0", read_v0_to_view(path)


def millis(moment):
    return round(moment.timestamp() * 1000)


def column_summary(column):
    counts = column.get_metric("counts")
    types = column.get_metric("types")
    dist = column.get_metric("distribution")
    summary = {
        "n": counts.n.value,
        "null": counts.null.value,
        "types": {name: getattr(types, name).value for name in ("integral", "fractional", "boolean", "string", "object")},
        "cardinality": column.get_metric("cardinality").hll.value.get_estimate(),
    }
    kll = dist.kll.value
    summary["distribution"] = {
        "n": kll.get_n(),
        "mean": dist.mean.value,
        "quantiles": kll.get_quantiles(QUANTILE_RANKS) if not kll.is_empty() else [],
    }
    frequent = column.get_metric("frequent_items")
    if frequent is not None:
        items = frequent.frequent_strings.value.get_frequent_items(ds.frequent_items_error_type.NO_FALSE_POSITIVES)
        summary["frequent"] = {item: [estimate, lower, upper] for item, estimate, lower, upper in items}
    return summary


def classification(view):
    performance = view.model_performance_metrics
    if performance is None or performance.confusion_matrix is None:
        return None
    matrix = performance.confusion_matrix
    labels = list(matrix.labels)
    size = len(labels)
    counts = [[0] * size for _ in range(size)]
    for (predicted, actual), cell in matrix.confusion_matrix.items():
        counts[predicted][actual] = cell.n
    total = sum(map(sum, counts))
    per_label = {}
    for i, label in enumerate(labels):
        tp = counts[i][i]
        predicted = sum(counts[i])
        actual = sum(row[i] for row in counts)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1}
    return {
        "labels": labels,
        "counts": counts,
        "accuracy": sum(counts[i][i] for i in range(size)) / total,
        "macro": {key: sum(m[key] for m in per_label.values()) / size for key in ("precision", "recall", "f1")},
        "perLabel": per_label,
    }


def main(paths):
    files = []
    windows = {}
    for path in paths:
        file_format, view = read(path)
        files.append({
            "path": path,
            "format": file_format,
            "datasetTimestamp": millis(view.dataset_timestamp),
            "creationTimestamp": millis(view.creation_timestamp),
            "metadata": dict(view.metadata or {}),
            "hasPerformanceMetrics": view.model_performance_metrics is not None,
        })
        key = millis(view.dataset_timestamp)
        windows[key] = windows[key].merge(view) if key in windows else view
    result = {"files": files, "windows": []}
    for key in sorted(windows):
        merged = windows[key]
        result["windows"].append({
            "datasetTimestamp": millis(merged.dataset_timestamp),
            "creationTimestamp": millis(merged.creation_timestamp),
            "metadata": dict(merged.metadata or {}),
            "columns": {name: column_summary(column) for name, column in merged.get_columns().items()},
            "classification": classification(merged),
        })
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
