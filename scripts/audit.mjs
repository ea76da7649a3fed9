#!/usr/bin/env node
/**
 * Dependency audit of the production dependencies (issue #7), run by .ci/run after `npm ci`.
 *
 *  1. `npm audit --omit=dev --json`: fails (exit 1) on any high or critical advisory. When the registry's
 *     audit endpoint cannot be reached (offline CI, a mirror without the audit API: "405 Method Not
 *     Allowed"), prints "audit unavailable: <reason>" and does not fail — CI must not fail on network.
 *  2. Offline: the production dependency tree (`npm ls --omit=dev --all --json`) is checked against a
 *     short list of packages known to be problematic (unmaintained with unfixed advisories, or
 *     versions that were published maliciously). Any hit fails (exit 1).
 *
 *   node scripts/audit.mjs                       # both checks
 *   node scripts/audit.mjs --audit-json f.json   # evaluate a saved `npm audit --json` output (for testing)
 *   node scripts/audit.mjs --ls-json f.json      # evaluate a saved `npm ls --json` output (for testing)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Packages that must not be in the production tree. versions: exact versions, or null = any. */
export const PROBLEMATIC = [
  {
    name: 'xlsx',
    versions: null,
    reason:
      'SheetJS "xlsx" on npm is frozen at 0.18.5 with unfixed prototype pollution (CVE-2023-30533) and ReDoS (CVE-2024-22363); the app uses read-excel-file / write-excel-file',
  },
  { name: 'request', versions: null, reason: 'deprecated and unmaintained since 2020 (SSRF CVE-2023-28155)' },
  { name: 'node-serialize', versions: null, reason: 'unserialize() executes code (CVE-2017-5941)' },
  { name: 'event-stream', versions: ['3.3.6'], reason: 'malicious release (flatmap-stream)' },
  { name: 'flatmap-stream', versions: null, reason: 'malicious package' },
  { name: 'ua-parser-js', versions: ['0.7.29', '0.8.0', '1.0.0'], reason: 'malicious releases (Oct 2021)' },
  {
    name: 'coa',
    versions: ['2.0.3', '2.0.4', '2.1.1', '2.1.3', '3.0.1', '3.1.3'],
    reason: 'malicious releases',
  },
  { name: 'rc', versions: ['1.2.9', '1.3.9', '2.3.9'], reason: 'malicious releases' },
  {
    name: 'colors',
    versions: ['1.4.1', '1.4.2', '1.4.44-liberty-2'],
    reason: 'sabotaged releases (infinite loop)',
  },
  { name: 'faker', versions: ['6.6.6'], reason: 'sabotaged release' },
  { name: 'node-ipc', versions: ['10.1.1', '10.1.2', '10.1.3'], reason: 'protestware: overwrites files' },
];

/** Summary of `npm audit --json` output: { available, reason?, counts?, severe: [{name, severity}] }. */
export function summarizeAudit(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return { available: false, reason: 'npm audit printed no JSON' };
  }
  const counts = json?.metadata?.vulnerabilities;
  if (!counts || typeof counts !== 'object') {
    const reason =
      json?.message ?? json?.error?.summary ?? json?.error?.code ?? 'npm audit returned no report';
    return { available: false, reason: String(reason).split('\n')[0] };
  }
  const severe = Object.entries(json.vulnerabilities ?? {})
    .filter(([, v]) => v?.severity === 'high' || v?.severity === 'critical')
    .map(([name, v]) => ({ name, severity: v.severity }));
  return { available: true, counts, severe };
}

/** Every name@version in an `npm ls --json` tree. */
export function listPackages(tree) {
  const out = new Map();
  const walk = (deps) => {
    for (const [name, d] of Object.entries(deps ?? {})) {
      if (!d || typeof d !== 'object') continue;
      const key = `${name}@${d.version ?? '?'}`;
      if (out.has(key)) continue;
      out.set(key, { name, version: d.version ?? null });
      walk(d.dependencies);
    }
  };
  walk(tree?.dependencies);
  return [...out.values()];
}

/** Packages of the tree that are on the PROBLEMATIC list. */
export function flagPackages(packages) {
  const hits = [];
  for (const p of packages) {
    const rule = PROBLEMATIC.find((r) => r.name === p.name);
    if (rule && (rule.versions === null || rule.versions.includes(p.version)))
      hits.push({ ...p, reason: rule.reason });
  }
  return hits;
}

function npm(args) {
  const r = spawnSync('npm', args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main() {
  let failed = false;

  // 1. npm audit (online)
  const auditFile = argValue('--audit-json');
  const audit = auditFile
    ? { stdout: readFileSync(auditFile, 'utf8'), stderr: '' }
    : npm(['audit', '--omit=dev', '--json']);
  const a = audit.error ? { available: false, reason: audit.error.message } : summarizeAudit(audit.stdout);
  if (!a.available) {
    console.log(`audit unavailable: ${a.reason}`);
  } else {
    const c = a.counts;
    console.log(
      `npm audit (production): ${c.critical ?? 0} critical, ${c.high ?? 0} high, ${c.moderate ?? 0} moderate, ${c.low ?? 0} low`,
    );
    for (const v of a.severe) console.log(`  ${v.severity}: ${v.name}`);
    if ((c.critical ?? 0) + (c.high ?? 0) > 0) failed = true;
  }

  // 2. known-problematic packages in the production tree (offline)
  const lsFile = argValue('--ls-json');
  const ls = lsFile ? { stdout: readFileSync(lsFile, 'utf8') } : npm(['ls', '--omit=dev', '--all', '--json']);
  let tree = null;
  try {
    tree = JSON.parse(ls.stdout);
  } catch {
    console.log('dependency tree unavailable: npm ls printed no JSON');
  }
  if (tree) {
    const packages = listPackages(tree);
    const hits = flagPackages(packages);
    console.log(
      `production dependency tree: ${packages.length} packages, ${hits.length} on the list of known-problematic packages`,
    );
    for (const h of hits) console.log(`  ${h.name}@${h.version}: ${h.reason}`);
    if (hits.length > 0) failed = true;
    for (const p of tree.problems ?? []) console.log(`  note (npm ls): ${p}`);
  }

  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
