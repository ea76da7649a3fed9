/**
 * Bundle check after `vite build` (part of `npm test`): the built app must run under its
 * Content-Security-Policy without 'unsafe-eval' / 'unsafe-inline' (src/security/csp.ts), so
 *  - no dynamic code in dist/**\/*.js|mjs: `eval(...)`, indirect `(0, eval)`, `new Function(...)` /
 *    `Function(...)`, string timers `setTimeout("…")`, WebAssembly compilation;
 *  - dist/index.html carries the CSP meta with script-src 'self' and has no inline script.
 * Prints every finding with file and context; exits 1 on any finding that is not allow-listed below.
 *
 *   npx tsx scripts/check-bundle.ts [distDir]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

interface Rule {
  id: string;
  re: RegExp;
}

const RULES: Rule[] = [
  { id: 'eval', re: /(?<![\w$.])eval\s*\(/g },
  { id: 'indirect-eval', re: /[(,]\s*(?:window\.|self\.|globalThis\.)?eval\s*\)/g },
  { id: 'member-eval', re: /(?:window|self|globalThis)\s*\.\s*eval\s*\(/g },
  { id: 'new-Function', re: /\bnew\s+Function\s*\(/g },
  { id: 'Function-call', re: /(?<![\w$.])Function\s*\(/g },
  { id: 'string-timer', re: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g },
  { id: 'wasm-compile', re: /\bWebAssembly\s*\.\s*(?:compile|instantiate)\w*\s*\(/g },
];

/** Source files of the app (src/**), for the preconditions of allow-list entries. */
function appSources(): string {
  const root = resolve(import.meta.dirname, '../src');
  const files: string[] = [];
  const walkSrc = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walkSrc(p);
      else if (/\.tsx?$/.test(n)) files.push(p);
    }
  };
  walkSrc(root);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/**
 * Known occurrences in dependencies that never run in this app. `file` matches the chunk name without its
 * hash, `context` a substring around the match; `holds` re-checks the reason on every run (if it fails,
 * the occurrence counts as a finding again).
 */
const ALLOW: { rule: string; file: RegExp; context: string; reason: string; holds: () => boolean }[] = [
  {
    rule: 'member-eval',
    file: /maplibre-gl-worker\.mjs$/,
    context: 'else globalThis.eval(',
    reason:
      'maplibre-gl worker loadScript(): only for importScriptInWorkers()/setRTLTextPlugin() with a non-ESM script; the app calls neither',
    holds: () => !/\b(importScriptInWorkers|setRTLTextPlugin)\b/.test(appSources()),
  },
];

export interface Finding {
  file: string;
  rule: string;
  offset: number;
  context: string;
  allowed: string | null;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(m?js)$/.test(name)) out.push(p);
  }
  return out;
}

export function scanSource(file: string, src: string): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    for (const m of src.matchAll(rule.re)) {
      const at = m.index ?? 0;
      const context = src.slice(Math.max(0, at - 60), at + m[0].length + 60).replace(/\s+/g, ' ');
      const base = file.replace(/-[\w-]{8}(?=\.m?js$)/, '');
      const allow = ALLOW.find(
        (a) => a.rule === rule.id && a.file.test(base) && context.includes(a.context) && a.holds(),
      );
      out.push({ file, rule: rule.id, offset: at, context, allowed: allow?.reason ?? null });
    }
  }
  return out;
}

export function checkIndexHtml(html: string): string[] {
  const problems: string[] = [];
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html);
  if (!meta) problems.push('index.html: no Content-Security-Policy meta');
  else {
    const policy = meta[1].replace(/&#39;/g, "'");
    if (!/(^|;)\s*script-src 'self'\s*(;|$)/.test(policy))
      problems.push(`index.html: CSP script-src is not exactly 'self': ${policy}`);
    if (/unsafe-eval|unsafe-inline/.test(policy)) problems.push(`index.html: CSP allows unsafe-*: ${policy}`);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(m[1]) || m[2].trim() !== '')
      problems.push(`index.html: inline script: ${m[0].slice(0, 80)}`);
  }
  if (/\son[a-z]+\s*=/i.test(html)) problems.push('index.html: inline event handler attribute');
  return problems;
}

function main() {
  const dist = resolve(process.argv[2] ?? 'dist');
  const files = walk(dist);
  if (files.length === 0) {
    console.error(`check-bundle: no .js files under ${dist} – run "vite build" first`);
    process.exit(1);
  }
  const findings = files.flatMap((f) => scanSource(relative(dist, f), readFileSync(f, 'utf8')));
  const problems = checkIndexHtml(readFileSync(join(dist, 'index.html'), 'utf8'));
  for (const f of findings) {
    const tag = f.allowed ? `allowed (${f.allowed})` : 'NOT ALLOWED';
    console.log(`${f.file} @${f.offset} [${f.rule}] ${tag}\n    …${f.context}…`);
  }
  for (const p of problems) console.log(p);
  const bad = findings.filter((f) => !f.allowed);
  console.log(
    `check-bundle: ${files.length} files, ${findings.length} dynamic-code finding(s), ${bad.length} not allow-listed; ` +
      `index.html: ${problems.length === 0 ? 'CSP meta ok, no inline script' : `${problems.length} problem(s)`}`,
  );
  if (bad.length > 0 || problems.length > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
