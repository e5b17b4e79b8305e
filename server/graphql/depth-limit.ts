// A query nested deeper than any legitimate one is refused before it runs.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const sel of set.selections) {
        // Introspection's `ofType` only unwraps list/non-null wrappers (IDEs nest it ~8 deep to read
        // any type): it adds no depth, while cycles through `fields`/`type` still count.
        if (sel.kind === Kind.FIELD) deepest = Math.max(deepest, (sel.name.value === 'ofType' ? 0 : 1) + depthOf(sel.selectionSet, seen));
        else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(sel.selectionSet, seen));
        else if (!seen.has(sel.name.value)) {
          const fragment = fragments.get(sel.name.value);
          deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, sel.name.value])));
        }
      }
      return deepest;
    };

    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max) {
          context.reportError(new GraphQLError(`query: nested ${depth} levels deep, the limit is ${max}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', field: 'query' } }));
        }
      },
    };
  };
}
