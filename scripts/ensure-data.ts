/**
 * Used by `npm start`, `npm run dev` and `npm test`: make sure public/data (and the reference geometry in
 * data/reference) exists, is complete and was built by the current pipeline version. Fast no-op when it is up to date; otherwise builds it from the default source
 * folder (../shared/data/berlin) or explains how to download the sources.
 */
import { DEFAULT_FROM, DEFAULT_OUT, DEFAULT_REFERENCE, defaultFromExists, SOURCES_JSON } from './data/cli';
import { staleReason } from './data/version';

async function main(): Promise<number> {
  const reason = staleReason(DEFAULT_OUT, DEFAULT_REFERENCE);
  if (reason === null) return 0;
  console.log(`Data needs a build: ${reason}.`);
  if (!defaultFromExists()) {
    console.error(
      `The default source folder ${DEFAULT_FROM} does not exist.\nDownload the sources and build the data with:  npm run data -- --download\n(or from a local copy:  npm run data -- --from DIR)`,
    );
    return 1;
  }
  const { buildData } = await import('./data/build');
  const { PipelineError } = await import('./data/errors');
  try {
    const { manifest, ms } = await buildData({
      from: DEFAULT_FROM,
      out: DEFAULT_OUT,
      reference: DEFAULT_REFERENCE,
      sourcesPath: SOURCES_JSON,
      log: (s) => console.log(s),
    });
    const c = manifest.counts;
    console.log(
      `✔ public/data built in ${(ms / 1000).toFixed(1)} s: ${c.plr} PLR, ${c.schools} schools, ${c.youth} youth facilities, ${c.kitas} Kitas.`,
    );
    return 0;
  } catch (e) {
    console.error(`✘ Data build failed: ${e instanceof PipelineError ? e.message : String(e)}`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
