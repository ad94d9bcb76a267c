import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * No module may depend on itself through its imports (type-only imports included: a cycle of types is still a cycle
 * of reasons to change). Wiring is explicit (app.ts builds each service after what it needs), so nothing needs one.
 *
 * A domain's `index.ts` only forwards the names other domains use; an import through it is counted as an import of
 * the module that defines the name, so the check sees what really depends on what. The TypeScript compiler already
 * in devDependencies parses the files: no separate tool to install or keep in step.
 */
const ROOTS = ['electron', 'shared'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory()
      ? sourceFiles(p)
      : /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')
        ? [resolve(p)]
        : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p)) ?? null;
}

interface ImportEdge {
  target: string;
  /** The names imported, or null for `import * as`, a side-effect import or `export *`. */
  names: string[] | null;
}

function importsOf(file: string): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const edges: ImportEdge[] = [];
  for (const node of source.statements) {
    if (
      !(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) ||
      !node.moduleSpecifier ||
      !ts.isStringLiteral(node.moduleSpecifier)
    )
      continue;
    const target = resolveImport(file, node.moduleSpecifier.text);
    if (!target) continue;
    let names: string[] | null = null;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      if (clause && !clause.name && bindings && ts.isNamedImports(bindings))
        names = bindings.elements.map((e) => (e.propertyName ?? e.name).text);
    } else if (node.exportClause && ts.isNamedExports(node.exportClause)) {
      names = node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text);
    }
    edges.push({ target, names });
  }
  return edges;
}

/** For an index.ts that only forwards (`export … from`), the module each name comes from. */
function forwardsOf(file: string): Map<string, string> | null {
  if (!file.endsWith('/index.ts')) return null;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const forwards = new Map<string, string>();
  for (const node of source.statements) {
    if (
      !ts.isExportDeclaration(node) ||
      !node.moduleSpecifier ||
      !ts.isStringLiteral(node.moduleSpecifier) ||
      !node.exportClause ||
      !ts.isNamedExports(node.exportClause)
    )
      return null;
    const target = resolveImport(file, node.moduleSpecifier.text);
    if (!target) return null;
    for (const e of node.exportClause.elements) forwards.set(e.name.text, target);
  }
  return forwards;
}

function dependencyGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of ROOTS.flatMap((r) => sourceFiles(r))) {
    if (forwardsOf(file)) continue;
    const targets = new Set<string>();
    for (const edge of importsOf(file)) {
      const forwards = forwardsOf(edge.target);
      if (!forwards) targets.add(edge.target);
      else for (const name of edge.names ?? [...forwards.keys()]) targets.add(forwards.get(name) ?? edge.target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle's modules (strongly connected components of more than one module, or a module importing itself). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative('.', w));
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles', () => {
  it('no module of electron/ or shared/ depends on itself through its imports', () => {
    expect(cycles(dependencyGraph())).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph).map((c) => c.length)).toEqual([3]);
  });
});
