import {
  createQueryId,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type UnknownRow,
  OperationNodeTransformer,
  PostgresQueryCompiler,
  type CompiledQuery,
  type OperationNodeSource,
  type QueryId,
  type RawBuilder,
  type RawNode,
  type RootOperationNode,
  type TableNode,
  type ValueNode,
} from 'kysely';

/**
 * Compiling the app's queries for PostgreSQL. The domains build every query once with `qb` (sync-query.ts), which
 * compiles for SQLite; for a PostgreSQL connection the same operation tree goes through Kysely's
 * PostgresQueryCompiler instead. The SQL fragments whose spelling differs (sql-fns.ts) are built in SQLite's
 * spelling; each fragment's template (the strings of its `sql` tagged template, one object per place in the source)
 * is registered once with its PostgreSQL spelling, which the PostgreSQL compile builds from the fragment's own
 * parameters. The SQLite path compiles the tree as it was built and pays nothing per query for this.
 */

/** A SQLite fragment's parameters, as the PostgreSQL spelling receives them. */
export interface FragmentParts {
  /** Each parameter, to be placed in a `sql` template. */
  nodes: readonly OperationNodeSource[];
  /** The bound value of parameter `i` (a plain value, not an expression), or undefined. */
  value: (i: number) => unknown;
  /** The table named by parameter `i` (written with `sql.table`). */
  table: (i: number) => string;
}

const postgresSpellings = new Map<readonly string[], (parts: FragmentParts) => RawBuilder<unknown>>();

/**
 * Gives the fragments one function of sql-fns.ts builds (all from one `sql` template) a PostgreSQL spelling. Answers
 * the function that marks a built fragment: the template is registered the first time, after which it is one check.
 */
export function postgresSpelling(postgres: (parts: FragmentParts) => RawBuilder<unknown>) {
  let registered = false;
  return <T>(sqlite: RawBuilder<T>): RawBuilder<T> => {
    if (!registered) {
      postgresSpellings.set(sqlite.toOperationNode().sqlFragments, postgres);
      registered = true;
    }
    return sqlite;
  };
}

function partsOf(node: RawNode): FragmentParts {
  const p = node.parameters;
  return {
    nodes: p.map((n) => ({ toOperationNode: () => n })),
    value: (i) => (p[i]?.kind === 'ValueNode' ? (p[i] as ValueNode).value : undefined),
    table: (i) => {
      const wrapped = p[i] as RawNode;
      return (wrapped.parameters[0] as TableNode).table.identifier.name;
    },
  };
}

class PostgresSpellings extends OperationNodeTransformer {
  protected override transformRaw(node: RawNode, queryId?: QueryId): RawNode {
    const spelling = postgresSpellings.get(node.sqlFragments);
    return super.transformRaw(spelling ? spelling(partsOf(node)).toOperationNode() : node, queryId);
  }
}

const compiler = new PostgresQueryCompiler();
const spellings = new PostgresSpellings();

/** A query built with `qb` (or a `sql` template), as PostgreSQL SQL with `$1, $2…` parameters. */
export function compileForPostgres(query: OperationNodeSource): CompiledQuery {
  const node = spellings.transformNode(query.toOperationNode() as RootOperationNode);
  return compiler.compileQuery(node, createQueryId());
}

/** The same swap for the async Kysely (`kdb`) on PostgreSQL, whose dialect compiles the queries itself. */
export const postgresSpellingsPlugin: KyselyPlugin = {
  transformQuery: (args: PluginTransformQueryArgs) => spellings.transformNode(args.node),
  transformResult: (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => Promise.resolve(args.result),
};
