/**
 * The `bildungsraum` command: `inspect FILE` and `join …` (thin over src/io and src/spatial).
 */
import { runInspect } from './inspect';

const USAGE = `bildungsraum – Werkzeuge zum Datenimport / data import tools

  bildungsraum inspect FILE [FILE …] [--sheet NAME|N] [--crs EPSG:25833] [--report report.csv]
      Datei prüfen: Format, Kodierung, Trennzeichen, Spalten, Koordinatensystem, Bericht (JSON;
      bei mehreren Dateien eine JSON-Zeile pro Datei)
  bildungsraum join --points FILE --areas FILE.geojson [--level plr|bzr|pgr|bez] --out FILE.csv
      Punkte Gebieten zuordnen
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'inspect') return await runInspect(rest);
    if (cmd === 'join') {
      const mod = (await import('./join')) as { runJoin?: (argv: string[]) => Promise<number> };
      if (!mod.runJoin) {
        process.stderr.write('join: not available\n');
        return 2;
      }
      return await mod.runJoin(rest);
    }
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      process.stdout.write(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    process.stderr.write(`unbekannter Befehl "${cmd}"\n${USAGE}`);
    return 2;
  } catch (e) {
    // last line of defence: a message, never a stack trace dump for users
    process.stderr.write(`Fehler: ${(e as Error).message}\n`);
    return 1;
  }
}
