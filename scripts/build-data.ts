/**
 * `npm run data` — build public/data/ (runtime contract: manifest, areas, full/{esb,em,es}, institutions, tables)
 * and data/reference/ (full-resolution GeoJSON of every area layer; not served) from the raw Berlin sources
 * listed in data/sources.json.
 *
 *   npm run data                                 # from ../shared/data/berlin (default, when it exists)
 *   npm run data -- --from DIR                   # from another folder with the same layout
 *   npm run data -- --download [--base-url URL]  # fetch the official URLs (or a mirror with the same paths)
 *   npm run data -- --out DIR                    # write elsewhere (default public/data)
 *   npm run data -- --reference DIR              # reference geometry folder (default data/reference;
 *                                                # with --out, written only when --reference is given)
 */
import { parseArgs } from 'node:util';
import { buildData } from './data/build';
import {
  DEFAULT_FROM,
  DEFAULT_OUT,
  DEFAULT_REFERENCE,
  defaultFromExists,
  fmtBytes,
  SOURCES_JSON,
} from './data/cli';
import { PipelineError } from './data/errors';
import { folderSizes } from './data/output';

const USAGE = `Usage: npm run data -- [--from DIR | --download [--base-url URL]] [--out DIR] [--reference DIR] [--sources FILE]`;

async function main(): Promise<number> {
  let values: {
    from?: string;
    download?: boolean;
    'base-url'?: string;
    out?: string;
    reference?: string;
    sources?: string;
    help?: boolean;
    quiet?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        download: { type: 'boolean' },
        'base-url': { type: 'string' },
        out: { type: 'string' },
        reference: { type: 'string' },
        sources: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.download && values.from) {
    console.error(`--from and --download exclude each other.\n${USAGE}`);
    return 2;
  }
  if (values['base-url'] && !values.download) {
    console.error(`--base-url needs --download.\n${USAGE}`);
    return 2;
  }
  let from = values.from;
  if (!values.download && !from) {
    if (!defaultFromExists()) {
      console.error(
        `No source folder: ${DEFAULT_FROM} does not exist.\nDownload the sources instead: npm run data -- --download\n(or point to a folder: npm run data -- --from DIR)`,
      );
      return 1;
    }
    from = DEFAULT_FROM;
  }
  const log = values.quiet ? () => {} : (s: string) => console.log(s);
  try {
    const { manifest, outDir, ms } = await buildData({
      from,
      download: values.download,
      baseUrl: values['base-url'],
      out: values.out ?? DEFAULT_OUT,
      // the default reference folder belongs to the default output; with --out it is written only on request
      reference: values.reference ?? (values.out ? undefined : DEFAULT_REFERENCE),
      sourcesPath: values.sources ?? SOURCES_JSON,
      log,
    });
    const size = folderSizes(outDir);
    const refDir = manifest.reference
      ? (values.reference ?? (values.out ? undefined : DEFAULT_REFERENCE))
      : undefined;
    const refSize = refDir ? folderSizes(refDir) : undefined;
    const c = manifest.counts;
    console.log(
      [
        `✔ Data written to ${outDir} (${manifest.source.mode}: ${manifest.source.location})`,
        `  Areas: ${c.bez} Bezirke / ${c.pgr} Prognoseräume / ${c.bzr} Bezirksregionen / ${c.plr} Planungsräume; ${c.esb} Einschulbereiche, ${c.em} + ${c.es} Erhaltungsgebiete`,
        `  Institutions: ${c.schools} schools, ${c.youth} youth facilities, ${c.kitas} Kitas, ${c.housing} housing sites`,
        `  Tables: population ${c.population} rows, MSS 2021 ${c.mss} rows`,
        `  Join report: ${manifest.joinReport.map((r) => `${r.id} ${r.count}`).join(', ')}`,
        `  Size: ${size.files} files, ${fmtBytes(size.raw)} raw, ${fmtBytes(size.gzip)} gzip`,
        refDir
          ? `  Reference geometry (not served): ${refDir}, ${refSize?.files} files, ${fmtBytes(refSize?.raw ?? 0)} raw`
          : '  Reference geometry: not written (pass --reference DIR)',
        `  Time: ${(ms / 1000).toFixed(1)} s`,
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    if (e instanceof PipelineError) {
      console.error(
        `✘ Data build failed: ${e.message}\n  (the previous output folder, if any, was left unchanged)`,
      );
    } else {
      console.error(
        '✘ Data build failed with an unexpected error (the previous output folder was left unchanged):',
      );
      console.error(e);
    }
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
