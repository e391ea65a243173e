import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { KernelError } from './kernel-error.js';

/**
 * Keeps a plugin's queries to its own tables (`<id>_…`): a Kysely plugin on the `ctx.db` a plugin
 * gets, so reading or writing the core's or another plugin's tables fails at once, naming the
 * table, instead of resting on convention. Another plugin's data is reached through its service
 * refs, the core's through `ctx`. Aliases and CTE names declared in the same query are allowed;
 * raw `sql` fragments are not parsed (they are visible in review, and rare).
 */
export function ownTablesOnly(pluginId: string): KyselyPlugin {
  const prefix = `${pluginId}_`;
  // A query built once and run many times (prepared queries, hot paths) is checked once.
  const checked = new WeakSet<RootOperationNode>();
  return {
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      if (checked.has(node)) return node;
      const { tables, local } = namesIn(node);
      for (const table of tables) {
        if (!table.startsWith(prefix) && !local.has(table)) throw new KernelError(`Plugin "${pluginId}" may use only its own tables ("${prefix}…"), not "${table}"`);
      }
      checked.add(node);
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => result,
  };
}

type Node = OperationNode & Record<string, unknown>;

/** Every table name the query names, and the aliases and CTE names it declares itself. */
function namesIn(root: OperationNode): { tables: Set<string>; local: Set<string> } {
  const tables = new Set<string>();
  const local = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    if (node.kind === 'TableNode') {
      const name = (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
      tables.add(name);
      return;
    }
    if (node.kind === 'AliasNode') {
      const alias = (node as unknown as { alias: { kind: string; name?: string } }).alias;
      if (alias.kind === 'IdentifierNode' && alias.name) local.add(alias.name);
    }
    if (node.kind === 'CommonTableExpressionNameNode') {
      local.add((node as unknown as { table: { table: { identifier: { name: string } } } }).table.table.identifier.name);
    }
    for (const key in node) if (key !== 'kind') visit(node[key]);
  };
  visit(root);
  return { tables, local };
}
