// A query nested deeper than any legitimate one is refused before it runs.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    // Each fragment's depth is computed once, so the work stays linear in the document even when
    // fragments spread each other twice per level (a doubling that would otherwise be exponential).
    const known = new Map<string, number>();
    const inProgress = new Set<string>();

    const fragmentDepth = (name: string): number => {
      const memo = known.get(name);
      if (memo !== undefined) return memo;
      // A cycle is NoFragmentCyclesRule's to report; here it adds nothing.
      if (inProgress.has(name)) return 0;
      inProgress.add(name);
      const depth = depthOf(fragments.get(name)?.selectionSet);
      inProgress.delete(name);
      known.set(name, depth);
      return depth;
    };

    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const sel of set.selections) {
        // Introspection's `ofType` only unwraps list/non-null wrappers (IDEs nest it ~8 deep to read
        // any type): it adds no depth, while cycles through `fields`/`type` still count.
        if (sel.kind === Kind.FIELD)
          deepest = Math.max(deepest, (sel.name.value === 'ofType' ? 0 : 1) + depthOf(sel.selectionSet));
        else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(sel.selectionSet));
        else deepest = Math.max(deepest, fragmentDepth(sel.name.value));
      }
      return deepest;
    };

    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > max) {
          context.reportError(
            new GraphQLError(`query: nested ${depth} levels deep, the limit is ${max}`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', field: 'query' },
            }),
          );
        }
      },
    };
  };
}
