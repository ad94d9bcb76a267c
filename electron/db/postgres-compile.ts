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
  type OperationNode,
  type OperationNodeSource,
  type QueryId,
  type RawBuilder,
  type RawNode,
  type RootOperationNode,
} from 'kysely';

/**
 * Compiling the app's queries for PostgreSQL. The domains build every query once with `qb` (sync-query.ts), which
 * compiles for SQLite; for a PostgreSQL connection the same operation tree goes through Kysely's
 * PostgresQueryCompiler instead. The SQL fragments whose spelling differs (sql-fns.ts) are built in SQLite's
 * spelling and register their PostgreSQL spelling here, keyed by their node: the PostgreSQL compile swaps them in,
 * and the SQLite path never looks (it compiles the tree as it was built, at the same cost as before).
 */

const postgresSpellings = new WeakMap<OperationNode, () => RawBuilder<unknown>>();

/**
 * `sqlite`, with `postgres` (built only when a query is compiled for PostgreSQL) as its spelling there. Returns
 * `sqlite`, to be used in the query as any fragment is.
 */
export function withPostgresSpelling<T>(sqlite: RawBuilder<T>, postgres: () => RawBuilder<T>): RawBuilder<T> {
  postgresSpellings.set(sqlite.toOperationNode(), postgres);
  return sqlite;
}

class PostgresSpellings extends OperationNodeTransformer {
  protected override transformRaw(node: RawNode, queryId?: QueryId): RawNode {
    const spelling = postgresSpellings.get(node);
    return super.transformRaw(spelling ? spelling().toOperationNode() : node, queryId);
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
