import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../../../renderer/src');
const TOKENS = join(SRC, 'styles/tokens.css');
/** A colour written out: #rgb/#rrggbb(aa), rgb()/rgba(), hsl()/hsla(), or a named white/black as a value. */
const COLOUR = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(|:\s*(?:white|black)\s*[;}]/g;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path, ext) : ext.test(e.name) ? [path] : [];
  });
}

/** Each line that writes a colour, as "file:line: text", comments left out. */
function colourLines(path: string): string[] {
  const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return text
    .split('\n')
    .flatMap((line, i) => (line.match(COLOUR) ? [`${relative(SRC, path)}:${i + 1}: ${line.trim()}`] : []));
}

describe('the renderer design tokens', () => {
  it('writes every colour in styles/tokens.css and nowhere else (stylesheets and components)', () => {
    const outside = [...files(SRC, /\.css$/), ...files(SRC, /\.tsx?$/)]
      .filter((f) => f !== TOKENS)
      .flatMap(colourLines);
    expect(outside).toEqual([]);
  });

  it('has one light and one dark block of custom properties, and no other stylesheet defines a :root', () => {
    const tokens = readFileSync(TOKENS, 'utf8');
    expect(tokens.match(/^:root\s*\{/gm)).toHaveLength(1);
    expect(tokens.match(/^:root\[data-theme='dark'\]\s*\{/gm)).toHaveLength(1);
    expect(tokens).not.toContain('prefers-color-scheme');
    const others = files(SRC, /\.css$/).filter((f) => f !== TOKENS && /:root\b/.test(readFileSync(f, 'utf8')));
    expect(others.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('sets every font size from the type scale', () => {
    const literal = files(SRC, /\.css$/)
      .filter((f) => f !== TOKENS)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/font-size:\s*[0-9.]+(px|rem|em)/.test(line) ? [`${relative(SRC, f)}:${i + 1}`] : [])),
      );
    expect(literal).toEqual([]);
  });

  it('takes every margin, padding, gap and radius from the spacing and radius tokens (0 and 1px hairlines aside)', () => {
    const SPACING =
      /^\s*(?:margin|padding|gap|row-gap|column-gap|(?:margin|padding)-[a-z-]+|border(?:-[a-z]+)*-radius)\s*:([^;]*)/;
    const literal = files(SRC, /\.css$/)
      .filter((f) => f !== TOKENS)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => {
            const value = SPACING.exec(line)?.[1] ?? '';
            const raw = [...value.matchAll(/-?\b[0-9.]+(px|rem|em)\b/g)].filter((m) => !/^-?(0|1px)$/.test(m[0]));
            return raw.length ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [];
          }),
      );
    expect(literal).toEqual([]);
  });

  it('gives every token a dark value that the light block also defines (no token exists in one theme only)', () => {
    const tokens = readFileSync(TOKENS, 'utf8');
    const block = (selector: RegExp) =>
      new Set([...(tokens.match(selector)?.[1] ?? '').matchAll(/(--[\w-]+):/g)].map((m) => m[1]));
    const light = block(/^:root\s*\{([\s\S]*?)^\}/m);
    const dark = block(/^:root\[data-theme='dark'\]\s*\{([\s\S]*?)^\}/m);
    expect([...dark].filter((t) => !light.has(t))).toEqual([]);
  });
});
