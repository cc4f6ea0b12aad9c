/**
 * No second copy of the label table (issue 13 point 10). Enumerated values are named once, in
 * src-preload/contract/labels.ts; a map of an enum's values to Chinese words anywhere else — an
 * object `{ supervisor: '客服主管', director: '主任', … }` or option pairs `[['director', '主任'], …]` —
 * is how paper came to say 主任 where the screen said 服务中心主任. This reads every source file
 * of main and the renderer and refuses such a map (half or more of an enum's values, at least two).
 * Migrations are exempt: what they write is fixed history and must not change with today's labels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  COMPENSATION_KINDS,
  CONTACT_METHODS,
  DEADLINE_KINDS,
  ESCALATION_LEVELS,
  LIFECYCLE_ACTIONS,
  SATISFACTIONS,
  SEVERITIES,
  STAFF_ROLES,
  STATUSES,
  URGENCIES,
  VALIDITIES,
} from '../../src-preload/contract';

const ROOT = join(__dirname, '..', '..');
const ENUMS: Record<string, readonly string[]> = {
  status: STATUSES,
  severity: SEVERITIES,
  urgency: URGENCIES,
  validity: VALIDITIES,
  channel: CHANNELS,
  role: STAFF_ROLES,
  escalation: ESCALATION_LEVELS,
  deadlineKind: DEADLINE_KINDS,
  satisfaction: SATISFACTIONS,
  contactMethod: CONTACT_METHODS,
  compensation: COMPENSATION_KINDS,
  action: LIFECYCLE_ACTIONS,
};
const THE_TABLE = 'src-preload/contract/labels.ts';
const EXEMPT = [THE_TABLE, 'src-main/db/migrations/'];
const CHINESE = /[\u4e00-\u9fff]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const text = (node: ts.Node | undefined) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined);
const keyOf = (name: ts.PropertyName) => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined);

/** Enum values named in Chinese by one literal: the keys of an object, or the first items of [value, label] pairs. */
function namedValues(node: ts.Node): string[] | undefined {
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.flatMap((p) => (ts.isPropertyAssignment(p) && CHINESE.test(text(p.initializer) ?? '') ? [keyOf(p.name) ?? ''] : []));
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap((e) => {
      if (!ts.isArrayLiteralExpression(e) || e.elements.length !== 2) return [];
      const [value, label] = e.elements;
      return CHINESE.test(text(label) ?? '') && text(value) ? [text(value)!] : [];
    });
  }
  return undefined;
}

function copiesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const named = namedValues(node);
    if (named?.length) {
      for (const [kind, values] of Object.entries(ENUMS)) {
        const hits = values.filter((v) => named.includes(v));
        if (hits.length >= 2 && hits.length * 2 >= values.length) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          found.push(`${relative(ROOT, file)}:${line + 1} names ${kind} values (${hits.join(', ')}): take them from ${THE_TABLE}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('one source for every label', () => {
  it('no file outside contract/labels.ts maps an enum’s values to Chinese names of its own', () => {
    const files = ['src-main', 'src-renderer/src', 'src-preload'].flatMap((d) => sourceFiles(join(ROOT, d)));
    const checked = files.filter((f) => !EXEMPT.some((e) => relative(ROOT, f).startsWith(e)));
    expect(checked.length).toBeGreaterThan(50);
    expect(checked.flatMap(copiesIn)).toEqual([]);
  });

  it('finds a copy when there is one (the check itself works)', () => {
    const probe = join(ROOT, THE_TABLE);
    // The table is exactly such a map: the check must see every enum in it.
    const kinds = new Set(copiesIn(probe).map((line) => /names (\w+) values/.exec(line)![1]));
    expect([...kinds].sort()).toEqual(Object.keys(ENUMS).sort());
  });
});
