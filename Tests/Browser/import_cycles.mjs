#!/usr/bin/env node
// Fails when the web UI's ES modules import each other in a cycle.
//
// Usage: node Tests/Browser/import_cycles.mjs [JS_DIR]   (default: Sources/LoupeHTTP/Public/js)
//
// Reads every .js file under JS_DIR, follows static `import … from '…'`, `import '…'`,
// `export … from '…'` and dynamic `import('…')` with a string literal, resolves relative
// specifiers, and prints each strongly connected component (Tarjan) with more than one module,
// or a module importing itself. Exits 1 when there is one (or an import names no file), else 0.

import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '../../Sources/LoupeHTTP/Public/js'));

function jsFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.isFile() && entry.name.endsWith('.js') ? [path] : [];
  });
}

// Comments are blanked first so commented-out imports do not count; string contents are kept,
// and `//` inside a string (a URL) is not taken for a comment.
function withoutComments(source) {
  return source.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (match, string) => string ?? match.replace(/[^\n]/g, ' '));
}

const SPECIFIERS = [
  /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?(['"])([^'"\n]+)\1/g, // import x from '…', import '…'
  /\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\1/g, // export … from '…'
  /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g, // import('…')
];

function importsOf(file) {
  const source = withoutComments(readFileSync(file, 'utf8'));
  const targets = new Set();
  for (const pattern of SPECIFIERS) {
    for (const match of source.matchAll(pattern)) {
      const specifier = match[2];
      if (!specifier.startsWith('./') && !specifier.startsWith('../') && !specifier.startsWith('/')) continue;
      const target = specifier.startsWith('/') ? resolve(root, '..', '.' + specifier) : resolve(dirname(file), specifier);
      if (!existsSync(target) || !statSync(target).isFile()) {
        console.error(`${relative(root, file)}: cannot resolve '${specifier}'`);
        process.exitCode = 1;
        continue;
      }
      targets.add(target);
    }
  }
  return [...targets];
}

const files = jsFiles(root).sort();
const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => target.startsWith(root))]));

// Tarjan's strongly connected components, iterative so deep chains cannot overflow the stack.
function components(graph) {
  let next = 0;
  const index = new Map(), low = new Map(), onStack = new Set(), stack = [], found = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, next); low.set(start, next); next += 1; stack.push(start); onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, position] = frame;
      const edges = graph.get(node) ?? [];
      if (position < edges.length) {
        frame[1] += 1;
        const target = edges[position];
        if (!index.has(target)) {
          index.set(target, next); low.set(target, next); next += 1; stack.push(target); onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do { member = stack.pop(); onStack.delete(member); component.push(member); } while (member !== node);
        found.push(component);
      }
    }
  }
  return found;
}

// One concrete loop through a component, for a readable report: a shortest path back to `start`.
function loopThrough(start, members) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const target of graph.get(node)) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step = node; step !== start; step = previous.get(step)) path.splice(1, 0, step);
        return [...path, start];
      }
      if (!previous.has(target)) { previous.set(target, node); queue.push(target); }
    }
  }
  return [start, start];
}

const name = (file) => relative(root, file);
const cycles = components(graph).filter((component) => component.length > 1 || graph.get(component[0]).includes(component[0]));
for (const component of cycles) {
  const members = new Set(component);
  const sorted = [...component].sort();
  console.log(`import cycle among ${component.length} modules: ${sorted.map(name).join(', ')}`);
  console.log(`  e.g. ${loopThrough(sorted[0], members).map(name).join(' -> ')}`);
}
if (cycles.length || process.exitCode) process.exit(1);
console.log(`no import cycles among ${files.length} modules`);
