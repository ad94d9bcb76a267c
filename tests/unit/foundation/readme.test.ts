import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { secretNames, settingDefs, settingKeys } from '../../../shared/settings';
import { commands } from '../../../electron/cli/index';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('README stays true', () => {
  it('documents every setting with its default', () => {
    for (const key of settingKeys)
      expect(readme, key).toContain(`| \`${key}\` | \`${JSON.stringify(settingDefs[key].default)}\``);
  });
  it('documents every secret', () => {
    for (const name of secretNames) expect(readme, name).toContain(`| \`${name}\` |`);
  });
  it('documents every npm script', () => {
    for (const script of Object.keys(pkg.scripts))
      expect(readme, script).toMatch(new RegExp(`npm (run )?${script.replace(/[:]/g, '\\:')}\\b|npm ${script}\\b`));
  });
  it('documents every CLI command', () => {
    for (const c of commands) expect(readme, c.name).toContain(`\`${c.name}`);
  });
  it('says why each dependency is there', () => {
    const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter(
      (d) => !d.startsWith('@types/'),
    );
    const table = readme.slice(readme.indexOf('## Why each dependency is there'));
    for (const d of deps)
      expect(table, d).toMatch(
        new RegExp(`(^|[|,\\s])${d.replace(/[/.@-]/g, (m) => `\\${m}`)}( \\(\\d+\\))?( \\(dev\\))?[ ,|]`, 'm'),
      );
  });
});
