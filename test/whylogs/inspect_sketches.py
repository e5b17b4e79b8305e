"""Deserializes sketch bytes with whylogs_sketching (the DataSketches build whylogs 1.6.4 uses)
and reports what it reads, next to a reference sketch it builds itself from the same values.

Reads JSON from stdin: a list of {"kind": "kll" | "hll" | "frequent_strings", "hex": ..., and
"ranks": [...] for kll, "strings": [...] or "doubles": [...] for hll, "updates": [[item, weight]]
for frequent_strings}. Prints a JSON list of results in the same order.
"""
import json
import sys

try:
    import whylogs
    import whylogs_sketching as ds
except ImportError as error:
    sys.exit(f"whylogs 1.6.4 is not importable by {sys.executable}: {error}")

if whylogs.__version__ != "1.6.4":
    sys.exit(f"expected whylogs 1.6.4, found {whylogs.__version__} in {sys.executable}")


def inspect_kll(request, data):
    sketch = ds.kll_doubles_sketch.deserialize(data)
    result = {"n": sketch.get_n(), "k": sketch.get_k(), "isEmpty": sketch.is_empty(),
              "numRetained": sketch.get_num_retained()}
    if not sketch.is_empty():
        result["min"] = sketch.get_min_value()
        result["max"] = sketch.get_max_value()
        result["quantiles"] = sketch.get_quantiles(request["ranks"])
        # merging exercises the level structure, not just the header
        merged = ds.kll_doubles_sketch(k=sketch.get_k())
        merged.merge(sketch)
        merged.merge(ds.kll_doubles_sketch.deserialize(data))
        result["mergedTwiceN"] = merged.get_n()
    return result


def inspect_hll(request, data):
    sketch = ds.hll_sketch.deserialize(data)
    reference = ds.hll_sketch(sketch.lg_config_k)
    for value in request.get("strings", []):
        reference.update(value)
    for value in request.get("doubles", []):
        reference.update(float(value))
    union = ds.hll_union(sketch.lg_config_k)
    union.update(sketch)
    return {"estimate": sketch.get_estimate(), "referenceEstimate": reference.get_estimate(),
            "referenceHex": reference.serialize_compact().hex(), "unionEstimate": union.get_result().get_estimate()}


def inspect_frequent_strings(request, data):
    sketch = ds.frequent_strings_sketch.deserialize(data)
    reference = ds.frequent_strings_sketch(10)
    for item, weight in request["updates"]:
        reference.update(item, weight)

    def items(s):
        rows = s.get_frequent_items(ds.frequent_items_error_type.NO_FALSE_NEGATIVES)
        return sorted([item, estimate, lower, upper] for item, estimate, lower, upper in rows)

    return {"totalWeight": sketch.get_total_weight(), "numActive": sketch.get_num_active_items(),
            "items": items(sketch), "referenceItems": items(reference),
            "referenceTotalWeight": reference.get_total_weight()}


INSPECTORS = {"kll": inspect_kll, "hll": inspect_hll, "frequent_strings": inspect_frequent_strings}

if __name__ == "__main__":
    requests = json.load(sys.stdin)
    json.dump([INSPECTORS[r["kind"]](r, bytes.fromhex(r["hex"])) for r in requests], sys.stdout)
