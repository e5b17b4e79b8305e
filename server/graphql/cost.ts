// The price of one operation, computed from the validated document before anything runs: every
// field counts (so every alias does), list fields multiply what they select by their expected
// length, and range-taking fields add the rollup blocks they would read and the points they return.
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { calendarBuckets, type Granularity, type Window } from '../core/buckets.js';
import { rangeWindows } from '../core/drift-rules/windows.js';
import { countBlocks } from '../core/grid.js';
import type { RangeLimits } from '../core/range-limits.js';

export interface CostSettings extends RangeLimits {
  /** CLARA_MAX_POINTS: also the most profiles one `profiles` answer holds. */
  points: number;
  timeZone: string;
  /** Whole buckets before the first point a `drift` series reads for its baseline. */
  baselineWindows: number;
  /** Assumed length of a list whose length nothing in the request tells (labels, models …). */
  listSize: number;
}

/** What a field costs beyond itself: work done once, and how many items its list holds. */
interface Estimate {
  work: number;
  items?: number;
  /** Lengths of lists one level down, e.g. a report's `series`. */
  childItems?: Record<string, number>;
}

type Args = Record<string, unknown>;

/** A raw sliver of a range is a scan of stored rows: priced as this many blocks. */
export const RAW_SLIVER_COST = 100;

function windowOf(args: Args, limits: RangeLimits): Window | null {
  const range = args.range as { from?: unknown; to?: unknown } | undefined;
  if (!(range?.from instanceof Date) || !(range.to instanceof Date)) return null;
  const span = range.to.getTime() - range.from.getTime();
  // Ranges the field itself refuses (reversed, too long) cost nothing to refuse.
  return span > 0 && span <= limits.spanMs ? { start: range.from, end: range.to } : null;
}

function readCost(windows: readonly Window[]): number {
  let cost = 0;
  for (const w of windows) {
    const { blocks, rawEdges } = countBlocks(w);
    cost += blocks + rawEdges * RAW_SLIVER_COST;
  }
  return cost;
}

function bucketsOf(args: Args, s: CostSettings, fallback: Granularity): Window[] | null {
  const range = windowOf(args, s);
  if (!range) return null;
  const granularity = (args.granularity as Granularity | undefined) ?? fallback;
  try {
    return calendarBuckets(
      range.start,
      range.end,
      granularity,
      (args.timeZone as string | undefined) ?? s.timeZone,
      s.points,
    );
  } catch {
    return null; // too many points or an unknown zone: the resolver refuses it before reading anything
  }
}

const ESTIMATES: Record<string, (args: Args, s: CostSettings) => Estimate> = {
  'Query.metrics': (args, s) => {
    const buckets = bucketsOf(args, s, 'DAY');
    return buckets
      ? { work: readCost(buckets), childItems: { series: buckets.length } }
      : { work: 0, childItems: { series: 0 } };
  },
  // Priced as `metrics`: the same buckets; its calibration is stored, or fitted from day blocks.
  'Query.performanceEstimate': (args, s) => {
    const buckets = bucketsOf(args, s, 'DAY');
    return buckets
      ? { work: readCost(buckets), childItems: { series: buckets.length } }
      : { work: 0, childItems: { series: 0 } };
  },
  'Query.drift': (args, s) => {
    const range = windowOf(args, s);
    if (!range || bucketsOf(args, s, 'DAY') === null) return { work: 0, items: 0 };
    const granularity = (args.granularity as Granularity | undefined) ?? 'DAY';
    const { points, whole } = rangeWindows(
      range,
      granularity,
      (args.timeZone as string | undefined) ?? s.timeZone,
      s.baselineWindows,
      s.points,
    );
    return { work: readCost(whole), items: points.length };
  },
  'Query.metricsByClass': (args, s) => single(args, s),
  'Query.confusionMatrix': (args, s) => single(args, s),
  'Query.sampleDistribution': (args, s) => single(args, s),
  'Query.profiles': (args, s) => {
    const range = windowOf(args, s);
    return {
      work: 0,
      items: range ? Math.min(s.points, Math.ceil((range.end.getTime() - range.start.getTime()) / 3_600_000)) : 0,
    };
  },
};

/** Lists whose length is known to be small: one delivery per configured webhook and event. */
const LIST_SIZES: Record<string, number> = { 'Alert.deliveries': 4 };

function single(args: Args, s: CostSettings): Estimate {
  const range = windowOf(args, s);
  return { work: range ? readCost([range]) : 0 };
}

function fieldDef(
  parent: GraphQLNamedType,
  name: string,
  schema: GraphQLSchema,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType() && name === '__schema') return SchemaMetaFieldDef;
  if (parent === schema.getQueryType() && name === '__type') return TypeMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** The estimated cost of `operation`; `variables` are the coerced ones (empty for a mutation). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Args,
  settings: CostSettings,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  // A fragment's cost depends only on the list lengths handed down to it: each is priced once,
  // so fragments that spread each other twice per level stay linear to price.
  const priced = new Map<string, number>();

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, items: number | undefined): number => {
    const def = fieldDef(parent, node.name.value, schema);
    if (!def) return 1;
    let args: Args = {};
    try {
      args = getArgumentValues(def, node, variables);
    } catch {
      args = {}; // an argument that does not coerce fails the request before any work
    }
    const estimate = ESTIMATES[`${parent.name}.${def.name}`]?.(args, settings) ?? { work: 0 };
    const type = getNamedType(def.type);
    const below =
      node.selectionSet && isCompositeType(type) ? setCost(node.selectionSet, type, estimate.childItems) : 0;
    if (!isListType(getNullableType(def.type))) return 1 + estimate.work + below;
    const limit = typeof args.limit === 'number' ? args.limit : undefined;
    const length = estimate.items ?? items ?? limit ?? LIST_SIZES[`${parent.name}.${def.name}`] ?? settings.listSize;
    return 1 + estimate.work + length * Math.max(below, 1);
  };

  const setCost = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    childItems: Record<string, number> | undefined,
  ): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) total += fieldCost(sel, parent, childItems?.[sel.name.value]);
      else if (sel.kind === Kind.INLINE_FRAGMENT)
        total += setCost(sel.selectionSet, typeNamed(sel.typeCondition?.name.value) ?? parent, childItems);
      else total += fragmentCost(sel.name.value, parent, childItems);
    }
    return total;
  };

  const typeNamed = (name: string | undefined) => (name === undefined ? undefined : schema.getType(name));

  const fragmentCost = (
    name: string,
    parent: GraphQLNamedType,
    childItems: Record<string, number> | undefined,
  ): number => {
    const key = `${name}|${parent.name}|${JSON.stringify(childItems ?? {})}`;
    const known = priced.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    priced.set(key, 0); // cycles are refused by validation; never recurse forever regardless
    const cost = fragment
      ? setCost(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value) ?? parent, childItems)
      : 0;
    priced.set(key, cost);
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? setCost(operation.selectionSet, root, undefined) : 0;
}
